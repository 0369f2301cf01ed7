package main

import (
	"path/filepath"
	"slices"
	"testing"

	"handout/build"
)

// TestCLIReportKinds builds a worksheet with a summary sheet with each
// edition and imposition: the JSON report gives each PDF's kind, in the
// order File makes them, when built and when up to date.
func TestCLIReportKinds(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.toml")
	write(t, file, fixture(t, "small.toml"))
	tests := []struct {
		flags []string
		kinds []build.Kind
	}{
		{nil, []build.Kind{build.Worksheet, build.Summary}},
		{[]string{"--answers"}, []build.Kind{build.Worksheet, build.Summary, build.Answers}},
		{[]string{"--large-print"}, []build.Kind{build.Worksheet, build.Summary, build.LargePrint}},
		{[]string{"--impose", "2up"}, []build.Kind{build.Worksheet, build.Summary, build.TwoUp}},
		{[]string{"--impose", "booklet", "--large-print", "--answers", "--gray"},
			[]build.Kind{build.Worksheet, build.Summary, build.Answers, build.LargePrint, build.Booklet}},
	}
	for i, tt := range tests {
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		var want []string
		for _, k := range tt.kinds {
			want = append(want, k.String()+" "+filepath.Join(out, "a"+k.Suffix()+".pdf"))
		}
		for _, status := range []string{"built", "skipped"} {
			args := append([]string{"build", "--report", "json", "-o", out}, tt.flags...)
			code, stdout, stderr := runHandout(t, fixedEnv, append(args, file)...)
			if code != 0 {
				t.Fatalf("%q: exit %d\n%s", tt.flags, code, stderr)
			}
			r := decodeReport(t, stdout)
			if len(r.Files) != 1 || r.Files[0].Status != status {
				t.Fatalf("%q: files %+v, want a.toml %s", tt.flags, r.Files, status)
			}
			var got []string
			for _, o := range r.Files[0].Outputs {
				got = append(got, o.Kind+" "+o.Path)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q, %s: outputs\n%q\nwant\n%q", tt.flags, status, got, want)
			}
		}
	}
}
