package document

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"handout/fonts"
)

// fontFamilies are the families of fontNames, in the same order.
var fontFamilies = []fonts.Family{fonts.Sans, fonts.Serif}

// fontCheck says whether the chosen font family can draw a character.
type fontCheck struct {
	family  fonts.Family
	metrics []*fonts.Metrics // the family's four styles, once loaded
	err     error            // why they could not be loaded
	ascii   asciiSet         // ASCII runes all four styles are known to have
}

// missing returns the name of the first face of the family without r, such
// as "sans" (the regular face) or "sans bold", or "" if all four have it.
func (c *fontCheck) missing(r rune) (string, error) {
	if r < utf8.RuneSelf && c.ascii.has(byte(r)) {
		return "", nil // most text is ASCII: one lookup, not four
	}
	if c.metrics == nil && c.err == nil {
		for _, s := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
			m, err := fonts.Load(fonts.Face{Family: c.family, Style: s})
			if err != nil {
				c.err = err
				break
			}
			c.metrics = append(c.metrics, m)
		}
	}
	if c.err != nil {
		return "", c.err
	}
	for i, m := range c.metrics {
		if !m.HasGlyph(r) {
			if i == 0 {
				return c.family.String(), nil
			}
			return m.Face().String(), nil
		}
	}
	if r < utf8.RuneSelf {
		c.ascii.add(byte(r))
	}
	return "", nil
}

// badRune returns why r may not be in a text value, or "" if it may. A
// printed value's characters must all be in the font.
func (d *decoder) badRune(r rune, printed bool) string {
	if r == '\t' || r == '\n' || r == '\r' {
		return ""
	}
	if unicode.IsControl(r) {
		return fmt.Sprintf("control character %q (U+%04X) is not allowed", string(r), r)
	}
	if !printed {
		return ""
	}
	face, err := d.font.missing(r)
	if err != nil {
		d.errorf(Pos{}, "%v", err)
		return ""
	}
	if face != "" {
		return fmt.Sprintf("character %q (U+%04X) is not in the %s font", string(r), r, face)
	}
	return ""
}

// checkText reports each character of v's cleaned text that may not be
// there, at its line and column. Where a character cannot be traced to the
// source exactly, it is looked for in the source after the previous one
// found, and failing that reported at the start of the value, or at v.def()
// if the value was not indexed. v.def is called only then, as most text
// has nothing to report. Of the letters of right-to-left scripts only the
// first is reported.
func (d *decoder) checkText(v *value, printed bool) {
	s := v.text
	sp, ok := d.ix.val[v.path]
	cursor := sp.start
	fine := d.asciiOK(printed)
	rtl := false // a right-to-left letter was reported
	for i := 0; i < len(s); {
		if fine.has(s[i]) {
			i++ // most text: ASCII known to be fine, without a rune check
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		at := i
		i += n
		var msg string
		if printed && rightToLeft(r) {
			if rtl {
				continue
			}
			rtl = true
			msg = fmt.Sprintf("character %q (U+%04X) is in a right-to-left script: handout sets text left to right only, so it would be printed backwards; leave it out or give it as a picture", string(r), r)
		} else {
			msg = d.badRune(r, printed)
		}
		if msg == "" {
			fine = d.asciiOK(printed) // r may be newly known to be fine
			continue
		}
		if p, exact := d.sourcePos(v, at); exact {
			d.errorf(p, "%s", msg)
			continue
		}
		if !ok {
			d.errorf(v.def(), "%s", msg)
			continue
		}
		pos := d.ix.position(sp.start)
		if cursor <= sp.end {
			if j := strings.Index(d.ix.src[cursor:sp.end], string(r)); j >= 0 {
				pos = d.ix.position(cursor + j)
				cursor += j + len(string(r))
			}
		}
		d.errorf(pos, "%s", msg)
	}
}

// rightToLeft reports whether r is a letter of a right-to-left script,
// such as Hebrew or Arabic.
func rightToLeft(r rune) bool {
	if r < 0x0590 {
		return false // Latin, Greek, Cyrillic, ...: the usual case
	}
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// asciiSet is a set of ASCII characters.
type asciiSet [2]uint64

// has reports whether c is in the set.
func (s *asciiSet) has(c byte) bool { return c < utf8.RuneSelf && s[c>>6]&(1<<(c&63)) != 0 }

// add puts c in the set.
func (s *asciiSet) add(c byte) { s[c>>6] |= 1 << (c & 63) }

// asciiOK returns the ASCII characters that badRune is known to have
// nothing to say about, so far, without a rune check: line breaks and tabs,
// the characters other than control characters in a value that is not
// printed, and those the font is known to have.
func (d *decoder) asciiOK(printed bool) asciiSet {
	if !printed {
		return textASCII
	}
	set := d.font.ascii
	for _, c := range []byte("\t\n\r") {
		set.add(c)
	}
	return set
}

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
