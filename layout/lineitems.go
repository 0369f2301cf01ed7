package layout

import (
	"strings"

	"handout/fonts"
)

// This file turns a wrapped line (see wrap.go) into what is placed of it:
// its runs of Text, one per font, style and element, its gaps, and its
// links with their underlines; and the line's text, in one string.

// texts turns a wrapped line into Text items starting at x on baseline y,
// one item per run of the same font and style, tagged by tt.
func (l line) texts(x, y, size float64, color func(fonts.Style) Color, tt *textTags) []Item {
	runs := l.runs(x, y, size, color, tt)
	items := make([]Item, len(runs))
	for i, r := range runs {
		items[i] = r
	}
	return items
}

// runs is texts as Texts rather than Items. The text of a link is a run of
// its own, in the link colour, content of the link's element. A gap is no
// run: the line's gaps (see gaps) are drawn apart; its element is made
// here, in its place among the elements of the text's links. The space
// after a word is in the word's run, unless its font lacks a space (see
// charFont): then it is in none. When the line breaks at a space, its
// last run has Space.
func (l line) runs(x, y, size float64, color func(fonts.Style) Color, tt *textTags) []Text {
	text := l.text()
	var (
		runs  = make([]Text, 0, l.faces())
		run   Text
		open  bool // whether run is being built
		start int  // where run's text begins in text
		end   int  // where it ends so far
	)
	flush := func() {
		if open && end > start {
			run.Text = text[start:end]
			runs = append(runs, run)
		}
		open = false
	}
	pos := x
	for i, w := range l.words {
		for _, f := range w.frags {
			switch tag := tt.of(f); {
			case f.gap:
				flush()
				start = end + len(f.text)
			case open && run.Font == f.font && run.Style == f.style && run.Tag == tag:
				run.Width += f.width
			default:
				flush()
				c := color(f.style)
				if f.url != "" {
					c = linkColor
				}
				run = Text{X: pos, Y: y, Font: f.font, Style: f.style, Size: size, Color: c, Width: f.width, Embolden: emboldened(f.font, f.style), Tag: tag}
				open, start = true, end
			}
			end += len(f.text)
			pos += f.width
		}
		if i < len(l.words)-1 {
			if w.brk == brkSpace {
				if open && !run.Font.Metrics().HasGlyph(' ') {
					flush()
					start = end + 1
				}
				end++ // the space, which belongs to the run before it
			}
			if open {
				run.Width += w.space
			} else {
				start = end
			}
			pos += w.space
		}
	}
	flush()
	if n := len(l.words); n > 0 && len(runs) > 0 {
		last, run := l.words[n-1], &runs[len(runs)-1]
		if k := len(last.frags); last.brk == brkSpace && k > 0 && !last.frags[k-1].gap && run.Font.Metrics().HasGlyph(' ') {
			run.Space = true
		}
	}
	return runs
}

// gaps returns the gaps on the line, set from x: each gap's fragment and
// where it starts.
func (l line) gaps(x float64) []placedGap {
	var gs []placedGap
	pos := x
	for _, w := range l.words {
		for _, f := range w.frags {
			if f.gap {
				gs = append(gs, placedGap{x: pos, frag: f})
			}
			pos += f.width
		}
		pos += w.space
	}
	return gs
}

// placedGap is a gap of a line, and where it starts.
type placedGap struct {
	x    float64
	frag frag
}

// The underline of links, after Liberation's: its middle under the
// baseline, and its width, for text of size 1.
const (
	underlineDrop  = 0.106
	underlineWidth = 0.073
)

// links returns, for each run of linked words on the line, set from x at
// size, a Link over it, lead high from y 0, and the line that underlines
// its text under the baseline base, so that a link is told by more than
// its colour (WCAG 2.1, 1.4.1): one a line however many lines a link wraps
// onto. The spaces between words of one link are in its rectangle and
// underlined.
func (l line) links(x, base, size, lead float64, tt *textTags) []Item {
	var (
		items []Item
		cur   Link // the link being built; URL "" when none is
		ord   int  // its ord
	)
	end := func() {
		if cur.URL != "" {
			y := base + underlineDrop*size
			items = append(items, cur, Rule{X0: cur.X, Y0: y, X1: cur.X + cur.W, Y1: y,
				Width: max(underlineWidth*size, 0.5), Color: linkColor, Tag: layoutArt})
			cur = Link{}
		}
	}
	pos := x
	for _, w := range l.words {
		for _, f := range w.frags {
			switch {
			case f.url == "":
				end()
			case f.url == cur.URL && f.ord == ord:
				cur.W = pos + f.width - cur.X
			default:
				end()
				cur = Link{X: pos, W: f.width, H: lead, URL: f.url, Contents: tt.contents(f.ord), Tag: tt.of(f)}
				ord = f.ord
			}
			pos += f.width
		}
		pos += w.space
	}
	end()
	return items
}

// text returns the line's words joined by the spaces between them (and
// nothing where a zero-width space or a soft hyphen was): the text of all
// its runs one after another.
func (l line) text() string {
	if s, ok := l.source(); ok {
		return s
	}
	size := max(len(l.words)-1, 0) // at most the spaces
	for _, w := range l.words {
		for _, f := range w.frags {
			size += len(f.text)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for i, w := range l.words {
		if i > 0 && l.words[i-1].brk == brkSpace {
			b.WriteByte(' ')
		}
		for _, f := range w.frags {
			b.WriteString(f.text)
		}
	}
	return b.String()
}

// faces returns the number of runs of the same font and style on the
// line: at least the number of its runs, but for links.
func (l line) faces() int {
	n := 0
	var (
		font  *fonts.Font
		style fonts.Style
	)
	for _, w := range l.words {
		for _, f := range w.frags {
			if n == 0 || f.font != font || f.style != style {
				n, font, style = n+1, f.font, f.style
			}
		}
	}
	return n
}

// source returns the line's text as it is written in the span its first
// fragment comes from, if it is written there: every fragment in place,
// with one space between words and none inside them, as is usual. It then
// needs no copy. A line with a zero-width space or a soft hyphen inside it
// is not written there, as they are not drawn.
func (l line) source() (string, bool) {
	if len(l.words) == 0 || len(l.words[0].frags) == 0 {
		return "", false
	}
	first := l.words[0].frags[0]
	src, end := first.src, first.at
	for i, w := range l.words {
		if i > 0 {
			if l.words[i-1].brk != brkSpace || end >= len(src) || src[end] != ' ' {
				return "", false
			}
			end++
		}
		for _, f := range w.frags {
			// Fragments are cut from the source, so the comparison is
			// of a string with itself, which takes no time.
			if f.at != end || end+len(f.text) > len(src) || src[end:end+len(f.text)] != f.text {
				return "", false
			}
			end += len(f.text)
		}
	}
	return src[first.at:end], true
}
