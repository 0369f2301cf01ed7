package build

import (
	"path/filepath"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/testimage"
)

// TestLogo checks that a worksheet's logo is read like an image block's
// picture: an input of the build, recorded once when a block shows the
// same file, and an error at the logo key when it cannot be read.
func TestLogo(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"images/logo.png": testimage.PNG(40, 50)})
	name := filepath.Join(dir, "x.toml")
	src := "[worksheet]\ntitle = \"T\"\nlogo = \"images/logo.png\"\n[[section]]\nheading = \"H\"\n[[section.block]]\nimage = \"images/logo.png\"\n[summary]\n"
	d, err := document.Decode(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ins, err := LoadImages(name, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 1 || ins[0].Path != filepath.Join(dir, "images", "logo.png") {
		t.Errorf("inputs %+v, want the logo once", ins)
	}
	if img := d.Images["images/logo.png"]; img == nil || img.Width != 40 || img.Height != 50 {
		t.Errorf("the logo is %+v", img)
	}
	outs, err := File(name, []byte(src), Options{Time: testTime})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 2 {
		t.Fatalf("%d PDFs, want the worksheet and the summary", len(outs))
	}

	missing := strings.Replace(src, "images/logo.png\"\n[[", "images/crest.png\"\n[[", 1)
	_, err = File(name, []byte(missing), Options{Time: testTime})
	if err == nil || !strings.Contains(err.Error(), `x.toml:3:1: image "images/crest.png" not found`) {
		t.Errorf("a missing logo: %v", err)
	}
}
