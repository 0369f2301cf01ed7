package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"handout/document"
)

// Prepared holds images made ready for the PDF writer once, to be shared
// by every PDF of a document, such as the editions of a worksheet, which
// render at the same time. The PDF writer takes a PNG with transparency
// apart itself, unpacking all its pixels, for each PDF it is in: a 40
// megapixel picture costs some 500 MB each time. Prepared does it once,
// from the pixels its caller has decoded anyway (see Add). It is safe for
// use by many goroutines; set it as Options.Prepared.
type Prepared struct {
	mu      sync.Mutex
	records map[dataKey][]byte // the PDF writer's records, gob-encoded
}

// dataKey identifies an image file by its Data: copies of an ImageFile
// share their bytes, and so their record.
type dataKey struct {
	first *byte
	n     int
}

// keyOf returns f's dataKey.
func keyOf(f *document.ImageFile) dataKey {
	if len(f.Data) == 0 {
		return dataKey{}
	}
	return dataKey{&f.Data[0], len(f.Data)}
}

// NewPrepared returns an empty Prepared.
func NewPrepared() *Prepared {
	return &Prepared{records: map[dataKey][]byte{}}
}

// Add prepares f, whose Data decode to m, for every ImageFile that shares
// its Data, when the PDF writer would take it apart: a PNG with an alpha channel (colour type 4 or 6). Its colour
// and its opacity are encoded as the PDF's image and soft mask, each a
// stream of PNG rows that the PDF's PNG predictors read, as the PDF
// writer would make them. w, when not nil, holds the encodings as they
// are made, and may stop them by failing. Other images need nothing.
func (p *Prepared) Add(f *document.ImageFile, m image.Image, w func() io.Writer) error {
	if f.Format != "png" || len(f.Data) < 26 || f.Data[25] != 4 && f.Data[25] != 6 {
		return nil
	}
	gray := f.Data[25] == 4
	b := m.Bounds()
	var colour image.Image
	if gray {
		colour = image.NewGray(b)
	} else {
		colour = image.NewRGBA(b)
	}
	alpha := image.NewGray(b)
	if n, ok := m.(*image.NRGBA); ok && !gray {
		split(n, colour.(*image.RGBA), alpha)
	} else {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
				alpha.SetGray(x, y, color.Gray{Y: c.A})
				if gray {
					colour.(*image.Gray).SetGray(x, y, color.Gray{Y: c.R})
				} else {
					colour.(*image.RGBA).SetRGBA(x, y, color.RGBA{R: c.R, G: c.G, B: c.B, A: 255})
				}
			}
		}
	}
	data, err := pngRows(colour, w)
	if err != nil {
		return err
	}
	smask, err := pngRows(alpha, w)
	if err != nil {
		return err
	}
	colors, cs := 3, "DeviceRGB"
	if gray {
		colors, cs = 1, "DeviceGray"
	}
	rec := imageRecord{
		Data: data, Smask: smask, W: float64(b.Dx()), H: float64(b.Dy()), CS: cs, BPC: 8, F: "FlateDecode",
		DP:    fmt.Sprintf("/Predictor 15 /Colors %d /BitsPerComponent 8 /Columns %d", colors, b.Dx()),
		Scale: 1, DPI: 72, // render's unit is the point
	}
	enc, err := rec.encode()
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records[keyOf(f)] = enc
	return nil
}

// split copies the colour of m to colour, opaque, and its opacity to
// alpha, all three of the same bounds.
func split(m *image.NRGBA, colour *image.RGBA, alpha *image.Gray) {
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := m.Pix[m.PixOffset(b.Min.X, y):][:4*b.Dx()]
		dst := colour.Pix[colour.PixOffset(b.Min.X, y):][:4*b.Dx()]
		a := alpha.Pix[alpha.PixOffset(b.Min.X, y):][:b.Dx()]
		for i := range a {
			dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = src[4*i], src[4*i+1], src[4*i+2], 255
			a[i] = src[4*i+3]
		}
	}
}

// record returns f's record, or nil when it was not prepared.
func (p *Prepared) record(f *document.ImageFile) []byte {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.records[keyOf(f)]
}

// pngRows returns the image data of m encoded as a PNG: its rows, each
// with its filter type, zlib-compressed, which is what a PDF image with
// the PNG predictors holds.
func pngRows(m image.Image, w func() io.Writer) ([]byte, error) {
	var out io.Writer = new(bytes.Buffer)
	if w != nil {
		out = w()
	}
	if err := png.Encode(out, m); err != nil {
		return nil, err
	}
	var b []byte
	if bb, ok := out.(interface{ Bytes() []byte }); ok {
		b = bb.Bytes()
	}
	var data []byte
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if n < 0 || i+12+n > len(b) {
			break
		}
		if string(b[i+4:i+8]) == "IDAT" {
			data = append(data, b[i+8:i+8+n]...)
		}
		i += 12 + n
	}
	if len(data) == 0 {
		return nil, errors.New("no image data")
	}
	return data, nil
}

// standIn is a 1x1 PNG with transparency: registered in place of a
// prepared image, so that the PDF writer makes its record, and notes that
// the PDF has a soft mask, at little cost; the prepared record then
// replaces the stand-in's.
var standIn = func() []byte {
	m := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	m.Pix[3] = 0x80
	var b bytes.Buffer
	png.Encode(&b, m)
	return b.Bytes()
}()

// registerPrepared registers under name the image whose record is rec.
func registerPrepared(pdf *fpdf.Fpdf, name string, rec []byte) (*fpdf.ImageInfoType, error) {
	info := pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "png"}, bytes.NewReader(standIn))
	if err := pdf.Error(); err != nil || info == nil {
		return nil, fmt.Errorf("the PDF writer cannot embed it: %v", err)
	}
	if err := info.GobDecode(rec); err != nil {
		return nil, fmt.Errorf("cannot use its prepared record: %w", err)
	}
	return info, nil
}
