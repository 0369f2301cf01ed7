package layout

import (
	"slices"
	"unicode/utf8"

	"handout/fonts"
	"handout/linebreak"
)

// span is a piece of text in one font and style: the input to wrapping.
type span struct {
	font  *fonts.Font
	style fonts.Style
	text  string
	// src and at say where text is: src[at:] starts with it. src is the
	// text of the styled piece it was cut from (see theme.spans), so that
	// a line of several fonts can still be a slice of it (line.source).
	src string
	at  int
	url string // when set, the text is (part of) a link to url
	// gap says that the span is a gap (document.Span.Gap) and text its
	// answer: a piece as wide as the measurer's gap, never broken.
	gap bool
	// ord is the number, from 1, of the link or of the gap that the span
	// is (part of) among its text's links or gaps: its element in a
	// tagged PDF (see textTags); 0 for other text.
	ord int
}

// frag is a measured piece of a word in one font.
type frag struct {
	font  *fonts.Font
	style fonts.Style
	text  string
	width float64
	src   string // the text it is cut from (see span)
	at    int    // where text is in src
	url   string // the span's link, if any
	gap   bool   // the fragment is a gap, text its answer (see span)
	ord   int    // the span's ord
}

// word is an unbreakable run of fragments between break opportunities.
// brk is the break that follows it, and space the width it takes when the
// line goes on after it: a space, set in its last fragment's font, or
// nothing.
type word struct {
	frags []frag
	width float64
	space float64
	brk   brk
}

// brk is a break opportunity after a word.
type brk uint8

const (
	brkNone  brk = iota // the end of the text, or a break between characters
	brkSoft             // a soft hyphen: nothing drawn, but a hyphen at the end of a line
	brkZero             // a zero-width space: nothing drawn
	brkSpace            // a space (U+0020)
)

// brks are the kinds of break of linebreak's kinds.
var brks = [...]brk{linebreak.Space: brkSpace, linebreak.Zero: brkZero, linebreak.Soft: brkSoft, linebreak.Between: brkNone}

// gapStandIn is what a gap is in the text whose breaks are found: one
// character, an object (U+FFFC), around which a line may break as it may
// around a word, so that a gap in Chinese text breaks like a character.
const gapStandIn = "\uFFFC"

// line is one wrapped line: its words and total width.
type line struct {
	words []word
	width float64
}

// measurer measures text at one size with the font metrics.
type measurer struct {
	size    float64
	chains  *[4]fonts.Chain // the theme's, by style
	scratch *scratch        // reused by words and wrap; nil: allocate afresh
	gap     float64         // the width of a gap (see span), at most a line's
}

// scratch is the memory that words and wrap reuse from call to call, so
// that wrapping paragraph after paragraph allocates next to nothing. What
// they return lives in it, and is valid until the next call with the same
// scratch.
type scratch struct {
	words  []word
	frags  []frag
	placed []word
	lines  []line
	breaks []linebreak.Break
	text   []byte
}

// fontWidth returns the width of s set in font f.
func (m measurer) fontWidth(f *fonts.Font, s string) float64 {
	return f.Metrics().Size(s, m.size)
}

// width returns the width of s set in style st: each run of characters in
// the font of the style's chain that has them.
func (m measurer) width(st fonts.Style, s string) float64 {
	c := m.chains[st]
	if c[0].Metrics().HasAll(s) {
		return m.fontWidth(c[0], s) // most text
	}
	var buf [8]fonts.Run
	w := 0.0
	runs, _ := c.Split(s, buf[:0], nil)
	for _, r := range runs {
		w += m.fontWidth(r.Font, s[r.Start:r.End])
	}
	return w
}

// charFont returns the font a character r that a fragment in font f and
// style st ends with is drawn in, such as the space or the hyphen after
// it: f, or, when f lacks it, the first font of the style's chain that
// has it.
func (m measurer) charFont(f *fonts.Font, st fonts.Style, r rune) *fonts.Font {
	if f.Metrics().HasGlyph(r) {
		return f
	}
	if g := m.chains[st].Font(r); g != nil {
		return g
	}
	return f
}

