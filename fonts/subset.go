package fonts

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
)

// A PDF writer given a whole font parses all of it, builds tables over its
// whole character map and cuts its own subset from it, for every document.
// Given a font that holds only the glyphs a document draws, all of that work
// shrinks with it; the subset it then embeds is the same.

// Subset returns a font file for drawing the runes in runes: see
// Font.Subset.
func (f Face) Subset(runes []rune) ([]byte, error) {
	font, err := f.Font()
	if err != nil {
		return nil, err
	}
	return font.Subset(runes)
}

// Subset returns a font file for drawing the runes in runes: glyph 0 (the
// missing-glyph glyph), the glyphs of those runes and the glyphs these are
// composed of, renumbered in their original order, and a character map of
// just those runes. Each kept glyph has its outline and metrics unchanged,
// so the subset draws those runes exactly as the whole font does; hinting
// (the hinting tables and each glyph's instructions) is left out, as a PDF
// viewer needs none. Runes the font has no glyph for are left out, as are
// duplicates; the order of runes does not matter. The result depends only
// on the font and the set of runes.
//
// The PDF writer cuts a subset of its own from the font it is given, of
// the glyphs of the runes it draws, and writes the length of that font's
// character map as 16 + 8 × segments + glyphs + 1 bytes: an odd number,
// which strict font parsers refuse, whenever the glyphs are even in
// number. So when the kept glyphs would be even in number, Subset adds one
// more, an empty glyph mapped from U+0000: the PDF writer always counts
// U+0000 as drawn, keeps that glyph, and leaves U+0000 out of its own
// character map. The runes given must therefore be exactly those that are
// drawn with the subset.
func (f *Font) Subset(runes []rune) ([]byte, error) {
	ttf, _, err := f.subset(runes, false)
	if err != nil {
		return nil, fmt.Errorf("fonts: subsetting %s: %w", f.Name(), err)
	}
	return ttf, nil
}

// SubsetGlyphs is Subset, also returning the glyph each of runes has in
// the subset: glyphs[i] is that of runes[i], 0 (the missing glyph) for a
// rune the font cannot draw. A PDF that draws the runes with the subset
// maps its character codes to these glyphs.
func (f *Font) SubsetGlyphs(runes []rune) (ttf []byte, glyphs []uint16, err error) {
	ttf, cmap, err := f.subset(runes, false)
	if err != nil {
		return nil, nil, fmt.Errorf("fonts: subsetting %s: %w", f.Name(), err)
	}
	slices.SortFunc(cmap, func(a, b mapping) int { return int(a.r - b.r) })
	glyphs = make([]uint16, len(runes))
	for i, r := range runes {
		j, ok := slices.BinarySearchFunc(cmap, r, func(m mapping, r rune) int { return int(m.r - r) })
		if ok && r != 0 {
			glyphs[i] = uint16(cmap[j].g)
		}
	}
	return ttf, glyphs, nil
}

// mapping is a rune and its glyph: in the font, then in the subset.
type mapping struct {
	r rune
	g int
}

