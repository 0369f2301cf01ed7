package fonts

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// subsetRunes are runes to subset: ASCII, Latin-1 and Latin Extended-A
// (whose accented letters are mostly composite glyphs), typographic
// punctuation, a few runes no face has, and duplicates out of order.
func subsetRunes() []rune {
	var rs []rune
	for r := rune(0x20); r <= 0x17F; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, []rune("–—‘’“”…•€№½\u00a0\uE000\uFFFD\u4E00")...)
	rs = append(rs, []rune("zaé")...)
	return rs
}

// TestSubsetKeepsOutlinesAndMetrics checks, rune by rune, that a subset
// draws and measures what it keeps exactly as the embedded font does, and
// has nothing else.
func TestSubsetKeepsOutlinesAndMetrics(t *testing.T) {
	runes := subsetRunes()
	for _, f := range Faces {
		t.Run(f.Name(), func(t *testing.T) {
			full, err := f.Embed()
			if err != nil {
				t.Fatal(err)
			}
			sub, err := f.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			if sum := checksum(sub); sum != 0xB1B0AFBA {
				t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA", sum)
			}
			orig, err := sfnt.Parse(full)
			if err != nil {
				t.Fatal(err)
			}
			got, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			var b1, b2 sfnt.Buffer
			ppem := fixed.Int26_6(orig.UnitsPerEm())
			kept, composites := 0, 0
			for _, r := range runes {
				g1, _ := orig.GlyphIndex(&b1, r)
				g2, err := got.GlyphIndex(&b2, r)
				if err != nil {
					t.Fatalf("%U: %v", r, err)
				}
				if !m.HasGlyph(r) {
					if g2 != 0 {
						t.Errorf("%U: the face has no glyph, the subset has glyph %d", r, g2)
					}
					continue
				}
				if g2 == 0 {
					t.Errorf("%U: no glyph in the subset", r)
					continue
				}
				kept++
				if c, _ := components(origGlyph(t, full, int(g1)), func(int) error { return nil }); c > 0 {
					composites++
				}
				want, err1 := orig.LoadGlyph(&b1, g1, ppem, nil)
				have, err2 := got.LoadGlyph(&b2, g2, ppem, nil)
				if err1 != nil || err2 != nil || !reflect.DeepEqual(want, have) {
					t.Errorf("%U: outline differs (errors %v, %v)", r, err1, err2)
				}
				a1, _ := orig.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
				a2, _ := got.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
				if a1 != a2 {
					t.Errorf("%U: advance %v, want %v", r, a2, a1)
				}
			}
			if composites == 0 {
				t.Error("no composite glyph among the runes: the test tests less than it should")
			}
			// Glyph 0, the runes' glyphs and their components: a few more
			// glyphs than runes at most, far fewer than the whole font.
			if n := got.NumGlyphs(); n < kept/2 || n > 2*kept || n >= orig.NumGlyphs()/2 {
				t.Errorf("%d glyphs for %d runes (the font has %d)", n, kept, orig.NumGlyphs())
			}
			// Runes not asked for are not there.
			for _, r := range []rune{'Ω', 'Ж', '→'} {
				if g, _ := got.GlyphIndex(&b2, r); g != 0 {
					t.Errorf("%U not asked for, but has glyph %d", r, g)
				}
			}
		})
	}
}

