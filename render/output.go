package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// fpdf writes the PDF; render then puts right what fpdf writes in a way a
// PDF must not be, and adds what fpdf has no way to write. All of that is
// done here, in one place and in one order: output takes fpdf's bytes
// apart into numbered objects (parse), runs the passes over them in the
// order of passes, and writes the PDF once, with its cross-reference table
// and trailer (write). Each pass checks that what it reads and changes is
// as it expects, and returns an error rather than write a file that is
// wrong; parse checks the whole file as fpdf writes it.
//
// The passes, in order:
//
//  1. boxes (orderBoxes): each page dictionary lists its page boxes in the
//     order of PDF 32000-1:2008, 14.11.2; fpdf ranges over a map, in an
//     order that changes from run to run.
//  2. annots (indirectAnnots): the link annotations, which fpdf writes as
//     dictionaries inside each page's /Annots array, become objects of
//     their own, as table 30 requires.
//  3. fonts (addFonts): the fonts the text is drawn in (see painter.textItem):
//     for each face used, its subset, named with a tag and the PostScript
//     name (9.6.4), the widths, CIDToGIDMap, ToUnicode CMap and font
//     descriptor, added as new objects and listed in the resource
//     dictionary. fpdf does not see these fonts: it would parse and hash
//     each face for every document (see docs/fpdf-font-id.md).
//  4. dates (zoneDates): the Info dictionary's dates, which fpdf writes
//     without a time zone, get theirs: UTC (7.9.4).
//  5. compress (compressStreams): every stream fpdf or a pass left
//     uncompressed, such as the pages' contents (fpdf is told not to
//     compress) and the fonts, is compressed with Flate, by compressors
//     that are reused from document to document.
//
// write then writes the header with the version the file is written to,
// PDF 1.7 (ISO 32000-1), the objects in the order of their numbers, the
// cross-reference table and the trailer, with an /ID derived from the
// bytes of the objects, so that the same input gives the same file.
//
// To add a pass, such as one that adds a structure tree for tagged PDF,
// write a func(*doc, *job) error, give it what it needs to know in job,
// and put it in passes: after the passes whose objects it refers to (a
// structure tree refers to the link annotations' objects, so after
// annots) and before compress if it adds streams to be compressed (a
// stream it wants left as it is, such as XMP metadata, it marks with
// /Type /Metadata, which compress leaves alone). New objects are added
// with doc.add, entries with addEntries; write numbers and lists them.
var passes = []struct {
	name string
	run  func(*doc, *job) error
}{
	{"boxes", orderBoxes},
	{"annots", indirectAnnots},
	{"fonts", addFonts},
	{"dates", zoneDates},
	{"compress", compressStreams},
}

// pdfVersion is the version of PDF that render writes: ISO 32000-1:2008,
// which every feature it uses is part of.
const pdfVersion = "1.7"

// A job is what the passes need to know of a document beyond the bytes
// fpdf wrote.
type job struct {
	pages   int       // the number of pages
	boxes   bool      // whether the pages have trim and bleed boxes
	subsets []*subset // the faces the text uses, each with its runes
}

// A doc is a PDF taken apart into its objects, for the passes to change.
type doc struct {
	objs []*object // objs[n-1] is object n
	root int       // the catalog's object number
	info int       // the Info dictionary's object number
}

// An object is one indirect object of a doc.
type object struct {
	// value is the object's value, such as a dictionary or an array;
	// for a stream, its dictionary, without /Length, which write adds.
	value []byte
	// isStream says that the object is a stream, whose data is data.
	isStream bool
	data     []byte
}

// obj returns object n, or nil if there is none.
func (d *doc) obj(n int) *object {
	if n < 1 || n > len(d.objs) {
		return nil
	}
	return d.objs[n-1]
}

// add adds o as a new object and returns its number.
func (d *doc) add(o object) int {
	d.objs = append(d.objs, &o)
	return len(d.objs)
}

// pages returns the numbers of the page objects, in the order of the
// objects, which is that of the pages: fpdf writes a page dictionary as
// "<</Type /Page", a line to itself.
func (d *doc) pages() []int {
	var ns []int
	for i, o := range d.objs {
		if bytes.HasPrefix(o.value, []byte("<</Type /Page\n")) {
			ns = append(ns, i+1)
		}
	}
	return ns
}

// ErrOutput is the error of a PDF that render cannot finish, because fpdf
// wrote it in a way the output passes do not know. It is a fault in
// render, and no file is written.
var ErrOutput = errors.New("render: cannot finish the PDF")

// output runs the passes over the PDF fpdf wrote and returns the PDF.
func output(fpdfOut []byte, j *job) ([]byte, error) {
	d, err := parse(fpdfOut)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	for _, p := range passes {
		if err := p.run(d, j); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrOutput, p.name, err)
		}
	}
	return d.write(), nil
}

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

// write returns the PDF: the header, the objects in order, the
// cross-reference table and the trailer.
func (d *doc) write() []byte {
	size := 64 + 40*len(d.objs)
	for _, o := range d.objs {
		size += len(o.value) + len(o.data) + 64
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	// The comment of bytes above 127 marks the file as binary (7.5.2).
	b.WriteString("%PDF-" + pdfVersion + "\n%\xe2\xe3\xcf\xd3\n")
	body := b.Len()
	offsets := make([]int, len(d.objs))
	var num []byte
	for i, o := range d.objs {
		offsets[i] = b.Len()
		num = strconv.AppendInt(num[:0], int64(i+1), 10)
		b.Write(num)
		b.WriteString(" 0 obj\n")
		if o.isStream {
			b.Write(o.value[:len(o.value)-2])
			if len(o.value) > 4 {
				b.WriteByte(' ')
			}
			b.WriteString("/Length ")
			b.Write(strconv.AppendInt(num[:0], int64(len(o.data)), 10))
			b.WriteString(">>\nstream\n")
			b.Write(o.data)
			b.WriteString("\nendstream")
		} else {
			b.Write(o.value)
		}
		b.WriteString("\nendobj\n")
	}
	// The file identifier (14.4): the first half of the SHA-256 of the
	// objects, the same for the same bytes, as reproducible builds want.
	sum := sha256.Sum256(b.Bytes()[body:])
	id := hex.EncodeToString(sum[:16])

	xref := b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(d.objs)+1, d.root, d.info, id, id, xref)
	return b.Bytes()
}

// addEntries returns the dictionary dict with entries, such as
// "/Tabs /S", added at its end, or an error if dict is not a dictionary.
func addEntries(dict []byte, entries string) ([]byte, error) {
	if !bytes.HasPrefix(dict, []byte("<<")) || !bytes.HasSuffix(dict, []byte(">>")) {
		return nil, fmt.Errorf("not a dictionary: %.40q", dict)
	}
	out := make([]byte, 0, len(dict)+len(entries)+1)
	out = append(out, dict[:len(dict)-2]...)
	if len(dict) > 4 {
		out = append(out, '\n')
	}
	out = append(out, entries...)
	return append(out, ">>"...), nil
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