// words splits spans into words at the places where a line may break
// (linebreak.Append): U+0020 spaces, zero-width spaces and soft hyphens,
// none of which is in a word's text, and, in Chinese, Japanese and Korean
// text, between characters. A word may have fragments in several fonts
// when the font changes inside it. Of breaks next to each other the
// strongest counts: a space over a zero-width space over a soft hyphen.
// The words are valid until the next call with m's scratch.
func (m measurer) words(spans []span) []word {
	sc := m.scratchSpace()
	var (
		ws = sc.words[:0]
		// frags holds the fragments of every word, each word's in a run of
		// its own.
		frags = sc.frags[:0]
		start int // where the current word's fragments begin in frags
		cur   word

		spaceFont  *fonts.Font // the font of the last space measured
		spaceWidth = -1.0      // its width; -1: none measured yet
	)
	setBreak := func(w *word, b brk) {
		if b <= w.brk {
			return
		}
		w.brk, w.space = b, 0
		if b == brkSpace {
			last := w.frags[len(w.frags)-1]
			if f := m.charFont(last.font, last.style, ' '); f != spaceFont || spaceWidth < 0 {
				spaceFont, spaceWidth = f, m.fontWidth(f, " ")
			}
			w.space = spaceWidth
		}
	}
	flush := func(b brk) {
		if len(frags) == start {
			// Breaks next to each other, or a break at the start.
			if len(ws) > 0 {
				setBreak(&ws[len(ws)-1], b)
			}
			return
		}
		cur.frags = frags[start:len(frags):len(frags)]
		setBreak(&cur, b)
		ws = append(ws, cur)
		cur = word{}
		start = len(frags)
	}
	bs := m.breaks(spans)
	pos := 0 // where the span begins in the text whose breaks bs are
	for _, sp := range spans {
		n := len(sp.text)
		if sp.gap {
			n = len(gapStandIn)
		}
		at := 0 // in sp.text
		for len(bs) > 0 && bs[0].At < pos+n {
			b := bs[0]
			bs = bs[1:]
			if part := sp.text[at : b.At-pos]; part != "" {
				w := m.fontWidth(sp.font, part)
				frags = append(frags, frag{sp.font, sp.style, part, w, sp.src, sp.at + at, sp.url, false, sp.ord})
				cur.width += w
			}
			flush(brks[b.Kind])
			at = b.At - pos + b.N
		}
		switch {
		case sp.gap:
			// A gap is one piece of its word, whatever its answer holds.
			frags = append(frags, frag{sp.font, sp.style, sp.text, m.gap, sp.text, 0, "", true, sp.ord})
			cur.width += m.gap
		case at < len(sp.text):
			part := sp.text[at:]
			w := m.fontWidth(sp.font, part)
			frags = append(frags, frag{sp.font, sp.style, part, w, sp.src, sp.at + at, sp.url, false, sp.ord})
			cur.width += w
		}
		pos += n
	}
	for _, b := range bs { // at the end of the text
		flush(brks[b.Kind])
	}
	flush(brkNone)
	sc.words, sc.frags = ws, frags
	return ws
}

// breaks returns where lines may break in the text of spans, each gap
// standing in it as gapStandIn. They are valid until the next call with
// m's scratch.
func (m measurer) breaks(spans []span) []linebreak.Break {
	sc := m.scratchSpace()
	bs := sc.breaks[:0]
	if len(spans) == 1 && !spans[0].gap {
		bs = linebreak.Append(bs, spans[0].text) // most text
	} else {
		b := sc.text[:0]
		for _, sp := range spans {
			if sp.gap {
				b = append(b, gapStandIn...)
			} else {
				b = append(b, sp.text...)
			}
		}
		bs = linebreak.Append(bs, string(b))
		sc.text = b
	}
	sc.breaks = bs
	return bs
}

// scratchSpace returns m's scratch, or a new one if it has none.
func (m measurer) scratchSpace() *scratch {
	if m.scratch == nil {
		return &scratch{}
	}
	return m.scratch
}

