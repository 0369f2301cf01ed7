package document

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// This file recognises the usual mistakes of a file edited by hand, so
// that each gets a message saying what is wrong and how to fix it, in place
// of what the TOML parser or the decoder would say: a file saved in another
// encoding than UTF-8, Word's curly quotes round a value, a string never
// closed, a backslash between folders, [section] for [[section]], and a
// heading typed with its number. A mistake that breaks the TOML syntax is
// looked for only once the parser has failed, and only where it failed, so
// that a valid file never gets such a message (a curly quote inside a
// straight-quoted string is fine text).

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

// explainSyntax returns the error for the TOML syntax error e, which the
// parser reported with message msg at byte offset off of src, telling the
// usual mistake there, if it recognises one; otherwise it returns e.
func explainSyntax(src, msg string, off int, e *Error) *Error {
	off = min(max(off, 0), len(src))
	explain := []func(src, msg string, off int) (int, string){
		curlyQuote, unclosedString, unclosedMultiline, quoteInText, badEscape, singleBrackets,
	}
	for _, f := range explain {
		if at, m := f(src, msg, off); m != "" {
			p := offsetPos(src, at)
			return &Error{File: e.File, Line: p.Line, Column: p.Column, Msg: m}
		}
	}
	return e
}

// offsetPos returns the line and column of byte off of src.
func offsetPos(src string, off int) Pos {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return Pos{Line: strings.Count(src[:off], "\n") + 1, Column: utf8.RuneCountInString(src[start:off]) + 1}
}

// lineAround returns the bounds of the line holding byte off of src,
// without its line break (\n or \r\n).
func lineAround(src string, off int) (start, end int) {
	start = strings.LastIndexByte(src[:off], '\n') + 1
	end = len(src)
	if j := strings.IndexByte(src[off:], '\n'); j >= 0 {
		end = off + j
	}
	if end > start && src[end-1] == '\r' {
		end--
	}
	return start, end
}

// Curly quotes, as Word's AutoFormat and the keyboards of many languages
// type them: “…”, „…“, «…», ‘…’, ‚…‘, ‹…›.
const (
	curlyDouble = "“”„‟«»＂"
	curlySingle = "‘’‚‛‹›"
)

// curlyQuote explains a curly quote where the parser wanted a key or a
// value: title = “The Purges”. It suggests the value in straight quotes
// when it finds where it ends.
func curlyQuote(src, msg string, off int) (int, string) {
	r, size := utf8.DecodeRuneInString(src[off:])
	if !strings.ContainsRune(curlyDouble+curlySingle, r) || !strings.Contains(msg, "'"+string(r)+"'") {
		return 0, "" // not a curly quote, or not the one the parser stopped at
	}
	start, end := lineAround(src, off)
	before := strings.TrimSpace(src[start:off])
	switch {
	case before == "" || strings.HasSuffix(before, "{"):
		return off, fmt.Sprintf("curly quote %s round a key: write the key without quotes", string(r))
	case !strings.HasSuffix(before, "=") && !strings.HasSuffix(before, "[") && !strings.HasSuffix(before, ","):
		return 0, "" // neither a key nor a value
	}
	m := fmt.Sprintf("curly quote %s round the value: use straight quotes \"…\" round text", string(r))
	rest := src[off+size : end]
	for i, c := range rest {
		if !strings.ContainsRune(curlyDouble+curlySingle+`"'`, c) || !endsValue(rest[i+utf8.RuneLen(c):]) {
			continue
		}
		if s := straight(rest[:i]); s != "" && utf8.RuneCountInString(s) <= 60 {
			if key, ok := assignedKey(before); ok {
				s = key + " = " + s
			}
			m += ", as in " + s
		}
		break
	}
	return off, m
}

// endsValue reports whether s, what follows a quote, shows that the quote
// ends a value: nothing but blanks, or blanks and a comment, a comma or a
// closing bracket.
func endsValue(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || strings.ContainsRune("#,]}", rune(s[0]))
}

