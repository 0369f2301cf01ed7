package document

import "strings"

// Span is a run of marked-up text in one style.
type Span struct {
	Text   string
	Bold   bool   // **bold**
	Italic bool   // *italic*
	URL    string // when set, the span is (part of) the text of a link to URL
	// Gap says that the span is a gap ([[answer]]) for students to fill
	// in, and Text its answer: the student copy prints a line in its
	// place, the answer key the answer on the line. A gap is a span of its
	// own, never merged with a neighbour, and never in a link.
	Gap bool
}

// Inline is one paragraph or one line of marked-up text: its spans in
// order, neighbours differing in style or link unless one is a gap. Its text has no line breaks
// and no runs of white space. A nil Inline is no text.
type Inline []Span

// Plain returns s as an Inline of one unstyled span, or nil if s is empty.
// Its text is taken as it is: no markup is parsed.
func Plain(s string) Inline {
	if s == "" {
		return nil
	}
	return Inline{{Text: s}}
}

// String returns the text without its styles and links, as it reads: the
// invisible soft hyphens and zero-width spaces left out, and each gap's
// answer in its place. It is the text of a bookmark or of the PDF's title.
func (in Inline) String() string {
	var s string
	if len(in) == 1 {
		s = in[0].Text
	} else {
		var b strings.Builder
		for _, sp := range in {
			b.WriteString(sp.Text)
		}
		s = b.String()
	}
	return visibleText(s)
}

// Gaps returns the answers of in's gaps, in order, as they read (see
// String).
func (in Inline) Gaps() []string {
	var answers []string
	for _, sp := range in {
		if sp.Gap {
			answers = append(answers, visibleText(sp.Text))
		}
	}
	return answers
}

// visibleText returns s without its soft hyphens and zero-width spaces.
func visibleText(s string) string {
	if !strings.ContainsRune(s, SoftHyphen) && !strings.ContainsRune(s, ZeroWidthSpace) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == SoftHyphen || r == ZeroWidthSpace {
			return -1
		}
		return r
	}, s)
}
