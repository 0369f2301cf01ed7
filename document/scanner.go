package document

import (
	"strconv"
	"strings"
)

// This file scans a valid TOML source for index (see locate.go): its
// table headers, keys and values, recording where each is by its path.

// scanner walks a TOML source for index.
type scanner struct {
	src    string
	i      int
	ix     *index
	arrays map[string]arrayElem // the latest element of each [[array]], by path
	table  string               // path of the current table
	segs   []keySeg             // the parts of the last key scanned, reused
}

// arrayElem is the latest element of an array of tables.
type arrayElem struct {
	n    int    // the number of elements so far
	path string // the path of the latest, element n-1
}

// keySeg is one part of a dotted key and where it starts.
type keySeg struct {
	name string
	off  int
}

// peek returns the byte k bytes ahead, or 0 at the end of the source.
func (s *scanner) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

// document scans the whole file.
func (s *scanner) document() {
	for {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		if s.peek(0) == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		if s.i == start {
			s.i++
		}
	}
}

// skipSpace skips white space and comments, and line breaks too if lines.
func (s *scanner) skipSpace(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case lines && (c == '\n' || c == '\r'):
			s.i++
		case c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// header scans a [table] or [[array]] header.
func (s *scanner) header() {
	start := s.i
	array := s.peek(1) == '['
	if array {
		s.i += 2
	} else {
		s.i++
	}
	segs := s.key()
	path := s.resolve(segs, array, start)
	s.ix.record(path, start)
	s.table = path
	s.skipLine()
}

// resolve returns the path a header, starting at offset start, names: each
// part that is an array of tables means its latest element. For an
// [[array]] header it also counts the new element and returns its path.
// The table the header names is recorded at the header's start.
func (s *scanner) resolve(segs []keySeg, array bool, start int) string {
	path := ""
	for n, seg := range segs {
		path = keyPath(path, seg.name)
		last := n == len(segs)-1
		if last {
			s.ix.record(path, start)
		} else {
			s.ix.record(path, seg.off)
		}
		if last && array {
			a := s.arrays[path]
			a.path = elemPath(path, a.n)
			a.n++
			s.arrays[path] = a
			return a.path
		}
		if a, ok := s.arrays[path]; ok {
			path = a.path
		}
	}
	return path
}

// skipLine skips the rest of the line.
func (s *scanner) skipLine() {
	s.i = min(s.i, len(s.src))
	if j := strings.IndexByte(s.src[s.i:], '\n'); j >= 0 {
		s.i += j
	} else {
		s.i = len(s.src)
	}
}

// key scans a dotted key, stopping after its last part. The parts are
// valid until the next call.
func (s *scanner) key() []keySeg {
	segs := s.segs[:0]
	defer func() { s.segs = segs }()
	for {
		s.skipSpace(false)
		off := s.i
		name, ok := s.keyPart()
		if !ok {
			return segs
		}
		segs = append(segs, keySeg{name, off})
		s.skipSpace(false)
		if s.peek(0) != '.' {
			return segs
		}
		s.i++
	}
}

// keyPart scans one part of a key: bare, "basic" or 'literal'.
func (s *scanner) keyPart() (string, bool) {
	switch s.peek(0) {
	case '"':
		start := s.i
		s.oneLine('"')
		return unquoteBasic(s.src[min(start+1, s.i):max(start+1, s.i-1)]), true
	case '\'':
		start := s.i
		s.oneLine('\'')
		return s.src[min(start+1, s.i):max(start+1, s.i-1)], true
	}
	start := s.i
	for s.i < len(s.src) && isBareKeyByte(s.src[s.i]) {
		s.i++
	}
	return s.src[start:s.i], s.i > start
}

// isBareKeyByte reports whether c may be in a bare key. It is generous: any
// byte that cannot end a key counts, so that non-ASCII keys scan too.
func isBareKeyByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '.', '=', '[', ']', '{', '}', ',', '#', '"', '\'':
		return false
	}
	return true
}

// keyValue scans key = value in the table at parent.
func (s *scanner) keyValue(parent string) {
	segs := s.key()
	if len(segs) == 0 {
		return
	}
	path := parent
	for _, seg := range segs {
		path = keyPath(path, seg.name)
		s.ix.record(path, seg.off)
	}
	s.skipSpace(false)
	if s.peek(0) != '=' {
		return
	}
	s.i++
	s.skipSpace(false)
	s.value(path)
}

