package render

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"handout/document"
	"handout/fonts"
	"handout/internal/pdftool"
	"handout/internal/testimage"
	"handout/layout"
)

// encodePNG encodes m as a PNG.
func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// grayJPEG returns a gray JPEG w×h.
func grayJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, g, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeGray decodes data, which must be an 8-bit gray image in format.
func decodeGray(t *testing.T, data []byte, format string) *image.Gray {
	t.Helper()
	m, got, err := image.Decode(bytes.NewReader(data))
	if err != nil || got != format {
		t.Fatalf("decoding the gray image: %v (format %q, want %q)", err, got, format)
	}
	g, ok := m.(*image.Gray)
	if !ok {
		t.Fatalf("the gray image decodes as %T, want *image.Gray", m)
	}
	return g
}

func TestGrayImagePixels(t *testing.T) {
	half := image.NewNRGBA(image.Rect(0, 0, 4, 1))
	for x, c := range []color.NRGBA{
		{255, 0, 0, 255}, // opaque red: its luma, 54
		{255, 0, 0, 0},   // transparent: white paper
		{0, 0, 0, 128},   // half-transparent black: 127 on white
		{0, 0, 255, 255}, // blue: 18
	} {
		half.SetNRGBA(x, 0, c)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 2, 1), color.Palette{color.RGBA{0, 255, 0, 255}, color.RGBA{255, 255, 255, 255}})
	pal.Pix = []uint8{0, 1}
	picture := testimage.Picture(30, 20)
	var want []uint8
	for y := range 20 {
		for x := range 30 {
			c := picture.NRGBAAt(x, y)
			want = append(want, layout.Luma(c.R, c.G, c.B))
		}
	}
	for _, c := range []struct {
		name string
		data []byte
		want []uint8
	}{
		{"alpha on white", encodePNG(t, half), []uint8{54, 255, 127, 18}},
		{"palette", encodePNG(t, pal), []uint8{182, 255}},
		{"picture", testimage.PNG(30, 20), want},
	} {
		f := &document.ImageFile{Format: "png", Data: c.data}
		data, format, err := grayImage(f)
		if err != nil || format != "png" {
			t.Fatalf("%s: grayImage: %v, format %q", c.name, err, format)
		}
		if g := decodeGray(t, data, "png"); !slices.Equal(g.Pix, c.want) {
			t.Errorf("%s: gray pixels %v, want %v", c.name, g.Pix, c.want)
		}
		again, _, _ := grayImage(f)
		if !bytes.Equal(again, data) {
			t.Errorf("%s: a second conversion gives other bytes", c.name)
		}
	}
}

func TestGrayImageFormats(t *testing.T) {
	grayPNG := encodePNG(t, image.NewGray(image.Rect(0, 0, 3, 2)))
	gj := grayJPEG(t, 8, 8)
	for _, c := range []struct {
		name, format string
		data         []byte
		same         bool // returned as it is
	}{
		{"colour JPEG", "jpeg", testimage.JPEG(40, 30), false},
		{"gray JPEG", "jpeg", gj, true},
		{"colour PNG", "png", testimage.PNG(40, 30), false},
		{"gray PNG", "png", grayPNG, true},
	} {
		data, format, err := grayImage(&document.ImageFile{Format: c.format, Data: c.data})
		if err != nil || format != c.format {
			t.Fatalf("%s: grayImage: %v, format %q, want %q", c.name, err, format, c.format)
		}
		if bytes.Equal(data, c.data) != c.same {
			t.Errorf("%s: returned as it is: %v, want %v", c.name, !c.same, c.same)
		}
		decodeGray(t, data, c.format)
	}
	_, _, err := grayImage(&document.ImageFile{Format: "jpeg", Data: []byte("\xff\xd8\xffnonsense")})
	if !errors.Is(err, ErrGrayImage) {
		t.Errorf("a damaged JPEG: error %v, want ErrGrayImage", err)
	}
}

// grayResult returns imageResult with coloured text, rules and boxes, and
// a link, on its page.
func grayResult() *layout.Result {
	r := imageResult()
	red, blue := layout.Color{R: 200, G: 30, B: 40}, layout.Color{R: 31, G: 78, B: 121}
	face := fonts.Face{Family: fonts.Sans, Style: fonts.Regular}
	r.Pages[0].Items = append(r.Pages[0].Items,
		layout.Text{X: 300, Y: 100, Face: face, Size: 12, Color: red, Text: "Answer", Width: 40},
		layout.Text{X: 300, Y: 120, Face: face, Size: 12, Color: blue, Text: "a link", Width: 40},
		layout.Link{X: 300, Y: 110, W: 40, H: 12, URL: "https://example.org"},
		layout.Rule{X0: 300, Y0: 130, X1: 500, Y1: 130, Width: 0.5, Color: red},
		layout.Box{X: 300, Y: 140, W: 200, H: 50, Fill: &blue, Stroke: &red, LineWidth: 1},
	)
	return r
}

// TestGrayPDF renders pages with colours and images of every kind in gray:
// nothing in the PDF is other than gray, and the output is the same every
// time.
func TestGrayPDF(t *testing.T) {
	opt := Options{Time: time.Unix(1700000000, 0), Gray: true}
	want, err := PDF(grayResult(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if got, err := PDF(grayResult(), opt); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("run %d: %v, or the PDF differs from the first", i+2, err)
		}
	}
	dir := t.TempDir()
	colour, err := PDF(grayResult(), Options{Time: opt.Time})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		pdf  []byte
		gray bool
	}{{"colour", colour, false}, {"gray", want, true}} {
		path := filepath.Join(dir, c.name+".pdf")
		if err := os.WriteFile(path, c.pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		pdftool.Run(t, "qpdf", "--check", path)
		non := pdftool.NonGray(t, path)
		if gray := len(non) == 0; gray != c.gray {
			t.Errorf("%s PDF: gray %v, want %v: %q", c.name, gray, c.gray, non)
		}
		colours := pdftool.ImageColours(t, path)
		allGray := len(colours) == 5 && !slices.ContainsFunc(colours, func(s string) bool { return s != "gray" })
		if allGray != c.gray {
			t.Errorf("%s PDF: image colours %q", c.name, colours)
		}
	}
}
