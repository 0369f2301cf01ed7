package fonts

import (
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestEmbedKeepsOutlinesAndMetrics checks, glyph by glyph, that the font
// embedded in PDFs draws and measures exactly as the original: the same
// outlines (composite glyphs included) and advances, without hinting.
func TestEmbedKeepsOutlinesAndMetrics(t *testing.T) {
	for _, f := range Faces {
		t.Run(f.Name(), func(t *testing.T) {
			stripped, err := f.Embed()
			if err != nil {
				t.Fatal(err)
			}
			if len(stripped) >= len(f.TTF()) {
				t.Errorf("embedded font is %d bytes, original %d", len(stripped), len(f.TTF()))
			}
			if sum := checksum(stripped); sum != 0xB1B0AFBA {
				t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA", sum)
			}
			tables, err := readTables(stripped)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range tables {
				if hintingTables[tb.tag] {
					t.Errorf("hinting table %q kept", tb.tag)
				}
			}
			orig, err := sfnt.Parse(f.TTF())
			if err != nil {
				t.Fatal(err)
			}
			got, err := sfnt.Parse(stripped)
			if err != nil {
				t.Fatal(err)
			}
			if got.NumGlyphs() != orig.NumGlyphs() {
				t.Fatalf("%d glyphs, want %d", got.NumGlyphs(), orig.NumGlyphs())
			}
			var b1, b2 sfnt.Buffer
			ppem := fixed.Int26_6(orig.UnitsPerEm())
			for i := range orig.NumGlyphs() {
				gi := sfnt.GlyphIndex(i)
				want, err1 := orig.LoadGlyph(&b1, gi, ppem, nil)
				have, err2 := got.LoadGlyph(&b2, gi, ppem, nil)
				if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(want, have) {
					t.Fatalf("glyph %d: outline differs (errors %v, %v)", i, err1, err2)
				}
				a1, _ := orig.GlyphAdvance(&b1, gi, ppem, font.HintingNone)
				a2, _ := got.GlyphAdvance(&b2, gi, ppem, font.HintingNone)
				if a1 != a2 {
					t.Fatalf("glyph %d: advance %v, want %v", i, a2, a1)
				}
			}
		})
	}
}

func TestStripHintingRejectsBrokenFonts(t *testing.T) {
	ttf := Faces[0].TTF()
	for _, n := range []int{0, 11, 12 + 16, 200, 5000} {
		if _, err := stripHinting(ttf[:n]); err == nil {
			t.Errorf("a font cut to %d bytes: no error", n)
		}
	}
}

func TestNoSuchFace(t *testing.T) {
	for _, f := range []Face{{Sans, 4}, {Serif, 7}, {2, Regular}} {
		if _, err := Load(f); err == nil {
			t.Errorf("Load(%v): no error", f)
		}
		if _, err := f.Embed(); err == nil {
			t.Errorf("%v.Embed(): no error", f)
		}
		if f.TTF() != nil {
			t.Errorf("%v.TTF() is not nil", f)
		}
	}
	// A bad face must not spoil a good one.
	for _, f := range Faces {
		m, err := Load(f)
		if err != nil || m.Face() != f {
			t.Errorf("Load(%v) = %v, %v", f, m, err)
		}
	}
}
