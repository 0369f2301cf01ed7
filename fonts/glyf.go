package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Simple glyph flags (OpenType glyf table).
const (
	xShort   = 0x02
	yShort   = 0x04
	repeat   = 0x08
	xSameBit = 0x10
	ySameBit = 0x20
)

// checkGlyphs checks every glyph: simple glyphs have their points inside
// their data, composite glyphs their components, and no composite glyph
// contains itself, nests too deeply or is built from too many glyphs. It
// reads each glyph once.
func (f *Font) checkGlyphs() error {
	c := &glyphCheck{f: f, state: make([]uint8, f.numGlyphs), size: make([]uint16, f.numGlyphs)}
	for g := range f.numGlyphs {
		if _, err := c.visit(g, 0); err != nil {
			return f.broken("glyf", "glyph %d: %v", g, err)
		}
	}
	return nil
}

// glyphCheck walks the glyphs, each once, recording how many glyphs each
// is built from.
type glyphCheck struct {
	f     *Font
	state []uint8  // 0: not seen, 1: being visited, 2: done
	size  []uint16 // the glyphs g is built from, itself included, counting repeats
}

// visit checks glyph g, reached at depth, and returns the number of glyphs
// it is built from.
func (c *glyphCheck) visit(g, depth int) (int, error) {
	switch c.state[g] {
	case 1:
		return 0, fmt.Errorf("a composite glyph that contains itself (through glyph %d)", g)
	case 2:
		return int(c.size[g]), nil
	}
	if depth > maxComponentDepth {
		return 0, fmt.Errorf("composite glyphs nested more than %d deep", maxComponentDepth)
	}
	c.state[g] = 1
	data := c.f.glyph(g)
	size := 1
	end, err := components(data, func(at int) error {
		k := int(binary.BigEndian.Uint16(data[at+2:]))
		if k >= c.f.numGlyphs {
			return fmt.Errorf("component glyph %d of %d", k, c.f.numGlyphs)
		}
		n, err := c.visit(k, depth+1)
		if err != nil {
			return err
		}
		if size += n; size > maxComponents {
			return fmt.Errorf("a composite glyph built from more than %d glyphs", maxComponents)
		}
		return nil
	})
	if err == nil {
		if end > 0 {
			err = checkCompositeEnd(data, end)
		} else {
			err = checkSimple(data)
		}
	}
	if err != nil {
		return 0, err
	}
	c.state[g], c.size[g] = 2, uint16(size)
	return size, nil
}

// checkCompositeEnd checks the instructions after the last component of a
// composite glyph, at end, if it has any.
func checkCompositeEnd(g []byte, end int) error {
	has := false
	components(g, func(at int) error {
		has = has || binary.BigEndian.Uint16(g[at:])&haveInstruction != 0
		return nil
	})
	if !has {
		return nil
	}
	if len(g) < end+2 || len(g) < end+2+int(binary.BigEndian.Uint16(g[end:])) {
		return errShort
	}
	return nil
}

// checkSimple checks that a simple glyph's contours, instructions, flags
// and coordinates are inside its data.
func checkSimple(g []byte) error {
	_, err := simpleEnd(g)
	return err
}

// simpleEnd returns where the data of simple glyph g ends, after its
// coordinates, checking that its contours, instructions, flags and
// coordinates are inside it. What follows is padding.
func simpleEnd(g []byte) (int, error) {
	if len(g) == 0 {
		return 0, nil // no outline, as a space
	}
	if len(g) < 10 {
		return 0, errShort
	}
	contours := i16(g, 0)
	at := 10 + 2*contours
	if len(g) < at+2 {
		return 0, errShort
	}
	points := 0
	for i := range contours {
		end := u16(g, 10+2*i) + 1
		if end < points {
			return 0, errors.New("contour end points out of order")
		}
		points = end
	}
	at += 2 + u16(g, at) // the instructions
	xBytes, yBytes := 0, 0
	for n := 0; n < points; {
		if at >= len(g) {
			return 0, errShort
		}
		flag := g[at]
		at++
		count := 1
		if flag&repeat != 0 {
			if at >= len(g) {
				return 0, errShort
			}
			count += int(g[at])
			at++
		}
		if n += count; n > points {
			return 0, errors.New("point flags repeated past the last point")
		}
		xBytes += count * coordSize(flag, xShort, xSameBit)
		yBytes += count * coordSize(flag, yShort, ySameBit)
	}
	if end := at + xBytes + yBytes; end <= len(g) {
		return end, nil
	}
	return 0, errShort
}

// coordSize returns the size of one coordinate with flag: a byte when
// short, none when the same as the last, else two bytes.
func coordSize(flag, short, same byte) int {
	switch {
	case flag&short != 0:
		return 1
	case flag&same != 0:
		return 0
	}
	return 2
}
