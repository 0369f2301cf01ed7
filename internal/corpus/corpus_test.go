package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"handout/document"
)

func TestWrite(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "content", "end-of-the-purges.toml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Decode("seed", seed)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := Write(t.TempDir(), seed, 2*Long)
	if err != nil {
		t.Fatal(err)
	}
	folders := map[string]bool{}
	for i, p := range paths {
		folders[filepath.Dir(p)] = true
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := document.Decode(p, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := len(d.Sections)
		if i%Long == Long-1 {
			want *= 3
		}
		if len(got.Sections) != want || got.Summary == nil {
			t.Errorf("%s: %d sections (summary %v), want %d and a summary", p, len(got.Sections), got.Summary != nil, want)
		}
	}
	if len(folders) < 2 {
		t.Errorf("files in %d folders, want several", len(folders))
	}
}

func TestWriteNoSections(t *testing.T) {
	if _, err := Write(t.TempDir(), []byte("[worksheet]\ntitle = \"T\"\n"), 1); err == nil {
		t.Error("Write of a seed without sections: no error")
	}
}
