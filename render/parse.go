package render

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// parse takes a PDF as fpdf writes it apart: a header, the objects, a
// cross-reference table of one section from object 0 and a trailer with
// /Size, /Root and /Info. It checks that every object is where the table
// says, numbered as it says, and that the objects fill the file.
func parse(b []byte) (*doc, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		return nil, errors.New("no PDF header")
	}
	sx := bytes.LastIndex(b, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	tail := b[sx+len("\nstartxref\n"):]
	xref, err := strconv.Atoi(string(bytes.TrimSuffix(tail, []byte("\n%%EOF\n"))))
	if err != nil || !bytes.HasSuffix(tail, []byte("\n%%EOF\n")) || xref <= 0 || xref > sx {
		return nil, fmt.Errorf("bad startxref %q", tail)
	}
	offsets, trailer, err := parseXref(b[xref : sx+1])
	if err != nil {
		return nil, err
	}
	d := &doc{objs: make([]*object, len(offsets)-1)}
	if size, ok := trailerRef(trailer, "/Size "); !ok || size != len(offsets) {
		return nil, fmt.Errorf("trailer /Size is not %d", len(offsets))
	}
	var ok1, ok2 bool
	d.root, ok1 = trailerRef(trailer, "/Root ")
	d.info, ok2 = trailerRef(trailer, "/Info ")
	if !ok1 || !ok2 || d.root >= len(offsets) || d.info >= len(offsets) {
		return nil, errors.New("trailer without /Root or /Info")
	}

	// Each object runs from its offset to the next object's, the last to
	// the cross-reference table; the first starts after the header.
	order := make([]int, len(offsets)-1)
	for i := range order {
		order[i] = i + 1
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	if len(order) == 0 || offsets[order[0]] != headerLen(b) {
		return nil, errors.New("the first object does not follow the header")
	}
	for k, n := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		if offsets[n] >= end {
			return nil, fmt.Errorf("object %d: bad offset %d", n, offsets[n])
		}
		o, err := parseObject(b[offsets[n]:end], n)
		if err != nil {
			return nil, fmt.Errorf("object %d: %v", n, err)
		}
		d.objs[n-1] = &o
	}
	return d, nil
}

// headerLen returns the length of the header fpdf writes: the version
// line and a comment line.
func headerLen(b []byte) int {
	n := 0
	for range 2 {
		i := bytes.IndexByte(b[n:], '\n')
		if i < 0 {
			return -1
		}
		n += i + 1
	}
	if len(b) <= n || b[bytes.IndexByte(b, '\n')+1] != '%' {
		return -1
	}
	return n
}

// parseObject parses b, object n from its "n 0 obj" line to its "endobj"
// line included.
func parseObject(b []byte, n int) (object, error) {
	head := strconv.Itoa(n) + " 0 obj\n"
	if !bytes.HasPrefix(b, []byte(head)) || !bytes.HasSuffix(b, []byte("\nendobj\n")) {
		return object{}, errors.New("not an object")
	}
	body := b[len(head) : len(b)-len("\nendobj\n")]
	end, err := valueEnd(body)
	if err != nil {
		return object{}, err
	}
	dict, rest := body[:end], body[end:]
	if len(rest) == 0 {
		return object{value: body}, nil
	}
	// A stream: its dictionary, "stream", the data of its /Length, and
	// "endstream", each on lines of their own.
	if !bytes.HasPrefix(rest, []byte("\nstream\n")) || !bytes.HasSuffix(rest, []byte("\nendstream")) ||
		len(rest) < len("\nstream\n\nendstream") {
		return object{}, fmt.Errorf("%.20q after the value", rest)
	}
	data := rest[len("\nstream\n") : len(rest)-len("\nendstream")]
	// fpdf writes /Length last in a stream's dictionary.
	k := bytes.LastIndex(dict, []byte("/Length "))
	if k < 0 {
		return object{}, errors.New("a stream without /Length")
	}
	digits := k + len("/Length ")
	stop := digits
	for stop < len(dict) && '0' <= dict[stop] && dict[stop] <= '9' {
		stop++
	}
	length, err := strconv.Atoi(string(dict[digits:stop]))
	if err != nil || length != len(data) || !bytes.Equal(bytes.TrimLeft(dict[stop:], " \n"), []byte(">>")) {
		return object{}, fmt.Errorf("stream of %d bytes, /Length %q", len(data), dict[digits:stop])
	}
	for k > 2 && (dict[k-1] == ' ' || dict[k-1] == '\n') {
		k--
	}
	value := append(append([]byte(nil), dict[:k]...), ">>"...)
	return object{value: value, isStream: true, data: data}, nil
}