// value scans the value at path and records where it is.
func (s *scanner) value(path string) {
	start := s.i
	switch {
	case strings.HasPrefix(s.src[s.i:], `"""`):
		s.multiline('"')
	case strings.HasPrefix(s.src[s.i:], `'''`):
		s.multiline('\'')
	case s.peek(0) == '"':
		s.oneLine('"')
	case s.peek(0) == '\'':
		s.oneLine('\'')
	case s.peek(0) == '[':
		s.array(path)
	case s.peek(0) == '{':
		s.inlineTable(path)
	default:
		s.scalar()
	}
	s.ix.val[path] = span{start, s.i}
}

// oneLine scans a one-line string: basic, with escapes, when q is a
// double quote, or literal, as typed, when q is a single quote.
func (s *scanner) oneLine(q byte) {
	s.i++
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			s.i += 2
		case c == q:
			s.i++
			return
		case c == '\n':
			return
		default:
			s.i++
		}
	}
	s.i = min(s.i, len(s.src))
}

// multiline scans a multi-line string: basic, with three double quotes,
// when q is '"', or literal, with three single quotes. Up to two quotes may
// directly precede the closing delimiter.
func (s *scanner) multiline(q byte) {
	s.i += 3
	for s.i < len(s.src) {
		s.skipTo(q)
		if s.i >= len(s.src) {
			break
		}
		if s.src[s.i] == '\\' {
			s.i += 2
			continue
		}
		n := 0
		for s.i+n < len(s.src) && s.src[s.i+n] == q && n < 5 {
			n++
		}
		s.i += n
		if n >= 3 {
			return
		}
	}
	s.i = min(s.i, len(s.src))
}

// skipTo advances to the next quote q, or, in a basic string (q is '"'),
// to the next backslash if that comes first; to the end if there is none.
func (s *scanner) skipTo(q byte) {
	rest := s.src[s.i:]
	j := strings.IndexByte(rest, q)
	if j < 0 {
		j = len(rest)
	}
	if q == '"' {
		if k := strings.IndexByte(rest[:j], '\\'); k >= 0 {
			j = k
		}
	}
	s.i += j
}

// array scans [v, ...], recording each element as path[i].
func (s *scanner) array(path string) {
	s.list(']', func(n int) {
		elem := elemPath(path, n)
		s.ix.record(elem, s.i)
		s.value(elem)
	})
}

// inlineTable scans {k = v, ...}, recording its keys under path.
func (s *scanner) inlineTable(path string) {
	s.list('}', func(int) { s.keyValue(path) })
}

// list scans a comma-separated list from its opening bracket to the
// closing byte end, calling elem at the start of element n (from 0). It
// always makes progress, even where elem scans nothing.
func (s *scanner) list(end byte, elem func(n int)) {
	s.i++
	for n := 0; s.i < len(s.src); {
		s.skipSpace(true)
		switch s.peek(0) {
		case end:
			s.i++
			return
		case ',':
			s.i++
			continue
		case 0:
			return
		}
		start := s.i
		elem(n)
		n++
		if s.i == start {
			s.i++
		}
	}
}

// scalar scans a number, boolean or date-time.
func (s *scanner) scalar() {
	for s.i < len(s.src) && !endsScalar(s.src[s.i]) {
		s.i++
	}
}

// endsScalar reports whether c ends a scalar value.
func endsScalar(c byte) bool {
	switch c {
	case ',', ']', '}', '#', '\r', '\n':
		return true
	}
	return false
}

// unquoteBasic decodes the escapes of a TOML basic string. Invalid escapes
// are kept as written (the file has already been parsed, so there are none).
func unquoteBasic(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		if r, n := unescape(s[i:]); n > 0 {
			b.WriteRune(r)
			i += n - 1
			continue
		}
		b.WriteByte('\\')
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescape decodes the escape after a backslash at the start of s, returning
// the rune and the number of bytes it used, or 0 bytes if it is not one.
func unescape(s string) (rune, int) {
	simple := map[byte]rune{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r',
		'e': 0x1b, '"': '"', '\\': '\\'}
	if r, ok := simple[s[0]]; ok {
		return r, 1
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
	if digits == 0 || len(s) < 1+digits {
		return 0, 0
	}
	v, err := strconv.ParseUint(s[1:1+digits], 16, 32)
	if err != nil {
		return 0, 0
	}
	return rune(v), 1 + digits
}
