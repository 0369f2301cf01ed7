// Package fonts holds the embedded default fonts (Liberation Sans and
// Liberation Serif, SIL Open Font License), reads TrueType fonts, measures
// text with their metrics and cuts the subsets of them that PDFs embed.
//
// Widths are computed exactly as the PDF writer computes them: each glyph's
// advance is rounded to a whole 1/1000 em, and a string's width is the sum of
// its glyphs' rounded advances. Layout measured with this package therefore
// agrees to the last unit with what is drawn.
//
// A *Font is what text is set in: one of the embedded faces (Face.Font,
// parsed once per process, on first use) or a TrueType font read with
// Parse, such as a school's own or a fallback font for Chinese and
// Japanese. As a pointer it is comparable and cheap to copy; it has its
// PostScript name, Metrics, and Subset for embedding. A Chain of fonts
// finds, for each character, the first font that has it. Face, a family
// and style of the embedded fonts, is kept for the code that still names
// faces so. Fonts are safe for concurrent use.
package fonts

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// Family is a typeface family.
type Family uint8

// The embedded families.
const (
	Sans  Family = iota // Liberation Sans, metric-compatible with Arial
	Serif               // Liberation Serif, metric-compatible with Times New Roman
)

// String returns the family's name as used in the content format.
func (f Family) String() string {
	switch f {
	case Sans:
		return "sans"
	case Serif:
		return "serif"
	}
	return fmt.Sprintf("Family(%d)", uint8(f))
}

// Style is a font style within a family.
type Style uint8

// The embedded styles.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// String returns the style's name.
func (s Style) String() string {
	switch s {
	case Regular:
		return "regular"
	case Bold:
		return "bold"
	case Italic:
		return "italic"
	case BoldItalic:
		return "bold-italic"
	}
	return fmt.Sprintf("Style(%d)", uint8(s))
}

// Face is one family in one style: one font file.
type Face struct {
	Family Family
	Style  Style
}

// Faces lists every embedded face.
var Faces = []Face{
	{Sans, Regular}, {Sans, Bold}, {Sans, Italic}, {Sans, BoldItalic},
	{Serif, Regular}, {Serif, Bold}, {Serif, Italic}, {Serif, BoldItalic},
}

// String returns a readable name such as "sans bold".
func (f Face) String() string { return f.Family.String() + " " + f.Style.String() }

// Name returns the font's PostScript-style name, such as
// "LiberationSans-Bold".
func (f Face) Name() string {
	fam := "LiberationSans"
	if f.Family == Serif {
		fam = "LiberationSerif"
	}
	switch f.Style {
	case Bold:
		return fam + "-Bold"
	case Italic:
		return fam + "-Italic"
	case BoldItalic:
		return fam + "-BoldItalic"
	}
	return fam + "-Regular"
}

// ttfs holds the font files in the order of Faces.
var ttfs = [...][]byte{
	liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF, liberationsansbolditalic.TTF,
	liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF,
}

// TTF returns the face's TrueType font file, or nil if there is no such
// face.
func (f Face) TTF() []byte {
	if i := f.index(); i >= 0 {
		return ttfs[i]
	}
	return nil
}

// Metrics are the measurements of one font. All lengths are in 1/1000 em.
type Metrics struct {
	font *Font

	// Ascent and Descent are the typographic ascender (positive) and
	// descender (negative), but no further than the font's glyphs reach
	// (its bounding box): a font for Chinese may give its lines more room
	// than any of its glyphs takes. CapHeight and XHeight are the heights
	// of capitals and of lower-case letters.
	Ascent, Descent, CapHeight, XHeight int

	pages [256]atomic.Pointer[[256]int32] // widths of the BMP by 256-rune page; -1: no glyph
}

var builtins [8]struct {
	once sync.Once
	f    *Font
	err  error
}

