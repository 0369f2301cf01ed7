package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handout/internal/testimage"
)

// TestOutputFolderNotWritable gives -o a path where no folder can be: a
// file, or a path under a file. (A folder of mode 0555 would do for other
// users, but tests run as root in CI, where it stops nothing; build's
// TestOutputFolderReadOnly covers it when not root.) Each is one error
// naming the folder, exit status 1, and nothing is written.
func TestOutputFolderNotWritable(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.toml")
	write(t, src, fixture(t, "small.toml"))
	file := filepath.Join(dir, "file")
	write(t, file, "not a folder")
	for _, tt := range []struct{ out, want string }{
		{file, "handout build: output folder " + file + " is a file, not a folder\n"},
		{filepath.Join(file, "out"), "handout build: cannot make output folder " + filepath.Join(file, "out") + ": mkdir " + file + ": not a directory\n"},
	} {
		code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", tt.out, src)
		if code != exitFailed || stdout != "" || stderr != tt.want {
			t.Errorf("-o %s: exit status %d, stdout %q, stderr %q; want 1, nothing, %q", tt.out, code, stdout, stderr, tt.want)
		}
	}
	if got := tree(t, dir); !slices.Equal(got, []string{"a.toml", "file"}) {
		t.Errorf("the folder holds %q, want a.toml and file only", got)
	}
	if data, _ := os.ReadFile(file); string(data) != "not a folder" {
		t.Errorf("file was changed: %q", data)
	}
}

// pictureTOML is a worksheet that shows the picture at path.
func pictureTOML(path string) string {
	return `[worksheet]
title = "A picture"

[[section]]
heading = "Look"

[[section.block]]
image = "` + path + `"
`
}

// TestOutputIsInput builds into the content folder, where a picture is
// named like a PDF: a file whose PDF would be the picture it shows, or the
// picture another file shows, fails with an error naming it, and the
// picture is left as it was, whatever the order of the files.
func TestOutputIsInput(t *testing.T) {
	png := string(testimage.PNG(40, 30))
	tests := []struct {
		name  string
		files map[string]string
		fails string // the content file that fails
		want  string // in stderr
	}{
		{
			name:  "its own picture",
			files: map[string]string{"a.toml": pictureTOML("a.pdf"), "a.pdf": png},
			fails: "a.toml",
			want:  "not writing CONTENT/a.pdf: it is CONTENT/a.pdf, which this file reads",
		},
		{
			name:  "another file's picture, built first",
			files: map[string]string{"a.toml": pictureTOML("z.pdf"), "z.toml": fixture(t, "worksheet-only.toml"), "z.pdf": png},
			fails: "z.toml",
			want:  "not writing CONTENT/z.pdf: a file that is not a PDF is there",
		},
		{
			name:  "another file's picture, built after",
			files: map[string]string{"z.toml": pictureTOML("a.pdf"), "a.toml": fixture(t, "worksheet-only.toml"), "a.pdf": png},
			fails: "a.toml",
			want:  "not writing CONTENT/a.pdf: a file that is not a PDF is there",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := filepath.Join(t.TempDir(), "content")
			for name, data := range tt.files {
				write(t, filepath.Join(content, name), data)
			}
			code, _, stderr := runHandout(t, fixedEnv, "build", "-o", content, content)
			if code != exitFailed {
				t.Errorf("exit status %d, want 1\nstderr:\n%s", code, stderr)
			}
			want := filepath.Join(content, tt.fails) + ": " + strings.ReplaceAll(tt.want, "CONTENT", content)
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
			for name, data := range tt.files {
				if got, _ := os.ReadFile(filepath.Join(content, name)); string(got) != data {
					t.Errorf("%s was changed", name)
				}
			}
		})
	}
}

// TestOutputBesideContent builds with -o the content folder, and with -o
// a folder whose name starts with a dot, inside the content folder or not:
// all work, and a second build finds everything up to date (the manifest
// and the dot folder are not taken for content).
func TestOutputBesideContent(t *testing.T) {
	for _, out := range []string{"content", "content/.pdf", ".site/pdf", "content/sub/out"} {
		t.Run(out, func(t *testing.T) {
			dir := t.TempDir()
			content := filepath.Join(dir, "content")
			write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
			write(t, filepath.Join(content, "sub", "b.toml"), fixture(t, "worksheet-only.toml"))
			o := filepath.Join(dir, filepath.FromSlash(out))
			code, _, stderr := runHandout(t, fixedEnv, "build", "-o", o, content)
			if code != exitOK {
				t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
			}
			for _, pdf := range []string{"a.pdf", "a-summary.pdf", "sub/b.pdf"} {
				if _, err := os.Stat(filepath.Join(o, filepath.FromSlash(pdf))); err != nil {
					t.Error(err)
				}
			}
			code, _, stderr = runHandout(t, fixedEnv, "build", "-o", o, content)
			if code != exitOK || !strings.Contains(stderr, "built nothing") || !strings.Contains(stderr, "2 files up to date") {
				t.Errorf("second build: exit status %d, stderr %q; want everything up to date", code, stderr)
			}
		})
	}
}