// subset returns the font file for runes, and its character map: the
// runes it has, in increasing order, with their glyphs in it.
//
// The PDF writer's cut of the subset also has a character map whose stated
// length exceeds its data, which strict parsers refuse too, when its glyphs
// outnumber twice its runes plus one: when composite glyphs bring in many
// component glyphs for few runes, as an accented letter alone does. Then
// the subset's composite glyphs are flattened into simple ones, with the
// components' contours moved and scaled into place, so that it needs no
// component glyphs. With alwaysFlat, they are flattened in any case.
func (f *Font) subset(runes []rune, alwaysFlat bool) ([]byte, []mapping, error) {
	n := f.numGlyphs
	var cmap []mapping
	keep := make([]bool, n)
	keep[0] = true
	var direct []int // the glyphs of runes
	for _, r := range runes {
		if r <= 0 || r >= MaxRune {
			continue // as Metrics: never drawable
		}
		g := f.cmap.lookup(r)
		if g == 0 {
			continue
		}
		cmap = append(cmap, mapping{r, g})
		if !keep[g] {
			keep[g] = true
			direct = append(direct, g)
		}
	}
	slices.SortFunc(cmap, func(a, b mapping) int { return int(a.r - b.r) })
	cmap = slices.CompactFunc(cmap, func(a, b mapping) bool { return a.r == b.r })

	withComponents := slices.Clone(keep)
	f.keepComponents(withComponents, direct)
	count := func(keep []bool) int {
		c := 0
		for _, k := range keep {
			if k {
				c++
			}
		}
		return c | 1 // with the empty glyph when even
	}
	flat := alwaysFlat || count(withComponents) > 2*len(cmap)+1
	if !flat {
		keep = withComponents
	}

	// Renumber the kept glyphs in order, and copy their data without
	// instructions (or flattened), and their metrics.
	newID := make([]uint16, n)
	var old []int
	for g, k := range keep {
		if k {
			newID[g] = uint16(len(old))
			old = append(old, g)
		}
	}
	total := len(old) | 1
	if total > len(old) {
		cmap = append(cmap, mapping{0, len(old)}) // the empty glyph
	}
	glyf := make([]byte, 0, 4096)
	loca := make([]byte, 4*(total+1))
	hmtx := make([]byte, 4*total)
	src := f.tables["hmtx"]
	maxPoints, maxContours := 0, 0
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		data, err := f.subsetGlyph(glyf, g, flat, newID)
		if err != nil {
			return nil, nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		glyf = data
		if data := glyf[start:]; len(data) >= 12 && i16(data, 0) > 0 {
			c := i16(data, 0)
			maxPoints, maxContours = max(maxPoints, u16(data, 10+2*(c-1))+1), max(maxContours, c)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		if g < f.numH {
			copy(hmtx[4*i:], src[4*g:4*g+4])
		} else { // the last advance, and a left side bearing of its own
			copy(hmtx[4*i:], src[4*(f.numH-1):4*f.numH-2])
			at := 4*f.numH + 2*(g-f.numH)
			copy(hmtx[4*i+2:], src[at:at+2])
		}
	}
	for i := len(old); i <= total; i++ { // the empty glyph's, and the end
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
	}

	for i := range cmap {
		if cmap[i].r != 0 {
			cmap[i].g = int(newID[cmap[i].g])
		}
	}
	cmapTable, err := format4(cmap)
	if err != nil {
		return nil, nil, err
	}
	tables := f.subsetTables(total, cmapTable, glyf, loca, hmtx)
	if flat {
		setMaxp(tables, maxPoints, maxContours)
	}
	return writeTables(tables), cmap, nil
}

// keepComponents marks in keep the components of the glyphs todo, and
// theirs, and so on.
func (f *Font) keepComponents(keep []bool, todo []int) {
	todo = slices.Clone(todo)
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		data := f.glyph(g)
		components(data, func(at int) error { // Parse checked every component
			if k := u16(data, at+2); !keep[k] {
				keep[k] = true
				todo = append(todo, k)
			}
			return nil
		})
	}
}

// subsetGlyph appends glyph g to glyf as a subset has it: without
// instructions, with its components renumbered by newID, or flattened.
func (f *Font) subsetGlyph(glyf []byte, g int, flat bool, newID []uint16) ([]byte, error) {
	data := f.glyph(g)
	if flat && len(data) >= 10 && i16(data, 0) < 0 {
		var o outline
		if err := f.flatten(&o, g); err != nil {
			return nil, err
		}
		return appendSimple(glyf, o)
	}
	start := len(glyf)
	glyf, err := appendStripped(glyf, data)
	if err != nil {
		return nil, err
	}
	out := glyf[start:]
	_, err = components(out, func(at int) error {
		binary.BigEndian.PutUint16(out[at+2:], newID[u16(out, at+2)])
		return nil
	})
	return glyf, err
}

// setMaxp sets the maximum profile of a subset without composite glyphs:
// its largest glyph's points and contours, and no components.
func setMaxp(tables []table, points, contours int) {
	for _, t := range tables {
		if t.tag != "maxp" || len(t.data) < 32 {
			continue
		}
		binary.BigEndian.PutUint16(t.data[6:], uint16(points))
		binary.BigEndian.PutUint16(t.data[8:], uint16(contours))
		binary.BigEndian.PutUint32(t.data[10:], 0) // maxCompositePoints, maxCompositeContours
		binary.BigEndian.PutUint32(t.data[28:], 0) // maxComponentElements, maxComponentDepth
	}
}

