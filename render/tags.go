package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"

	"handout/layout"
)

// A tagged PDF (ISO 32000-1:2008, 14.8; ISO 14289-1, PDF/UA-1) says what
// its content is: a structure tree of elements, such as headings,
// paragraphs, lists and tables, in reading order, whose content is the
// marked content of the pages, each sequence with an MCID, and the link
// annotations; what is drawn but is not content is marked as an artifact.
// The layout says it all (layout.Tag, layout.Node): the painter marks each
// run of items of one element, or one kind of artifact, as it draws it
// (mark), and records the element of each MCID and of each link
// annotation in a tagging; the tags pass (addTags) writes the tree from it.

// A tagging is what the painter records of the tags of what it draws.
type tagging struct {
	tree *layout.Node
	// mcids holds, for each page, the element of each of its MCIDs.
	mcids [][]*layout.Node
	// annots holds, for each page, its link annotations in the order
	// they are drawn, which is that of the page's /Annots.
	annots [][]annotTag
	// own holds the marked content of each element, in the order it is
	// drawn.
	own map[*layout.Node][]mcr
	seq int // sequences marked so far, for mcr.seq
}

// An mcr is one marked-content sequence of an element: its page, its
// MCID, and where it is in reading order, the document's page that it
// shows (see layout.Tag.Page) and the order it is drawn in.
type mcr struct {
	page, mcid int
	read, seq  int
}

// before reports whether m comes before o in reading order.
func (m mcr) before(o mcr) bool {
	return m.read < o.read || m.read == o.read && m.seq < o.seq
}

// An annotTag is a link annotation: its Link element and what it says.
type annotTag struct {
	node     *layout.Node
	contents string
}

// newTagging returns a tagging of the pages of a document with the tree.
func newTagging(tree *layout.Node, pages int) *tagging {
	return &tagging{
		tree:   tree,
		mcids:  make([][]*layout.Node, pages),
		annots: make([][]annotTag, pages),
		own:    map[*layout.Node][]mcr{},
	}
}

// mark makes tag the tag of what the painter draws next on the current
// page: it ends the marked content that is open, unless its tag is t, and
// begins the sequence of t, with the next MCID of the page for content.
func (p *painter) mark(t layout.Tag) {
	if p.marked && p.tag == t {
		return
	}
	p.endMark()
	b := p.buf[:0]
	if t.Node == nil {
		b = append(b, "/Artifact "...)
		b = append(b, artifactProps[t.Artifact]...)
	} else {
		tg := p.tags
		id := len(tg.mcids[p.page])
		tg.mcids[p.page] = append(tg.mcids[p.page], t.Node)
		read := p.page
		if t.Page > 0 {
			read = t.Page - 1
		}
		tg.own[t.Node] = append(tg.own[t.Node], mcr{page: p.page, mcid: id, read: read, seq: tg.seq})
		tg.seq++
		b = append(b, '/')
		b = append(b, t.Node.Role...)
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(id), 10)
		b = append(b, ">>"...)
	}
	b = append(b, " BDC"...)
	p.pdf.RawWriteStr(string(b))
	p.buf = b
	p.tag, p.marked = t, true
}

// endMark ends the marked content that is open, if any: at the end of a
// page, or before what has another tag.
func (p *painter) endMark() {
	if p.marked {
		p.pdf.RawWriteStr("EMC")
		p.marked = false
	}
}

// artifactProps are the property lists of the kinds of artifact (ISO
// 32000-1:2008, 14.8.2.2.2).
var artifactProps = map[layout.Artifact]string{
	layout.ArtifactLayout:     "<</Type /Layout>>",
	layout.ArtifactHeader:     "<</Type /Pagination /Subtype /Header>>",
	layout.ArtifactFooter:     "<</Type /Pagination /Subtype /Footer>>",
	layout.ArtifactPagination: "<</Type /Pagination>>",
	layout.ArtifactPage:       "<</Type /Page>>",
}

// checkTag checks the tag of an item: it is content or an artifact of a
// known kind, and a link annotation is content of a Link element.
func checkTag(it layout.Item) error {
	t := it.Tagged()
	switch {
	case t.IsZero():
		return errors.New("not tagged: neither content nor an artifact")
	case t.Node == nil && artifactProps[t.Artifact] == "":
		return fmt.Errorf("an artifact of unknown kind %d", t.Artifact)
	case t.Node != nil && !slices.Contains(layout.Roles, t.Node.Role):
		return fmt.Errorf("content of an element of unknown role %q", t.Node.Role)
	}
	if _, ok := it.(layout.Link); ok && (t.Node == nil || t.Node.Role != layout.RoleLink) {
		return errors.New("a link annotation outside a Link element")
	}
	return nil
}

