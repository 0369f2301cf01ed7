package document

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// This file finds a content file saved in another encoding than UTF-8,
// the usual mistake of a file made with Notepad or an old editor, and says
// how to save it as UTF-8.

// saveUTF8 says how to fix a file in another encoding.
const saveUTF8 = "save the file as UTF-8 (in Notepad: File > Save as, Encoding: UTF-8)"

// checkEncoding returns an error for a file that is not UTF-8, at its first
// bad byte: UTF-16 or UTF-32, by their byte order mark or their 0 bytes, or
// bytes that are not UTF-8, which are probably Windows-1252.
func checkEncoding(data []byte) *Error {
	for _, bom := range []struct{ mark, name string }{
		// UTF-32 first: its little-endian mark starts with UTF-16's.
		{"\xff\xfe\x00\x00", "UTF-32"}, {"\x00\x00\xfe\xff", "UTF-32"},
		{"\xff\xfe", "UTF-16"}, {"\xfe\xff", "UTF-16"},
	} {
		if strings.HasPrefix(string(data[:min(4, len(data))]), bom.mark) {
			return &Error{Line: 1, Column: 1, Msg: fmt.Sprintf("the file is saved as %s (it starts with the bytes % X): %s", bom.name, bom.mark, saveUTF8)}
		}
	}
	if i := utf16Zero(data); i >= 0 {
		p := bytePos(data, i)
		return &Error{Line: p.Line, Column: p.Column, Msg: "the file is saved as UTF-16 (every other byte is 0): " + saveUTF8}
	}
	return checkUTF8(data)
}

// utf16Zero returns the offset of the first 0 byte of data if its first
// kilobyte has 0 bytes as UTF-16 text of mostly ASCII characters, such as
// TOML's, has them: in at least half of the pairs of bytes, always on the
// same side. It returns -1 otherwise.
func utf16Zero(data []byte) int {
	n := min(len(data), 1024) &^ 1
	var zeros [2]int // 0 bytes at even and at odd offsets
	first := -1
	for i := range n {
		if data[i] == 0 {
			zeros[i&1]++
			if first < 0 {
				first = i
			}
		}
	}
	for side := range 2 {
		if n > 0 && 2*zeros[side] >= n/2 && 8*zeros[1-side] < n/2 {
			return first
		}
	}
	return -1
}

// bytePos returns the line and column of byte i of data, counting a byte
// that is not UTF-8 as one column.
func bytePos(data []byte, i int) Pos {
	p := Pos{Line: 1, Column: 1}
	for j := 0; j < i; {
		r, n := utf8.DecodeRune(data[j:i])
		if r == '\n' {
			p.Line, p.Column = p.Line+1, 1
		} else {
			p.Column++
		}
		j += n
	}
	return p
}

// checkUTF8 returns an error at the first byte of data that is not UTF-8.
// A file with no character of more than one byte that is UTF-8 was
// probably saved as Windows-1252 (or Latin-1, which it extends): the
// message shows what the byte is there, such as é for 0xE9.
func checkUTF8(data []byte) *Error {
	if utf8.Valid(data) {
		return nil // the usual case, without counting lines
	}
	if strings.HasPrefix(string(data[:min(3, len(data))]), "\uFEFF") {
		data = data[3:] // a byte order mark, which Decode drops
	}
	bad, utf8Seen := -1, false
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			if bad < 0 {
				bad = i
			}
		case n > 1:
			utf8Seen = true
		}
		i += n
	}
	p := bytePos(data, bad)
	b := data[bad]
	msg := fmt.Sprintf("invalid UTF-8 byte 0x%02x", b)
	if r := charmap.Windows1252.DecodeByte(b); !utf8Seen && r != utf8.RuneError {
		msg += fmt.Sprintf(", which is %q in Windows-1252 (Latin-1): the file was saved in that encoding; %s", string(r), saveUTF8)
	} else {
		msg += ": the file is not all UTF-8; type this character again and " + saveUTF8
	}
	return &Error{Line: p.Line, Column: p.Column, Msg: msg}
}
