package render

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"

	"handout/document"
	"handout/layout"
)

// grayJPEGQuality is the quality at which a JPEG is encoded again in gray:
// high, as it is compressed a second time.
const grayJPEGQuality = 90

// ErrGrayImage is the error, wrapped, of an image that cannot be turned gray.
var ErrGrayImage = errors.New("cannot make the image gray")

// grayImage returns f as an 8-bit grayscale image without transparency,
// which the PDF writer embeds as /DeviceGray, and its format for the
// writer: a JPEG stays a JPEG and a PNG a PNG. Each pixel's gray is its
// luma (layout.Luma), as for the other colours, composited on white paper
// by its opacity. f.Gray, when the caller made it (see EncodeGray), is
// used as it is; a file that already is such an image is returned as it
// is; any other is decoded and encoded again, the same bytes every time.
func grayImage(f *document.ImageFile) ([]byte, string, error) {
	if f.Gray != nil {
		return f.Gray, f.Format, nil
	}
	if plainGray(f) {
		return f.Data, f.Format, nil
	}
	var m image.Image
	var err error
	if f.Format == "jpeg" {
		m, err = jpeg.Decode(bytes.NewReader(f.Data))
	} else {
		m, err = png.Decode(bytes.NewReader(f.Data))
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrGrayImage, err)
	}
	var buf bytes.Buffer
	if _, err := EncodeGray(&buf, f, m); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), f.Format, nil
}

// EncodeGray writes to w what the gray edition embeds for the image file
// f, whose Data decode to m, as grayImage makes it, so that a caller
// decoding f anyway can make it once for every PDF and set f.Gray. It
// writes nothing and reports asIs when f's Data serve as they are.
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
