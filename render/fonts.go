package render

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"strconv"

	"handout/fonts"
)

// Text is drawn in fonts that render writes itself, not fpdf: textItem
// writes the text operators, and the fonts pass (addFonts) the fonts. For
// each font a document uses, a built-in face or a font file such as a
// school's own or a fallback for Chinese, it embeds a subset of the font,
// that of the runes drawn in it (fonts.Font.SubsetGlyphs), as a Type 0
// font with a
// CIDFontType2 descendant (PDF 32000-1:2008, 9.7). Each character code is
// two bytes, a rune of the Basic Multilingual Plane (Identity-H), and is
// also the CID; the CIDToGIDMap gives each CID its glyph in the subset,
// and the ToUnicode CMap gives it back its rune, for copying and search.

// A subset is a font that text uses, with the runes drawn in it.
type subset struct {
	font *fonts.Font
	// first is how many other fonts text used before this one, for the
	// order of subsets.
	first int
	// resource is the name the pages' resources give the font (see
	// subsets).
	resource string
	used     [0x10000 / 64]uint64 // bit r: rune r is drawn; check allows only the BMP
}

// subsets returns the subsets of used, in order: the built-in faces, in
// the order of fonts.Faces, named F1 to F8 after their place there, then
// the other fonts, in the order the text first uses them, named F9, F10
// and on.
func subsets(used map[*fonts.Font]*subset) []*subset {
	ss := make([]*subset, 0, len(used))
	for _, f := range fonts.Faces {
		font, err := f.Font()
		if s := used[font]; err == nil && s != nil {
			s.resource = fontName(f)
			ss = append(ss, s)
		}
	}
	var others []*subset
	for font, s := range used {
		if _, builtin := font.Face(); !builtin {
			others = append(others, s)
		}
	}
	slices.SortFunc(others, func(a, b *subset) int { return a.first - b.first })
	for i, s := range others {
		s.resource = "F" + strconv.Itoa(len(fonts.Faces)+1+i)
	}
	return append(ss, others...)
}

// add records text drawn in the face.
func (s *subset) add(text string) {
	for _, r := range text {
		s.used[r>>6] |= 1 << (r & 63)
	}
}

// runes returns the runes drawn in the face, in order.
func (s *subset) runes() []rune {
	var rs []rune
	for i, w := range s.used {
		for ; w != 0; w &= w - 1 {
			rs = append(rs, rune(i<<6|bits.TrailingZeros64(w)))
		}
	}
	return rs
}

// fontName returns the name the pages' resources give face f: F1 to F8,
// in the order of fonts.Faces.
func fontName(f fonts.Face) string {
	return "F" + strconv.Itoa(slices.Index(fonts.Faces, f)+1)
}

// name returns the PostScript name of the subset of runes: a tag of six
// capital letters, derived from the font and the runes, a plus and the
// font's PostScript name (PDF 32000-1:2008, 9.6.4). A font file's tag is
// derived from its resource name too, so that two fonts of one PostScript
// name, such as a school's copy of a built-in face, have subsets of two
// names; seq, when not 0, changes the tag, should two still have one.
func (s *subset) name(runes []rune, seq int) string {
	ps := s.font.Name()
	b := make([]byte, 0, len(ps)+len(s.resource)+2*len(runes)+1)
	b = append(b, ps...)
	if _, builtin := s.font.Face(); !builtin {
		b = append(b, s.resource...)
	}
	for _, r := range runes {
		b = append(b, byte(r>>8), byte(r))
	}
	if seq != 0 {
		b = strconv.AppendInt(b, int64(seq), 10)
	}
	h := fnv.New64a()
	h.Write(b)
	sum := h.Sum64()
	tag := make([]byte, 6, 7+len(ps))
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(append(append(tag, '+'), ps...))
}

// resourcesHead starts fpdf's resource dictionary, object 2, which every
// page shares; fontsHead is the line that opens its font dictionary.
var (
	resourcesHead = []byte("<<\n/ProcSet [")
	fontsHead     = []byte("\n/Font <<\n")
)

// addFonts is the output pass that adds the fonts of j.subsets and lists
// them in the resource dictionary under the names painter uses.
func addFonts(d *doc, j *job) error {
	if len(j.subsets) == 0 {
		return nil
	}
	res := d.obj(2)
	if res == nil || !bytes.HasPrefix(res.value, resourcesHead) || bytes.Count(res.value, fontsHead) != 1 {
		return errors.New("object 2 is not the resource dictionary, with one font dictionary")
	}
	var list []byte
	names := make(map[string]bool, len(j.subsets))
	for _, s := range j.subsets {
		n, err := s.addFont(d, names)
		if err != nil {
			return fmt.Errorf("%s: %w", s.font.Name(), err)
		}
		list = fmt.Appendf(list, "/%s %d 0 R\n", s.resource, n)
	}
	i := bytes.Index(res.value, fontsHead) + len(fontsHead)
	res.value = slices.Concat(res.value[:i], list, res.value[i:])
	return nil
}