// index returns the face's position in Faces, or -1 if there is no such
// face.
func (f Face) index() int {
	if f.Family > Serif || f.Style > BoldItalic {
		return -1
	}
	return int(f.Family)*4 + int(f.Style)
}

// Font returns the embedded face as a Font, parsing it on first use: the
// same *Font on every call.
func (f Face) Font() (*Font, error) {
	i := f.index()
	if i < 0 {
		return nil, fmt.Errorf("fonts: no such face %v", f)
	}
	b := &builtins[i]
	b.once.Do(func() {
		font := &Font{source: f.Name() + ".ttf", ttf: ttfs[i], face: f, builtin: true}
		if err := font.parse(); err != nil {
			b.err = fmt.Errorf("fonts: parsing %s: %w", f.Name(), err)
			return
		}
		b.f = font
	})
	return b.f, b.err
}

// Load returns the metrics of a face, parsing its font on first use.
func Load(f Face) (*Metrics, error) {
	font, err := f.Font()
	if err != nil {
		return nil, err
	}
	return font.Metrics(), nil
}

// Face returns the embedded face these metrics measure, or the zero Face
// if they measure a font read with Parse: see Font.
func (m *Metrics) Face() Face { return m.font.face }

// Font returns the font these metrics measure.
func (m *Metrics) Font() *Font { return m.font }

// HasGlyph reports whether the font can draw r. Runes outside the Basic
// Multilingual Plane are never drawable: the PDF writer cannot encode them
// (see MaxRune).
func (m *Metrics) HasGlyph(r rune) bool { return m.advance(r) >= 0 }

// HasAll reports whether the font can draw every rune of s.
func (m *Metrics) HasAll(s string) bool {
	ascii := m.page(0)
	for len(s) > 0 && s[0] < utf8.RuneSelf { // most text: a byte a character
		if ascii[s[0]] < 0 {
			return false
		}
		s = s[1:]
	}
	for _, r := range s {
		if !m.HasGlyph(r) {
			return false
		}
	}
	return true
}

// RuneWidth returns the advance of r in 1/1000 em, or 0 if the font has no
// glyph for it.
func (m *Metrics) RuneWidth(r rune) int { return max(m.advance(r), 0) }

// Width returns the width of s, in 1/1000 em, as the sum of its runes'
// advances.
func (m *Metrics) Width(s string) int {
	w := 0
	ascii := m.page(0)
	for len(s) > 0 && s[0] < utf8.RuneSelf { // most text: a byte a character
		w += max(int(ascii[s[0]]), 0)
		s = s[1:]
	}
	page, p := rune(-1), (*[256]int32)(nil) // the last page looked up
	for _, r := range s {
		if r > MaxRune {
			continue // no glyph
		}
		if r>>8 != page {
			page, p = r>>8, m.page(r>>8)
		}
		w += max(int(p[r&0xFF]), 0)
	}
	return w
}

// Size returns the width of s set at size pt, in points.
func (m *Metrics) Size(s string, size float64) float64 {
	return float64(m.Width(s)) * size / 1000
}

// advance returns the rounded advance of r, or -1 if there is no glyph.
func (m *Metrics) advance(r rune) int {
	if r < 0 || r > MaxRune {
		return -1
	}
	return int(m.page(r >> 8)[r&0xFF])
}

// page returns the advances of the 256 runes of one page of the BMP,
// measuring them on first use. Two goroutines may both measure a page;
// they get the same widths, and the first stored is kept.
func (m *Metrics) page(page rune) *[256]int32 {
	if p := m.pages[page].Load(); p != nil {
		return p
	}
	p := new([256]int32)
	f := m.font
	for i := range p {
		p[i] = -1
		r := page<<8 | rune(i)
		if r == 0 || r == MaxRune {
			continue
		}
		if g := f.cmap.lookup(r); g != 0 {
			p[i] = int32(f.thousandths(f.advance(g)))
		}
	}
	if m.pages[page].CompareAndSwap(nil, p) {
		return p
	}
	return m.pages[page].Load()
}
