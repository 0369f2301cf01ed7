package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"handout/internal/pdftool"
	"handout/render"
)

// TestGrayEdition renders every PDF of the example worksheet and of the
// worksheet with images in gray (render.Options.Gray, which the --gray
// option sets): their pages set no colour but gray, their images are all
// gray, and qpdf finds them sound.
func TestGrayEdition(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../content/end-of-the-purges.toml", "testdata/images.toml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := load(name, data)
		if err != nil {
			t.Fatal(err)
		}
		ropt := render.Options{Time: testTime, Gray: true}
		for _, p := range parts(d, Options{Answers: true, LargePrint: true}) {
			out, err := p.pdf(name, d, ropt)
			if err != nil {
				t.Fatalf("%s%s: %v", name, p.what, err)
			}
			path := filepath.Join(dir, filepath.Base(name)+p.suffix+".pdf")
			if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			pdftool.Run(t, "qpdf", "--check", path)
			if non := pdftool.NonGray(t, path); len(non) > 0 {
				t.Errorf("%s%s: not gray: %q", name, p.what, non)
			}
			if cs := pdftool.ImageColours(t, path); slices.ContainsFunc(cs, func(c string) bool { return c != "gray" }) {
				t.Errorf("%s%s: image colours %q, want all gray", name, p.what, cs)
			}
		}
	}
}
