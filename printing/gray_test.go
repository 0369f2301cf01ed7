package printing

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
	"handout/internal/tagtest"
	"handout/internal/testimage"
	"handout/layout"
	"handout/render"
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

// grayCopy returns f's gray copy as build makes it: its Data decoded, then
// EncodeGray, or f.Data when they serve as they are.
func grayCopy(t *testing.T, f *document.ImageFile) []byte {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	asIs, err := EncodeGray(&b, f, m)
	if err != nil {
		t.Fatal(err)
	}
	if asIs {
		return f.Data
	}
	return b.Bytes()
}

func TestEncodeGrayPixels(t *testing.T) {
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
		data := grayCopy(t, f)
		if g := decodeGray(t, data, "png"); !slices.Equal(g.Pix, c.want) {
			t.Errorf("%s: gray pixels %v, want %v", c.name, g.Pix, c.want)
		}
		if again := grayCopy(t, f); !bytes.Equal(again, data) {
			t.Errorf("%s: a second conversion gives other bytes", c.name)
		}
	}
}

func TestEncodeGrayFormats(t *testing.T) {
	grayPNG := encodePNG(t, image.NewGray(image.Rect(0, 0, 3, 2)))
	for _, c := range []struct {
		name, format string
		data         []byte
		asIs         bool
	}{
		{"colour JPEG", "jpeg", testimage.JPEG(40, 30), false},
		{"gray JPEG", "jpeg", grayJPEG(t, 8, 8), true},
		{"colour PNG", "png", testimage.PNG(40, 30), false},
		{"gray PNG", "png", grayPNG, true},
	} {
		f := &document.ImageFile{Format: c.format, Data: c.data}
		data := grayCopy(t, f)
		if asIs := bytes.Equal(data, c.data); asIs != c.asIs {
			t.Errorf("%s: as it is: %v, want %v", c.name, asIs, c.asIs)
		}
		decodeGray(t, data, c.format)
	}
	var failing failWriter
	if _, err := EncodeGray(failing, &document.ImageFile{Format: "png", Data: testimage.PNG(4, 4)}, testimage.Picture(4, 4)); !errors.Is(err, ErrGrayImage) {
		t.Errorf("a write that fails: error %v, want ErrGrayImage", err)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// colourResult returns a page with coloured text, rules, boxes and a link,
// and images of every kind: a colour PNG shown twice and under a second
// name, a colour JPEG, a gray JPEG and a PNG with transparency. With
// copies, each image file has its gray copy, as build makes it.
func colourResult(t *testing.T, copies bool) *layout.Result {
	t.Helper()
	a := testimage.PNG(50, 40)
	half := testimage.Picture(40, 40)
	for i := 3; i < len(half.Pix); i += 8 {
		half.Pix[i] = 100
	}
	files := map[string]*document.ImageFile{
		"a.png":      {Path: "a.png", Format: "png", Width: 50, Height: 40, Data: a},
		"copy/a.png": {Path: "copy/a.png", Format: "png", Width: 50, Height: 40, Data: a},
		"b.jpg":      {Path: "b.jpg", Format: "jpeg", Width: 50, Height: 60, Data: testimage.JPEG(50, 60)},
		"g.jpg":      {Path: "g.jpg", Format: "jpeg", Width: 8, Height: 8, Data: grayJPEG(t, 8, 8)},
		"half.png":   {Path: "half.png", Format: "png", Width: 40, Height: 40, Data: encodePNG(t, half)},
	}
	page := layout.Page{Width: a4W, Height: a4H}
	y := 50.0
	for _, ref := range []string{"a.png", "b.jpg", "copy/a.png", "g.jpg", "half.png", "a.png"} {
		f := files[ref]
		if copies {
			f.Gray = grayCopy(t, f)
		}
		page.Items = append(page.Items, layout.Image{X: 50, Y: y, W: 60, H: 60 * float64(f.Height) / float64(f.Width), Ref: ref})
		y += 90
	}
	red, blue := layout.Color{R: 200, G: 30, B: 40}, layout.Color{R: 31, G: 78, B: 121}
	face, err := fonts.Face{Family: fonts.Sans, Style: fonts.Regular}.Font()
	if err != nil {
		panic(err)
	}
	page.Items = append(page.Items,
		layout.Text{X: 300, Y: 100, Font: face, Size: 12, Color: red, Text: "Answer", Width: 40},
		layout.Text{X: 300, Y: 120, Font: face, Size: 12, Color: blue, Text: "a link", Width: 40},
		layout.Link{X: 300, Y: 110, W: 40, H: 12, URL: "https://example.org"},
		layout.Rule{X0: 300, Y0: 130, X1: 500, Y1: 130, Width: 0.5, Color: red},
		layout.Box{X: 300, Y: 140, W: 200, H: 50, Fill: &blue, Stroke: &red, LineWidth: 1},
	)
	return &layout.Result{Pages: []layout.Page{page}, Images: files}
}

// TestGrayImages checks that Prepare puts each image's gray copy in its
// place, leaving the image files it was given as they were, and fails for
// an image without one.
func TestGrayImages(t *testing.T) {
	in := colourResult(t, true)
	before := map[string][]byte{}
	for ref, f := range in.Images {
		before[ref] = f.Data
	}
	r, err := Prepare(in, Settings{Gray: true})
	if err != nil {
		t.Fatal(err)
	}
	for ref, f := range in.Images {
		g := r.Images[ref]
		if g == f || !bytes.Equal(g.Data, f.Gray) || g.Format != f.Format || g.Width != f.Width || g.Path != f.Path {
			t.Errorf("%s: the gray result's image is not its gray copy", ref)
		}
		if !bytes.Equal(f.Data, before[ref]) {
			t.Errorf("%s: Prepare changed the image file it was given", ref)
		}
	}
	in.Images["b.jpg"].Gray = nil
	if _, err := Prepare(in, Settings{Gray: true}); !errors.Is(err, ErrNoGrayCopy) {
		t.Errorf("an image without a gray copy: error %v, want ErrNoGrayCopy", err)
	}
}

// TestGrayPDF renders pages with colours and images of every kind, with
// crop marks, prepared in gray: nothing in the PDF is other than gray, the
// marks included, and the output is the same every time. The same pages
// in colour are not gray, so that the check can fail.
func TestGrayPDF(t *testing.T) {
	opt := render.Options{Time: time.Unix(1700000000, 0)}
	pdf := func(s Settings) []byte {
		t.Helper()
		r, err := Prepare(colourResult(t, true), s)
		if err != nil {
			t.Fatal(err)
		}
		out, err := render.PDF(tagtest.Tag(r), opt)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	s := Settings{Marks: true, Gray: true, Name: "gray.pdf", Time: when}
	want := pdf(s)
	for i := range 5 {
		if got := pdf(s); !bytes.Equal(got, want) {
			t.Fatalf("run %d: the PDF differs from the first", i+2)
		}
	}
	dir := t.TempDir()
	colour := pdf(Settings{Marks: true, Name: "gray.pdf", Time: when})
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
		allGray := len(colours) == 6 && !slices.ContainsFunc(colours, func(s string) bool { return s != "gray" })
		if allGray != c.gray {
			t.Errorf("%s PDF: image colours %q", c.name, colours)
		}
	}
}
