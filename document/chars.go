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
// is checked once the fonts are known (checkFonts): at the end of Decode
// for the built-in fonts, or, when [fonts] names files, by CheckChars once
// the build has read them; again once a value, naming the characters.

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

// fontCheck checks the printed values of a file against its fonts.
type fontCheck struct {
	chains [4]fonts.Chain // by fonts.Style
	ascii  asciiSet       // the printable ASCII characters every chain has
	fonts  *Fonts         // the file's [fonts], nil without one
	family fonts.Family   // [style] font
}

// newFontCheck returns a check of the fonts of a file with [fonts] f and
// [style] font family.
func newFontCheck(f *Fonts, family fonts.Family) (*fontCheck, error) {
	c := &fontCheck{fonts: f, family: family}
	for st := range c.chains {
		chain, err := f.Chain(family, fonts.Style(st))
		if err != nil {
			return nil, err
		}
		c.chains[st] = chain
	}
	for ch := byte(' '); ch < 0x7F; ch++ {
		if c.missing(rune(ch)) == 0 {
			c.ascii.add(ch)
		}
	}
	return c, nil
}

// missing returns the styles whose chains lack r, as a bit mask: bit st
// for fonts.Style st.
func (c *fontCheck) missing(r rune) uint8 {
	var m uint8
	for st, chain := range c.chains {
		if !chain.Has(r) {
			m |= 1 << st
		}
	}
	return m
}

// allStyles is the mask of every style.
const allStyles = 1<<4 - 1

// checkFonts reports, once for each printed value, the characters that no
// font of its chains has (see Fonts.Chain): a printed character must be in
// some font of the chain of every style, as text may be set in any. The
// characters checkText reported, and those that are not drawn (a soft
// hyphen, a zero-width space), are left out.
func (d *decoder) checkFonts(c *fontCheck) {
	type miss struct {
		r    rune
		mask uint8
	}
	var ms []miss
	for _, v := range d.printed {
		ms = ms[:0]
		first, firstPart := -1, -1
		s := v.text
		for i := 0; i < len(s); {
			if c.ascii.has(s[i]) || !printable.has(s[i]) && s[i] < utf8.RuneSelf {
				i++ // most text: ASCII the fonts have; control characters are reported already
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			at := i
			i += n
			if r == SoftHyphen || r == ZeroWidthSpace || r > fonts.MaxRune || unicode.IsControl(r) {
				continue
			}
			if script, _ := unsettable(r); script != "" {
				continue
			}
			mask := c.missing(r)
			if mask == 0 {
				continue
			}
			if mask == allStyles && first < 0 {
				first = at
			} else if mask != allStyles && firstPart < 0 {
				firstPart = at
			}
			if !slices.ContainsFunc(ms, func(m miss) bool { return m.r == r }) {
				ms = append(ms, miss{r, mask})
			}
		}
		var none, some []rune
		var partMask uint8
		for _, m := range ms {
			if m.mask == allStyles {
				none = append(none, m.r)
			} else {
				some = append(some, m.r)
				partMask |= m.mask
			}
		}
		if len(none) > 0 {
			r, _ := utf8.DecodeRuneInString(s[first:])
			d.errorf(d.charPos(v, first, r, nil), "%s in none of the fonts: add a font that has %s under [fonts] fallback%s",
				characters(len(none), byScript(none, s)), pronoun(len(none)), c.advice(none))
		}
		if len(some) > 0 {
			r, _ := utf8.DecodeRuneInString(s[firstPart:])
			d.errorf(d.charPos(v, firstPart, r, nil), "%s not in %s, nor in a fallback font: add a font that has %s under [fonts] fallback%s",
				characters(len(some), byScript(some, s)), c.styleFonts(partMask), pronoun(len(some)), c.advice(some))
		}
	}
}

// advice returns what the message about the characters rs, which the
// fonts lack, adds to "add a font that has them under [fonts] fallback":
// that a built-in font has them, if one does and is not a fallback yet,
// or where the docs explain [fonts], for a file without it.
func (c *fontCheck) advice(rs []rune) string {
	for _, fam := range fontFamilies {
		builtinMain := c.fonts == nil || c.fonts.Regular == nil
		if builtinMain && fam == c.family || c.fonts != nil && slices.ContainsFunc(c.fonts.Fallback, func(f *FontFile) bool { return f.Path == "" && f.Builtin == fam }) {
			continue
		}
		has := true
		for _, st := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
			font, err := fonts.Face{Family: fam, Style: st}.Font()
			for _, r := range rs {
				has = has && err == nil && font.Metrics().HasGlyph(r)
			}
		}
		if has {
			return fmt.Sprintf(": the built-in %q font has %s, as in fallback = [%q]", fam.String(), pronoun(len(rs)), fam.String())
		}
	}
	if c.fonts == nil {
		return ` (see "Languages and fonts" in docs/format.md)`
	}
	return ""
}

