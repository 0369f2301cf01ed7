package fonts

import (
	"encoding/binary"
	"errors"
	"math"
)

// A composite glyph is drawn from other glyphs, its components, each moved
// and perhaps scaled. flatten turns one into a simple glyph with the
// components' contours, so that a subset needs no component glyphs: see
// Font.subset for why that matters to the PDF writer.

// More glyph flags (OpenType glyf table).
const (
	argsAreXY    = 0x0002 // composite: the arguments are an offset, not point numbers
	scaledOffset = 0x0800 // composite: the offset is scaled with the component
	onCurve      = 0x01   // simple: the point is on the curve
)

// point is a point of an outline, in font units.
type point struct {
	x, y float64
	on   bool
}

// outline is the contours of a glyph: its points, and the index after the
// last point of each contour.
type outline struct {
	points []point
	ends   []int
}

// decodeSimple appends the outline of simple glyph g to o.
func decodeSimple(o *outline, g []byte) error {
	end, err := simpleEnd(g)
	if err != nil || end == 0 {
		return err
	}
	contours := i16(g, 0)
	base := len(o.points)
	n := 0
	for i := range contours {
		n = u16(g, 10+2*i) + 1
		o.ends = append(o.ends, base+n)
	}
	at := 10 + 2*contours
	at += 2 + u16(g, at)
	flags := make([]byte, 0, n)
	for len(flags) < n {
		f := g[at]
		at++
		count := 1
		if f&repeat != 0 {
			count += int(g[at])
			at++
		}
		for range count {
			flags = append(flags, f)
		}
	}
	xs, at := coords(g, at, flags, xShort, xSameBit)
	ys, _ := coords(g, at, flags, yShort, ySameBit)
	for i, f := range flags {
		o.points = append(o.points, point{float64(xs[i]), float64(ys[i]), f&onCurve != 0})
	}
	return nil
}

// coords decodes one coordinate of each point from g at at, as deltas
// with flags, returning them and where they end.
func coords(g []byte, at int, flags []byte, short, same byte) ([]int, int) {
	out := make([]int, len(flags))
	v := 0
	for i, f := range flags {
		switch {
		case f&short != 0:
			d := int(g[at])
			at++
			if f&same == 0 {
				d = -d
			}
			v += d
		case f&same == 0:
			v += i16(g, at)
			at += 2
		}
		out[i] = v
	}
	return out, at
}

// flatten appends to o the outline of glyph g of f, with its components'
// outlines moved and scaled as the glyph says. Parse checked that
// composite glyphs end and nest only so deep.
func (f *Font) flatten(o *outline, g int) error {
	data := f.glyph(g)
	if len(data) == 0 || i16(data, 0) >= 0 {
		return decodeSimple(o, data)
	}
	_, err := components(data, func(at int) error {
		flags := int(binary.BigEndian.Uint16(data[at:]))
		var c outline
		if err := f.flatten(&c, u16(data, at+2)); err != nil {
			return err
		}
		at += 4
		var a1, a2 int
		switch {
		case flags&argsAreWords != 0 && flags&argsAreXY != 0:
			a1, a2 = i16(data, at), i16(data, at+2)
			at += 4
		case flags&argsAreWords != 0:
			a1, a2 = u16(data, at), u16(data, at+2)
			at += 4
		case flags&argsAreXY != 0:
			a1, a2 = int(int8(data[at])), int(int8(data[at+1]))
			at += 2
		default:
			a1, a2 = int(data[at]), int(data[at+1])
			at += 2
		}
		// x' = xx·x + yx·y, y' = xy·x + yy·y
		xx, xy, yx, yy := 1.0, 0.0, 0.0, 1.0
		f2 := func(at int) float64 { return float64(i16(data, at)) / 16384 }
		switch {
		case flags&haveScale != 0:
			xx, yy = f2(at), f2(at)
		case flags&haveXYScale != 0:
			xx, yy = f2(at), f2(at+2)
		case flags&haveTwoByTwo != 0:
			xx, xy, yx, yy = f2(at), f2(at+2), f2(at+4), f2(at+6)
		}
		for i, p := range c.points {
			c.points[i].x, c.points[i].y = xx*p.x+yx*p.y, xy*p.x+yy*p.y
		}
		var dx, dy float64
		if flags&argsAreXY != 0 {
			dx, dy = float64(a1), float64(a2)
			if flags&scaledOffset != 0 {
				dx, dy = xx*dx+yx*dy, xy*dx+yy*dy
			}
		} else { // point a2 of the component on point a1 of the glyph so far
			if a1 >= len(o.points) || a2 >= len(c.points) {
				return errors.New("a component placed by a point that does not exist")
			}
			dx, dy = o.points[a1].x-c.points[a2].x, o.points[a1].y-c.points[a2].y
		}
		base := len(o.points)
		for _, p := range c.points {
			o.points = append(o.points, point{p.x + dx, p.y + dy, p.on})
		}
		for _, e := range c.ends {
			o.ends = append(o.ends, base+e)
		}
		return nil
	})
	return err
}

