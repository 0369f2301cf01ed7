package render

import (
	"bytes"
	"errors"
	"fmt"
)

// indirectAnnots is the output pass that moves the link annotations of
// the pages, which fpdf writes as dictionaries inside each page's /Annots
// array, into objects of their own, as PDF 32000-1:2008, table 30,
// requires ("an array of annotation dictionaries that shall contain
// indirect references to all annotations"). A page's annotations are
// numbered in order, after every object there is, and listed in
// d.annots.
func indirectAnnots(d *doc, _ *job) error {
	const annotsKey = "\n/Annots ["
	d.annots = map[int][]int{}
	for _, n := range d.pages() {
		page := d.obj(n)
		i := bytes.Index(page.value, []byte(annotsKey))
		if i < 0 {
			continue
		}
		start := i + len(annotsKey)
		annots, end, err := splitDicts(page.value[start:])
		if err != nil {
			return fmt.Errorf("page object %d: %v", n, err)
		}
		var refs []byte
		for k, a := range annots {
			if k > 0 {
				refs = append(refs, ' ')
			}
			ref := d.add(object{value: a})
			refs = fmt.Appendf(refs, "%d 0 R", ref)
			d.annots[n] = append(d.annots[n], ref)
		}
		v := make([]byte, 0, len(page.value))
		v = append(v, page.value[:start]...)
		v = append(v, refs...)
		page.value = append(v, page.value[start+end:]...)
	}
	return nil
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
