package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"handout/build"
	"handout/document"
)

// TestWarnings reports a file's warnings on stderr after what it wrote,
// as GitHub warning annotations, in the JSON report and in the summary
// line, and fails nothing.
func TestWarnings(t *testing.T) {
	r := build.Result{
		Source:  build.Source{Name: "a.toml"},
		Status:  build.Built,
		Outputs: []build.Written{{Output: build.Output{Kind: build.Worksheet}, Path: "out/a.pdf", Pages: 1}},
		Warnings: document.Errors{
			{File: "a.toml", Line: 3, Column: 9, Msg: "first"},
			{File: "a.toml", Line: 7, Column: 1, Msg: "second"},
		},
	}
	tests := []struct {
		name         string
		json, github bool
		stdout       []string // substrings, in order
		stderr       []string
	}{
		{"lines", false, false,
			[]string{"wrote out/a.pdf (1 page)"},
			[]string{"a.toml:3:9: warning: first\na.toml:7:1: warning: second\n", "built 1 PDF (1 page) from 1 file in 0.0 s; 2 warnings\n"}},
		{"annotations", false, true,
			[]string{"wrote out/a.pdf", "::warning file=a.toml,line=3,col=9::first\n::warning file=a.toml,line=7,col=1::second\n"},
			[]string{"a.toml:3:9: warning: first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs strings.Builder
			c := &console{cmd: "build", stdout: &out, stderr: &errs, github: tt.github, now: time.Now, start: time.Now(), total: 1}
			c.result(r)
			if status := c.finish(nil, 0); status != exitOK {
				t.Errorf("exit status %d, want %d: warnings fail nothing", status, exitOK)
			}
			inOrder(t, "stdout", out.String(), tt.stdout)
			inOrder(t, "stderr", errs.String(), tt.stderr)
		})
	}
	t.Run("json", func(t *testing.T) {
		var out, errs strings.Builder
		c := &console{cmd: "build", stdout: &out, stderr: &errs, json: true, now: time.Now, start: time.Now(), total: 1, reports: []fileReport{}}
		c.result(r)
		c.finish(nil, 0)
		var rep struct {
			Files []struct {
				Errors   []problem `json:"errors"`
				Warnings []problem `json:"warnings"`
			} `json:"files"`
			Summary struct {
				Warnings int `json:"warnings"`
			} `json:"summary"`
		}
		if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
			t.Fatalf("the report is not JSON: %v\n%s", err, out.String())
		}
		if len(rep.Files) != 1 || len(rep.Files[0].Warnings) != 2 || len(rep.Files[0].Errors) != 0 {
			t.Fatalf("report files %+v, want one with 2 warnings and no errors", rep.Files)
		}
		if w := rep.Files[0].Warnings[1]; w != (problem{File: "a.toml", Line: 7, Column: 1, Message: "second"}) {
			t.Errorf("second warning %+v", w)
		}
		if rep.Summary.Warnings != 2 {
			t.Errorf("summary warnings %d, want 2", rep.Summary.Warnings)
		}
	})
	t.Run("none", func(t *testing.T) {
		if ps := warningsOf(build.Result{Source: build.Source{Name: "b.toml"}}); len(ps) != 0 {
			t.Errorf("warningsOf a result without warnings = %v, want none", ps)
		}
		f := newFileReport(build.Result{Source: build.Source{Name: "b.toml"}, Status: build.Built}, nil, nil)
		b, _ := json.Marshal(f)
		if !strings.Contains(string(b), `"warnings":[]`) {
			t.Errorf("a file without warnings reports %s, want \"warnings\":[]", b)
		}
	})
}

// inOrder checks that s holds each of want, in order.
func inOrder(t *testing.T, what, s string, want []string) {
	t.Helper()
	rest := s
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("%s does not have %q (after what came before):\n%s", what, w, s)
			return
		}
		rest = rest[i+len(w):]
	}
}

// TestFormFeedWarning checks that handout check and handout build warn,
// once, of form feeds in text, which are not page breaks, and fail
// nothing.
func TestFormFeedWarning(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "content/a.toml", "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\ntext = \"One.\\fTwo.\\fThree.\"\n")
	const want = "content/a.toml:6:13: warning: a form feed (\\f) in text is printed as a space, not as a page break: to start a new page, give the block page_break = true, or its [[section]] new_page = true\n"
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := runHandout(t, fixedEnv, cmd)
		if code != exitOK || strings.Count(stderr, "warning: a form feed") != 1 || !strings.Contains(stderr, want) {
			t.Errorf("handout %s: exit %d, stderr\n%s\nwant exit 0 and once\n%s", cmd, code, stderr, want)
		}
	}
}
