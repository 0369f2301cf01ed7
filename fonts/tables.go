package fonts

import (
	"encoding/binary"
	"math"
)

// readDirectory reads the table directory into f.tables, checking that
// every table lies inside the file.
func (f *Font) readDirectory() error {
	data := f.ttf
	if len(data) < 12 {
		return f.broken("the", "the file ends in its header")
	}
	num := int(binary.BigEndian.Uint16(data[4:]))
	if num > maxTables {
		return f.broken("the", "%d tables, more than %d", num, maxTables)
	}
	if len(data) < 12+16*num {
		return f.broken("the", "the file ends in its table directory")
	}
	f.tables = make(map[string][]byte, num)
	for i := range num {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return f.broken(tag, "it lies past the end of the file")
		}
		if _, dup := f.tables[tag]; dup {
			return f.broken(tag, "it is in the directory twice")
		}
		f.tables[tag] = data[off : off+length]
	}
	if f.tables["glyf"] == nil || f.tables["loca"] == nil {
		if f.tables["CFF "] != nil || f.tables["CFF2"] != nil {
			return f.errorf(ErrCFF, "an OpenType font with PostScript (CFF) outlines, which the PDF writer cannot embed: use the TrueType (.ttf) version of the font, or convert its outlines to TrueType (fontTools' otf2ttf does)")
		}
		return f.errorf(ErrNotFont, "a font without TrueType outlines (no glyf and loca tables), such as a bitmap or colour emoji font, which the PDF writer cannot embed: use a TrueType font with outlines")
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "post"} {
		if f.tables[tag] == nil {
			return f.broken(tag, "it is missing")
		}
	}
	return nil
}

func u16(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
func i16(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
func u32(b []byte, at int) int { return int(binary.BigEndian.Uint32(b[at:])) }

func (f *Font) readHead() error {
	head := f.tables["head"]
	if len(head) < 54 {
		return f.broken("head", "%d bytes, fewer than 54", len(head))
	}
	if u32(head, 12) != 0x5F0F3CF5 {
		return f.broken("head", "wrong magic number")
	}
	f.upem = u16(head, 18)
	if f.upem < 16 || f.upem > 16384 {
		return f.broken("head", "%d units per em, not between 16 and 16384", f.upem)
	}
	if l := i16(head, 50); l != 0 && l != 1 {
		return f.broken("head", "unknown loca format %d", l)
	}
	if g := i16(head, 52); g != 0 {
		return f.broken("head", "unknown glyph data format %d", g)
	}
	return nil
}

func (f *Font) readMaxp() error {
	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return f.broken("maxp", "%d bytes, fewer than 6", len(maxp))
	}
	if v := u32(maxp, 0); v == 0x00010000 && len(maxp) < 32 {
		return f.broken("maxp", "version 1.0 in %d bytes, fewer than 32", len(maxp))
	}
	f.numGlyphs = u16(maxp, 4)
	if f.numGlyphs < 1 {
		return f.broken("maxp", "no glyphs")
	}
	return nil
}

func (f *Font) readHhea() error {
	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return f.broken("hhea", "%d bytes, fewer than 36", len(hhea))
	}
	if d := i16(hhea, 32); d != 0 {
		return f.broken("hhea", "unknown metric data format %d", d)
	}
	f.numH = u16(hhea, 34)
	if f.numH < 1 || f.numH > f.numGlyphs {
		return f.broken("hhea", "%d horizontal metrics for %d glyphs", f.numH, f.numGlyphs)
	}
	if need := 4*f.numH + 2*(f.numGlyphs-f.numH); len(f.tables["hmtx"]) < need {
		return f.broken("hmtx", "%d bytes, fewer than the %d its %d glyphs need", len(f.tables["hmtx"]), need, f.numGlyphs)
	}
	return nil
}

// os2Sizes are the sizes of the OS/2 table's versions 0 to 5.
var os2Sizes = [...]int{78, 86, 96, 96, 96, 100}

