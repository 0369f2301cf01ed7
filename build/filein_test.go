package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileIn builds content that is not a file of its own, with its
// images found in the folder given: the same PDFs as the file built where
// it is, and an image not found names the folder and why it is that one.
func TestFileIn(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyTestdata(t, "images.toml", filepath.Join(content, "x.toml"))
	for _, img := range []string{"trotsky.jpg", "figures/chart.png"} {
		copyTestdata(t, filepath.Join("images", img), filepath.Join(content, "images", img))
	}
	data, err := os.ReadFile(filepath.Join(content, "x.toml"))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Time: testTime, Version: "test"}
	want, err := File(filepath.Join(content, "x.toml"), data, opt)
	if err != nil {
		t.Fatal(err)
	}
	outs, warns, err := FileIn(t.Context(), "<stdin>", Folder{Dir: content, Why: "unused"}, data, opt)
	if err != nil || len(warns) != 0 || len(outs) != len(want) || !bytes.Equal(outs[0].PDF, want[0].PDF) {
		t.Errorf("FileIn in the content's folder: %d outputs, warnings %v, error %v; want the PDF File makes", len(outs), warns, err)
	}

	elsewhere := filepath.Dir(content)
	_, _, err = FileIn(t.Context(), "<stdin>", Folder{Dir: elsewhere, Why: "the current folder"}, data, opt)
	msg := `<stdin>:14:1: image "images/trotsky.jpg" not found: there is no file ` + filepath.Join("images", "trotsky.jpg") +
		" in " + elsewhere + string(filepath.Separator) + " (the current folder)"
	if err == nil || !strings.Contains(err.Error(), msg) {
		t.Errorf("FileIn elsewhere: %v, want %s", err, msg)
	}
}
