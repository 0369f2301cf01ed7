package dist

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// gitRepo returns a new repository in a temporary folder with one commit,
// made at the time commitTime.
func gitRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "add", "a.txt")
	gitIn(t, dir, "commit", "-q", "-m", "first")
	return dir
}

// commitTime is the time of the commits gitIn makes.
var commitTime = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// gitIn runs git with args in dir, with no user or system settings.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	date := commitTime.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %q: %v\n%s", args, err, out)
	}
}

func TestVersion(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is not on PATH: %v", err)
	}
	ctx := context.Background()
	dir := gitRepo(t)
	steps := []struct {
		what string
		do   func()
		want string // a regular expression
	}{
		{"no tag: the commit", func() {}, `^[0-9a-f]{7,}$`},
		{"on a tag", func() { gitIn(t, dir, "tag", "v1.2.0") }, `^1\.2\.0$`},
		{"an annotated tag", func() { gitIn(t, dir, "tag", "-a", "-m", "1.3", "v1.3.0") }, `^1\.3\.0$`},
		{"a commit after it", func() { gitIn(t, dir, "commit", "-q", "--allow-empty", "-m", "second") }, `^1\.3\.0-1-g[0-9a-f]{7,}$`},
		{"changes not committed", func() { os.WriteFile(filepath.Join(dir, "a.txt"), []byte("b\n"), 0o644) }, `^1\.3\.0-1-g[0-9a-f]{7,}-dirty$`},
		{"a VERSION file", func() { os.WriteFile(filepath.Join(dir, "VERSION"), []byte("v2.0.0-rc.1\n"), 0o644) }, `^2\.0\.0-rc\.1$`},
	}
	for _, s := range steps {
		s.do()
		got, err := Version(ctx, dir)
		if err != nil || !regexp.MustCompile(s.want).MatchString(got) {
			t.Errorf("%s: Version = %q (%v), want %s", s.what, got, err, s.want)
		}
	}
	if got, err := Version(ctx, t.TempDir()); err == nil {
		t.Errorf("no repository, no VERSION: Version = %q, want an error", got)
	}
}

func TestSourceTime(t *testing.T) {
	ctx := context.Background()
	dir := gitRepo(t)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}
	}
	if got, err := SourceTime(ctx, dir, env("")); err != nil || !got.Equal(commitTime) {
		t.Errorf("from the last commit: %v (%v), want %v", got, err, commitTime)
	}
	if got, err := SourceTime(ctx, dir, env("1767225600")); err != nil || !got.Equal(time.Unix(1767225600, 0)) {
		t.Errorf("SOURCE_DATE_EPOCH=1767225600: %v (%v)", got, err)
	}
	if _, err := SourceTime(ctx, dir, env("yesterday")); err == nil {
		t.Errorf("SOURCE_DATE_EPOCH=yesterday: no error")
	}
	if _, err := SourceTime(ctx, t.TempDir(), env("")); err == nil {
		t.Errorf("no repository, no SOURCE_DATE_EPOCH: no error")
	}
}
