package pixels

import (
	"image"
	"image/color"
)

// rows reads a picture row by row, in the kind of pixel Transform works
// in: 8-bit gray; red, green and blue; or those premultiplied by the
// opacity, and the opacity; or, to be copied, those as they are.
type rows struct {
	kind kind
	// read writes the samples of row y, counted from the top, to dst.
	read func(y int, dst []uint8)
}

// rowsOf returns the rows of m: those of the pictures Go's JPEG and PNG
// decoders make read directly, any other through its colour model. The
// colours of a picture that is not opaque are premultiplied by their
// opacity when mixed is set, for a filter that mixes them; otherwise they
// are read straight, to be copied as they are.
func rowsOf(m image.Image, mixed bool) rows {
	b := m.Bounds()
	w := b.Dx()
	k := opaque
	if o, ok := m.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		k = translucent
	}
	if k == translucent && !mixed {
		return straightRows(m)
	}
	r := rows{kind: k}
	// The opaque pictures' colours, three samples a pixel; any other's
	// colour premultiplied, and its opacity, four.
	switch m := m.(type) {
	case *image.Gray:
		r.kind = gray
		r.read = func(y int, dst []uint8) { copy(dst, m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w]) }
	case *image.Gray16:
		r.kind = gray
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:2*w]
			for x := range w {
				dst[x] = p[2*x] // the high byte, as color.GrayModel takes it
			}
		}
	case *image.YCbCr:
		// The column of each pixel's colour, from the row's first: the
		// same in every row.
		cx := make([]int, w)
		for x := range cx {
			cx[x] = m.COffset(b.Min.X+x, b.Min.Y) - m.COffset(b.Min.X, b.Min.Y)
		}
		r.read = func(y int, dst []uint8) {
			ys := m.Y[m.YOffset(b.Min.X, b.Min.Y+y):][:w]
			c0 := m.COffset(b.Min.X, b.Min.Y+y)
			for x, yy := range ys {
				ci := c0 + cx[x]
				dst[3*x], dst[3*x+1], dst[3*x+2] = color.YCbCrToRGB(yy, m.Cb[ci], m.Cr[ci])
			}
		}
	case *image.CMYK:
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]
			for x := range w {
				dst[3*x], dst[3*x+1], dst[3*x+2] = color.CMYKToRGB(p[4*x], p[4*x+1], p[4*x+2], p[4*x+3])
			}
		}
	case *image.RGBA:
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]
			for x := range w {
				k.put(dst, x, p[4*x], p[4*x+1], p[4*x+2], p[4*x+3])
			}
		}
	case *image.NRGBA:
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]
			for x := range w {
				k.putStraight(dst, x, p[4*x], p[4*x+1], p[4*x+2], p[4*x+3])
			}
		}
	case *image.NRGBA64:
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:8*w]
			for x := range w {
				k.putStraight(dst, x, p[8*x], p[8*x+2], p[8*x+4], p[8*x+6])
			}
		}
	case *image.RGBA64:
		r.read = func(y int, dst []uint8) {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:8*w]
			for x := range w {
				k.put(dst, x, p[8*x], p[8*x+2], p[8*x+4], p[8*x+6])
			}
		}
	case *image.Paletted:
		if k == opaque && grayPalette(m.Palette) {
			r.kind = gray
			r.read = func(y int, dst []uint8) {
				for x, i := range m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w] {
					dst[x] = 0
					if int(i) < len(m.Palette) {
						dst[x] = rgba8(m.Palette[i])[0]
					}
				}
			}
			break
		}
		pal := make([][4]uint8, 256)
		for i, c := range m.Palette {
			pal[i] = rgba8(c)
		}
		r.read = func(y int, dst []uint8) {
			for x, i := range m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w] {
				c := pal[i]
				k.put(dst, x, c[0], c[1], c[2], c[3])
			}
		}
	default:
		r.read = func(y int, dst []uint8) {
			for x := range w {
				c := rgba8(m.At(b.Min.X+x, b.Min.Y+y))
				k.put(dst, x, c[0], c[1], c[2], c[3])
			}
		}
	}
	return r
}

// straightRows returns the rows of m, a picture that is not opaque, of
// kind straight: 8-bit colours, not premultiplied, and opacity.
func straightRows(m image.Image) rows {
	b := m.Bounds()
	w := b.Dx()
	r := rows{kind: straight}
	if n, ok := m.(*image.NRGBA); ok {
		r.read = func(y int, dst []uint8) { copy(dst, n.Pix[n.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]) }
		return r
	}
	r.read = func(y int, dst []uint8) {
		for x := range w {
			c := color.NRGBAModel.Convert(m.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = c.R, c.G, c.B, c.A
		}
	}
	return r
}

// grayPalette reports whether every colour of p is a gray, as a scan in
// black and white or in grays has.
func grayPalette(p color.Palette) bool {
	for _, c := range p {
		r, g, b, _ := c.RGBA()
		if r != g || g != b {
			return false
		}
	}
	return true
}

// put writes the colour r, g, b, premultiplied by its opacity a, as
// pixel x of dst, a row of pixels of kind k, opaque or translucent.
func (k kind) put(dst []uint8, x int, r, g, b, a uint8) {
	if k == opaque {
		dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
		return
	}
	dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = r, g, b, a
}

// putStraight writes the colour r, g, b, not premultiplied, of opacity a,
// as pixel x of dst, a row of pixels of kind k, opaque or translucent:
// premultiplied, r*a/255 rounded.
func (k kind) putStraight(dst []uint8, x int, r, g, b, a uint8) {
	m := func(v uint8) uint8 { return uint8((uint32(v)*uint32(a) + 127) / 255) }
	k.put(dst, x, m(r), m(g), m(b), a)
}

// rgba8 returns c's 8-bit red, green, blue and opacity, premultiplied.
func rgba8(c color.Color) [4]uint8 {
	r, g, b, a := c.RGBA()
	return [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}