// straight returns text as a TOML string in straight quotes, "text" or,
// when it has a double quote or a backslash, 'text'; "" if it cannot be
// either.
func straight(text string) string {
	switch {
	case !strings.ContainsAny(text, `"\`):
		return `"` + text + `"`
	case !strings.ContainsRune(text, '\''):
		return "'" + text + "'"
	}
	return ""
}

// keyEquals is a key and its equals sign, as at the start of a key/value
// line: title =, section.heading =.
var keyEquals = regexp.MustCompile(`^([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=$`)

// assignedKey returns the key of before, the text of a line up to a value,
// when it is a bare key and an equals sign.
func assignedKey(before string) (string, bool) {
	m := keyEquals.FindStringSubmatch(strings.TrimSpace(before))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// quoted is a one-line string on a line of TOML: the offsets of its
// opening quote and of its end, just after its closing quote, or -1 if it
// is not closed.
type quoted struct {
	open, end int
	q         byte // its quote: " or '
}

// stringsOf returns the one-line strings of a line of TOML, in order, up
// to a comment or a multi-line string; the last may be unclosed.
func stringsOf(line string) []quoted {
	var qs []quoted
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '#' {
			break
		}
		if c != '"' && c != '\'' {
			continue
		}
		if strings.HasPrefix(line[i:], strings.Repeat(string(c), 3)) {
			break
		}
		s := quoted{open: i, end: -1, q: c}
		for j := i + 1; j < len(line); j++ {
			if line[j] == '\\' && c == '"' {
				j++
			} else if line[j] == c {
				s.end = j + 1
				break
			}
		}
		qs = append(qs, s)
		if s.end < 0 {
			break
		}
		i = s.end - 1
	}
	return qs
}

// unclosedString explains a one-line string with no closing quote, at its
// opening quote, or at a curly quote that ends it instead of a straight
// one.
func unclosedString(src, msg string, off int) (int, string) {
	if msg != "strings cannot contain newlines" && msg != `unexpected EOF; expected '"'` && msg != `unexpected EOF; expected "'"` {
		return 0, ""
	}
	start, end := lineAround(src, off)
	qs := stringsOf(src[start:end])
	if len(qs) == 0 || qs[len(qs)-1].end >= 0 {
		return 0, ""
	}
	s := qs[len(qs)-1]
	open := start + s.open
	text := strings.TrimRight(src[open+1:end], " \t")
	r, size := utf8.DecodeLastRuneInString(text)
	curly := curlyDouble
	if s.q == '\'' {
		curly = curlySingle
	}
	if strings.ContainsRune(curly, r) {
		return open + 1 + len(text) - size, fmt.Sprintf("the string that opens at column %d ends with a curly quote %s: end it with a straight quote %c",
			offsetPos(src, open).Column, string(r), s.q)
	}
	q := string(s.q)
	return open, fmt.Sprintf("the string that opens here has no closing quote: end it with %s on this line, or write text of several lines between %s and %s",
		q, strings.Repeat(q, 3), strings.Repeat(q, 3))
}

// unclosedMultiline explains a multi-line string that is never closed, or
// one closed only by the opening of a later one, at its opening quotes.
func unclosedMultiline(src, msg string, off int) (int, string) {
	eof := strings.HasPrefix(msg, "unexpected EOF") && (strings.Contains(msg, `"""`) || strings.Contains(msg, "'''"))
	errLine := offsetPos(src, off).Line
	ix := newIndex(src)
	var found span
	var header string
	var headerLine int
	for _, sp := range ix.val {
		if sp.start < 0 || sp.start > sp.end || sp.end > len(src) {
			continue
		}
		v := src[sp.start:sp.end]
		if !strings.HasPrefix(v, `"""`) && !strings.HasPrefix(v, "'''") {
			continue
		}
		if eof && sp.end == len(src) {
			found = sp
			header, headerLine = firstHeader(src, sp)
			break
		}
		// A string closed by the next one's opening quotes ends on the
		// line of the error or the line before, and holds the headers
		// of the blocks between them.
		endLine := offsetPos(src, sp.end).Line
		if h, l := firstHeader(src, sp); !eof && h != "" && sp.end <= off && errLine-endLine <= 1 && sp.start > found.start {
			found, header, headerLine = sp, h, l
		}
	}
	q := src[found.start:min(found.start+3, len(src))]
	switch {
	case eof && found.end == len(src) && header != "":
		return found.start, fmt.Sprintf("the multi-line string that opens here is never closed: it runs on to the end of the file, over the %s at line %d; end it with %s where its text ends", header, headerLine, q)
	case eof && found.end == len(src):
		return found.start, fmt.Sprintf("the multi-line string that opens here is never closed: end it with %s where its text ends", q)
	case header != "":
		return found.start, fmt.Sprintf("the multi-line string that opens here is not closed before the %s at line %d: end it with %s where its text ends", header, headerLine, q)
	}
	return 0, ""
}

// firstHeader returns the first line of the string at sp that is a table
// header, such as [[section.block]], and its line number.
func firstHeader(src string, sp span) (string, int) {
	text := src[sp.start+3 : sp.end]
	for i, line := range strings.Split(text, "\n") {
		if written, _, _, ok := parseHeader(line); ok && i > 0 {
			return written, offsetPos(src, sp.start).Line + i
		}
	}
	return "", 0
}

// quoteInText explains text after a one-line string, as when a straight
// quote inside the text ends it: title = "He said "no" to it". In an array,
// where the string may as well be one before it that was never closed,
// the message says both.
func quoteInText(src, msg string, off int) (int, string) {
	array := strings.HasPrefix(msg, "expected a comma (',') or array terminator")
	if !array && !strings.HasPrefix(msg, "expected a top-level item to end") {
		return 0, ""
	}
	start, end := lineAround(src, off)
	for _, s := range stringsOf(src[start:end]) {
		if s.end < 0 || start+s.end != off {
			continue // a quote inside text is followed by a word
		}
		q := string(s.q)
		at := start + s.end - 1
		if array {
			return at, fmt.Sprintf(`a straight quote %s ends a string here, and text follows it: end each string with %s, and write \" for a quote inside text`, q, q)
		}
		key, ok := assignedKey(src[start : start+s.open])
		if !ok {
			return 0, ""
		}
		last := start + strings.LastIndex(src[start:end], q)
		text := src[start+s.open+1 : last]
		m := fmt.Sprintf(`a straight quote %s inside text ends the string here: `, q)
		if s.q == '"' {
			m += `write \" for it, or put the text between single quotes`
		} else {
			m += "put the text between double quotes"
		}
		if sug := straight(text); sug != "" && sug[0] != s.q && utf8.RuneCountInString(sug) <= 60 {
			m += ", as in " + key + " = " + sug
		}
		return at, m
	}
	return 0, ""
}

// badEscape explains a backslash in a "…" string that starts no escape: in
// an image path, as a Windows path, else at the backslash.
func badEscape(src, msg string, off int) (int, string) {
	if !strings.HasPrefix(msg, "invalid escape") && !strings.Contains(msg, "hexadecimal digits after") {
		return 0, ""
	}
	if off == 0 || src[off-1] != '"' {
		return 0, ""
	}
	start, end := lineAround(src, off)
	if key, ok := assignedKey(src[start : off-1]); ok && key == "image" {
		if last := strings.LastIndexByte(src[off:end], '"'); last >= 0 {
			keyAt := start + len(src[start:end]) - len(strings.TrimLeft(src[start:end], " \t"))
			return keyAt, windowsPath(src[off:off+last], "\"")
		}
	}
	for i := off; i+1 < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
		if src[i] != '\\' {
			continue
		}
		if _, n := unescape(src[i+1:]); n > 0 {
			i += n
			continue
		}
		c, _ := utf8.DecodeRuneInString(src[i+1:])
		return i, fmt.Sprintf(`\%c is not an escape: in "…" a backslash starts one, such as \n; write \\ for a backslash, or put the text between single quotes '…'`, c)
	}
	return 0, ""
}

// windowsPath returns the message for an image path written with
// backslashes, as Windows shows paths; written is the path as typed in
// the file, between quotes q (" or ').
func windowsPath(written, q string) string {
	p := written
	if q == `"` {
		p = strings.ReplaceAll(p, `\\`, "/")
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if driveLetter(p) || strings.HasPrefix(p, "//") {
		return fmt.Sprintf(`image %s%s%s is a path on your computer: copy the picture into this file's folder, or a folder in it such as images, and give its path from there with /, as in image = "images/%s"`,
			q, written, q, path.Base(p))
	}
	return fmt.Sprintf(`image %s%s%s has \ between folders: use /, as in image = "%s"`, q, written, q, p)
}

// windowsImage reports, and says whether, key's value is a path written
// with backslashes between folders: in a "…" string, escapes that TOML
// took, such as \t in "images\trotsky.jpg", or \\; in a '…' string, any
// backslash.
func (t *table) windowsImage(key string) bool {
	s, ok := t.m[key].(string)
	sp, indexed := t.d.ix.val[keyPath(t.path, key)]
	if !ok || !indexed {
		return false
	}
	v := t.d.ix.src[sp.start:sp.end]
	if len(v) < 2 {
		return false
	}
	q := v[:1]
	if q != `"` && q != "'" || strings.HasPrefix(v, strings.Repeat(q, 3)) || !strings.Contains(v, `\`) ||
		!strings.ContainsAny(s, "\\\t\n\r\b\f\x1b") {
		return false
	}
	t.used[key] = true
	t.errorf(key, "%s", windowsPath(v[1:len(v)-1], q))
	return true
}

// arrayTables are the arrays of tables of the format, and the names a
// file may give them by mistake, each with its header and what one of its
// tables is.
var arrayTables = map[string]struct{ header, noun string }{
	"section":       {"[[section]]", "section"},
	"section.block": {"[[section.block]]", "block"},
	"summary.panel": {"[[summary.panel]]", "panel"},
	"block":         {"[[section.block]]", "block"},
	"panel":         {"[[summary.panel]]", "panel"},
}

// header is a table header, as a line of TOML may hold one: [name] or
// [[name]], then perhaps a comment.
var header = regexp.MustCompile(`^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(\]\]?)[ \t]*(?:#.*)?\r?$`)

// parseHeader returns the table header on line, as written without its
// blanks, such as "[section]", its name, "section", and whether it has
// double brackets.
func parseHeader(line string) (written, name string, double, ok bool) {
	m := header.FindStringSubmatch(line)
	if m == nil || len(m[1]) != len(m[3]) {
		return "", "", false, false
	}
	name = strings.NewReplacer(" ", "", "\t", "").Replace(m[2])
	return m[1] + name + m[3], name, len(m[1]) == 2, true
}

// bracketsMessage says that written, a header with one bracket each side
// (or a [[block]] or [[panel]] at the top), must be the array of tables
// name's header.
func bracketsMessage(written, name string) string {
	a := arrayTables[name]
	how := ", with two brackets each side"
	switch name {
	case "block":
		how = ", under the [[section]] it belongs to"
	case "panel":
		how = ", after the [summary] it belongs to"
	}
	return fmt.Sprintf("%s must be %s%s: each %s starts with a %s of its own", written, a.header, how, a.noun, a.header)
}

// singleBrackets explains a table header of an array of tables written
// with single brackets, [section] for [[section]], which TOML refuses when
// there are two of them, or one and then [[section]]: at the first of
// them.
func singleBrackets(src, msg string, off int) (int, string) {
	if !strings.Contains(msg, "already been defined") && !strings.Contains(msg, "already created") {
		return 0, ""
	}
	start, end := lineAround(src, off)
	_, name, _, ok := parseHeader(src[start:end])
	if _, array := arrayTables[name]; !ok || !array {
		return 0, ""
	}
	for at := 0; at <= start; {
		line, _, _ := strings.Cut(src[at:], "\n")
		if written, n, double, ok := parseHeader(line); ok && n == name && !double {
			return at + len(line) - len(strings.TrimLeft(line, " \t")), bracketsMessage(written, name)
		}
		at += len(line) + 1
	}
	return 0, ""
}

// headerAt returns the table header on the line of p, and where it is.
func (d *decoder) headerAt(p Pos) (written, name string, double bool, at Pos, ok bool) {
	if p.Line < 1 || p.Line > len(d.ix.lines) {
		return "", "", false, Pos{}, false
	}
	start := d.ix.lines[p.Line-1]
	_, end := lineAround(d.ix.src, start)
	line := d.ix.src[start:end]
	written, name, double, ok = parseHeader(line)
	blanks := len(line) - len(strings.TrimLeft(line, " \t"))
	return written, name, double, Pos{Line: p.Line, Column: blanks + 1}, ok
}

// shapeError reports key's value v, which is not what want says, the table
// or array of tables whose header is name, such as "[[section]]": as a
// header with the wrong number of brackets, or a [[section.block]] before
// any [[section]], when it is written so, and else as a type error.
func (t *table) shapeError(key, want, name string, v any) {
	written, hname, double, at, ok := t.d.headerAt(t.keyPos(key))
	wantName, wantDouble := strings.Trim(name, "[]"), strings.HasPrefix(name, "[[")
	switch {
	case ok && hname == wantName && double != wantDouble && wantDouble:
		t.d.errorf(at, "%s", bracketsMessage(written, hname))
	case ok && hname == wantName && double != wantDouble:
		t.d.errorf(at, "%s must be %s, with one bracket each side", written, name)
	case ok && wantDouble && double && strings.HasPrefix(hname, wantName+"."):
		t.d.errorf(at, "%s comes before any %s: add a %s, with its heading, above it", written, name, name)
	default:
		t.typeError(key, want+" ("+name+")", v)
	}
}

// strayTables reports a [block] or [panel] table, or array of tables, at
// the top level: a [[section.block]] or [[summary.panel]] written short.
func (d *decoder) strayTables(t *table) {
	for _, key := range []string{"block", "panel"} {
		if !t.has(key) {
			continue
		}
		if written, name, _, at, ok := d.headerAt(t.keyPos(key)); ok && name == key {
			t.used[key] = true
			d.errorf(at, "%s", bracketsMessage(written, key))
		}
	}
}

// numbered is a heading that starts with a number of its own: "1. ",
// "2) ", "1.2. ".
var numbered = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})*[.)])\s`)

// numberedHeadings warns of each section heading typed with its own
// number when sections are numbered: "1. Introduction" would print as
// "1. 1. Introduction".
func (d *decoder) numberedHeadings(sections []*table, doc *Document) {
	if !doc.Worksheet.NumberSections {
		return
	}
	for i, t := range sections[:min(len(sections), len(doc.Sections))] {
		h := doc.Sections[i].Heading.String()
		m := numbered.FindStringSubmatch(h)
		if m == nil {
			continue
		}
		d.warnf(d.find(keyPath(t.path, "heading"), m[1], t.keyPos("heading")),
			"heading %q starts with a number, and sections are numbered for you: it prints as \"%d. %s\"; leave the number out, or set number_sections = false in [worksheet]",
			h, i+1, h)
	}
}
