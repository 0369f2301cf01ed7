package document

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isSpace reports whether r is white space that text normalisation
// collapses. Other spaces, such as U+00A0 NO-BREAK SPACE, are kept.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// splitParagraphs splits s into paragraphs at blank lines (lines holding
// only white space). Within a paragraph every run of white space, line
// breaks included, becomes one space, and the ends are trimmed. Empty
// paragraphs are dropped, so text that is all white space has none.
func splitParagraphs(s string) []string {
	var (
		paras []string
		b     strings.Builder // the paragraph so far
	)
	flush := func() {
		if b.Len() > 0 {
			paras = append(paras, b.String())
			b = strings.Builder{}
		}
	}
	// A line break is "\n" or "\r\n", and "\r" is white space, so lines
	// end at each "\n" and are trimmed of "\r" like any white space.
	for more := true; more; {
		var line string
		line, s, more = strings.Cut(s, "\n")
		line = strings.TrimFunc(line, isSpace)
		if line == "" {
			flush()
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		} else {
			b.Grow(len(line) + len(s)) // at most the rest of s
		}
		writeCollapsed(&b, line)
	}
	flush()
	return paras
}

// writeCollapsed writes line, which has no line breaks and no white space
// at its ends, with every run of white space inside it made one space.
func writeCollapsed(b *strings.Builder, line string) {
	if singleSpaced(line) {
		b.WriteString(line) // the usual case
		return
	}
	for i, w := range strings.FieldsFunc(line, isSpace) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
}

// oneLine normalises s as splitParagraphs does and joins the paragraphs
// with a space.
func oneLine(s string) string {
	return strings.Join(splitParagraphs(s), " ")
}

// singleSpaced reports whether the only white space in line, which has
// none at its ends, is single spaces.
func singleSpaced(line string) bool {
	for i := 0; i < len(line); i++ {
		// One comparison a byte for most text: white space is <= ' '.
		if c := line[i]; c <= ' ' && isSpace(rune(c)) && (c != ' ' || i+1 < len(line) && line[i+1] == ' ') {
			return false
		}
	}
	return true
}

// validLanguage reports whether tag looks like a BCP 47 language tag: a
// language of 2 or 3 letters, then subtags of 1 to 8 letters or digits,
// each after a hyphen.
func validLanguage(tag string) bool {
	parts := strings.Split(tag, "-")
	if n := len(parts[0]); n < 2 || n > 3 || !isAlnum(parts[0], false) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 8 || !isAlnum(p, true) {
			return false
		}
	}
	return true
}

// isAlnum reports whether s is all ASCII letters, or digits too if digits.
func isAlnum(s string, digits bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && !(digits && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// The invisible characters that clean keeps for the wrapper (layout/wrap.go).
const (
	// SoftHyphen marks where a word may be broken: nothing is drawn for it
	// unless the line breaks there, when a hyphen is drawn at the end of
	// the line.
	SoftHyphen = '\u00AD'
	// ZeroWidthSpace marks where a line may break: nothing is drawn for it.
	ZeroWidthSpace = '\u200B'
)

// cleanRune returns what clean makes of r, which is not ASCII or is a
// vertical tab or a form feed, and whether it changes it. See the section
// "Text from Word and the web" of docs/format.md for the reasons.
func cleanRune(r rune) (string, bool) {
	switch r {
	case '\v', '\f', '\u2028': // vertical tab (Word's line break), form feed, line separator
		return "\n", true
	case '\u2029': // paragraph separator
		return "\n\n", true
	case '\u2007', '\u202F': // figure space, narrow no-break space: kept, no break
		return "", false
	case '\u2011': // non-breaking hyphen, not in the fonts; the wrapper never breaks at a hyphen
		return "-", true
	case '\u1680', '\u205F', '\u3000': // ogham, medium mathematical and ideographic spaces
		return " ", true
	case '\u200C', '\u200D', '\u2060', '\uFEFF', // zero-width non-joiner and joiner, word joiner, BOM
		'\u200E', '\u200F', '\u061C', // left-to-right, right-to-left and Arabic letter marks
		'\uFE0E', '\uFE0F': // text and emoji variation selectors
		return "", true
	}
	switch {
	case '\u2000' <= r && r <= '\u200A': // en quad to hair space, but U+2007
		return " ", true
	case '\u202A' <= r && r <= '\u202E', '\u2066' <= r && r <= '\u2069': // bidi embeddings, overrides, isolates
		return "", true
	}
	return "", false
}

// clean returns s, a text value as TOML decoded it, as it is printed:
// the characters that cleanRune changes changed, then put in Unicode
// normalisation form C, so that "e" and a combining acute accent are the
// one character "é" the fonts have. offs gives, for each byte of the
// result, the offset in s of the character that wrote it, so that an error
// in the cleaned text is reported where that character is written; it is
// nil when the result is s, as it is for most text. With ideographic, the
// ideographic space U+3000 is kept, for the fonts of Chinese, Japanese and
// Korean that have it, rather than made a plain space.
func clean(s string, ideographic bool) (text string, offs []int) {
	if !needsCleaning(s, ideographic) {
		return s, nil
	}
	// First the characters cleanRune changes.
	var (
		b  strings.Builder
		at []int // for each byte of b, its offset in s
	)
	for i, r := range s {
		out, changed := string(r), false
		if (r >= utf8.RuneSelf || r == '\v' || r == '\f') && !(ideographic && r == ideographicSpace) {
			out, changed = cleanRune(r)
			if !changed {
				out = string(r)
			}
		}
		b.WriteString(out)
		for range len(out) {
			at = append(at, i)
		}
	}
	mapped := b.String()
	if norm.NFC.IsNormalString(mapped) {
		return mapped, at
	}
	// Then NFC, a segment (a character and the marks that follow it) at a
	// time. A character of a changed segment that is in the segment before
	// the change maps to where it was; any other to the segment's start.
	b.Reset()
	offs = make([]int, 0, len(mapped))
	var it norm.Iter
	it.InitString(norm.NFC, mapped)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		end := it.Pos()
		in := mapped[start:end]
		b.Write(seg)
		if string(seg) == in {
			offs = append(offs, at[start:end]...)
			continue
		}
		for _, r := range string(seg) {
			o := at[start]
			if j := strings.IndexRune(in, r); j >= 0 {
				o = at[start+j]
			}
			for range utf8.RuneLen(r) {
				offs = append(offs, o)
			}
		}
	}
	return b.String(), offs
}

// needsCleaning reports whether clean would change s.
func needsCleaning(s string, ideographic bool) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			ascii = false
			break
		} else if c == '\v' || c == '\f' {
			return true
		}
	}
	if ascii {
		return false // the usual case
	}
	for _, r := range s {
		if _, changed := cleanRune(r); changed && !(ideographic && r == ideographicSpace) {
			return true
		}
	}
	return !norm.NFC.IsNormalString(s)
}

// ideographicSpace is the space of Chinese, Japanese and Korean text, a
// full em wide.
const ideographicSpace = '\u3000'