// appendSimple appends o to dst as a simple glyph without instructions,
// its coordinates rounded to whole font units.
func appendSimple(dst []byte, o outline) ([]byte, error) {
	if len(o.points) == 0 {
		return dst, nil // no outline
	}
	if len(o.points) > 0xFFFF || len(o.ends) > 0x7FFF {
		return nil, errors.New("a flattened glyph with too many points")
	}
	xs, ys := make([]int, len(o.points)), make([]int, len(o.points))
	xMin, yMin, xMax, yMax := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	for i, p := range o.points {
		xs[i], ys[i] = int(math.Floor(p.x+0.5)), int(math.Floor(p.y+0.5))
		xMin, xMax = min(xMin, xs[i]), max(xMax, xs[i])
		yMin, yMax = min(yMin, ys[i]), max(yMax, ys[i])
	}
	if xMin < math.MinInt16 || yMin < math.MinInt16 || xMax > math.MaxInt16 || yMax > math.MaxInt16 {
		return nil, errors.New("a flattened glyph's coordinates do not fit in 16 bits")
	}
	for _, v := range []int{len(o.ends), xMin, yMin, xMax, yMax} {
		dst = binary.BigEndian.AppendUint16(dst, uint16(v))
	}
	for _, e := range o.ends {
		dst = binary.BigEndian.AppendUint16(dst, uint16(e-1))
	}
	dst = binary.BigEndian.AppendUint16(dst, 0) // instructionLength
	flags := make([]byte, len(xs))
	var xb, yb []byte
	px, py := 0, 0
	for i := range xs {
		var fl byte
		if o.points[i].on {
			fl = onCurve
		}
		fl, xb = appendDelta(fl, xb, xs[i]-px, xShort, xSameBit)
		fl, yb = appendDelta(fl, yb, ys[i]-py, yShort, ySameBit)
		flags[i] = fl
		px, py = xs[i], ys[i]
	}
	for i := 0; i < len(flags); { // runs of a flag as the flag and a count
		n := 1
		for i+n < len(flags) && flags[i+n] == flags[i] && n < 256 {
			n++
		}
		if n > 1 {
			dst = append(dst, flags[i]|repeat, byte(n-1))
		} else {
			dst = append(dst, flags[i])
		}
		i += n
	}
	dst = append(dst, xb...)
	return append(dst, yb...), nil
}

// appendDelta encodes coordinate delta d in the flag and the bytes: none if
// zero, one byte and a sign if short, else two.
func appendDelta(fl byte, b []byte, d int, short, same byte) (byte, []byte) {
	switch {
	case d == 0:
		return fl | same, b
	case -255 <= d && d <= 255:
		fl |= short
		if d > 0 {
			fl |= same
		} else {
			d = -d
		}
		return fl, append(b, byte(d))
	}
	return fl, binary.BigEndian.AppendUint16(b, uint16(int16(d)))
}
