package layout

import (
	"strings"
	"unicode/utf8"

	"handout/fonts"
)

// span is a piece of text in one face: the input to wrapping.
type span struct {
	face fonts.Face
	text string
}

// frag is a measured piece of a word in one face.
type frag struct {
	face  fonts.Face
	text  string
	width float64
}

// word is an unbreakable run of fragments between spaces. space is the
// width of the space that follows it, set in its last fragment's face.
type word struct {
	frags []frag
	width float64
	space float64
}

// line is one wrapped line: its words and total width.
type line struct {
	words []word
	width float64
}

// measurer measures text at one size with the font metrics.
type measurer struct {
	size    float64
	metrics func(fonts.Face) *fonts.Metrics
}

func (m measurer) width(f fonts.Face, s string) float64 {
	return m.metrics(f).Size(s, m.size)
}

// words splits spans into words at U+0020 spaces. A word may have fragments
// in several faces when a face changes inside it.
func (m measurer) words(spans []span) []word {
	n := 1
	for _, sp := range spans {
		n += strings.Count(sp.text, " ")
	}
	var (
		ws = make([]word, 0, n)
		// frags holds the fragments of every word, each word's in a run of
		// its own: one allocation rather than one a word.
		frags = make([]frag, 0, n+len(spans))
		start int // where the current word's fragments begin in frags
		cur   word

		spaceFace  fonts.Face // the face of the last space measured
		spaceWidth = -1.0     // its width; -1: none measured yet
	)
	flush := func(spaceAfter bool) {
		if len(frags) == start {
			return
		}
		cur.frags = frags[start:len(frags):len(frags)]
		if spaceAfter {
			if f := cur.frags[len(cur.frags)-1].face; f != spaceFace || spaceWidth < 0 {
				spaceFace, spaceWidth = f, m.width(f, " ")
			}
			cur.space = spaceWidth
		}
		ws = append(ws, cur)
		cur = word{}
		start = len(frags)
	}
	for _, sp := range spans {
		for i, rest := 0, sp.text; ; i++ {
			part, after, more := strings.Cut(rest, " ")
			if i > 0 {
				flush(true)
			}
			if part != "" {
				w := m.width(sp.face, part)
				frags = append(frags, frag{sp.face, part, w})
				cur.width += w
			}
			if !more {
				break
			}
			rest = after
		}
	}
	flush(false)
	return ws
}

// wrap breaks spans into lines no wider than width, filling each line
// greedily. A word wider than a whole line is broken between characters;
// when not even one character fits, each line holds one.
func (m measurer) wrap(spans []span, width float64) []line {
	ws := m.words(spans)
	var (
		lines []line
		cur   line
		// placed holds the words of every line, each line's in a run of
		// its own, the line being built last: one allocation rather than
		// a few a line.
		placed = make([]word, 0, len(ws))
		start  int // where cur's words begin in placed
	)
	add := func(w word) {
		cur.width = lineAdvance(cur) + w.width
		placed = append(placed, w)
		cur.words = placed[start:len(placed):len(placed)]
	}
	next := func() {
		lines = append(lines, cur)
		cur = line{}
		start = len(placed)
	}
	for _, w := range ws {
		for w.width > width && len(w.frags) > 0 {
			head, tail := m.splitWord(w, width-lineAdvance(cur), len(cur.words) == 0)
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
		if len(cur.words) > 0 && lineAdvance(cur)+w.width > width {
			next()
		}
		add(w)
	}
	if len(cur.words) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// fits reports whether every word of spans fits in width, so that wrap
// need not break one between characters.
func (m measurer) fits(spans []span, width float64) bool {
	for _, w := range m.words(spans) {
		if w.width > width {
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

func (l line) add(w word) line {
	l.width = lineAdvance(l) + w.width
	l.words = append(l.words, w)
	return l
}

// splitWord cuts w after as many characters as fit in width, returning the
// two parts; with atLeastOne the head has one character even if it does not
// fit.
func (m measurer) splitWord(w word, width float64, atLeastOne bool) (head, tail word) {
	for fi, f := range w.frags {
		cut, used := 0, 0.0
		for i, r := range f.text {
			rw := m.width(f.face, string(r))
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
			head.frags = append(head.frags, m.frag(f.face, f.text[:cut]))
			head.width += head.frags[len(head.frags)-1].width
		}
		tail.frags = append([]frag{m.frag(f.face, f.text[cut:])}, w.frags[fi+1:]...)
		break
	}
	for _, f := range tail.frags {
		tail.width += f.width
	}
	tail.space = w.space
	return head, tail
}

func (m measurer) frag(f fonts.Face, s string) frag { return frag{f, s, m.width(f, s)} }

// texts turns a wrapped line into Text items starting at x on baseline y,
// one item per run of the same face.
func (l line) texts(x, y, size float64, color func(fonts.Face) Color) []Item {
	var (
		items []Item
		run   Text
		buf   []byte // the run's text, made a string once the run ends
	)
	flush := func() {
		if len(buf) > 0 {
			run.Text = string(buf)
			items = append(items, run)
		}
	}
	pos := x
	for i, w := range l.words {
		for _, f := range w.frags {
			if len(buf) > 0 && run.Face == f.face {
				buf = append(buf, f.text...)
				run.Width += f.width
			} else {
				flush()
				run = Text{X: pos, Y: y, Face: f.face, Size: size, Color: color(f.face), Width: f.width}
				buf = append(buf[:0], f.text...)
			}
			pos += f.width
		}
		if i < len(l.words)-1 {
			buf = append(buf, ' ')
			run.Width += w.space
			pos += w.space
		}
	}
	flush()
	return items
}