// styleFonts names the main fonts of the styles in mask, such as `the
// bold font ("fonts/Lexend-Bold.ttf")`.
func (c *fontCheck) styleFonts(mask uint8) string {
	var names []string
	for st, key := range fontStyleKeys {
		if mask&(1<<st) == 0 {
			continue
		}
		name := "the " + strings.ReplaceAll(key, "_", " ") + " font"
		if c.fonts != nil && c.fonts.Regular != nil {
			name += fmt.Sprintf(" (%q)", c.fonts.mainFile(fonts.Style(st)).Path)
		} else {
			name += fmt.Sprintf(" (the built-in %s)", fonts.Face{Family: c.family, Style: fonts.Style(st)})
		}
		names = append(names, name)
	}
	return list(names, "or")
}

// byScript lists rs, characters of text, by script: "Chinese: 水, 的, …;
// symbols: ☃ U+2603", at most three of each and three scripts. Chinese
// characters are called Japanese in a text with kana, and Korean in one
// with Hangul.
func byScript(rs []rune, text string) string {
	han := "Chinese"
	for _, r := range text {
		switch {
		case r < 0x1100:
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			han = "Japanese"
		case unicode.Is(unicode.Hangul, r):
			han = "Korean"
		}
	}
	type group struct {
		name  string
		runes []string
		more  bool
	}
	var gs []group
	for _, r := range rs {
		name := fonts.Script(r)
		switch name {
		case "Han", "Bopomofo":
			name = han
		case "Hiragana", "Katakana":
			name = "Japanese"
		case "Hangul":
			name = "Korean"
		case "Common":
			name = "symbols"
			if unicode.IsPunct(r) {
				name = "punctuation"
			}
		case "Inherited":
			name = "combining marks"
		default:
			name = strings.ReplaceAll(name, "_", " ")
		}
		i := slices.IndexFunc(gs, func(g group) bool { return g.name == name })
		if i < 0 {
			gs = append(gs, group{name: name})
			i = len(gs) - 1
		}
		if len(gs[i].runes) < 3 {
			c := string(r)
			if name != han && name != "Japanese" && name != "Korean" {
				c += fmt.Sprintf(" U+%04X", r) // a symbol or a mark is hard to tell by its look
			}
			gs[i].runes = append(gs[i].runes, c)
		} else {
			gs[i].more = true
		}
	}
	var parts []string
	for i, g := range gs {
		if i == 3 {
			parts[2] += "; …"
			break
		}
		p := g.name + ": " + strings.Join(g.runes, ", ")
		if g.more {
			p += ", …"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// CheckChars checks that the fonts the text of d is set in have every
// character printed, as Decode does for a file that names no font files:
// for a file whose [fonts] table names files, once the build has read
// them and set each FontFile.Font. It returns an Errors, one for each text
// value with characters no font has, naming them, at the first of them.
// It does nothing for a file that Decode checked.
func (d *Document) CheckChars() error {
	dec := d.pending
	if dec == nil {
		return nil
	}
	c, err := newFontCheck(d.Fonts, d.Style.Font)
	if err != nil {
		return err
	}
	d.pending = nil
	dec.errs = nil
	dec.checkFonts(c)
	if len(dec.errs) > 0 {
		return sortErrors(dec.errs)
	}
	return nil
}

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