// addFont adds the objects of the subset's font to d and returns the
// number of its Type 0 font dictionary. names holds the names of the
// subsets added so far, and gets this one's, which differs from theirs.
func (s *subset) addFont(d *doc, names map[string]bool) (int, error) {
	runes := s.runes()
	if len(runes) == 0 {
		return 0, errors.New("no runes")
	}
	font := s.font
	ttf, glyphs, err := font.SubsetGlyphs(runes)
	if err != nil {
		return 0, err
	}
	desc := font.Descriptor()
	m := font.Metrics()
	name := s.name(runes, 0)
	for seq := 1; names[name]; seq++ {
		name = s.name(runes, seq)
	}
	names[name] = true

	file := d.add(object{value: fmt.Appendf(nil, "<</Length1 %d>>", len(ttf)), isStream: true, data: ttf})
	descriptor := d.add(object{value: fmt.Appendf(nil,
		"<</Type /FontDescriptor\n/FontName /%s\n/Flags %d\n/FontBBox [%d %d %d %d]\n/ItalicAngle %s\n"+
			"/Ascent %d\n/Descent %d\n/CapHeight %d\n/StemV %d\n/MissingWidth %d\n/FontFile2 %d 0 R>>",
		name, desc.Flags, desc.BBox[0], desc.BBox[1], desc.BBox[2], desc.BBox[3],
		strconv.FormatFloat(desc.ItalicAngle, 'f', -1, 64),
		desc.Ascent, desc.Descent, desc.CapHeight, desc.StemV, desc.MissingWidth, file)})
	toUnicode := d.add(object{value: []byte("<<>>"), isStream: true, data: toUnicodeCMap(runes)})
	cidToGID := d.add(object{value: []byte("<<>>"), isStream: true, data: cidToGIDMap(runes, glyphs)})
	cidFont := d.add(object{value: fmt.Appendf(nil,
		"<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n"+
			"/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n"+
			"/FontDescriptor %d 0 R\n/DW %d\n/W [%s]\n/CIDToGIDMap %d 0 R>>",
		name, descriptor, desc.MissingWidth, widths(runes, m), cidToGID)})
	return d.add(object{value: fmt.Appendf(nil,
		"<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>",
		name, cidFont, toUnicode)}), nil
}

// widths returns the /W array's entries for runes, in increasing order:
// for each run of consecutive runes, the first and the widths of all, as
// fonts measures them, so that text is drawn as the layout measured it.
func widths(runes []rune, m *fonts.Metrics) []byte {
	var b []byte
	for i, r := range runes {
		if i == 0 || r != runes[i-1]+1 {
			if i > 0 {
				b = append(b, "]\n"...)
			}
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, " ["...)
		} else {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(m.RuneWidth(r)), 10)
	}
	return append(b, ']')
}

// cidToGIDMap returns the CIDToGIDMap stream's data: for each CID up to
// the highest drawn, its glyph as two bytes, big-endian; glyph 0 for the
// CIDs that are not drawn.
func cidToGIDMap(runes []rune, glyphs []uint16) []byte {
	b := make([]byte, 2*(runes[len(runes)-1]+1))
	for i, r := range runes {
		b[2*r], b[2*r+1] = byte(glyphs[i]>>8), byte(glyphs[i])
	}
	return b
}

// toUnicodeCMap returns a ToUnicode CMap (PDF 32000-1:2008, 9.10.3) that
// gives each two-byte code of runes that rune. Runs of consecutive runes
// that share their first byte are a bfrange each, at most 100 a block.
func toUnicodeCMap(runes []rune) []byte {
	type span struct{ lo, hi rune }
	var spans []span
	for i, r := range runes {
		if i > 0 && r == runes[i-1]+1 && r&0xFF != 0 {
			spans[len(spans)-1].hi = r
			continue
		}
		spans = append(spans, span{r, r})
	}
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(spans) > 0 {
		n := min(len(spans), 100)
		b = fmt.Appendf(b, "%d beginbfrange\n", n)
		for _, s := range spans[:n] {
			b = fmt.Appendf(b, "<%04X> <%04X> <%04X>\n", s.lo, s.hi, s.lo)
		}
		b = append(b, "endbfrange\n"...)
		spans = spans[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"...)
}