// TestSymlinkLoops builds a folder with symbolic links that loop: to the
// folder itself and to themselves. Links inside a folder are not followed,
// so the folder's files are built once; a .toml link that loops is an
// error of that file; a path given that loops is a usage error.
func TestSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	symlink(t, ".", filepath.Join(content, "again"))     // content/again -> content
	symlink(t, "..", filepath.Join(content, "up"))       // content/up -> dir
	symlink(t, "self", filepath.Join(content, "self"))   // a link to itself
	symlink(t, "ring2", filepath.Join(content, "ring1")) // ring1 -> ring2 -> ring1
	symlink(t, "ring1", filepath.Join(content, "ring2"))
	out := filepath.Join(dir, "out")

	code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, content)
	if code != exitOK {
		t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
	}
	if got := tree(t, out); !slices.Equal(got, []string{"a-summary.pdf", "a.pdf"}) {
		t.Errorf("out holds %q, want a's PDFs only", got)
	}

	symlink(t, "x.toml", filepath.Join(content, "x.toml"))
	code, _, stderr = runHandout(t, fixedEnv, "build", "-o", out, content)
	want := filepath.Join(content, "x.toml") + ": not read: too many levels of symbolic links"
	if code != exitFailed || !strings.Contains(stderr, want) {
		t.Errorf("a looping .toml link: exit status %d, stderr %q; want 1 and %q", code, stderr, want)
	}

	for _, p := range []string{filepath.Join(content, "self"), filepath.Join(content, "ring1") + "/"} {
		code, _, stderr = runHandout(t, fixedEnv, "build", "-o", out, p)
		if code != exitUsage || !strings.Contains(stderr, "too many levels of symbolic links") {
			t.Errorf("build %s: exit status %d, stderr %q; want 2, too many levels of symbolic links", p, code, stderr)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestNamesWithSpacesAndAccents builds files whose names have spaces and
// accented letters, one in NFC and one in NFD: each PDF's name is its
// content file's, byte for byte, and the second build skips both.
func TestNamesWithSpacesAndAccents(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	nfc := "Ann\u00e9e 7/la r\u00e9volution.toml"
	nfd := "Ann\u00e9e 7/la re\u0301volution d\u2019octobre.toml"
	write(t, filepath.Join(content, filepath.FromSlash(nfc)), fixture(t, "small.toml"))
	write(t, filepath.Join(content, filepath.FromSlash(nfd)), fixture(t, "worksheet-only.toml"))
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "-o", out, content)
	if code != exitOK {
		t.Fatalf("exit status %d\nstderr:\n%s", code, stderr)
	}
	want := []string{
		"Ann\u00e9e 7/la re\u0301volution d\u2019octobre.pdf",
		"Ann\u00e9e 7/la r\u00e9volution-summary.pdf",
		"Ann\u00e9e 7/la r\u00e9volution.pdf",
	}
	slices.Sort(want)
	if got := tree(t, out); !slices.Equal(got, want) {
		t.Errorf("out holds %q, want %q", got, want)
	}
	if !strings.Contains(stdout, "wrote "+filepath.Join(out, "Ann\u00e9e 7", "la r\u00e9volution.pdf")+" (1 page)") {
		t.Errorf("stdout does not name the PDF as it is:\n%s", stdout)
	}
	code, _, stderr = runHandout(t, fixedEnv, "build", "-o", out, content)
	if code != exitOK || !strings.Contains(stderr, "2 files up to date") {
		t.Errorf("second build: exit status %d, stderr %q; want both up to date", code, stderr)
	}
}

// TestWritesOnlyUnderOut runs the handout binary in a sandbox, with HOME
// and TMPDIR in it, through builds that write, fail, skip, rebuild after
// an edit and remove the PDFs of a file gone: every file created, changed
// or removed is under the output folder.
func TestWritesOnlyUnderOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds handout")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	for _, sub := range []string{"home", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	content := filepath.Join(dir, "content")
	write(t, filepath.Join(content, "a.toml"), fixture(t, "small.toml"))
	write(t, filepath.Join(content, "b.toml"), fixture(t, "bad.toml"))
	write(t, filepath.Join(content, "Année 7", "c d.toml"), fixture(t, "worksheet-only.toml"))
	write(t, filepath.Join(content, "pictures.toml"), pictureTOML("images/p.png"))
	write(t, filepath.Join(content, "images", "p.png"), string(testimage.PNG(40, 30)))
	before := snapshot(t, dir)

	steps := []func(){
		func() {},
		func() {},
		func() { write(t, filepath.Join(content, "a.toml"), fixture(t, "worksheet-only.toml")) },
		func() { os.Remove(filepath.Join(content, "Année 7", "c d.toml")) },
	}
	for i, step := range steps {
		step()
		c := startChild(t, bin, dir, "build", "-o", "out", "content")
		c.cmd.Env = append(c.cmd.Env, "HOME="+filepath.Join(dir, "home"), "TMPDIR="+filepath.Join(dir, "tmp"))
		if code := c.wait(t); code != exitFailed { // b.toml fails every time
			t.Fatalf("build %d: exit status %d, want 1\nstderr:\n%s", i, code, c.stderr.String())
		}
	}
	// The content files the steps changed are the test's doing.
	before[filepath.Join("content", "a.toml")] = snapshot(t, dir)[filepath.Join("content", "a.toml")]
	delete(before, filepath.Join("content", "Année 7", "c d.toml"))
	after := snapshot(t, dir)
	for path, was := range before {
		if now, ok := after[path]; !ok || now != was {
			if !underOut(path) {
				t.Errorf("%s was changed or removed", path)
			}
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok && !underOut(path) {
			t.Errorf("%s was created", path)
		}
	}
	// a lost its summary, c d is gone, b never built.
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"a.pdf", "pictures.pdf"}) {
		t.Errorf("out holds %q, want a.pdf and pictures.pdf", got)
	}
}

// underOut reports whether path, relative to the sandbox, is in out/.
func underOut(path string) bool {
	return path == "out" || strings.HasPrefix(path, "out"+string(filepath.Separator))
}

// snapshot returns every file and folder under dir, relative to it, with
// its mode, and for a file the SHA-256 of its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		state := info.Mode().String()
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			state += " " + cliSHA256(data)
		}
		files[rel] = state
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
