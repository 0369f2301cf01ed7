package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
)

// TestGrayEdition renders every PDF of the example worksheet and of the
// worksheet with images with --gray, and with bleed, crop marks and a
// booklet copy too: their pages set no colour but gray (crop marks
// included), their images are all gray, and qpdf finds them sound.
func TestGrayEdition(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../content/end-of-the-purges.toml", "testdata/images.toml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		opt := Options{Time: testTime, Answers: true, LargePrint: true,
			Print: PrintFlags{Gray: ptr(true), Marks: ptr(true), BleedMM: ptr(3.0), Impose: ptr(document.Booklet)}}
		d, ps, rs, _ := laidOut(t, name, data, opt)
		if len(ps) < 4 {
			t.Fatalf("%s: %d parts, want the worksheet, its editions and the booklet", name, len(ps))
		}
		for i, p := range ps {
			out, err := p.pdf(name, rs[i], d, nil, opt)
			if err != nil {
				t.Fatalf("%s%s: %v", name, p.what(), err)
			}
			path := filepath.Join(dir, filepath.Base(name)+p.Suffix()+".pdf")
			if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			pdftool.Run(t, "qpdf", "--check", path)
			if non := pdftool.NonGray(t, path); len(non) > 0 {
				t.Errorf("%s%s: not gray: %q", name, p.what(), non)
			}
			if cs := pdftool.ImageColours(t, path); slices.ContainsFunc(cs, func(c string) bool { return c != "gray" }) {
				t.Errorf("%s%s: image colours %q, want all gray", name, p.what(), cs)
			}
		}
	}
}
