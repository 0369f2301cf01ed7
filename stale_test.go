package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestStaleEditionsCLI builds with --answers, --large-print and --impose
// 2up, then without, changes the file: every build says which editions are
// older than it, on stderr, as annotations and in the JSON report, until
// they are built again.
func TestStaleEditionsCLI(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	src := filepath.Join(content, "x.toml")
	write(t, src, fixture(t, "small.toml"))
	write(t, filepath.Join(content, "y.toml"), fixture(t, "small.toml"))
	buildAll := func(args ...string) (int, string, string) {
		t.Helper()
		return cliRun(t, cliOpts{getenv: vars("SOURCE_DATE_EPOCH", "1700000000", "GITHUB_ACTIONS", "true")}, append(append([]string{"build", "-o", out}, args...), content)...)
	}
	if code, _, stderr := buildAll("--answers", "--large-print", "--impose", "2up"); code != 0 {
		t.Fatalf("build with the editions: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := buildAll(); code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("build without them, nothing changed: exit %d, stderr:\n%s\nwant 0, no warnings", code, stderr)
	}
	write(t, src, fixture(t, "small.toml")+"\n# changed\n")
	stale := func(suffix, flag string) string {
		return src + ": warning: " + filepath.Join(out, "x"+suffix+".pdf") + " is older than x.toml: build with " + flag + " to update it"
	}
	want := []string{stale("-answers", "--answers"), stale("-large", "--large-print"), stale("-2up", "--impose 2up")}
	for _, step := range []string{"x changed", "again"} {
		code, stdout, stderr := buildAll()
		if code != 0 {
			t.Errorf("%s: exit status %d", step, code)
		}
		for _, w := range want {
			if !hasLine(stderr, w) {
				t.Errorf("%s: stderr:\n%s\nwant the line\n%s", step, stderr, w)
			}
		}
		if n := strings.Count(stdout, "::warning file="+src+"::"); n != 3 {
			t.Errorf("%s: %d annotations of x.toml, want 3\nstdout:\n%s", step, n, stdout)
		}
		if !strings.HasSuffix(stderr, "; 3 warnings\n") {
			t.Errorf("%s: the summary line does not count 3 warnings:\n%s", step, stderr)
		}
	}

	code, stdout, _ := buildAll("--report", "json")
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 0 {
		t.Fatalf("--report json: exit %d, %v", code, err)
	}
	var msgs []string
	for _, f := range rep.Files {
		for _, w := range f.Warnings {
			if f.File != src || w.File != src || w.Line != 0 {
				t.Errorf("warning %+v in the report of %s, want one of %s as a whole", w, f.File, src)
			}
			msgs = append(msgs, w.File+": warning: "+w.Message)
		}
	}
	if !slices.Equal(msgs, want) || rep.Summary.Warnings != 3 {
		t.Errorf("the report's warnings %q (summary %d), want %q", msgs, rep.Summary.Warnings, want)
	}

	// Built again, the answer key is up to date; the others are not.
	if code, _, stderr := buildAll("--answers"); code != 0 || strings.Contains(stderr, "answers.pdf is older") || !hasLine(stderr, want[1]) {
		t.Errorf("--answers: exit %d, stderr:\n%s\nwant the large-print copy alone stale", code, stderr)
	}
}

// hasLine reports whether text has the line.
func hasLine(text, line string) bool {
	for l := range strings.Lines(text) {
		if strings.TrimSuffix(l, "\n") == line {
			return true
		}
	}
	return false
}
