package testimage

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// The corner colours of Corners, shown the right way up.
var (
	TopLeft     = color.RGBA{220, 30, 30, 255} // red
	TopRight    = color.RGBA{30, 160, 60, 255} // green
	BottomLeft  = color.RGBA{30, 60, 220, 255} // blue
	BottomRight = color.RGBA{20, 20, 20, 255}  // black
)

// Corners returns a w×h picture, white but for a block of colour in each
// corner, a quarter of its width and height: TopLeft, TopRight,
// BottomLeft and BottomRight.
func Corners(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			left, right := x < w/4, x >= w-w/4
			top, bottom := y < h/4, y >= h-h/4
			switch {
			case top && left:
				c = TopLeft
			case top && right:
				c = TopRight
			case bottom && left:
				c = BottomLeft
			case bottom && right:
				c = BottomRight
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// Scene returns a w×h picture that is plainly the right way up or not, as
// a teacher sees a photo: a sky darkening upwards with a sun at the top
// left, green hills below it, and a red house with a dark roof standing
// on them.
func Scene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	fw, fh := float64(w), float64(h)
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/fw, float64(y)/fh
			hill := 0.62 + 0.06*math.Sin(fx*7) + 0.03*math.Sin(fx*23+1)
			var c color.RGBA
			switch {
			case math.Hypot((fx-0.2)*fw, (fy-0.18)*fh) < 0.08*math.Min(fw, fh):
				c = color.RGBA{255, 214, 60, 255}
			case fy > hill:
				g := uint8(110 + 60*(fy-hill)/(1-hill+1e-9))
				c = color.RGBA{40, g, 50, 255}
			default:
				c = color.RGBA{uint8(70 + 110*fy), uint8(120 + 100*fy), 235, 255}
			}
			// The house: a wall on the hill, and a roof over it.
			wall := fx > 0.55 && fx < 0.8 && fy > 0.45 && fy < hill+0.05
			roof := fy <= 0.45 && fy > 0.3 && math.Abs(fx-0.675) < (fy-0.3)*1.3
			switch {
			case wall && fx > 0.63 && fx < 0.69 && fy > hill-0.08:
				c = color.RGBA{90, 50, 20, 255} // the door
			case wall:
				c = color.RGBA{200, 50, 40, 255}
			case roof:
				c = color.RGBA{60, 40, 40, 255}
			}
			// A little grain, as a camera's sensor has.
			n := uint8((x*7919 + y*104729) % 9)
			c.R, c.G, c.B = sat(c.R, n), sat(c.G, n), sat(c.B, n)
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// sat returns v+n-4, within 0 to 255.
func sat(v, n uint8) uint8 { return uint8(min(max(int(v)+int(n)-4, 0), 255)) }

// Stored returns the pixels a camera stores for shown, a picture the
// right way up, when it tags them with the EXIF orientation o (1 to 8):
// the orientation turns the stored pixels back into shown. Orientations 5
// to 8 store the picture's width as its height.
func Stored(shown image.Image, o int) *image.RGBA {
	b := shown.Bounds()
	w, h := b.Dx(), b.Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	m := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			// Where EXIF's definition of o shows the stored pixel x, y:
			// the stored row 0 is the shown top (1, 2), bottom (3, 4),
			// left side (5, 8) or right side (6, 7).
			var dx, dy int
			switch o {
			case 2:
				dx, dy = sw-1-x, y
			case 3:
				dx, dy = sw-1-x, sh-1-y
			case 4:
				dx, dy = x, sh-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = sh-1-y, x
			case 7:
				dx, dy = sh-1-y, sw-1-x
			case 8:
				dx, dy = y, sw-1-x
			default:
				dx, dy = x, y
			}
			m.Set(x, y, shown.At(b.Min.X+dx, b.Min.Y+dy))
		}
	}
	return m
}

// PhoneJPEG returns shown as a phone stores it: its pixels as Stored(shown,
// o) gives them, encoded as a JPEG of quality 92 with an APP1 Exif segment
// after the start of image, big-endian (as Apple's phones write it) or
// little-endian (as most others do), whose first directory has the
// camera's make and model, the orientation o, and a resolution of 72
// pixels to the inch.
func PhoneJPEG(shown image.Image, o int, bigEndian bool) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, Stored(shown, o), &jpeg.Options{Quality: 92}); err != nil {
		panic(err) // cannot fail writing to a buffer
	}
	return WithExif(b.Bytes(), EXIF(o, bigEndian))
}

// WithExif returns the JPEG data with the APP1 segment whose body is exif
// after its start of image.
func WithExif(data, exif []byte) []byte {
	seg := []byte{0xff, 0xe1, byte((len(exif) + 2) >> 8), byte(len(exif) + 2)}
	out := append([]byte{}, data[:2]...)
	out = append(out, seg...)
	out = append(out, exif...)
	return append(out, data[2:]...)
}

// EXIF returns the body of an APP1 Exif segment whose first directory
// (IFD0) has four entries, as a phone's has among others: Make, Model,
// Orientation o (a SHORT) and XResolution (a RATIONAL, 72/1), with their
// strings and the rational after the directory, big-endian or not.
func EXIF(o int, bigEndian bool) []byte {
	var order binary.AppendByteOrder = binary.BigEndian
	tiff := []byte("MM\x00*")
	if !bigEndian {
		order, tiff = binary.LittleEndian, []byte("II*\x00")
	}
	tiff = order.AppendUint32(tiff, 8) // IFD0 just after the header
	const entries = 4
	data := 8 + 2 + 12*entries + 4 // where the values too long for an entry go
	mk, model := "Handout\x00", "Test Phone 1\x00"
	entry := func(tag, typ uint16, count uint32, value []byte) {
		tiff = order.AppendUint16(tiff, tag)
		tiff = order.AppendUint16(tiff, typ)
		tiff = order.AppendUint32(tiff, count)
		tiff = append(tiff, value...)
	}
	offset := func(n int) []byte { return order.AppendUint32(nil, uint32(n)) }
	tiff = order.AppendUint16(tiff, entries)
	entry(0x010f, 2, uint32(len(mk)), offset(data))
	entry(0x0110, 2, uint32(len(model)), offset(data+len(mk)))
	entry(0x0112, 3, 1, append(order.AppendUint16(nil, uint16(o)), 0, 0))
	entry(0x011a, 5, 1, offset(data+len(mk)+len(model)))
	tiff = order.AppendUint32(tiff, 0) // no next directory
	tiff = append(tiff, mk...)
	tiff = append(tiff, model...)
	tiff = order.AppendUint32(tiff, 72)
	tiff = order.AppendUint32(tiff, 1)
	return append([]byte("Exif\x00\x00"), tiff...)
}
