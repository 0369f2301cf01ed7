package render

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// ErrAnnots is the error of a PDF whose link annotations cannot be made
// indirect objects, because fpdf wrote the file in a way indirectAnnots
// does not know.
var ErrAnnots = errors.New("render: cannot rewrite the link annotations")

// indirectAnnots moves the link annotations of out's pages, which fpdf
// writes as dictionaries inside each page's /Annots array, into indirect
// objects of their own, as PDF 32000-1:2008, table 30, requires ("an array
// of annotation dictionaries that shall contain indirect references to all
// annotations"), and returns the new PDF. The new objects come after the
// others, and the cross-reference table and trailer are written anew. A
// PDF without annotations is returned as it is.
func indirectAnnots(out []byte) ([]byte, error) {
	const annotsKey = "\n/Annots ["
	if !bytes.Contains(out, []byte(annotsKey+"<<")) {
		return out, nil
	}
	xref := bytes.LastIndex(out, []byte("\nxref\n"))
	if xref < 0 {
		return nil, fmt.Errorf("%w: no cross-reference table", ErrAnnots)
	}
	xref++ // the table starts after the newline
	offsets, trailer, err := parseXref(out[xref:])
	if err != nil {
		return nil, err
	}
	size := len(offsets)

	// A replacement of old bytes [at, end) of out.
	type edit struct {
		at, end int
		with    []byte
	}
	var (
		edits []edit
		added [][]byte // the annotation dictionaries, numbered from size
	)
	for _, off := range sortedOffsets(offsets) {
		obj := out[off:xref]
		dict, ok := pageDict(obj)
		if !ok {
			continue
		}
		i := bytes.Index(dict, []byte(annotsKey))
		if i < 0 {
			continue
		}
		start := i + len(annotsKey)
		annots, n, err := splitDicts(dict[start:])
		if err != nil {
			return nil, fmt.Errorf("%w: page object at %d: %v", ErrAnnots, off, err)
		}
		var refs []byte
		for k, a := range annots {
			if k > 0 {
				refs = append(refs, ' ')
			}
			refs = fmt.Appendf(refs, "%d 0 R", size+len(added))
			added = append(added, a)
		}
		edits = append(edits, edit{at: off + start, end: off + start + n, with: refs})
	}
	if len(added) == 0 {
		return out, nil
	}

	// moved returns where old offset o of out is in the new PDF.
	moved := func(o int) int {
		n := o
		for _, e := range edits {
			if e.at < o {
				n += len(e.with) - (e.end - e.at)
			}
		}
		return n
	}
	var b bytes.Buffer
	b.Grow(len(out) + 64*len(added))
	last := 0
	for _, e := range edits {
		b.Write(out[last:e.at])
		b.Write(e.with)
		last = e.end
	}
	b.Write(out[last:xref])
	newOffsets := make([]int, 0, size+len(added))
	for _, o := range offsets {
		newOffsets = append(newOffsets, moved(o))
	}
	for k, a := range added {
		newOffsets = append(newOffsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n", size+k)
		b.Write(a)
		b.WriteString("\nendobj\n")
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", len(newOffsets))
	for i, o := range newOffsets {
		if i == 0 {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	sizeKey := []byte("/Size " + strconv.Itoa(size) + "\n")
	if bytes.Count(trailer, sizeKey) != 1 {
		return nil, fmt.Errorf("%w: trailer without /Size %d", ErrAnnots, size)
	}
	b.Write(bytes.Replace(trailer, sizeKey, []byte("/Size "+strconv.Itoa(len(newOffsets))+"\n"), 1))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", start)
	return b.Bytes(), nil
}

// parseXref parses the cross-reference table at the start of x, as fpdf
// writes it: one section from object 0, then the trailer dictionary up to
// "startxref". It returns the objects' offsets, object 0's as 0, and the
// trailer.
func parseXref(x []byte) (offsets []int, trailer []byte, err error) {
	lines := bytes.SplitN(x, []byte("\n"), 3)
	if len(lines) < 3 || string(lines[0]) != "xref" {
		return nil, nil, fmt.Errorf("%w: malformed cross-reference table", ErrAnnots)
	}
	var first, n int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &n); err != nil || first != 0 || n < 1 {
		return nil, nil, fmt.Errorf("%w: cross-reference section %q", ErrAnnots, lines[1])
	}
	const entry = 20 // "nnnnnnnnnn ggggg n \n"
	rest := lines[2]
	if len(rest) < n*entry {
		return nil, nil, fmt.Errorf("%w: short cross-reference table", ErrAnnots)
	}
	offsets = make([]int, n)
	for i := 1; i < n; i++ {
		e := rest[i*entry : (i+1)*entry]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			return nil, nil, fmt.Errorf("%w: cross-reference entry %q", ErrAnnots, e)
		}
		offsets[i] = o
	}
	trailer = rest[n*entry:]
	end := bytes.Index(trailer, []byte("startxref\n"))
	if !bytes.HasPrefix(trailer, []byte("trailer\n")) || end < 0 {
		return nil, nil, fmt.Errorf("%w: no trailer", ErrAnnots)
	}
	return offsets, trailer[:end], nil
}

// sortedOffsets returns the offsets of objects 1 on, in increasing order.
func sortedOffsets(offsets []int) []int {
	s := slices.Clone(offsets[1:])
	slices.Sort(s)
	return s
}

// pageDict returns the dictionary of obj, the bytes from an object's
// "N 0 obj" line on, if it is a page: fpdf writes a page dictionary one
// entry a line, its /Contents last.
func pageDict(obj []byte) ([]byte, bool) {
	_, rest, ok := bytes.Cut(obj, []byte(" 0 obj\n"))
	if !ok || !bytes.HasPrefix(rest, []byte("<</Type /Page\n")) {
		return nil, false
	}
	end := bytes.Index(rest, []byte("\n/Contents "))
	if end < 0 {
		return nil, false
	}
	head := len(obj) - len(rest)
	return obj[:head+end], true
}

// splitDicts reads the dictionaries at the start of b, up to the "]" that
// ends the array holding them, and returns them and the length read, the
// "]" excluded. Strings in parentheses, which may hold "<<" and ">>",
// are skipped whole.
func splitDicts(b []byte) (dicts [][]byte, n int, err error) {
	depth, start := 0, 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '(':
			j, err := skipString(b, i)
			if err != nil {
				return nil, 0, err
			}
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			if depth == 0 {
				return nil, 0, errors.New("unbalanced >>")
			}
			depth--
			i++
			if depth == 0 {
				dicts = append(dicts, b[start:i+1])
			}
		case c == ']' && depth == 0:
			return dicts, i, nil
		case depth == 0 && c != ' ':
			return nil, 0, fmt.Errorf("unexpected %q in /Annots", c)
		}
	}
	return nil, 0, errors.New("/Annots array does not end")
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
