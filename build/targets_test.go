package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/internal/testimage"
)

// TestOneInterrupted builds a file whose batch is stopped while it is
// being built: it is reported as interrupted and writes nothing, so its
// old PDFs and manifest entry stay.
func TestOneInterrupted(t *testing.T) {
	p := newProject(t)
	p.run()
	before := readBytes(t, p.out("a.pdf"))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	m, err := loadManifest(p.b.Manifest, p.b.Tool, p.b.Fingerprint())
	if err != nil {
		t.Fatal(err)
	}
	defer m.close()
	p.b.Force = true
	var dirs folders
	defer dirs.close()
	r := p.b.one(ctx, p.srcs[0], m, &dirs)
	if r.Status != Interrupted || len(r.Outputs) != 0 || r.Err != nil {
		t.Errorf("one after the stop: status %s, outputs %v, err %v; want interrupted, none, nil", r.Status, r.Outputs, r.Err)
	}
	if after := readBytes(t, p.out("a.pdf")); string(after) != string(before) {
		t.Error("a.pdf was rewritten after the stop")
	}
}

// TestRemoveTemps removes the temporary files in progress, and refuses
// new ones afterwards.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tf := tempFiles{paths: map[tempFile]bool{}}
	f, name, err := tf.create(root, ".")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if removed := tf.removeAll(); len(removed) != 1 || removed[0] != filepath.Join(dir, name) {
		t.Errorf("removeAll removed %q, want %q", removed, filepath.Join(dir, name))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	if _, _, err := tf.create(root, "."); !errors.Is(err, ErrStopped) {
		t.Errorf("create after removeAll: %v, want ErrStopped", err)
	}
	// WriteAtomic forgets its temporary file once renamed.
	if err := WriteAtomic(filepath.Join(dir, "a.pdf"), []byte("%PDF-")); err != nil {
		t.Fatal(err)
	}
	temps.mu.Lock()
	defer temps.mu.Unlock()
	if len(temps.paths) != 0 {
		t.Errorf("temporary files still recorded after WriteAtomic: %v", temps.paths)
	}
}

func TestOutputFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, wantErr string
	}{
		{"new", filepath.Join(dir, "out", "deep"), ""},
		{"a file", file, "output folder " + file + " is a file, not a folder"},
		{"under a file", filepath.Join(file, "out"), "cannot make output folder " + filepath.Join(file, "out") + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := OutputFolder(tt.dir)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if entries, _ := os.ReadDir(tt.dir); len(entries) != 0 {
					t.Errorf("OutputFolder left %v", entries)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestOutputFolderReadOnly needs a user that permissions stop: not root,
// as in CI, where the command's tests use a file in the folder's place.
func TestOutputFolderReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("a folder of mode 0555 is writable for this user (root?)")
	}
	err := OutputFolder(dir)
	if err == nil || !strings.Contains(err.Error(), "cannot write in output folder "+dir) || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("error %v, want cannot write in output folder %s: permission denied", err, dir)
	}
}

func TestReplaceable(t *testing.T) {
	dir := t.TempDir()
	put := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	pdf := put("old.pdf", "%PDF-1.7 old")
	empty := put("empty.pdf", "")
	png := put("picture.pdf", string(testimage.PNG(2, 2)))
	input := put("input.pdf", "%PDF-1.7 but read")
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink(png, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.pdf")
	if err := os.Link(input, hard); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, wantErr string
	}{
		{filepath.Join(dir, "new.pdf"), ""},
		{pdf, ""},
		{empty, ""},
		{link, ""}, // the link is replaced, not what it points to
		{dir, ""},  // a folder: WriteAtomic reports it
		{png, "not writing " + png + ": a file that is not a PDF is there"},
		{input, "not writing " + input + ": it is " + input + ", which this file reads"},
		{hard, "not writing " + hard + ": it is " + input + ", which this file reads"},
	}
	for _, tt := range tests {
		err := Replaceable(filepath.Dir(tt.path), filepath.Base(tt.path), []string{filepath.Join(dir, "a.toml"), input})
		if tt.wantErr == "" && err != nil {
			t.Errorf("Replaceable(%s): %v", filepath.Base(tt.path), err)
		}
		if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("Replaceable(%s): %v, want %q", filepath.Base(tt.path), err, tt.wantErr)
		}
	}
}
