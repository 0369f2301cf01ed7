package printing

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"maps"
	"slices"

	"handout/document"
	"handout/layout"
)

// grayJPEGQuality is the quality at which a JPEG is encoded again in gray:
// high, as it is compressed a second time.
const grayJPEGQuality = 90

// ErrGrayImage is the error, wrapped, of an image that cannot be turned gray.
var ErrGrayImage = errors.New("cannot make the image gray")

// ErrNoGrayCopy is the error, wrapped, of an image of a result to be made
// gray that has no gray copy (document.ImageFile.Gray): whoever decodes
// the images makes them (see EncodeGray), and printing decodes none.
var ErrNoGrayCopy = errors.New("printing: an image has no gray copy")

// gray returns a copy of r in which every colour is the gray of its luma
// (layout.Gray: text, rules and boxes, and crop marks, otherwise in the
// registration colour, plain black) and every image file is its gray copy,
// f.Gray, in f's place, which the PDF writer embeds as /DeviceGray. r, and
// its image files, which the other PDFs of a content file share, are not
// changed.
func gray(r *layout.Result) (*layout.Result, error) {
	out := layout.Gray(r)
	if len(r.Images) == 0 {
		return out, nil
	}
	out.Images = make(map[string]*document.ImageFile, len(r.Images))
	for _, ref := range slices.Sorted(maps.Keys(r.Images)) {
		f := r.Images[ref]
		if f == nil || f.Gray == nil {
			return nil, fmt.Errorf("%w: %q", ErrNoGrayCopy, ref)
		}
		g := *f
		g.Data = f.Gray
		out.Images[ref] = &g
	}
	return out, nil
}

// EncodeGray writes to w the gray copy of the image file f, whose Data
// decode to m, for its ImageFile.Gray: an 8-bit grayscale image without
// transparency, in f's Format, which the PDF writer embeds as /DeviceGray.
// Each pixel's gray is its luma (layout.Luma), as for the other colours,
// composited on white paper by its opacity; the same pixels give the same
// bytes every time. It writes nothing and reports asIs when f's Data
// already are such an image, and serve as they are.
func EncodeGray(w io.Writer, f *document.ImageFile, m image.Image) (asIs bool, err error) {
	if plainGray(f) {
		return true, nil
	}
	g := toGray(m)
	if f.Format == "jpeg" {
		err = jpeg.Encode(w, g, &jpeg.Options{Quality: grayJPEGQuality})
	} else {
		err = png.Encode(w, g)
	}
	if err != nil {
		return false, fmt.Errorf("%w: %v", ErrGrayImage, err)
	}
	return false, nil
}

// plainGray reports whether the PDF writer embeds f's data as it is with
// one gray channel and no transparency: a gray JPEG, or a PNG of colour
// type 0 (gray, which has no alpha; a tRNS chunk, which the writer would
// turn into a colour key mask, is ruled out).
func plainGray(f *document.ImageFile) bool {
	if f.Format == "jpeg" {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(f.Data))
		return err == nil && cfg.ColorModel == color.GrayModel
	}
	const colourType = 8 + 8 + 9 // signature, IHDR length and type, width, height, depth
	d := f.Data
	return len(d) > colourType && d[colourType] == 0 && !bytes.Contains(d, []byte("tRNS"))
}

// toGray returns m in gray: each pixel's luma, composited on white by its
// opacity.
func toGray(m image.Image) *image.Gray {
	b := m.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := g.Pix[(y-b.Min.Y)*g.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			row[x-b.Min.X] = grayPixel(m.At(x, y))
		}
	}
	return g
}

// grayPixel returns the gray of c on white paper.
func grayPixel(c color.Color) uint8 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	y := uint32(layout.Luma(n.R, n.G, n.B))
	a := uint32(n.A)
	return uint8((y*a + 255*(255-a) + 127) / 255)
}
