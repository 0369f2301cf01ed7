package document

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"handout/fonts"
)

// fontFamilies are the families of fontNames, in the same order.
var fontFamilies = []fonts.Family{fonts.Sans, fonts.Serif}

// This file checks the characters of text values. While a file is decoded,
// checkText reports in each value the control characters, each at its
// place, and, once a value, the letters of scripts that handout cannot set
// and the characters beyond U+FFFF. Whether the fonts have the characters
// is checked once the fonts are known (checkFonts, in fontcheck.go): at
// the end of Decode for the built-in fonts, or, when [fonts] names files,
// by CheckChars once the build has read them; again once a value, naming
// the characters.

// checkText reports each control character of v's cleaned text at its
// line and column, and, when it is printed, the letters of the scripts
// handout cannot set and the characters beyond U+FFFF, once each for the
// value, and keeps v for checkFonts. Where a character cannot be traced
// to the source exactly, it is looked for in the source after the
// previous one found, and failing that reported at the start of the
// value, or at v.def() if the value was not indexed.
func (d *decoder) checkText(v *value, printed bool) {
	s := v.text
	if printed {
		d.printed = append(d.printed, v)
	}
	cursor := -1
	var (
		scripts      []string // the scripts handout cannot set, in order
		scriptAt     = -1     // the first letter of one
		beyond       []rune   // the characters beyond U+FFFF, each once
		beyondAt     = -1
		beyondCount  int
		scriptReason []string
	)
	for i := 0; i < len(s); {
		if textASCII.has(s[i]) {
			i++ // most text: ASCII other than control characters
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		at := i
		i += n
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case unicode.IsControl(r):
			d.errorf(d.charPos(v, at, r, &cursor), "control character %q (U+%04X) is not allowed", string(r), r)
		case !printed:
		case r > fonts.MaxRune && r != utf8.RuneError:
			if beyondAt < 0 {
				beyondAt = at
			}
			if !slices.Contains(beyond, r) {
				beyondCount++
				if len(beyond) < 3 {
					beyond = append(beyond, r)
				}
			}
		default:
			script, reason := unsettable(r)
			if script == "" {
				continue
			}
			if scriptAt < 0 {
				scriptAt = at
			}
			if !slices.Contains(scripts, script) {
				scripts = append(scripts, script)
				scriptReason = append(scriptReason, reason)
			}
		}
	}
	if scriptAt >= 0 {
		r, _ := utf8.DecodeRuneInString(s[scriptAt:])
		d.errorf(d.charPos(v, scriptAt, r, nil), "this text has letters of %s (the first: %q, U+%04X), which handout cannot print: %s; leave them out or give them as a picture",
			list(scripts, "and"), string(r), r, strings.Join(scriptReason, "; "))
	}
	if beyondAt >= 0 {
		r, _ := utf8.DecodeRuneInString(s[beyondAt:])
		d.errorf(d.charPos(v, beyondAt, r, nil), "%s beyond U+FFFF, which the PDF writer cannot draw in any font: leave %s out",
			characters(beyondCount, codes(beyond, beyondCount)), pronoun(beyondCount))
	}
}

// charPos returns where r, at byte at of v's cleaned text, is written:
// exactly when it can be traced; else the first r in the source after
// *cursor, which it then moves past (cursor nil: from the value's start);
// else the value's start, or v.def() if the value was not indexed.
func (d *decoder) charPos(v *value, at int, r rune, cursor *int) Pos {
	if p, exact := d.sourcePos(v, at); exact {
		return p
	}
	sp, ok := d.ix.val[v.path]
	if !ok {
		return v.def()
	}
	from := sp.start
	if cursor != nil && *cursor >= sp.start {
		from = *cursor
	}
	if from <= sp.end && sp.end <= len(d.ix.src) {
		if j := strings.Index(d.ix.src[from:sp.end], string(r)); j >= 0 {
			if cursor != nil {
				*cursor = from + j + len(string(r))
			}
			return d.ix.position(from + j)
		}
	}
	return d.ix.position(sp.start)
}

// characters returns "1 character of this text (what) is" or "n
// characters of this text (what) are".
func characters(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 character of this text (%s) is", what)
	}
	return fmt.Sprintf("%d characters of this text (%s) are", n, what)
}

