package document

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file recognises the usual mistakes of a file edited by hand, so
// that each gets a message saying what is wrong and how to fix it, in place
// of what the TOML parser or the decoder would say: Word's curly quotes
// round a value, a string never closed, a backslash between folders, and a
// heading typed with its number; encoding.go finds a file saved in another
// encoding than UTF-8, and headers.go [section] written for [[section]]. A
// mistake that breaks the TOML syntax is looked for only once the parser
// has failed, and only where it failed, so that a valid file never gets
// such a message (a curly quote inside a straight-quoted string is fine
// text).

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
	if key, ok := assignedKey(src[start : off-1]); ok && pathKinds[key] != nil {
		for _, s := range stringsOf(src[start:end]) {
			if start+s.open == off-1 && s.end > 0 {
				keyAt := start + len(src[start:end]) - len(strings.TrimLeft(src[start:end], " \t"))
				return keyAt, windowsPath(src[off:start+s.end-1], "\"", key, *pathKinds[key])
			}
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

// pathKinds are the keys whose values are paths of files, by key.
var pathKinds = map[string]*pathKind{
	"image": &imagePaths, "regular": &fontPaths, "bold": &fontPaths, "italic": &fontPaths,
	"bold_italic": &fontPaths, "fallback": &fontPaths,
}

// windowsPath returns the message for a path of a file of kind k, key's
// value, written with backslashes, as Windows shows paths; written is the
// path as typed in the file, between quotes q (" or ').
func windowsPath(written, q, key string, k pathKind) string {
	p := written
	if q == `"` {
		p = strings.ReplaceAll(p, `\\`, "/")
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if driveLetter(p) || strings.HasPrefix(p, "//") {
		return fmt.Sprintf(`%s %s%s%s is a path on your computer: copy %s into this file's folder, or a folder in it such as %s, and give its path from there with /, as in %s`,
			k.noun, q, written, q, k.thing, k.folder, assignment(key, k.folder+"/"+path.Base(p)))
	}
	return fmt.Sprintf(`%s %s%s%s has \ between folders: use /, as in %s`, k.noun, q, written, q, assignment(key, p))
}

// assignment returns key = "value", or key = ["value"] for the key of an
// array of paths.
func assignment(key, value string) string {
	if key == "fallback" {
		return fmt.Sprintf(`%s = ["%s"]`, key, value)
	}
	return fmt.Sprintf(`%s = "%s"`, key, value)
}

// windowsImage reports, and says whether, key's value is an image path
// written with backslashes between folders (see windowsPathAt).
func (t *table) windowsImage(key string) bool {
	s, ok := t.m[key].(string)
	if !ok || !t.d.windowsPathAt(keyPath(t.path, key), key, s, t.keyPos(key), imagePaths) {
		return false
	}
	t.used[key] = true
	return true
}

// windowsPathAt reports, and says whether, s, the value at the index path
// vpath (key's value or an item of it), written at at, is the path of a file of kind k written with
// backslashes between folders: in a "…" string, escapes that TOML took,
// such as \t in "images\trotsky.jpg", or \\; in a '…' string, any
// backslash.
func (d *decoder) windowsPathAt(vpath, key, s string, at Pos, k pathKind) bool {
	sp, indexed := d.ix.val[vpath]
	if !indexed {
		return false
	}
	v := d.ix.src[sp.start:sp.end]
	if len(v) < 2 {
		return false
	}
	q := v[:1]
	if q != `"` && q != "'" || strings.HasPrefix(v, strings.Repeat(q, 3)) || !strings.Contains(v, `\`) ||
		!strings.ContainsAny(s, "\\\t\n\r\b\f\x1b") {
		return false
	}
	d.errorf(at, "%s", windowsPath(v[1:len(v)-1], q, key, k))
	return true
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
