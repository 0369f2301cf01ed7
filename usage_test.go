package main

import (
	"flag"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestJobsForms checks that -j takes its number in every form people
// write it in: -j 1, -j1 (as make takes it), -j=1.
func TestJobsForms(t *testing.T) {
	e := env{stdout: io.Discard, stderr: io.Discard, getenv: fixedEnv}
	for _, args := range [][]string{
		{"-j", "3", "content/"},
		{"-j3", "content/"},
		{"--j3", "content/"},
		{"-j=3", "content/"},
		{"--j=3", "content/"},
		{"content/", "-j3"},
		{"-q", "-j3", "--quiet", "content/"},
	} {
		for _, cmd := range []string{"build", "check", "watch"} {
			o, code := parseOptions(cmd, args, e)
			if code != -1 || o.jobs != 3 || !slices.Equal(o.paths, []string{"content/"}) {
				t.Errorf("%s %q: jobs %d, paths %q, exit status %d; want 3, [content/], none", cmd, args, o.jobs, o.paths, code)
			}
		}
	}
	// A whole build with -j1.
	dir := t.TempDir()
	src := filepath.Join(dir, "a.toml")
	write(t, src, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-j1", "-o", out, src); code != 0 {
		t.Fatalf("build -j1: exit status %d\n%s", code, stderr)
	}
	if got, want := tree(t, out), []string{"a-summary.pdf", "a.pdf"}; !slices.Equal(got, want) {
		t.Errorf("build -j1 wrote %q, want %q", got, want)
	}
}

func TestSplitJobs(t *testing.T) {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.Int("j", 0, "")
	fl.String("o", "", "")
	fl.Bool("force", false, "")
	tests := []struct{ args, want string }{
		{"-j1 a.toml", "-j 1 a.toml"},
		{"-j12", "-j 12"},
		{"a.toml -j2", "a.toml -j 2"},
		{"--force -j2", "--force -j 2"},
		{"-j 2 -j=3", "-j 2 -j=3"},
		{"-jx", "-jx"},                     // not a number: the flag package says so
		{"-j", "-j"},                       // no value: likewise
		{"-o -j1 a.toml", "-o -j1 a.toml"}, // a folder named -j1
		{"-o=x -j1", "-o=x -j 1"},
		{"-- -j1", "-- -j1"}, // a path after --
		{"a -- -j1", "a -- -j1"},
	}
	for _, tt := range tests {
		got := strings.Join(splitJobs(fl, strings.Fields(tt.args)), " ")
		if got != tt.want {
			t.Errorf("splitJobs(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