// subsetTables returns the tables of a subset of total glyphs: those a
// PDF's TrueType font program needs (PDF 32000-1:2008, 9.9) and those the
// PDF writer reads, with the given character map, glyphs and metrics. The
// layout tables (GSUB, GPOS, kern and so on) are of no use in a PDF, which
// places every glyph itself, and the hinting tables (cvt, fpgm, prep, gasp
// and others) of none to a viewer without hinting.
func (f *Font) subsetTables(total int, cmap, glyf, loca, hmtx []byte) []table {
	head := append([]byte(nil), f.tables["head"][:54]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by writeTables
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long

	hhea := append([]byte(nil), f.tables["hhea"][:36]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(total)) // numberOfHMetrics

	maxp := f.tables["maxp"]
	if u32(maxp, 0) == 0x00010000 {
		maxp = maxp[:32]
	} else {
		maxp = maxp[:6]
	}
	maxp = append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(total)) // numGlyphs

	// Format 3: the header without glyph names, which are by glyph number.
	post := append([]byte(nil), f.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000)

	tables := []table{
		{"cmap", cmap}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx},
		{"loca", loca}, {"maxp", maxp}, {"name", f.names()}, {"post", post},
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		tables = append(tables, table{"OS/2", os2})
	}
	return tables
}

// subsetNames are the names a subset keeps: copyright, family, subfamily,
// unique identifier, full name, version, PostScript name, trademark,
// licence and licence URL.
var subsetNames = []int{0, 1, 2, 3, 4, 5, 6, 7, 13, 14}

// nameTable returns a name table (format 0) for a subset, of the font's
// names in subsetNames whose strings are whole and, for Unicode and
// Windows, of even length, as the PDF writer needs them to be; with the
// font's PostScript name if it has none. It is at most 64 KB.
func (f *Font) nameTable() []byte {
	var recs []nameRecord
	hasPS := false
	for _, r := range nameRecords(f.tables["name"]) {
		if slices.Contains(subsetNames, r.id) {
			recs = append(recs, r)
			hasPS = hasPS || r.id == 6 && postScriptName(r.text()) == f.name
		}
	}
	if !hasPS {
		ps := make([]byte, 0, 2*len(f.name))
		for _, c := range f.name { // ASCII
			ps = append(ps, 0, byte(c))
		}
		recs = append(recs, nameRecord{platform: 3, encoding: 1, language: 0x409, id: 6, data: ps})
	}
	slices.SortStableFunc(recs, func(a, b nameRecord) int {
		return cmp.Or(a.platform-b.platform, a.encoding-b.encoding, a.language-b.language, a.id-b.id)
	})
	recs = slices.CompactFunc(recs, func(a, b nameRecord) bool {
		return a.platform == b.platform && a.encoding == b.encoding && a.language == b.language && a.id == b.id
	})
	// The strings, each written once, and the records pointing at them;
	// offsets and lengths are 16-bit.
	var storage []byte
	type written struct{ off, n int }
	at := map[string]written{}
	out := make([]byte, 6, 6+12*len(recs))
	count := 0
	for _, r := range recs {
		w, ok := at[string(r.data)]
		if !ok {
			if len(storage)+len(r.data) > 0xFFFF-12*len(recs)-6 {
				continue
			}
			w = written{len(storage), len(r.data)}
			at[string(r.data)] = w
			storage = append(storage, r.data...)
		}
		for _, v := range []int{r.platform, r.encoding, r.language, r.id, w.n, w.off} {
			out = binary.BigEndian.AppendUint16(out, uint16(v))
		}
		count++
	}
	binary.BigEndian.PutUint16(out[2:], uint16(count))
	binary.BigEndian.PutUint16(out[4:], uint16(len(out)))
	return append(out, storage...)
}

// format4 returns a character map table with one subtable, for Windows
// Unicode BMP (platform 3, encoding 1), of format 4, mapping each rune of
// cmap to its glyph by segments of runes and glyphs that both go up by
// one. A segment takes 8 bytes of the format's 64 KB: about 8,000
// segments fit, as many as 8,000 characters that are not next to each
// other, far more than a worksheet has; more is an error.
func format4(cmap []mapping) ([]byte, error) {
	slices.SortFunc(cmap, func(a, b mapping) int { return int(a.r - b.r) })
	var starts, ends, deltas []uint16
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