// trailerRef returns the number after key in a trailer dictionary as fpdf
// writes it, one entry a line: /Size 12, /Root 11 0 R.
func trailerRef(trailer []byte, key string) (int, bool) {
	i := bytes.Index(trailer, []byte("\n"+key))
	if i < 0 {
		return 0, false
	}
	line, _, _ := bytes.Cut(trailer[i+1+len(key):], []byte("\n"))
	line = bytes.TrimSuffix(line, []byte(" 0 R"))
	n, err := strconv.Atoi(string(line))
	return n, err == nil && n > 0
}

// parseXref parses the cross-reference table at the start of x, as fpdf
// writes it: one section from object 0, then the trailer dictionary. It
// returns the objects' offsets, object 0's as 0, and the trailer.
func parseXref(x []byte) (offsets []int, trailer []byte, err error) {
	lines := bytes.SplitN(x, []byte("\n"), 3)
	if len(lines) < 3 || string(lines[0]) != "xref" {
		return nil, nil, errors.New("malformed cross-reference table")
	}
	var first, n int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &n); err != nil || first != 0 || n < 1 {
		return nil, nil, fmt.Errorf("cross-reference section %q", lines[1])
	}
	const entry = 20 // "nnnnnnnnnn ggggg n \n"
	rest := lines[2]
	if len(rest) < n*entry {
		return nil, nil, errors.New("short cross-reference table")
	}
	offsets = make([]int, n)
	for i := 1; i < n; i++ {
		e := rest[i*entry : (i+1)*entry]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			return nil, nil, fmt.Errorf("cross-reference entry %q", e)
		}
		offsets[i] = o
	}
	trailer = rest[n*entry:]
	if !bytes.HasPrefix(trailer, []byte("trailer\n<<\n")) || !bytes.HasSuffix(trailer, []byte("\n>>\n")) {
		return nil, nil, errors.New("no trailer")
	}
	return offsets, trailer, nil
}

// valueEnd returns the length of the dictionary, array or other value at
// the start of b: up to the ">>" or "]" that closes the first "<<" or
// "[", skipping strings in parentheses, which may hold those. A value
// that is neither is taken to end at the first newline.
func valueEnd(b []byte) (int, error) {
	if len(b) == 0 || (b[0] != '<' && b[0] != '[') {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return i, nil
		}
		return len(b), nil
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '(':
			j, err := skipString(b, i)
			if err != nil {
				return 0, err
			}
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '[':
			depth++
			if c == '<' {
				i++
			}
		case c == '<': // a hexadecimal string
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return 0, errors.New("string does not end")
			}
			i += j
		case c == '>' && i+1 < len(b) && b[i+1] == '>', c == ']':
			depth--
			if c == '>' {
				i++
			}
			if depth == 0 {
				return i + 1, nil
			}
			if depth < 0 {
				return 0, errors.New("unbalanced value")
			}
		}
	}
	return 0, errors.New("value does not end")
}

// skipString returns where the string literal starting with the "(" at i
// of b ends: its ")".
func skipString(b []byte, i int) (int, error) {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i, nil
			}
		}
	}
	return 0, errors.New("string does not end")
}