// pronoun returns "it" for one thing, "them" for more.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// codes lists rs, the first of n characters, with their code points:
// "😀 U+1F600, 🎉 U+1F389, …".
func codes(rs []rune, n int) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s U+%04X", string(r), r)
	}
	if n > len(rs) {
		b.WriteString(", …")
	}
	return b.String()
}

// unsettable returns the script of r and why handout cannot set it, when
// r is a letter of a script written right to left, such as Hebrew and
// Arabic, or of one whose letters must be shaped (joined, reordered and
// placed by the script's rules), such as Devanagari and Thai; "" for any
// other character.
func unsettable(r rune) (script, why string) {
	if r < 0x0590 {
		return "", "" // Latin, Greek, Cyrillic, ...: the usual case
	}
	if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL {
		script = strings.ReplaceAll(fonts.Script(r), "_", " ")
		return script, script + " is written right to left, and handout sets text left to right only, so it would come out backwards"
	}
	if r >= 0x3000 && r < 0xA800 || r > 0xABFF && r < 0x10000 {
		return "", "" // Chinese, Japanese, Korean and the rest of the BMP after them
	}
	for _, name := range shaped {
		if unicode.Is(unicode.Scripts[name], r) {
			script = strings.ReplaceAll(name, "_", " ")
			return script, script + " needs its letters joined, reordered and placed by its own rules (text shaping), which handout does not do"
		}
	}
	return "", ""
}

// shaped are the scripts of the Basic Multilingual Plane, written left to
// right, whose letters a PDF writer must shape (join, reorder, stack or
// place their marks) to print them right: the scripts of India and South
// East Asia, Tibetan and Mongolian.
var shaped = []string{
	"Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
	"Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian", "Limbu", "Tai_Le", "New_Tai_Lue",
	"Buginese", "Tai_Tham", "Balinese", "Sundanese", "Batak", "Lepcha", "Syloti_Nagri", "Saurashtra",
	"Kayah_Li", "Rejang", "Javanese", "Cham", "Tai_Viet", "Meetei_Mayek",
}

// printable is the printable ASCII characters, space to tilde.
var printable = func() asciiSet {
	var s asciiSet
	for c := byte(' '); c < 0x7F; c++ {
		s.add(c)
	}
	return s
}()

// asciiSet is a set of ASCII characters.
type asciiSet [2]uint64

// has reports whether c is in the set.
func (s *asciiSet) has(c byte) bool { return c < utf8.RuneSelf && s[c>>6]&(1<<(c&63)) != 0 }

// add puts c in the set.
func (s *asciiSet) add(c byte) { s[c>>6] |= 1 << (c & 63) }

// textASCII is the ASCII characters other than control characters, and
// tabs and line breaks.
var textASCII = func() asciiSet {
	var s asciiSet
	for c := byte(0); c < utf8.RuneSelf; c++ {
		if !unicode.IsControl(rune(c)) || c == '\t' || c == '\n' || c == '\r' {
			s.add(c)
		}
	}
	return s
}()

// find returns where text is written in the value at path, or def if it
// is not written literally there.
func (d *decoder) find(path, text string, def Pos) Pos {
	sp, ok := d.ix.val[path]
	if !ok || sp.end > len(d.ix.src) || sp.start > sp.end {
		return def
	}
	if j := strings.Index(d.ix.src[sp.start:sp.end], text); j >= 0 {
		return d.ix.position(sp.start + j)
	}
	return d.ix.position(sp.start)
}

// validURL reports whether s is an absolute http or https URL with a host
// and no white space or control characters.
func validURL(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && u.Host != ""
}

// noteFormFeed notes where v's first form feed is written, if v has one
// and it comes before any noted so far.
func (d *decoder) noteFormFeed(v *value) {
	raw := strings.IndexByte(v.raw, '\f')
	if raw < 0 {
		return
	}
	p := v.def()
	for i, o := range v.offs { // the form feed was cleaned, so offs is set
		if o == raw {
			if sp, ok := d.sourcePos(v, i); ok {
				p = sp
			}
			break
		}
	}
	if d.formFeed == (Pos{}) || before(p, d.formFeed) {
		d.formFeed = p
	}
}

// warnFormFeed warns, once a file, at the first form feed in printed
// text: Word writes one for a page break, but in handout it is a space.
func (d *decoder) warnFormFeed() {
	if d.formFeed == (Pos{}) {
		return
	}
	d.warnf(d.formFeed, "a form feed (\\f) in text is printed as a space, not as a page break: to start a new page, give the block page_break = true, or its [[section]] new_page = true")
}
