package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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
//     for each font used, its subset, named with a tag and the PostScript
//     name (9.6.4), the widths, CIDToGIDMap, ToUnicode CMap and font
//     descriptor, added as new objects and listed in the resource
//     dictionary. fpdf does not see these fonts: it would parse and hash
//     each face for every document (see docs/fpdf-font-id.md).
//  4. tags (addTags): the structure tree of a tagged PDF (14.8; ISO
//     14289-1, PDF/UA-1), from what the painter marked (see tags.go): an
//     object for each element, the ParentTree, each page's
//     /StructParents and /Tabs /S, each link annotation's /StructParent
//     and /Contents and its OBJR in its Link element, the catalog's
//     /StructTreeRoot and /MarkInfo. After annots, whose objects it
//     refers to.
//  5. dates (zoneDates): the Info dictionary's dates, which fpdf writes
//     without a time zone, get theirs: UTC (7.9.4).
//  6. metadata (addMetadata): the XMP metadata, with the title and, when
//     the PDF conforms, the PDF/UA identification, and the catalog's
//     /ViewerPreferences <</DisplayDocTitle true>>.
//  7. compress (compressStreams): every stream fpdf or a pass left
//     uncompressed, such as the pages' contents (fpdf is told not to
//     compress) and the fonts, is compressed with Flate, by compressors
//     that are reused from document to document.
//
// write then writes the header with the version the file is written to,
// PDF 1.7 (ISO 32000-1), the objects in the order of their numbers, the
// cross-reference table and the trailer, with an /ID derived from the
// bytes of the objects, so that the same input gives the same file.
//
// To add a pass, write a func(*doc, *job) error, give it what it needs to
// know in job, and put it in passes: after the passes whose objects it
// refers to (the structure tree refers to the link annotations' objects,
// so it comes after annots) and before compress if it adds streams to be
// compressed (a stream it wants left as it is, such as XMP metadata, it
// marks with /Type /Metadata, which compress leaves alone). A pass finds the catalog
// at doc.root, the Info dictionary at doc.info and the pages with
// doc.pages; it adds objects with doc.add and entries to a dictionary
// with addEntries, and write numbers and lists them all once.
var passes = []struct {
	name string
	run  func(*doc, *job) error
}{
	{"boxes", orderBoxes},
	{"annots", indirectAnnots},
	{"fonts", addFonts},
	{"tags", addTags},
	{"dates", zoneDates},
	{"metadata", addMetadata},
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
	subsets []*subset // the fonts the text uses, each with its runes
	tags    *tagging  // the structure tree, and what was marked
	meta    metadata  // for the XMP metadata
}

// A doc is a PDF taken apart into its objects, for the passes to change.
type doc struct {
	objs []*object // objs[n-1] is object n
	root int       // the catalog's object number
	info int       // the Info dictionary's object number
	// annots holds, for each page object that has link annotations, the
	// objects the annots pass made of them, in the order of its /Annots.
	annots map[int][]int
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
	out, err := d.write()
	if err != nil {
		return nil, fmt.Errorf("%w: write: %w", ErrOutput, err)
	}
	return out, nil
}

// write returns the PDF: the header, the objects in order, the
// cross-reference table and the trailer. It fails on a stream whose
// dictionary is not one, or a root or Info that is not an object.
func (d *doc) write() ([]byte, error) {
	if d.obj(d.root) == nil || d.obj(d.info) == nil {
		return nil, fmt.Errorf("no object %d or %d for /Root and /Info", d.root, d.info)
	}
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
			if !bytes.HasPrefix(o.value, []byte("<<")) || !bytes.HasSuffix(o.value, []byte(">>")) {
				return nil, fmt.Errorf("object %d: a stream whose dictionary is %.40q", i+1, o.value)
			}
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
	return b.Bytes(), nil
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
