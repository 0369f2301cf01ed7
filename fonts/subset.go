package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// A PDF writer given a whole font parses all of it, builds tables over its
// whole character map and cuts its own subset from it, for every document.
// Given a font that holds only the glyphs a document draws, all of that work
// shrinks with it; the subset it then embeds is the same.

// subsetTables are the tables a subset keeps: those a PDF's TrueType font
// program needs (PDF 32000-1:2008, 9.9) and those the PDF writer reads. The
// layout tables (GSUB, GPOS, kern and so on) are of no use in a PDF, which
// places every glyph itself.
var subsetTables = []string{"OS/2", "cmap", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// cut is what Subset needs of a face, read once per process from the font
// Embed returns.
type cut struct {
	font    *sfnt.Font        // the original font, for its character map
	tables  map[string][]byte // Embed's tables, by tag
	offsets []int             // glyph g is glyf[offsets[g]:offsets[g+1]]
	numH    int               // the number of long horizontal metrics
}

var cuts [8]struct {
	once sync.Once
	c    *cut
	err  error
}

// Subset returns a font file for drawing the runes in runes: the font Embed
// returns with only glyph 0 (the missing-glyph glyph), the glyphs of those
// runes and the glyphs these are composed of, renumbered in their original
// order, and a character map of just those runes. Each kept glyph has its
// outline and metrics unchanged, so the subset draws those runes exactly as
// the whole font does. Runes the face has no glyph for are left out, as are
// duplicates; the order of runes does not matter. The result depends only
// on the face and the set of runes.
func (f Face) Subset(runes []rune) ([]byte, error) {
	i := f.index()
	if i < 0 {
		return nil, fmt.Errorf("fonts: no such face %v", f)
	}
	c := &cuts[i]
	c.once.Do(func() {
		c.c, c.err = newCut(f)
		if c.err != nil {
			c.err = fmt.Errorf("fonts: reading %s for subsetting: %w", f.Name(), c.err)
		}
	})
	if c.err != nil {
		return nil, c.err
	}
	ttf, err := c.c.subset(runes)
	if err != nil {
		return nil, fmt.Errorf("fonts: subsetting %s: %w", f.Name(), err)
	}
	return ttf, nil
}

// newCut reads face f's embedded font for subsetting.
func newCut(f Face) (*cut, error) {
	m, err := Load(f)
	if err != nil {
		return nil, err
	}
	ttf, err := f.Embed()
	if err != nil {
		return nil, err
	}
	all, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	c := &cut{font: m.font, tables: map[string][]byte{}}
	for _, t := range all {
		if slices.Contains(subsetTables, t.tag) {
			c.tables[t.tag] = t.data
		}
	}
	head, hhea, maxp, post := c.tables["head"], c.tables["hhea"], c.tables["maxp"], c.tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 32 {
		return nil, errShort
	}
	for _, tag := range subsetTables {
		if c.tables[tag] == nil && tag != "gasp" {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	// Embed always writes a long loca.
	if c.offsets, err = readLoca(c.tables["loca"], n, true); err != nil {
		return nil, err
	}
	if c.offsets[n] > len(c.tables["glyf"]) {
		return nil, errShort
	}
	c.numH = int(binary.BigEndian.Uint16(hhea[34:]))
	if c.numH < 1 || c.numH > n || len(c.tables["hmtx"]) < 4*c.numH+2*(n-c.numH) {
		return nil, errors.New("bad horizontal metrics")
	}
	return c, nil
}

// glyph returns the data of glyph g.
func (c *cut) glyph(g int) []byte { return c.tables["glyf"][c.offsets[g]:c.offsets[g+1]] }

// subset returns the font file for runes.
func (c *cut) subset(runes []rune) ([]byte, error) {
	n := len(c.offsets) - 1
	var buf sfnt.Buffer
	type mapping struct {
		r rune
		g int // in the font; in the subset once renumbered
	}
	var cmap []mapping
	keep := make([]bool, n)
	keep[0] = true
	var todo []int // kept composite glyphs whose components are not yet kept
	for _, r := range runes {
		if r <= 0 || r >= 0xFFFF {
			continue // as Metrics: never drawable
		}
		gi, err := c.font.GlyphIndex(&buf, r)
		if err != nil {
			return nil, err
		}
		g := int(gi)
		if g == 0 {
			continue
		}
		if g >= n {
			return nil, fmt.Errorf("%U maps to glyph %d of %d", r, g, n)
		}
		cmap = append(cmap, mapping{r, g})
		if !keep[g] {
			keep[g] = true
			todo = append(todo, g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		data := c.glyph(g)
		_, err := components(data, func(at int) error {
			k := int(binary.BigEndian.Uint16(data[at+2:]))
			if k >= n {
				return fmt.Errorf("component glyph %d of %d", k, n)
			}
			if !keep[k] {
				keep[k] = true
				todo = append(todo, k)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
	}

	// Renumber the kept glyphs in order, and copy their data and metrics.
	newID := make([]uint16, n)
	var old []int
	for g, k := range keep {
		if k {
			newID[g] = uint16(len(old))
			old = append(old, g)
		}
	}
	glyf := make([]byte, 0, 4096)
	loca := make([]byte, 4*(len(old)+1))
	hmtx := make([]byte, 4*len(old))
	src := c.tables["hmtx"]
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, c.glyph(g)...)
		data := glyf[start:]
		_, err := components(data, func(at int) error {
			binary.BigEndian.PutUint16(data[at+2:], newID[binary.BigEndian.Uint16(data[at+2:])])
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		if g < c.numH {
			copy(hmtx[4*i:], src[4*g:4*g+4])
		} else { // the last advance, and a left side bearing of its own
			copy(hmtx[4*i:], src[4*(c.numH-1):4*c.numH-2])
			at := 4*c.numH + 2*(g-c.numH)
			copy(hmtx[4*i+2:], src[at:at+2])
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(old):], uint32(len(glyf)))

	for i := range cmap {
		cmap[i].g = int(newID[cmap[i].g])
	}
	slices.SortFunc(cmap, func(a, b mapping) int { return int(a.r - b.r) })
	cmap = slices.CompactFunc(cmap, func(a, b mapping) bool { return a.r == b.r })
	var starts, ends []uint16
	var deltas []uint16
	for i, m := range cmap {
		delta := uint16(m.g - int(m.r))
		if i > 0 && m.r == cmap[i-1].r+1 && delta == deltas[len(deltas)-1] {
			ends[len(ends)-1] = uint16(m.r)
			continue
		}
		starts, ends, deltas = append(starts, uint16(m.r)), append(ends, uint16(m.r)), append(deltas, delta)
	}
	// The last segment maps U+FFFF to glyph 0, as format 4 requires.
	starts, ends, deltas = append(starts, 0xFFFF), append(ends, 0xFFFF), append(deltas, 1)
	cmapTable, err := format4(starts, ends, deltas)
	if err != nil {
		return nil, err
	}

	tables := make([]table, 0, len(subsetTables))
	for _, tag := range subsetTables {
		data := c.tables[tag]
		switch tag {
		case "cmap":
			data = cmapTable
		case "glyf":
			data = glyf
		case "loca":
			data = loca
		case "hmtx":
			data = hmtx
		case "hhea":
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint16(data[34:], uint16(len(old))) // numberOfHMetrics
		case "maxp":
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint16(data[4:], uint16(len(old))) // numGlyphs
		case "post":
			// Format 3: the header without glyph names, which are by glyph
			// number.
			data = append([]byte(nil), data[:32]...)
			binary.BigEndian.PutUint32(data, 0x00030000)
		case "head":
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint32(data[8:], 0) // checkSumAdjustment, set by writeTables
		}
		if data != nil {
			tables = append(tables, table{tag: tag, data: data})
		}
	}
	return writeTables(tables), nil
}

// format4 returns a character map table with one subtable, for Windows
// Unicode BMP (platform 3, encoding 1), of format 4 with the given
// segments, all of them mapping by delta. Each segment holds at least one
// rune with a glyph, so the faces' few thousand runes fit in the format's
// 64 KB; more is an error.
func format4(starts, ends, deltas []uint16) ([]byte, error) {
	seg := len(starts)
	size := 16 + 8*seg
	if size > 0xFFFF {
		return nil, fmt.Errorf("%d character map segments are too many", seg)
	}
	out := make([]byte, 12, 12+size)
	binary.BigEndian.PutUint16(out[2:], 1)  // numTables
	binary.BigEndian.PutUint16(out[4:], 3)  // platformID: Windows
	binary.BigEndian.PutUint16(out[6:], 1)  // encodingID: Unicode BMP
	binary.BigEndian.PutUint32(out[8:], 12) // offset
	entry := 0
	for 2<<entry <= seg {
		entry++
	}
	search := 2 << entry // 2 * the largest power of 2 <= seg
	out = binary.BigEndian.AppendUint16(out, 4)
	out = binary.BigEndian.AppendUint16(out, uint16(size))
	out = binary.BigEndian.AppendUint16(out, 0) // language
	out = binary.BigEndian.AppendUint16(out, uint16(2*seg))
	out = binary.BigEndian.AppendUint16(out, uint16(search))
	out = binary.BigEndian.AppendUint16(out, uint16(entry))
	out = binary.BigEndian.AppendUint16(out, uint16(2*seg-search))
	for _, e := range ends {
		out = binary.BigEndian.AppendUint16(out, e)
	}
	out = binary.BigEndian.AppendUint16(out, 0) // reservedPad
	for _, s := range starts {
		out = binary.BigEndian.AppendUint16(out, s)
	}
	for _, d := range deltas {
		out = binary.BigEndian.AppendUint16(out, d)
	}
	for range seg {
		out = binary.BigEndian.AppendUint16(out, 0) // idRangeOffset: none
	}
	return out, nil
}
