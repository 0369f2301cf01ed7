package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
	"handout/internal/testimage"
	"handout/layout"
	"handout/pixels"
)

// TestExifOrientation reads the orientation of Exif segments as phones
// write them, in both byte orders, and of damaged ones, without reading
// past them.
func TestExifOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for _, be := range []bool{true, false} {
			if got := exifOrientation(testimage.EXIF(o, be)); got != pixels.Orientation(o) {
				t.Errorf("orientation %d, big-endian %v: read %d", o, be, got)
			}
		}
	}
	good := testimage.EXIF(6, true)
	// Every truncation of a good segment reads as no tag or the tag,
	// never past its end (the race detector and -d=checkptr aside, a
	// slice out of range would panic).
	for n := range len(good) {
		if o := exifOrientation(good[:n:n]); o != 0 && o != pixels.AsStored && o != pixels.TurnRight {
			t.Errorf("truncated to %d bytes: %d", n, o)
		}
	}
	tag := bytes.Index(good, []byte{0x01, 0x12, 0x00, 0x03})
	with := func(at int, b ...byte) []byte {
		s := bytes.Clone(good)
		copy(s[at:], b)
		return s
	}
	for _, c := range []struct {
		name string
		seg  []byte
		want pixels.Orientation
	}{
		{"not Exif", []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"), 0},
		{"empty", nil, 0},
		{"Exif, no TIFF header", []byte("Exif\x00\x00"), pixels.AsStored},
		{"bad byte order", with(6, 'X', 'X'), pixels.AsStored},
		{"directory past the end", with(10, 0x7f, 0xff, 0xff, 0xff), pixels.AsStored},
		{"directory inside the header", with(10, 0, 0, 0, 4), pixels.AsStored},
		{"65,535 entries claimed", with(14, 0xff, 0xff), pixels.TurnRight},
		{"orientation 0", with(tag+8, 0, 0), pixels.AsStored},
		{"orientation 9", with(tag+8, 0, 9), pixels.AsStored},
		{"orientation 65,535", with(tag+8, 0xff, 0xff), pixels.AsStored},
		{"as a LONG", with(tag+2, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8), pixels.TurnLeft},
		{"two of them", with(tag+4, 0, 0, 0, 2), pixels.AsStored},
		{"a string", with(tag+2, 0, 2), pixels.AsStored},
	} {
		if got := exifOrientation(c.seg); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

// TestJPEGHeaderOrientation takes the orientation from the first Exif
// segment before the first scan, and none from a JPEG without one.
func TestJPEGHeaderOrientation(t *testing.T) {
	plain := testimage.JPEG(40, 30)
	for _, c := range []struct {
		name string
		data []byte
		want pixels.Orientation
	}{
		{"none", plain, 0},
		{"one", testimage.WithExif(plain, testimage.EXIF(8, false)), pixels.TurnLeft},
		{"the first of two", testimage.WithExif(testimage.WithExif(plain, testimage.EXIF(3, true)), testimage.EXIF(6, true)), pixels.TurnRight},
		{"XMP, then Exif", testimage.WithExif(testimage.WithExif(plain, testimage.EXIF(5, true)), []byte("http://ns.adobe.com/xap/1.0/\x00<x/>")), pixels.Transpose},
	} {
		h, err := readHeader(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if h.jpeg.orient != c.want {
			t.Errorf("%s: orientation %d, want %d", c.name, h.jpeg.orient, c.want)
		}
	}
}

// FuzzJPEGHeader reads the header of arbitrary bytes as a picture's: it
// must not panic, and a JPEG's orientation must be none or one of the
// eight. The Exif segments of the seeds are read by exifOrientation too.
func FuzzJPEGHeader(f *testing.F) {
	small := testimage.JPEG(16, 8)
	for o := 1; o <= 8; o++ {
		f.Add(testimage.WithExif(small, testimage.EXIF(o, o%2 == 0)))
	}
	f.Add(small)
	f.Add(testimage.EXIF(6, true))
	f.Add(testimage.PNG(4, 4))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := exifOrientation(data); o != 0 && !o.Valid() {
			t.Errorf("exifOrientation: %d", o)
		}
		h, err := readHeader(data)
		if err != nil {
			return
		}
		if o := h.jpeg.orient; o != 0 && !o.Valid() {
			t.Errorf("readHeader: orientation %d", o)
		}
		if s := h.shown(); s.X*s.Y != h.width*h.height {
			t.Errorf("shown %v, stored %dx%d", s, h.width, h.height)
		}
	})
}

// TestEXIFOrientations builds a worksheet of photos as phones store them,
// one in each of the eight orientations (big- and little-endian by turns),
// and one to be turned and resampled too, with every edition and a
// booklet, in colour and in gray. In every PDF each picture is placed the
// right way round (its aspect) and embedded the right way up: pdfimages
// finds every picture at its size as shown, with the colour of each of its
// corners where it belongs.
func TestEXIFOrientations(t *testing.T) {
	const w, h = 160, 96 // shown: landscape, so that 5 to 8 are stored portrait
	dir := t.TempDir()
	files := map[string][]byte{}
	var doc strings.Builder
	doc.WriteString("[worksheet]\ntitle = \"Turned\"\n\n[[section]]\nheading = \"Photos\"\n")
	for o := 1; o <= 8; o++ {
		name := fmt.Sprintf("o%d.jpg", o)
		files[name] = testimage.PhoneJPEG(testimage.Corners(w, h), o, o%2 == 1)
		fmt.Fprintf(&doc, "[[section.block]]\nimage = %q\ncaption = \"Orientation %d.\"\n", name, o)
	}
	// 1600×1200 shown, 100 mm wide: 1181×886 pixels at 300 ppi.
	files["big.jpg"] = testimage.PhoneJPEG(testimage.Corners(1600, 1200), 6, true)
	doc.WriteString("[[section.block]]\nimage = \"big.jpg\"\nwidth_mm = 100\n")
	writeFiles(t, dir, files)
	name := filepath.Join(dir, "turned.toml")
	data := []byte(doc.String())
	sizes := map[[2]int]bool{{w, h}: true, {1181, 886}: true}

	for _, gray := range []bool{false, true} {
		opt := Options{Time: testTime, Answers: true, LargePrint: true,
			Print: PrintFlags{Gray: ptr(gray), Impose: ptr(document.Booklet)}}
		_, ps, rs, _ := laidOut(t, name, data, opt)
		for i, r := range rs {
			n := 0
			for _, p := range r.Pages {
				for _, it := range p.Items {
					im, ok := it.(layout.Image)
					if !ok {
						continue
					}
					n++
					want := float64(h) / w
					if im.Ref == "big.jpg" {
						want = 1200.0 / 1600
					}
					if math.Abs(im.H/im.W-want) > 1e-9 {
						t.Errorf("layout%s: %s placed %.2fx%.2f, want the aspect %.3f of the photo as shown", ps[i].what(), im.Ref, im.W, im.H, want)
					}
				}
			}
			if n != 9 {
				t.Errorf("layout%s: %d pictures placed, want 9", ps[i].what(), n)
			}
		}
		outs, err := File(name, data, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs {
			what := fmt.Sprintf("gray %v, %s", gray, out.Suffix())
			pdf := filepath.Join(dir, fmt.Sprintf("turned%s-%v.pdf", out.Suffix(), gray))
			if err := os.WriteFile(pdf, out.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			got := embedded(t, pdf)
			if len(got) != 9 {
				t.Errorf("%s: %d pictures embedded, want 9", what, len(got))
			}
			for k, m := range got {
				b := m.Bounds()
				if !sizes[[2]int{b.Dx(), b.Dy()}] {
					t.Errorf("%s: picture %d is %dx%d, want %dx%d or 1181x886", what, k, b.Dx(), b.Dy(), w, h)
					continue
				}
				checkCorners(t, fmt.Sprintf("%s: picture %d", what, k), m, gray)
			}
		}
	}
}

// embedded returns the pictures the PDF at path embeds, as pdfimages
// writes them out, in the order it finds them.
func embedded(t *testing.T, path string) []image.Image {
	t.Helper()
	prefix := path + "-img"
	pdftool.Run(t, "pdfimages", "-png", path, prefix)
	names, _ := filepath.Glob(prefix + "-*.png")
	var ms []image.Image
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		ms = append(ms, m)
	}
	return ms
}

// checkCorners checks that m, a testimage.Corners picture as a PDF
// embeds it, has each corner's colour (or, in gray, its gray) where it
// belongs, and white in its middle.
func checkCorners(t *testing.T, what string, m image.Image, gray bool) {
	t.Helper()
	b := m.Bounds()
	at := func(fx, fy float64) color.Color {
		return m.At(b.Min.X+int(fx*float64(b.Dx())), b.Min.Y+int(fy*float64(b.Dy())))
	}
	for _, c := range []struct {
		where  string
		fx, fy float64
		want   color.RGBA
	}{
		{"top left", 0.1, 0.1, testimage.TopLeft},
		{"top right", 0.9, 0.1, testimage.TopRight},
		{"bottom left", 0.1, 0.9, testimage.BottomLeft},
		{"bottom right", 0.9, 0.9, testimage.BottomRight},
		{"middle", 0.5, 0.5, color.RGBA{255, 255, 255, 255}},
	} {
		got := color.RGBAModel.Convert(at(c.fx, c.fy)).(color.RGBA)
		want := c.want
		if gray {
			y := uint8((299*int(want.R) + 587*int(want.G) + 114*int(want.B) + 500) / 1000)
			want = color.RGBA{y, y, y, 255}
		}
		if d := max(diff(got.R, want.R), diff(got.G, want.G), diff(got.B, want.B)); d > 24 {
			t.Errorf("%s: %v at the %s, want %v", what, got, c.where, want)
		}
	}
}

func diff(a, b uint8) int { return int(max(a, b) - min(a, b)) }

// TestEmbedSize works out the pixels a picture is embedded with.
func TestEmbedSize(t *testing.T) {
	a4 := (210.0 - 36) / 25.4 * 72 // the text column of A4, in points
	for _, c := range []struct {
		shown image.Point
		width float64
		ppi   int
		want  image.Point
	}{
		{image.Pt(3000, 4000), a4, 300, image.Pt(2055, 2740)}, // 438 ppi
		{image.Pt(3000, 4000), a4, 0, image.Pt(3000, 4000)},
		{image.Pt(3000, 4000), a4, 600, image.Pt(3000, 4000)},
		{image.Pt(3000, 4000), a4, 150, image.Pt(1028, 1371)},
		{image.Pt(2055, 2740), a4, 300, image.Pt(2055, 2740)}, // 300 ppi already
		{image.Pt(400, 300), 72, 300, image.Pt(300, 225)},
		{image.Pt(10000, 3), 72, 300, image.Pt(300, 1)},
		{image.Pt(3, 10000), 0.1, 300, image.Pt(1, 3333)},
		{image.Pt(640, 480), 0, 300, image.Pt(640, 480)}, // shown nowhere
	} {
		if got := embedSize(c.shown, c.width, c.ppi); got != c.want {
			t.Errorf("%v %.1f pt wide at %d ppi: %v, want %v", c.shown, c.width, c.ppi, got, c.want)
		}
	}
}

// pdfimagesPPI returns the x-ppi of each picture pdfimages -list finds in
// the PDF at path.
func pdfimagesPPI(t *testing.T, path string) []int {
	t.Helper()
	out := pdftool.Run(t, "pdfimages", "-list", path)
	// page num type width height color comp bpc enc interp object ID x-ppi …
	row := regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+\w+\s+\d+\s+\d+\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+\s+\d+\s+\d+\s+(\d+)\s`)
	var ppi []int
	for _, m := range row.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		ppi = append(ppi, n)
	}
	return ppi
}
