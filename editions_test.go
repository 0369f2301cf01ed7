package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBuildEditions builds with --answers and --large-print: the extra PDFs
// are written, a change of flags rebuilds an up-to-date file, and the same
// flags again skip it.
func TestBuildEditions(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "w.toml")
	write(t, src, fixture(t, "small.toml"))
	out := filepath.Join(dir, "out")

	steps := []struct {
		args  []string
		built bool
		files []string
	}{
		{nil, true, []string{"w-summary.pdf", "w.pdf"}},
		{nil, false, []string{"w-summary.pdf", "w.pdf"}},
		{[]string{"--answers", "--large-print"}, true, []string{"w-answers.pdf", "w-large.pdf", "w-summary.pdf", "w.pdf"}},
		{[]string{"--answers", "--large-print"}, false, []string{"w-answers.pdf", "w-large.pdf", "w-summary.pdf", "w.pdf"}},
		// A new set of flags starts the manifest afresh, so the large
		// print of the build before is left as it was.
		{[]string{"--answers"}, true, []string{"w-answers.pdf", "w-large.pdf", "w-summary.pdf", "w.pdf"}},
	}
	for i, st := range steps {
		args := append(append([]string{"build", "-o", out}, st.args...), src)
		code, stdout, stderr := runHandout(t, fixedEnv, args...)
		if code != 0 {
			t.Fatalf("step %d: exit status %d\n%s", i, code, stderr)
		}
		if built := strings.Contains(stdout, "wrote "); built != st.built {
			t.Errorf("step %d %q: built = %v, want %v\n%s", i, st.args, built, st.built, stdout)
		}
		if got := tree(t, out); !slices.Equal(got, st.files) {
			t.Errorf("step %d %q: output folder holds %q, want %q", i, st.args, got, st.files)
		}
	}
}

func TestBuildEditionClash(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "c", "a.toml"), fixture(t, "small.toml"))
	write(t, filepath.Join(dir, "c", "a-answers.toml"), fixture(t, "small.toml"))
	code, _, stderr := runHandout(t, fixedEnv, "build", "--answers", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "c"))
	if code != 2 || !strings.Contains(stderr, "would both write") {
		t.Errorf("exit status %d, stderr %q; want 2 and a clash", code, stderr)
	}
}
