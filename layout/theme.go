package layout

import (
	"sync"

	"handout/document"
	"handout/fonts"
)

// mm is one millimetre in points.
const mm = 72 / 25.4

// Colours, chosen to print well in gray on a photocopier as well as in
// colour. Items hold copies (see paint), never these variables' addresses.
var (
	ink    = Color{0x1a, 0x1a, 0x1a} // body text
	accent = Color{0x1f, 0x4e, 0x79} // headings, bullets, quotation bars
	muted  = Color{0x55, 0x55, 0x55} // sources, footers, prompts
	rule   = Color{0x9a, 0xa3, 0xad} // writing lines
	frameC = Color{0x5f, 0x6b, 0x78} // writing boxes
	tint   = Color{0xee, 0xf3, 0xf8} // task panels, summary bands

	linkColor = accent                  // the text of links
	answer    = Color{0xc0, 0x1f, 0x2a} // model answers, in a marking red
	keyTint   = Color{0xf9, 0xdc, 0xde} // the right choices' boxes in the answer key
)

// theme is every measurement of a document, derived from its [style].
type theme struct {
	family  fonts.Family
	size    float64 // body size
	lead    float64 // body line height
	margin  float64
	ruling  float64
	large   bool    // the large-print edition: every line at least 1.5 times its size apart
	gapLine float64 // the width of every gap's line (see gapWidth); 0 where there are none
	metrics [4]*fonts.Metrics
	scratch *scratch // for the measurers of at; nil once released
}

// scratches lends scratch space to themes, so that laying out file after
// file, or page after page, reuses it rather than growing it anew.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// release gives the theme's scratch space back for other themes to use.
// Nothing that the theme's measurers returned may be used after it.
func (t *theme) release() {
	if t.scratch != nil {
		scratches.Put(t.scratch)
		t.scratch = nil
	}
}

// newTheme measures a document with style s.
func newTheme(s document.Style) (*theme, error) {
	t := &theme{
		family:  s.Font,
		size:    s.Size,
		lead:    s.Size * 1.33,
		margin:  s.MarginMM * mm,
		ruling:  s.RulingMM * mm,
		scratch: scratches.Get().(*scratch),
	}
	for st := range t.metrics {
		m, err := fonts.Load(fonts.Face{Family: s.Font, Style: fonts.Style(st)})
		if err != nil {
			return nil, err
		}
		t.metrics[st] = m
	}
	return t, nil
}

// pitch returns the line height of text set at size with the usual factor
// f; in large print, at least 1.5 times the size.
func (t *theme) pitch(size, f float64) float64 {
	if t.large {
		f = max(f, largeSpacing)
	}
	return size * f
}

func (t *theme) face(s fonts.Style) fonts.Face { return fonts.Face{Family: t.family, Style: s} }

func (t *theme) metricsOf(f fonts.Face) *fonts.Metrics { return t.metrics[f.Style] }

// at returns a measurer for text set at size. Measurers of one theme share
// its scratch space, so what one wraps is valid until the next wrap.
func (t *theme) at(size float64) measurer {
	return measurer{size: size, metrics: t.metricsOf, scratch: t.scratch, gap: t.gapLine}
}

// baseline returns where the baseline of a line of text set at size sits
// below the top of a line box of height lead: the leading is shared
// equally above and below the face's ascent and descent.
func (t *theme) baseline(size, lead float64) float64 {
	m := t.metrics[fonts.Regular]
	asc, desc := float64(m.Ascent)*size/1000, float64(-m.Descent)*size/1000
	return (lead-asc-desc)/2 + asc
}

// xHeight returns the height of lower-case letters at size.
func (t *theme) xHeight(size float64) float64 {
	return float64(t.metrics[fonts.Regular].XHeight) * size / 1000
}

// marked returns the spans of marked-up text set in style base: bold text
// is bold, and italic text italic, or upright when base is italic. A gap's
// answer is set as model answers are, in italics, or upright where the
// text around it is italic. Large print has no italics: emphasis there is
// bold, as the BDA style guide advises.
func (t *theme) marked(in document.Inline, base fonts.Style) []span {
	spans := make([]span, len(in))
	for i, s := range in {
		bold := s.Bold || base == fonts.Bold || base == fonts.BoldItalic
		italic := s.Italic != (base == fonts.Italic || base == fonts.BoldItalic) != s.Gap
		if t.large && italic {
			bold, italic = true, false
		}
		st := fonts.Regular
		switch {
		case bold && italic:
			st = fonts.BoldItalic
		case bold:
			st = fonts.Bold
		case italic:
			st = fonts.Italic
		}
		spans[i] = span{face: t.face(st), text: s.Text, url: s.URL, gap: s.Gap}
	}
	return spans
}

func solid(c Color) func(fonts.Face) Color { return func(fonts.Face) Color { return c } }

// paint returns a pointer to a copy of c, for a Box's fill or stroke.
func paint(c Color) *Color { return &c }
