// Package linebreak finds where a line of text may end: at spaces, as
// handout has always broken lines, and between the characters of Chinese,
// Japanese and Korean text, by the Unicode line breaking algorithm
// (UAX #14, from github.com/rivo/uniseg).
//
// Text without East Asian characters breaks only at spaces (U+0020),
// zero-width spaces (U+200B) and soft hyphens (U+00AD), never inside a
// word: not after a hyphen or a slash, as UAX #14 would allow. Text with
// them (any character of East Asian width wide or full-width: Chinese
// characters, kana, Hangul, their punctuation and the full-width forms)
// breaks where UAX #14 allows: at those same places, and between two
// characters of which one is East Asian, except where the algorithm
// forbids it, as before closing punctuation (、。」』）！？), small kana
// and the prolonged sound mark (ー), which are never put at the start of
// a line, and after opening punctuation (「『（), which is never left at
// the end of one.
package linebreak

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/width"
)

// Kind is what a line break drops or adds.
type Kind uint8

// The kinds of break.
const (
	// Space is a break at a space (U+0020), which is not drawn at the end
	// of a line.
	Space Kind = iota + 1
	// Zero is a break at a zero-width space (U+200B), never drawn.
	Zero
	// Soft is a break at a soft hyphen (U+00AD): not drawn, but a hyphen
	// is drawn at the end of a line that breaks there.
	Soft
	// Between is a break between two characters: nothing is dropped or
	// added, as between Chinese characters.
	Between
)

// A Break is a place where a line may end: before s[At:], the next line
// starting at s[At+N:]. The N bytes between, a space, a zero-width space
// or a soft hyphen, are not drawn; N is 0 for a break Between characters.
type Break struct {
	At, N int
	Kind  Kind
}

// The characters that are breaks in all text, as UTF-8.
const (
	softHyphen     = "\u00AD"
	zeroWidthSpace = "\u200B"
)

// Append appends the breaks of s to dst, in order, and returns the
// extended slice. Each space, zero-width space and soft hyphen where a
// line may break is one, even at the start or the end of s; a break
// Between characters is never at either. The text before a break
// and after it must be set one after the other: a text cut into spans of
// several fonts is given whole, so that breaks between spans are found.
func Append(dst []Break, s string) []Break {
	if !eastAsian(s) {
		return appendSimple(dst, s)
	}
	return appendUAX14(dst, s)
}

// appendSimple appends the breaks of text without East Asian characters:
// each space, zero-width space and soft hyphen.
func appendSimple(dst []Break, s string) []Break {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			dst = append(dst, Break{i, 1, Space})
		case softHyphen[0]:
			if strings.HasPrefix(s[i:], softHyphen) {
				dst = append(dst, Break{i, len(softHyphen), Soft})
			}
		case zeroWidthSpace[0]:
			if strings.HasPrefix(s[i:], zeroWidthSpace) {
				dst = append(dst, Break{i, len(zeroWidthSpace), Zero})
			}
		}
	}
	return dst
}

// appendUAX14 appends the breaks of text with East Asian characters: the
// UAX #14 break opportunities after spaces, zero-width spaces and soft
// hyphens, and those with an East Asian character on either side.
func appendUAX14(dst []Break, s string) []Break {
	state := -1
	for rest, at := s, 0; ; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		at += len(seg)
		if rest == "" {
			return dst
		}
		before, _ := utf8.DecodeLastRuneInString(seg)
		after, _ := utf8.DecodeRuneInString(rest)
		switch {
		case before == ' ':
			q := at
			for q > 0 && s[q-1] == ' ' {
				q--
			}
			for ; q < at; q++ {
				dst = append(dst, Break{q, 1, Space})
			}
		case before == '\u200B':
			dst = append(dst, Break{at - len(zeroWidthSpace), len(zeroWidthSpace), Zero})
		case before == '\u00AD':
			dst = append(dst, Break{at - len(softHyphen), len(softHyphen), Soft})
		case Wide(before) || Wide(after):
			dst = append(dst, Break{at, 0, Between})
		}
	}
}

// eastAsian reports whether s has a character of East Asian width wide or
// full-width. Those start at U+1100, whose UTF-8 starts with 0xE1.
func eastAsian(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0xE1 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); Wide(r) {
			return true
		}
	}
	return false
}

// Wide reports whether r is of East Asian width wide or full-width: a
// Chinese, Japanese or Korean character, or their punctuation and the
// full-width forms.
func Wide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}
