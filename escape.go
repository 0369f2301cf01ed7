package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// escapeName returns s, a name from the file system or a message that may
// hold one, with every character that could start a new line, move the
// cursor or reorder the text escaped, so that a name can neither forge a
// line of its own (such as a GitHub workflow command) nor hide what it
// is: newline, carriage return and tab as \n, \r and \t; the other
// control characters and the bytes that are not UTF-8 as \xNN; the line
// and paragraph separators and the bidirectional controls as \uNNNN.
// Every name handout prints goes through it: in lines, in the JSON report
// and in annotations.
func escapeName(s string) string { return escapeControls(s, false) }

// escapeControls is escapeName, leaving newlines and carriage returns as
// they are when keepLines is set, for a GitHub workflow command's message,
// in which the runner's own escaping (%0A, %0D) carries them.
func escapeControls(s string, keepLines bool) string {
	if strings.IndexFunc(s, escaped) < 0 && utf8.ValidString(s) {
		return s // the usual case
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\r'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x100 && escaped(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case escaped(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escaped reports whether escapeName escapes r: a C0 or C1 control
// character, DEL, a line or paragraph separator, or a bidirectional
// embedding, override or isolate.
func escaped(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}