// conforms reports whether the tree has what PDF/UA needs of it that the
// layout may leave out: alternative text for every Figure. A picture
// without alt, which the content file was warned of, leaves its Figure
// without, and the PDF then does not claim PDF/UA (see addMetadata).
func conforms(n *layout.Node) bool {
	if n.Role == layout.RoleFigure && n.Alt == "" {
		return false
	}
	for _, k := range n.Kids {
		if !conforms(k) {
			return false
		}
	}
	return true
}

// addTags is the output pass that writes the structure tree of j.tags:
// an object for each element, in the order of the tree, its /K the kids
// and marked content in reading order (see kids), a link's annotations as
// its OBJRs; the ParentTree, which gives each page's MCIDs and each
// annotation its element; /StructParents and, with annotations, /Tabs /S
// on each page; /StructParent and /Contents on each annotation; and the
// catalog's /StructTreeRoot and /MarkInfo <</Marked true>>.
func addTags(d *doc, j *job) error {
	tg := j.tags
	if tg == nil || tg.tree == nil || tg.tree.Role != layout.RoleDocument {
		return errors.New("no structure tree, or one whose root is not a Document")
	}
	pages := d.pages()
	if len(pages) != j.pages || len(tg.mcids) != j.pages {
		return fmt.Errorf("found %d page dictionaries and %d pages tagged, want %d", len(pages), len(tg.mcids), j.pages)
	}
	w := &treeWriter{d: d, tg: tg, pages: pages, nums: map[*layout.Node]int{}, objrs: map[*layout.Node][]string{}}
	root := d.add(object{})
	if err := w.number(tg.tree, 0); err != nil {
		return err
	}
	var parents []byte // the ParentTree's /Nums
	for i, page := range pages {
		parents = fmt.Appendf(parents, "%d [", i)
		for k, n := range tg.mcids[i] {
			if k > 0 {
				parents = append(parents, ' ')
			}
			num, ok := w.nums[n]
			if !ok {
				return fmt.Errorf("page %d: MCID %d is content of a %s element that is not in the tree", i+1, k, n.Role)
			}
			parents = fmt.Appendf(parents, "%d 0 R", num)
		}
		parents = append(parents, "]\n"...)
		entries := "/StructParents " + strconv.Itoa(i)
		refs := d.annots[page]
		if len(refs) != len(tg.annots[i]) {
			return fmt.Errorf("page %d has %d annotations, and %d were drawn", i+1, len(refs), len(tg.annots[i]))
		}
		if len(refs) > 0 {
			entries += "\n/Tabs /S"
		}
		if err := w.addTo(page, entries); err != nil {
			return err
		}
		for k, ref := range refs {
			a := tg.annots[i][k]
			num, ok := w.nums[a.node]
			if !ok || a.node.Role != layout.RoleLink {
				return fmt.Errorf("page %d: annotation %d is not in a Link element of the tree", i+1, k+1)
			}
			key := j.pages + w.annots
			w.annots++
			if err := w.addTo(ref, "/StructParent "+strconv.Itoa(key)+"\n/Contents "+string(textString(a.contents))); err != nil {
				return err
			}
			w.objrs[a.node] = append(w.objrs[a.node], fmt.Sprintf("<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", ref, page))
			parents = fmt.Appendf(parents, "%d %d 0 R\n", key, num)
		}
	}
	if err := w.write(tg.tree, root); err != nil {
		return err
	}
	tree := d.add(object{value: fmt.Appendf(nil, "<</Nums [\n%s]>>", parents)})
	d.obj(root).value = fmt.Appendf(nil, "<</Type /StructTreeRoot\n/K [%d 0 R]\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>",
		w.nums[tg.tree], tree, j.pages+w.annots)
	cat := d.obj(d.root)
	for _, key := range []string{"/StructTreeRoot", "/MarkInfo"} {
		if bytes.Contains(cat.value, []byte(key)) {
			return fmt.Errorf("the catalog has a %s already", key)
		}
	}
	return w.addTo(d.root, fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R", root))
}

// A treeWriter writes a structure tree as objects of d.
type treeWriter struct {
	d      *doc
	tg     *tagging
	pages  []int                     // the page objects' numbers
	nums   map[*layout.Node]int      // each element's object
	objrs  map[*layout.Node][]string // each Link element's OBJRs
	annots int                       // annotations numbered so far
}

// number gives n and its descendants objects, in the order of the tree,
// and checks that each is there once, of a known role; depth is n's.
func (w *treeWriter) number(n *layout.Node, depth int) error {
	if _, seen := w.nums[n]; seen {
		return fmt.Errorf("a %s element is twice in the tree", n.Role)
	}
	if !slices.Contains(layout.Roles, n.Role) {
		return fmt.Errorf("an element of unknown role %q", n.Role)
	}
	if depth > maxTreeDepth {
		return fmt.Errorf("the tree is deeper than %d elements", maxTreeDepth)
	}
	w.nums[n] = w.d.add(object{})
	for _, k := range n.Kids {
		if err := w.number(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// maxTreeDepth bounds the depth of a structure tree: handout's are a
// dozen deep at most.
const maxTreeDepth = 100

// write writes the element n, whose parent is the object parent, and its
// descendants.
func (w *treeWriter) write(n *layout.Node, parent int) error {
	num := w.nums[n]
	own := w.tg.own[n]
	slices.SortStableFunc(own, func(a, b mcr) int {
		return cmp.Or(cmp.Compare(a.read, b.read), cmp.Compare(a.seq, b.seq))
	})
	b := fmt.Appendf(nil, "<</Type /StructElem\n/S /%s\n/P %d 0 R", n.Role, parent)
	pg := -1
	if len(own) > 0 {
		pg = own[0].page
		b = fmt.Appendf(b, "\n/Pg %d 0 R", w.pages[pg])
	}
	if k := w.kids(n, own, pg); len(k) > 0 {
		b = append(b, "\n/K ["...)
		b = append(b, k...)
		b = append(b, ']')
	}
	if n.Alt != "" {
		b = append(b, "\n/Alt "...)
		b = append(b, textString(n.Alt)...)
	}
	if n.ActualText != "" {
		b = append(b, "\n/ActualText "...)
		b = append(b, textString(n.ActualText)...)
	}
	if n.Scope != layout.NoScope {
		b = fmt.Appendf(b, "\n/A <</O /Table /Scope /%s>>", n.Scope)
	}
	w.d.obj(num).value = append(b, ">>"...)
	for _, k := range n.Kids {
		if err := w.write(k, num); err != nil {
			return err
		}
	}
	return nil
}

// kids returns the /K entries of the element n, whose marked content is
// own, in reading order, and whose /Pg is page pg: its kids, in the order
// of the tree, with its marked content among them, each sequence before
// the first kid whose content comes after it, such as the text of a
// paragraph before and after a link inside it; then a link's OBJRs.
func (w *treeWriter) kids(n *layout.Node, own []mcr, pg int) []byte {
	var b []byte
	sep := func() {
		if len(b) > 0 {
			b = append(b, ' ')
		}
	}
	ownMCR := func(m mcr) {
		sep()
		if m.page == pg {
			b = strconv.AppendInt(b, int64(m.mcid), 10)
			return
		}
		b = fmt.Appendf(b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", w.pages[m.page], m.mcid)
	}
	i := 0
	for _, k := range n.Kids {
		if first, ok := w.first(k); ok {
			for ; i < len(own) && own[i].before(first); i++ {
				ownMCR(own[i])
			}
		}
		sep()
		b = fmt.Appendf(b, "%d 0 R", w.nums[k])
	}
	for ; i < len(own); i++ {
		ownMCR(own[i])
	}
	for _, o := range w.objrs[n] {
		sep()
		b = append(b, o...)
	}
	return b
}

// first returns the first marked content of n and its descendants in
// reading order, if they have any.
func (w *treeWriter) first(n *layout.Node) (mcr, bool) {
	var best mcr
	found := false
	for _, m := range w.tg.own[n] {
		if !found || m.before(best) {
			best, found = m, true
		}
	}
	for _, k := range n.Kids {
		if m, ok := w.first(k); ok && (!found || m.before(best)) {
			best, found = m, true
		}
	}
	return best, found
}

// addTo adds entries to the dictionary of object n.
func (w *treeWriter) addTo(n int, entries string) error {
	o := w.d.obj(n)
	if o == nil {
		return fmt.Errorf("no object %d", n)
	}
	v, err := addEntries(o.value, entries)
	if err != nil {
		return fmt.Errorf("object %d: %w", n, err)
	}
	o.value = v
	return nil
}

// textString returns s as a PDF text string (ISO 32000-1:2008, 7.9.2.2):
// UTF-16BE with a byte order mark, written in hexadecimal, which needs no
// escapes.
func textString(s string) []byte {
	const hex = "0123456789ABCDEF"
	b := append(make([]byte, 0, 6+4*len(s)), "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return append(b, '>')
}
