package document

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file finds where things are in a content file. The TOML library
// reports positions only for syntax errors, so once a file is known to be
// valid TOML, index scans it again and records the position of every key,
// table header and array element by its full path, such as
// "section[1].block[0].quote" (array indices count from 0).

// span is where a value is in the source, as byte offsets [start, end).
type span struct{ start, end int }

// index records the positions of a valid TOML file's keys and values.
type index struct {
	src   string
	lines []int           // byte offset of the start of each line
	pos   map[string]Pos  // where each key, table header or array element is
	val   map[string]span // where each value is

	// The last position found, from which the next on the same line,
	// further on, is counted: the scan goes forwards, so a line of many
	// values costs one pass, not one per value.
	lastOff int
	lastPos Pos
}

// newIndex scans src, which must be valid TOML, and indexes it. It never
// fails: on text it does not understand it skips a byte and goes on.
func newIndex(src string) *index {
	// Room for about one key and one value a "=", and two paths a "[[".
	keys := strings.Count(src, "=")
	ix := &index{
		src: src,
		pos: make(map[string]Pos, keys+2*strings.Count(src, "[[")),
		val: make(map[string]span, keys),
	}
	ix.lines = make([]int, 1, strings.Count(src, "\n")+1)
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		ix.lines = append(ix.lines, i)
	}
	s := &scanner{src: src, ix: ix, arrays: map[string]arrayElem{}}
	s.document()
	return ix
}

// position returns the line and column of the byte at offset off. Columns
// count characters, not bytes.
func (ix *index) position(off int) Pos {
	off = min(max(off, 0), len(ix.src))
	line := sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > off }) - 1
	start, col := ix.lines[line], 1
	if ix.lastPos.Line == line+1 && ix.lastOff <= off {
		start, col = ix.lastOff, ix.lastPos.Column
	}
	p := Pos{Line: line + 1, Column: col + utf8.RuneCountInString(ix.src[start:off])}
	ix.lastOff, ix.lastPos = off, p
	return p
}

// record notes that path is at offset off, unless it was seen before.
func (ix *index) record(path string, off int) {
	if _, ok := ix.pos[path]; !ok {
		ix.pos[path] = ix.position(off)
	}
}

// keyPath returns the path of key in the table or array element at parent.
func keyPath(parent, key string) string {
	if key == "" || strings.IndexFunc(key, isPathByte) >= 0 {
		key = strconv.Quote(key)
	}
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// isPathByte reports whether r is a character that a key must be quoted
// to hold in a path.
func isPathByte(r rune) bool { return r == '.' || r == '[' || r == ']' || r == '"' }

// elemPath returns the path of element i of the array at parent.
func elemPath(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}
