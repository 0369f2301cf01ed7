package fonts

import (
	"encoding/binary"
	"math"
)

// A Descriptor holds what a PDF's font descriptor says of a font
// (PDF 32000-1:2008, 9.8): the metrics a viewer uses to place, select and
// substitute text when it does not read the embedded font program.
// Lengths are in 1/1000 em, rounded towards zero as the PDF writer
// codeberg.org/go-pdf/fpdf rounds them, so that a PDF says of a font what
// it said when fpdf wrote its fonts.
type Descriptor struct {
	// Ascent and Descent are the font's ascender (positive) and descender
	// (negative), from its hhea table; CapHeight the height of capitals.
	Ascent, Descent, CapHeight int
	// BBox is the box that holds every glyph: xMin, yMin, xMax, yMax.
	BBox [4]int
	// ItalicAngle is the slant of upright strokes in degrees,
	// anticlockwise from the vertical: negative for italics.
	ItalicAngle float64
	// StemV is the thickness of vertical stems, estimated, as fpdf does,
	// from the weight class.
	StemV int
	// Flags are the font flags (PDF 32000-1, table 123): Symbolic, and
	// FixedPitch, Italic and ForceBold as they apply.
	Flags int
	// MissingWidth is the advance of the missing glyph, glyph 0.
	MissingWidth int
}

// The font flags of PDF 32000-1:2008, table 123.
const (
	flagFixedPitch = 1 << 0
	flagSymbolic   = 1 << 2
	flagItalic     = 1 << 6
	flagForceBold  = 1 << 18
)

// Descriptor returns the font's descriptor, from its head, hhea, OS/2,
// post and hmtx tables, which Parse has checked.
func (f *Font) Descriptor() Descriptor {
	head, hhea, os2, post, hmtx := f.tables["head"], f.tables["hhea"], f.tables["OS/2"], f.tables["post"], f.tables["hmtx"]
	scale := func(v int) int { return int(float64(v) * 1000 / float64(f.upem)) }

	var d Descriptor
	for i := range d.BBox {
		d.BBox[i] = scale(i16(head, 36+2*i))
	}
	d.Ascent, d.Descent = scale(i16(hhea, 4)), scale(i16(hhea, 6))
	weight := 500 // fpdf's guess for a font without OS/2
	if len(os2) >= 72 {
		if d.Ascent == 0 {
			d.Ascent = scale(i16(os2, 68)) // sTypoAscender
		}
		if d.Descent == 0 {
			d.Descent = scale(i16(os2, 70)) // sTypoDescender
		}
		weight = u16(os2, 4)
	}
	if d.Ascent == 0 {
		d.Ascent = scale(i16(head, 42)) // yMax
	}
	if d.Descent == 0 {
		d.Descent = scale(i16(head, 38)) // yMin
	}
	d.CapHeight = d.Ascent
	if len(os2) >= 90 && u16(os2, 0) > 1 {
		d.CapHeight = scale(i16(os2, 88)) // sCapHeight
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65, 2))
	d.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	d.Flags = flagSymbolic
	if d.ItalicAngle != 0 {
		d.Flags |= flagItalic
	}
	if weight >= 600 {
		d.Flags |= flagForceBold
	}
	if u32(post, 12) != 0 { // isFixedPitch
		d.Flags |= flagFixedPitch
	}
	d.MissingWidth = int(math.Round(float64(u16(hmtx, 0)) * 1000 / float64(f.upem))) // advanceWidth of glyph 0
	return d
}
