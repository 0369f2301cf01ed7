package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
	"handout/internal/testimage"
	"handout/layout"
	"handout/render"
)

// laidOut does what file does to the content file name before the print
// settings and rendering: it decodes it, lays out its parts for opt and
// decodes its pictures for them. It returns the document, its parts,
// their pages and the images prepared for the PDF writer.
func laidOut(t *testing.T, name string, data []byte, opt Options) (*document.Document, []part, []*layout.Result, *render.Prepared) {
	t.Helper()
	d, pics, _, err := load(t.Context(), name, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := parts(d, opt)
	rs := make([]*layout.Result, len(ps))
	for i, p := range ps {
		if rs[i], err = p.layOut(name, d); err != nil {
			t.Fatalf("layout%s: %v", p.what(), err)
		}
	}
	prepared, err := decodePictures(t.Context(), pics, d, opt, rs, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	return d, ps, rs, prepared
}

// TestMaxPPI builds three pictures of 1200×900 pixels, each shown 50 mm
// wide (610 pixels to the inch): a photo, a photo with transparency as a
// PNG, and a scanned page in black and white as a PNG, with max_ppi at
// its default, 150, 1200 and 0. Above max_ppi the photos are embedded
// with that many pixels to the inch, the JPEG a JPEG and the PNG a PNG
// with its soft mask; the scan, whose file is smaller than a resampled
// copy would be, is embedded as it is. At or under max_ppi every picture
// is embedded as its file holds it. Every PDF of the file embeds the same
// bytes, and a second build gives the same PDFs.
func TestMaxPPI(t *testing.T) {
	dir := t.TempDir()
	scene := testimage.Scene(1200, 900)
	photo := testimage.PhoneJPEG(scene, 1, true)
	// The photo as a PNG, half transparent at its right.
	decoded, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	clear := image.NewNRGBA(scene.Bounds())
	draw.Draw(clear, clear.Bounds(), decoded, image.Point{}, draw.Src)
	for i := 3; i < len(clear.Pix); i += 4 {
		clear.Pix[i] = uint8(255 - 128*(i/4%1200)/1200)
	}
	var files = map[string][]byte{"photo.jpg": photo, "clear.png": encodePNG(clear), "scan.png": encodePNG(scan(1200, 900))}
	writeFiles(t, dir, files)
	page := "[worksheet]\ntitle = \"P\"\n[[section]]\nheading = \"H\"\n"
	for _, p := range []string{"photo.jpg", "clear.png", "scan.png"} {
		page += fmt.Sprintf("[[section.block]]\nimage = %q\nwidth_mm = 50\n", p)
	}
	for _, c := range []struct {
		print     string
		ppi       int
		w, h      int
		resampled int // of the three pictures and the soft mask, at w×h
	}{
		{"", 300, 591, 443, 3},
		{"[print]\nmax_ppi = 150\n", 150, 295, 221, 3},
		{"[print]\nmax_ppi = 1200\n", 610, 1200, 900, 4},
		{"[print]\nmax_ppi = 0\n", 610, 1200, 900, 4},
	} {
		name := filepath.Join(dir, "p.toml")
		data := []byte(page + c.print)
		opt := Options{Time: testTime, Answers: true}
		outs, err := File(name, data, opt)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := File(name, data, opt); err != nil || !bytes.Equal(outs[0].PDF, again[0].PDF) {
			t.Errorf("%q: a second build made another PDF (%v)", c.print, err)
		}
		var raw map[string][]byte
		for _, out := range outs {
			what := fmt.Sprintf("%q%s", c.print, out.Suffix())
			pdf := filepath.Join(dir, "p"+out.Suffix()+".pdf")
			if err := os.WriteFile(pdf, out.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			list := pdftool.Run(t, "pdfimages", "-list", pdf)
			size := regexp.MustCompile(fmt.Sprintf(`\s%d\s+%d\s`, c.w, c.h))
			if n := len(size.FindAllString(list, -1)); n != c.resampled {
				t.Errorf("%s: %d pictures of %dx%d, want %d:\n%s", what, n, c.w, c.h, c.resampled, list)
			}
			if n := strings.Count(list, "smask"); n != 1 {
				t.Errorf("%s: %d soft masks, want the PNG's:\n%s", what, n, list)
			}
			for k, ppi := range pdfimagesPPI(t, pdf) {
				if want := map[bool]int{true: 610, false: c.ppi}[k == 3]; ppi != want { // the scan
					t.Errorf("%s: picture %d at %d ppi, want %d:\n%s", what, k, ppi, want, list)
				}
			}
			got := rawImages(t, pdf)
			switch {
			case raw == nil:
				raw = got
			case !maps.EqualFunc(raw, got, bytes.Equal):
				t.Errorf("%s: the pictures' bytes differ from the worksheet's", what)
			}
			if jpg := got["jpg"]; c.w == 1200 && !bytes.Equal(jpg, photo) {
				t.Errorf("%s: the photo is not embedded as the file holds it", what)
			}
		}
	}
}

// encodePNG returns m encoded as a PNG.
func encodePNG(m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err) // cannot fail writing to a buffer
	}
	return b.Bytes()
}

// scan returns a w×h page in black and white, of lines of words of thin
// strokes, as a scanner saves a page of text: a PNG of two colours, whose
// file is a fraction of the size of a copy of it in grays.
func scan(w, h int) *image.Paletted {
	m := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
	for y := 40; y+24 < h; y += 36 {
		for x := 30; x < w-30; x++ {
			if (x/47+y/36)%5 == 0 {
				continue // between words
			}
			for dy := range 24 {
				v := uint32(x*31+y*17+dy*7) * 2654435761 >> 28
				if x%9 < 2 && v < 12 || dy%11 == 0 && v < 6 {
					m.SetColorIndex(x, y+dy, 1)
				}
			}
		}
	}
	return m
}

// rawImages returns the JPEG and the first other picture the PDF at path
// embeds, as pdfimages -all writes them out, by their extension.
func rawImages(t *testing.T, path string) map[string][]byte {
	t.Helper()
	prefix := path + "-raw"
	pdftool.Run(t, "pdfimages", "-all", path, prefix)
	names, _ := filepath.Glob(prefix + "-*")
	out := map[string][]byte{}
	for _, n := range names {
		ext := filepath.Ext(n)[1:]
		if _, ok := out[ext]; !ok {
			out[ext] = readBytes(t, n)
		}
		os.Remove(n)
	}
	return out
}

// TestPrintedWidths finds the widest showing of each image file over
// every PDF's pages.
func TestPrintedWidths(t *testing.T) {
	a, b := &document.ImageFile{Path: "a"}, &document.ImageFile{Path: "b"}
	r1 := &layout.Result{Images: map[string]*document.ImageFile{"a": a, "b": b}, Pages: []layout.Page{
		{Items: []layout.Item{layout.Image{W: 100, H: 10, Ref: "a"}, layout.Image{W: 50, H: 10, Ref: "b"}}},
		{Items: []layout.Item{layout.Image{W: 120, H: 10, Ref: "a"}}},
	}}
	r2 := &layout.Result{Images: map[string]*document.ImageFile{"a": a, "a2": a}, Pages: []layout.Page{
		{Items: []layout.Item{layout.Image{W: 90, H: 10, Ref: "a"}, layout.Image{W: 200, H: 10, Ref: "a2"}}},
	}}
	w := printedWidths([]*layout.Result{r1, nil, r2})
	if w[a] != 200 || w[b] != 50 || len(w) != 2 {
		t.Errorf("widths %v, want a 200 and b 50", w)
	}
}
