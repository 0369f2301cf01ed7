package fonts

import (
	"sort"
	"unicode/utf16"
)

// cmap is the Unicode subtable of a font's character map that the font is
// read with: format 4 (16-bit runes, by segments) or format 12 (any rune,
// by groups).
type cmap struct {
	format    int
	data      []byte // the subtable, cut to its length
	seg       int    // format 4: the number of segments
	groups    int    // format 12: the number of groups
	numGlyphs int
}

// readCmap chooses the subtable the PDF writer would choose, the first
// format 4 subtable for Unicode (platform 3 encoding 1, or platform 0), so
// that measuring a whole font agrees with it; failing that, the first
// format 12 subtable for Unicode. It checks that the subtable is inside
// the table, with its segments or groups in order.
func (f *Font) readCmap() error {
	t := f.tables["cmap"]
	if len(t) < 4 {
		return f.broken("cmap", "%d bytes", len(t))
	}
	num := u16(t, 2)
	if len(t) < 4+8*num {
		return f.broken("cmap", "%d subtables in %d bytes", num, len(t))
	}
	var fallback []byte
	for i := range num {
		rec := t[4+8*i:]
		platform, encoding, off := u16(rec, 0), u16(rec, 2), u32(rec, 4)
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if !unicode {
			continue
		}
		if off+2 > len(t) {
			return f.broken("cmap", "subtable %d lies past the end of the table", i)
		}
		switch u16(t, off) {
		case 4:
			if platform == 0 || encoding == 1 {
				return f.readFormat4(t[off:])
			}
		case 12:
			if fallback == nil {
				fallback = t[off:]
			}
		}
	}
	if fallback != nil {
		return f.readFormat12(fallback)
	}
	return f.errorf(ErrNoUnicode, "the font has no Unicode character map (format 4 or 12) that says which glyph draws which character; it may be a symbol font: use a font made for text")
}

func (f *Font) readFormat4(sub []byte) error {
	if len(sub) < 14 {
		return f.broken("cmap", "format 4 subtable cut short")
	}
	length, seg := u16(sub, 2), u16(sub, 6)/2
	if seg == 0 || length < 16+8*seg || len(sub) < 16+8*seg {
		return f.broken("cmap", "format 4 subtable of %d bytes with %d segments", length, seg)
	}
	// Lookups never read past the subtable's length, as the PDF writer
	// does not.
	sub = sub[:min(length, len(sub))]
	prevEnd := -1
	for i := range seg {
		end, start := u16(sub, 14+2*i), u16(sub, 16+2*seg+2*i)
		if start > end || start <= prevEnd {
			return f.broken("cmap", "format 4 segments out of order (segment %d: %04X-%04X)", i, start, end)
		}
		prevEnd = end
	}
	f.cmap = cmap{format: 4, data: sub, seg: seg, numGlyphs: f.numGlyphs}
	return nil
}

func (f *Font) readFormat12(sub []byte) error {
	if len(sub) < 16 {
		return f.broken("cmap", "format 12 subtable cut short")
	}
	groups := u32(sub, 12)
	if groups > (len(sub)-16)/12 {
		return f.broken("cmap", "format 12 subtable of %d bytes with %d groups", len(sub), groups)
	}
	prevEnd := -1
	for i := range groups {
		start, end := u32(sub, 16+12*i), u32(sub, 20+12*i)
		if start > end || start <= prevEnd || end > 0x10FFFF {
			return f.broken("cmap", "format 12 groups out of order (group %d: %04X-%04X)", i, start, end)
		}
		prevEnd = end
	}
	f.cmap = cmap{format: 12, data: sub[:16+12*groups], groups: groups, numGlyphs: f.numGlyphs}
	return nil
}

// lookup returns the glyph of r, or 0 if the font has none.
func (c *cmap) lookup(r rune) int {
	if r < 0 {
		return 0
	}
	g := 0
	switch c.format {
	case 4:
		g = c.lookup4(r)
	case 12:
		g = c.lookup12(r)
	}
	if g >= c.numGlyphs {
		return 0
	}
	return g
}

func (c *cmap) lookup4(r rune) int {
	if r > 0xFFFF {
		return 0
	}
	d, seg := c.data, c.seg
	i := sort.Search(seg, func(i int) bool { return u16(d, 14+2*i) >= int(r) })
	if i == seg || u16(d, 16+2*seg+2*i) > int(r) {
		return 0
	}
	start, delta := u16(d, 16+2*seg+2*i), u16(d, 16+4*seg+2*i)
	at := 16 + 6*seg + 2*i // where the segment's idRangeOffset is
	ro := u16(d, at)
	if ro == 0 {
		return (int(r) + delta) & 0xFFFF
	}
	at += ro + 2*(int(r)-start)
	if at+2 > len(d) {
		return 0
	}
	g := u16(d, at)
	if g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

func (c *cmap) lookup12(r rune) int {
	d := c.data
	i := sort.Search(c.groups, func(i int) bool { return u32(d, 20+12*i) >= int(r) })
	if i == c.groups || u32(d, 16+12*i) > int(r) {
		return 0
	}
	return u32(d, 24+12*i) + int(r) - u32(d, 16+12*i)
}

// readName sets the font's PostScript name: from its name table (name 6),
// or else from its file name. The name table is optional: the subset gets
// one of its own (see nameTable).
func (f *Font) readName() error {
	if f.builtin {
		f.name = f.face.Name()
		return nil
	}
	for _, r := range nameRecords(f.tables["name"]) {
		if r.id != 6 {
			continue
		}
		if s := postScriptName(r.text()); s != "" {
			f.name = s
			return nil
		}
	}
	f.name = fileName(f.source)
	return nil
}

// nameRecord is one string of a name table, with its bytes.
type nameRecord struct {
	platform, encoding, language, id int
	data                             []byte
}

// text returns the record's string, decoded from UTF-16 (platforms 0 and
// 3) or taken as ASCII (platform 1, Macintosh).
func (r nameRecord) text() string {
	if r.platform == 1 {
		return string(r.data)
	}
	u := make([]uint16, len(r.data)/2)
	for i := range u {
		u[i] = uint16(u16(r.data, 2*i))
	}
	return string(utf16.Decode(u))
}

// nameRecords returns the records of a name table (format 0 or 1) whose
// strings lie inside the table: of Unicode and Windows, those of even
// length (UTF-16); of Macintosh, those in Roman. Others are left out.
func nameRecords(t []byte) []nameRecord {
	if len(t) < 6 || u16(t, 0) > 1 {
		return nil
	}
	count, storage := u16(t, 2), u16(t, 4)
	var out []nameRecord
	for i := range count {
		at := 6 + 12*i
		if at+12 > len(t) {
			break
		}
		r := nameRecord{platform: u16(t, at), encoding: u16(t, at+2), language: u16(t, at+4), id: u16(t, at+6)}
		length, off := u16(t, at+8), storage+u16(t, at+10)
		if off+length > len(t) {
			continue
		}
		r.data = t[off : off+length]
		switch {
		case (r.platform == 0 || r.platform == 3) && length%2 == 0,
			r.platform == 1 && r.encoding == 0:
			out = append(out, r)
		}
	}
	return out
}