// wrap breaks spans into lines no wider than width, filling each line
// greedily. A line may break at a space, a zero-width space or a soft
// hyphen; at a soft hyphen a hyphen is drawn at the end of the line, and a
// word before a soft hyphen goes on a line only if its hyphen fits there
// too. A word wider than a whole line is broken between characters;
// when not even one character fits, each line holds one. A gap is never
// broken, and is no wider than a line. The lines are valid until the next
// call with m's scratch.
func (m measurer) wrap(spans []span, width float64) []line {
	m.gap = min(m.gap, width)
	ws := m.words(spans)
	sc := m.scratchSpace()
	var (
		lines = sc.lines[:0]
		cur   line
		// placed holds the words of every line, each line's in a run of
		// its own, the line being built last.
		placed = sc.placed[:0]
		start  int // where cur's words begin in placed
	)
	add := func(w word) {
		cur.width = lineAdvance(cur) + w.width
		placed = append(placed, w)
		cur.words = placed[start:len(placed):len(placed)]
	}
	next := func() {
		if n := len(cur.words); n > 0 && cur.words[n-1].brk == brkSoft {
			w := &cur.words[n-1]
			h := m.hyphen(*w)
			w.frags = append(w.frags[:len(w.frags):len(w.frags)], h)
			w.width += h.width
			cur.width += h.width
		}
		lines = append(lines, cur)
		cur = line{}
		start = len(placed)
	}
	for _, w := range ws {
		for w.width+m.hyphenWidth(w) > width && len(w.frags) > 0 {
			head, tail := m.splitWord(w, width-lineAdvance(cur)-m.hyphenWidth(w), len(cur.words) == 0)
			if len(head.frags) == 0 {
				next()
				continue
			}
			add(head)
			next()
			w = tail
		}
		if len(w.frags) == 0 {
			continue
		}
		if len(cur.words) > 0 && lineAdvance(cur)+w.width+m.hyphenWidth(w) > width {
			next()
		}
		add(w)
	}
	if len(cur.words) > 0 {
		lines = append(lines, cur)
	}
	sc.lines, sc.placed = lines, placed
	return lines
}

// hyphen returns the hyphen drawn at the end of a line that breaks at the
// soft hyphen after w: in the font, style and link of w's last fragment.
func (m measurer) hyphen(w word) frag {
	f := w.frags[len(w.frags)-1]
	font := m.charFont(f.font, f.style, '-')
	return frag{font, f.style, "-", m.fontWidth(font, "-"), "-", 0, f.url, false, f.ord}
}

// hyphenWidth returns the width of the hyphen w would end its line with,
// were the line to break after it: 0 unless a soft hyphen follows w.
func (m measurer) hyphenWidth(w word) float64 {
	if w.brk != brkSoft || len(w.frags) == 0 {
		return 0
	}
	f := w.frags[len(w.frags)-1]
	return m.fontWidth(m.charFont(f.font, f.style, '-'), "-")
}

// fits reports whether every word of spans fits in width, with the hyphen
// it may end a line with, so that wrap need not break one between
// characters.
func (m measurer) fits(spans []span, width float64) bool {
	m.gap = min(m.gap, width)
	for _, w := range m.words(spans) {
		if w.width+m.hyphenWidth(w) > width {
			return false
		}
	}
	return true
}

// lineAdvance is where the next word on l would start.
func lineAdvance(l line) float64 {
	if len(l.words) == 0 {
		return 0
	}
	return l.width + l.words[len(l.words)-1].space
}

// splitWord cuts w after as many characters as fit in width, returning the
// two parts; with atLeastOne the head has one character even if it does not
// fit. A gap is cut before or after, as a whole.
func (m measurer) splitWord(w word, width float64, atLeastOne bool) (head, tail word) {
	for fi, f := range w.frags {
		if f.gap {
			if head.width+f.width <= width || atLeastOne && head.width == 0 {
				head.frags = append(head.frags, f)
				head.width += f.width
				continue
			}
			tail.frags = slices.Clone(w.frags[fi:])
			break
		}
		cut, used := 0, 0.0
		for i, r := range f.text {
			rw := m.fontWidth(f.font, string(r))
			if head.width+used+rw > width && !(atLeastOne && head.width+used == 0) {
				break
			}
			used += rw
			cut = i + utf8.RuneLen(r)
		}
		if cut == len(f.text) {
			head.frags = append(head.frags, f)
			head.width += f.width
			continue
		}
		if cut > 0 {
			head.frags = append(head.frags, m.part(f, 0, cut))
			head.width += head.frags[len(head.frags)-1].width
		}
		tail.frags = append([]frag{m.part(f, cut, len(f.text))}, w.frags[fi+1:]...)
		break
	}
	for _, f := range tail.frags {
		tail.width += f.width
	}
	tail.space, tail.brk = w.space, w.brk
	if len(tail.frags) == 0 {
		head.space, head.brk = w.space, w.brk // all of w fitted
	}
	return head, tail
}

// part returns the bytes i to j of f's text as a fragment of its own.
func (m measurer) part(f frag, i, j int) frag {
	return frag{f.font, f.style, f.text[i:j], m.fontWidth(f.font, f.text[i:j]), f.src, f.at + i, f.url, false, f.ord}
}
