package document

// This file checks the characters of the printed values of a file
// against its fonts (see CheckChars).

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"handout/fonts"
)

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
