package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"

	"handout/build"
)

func TestNewFiles(t *testing.T) {
	root, out := tree(t)
	r := start(t, []string{root}, out, "a.toml", "b.toml")

	write(t, filepath.Join(root, "c.toml"), version(t, 1))
	r.expect(t, "c.toml", build.Built)
	read(t, filepath.Join(out, "c.pdf"))

	// A new folder, its file written at once, before it can be watched.
	write(t, filepath.Join(root, "sub", "deeper", "d.toml"), version(t, 1))
	res := r.expect(t, "d.toml", build.Built)
	if want := filepath.Join(out, "sub", "deeper", "d"); res.Source.Out != want {
		t.Errorf("d.toml goes to %s, want %s", res.Source.Out, want)
	}
	// The new folder is watched.
	write(t, filepath.Join(root, "sub", "deeper", "d.toml"), version(t, 2))
	r.expect(t, "d.toml", build.Built)

	// Not content: dot files and folders, and anything in the output
	// folder.
	write(t, filepath.Join(root, ".e.toml"), version(t, 1))
	write(t, filepath.Join(root, ".hidden", "f.toml"), version(t, 1))
	write(t, filepath.Join(out, "g.toml"), version(t, 1))
	write(t, filepath.Join(root, "b.toml"), version(t, 2))
	r.expect(t, "b.toml", build.Built)
	r.noWarnings(t)
}

func TestFilePath(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	a, b := filepath.Join(content, "a.toml"), filepath.Join(content, "b.toml")
	write(t, a, version(t, 1))
	r := start(t, []string{a}, out, "a.toml")

	// A file was named: a new file beside it is not built.
	write(t, b, version(t, 1))
	write(t, a, version(t, 2))
	r.expect(t, "a.toml", build.Built)
	r.noWarnings(t)
}

func TestFolderRemoved(t *testing.T) {
	dir := t.TempDir()
	one, two, out := filepath.Join(dir, "one"), filepath.Join(dir, "two"), filepath.Join(dir, "out")
	write(t, filepath.Join(one, "a.toml"), version(t, 1))
	write(t, filepath.Join(two, "b.toml"), version(t, 1))
	r := start(t, []string{one, two}, out, "a.toml", "b.toml")

	if err := os.RemoveAll(one); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 2 {
		got = append(got, r.warning(t).Error())
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "a.toml: removed") || !strings.Contains(all, one+": folder removed") {
		t.Errorf("warnings:\n%s\nwant a.toml removed and %s removed", all, one)
	}
	// The other folder is still watched, new files included.
	write(t, filepath.Join(two, "c.toml"), version(t, 1))
	r.expect(t, "c.toml", build.Built)
	write(t, filepath.Join(two, "b.toml"), version(t, 2))
	r.expect(t, "b.toml", build.Built)
	r.noWarnings(t)
}

// TestInputs checks that a change to any file a build read, not only its
// content file, rebuilds it, and that the folder of each is watched.
func TestInputs(t *testing.T) {
	dir := t.TempDir()
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer fsw.Close()
	s := newSession(fsw, []string{dir}, filepath.Join(dir, "out"), &build.Batch{}, func(build.Result) {}, func(err error) { t.Error(err) })
	name, img, img2 := filepath.Join(dir, "a.toml"), filepath.Join(dir, "img", "x.png"), filepath.Join(dir, "img", "y.png")
	write(t, img, "")
	src := build.Source{Name: name, Out: filepath.Join(dir, "out", "a")}
	s.add(src)

	s.record(build.Result{Source: src, Status: build.Built, Inputs: []string{name, img}})
	if !s.watched[filepath.Dir(img)] {
		t.Errorf("%s is not watched", filepath.Dir(img))
	}
	if !s.handle(fsnotify.Event{Name: img, Op: fsnotify.Write}) || !s.pending[name] {
		t.Errorf("a change to %s does not rebuild a.toml", img)
	}
	clear(s.pending)

	// A failed build may not have read every input: those before count.
	s.record(build.Result{Source: src, Status: build.Failed, Inputs: []string{name, img2}})
	for _, in := range []string{name, img, img2} {
		if !s.handle(fsnotify.Event{Name: in, Op: fsnotify.Create}) || !s.pending[name] {
			t.Errorf("after a failed build, a change to %s does not rebuild a.toml", in)
		}
		clear(s.pending)
	}

	// A good build says what is read now.
	s.record(build.Result{Source: src, Status: build.Built, Inputs: []string{name}})
	if s.handle(fsnotify.Event{Name: img, Op: fsnotify.Write}) {
		t.Errorf("a change to %s, no longer read, still rebuilds", img)
	}
	if s.handle(fsnotify.Event{Name: name, Op: fsnotify.Chmod}) {
		t.Error("a chmod rebuilds")
	}
}

// TestClash checks that a new content file is refused when it would write
// any PDF the batch makes that another file writes, its editions' too:
// with --answers, a-answers.toml's worksheet is a.toml's answer key.
func TestClash(t *testing.T) {
	outs := build.Options{Answers: true}.Outputs()
	a := build.Source{Name: "content/a.toml", Out: "out/a"}
	key := build.Source{Name: "content/a-answers.toml", Out: "out/a-answers"}
	b := build.Source{Name: "content/b.toml", Out: "out/b"}
	taken := map[string]string{}
	if err := clash(a, outs, taken); err != nil {
		t.Fatalf("a.toml, the first: %v", err)
	}
	err := clash(key, outs, taken)
	if err == nil || !strings.Contains(err.Error(), "a-answers.pdf") {
		t.Errorf("a-answers.toml beside a.toml with --answers: got %v, want a clash over a-answers.pdf", err)
	}
	if err := clash(b, outs, taken); err != nil {
		t.Errorf("b.toml: %v", err)
	}
}
