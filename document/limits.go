package document

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The limits of a content file and of what it makes. They turn hostile or
// mistaken input (a file pasted twice over, a runaway script's output, a
// deeply nested array) into an error that names the file, the place and
// the limit, instead of exhausted memory or time. Each is far above what
// a worksheet needs; docs/format.md lists them under "Limits".
const (
	// MaxFileBytes is the largest content file read: 2 MiB. The example
	// worksheet is 8 KB. Build checks the size before reading a file, and
	// reads standard input only this far.
	MaxFileBytes = 2 << 20

	// MaxNesting is the deepest nesting of arrays and inline tables
	// ([ ] and { } inside each other, a table header's brackets
	// included), and the most parts a dotted key may have. The format
	// needs 10 at most (section = [{block = [{parts = [{parts = [{choices
	// = ["..."]}]}]}]}]). The TOML
	// parser takes time that grows faster than the depth, so a file is
	// scanned for it before it is parsed.
	MaxNesting = 10

	// MaxSections is the most [[section]] tables a file may have.
	MaxSections = 500

	// MaxBlocks is the most blocks ([[section.block]]) a file may have,
	// counted over all its sections, each part of a question counted as
	// a block too: a part may have as many writing lines as a block, so
	// that a file of questions with 26 parts of 26 parts each would
	// otherwise make millions of them before its pages are counted.
	MaxBlocks = 2000

	// MaxItems is the most items a task block may have.
	MaxItems = 100

	// MaxTextChars is the most characters (Unicode code points) one text
	// value may have: a title, a heading, a block's text, an answer, an
	// item, any string. 20,000 characters is about six A4 pages of text.
	MaxTextChars = 20_000

	// MaxFooterChars is the most characters the footer template may have.
	MaxFooterChars = 200

	// MaxURLBytes is the longest URL, of a link in the text or of the
	// footer_link.
	MaxURLBytes = 2000

	// MaxPanels is the most panels a summary sheet may have.
	MaxPanels = 12

	// MaxPages is the most pages a laid-out worksheet (any edition) may
	// have. The layout stops, with an error, as it passes it.
	MaxPages = 500

	// MaxImagePixels is the most pixels an image may have: 40 megapixels,
	// more than any camera a teacher is likely to use, and at most 160 MB
	// once decoded.
	MaxImagePixels = 40_000_000

	// MaxImageBytes is the largest image file read: 100 MiB.
	MaxImageBytes = 100 << 20
)

// FileSizeError returns the error for a content file that has more than
// MaxFileBytes bytes; size is its size, or a lower bound of it when the
// file was read only as far as the limit.
func FileSizeError(name string, size int64) Errors {
	is := megabytes(size)
	if size <= MaxFileBytes+1 {
		is = "more than " + megabytes(MaxFileBytes)
	}
	return Errors{{File: name, Msg: fmt.Sprintf("file is %s: a content file may be at most %s (%d bytes); split it into several files",
		is, megabytes(MaxFileBytes), MaxFileBytes)}}
}

// megabytes formats n bytes in MB (MiB): whole, or with one decimal.
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// checkNesting scans src, before it is parsed, for brackets nested deeper
// than MaxNesting and dotted keys of more than MaxNesting parts, and
// returns an error at the first one. It skips comments and strings, and
// takes one pass over src. Numbers such as 1.5 count as two parts of a
// dotted key, which stays far below the limit.
func checkNesting(src string) *Error {
	depth, parts := 0, 0
	dot := false // a "." follows the last key part, with only blanks between
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '#':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return nil
			}
			i += j
			continue
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '.':
			dot = parts > 0
			i++
			continue
		}
		start := i
		if c == '"' || c == '\'' || isBareKeyByte(c) {
			if c == '"' || c == '\'' {
				i = skipString(src, i)
			} else {
				for i < len(src) && isBareKeyByte(src[i]) {
					i++
				}
			}
			if dot {
				parts++
			} else {
				parts = 1
			}
			dot = false
			if parts > MaxNesting {
				return nestingError(src, start, fmt.Sprintf("a dotted key of more than %d parts", MaxNesting))
			}
			continue
		}
		parts, dot = 0, false
		switch c {
		case '[', '{':
			depth++
			if depth > MaxNesting {
				return nestingError(src, start, fmt.Sprintf("arrays and tables nested more than %d deep", MaxNesting))
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
		i++
	}
	return nil
}

// nestingError returns the error for too deep a nesting, what, at byte
// off of src.
func nestingError(src string, off int, what string) *Error {
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	return &Error{
		Line:   strings.Count(src[:off], "\n") + 1,
		Column: utf8.RuneCountInString(src[lineStart:off]) + 1,
		Msg:    what + ": the format needs far fewer (at most " + fmt.Sprint(MaxNesting) + ")",
	}
}

// skipString returns where the string starting at src[i], a quote, ends:
// after its closing quote, or at the end of its line (or of src) when it
// has none. Basic strings ("...", """...""") may escape a quote with a
// backslash; literal ones ('...', ”'...”') may not.
func skipString(src string, i int) int {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		i += 3
		for i < len(src) {
			switch {
			case q == '"' && src[i] == '\\':
				i += 2
			case strings.HasPrefix(src[i:], `"""`) && q == '"', strings.HasPrefix(src[i:], `'''`) && q == '\'':
				i += 3
				// Up to two more quotes may end the string's text.
				for k := 0; k < 2 && i < len(src) && src[i] == q; k++ {
					i++
				}
				return i
			default:
				i++
			}
		}
		return len(src)
	}
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if q == '"' {
				i++
			}
		case q:
			return i + 1
		case '\n':
			return i
		}
	}
	return len(src)
}

// tooLong reports whether s has more than limit characters, counting
// them only when it has more than limit bytes.
func tooLong(s string, limit int) (int, bool) {
	if len(s) <= limit {
		return 0, false
	}
	n := utf8.RuneCountInString(s)
	return n, n > limit
}
