package fonts

import (
	"slices"
	"sync"
	"unicode"
)

// A Chain is the fonts a text is set in, in order: a main font, then its
// fallbacks. Each character is drawn in the first font that has it, as web
// browsers choose fonts.
type Chain []*Font

// A Run is the bytes Start to End of a string, set in one font.
type Run struct {
	Font       *Font
	Start, End int
}

// A Missing is a rune of a string that no font of a chain has, at byte At.
// Runes beyond MaxRune are always missing: the PDF writer cannot draw them
// in any font.
type Missing struct {
	At   int
	Rune rune
}

// Font returns the first font of c that has r, or nil if none has.
func (c Chain) Font(r rune) *Font {
	for _, f := range c {
		if f.Metrics().HasGlyph(r) {
			return f
		}
	}
	return nil
}

// Has reports whether a font of c has r.
func (c Chain) Has(r rune) bool { return c.Font(r) != nil }

// Split cuts s into runs, each set in one font, and finds the runes no font
// has. It appends the runs to runs, in order, covering all of s, each as
// long as it can be; and the missing runes to missing.
//
// Each rune is set in the first font of c that has it, but for a combining
// mark, variation selector or format character (such as a zero-width
// joiner), which stays in the font of the rune before it if that font has
// it, so that a mark is drawn in the font of the letter it goes on. A
// missing rune stays in the run before it (or, at the start of s, goes in
// the first font's), so that the runs still cover s; the caller, told of it,
// should not draw it. With no fonts at all, the one run has a nil Font.
func (c Chain) Split(s string, runs []Run, missing []Missing) ([]Run, []Missing) {
	if s == "" {
		return runs, missing
	}
	var cur *Font // the font of the run being built
	if len(c) > 0 {
		cur = c[0]
	}
	start := 0
	for i, r := range s {
		f := cur
		if !(sticky(r) && i > start && cur != nil && cur.Metrics().HasGlyph(r)) {
			if f = c.Font(r); f == nil {
				missing = append(missing, Missing{i, r})
				f = cur
			}
		}
		if f != cur {
			if i > start {
				runs = append(runs, Run{cur, start, i})
			}
			cur, start = f, i
		}
	}
	return append(runs, Run{cur, start, len(s)}), missing
}

// sticky reports whether r is a combining mark, a variation selector or a
// format character: a rune that goes with the rune before it.
func sticky(r rune) bool {
	return r >= 0x300 && (unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf))
}

// scriptNames are the names of the Unicode scripts, sorted.
var scriptNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
})

// Script returns the name of the Unicode script of r, such as "Latin",
// "Han" (Chinese characters, used in Chinese, Japanese and Korean),
// "Hiragana", "Hangul" or "Arabic"; "Common" for punctuation, digits and
// symbols that many scripts share, "Inherited" for combining marks, and
// "Unknown" for runes that are in none.
func Script(r rune) string {
	for _, name := range scriptNames() {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return "Unknown"
}
