package document

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"handout/linebreak"
)

// markupError is a problem in marked-up text, at byte offset off of the
// normalised text.
type markupError struct {
	off int
	msg string
}

// escapable are the characters that a backslash makes literal. A backslash
// before any other character is itself literal.
const escapable = "\\*[]'\"-"

// parseInline parses the markup of s, one normalised paragraph or line
// (see splitParagraphs), and, when smart, makes its quotes curly and its
// double and triple hyphens dashes. The rules are in docs/format.md. Gaps
// ([[answer]]) are read unless noGaps is set: then it names what s is,
// such as "a heading", and a gap is an error.
func parseInline(s string, smart bool, noGaps string) (Inline, *markupError) {
	if !strings.ContainsAny(s, "*[\\") && !(smart && strings.ContainsAny(s, "'\"-")) {
		return Plain(s), nil // the usual case: nothing to parse
	}
	p := &inlineParser{s: s, smart: smart, noGaps: noGaps, linkEnd: -1, gapEnd: -1}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// inlineParser holds the state of one parseInline.
type inlineParser struct {
	s     string
	smart bool
	out   Inline
	text  strings.Builder // the text of the span being built
	prev  rune            // the last character of text output; 0 at the start

	bold, italic     bool
	boldAt, italicAt int // where the marker that opened each is

	url      string // the URL of the link being read, if any
	linkAt   int    // where its "[" is
	linkEnd  int    // where its text ends (its "]"); -1 outside a link
	linkNext int    // where to go on from there: after its ")"
	linkText bool   // whether its text so far has more than white space

	noGaps string // when set, what the text is, where gaps are errors
	gapAt  int    // where its "[[" is
	gapEnd int    // where the "]]" of the gap being read is; -1 outside a gap
}

// parse reads all of p.s.
func (p *inlineParser) parse() *markupError {
	for i := 0; i < len(p.s); {
		var (
			next int
			err  *markupError
		)
		switch c := p.s[i]; {
		case i == p.linkEnd:
			if !p.linkText {
				// Its text was all markers, as in "*[*](url)".
				return &markupError{p.linkAt, "link has no text: write [text](https://...)"}
			}
			p.flush()
			p.url, p.linkEnd, next = "", -1, p.linkNext
		case i == p.gapEnd:
			if strings.TrimSpace(visibleText(p.text.String())) == "" {
				return &markupError{p.gapAt, "gap has no answer: write the answer between [[ and ]], as in [[1938]]"}
			}
			p.flush()
			p.gapEnd, next = -1, i+2
		case c == '\\' && i+1 < len(p.s) && strings.IndexByte(escapable, p.s[i+1]) >= 0:
			p.write(rune(p.s[i+1]))
			next = i + 2
		case c == '*':
			next, err = p.asterisks(i)
		case c == '[' && p.gapEnd < 0 && strings.HasPrefix(p.s[i:], "[["):
			next, err = p.gap(i)
		case c == '[' && p.linkEnd < 0:
			next, err = p.link(i)
		case p.smart && (c == '"' || c == '\'' || c == '-'):
			next = p.punctuation(i)
		default:
			r, n := utf8.DecodeRuneInString(p.s[i:])
			p.write(r)
			next = i + n
		}
		if err != nil {
			return err
		}
		i = next
	}
	p.flush()
	return p.unclosed()
}

// write adds r to the text of the current span.
func (p *inlineParser) write(r rune) {
	p.text.WriteRune(r)
	p.prev = r
	p.linkText = p.linkText || p.linkEnd >= 0 && !unicode.IsSpace(r)
}

// flush ends the current span, merging it into the one before if that has
// the same style.
func (p *inlineParser) flush() {
	if p.text.Len() == 0 {
		return
	}
	sp := Span{Text: p.text.String(), Bold: p.bold, Italic: p.italic, URL: p.url, Gap: p.gapEnd >= 0}
	p.text.Reset()
	if sp.Gap {
		sp.Text = strings.TrimRight(sp.Text, " ")
	}
	if n := len(p.out); n > 0 && !sp.Gap {
		if last := &p.out[n-1]; !last.Gap && last.Bold == sp.Bold && last.Italic == sp.Italic && last.URL == sp.URL {
			last.Text += sp.Text
			return
		}
	}
	p.out = append(p.out, sp)
}

// asterisks reads the run of asterisks at i: literal text, or a marker
// that opens or closes italic (*), bold (**) or both (***). It returns
// where the run ends.
func (p *inlineParser) asterisks(i int) (int, *markupError) {
	end := i
	for end < len(p.s) && p.s[end] == '*' {
		end++
	}
	run := p.s[i:end]
	before, _ := utf8.DecodeLastRuneInString(p.s[:i])
	after, _ := utf8.DecodeRuneInString(p.s[end:])
	spaceBefore := i == 0 || unicode.IsSpace(before)
	spaceAfter := end == len(p.s) || unicode.IsSpace(after)
	if spaceBefore && spaceAfter || inWord(before, after) {
		for _, r := range run {
			p.write(r) // a literal asterisk, as in "5*3" or "a * b"
		}
		return end, nil
	}
	if p.gapEnd >= 0 {
		return 0, &markupError{i, fmt.Sprintf("%s inside a gap: emphasis may not start or end in a gap's answer; put it around the gap, as in *[[answer]]*, or write \\* for a literal asterisk", run)}
	}
	n := len(run)
	if n > 3 {
		return 0, &markupError{i, fmt.Sprintf("%d asterisks in a row: use * for italic, ** for bold, *** for both, or \\* for each literal asterisk", n)}
	}
	italic, bold := n != 2, n >= 2
	open := italic && p.italic || bold && p.bold          // some style it names is open
	allOpen := (!italic || p.italic) && (!bold || p.bold) // every one is
	switch {
	case !spaceBefore && allOpen:
		p.flush()
		p.italic = p.italic && !italic
		p.bold = p.bold && !bold
	case !spaceAfter && !open:
		p.flush()
		if italic {
			p.italic, p.italicAt = true, i
		}
		if bold {
			p.bold, p.boldAt = true, i
		}
	case !spaceAfter:
		return 0, &markupError{i, fmt.Sprintf("%s starts %s text inside %s text: end the first before starting another, or write \\* for a literal asterisk", run, styleName(italic, bold), styleName(italic && p.italic, bold && p.bold))}
	default:
		return 0, &markupError{i, fmt.Sprintf("%s ends %s text that was not started: start it with %s before a word, or write \\* for a literal asterisk", run, styleName(italic, bold), run)}
	}
	return end, nil
}

// unclosed reports the first emphasis still open at the end of the text.
func (p *inlineParser) unclosed() *markupError {
	if !p.italic && !p.bold {
		return nil
	}
	at, italic, bold := p.italicAt, p.italic, false
	switch {
	case !p.italic:
		at, bold = p.boldAt, true
	case p.bold && p.boldAt == p.italicAt:
		bold = true
	case p.bold && p.boldAt < p.italicAt:
		at, italic, bold = p.boldAt, false, true
	}
	marker := "*"
	if bold {
		marker = map[bool]string{false: "**", true: "***"}[italic]
	}
	return &markupError{at, fmt.Sprintf("unclosed %s: end the %s text with %s after its last word, or write \\* for a literal asterisk", marker, styleName(italic, bold), marker)}
}

// styleName names the emphasis of italic and bold text.
func styleName(italic, bold bool) string {
	switch {
	case italic && bold:
		return "bold italic"
	case bold:
		return "bold"
	}
	return "italic"
}

// inWord reports whether a run of asterisks between before and after is
// inside a word: between letters or digits, but for the characters of
// Chinese, Japanese and Korean, each of which is a word of its own, as
// their text has no spaces between words: **水**是 is bold.
func inWord(before, after rune) bool {
	return isWordRune(before) && isWordRune(after) && !linebreak.Wide(before) && !linebreak.Wide(after)
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// link reads the "[" at i: the start of a link [text](url) when a "]"
// follows before any other "[" and is followed directly by "(", and a
// literal "[" otherwise. It returns where to go on: into the link's text.
func (p *inlineParser) link(i int) (int, *markupError) {
	close := p.closingBracket(i + 1)
	if close < 0 || close+1 >= len(p.s) || p.s[close+1] != '(' {
		p.write('[')
		return i + 1, nil
	}
	if strings.TrimSpace(p.s[i+1:close]) == "" {
		return 0, &markupError{i, "link has no text: write [text](https://...)"}
	}
	urlAt := close + 2
	end := closingParen(p.s, urlAt)
	if end < 0 {
		return 0, &markupError{close + 1, "link has no closing ): end its URL with )"}
	}
	url := p.s[urlAt:end]
	switch {
	case url == "":
		return 0, &markupError{close + 1, "link has no URL: write [text](https://...)"}
	case len(url) > MaxURLBytes:
		return 0, &markupError{urlAt, fmt.Sprintf("link URL is %d characters long: a URL may have at most %d", len(url), MaxURLBytes)}
	case strings.ContainsFunc(url, unicode.IsSpace):
		return 0, &markupError{urlAt, fmt.Sprintf("link URL %q has a space in it", url)}
	case !validLinkURL(url):
		return 0, &markupError{urlAt, fmt.Sprintf("link URL %q is not an absolute http://, https:// or mailto: URL", url)}
	}
	p.flush()
	p.url, p.linkAt, p.linkEnd, p.linkNext, p.linkText = url, i, close, end+1, false
	return i + 1, nil
}

// gap reads the "[[" at i: the start of a gap, [[answer]], which ends at
// the first "]]". It returns where to go on: at the answer's first
// character, its leading space skipped.
func (p *inlineParser) gap(i int) (int, *markupError) {
	if p.noGaps != "" {
		return 0, &markupError{i, fmt.Sprintf("%s cannot have a gap ([[...]]): gaps go in the text of blocks, where students fill them in; write \\[\\[ for two literal brackets", p.noGaps)}
	}
	end := -1
	for j := i + 2; j < len(p.s) && end < 0; j++ {
		switch p.s[j] {
		case '\\':
			if j+1 < len(p.s) && strings.IndexByte(escapable, p.s[j+1]) >= 0 {
				j++
			}
		case '[':
			return 0, &markupError{j, "a gap's answer cannot hold [: write \\[ for a literal bracket"}
		case ']':
			if j+1 >= len(p.s) || p.s[j+1] != ']' {
				return 0, &markupError{j, "a gap's answer cannot hold ]: write \\] for a literal bracket, or ]] to end the gap"}
			}
			end = j
		}
	}
	if end < 0 {
		return 0, &markupError{i, "gap has no closing ]]: end its answer with ]], or write \\[\\[ for two literal brackets"}
	}
	start := i + 2
	for start < end && p.s[start] == ' ' {
		start++
	}
	p.flush()
	p.gapAt, p.gapEnd = i, end
	return start, nil
}

// closingBracket returns where the first "]" from i is, skipping escaped
// characters, or -1 if there is none or a "[" comes first.
func (p *inlineParser) closingBracket(i int) int {
	for ; i < len(p.s); i++ {
		switch p.s[i] {
		case '\\':
			if i+1 < len(p.s) && strings.IndexByte(escapable, p.s[i+1]) >= 0 {
				i++
			}
		case '[':
			return -1
		case ']':
			return i
		}
	}
	return -1
}

// closingParen returns where the ")" that ends the URL starting at i is:
// the first one not matching a "(" in the URL, or -1 if there is none.
func closingParen(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// validLinkURL reports whether s is an absolute http or https URL with a
// host, or a mailto: URL with an address.
func validLinkURL(s string) bool {
	if len(s) > len("mailto:") && strings.EqualFold(s[:len("mailto:")], "mailto:") {
		return !strings.ContainsFunc(s, unicode.IsControl)
	}
	return validURL(s)
}

// punctuation writes the straight quote or hyphen at i as typographic
// punctuation and returns where it ends: a quote becomes an opening or a
// closing curly quote, or an apostrophe; "--" an en dash and "---" an em
// dash.
func (p *inlineParser) punctuation(i int) int {
	switch p.s[i] {
	case '"':
		if p.opening() {
			p.write('“')
		} else {
			p.write('”')
		}
		return i + 1
	case '\'':
		if p.opening() && !elided(p.s[i+1:]) {
			p.write('‘')
		} else {
			p.write('’')
		}
		return i + 1
	}
	n := 0
	for i+n < len(p.s) && p.s[i+n] == '-' && n < 3 {
		n++
	}
	p.write([]rune{'-', '–', '—'}[n-1])
	return i + n
}

// opening reports whether a quote here opens a quotation: it is at the
// start, or after white space, an opening bracket or quote, or a dash.
func (p *inlineParser) opening() bool {
	return p.prev == 0 || unicode.IsSpace(p.prev) || strings.ContainsRune("([{‘“-–—/", p.prev)
}

// elisions are the words from which a leading letter or more is commonly
// left out, so that a quote before them is an apostrophe: 'tis, 'n'.
var elisions = []string{"n'", "tis", "twas", "em", "cause", "til", "round"}

// elided reports whether rest, the text after a quote that would open a
// quotation, shows that the quote is an apostrophe instead: a year such as
// '90s, or a word in elisions.
func elided(rest string) bool {
	if rest != "" && '0' <= rest[0] && rest[0] <= '9' {
		return true
	}
	for _, e := range elisions {
		if len(rest) >= len(e) && strings.EqualFold(rest[:len(e)], e) {
			r, _ := utf8.DecodeRuneInString(rest[len(e):])
			if len(rest) == len(e) || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}
