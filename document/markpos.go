package document

import (
	"strings"
	"unicode/utf8"
)

// This file finds where a markup error is in the source: from a byte of a
// normalised paragraph back to the string value as TOML decoded it, and
// from there to the characters of the file that wrote it. It runs only for
// errors, so it favours simplicity over speed.

// inline parses the markup of norm, paragraph para of v's cleaned text
// (the whole text normalised to one line when !split), and reports a
// markup error at its line and column; at v.def() when it cannot be found.
// After an error it returns norm as plain text, so that the value is not
// taken for empty.
func (d *decoder) inline(v *value, norm string, para int, split bool) Inline {
	in, err := parseInline(norm, d.smart, v.noGaps)
	if err == nil {
		return in
	}
	d.errorf(d.markupPos(v, split, para, err.off), "%s", err.msg)
	return Plain(norm)
}

// markupPos returns where byte off of paragraph para of v's cleaned text,
// normalised, is written in the file.
func (d *decoder) markupPos(v *value, split bool, para, off int) Pos {
	paras := normOffsets(v.text, split)
	if para >= len(paras) || off >= len(paras[para]) {
		return v.def()
	}
	if p, ok := d.sourcePos(v, paras[para][off]); ok {
		return p
	}
	return v.def()
}

// sourcePos returns where byte off of v's cleaned text is written in the
// file, if it can tell: through clean's offsets to the decoded value, and
// from there through the string as written, escapes and all.
func (d *decoder) sourcePos(v *value, off int) (Pos, bool) {
	rawOff := v.rawOffset(off)
	sp, ok := d.ix.val[v.path]
	if !ok || sp.start > sp.end || sp.end > len(d.ix.src) || rawOff >= len(v.raw) {
		return Pos{}, false
	}
	lit := d.ix.src[sp.start:sp.end]
	text, offs := decodeString(lit)
	if text == v.raw {
		return d.ix.position(sp.start + offs[rawOff]), true
	}
	// Line ends written as "\r\n" in a multi-line string are read as
	// "\n": try that before giving up.
	text, offs = decodeString(strings.ReplaceAll(lit, "\r\n", "\n"))
	if text != v.raw {
		return Pos{}, false
	}
	return d.ix.position(sp.start + crlfOffset(lit, offs[rawOff])), true
}

// crlfOffset turns off, an offset into lit with every "\r\n" made "\n",
// into an offset into lit.
func crlfOffset(lit string, off int) int {
	j := 0 // the offset in the shortened text
	for i := 0; i < len(lit); i++ {
		if lit[i] == '\r' && i+1 < len(lit) && lit[i+1] == '\n' {
			continue
		}
		if j == off {
			return i
		}
		j++
	}
	return len(lit)
}

// normOffsets returns, for each paragraph that splitParagraphs makes of s
// (or, when !split, for the one line oneLine makes of it), the offset in s
// of each of its bytes. A space standing for a run of white space maps to
// the run's first character.
func normOffsets(s string, split bool) [][]int {
	var (
		paras [][]int
		cur   []int
	)
	for i := 0; i < len(s); {
		if !isSpace(rune(s[i])) {
			_, n := utf8.DecodeRuneInString(s[i:])
			for k := range n {
				cur = append(cur, i+k)
			}
			i += n
			continue
		}
		start, breaks := i, 0
		for ; i < len(s) && isSpace(rune(s[i])); i++ {
			if s[i] == '\n' {
				breaks++
			}
		}
		switch {
		case len(cur) == 0 || i == len(s):
			// white space at the start or the end is dropped
		case split && breaks >= 2:
			paras, cur = append(paras, cur), nil // a blank line
		default:
			cur = append(cur, start)
		}
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	return paras
}

// decodeString decodes lit, a TOML string as written, returning its value
// and, for each byte of the value, the offset in lit of what wrote it. An
// escape writes all the bytes of its character.
func decodeString(lit string) (string, []int) {
	var (
		b    []byte
		offs []int
	)
	emit := func(s string, at int) {
		b = append(b, s...)
		for range len(s) {
			offs = append(offs, at)
		}
	}
	q := 1
	if strings.HasPrefix(lit, `"""`) || strings.HasPrefix(lit, `'''`) {
		q = 3
	}
	if len(lit) < 2*q {
		return "", nil
	}
	basic := lit[0] == '"'
	body, i := lit[:len(lit)-q], q
	if q == 3 && strings.HasPrefix(body[i:], "\n") {
		i++ // a line break straight after the opening quotes is dropped
	} else if q == 3 && strings.HasPrefix(body[i:], "\r\n") {
		i += 2
	}
	for i < len(body) {
		if !basic || body[i] != '\\' || i+1 >= len(body) {
			emit(body[i:i+1], i)
			i++
			continue
		}
		if j := lineEndEscape(body, i+1); q == 3 && j > 0 {
			i = j
			continue
		}
		r, n := unescape(body[i+1:])
		if n == 0 {
			emit(body[i:i+1], i)
			i++
			continue
		}
		emit(string(r), i)
		i += 1 + n
	}
	return string(b), offs
}

// lineEndEscape returns where the text resumes after a backslash that ends
// a line of a multi-line basic string, i being just after the backslash:
// after all the white space and line breaks that follow. It returns 0 if
// only spaces and tabs follow the backslash on its line.
func lineEndEscape(s string, i int) int {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j >= len(s) || s[j] != '\n' {
		return 0
	}
	for j < len(s) && isSpace(rune(s[j])) {
		j++
	}
	return j
}
