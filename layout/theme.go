package layout

import (
	"slices"
	"sync"
	"unicode/utf8"

	"handout/document"
	"handout/fonts"
	"handout/linebreak"
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

// theme is every measurement of a document, derived from its [style] and
// [fonts].
type theme struct {
	// chains are the fonts text is set in, by fonts.Style: the main font
	// of the style, its fallbacks (see document.Fonts.Chain), and last the
	// built-in face of the style, for handout's own words, which the
	// content's fonts might lack (the content's text is checked against
	// the document's chains, without it).
	chains  [4]fonts.Chain
	size    float64 // body size
	lead    float64 // body line height
	margin  float64
	ruling  float64
	large   bool     // the large-print edition: every line at least 1.5 times its size apart
	gapLine float64  // the width of every gap's line (see gapWidth); 0 where there are none
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

// newTheme measures a document with style s and fonts f (nil: the
// built-in font of s).
func newTheme(s document.Style, f *document.Fonts) (*theme, error) {
	t := &theme{
		size:   s.Size,
		lead:   s.Size * 1.33,
		margin: s.MarginMM * mm,
		ruling: s.RulingMM * mm,
	}
	for st := range t.chains {
		c, err := f.Chain(s.Font, fonts.Style(st))
		if err != nil {
			return nil, err
		}
		builtin, err := fonts.Face{Family: s.Font, Style: fonts.Style(st)}.Font()
		if err != nil {
			return nil, err
		}
		if !slices.Contains(c, builtin) {
			c = append(c, builtin)
		}
		t.chains[st] = c
	}
	t.scratch = scratches.Get().(*scratch)
	return t, nil
}

// main returns the main font of style st.
func (t *theme) main(st fonts.Style) *fonts.Font { return t.chains[st][0] }

// pitch returns the line height of text set at size with the usual factor
// f; in large print, at least 1.5 times the size.
func (t *theme) pitch(size, f float64) float64 {
	if t.large {
		f = max(f, largeSpacing)
	}
	return size * f
}

// at returns a measurer for text set at size. Measurers of one theme share
// its scratch space, so what one wraps is valid until the next wrap.
func (t *theme) at(size float64) measurer {
	return measurer{size: size, chains: &t.chains, scratch: t.scratch, gap: t.gapLine}
}

// baseline returns where the baseline of a line of text set at size sits
// below the top of a line box of height lead: the leading is shared
// equally above and below the regular main font's ascent and descent.
// Every font of a line is set on that baseline.
func (t *theme) baseline(size, lead float64) float64 {
	m := t.main(fonts.Regular).Metrics()
	asc, desc := float64(m.Ascent)*size/1000, float64(-m.Descent)*size/1000
	return (lead-asc-desc)/2 + asc
}

// xHeight returns the height of lower-case letters at size.
func (t *theme) xHeight(size float64) float64 {
	return float64(t.main(fonts.Regular).Metrics().XHeight) * size / 1000
}

// marked returns the spans of marked-up text set in style base: bold text
// is bold, and italic text italic, or upright when base is italic. A gap's
// answer is set as model answers are, in italics, or upright where the
// text around it is italic. Large print has no italics: emphasis there is
// bold, as the BDA style guide advises. Each piece of text in one style is
// cut into spans of one font each (see spans). Each link and each gap is
// numbered (span.ord).
func (t *theme) marked(in document.Inline, base fonts.Style) []span {
	spans := make([]span, 0, len(in))
	links, gaps := 0, 0 // the links and gaps so far, for their spans' ord
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
		from := len(spans)
		spans = t.spans(spans, st, s.Text, s.URL, s.Gap)
		ord := 0
		switch {
		case s.Gap:
			gaps++
			ord = gaps
		case s.URL != "":
			if i == 0 || in[i-1].URL != s.URL || in[i-1].Gap {
				links++
			}
			ord = links
		}
		for k := from; k < len(spans); k++ {
			spans[k].ord = ord
		}
	}
	return spans
}

// spans appends to dst the spans of text set in style st, as a link to url
// when it is not "": one for each run of characters in one font of the
// style's chain, each in the first font that has them, but for the
// punctuation Chinese, Japanese and Korean share with Western text, set
// in the font of the characters beside it (see sharedPunctuation). A gap
// is one span, in the font of its underscores.
func (t *theme) spans(dst []span, st fonts.Style, text, url string, gap bool) []span {
	c := t.chains[st]
	if gap {
		return append(dst, span{font: c.Font('_'), style: st, text: text, src: text, gap: true})
	}
	if text == "" {
		return dst
	}
	if f := c[0]; f.Metrics().HasAll(text) {
		return append(dst, span{font: f, style: st, text: text, src: text, url: url}) // most text
	}
	var buf [8]fonts.Run
	runs, _ := c.Split(text, buf[:0], nil)
	for _, r := range sharedPunctuation(text, runs) {
		dst = append(dst, span{font: r.Font, style: st, text: text[r.Start:r.End], src: text, at: r.Start, url: url})
	}
	return dst
}

// sharedPunctuation returns runs, the runs of text in the fonts of a
// chain, with each run of punctuation that Chinese, Japanese and Korean
// share with Western text (curly quotation marks, the ellipsis, dashes,
// the middle dot: characters of East Asian width ambiguous) that follows
// or, at the start, comes before a Chinese, Japanese or Korean character,
// set in that character's font, when it has them: as those languages
// print them, a full em wide, rather than as a Western font's. “循环” has
// the quotation marks of the Chinese, “water” those of the Latin.
func sharedPunctuation(text string, runs []fonts.Run) []fonts.Run {
	if len(runs) < 2 {
		return runs
	}
	changed := false
	for i, r := range runs {
		seg := text[r.Start:r.End]
		if !allShared(seg) {
			continue
		}
		var east *fonts.Font
		if i > 0 {
			if last, _ := utf8.DecodeLastRuneInString(text[runs[i-1].Start:runs[i-1].End]); linebreak.Wide(last) {
				east = runs[i-1].Font
			}
		}
		if east == nil && i+1 < len(runs) {
			if first, _ := utf8.DecodeRuneInString(text[runs[i+1].Start:runs[i+1].End]); linebreak.Wide(first) {
				east = runs[i+1].Font
			}
		}
		if east != nil && east != r.Font && east.Metrics().HasAll(seg) {
			runs[i].Font, changed = east, true
		}
	}
	if !changed {
		return runs
	}
	out := runs[:1]
	for _, r := range runs[1:] {
		if last := &out[len(out)-1]; last.Font == r.Font {
			last.End = r.End
			continue
		}
		out = append(out, r)
	}
	return out
}

// allShared reports whether s is all punctuation that Chinese, Japanese
// and Korean share with Western text (see sharedPunctuation).
func allShared(s string) bool {
	for _, r := range s {
		switch r {
		case '‘', '’', '“', '”', '…', '‥', '—', '―', '–', '·':
		default:
			return false
		}
	}
	return true
}

func solid(c Color) func(fonts.Style) Color { return func(fonts.Style) Color { return c } }

// paint returns a pointer to a copy of c, for a Box's fill or stroke.
func paint(c Color) *Color { return &c }

// set returns s set in style st at size from x on baseline y, in colour c,
// unwrapped: a Text for each run of characters in one font (one for most
// text), and their width.
func (t *theme) set(s string, st fonts.Style, size, x, y float64, c Color) ([]Text, float64) {
	m := t.at(size)
	var ts []Text
	w := 0.0
	for _, sp := range t.spans(nil, st, s, "", false) {
		tw := m.fontWidth(sp.font, sp.text)
		ts = append(ts, Text{X: x + w, Y: y, Font: sp.font, Style: st, Size: size, Color: c, Text: sp.text, Width: tw, Embolden: emboldened(sp.font, st)})
		w += tw
	}
	return ts, w
}

// shifted returns ts moved dx to the right.
func shifted(ts []Text, dx float64) []Text {
	for i := range ts {
		ts[i].X += dx
	}
	return ts
}

// appendTexts appends ts to items.
func appendTexts(items []Item, ts []Text) []Item {
	for _, t := range ts {
		items = append(items, t)
	}
	return items
}
