package fonts_test

import (
	"os"
	"reflect"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"handout/fonts"
)

// writer returns an fpdf with font file ttf registered and selected, and
// fpdf's own table of its character widths.
func writer(t *testing.T, ttf []byte) (*fpdf.Fpdf, []int) {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", ttf)
	pdf.SetFont("f", "", 10)
	if pdf.Err() {
		t.Fatal(pdf.Error())
	}
	// The table is unexported; reflection can read it. Its entries are the
	// advances rounded to 1/1000 em, indexed by rune; 0 means "no glyph"
	// and 65535 "a glyph of width 0". Entry 0 holds the count of runes.
	cw := reflect.ValueOf(pdf).Elem().FieldByName("currentFont").FieldByName("Cw")
	if cw.Len() != 0x10000 {
		t.Fatalf("fpdf's width table has %d entries, want 65536", cw.Len())
	}
	table := make([]int, cw.Len())
	for i := range table {
		table[i] = int(cw.Index(i).Int())
	}
	return pdf, table
}

// TestAgreeWithWriter checks, for every face and every rune of the Basic
// Multilingual Plane, that fonts measures exactly what fpdf draws and has a
// glyph for exactly the runes fpdf has a width for.
func TestAgreeWithWriter(t *testing.T) {
	for _, f := range fonts.Faces {
		t.Run(f.Name(), func(t *testing.T) {
			m, err := fonts.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			ttf, err := f.Embed()
			if err != nil {
				t.Fatal(err)
			}
			pdf, table := writer(t, ttf)
			glyphs, bad := 0, 0
			for r := rune(1); r <= 0xFFFF; r++ { // table[0] is not a width
				has := table[r] != 0
				if m.HasGlyph(r) != has {
					t.Errorf("%U: HasGlyph %v, fpdf width %d", r, m.HasGlyph(r), table[r])
					bad++
				}
				if !has {
					continue
				}
				glyphs++
				// Surrogates cannot be put in a string; fpdf only has a
				// width for them in the table.
				if 0xD800 <= r && r <= 0xDFFF {
					continue
				}
				if got, want := m.RuneWidth(r), pdf.GetStringSymbolWidth(string(r)); got != want {
					t.Errorf("%U %q: RuneWidth %d, fpdf %d", r, r, got, want)
					bad++
				}
				if bad > 20 {
					t.Fatal("too many disagreements")
				}
			}
			if glyphs < 2000 {
				t.Errorf("only %d runes with a glyph", glyphs)
			}
			if m.HasGlyph(0) || m.HasGlyph(0xFFFF) || m.HasGlyph(0x10000) {
				t.Errorf("HasGlyph true for U+0000, U+FFFF or U+10000")
			}
			for _, s := range []string{
				"The quick brown fox jumps over the lazy dog.",
				"Fractions: ½ + ¼ = ¾ — “quoted”, ‘single’, en–dash, naïve café, Ærøskøbing.",
				"Größe, déjà vu, Ελληνικά, Кириллица, ₤€™ • … ≠ ≤ ≥ √ ∞",
				"non\u00a0breaking, soft\u00adhyphen, zero\u200bwidth, combining e\u0301",
			} {
				if !allDrawable(m, s) {
					t.Errorf("%q has runes the face lacks", s)
				}
				if got, want := m.Width(s), pdf.GetStringSymbolWidth(s); got != want {
					t.Errorf("Width(%q) = %d, fpdf %d", s, got, want)
				}
			}
		})
	}
}

// allDrawable reports whether the face has every rune of s. (fpdf gives
// missing runes a width, fonts gives them none; layout does not draw them.)
func allDrawable(m *fonts.Metrics, s string) bool {
	for _, r := range s {
		if !m.HasGlyph(r) {
			return false
		}
	}
	return true
}

// TestSubsetAgreesWithWriter checks that fpdf, given a subset as the
// renderer gives it one, has exactly the widths fonts measures for the
// runes of the subset, and none for any other.
func TestSubsetAgreesWithWriter(t *testing.T) {
	text := []rune("The quick brown fox jumps over the lazy dog. ½ + ¼ = ¾ — “quoted”, naïve café, Ærøskøbing, Größe, Ελληνικά, Кириллица, €™•…≠√∞\u00a0\u0301")
	in := map[rune]bool{}
	for _, r := range text {
		in[r] = true
	}
	for _, f := range fonts.Faces {
		t.Run(f.Name(), func(t *testing.T) {
			m, err := fonts.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			ttf, err := f.Subset(text)
			if err != nil {
				t.Fatal(err)
			}
			pdf, table := writer(t, ttf)
			for r := rune(1); r <= 0xFFFF; r++ {
				if in[r] && m.HasGlyph(r) {
					if table[r] == 0 {
						t.Errorf("%U %q: in the subset, but fpdf has no width for it", r, r)
					} else if got, want := pdf.GetStringSymbolWidth(string(r)), m.RuneWidth(r); got != want {
						t.Errorf("%U %q: fpdf %d, RuneWidth %d", r, r, got, want)
					}
				} else if table[r] != 0 {
					t.Errorf("%U %q is not in the subset, but fpdf has width %d for it", r, r, table[r])
				}
			}
		})
	}
}

// TestFontsAgreeWithWriter checks, for fonts read with Parse, Droid Sans
// Fallback (whose units per em are 256, not 2048) and the CJK sample made
// from it, that fonts measures every rune of the Basic Multilingual Plane
// exactly as fpdf does, given the whole font, and as its subset.
func TestFontsAgreeWithWriter(t *testing.T) {
	for _, path := range []string{"testdata/cjk-sample.ttf", droidPath} {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				if path == droidPath && os.Getenv("CI") != "true" {
					t.Skipf("skipping: %v: apt-get install fonts-droid-fallback", err)
				}
				t.Fatal(err)
			}
			f, err := fonts.Parse(path, data)
			if err != nil {
				t.Fatal(err)
			}
			m := f.Metrics()
			pdf, table := writer(t, data)
			var has []rune
			for r := rune(1); r <= 0xFFFF; r++ {
				if m.HasGlyph(r) != (table[r] != 0) {
					t.Fatalf("%U: HasGlyph %v, fpdf width %d", r, m.HasGlyph(r), table[r])
				}
				if table[r] == 0 || 0xD800 <= r && r <= 0xDFFF {
					continue
				}
				has = append(has, r)
				if got, want := m.RuneWidth(r), pdf.GetStringSymbolWidth(string(r)); got != want {
					t.Fatalf("%U %q: RuneWidth %d, fpdf %d", r, r, got, want)
				}
			}
			if len(has) < 800 {
				t.Errorf("only %d runes with a glyph", len(has))
			}
			s := string(has[:min(len(has), 3000)])
			if got, want := m.Width(s), pdf.GetStringSymbolWidth(s); got != want {
				t.Errorf("Width of %d runes %d, fpdf %d", len(has), got, want)
			}
			sub, err := f.Subset(has[:min(len(has), 3000)])
			if err != nil {
				t.Fatal(err)
			}
			subPDF, _ := writer(t, sub)
			if got := subPDF.GetStringSymbolWidth(s); got != m.Width(s) {
				t.Errorf("fpdf measures the subset %d, fonts %d", got, m.Width(s))
			}
		})
	}
}