func (f *Font) readOS2() error {
	os2 := f.tables["OS/2"]
	if os2 == nil {
		return nil // optional: the PDF writer then guesses
	}
	if len(os2) < 2 {
		return f.broken("OS/2", "%d bytes", len(os2))
	}
	v := u16(os2, 0)
	if v >= len(os2Sizes) {
		v = len(os2Sizes) - 1 // a later version has at least version 5's fields
	}
	if len(os2) < os2Sizes[v] {
		return f.broken("OS/2", "version %d in %d bytes, fewer than its %d", u16(os2, 0), len(os2), os2Sizes[v])
	}
	// fsType: bits 0-3 are the embedding licence, the least restrictive
	// set counting; 8 is "no subsetting", 9 "bitmap embedding only".
	fs := u16(os2, 8)
	var why string
	switch {
	case fs&0xF == 0x2:
		why = "restricted licence: the font may not be embedded in documents"
	case fs&0x100 != 0:
		why = "the font may be embedded only whole, not as the subset of the characters a PDF uses"
	case fs&0x200 != 0:
		why = "the font may be embedded only as bitmaps"
	default:
		return nil
	}
	return f.errorf(ErrNoEmbed, "its licence bits (OS/2 fsType %#04x) say %s: use a font whose licence allows embedding, such as one under the SIL Open Font License", fs, why)
}

func (f *Font) readPost() error {
	if post := f.tables["post"]; len(post) < 32 {
		return f.broken("post", "%d bytes, fewer than 32", len(post))
	}
	return nil
}

// readLoca reads the glyph offsets, which must grow and end inside glyf.
func (f *Font) readLoca() error {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	long := i16(f.tables["head"], 50) == 1
	size := 2
	if long {
		size = 4
	}
	n := f.numGlyphs
	if len(loca) < (n+1)*size {
		return f.broken("loca", "%d bytes, fewer than the %d its %d glyphs need", len(loca), (n+1)*size, n)
	}
	f.offsets = make([]uint32, n+1)
	for i := range f.offsets {
		if long {
			f.offsets[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			f.offsets[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if i > 0 && f.offsets[i] < f.offsets[i-1] {
			return f.broken("loca", "glyph %d starts before glyph %d", i, i-1)
		}
	}
	if int64(f.offsets[n]) > int64(len(glyf)) {
		return f.broken("loca", "its glyphs end at byte %d of a glyf table of %d", f.offsets[n], len(glyf))
	}
	return nil
}

// glyph returns the data of glyph g.
func (f *Font) glyph(g int) []byte { return f.tables["glyf"][f.offsets[g]:f.offsets[g+1]] }

// advance returns the advance width of glyph g in font units.
func (f *Font) advance(g int) int {
	hmtx := f.tables["hmtx"]
	if g >= f.numH {
		g = f.numH - 1
	}
	return u16(hmtx, 4*g)
}

// readMetrics sets the vertical metrics, in 1/1000 em: ascent and descent
// from hhea, within the bounding box of head, cap height and x-height from OS/2 (version 2 and later), or
// else from the tops of the glyphs of 'H' and 'x'.
func (f *Font) readMetrics() error {
	m := &f.metrics
	m.font = f
	hhea, head := f.tables["hhea"], f.tables["head"]
	asc, desc := i16(hhea, 4), i16(hhea, 6)
	if yMax := i16(head, 42); yMax > 0 && yMax < asc {
		asc = yMax
	}
	if yMin := i16(head, 38); yMin < 0 && yMin > desc {
		desc = yMin
	}
	m.Ascent, m.Descent = f.thousandths(asc), f.thousandths(desc)
	if os2 := f.tables["OS/2"]; os2 != nil && u16(os2, 0) >= 2 {
		m.XHeight = f.thousandths(i16(os2, 86))
		m.CapHeight = f.thousandths(i16(os2, 88))
		return nil
	}
	top := func(r rune) int {
		if g := f.cmap.lookup(r); g > 0 {
			if data := f.glyph(g); len(data) >= 10 {
				return i16(data, 8) // yMax
			}
		}
		return 0
	}
	m.XHeight, m.CapHeight = f.thousandths(top('x')), f.thousandths(top('H'))
	return nil
}

// thousandths converts a length in font units to 1/1000 em, exactly as the
// PDF writer converts glyph widths: scaled by 1000/unitsPerEm, then
// rounded half away from zero.
func (f *Font) thousandths(v int) int {
	return int(math.Round(1000.0 / float64(f.upem) * float64(v)))
}