// origGlyph returns glyph g of the embedded font ttf.
func origGlyph(t *testing.T, ttf []byte, g int) []byte {
	t.Helper()
	tables, err := readTables(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var loca, glyf []byte
	for _, tb := range tables {
		switch tb.tag {
		case "loca":
			loca = tb.data
		case "glyf":
			glyf = tb.data
		}
	}
	a, b := binary.BigEndian.Uint32(loca[4*g:]), binary.BigEndian.Uint32(loca[4*g+4:])
	return glyf[a:b]
}

func TestSubsetIsDeterministic(t *testing.T) {
	f := Faces[0]
	rs := []rune("The quick brown fox — “jumps” over ½ the lazy dög")
	a, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(rs)
	slices.Reverse(rev)
	b, err := f.Subset(append(rev, rs...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same runes in another order or repeated give another font")
	}
}

func TestSubsetOfNothing(t *testing.T) {
	for _, rs := range [][]rune{nil, {0, 0xFFFF, 0x10000, -1, 0xE000}} {
		sub, err := Faces[0].Subset(rs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatal(err)
		}
		if n := got.NumGlyphs(); n != 1 {
			t.Errorf("Subset(%U): %d glyphs, want 1 (the missing glyph)", rs, n)
		}
	}
}

func TestSubsetOfEverything(t *testing.T) {
	// Every rune of the BMP, in every face: every rune the face has is
	// drawn with the glyph it has in the whole font.
	var rs []rune
	for r := rune(0); r <= 0xFFFF; r++ {
		rs = append(rs, r)
	}
	for _, f := range Faces {
		sub, err := f.Subset(rs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := f.Embed()
		orig, err := sfnt.Parse(full)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := Load(f)
		var b1, b2 sfnt.Buffer
		ppem := fixed.Int26_6(orig.UnitsPerEm())
		for _, r := range rs {
			g1, _ := orig.GlyphIndex(&b1, r)
			g2, _ := got.GlyphIndex(&b2, r)
			if r == 0 {
				// The empty glyph that makes the glyphs odd in number.
				if g2 != 0 && (int(g2) != got.NumGlyphs()-1 || got.NumGlyphs()%2 != 1) {
					t.Errorf("%s U+0000: glyph %d of %d", f, g2, got.NumGlyphs())
				}
				continue
			}
			if (g2 != 0) != m.HasGlyph(r) {
				t.Fatalf("%s %U: glyph %d in the subset, HasGlyph %v", f, r, g2, m.HasGlyph(r))
			}
			if g2 == 0 {
				continue
			}
			a1, _ := orig.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := got.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Fatalf("%s %U: advance %v, want %v", f, r, a2, a1)
			}
		}
	}
}

func TestSubsetNoSuchFace(t *testing.T) {
	if _, err := (Face{Sans, 9}).Subset([]rune("a")); err == nil {
		t.Error("no error")
	}
}

// TestFlattenedKeepsOutlines checks with fontTools that every flattened
// glyph (see Font.subset) has the points that the composite glyph it is
// made from has, its components moved and scaled into place: of two faces
// (fontTools takes a second a face), and of Droid Sans Fallback's Chinese.
func TestFlattenedKeepsOutlines(t *testing.T) {
	var pairs [][2][]byte
	for _, face := range []Face{{Sans, Regular}, {Serif, BoldItalic}} {
		f, err := face.Font()
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, [2][]byte{f.TTF(), flatSubset(t, f, 0x20, 0x2FFF)})
	}
	f := droid(t)
	pairs = append(pairs, [2][]byte{f.TTF(), flatSubset(t, f, 0x4E00, 0x5400)})
	checkFlattened(t, pairs)
}

// flatSubset returns the subset of f of the runes from lo to hi with every
// composite glyph flattened, checking that there are many.
func flatSubset(t *testing.T, f *Font, lo, hi rune) []byte {
	t.Helper()
	var rs []rune
	composites := 0
	for r := lo; r <= hi; r++ {
		if g := f.cmap.lookup(r); g != 0 {
			rs = append(rs, r)
			if data := f.glyph(g); len(data) >= 10 && i16(data, 0) < 0 {
				composites++
			}
		}
	}
	if composites < 100 {
		t.Fatalf("%s: only %d composite glyphs", f, composites)
	}
	sub, _, err := f.subset(rs, true)
	if err != nil {
		t.Fatal(err)
	}
	for g := range u16(tableOf(t, sub, "maxp"), 4) {
		if data := glyphOf(t, sub, g); len(data) >= 10 && i16(data, 0) < 0 {
			t.Fatalf("%s: glyph %d of the flattened subset is a composite glyph", f, g)
		}
	}
	return sub
}

// glyphOf returns glyph g of a font file with a long loca.
func glyphOf(t *testing.T, ttf []byte, g int) []byte {
	t.Helper()
	loca, glyf := tableOf(t, ttf, "loca"), tableOf(t, ttf, "glyf")
	return glyf[u32(loca, 4*g):u32(loca, 4*g+4)]
}

// TestSubsetGlyphs checks that SubsetGlyphs gives each rune the glyph
// that the subset's own character map gives it, and 0 to runes the face
// cannot draw.
func TestSubsetGlyphs(t *testing.T) {
	runes := subsetRunes()
	for _, f := range Faces {
		font, err := f.Font()
		if err != nil {
			t.Fatal(err)
		}
		ttf, glyphs, err := font.SubsetGlyphs(runes)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := f.Subset(runes); !bytes.Equal(ttf, want) {
			t.Errorf("%s: SubsetGlyphs and Subset give different fonts", f)
		}
		sub, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for i, r := range runes {
			g, err := sub.GlyphIndex(&buf, r)
			if err != nil || uint16(g) != glyphs[i] {
				t.Errorf("%s %U: glyph %d, the subset's character map %d (%v)", f, r, glyphs[i], g, err)
			}
		}
	}
}
