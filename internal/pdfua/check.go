package pdfua

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxDepth bounds the nesting the checker follows: structure elements,
// number-tree nodes and form XObjects drawn inside each other.
const maxDepth = 64

// maxFormWalks bounds the form XObjects read, counting each time one is
// drawn, so that forms that draw others many times cost little.
const maxFormWalks = 10000

// noConfigDir stops pdfcpu from writing a configuration folder in the
// user's home, once per process.
var noConfigDir sync.Once

// Check checks pdf against the rules of PDF/UA-1 that a program can check
// (see the package documentation and Rules) and returns what breaks them,
// grouped by page, the document's own faults first. It returns an error
// only when pdfcpu cannot read the file at all. It is safe for concurrent
// use.
func Check(pdf []byte) ([]Violation, error) {
	x, err := read(pdf)
	if err != nil {
		return nil, err
	}
	c := &checker{
		x:         x,
		pageByObj: map[int]*page{},
		forms:     map[int]*form{},
		fonts:     map[string]*fontInfo{},
		elemByObj: map[int]*elem{},
		typesSeen: map[string]bool{},
	}
	if err := c.run(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(c.vs, func(a, b Violation) int { return a.Page - b.Page })
	return c.vs, nil
}

// read reads pdf with pdfcpu.
func read(pdf []byte) (x *model.XRefTable, err error) {
	defer recoverInto(&err, "reading the PDF")
	noConfigDir.Do(api.DisableConfigDir)
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		return nil, fmt.Errorf("pdfua: reading the PDF: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("pdfua: counting the pages: %w", err)
	}
	if _, err := ctx.Catalog(); err != nil {
		return nil, fmt.Errorf("pdfua: the catalog: %w", err)
	}
	return ctx.XRefTable, nil
}

// A checker holds what one Check has read of a PDF, and its findings.
type checker struct {
	x  *model.XRefTable
	vs []Violation

	catalog    types.Dict
	pages      []*page
	pageByObj  map[int]*page        // by the page object's number
	forms      map[int]*form        // form XObjects drawn, by object number
	fonts      map[string]*fontInfo // by object ("12 0 R") or by name and place, if direct
	annotIndex map[int]*annot       // annotations by object number, made when first needed

	tree      *tree
	pt        map[int]types.Object // the ParentTree; nil if there is none
	elems     []*elem              // every structure element, in document order
	elemByObj map[int]*elem        // by object number
	typesSeen map[string]bool      // types whose role-map fault is reported
	formWalks int                  // form XObjects read so far
}

// A page is one page of the document.
type page struct {
	num    int // from 1
	ref    types.IndirectRef
	d      types.Dict
	res    types.Dict // its resources, inherited or its own
	crop   *types.Rectangle
	stream stream // its content
	annots []*annot
}

// A form is a form XObject drawn on a page.
type form struct {
	ref    types.IndirectRef
	d      types.Dict
	stream stream
	uses   int  // times drawn
	walked bool // its content has been read for its marked content
	inTag  bool // drawn inside tagged content at least once
}

// A stream is one content stream with marked content: a page's contents or
// a form XObject's.
type stream struct {
	what  string      // for messages: "page content" or "form XObject 12 0 R"
	page  *page       // the page it is drawn on (the first, for a form)
	key   *int        // its /StructParents: its key in the ParentTree
	mcids map[int]int // its MCIDs, each with the offset of its BDC
}

// run makes every check in turn.
func (c *checker) run() error {
	cat, err := c.x.Catalog()
	if err != nil {
		return fmt.Errorf("pdfua: the catalog: %w", err)
	}
	c.catalog = cat
	c.checkDocument()
	if err := c.readPages(); err != nil {
		return err
	}
	c.readTree()
	c.checkElements()
	c.checkParentTree()
	c.checkAnnots()
	c.checkForms()
	c.checkShownCodes()
	return nil
}

// readPages reads each page, its content and its annotations.
func (c *checker) readPages() error {
	for n := 1; n <= c.x.PageCount; n++ {
		d, ref, inh, content, err := c.readPage(n)
		if err != nil {
			return err
		}
		p := &page{num: n, ref: *ref, d: d, res: c.dict(d["Resources"])}
		if p.res == nil {
			p.res = inh.Resources
		}
		p.crop = inh.CropBox
		if p.crop == nil {
			p.crop = inh.MediaBox
		}
		p.stream = stream{what: "page content", page: p, key: c.intEntry(d, "StructParents"), mcids: map[int]int{}}
		c.pages = append(c.pages, p)
		c.pageByObj[ref.ObjectNumber.Value()] = p
		c.walk(&p.stream, p.res, string(content), nil, nil)
		p.annots = c.readAnnots(p)
	}
	return nil
}

// readPage returns page n's dictionary, reference, inherited attributes
// and decoded content.
func (c *checker) readPage(n int) (d types.Dict, ref *types.IndirectRef, inh *model.InheritedPageAttrs, content []byte, err error) {
	defer recoverInto(&err, fmt.Sprintf("page %d", n))
	d, ref, inh, err = c.x.PageDict(n, false)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("pdfua: page %d: %w", n, err)
	}
	content, err = c.x.PageContent(d, n)
	if err != nil && err != model.ErrNoContent {
		return nil, nil, nil, nil, fmt.Errorf("pdfua: page %d: decoding the content: %w", n, err)
	}
	return d, ref, inh, content, nil
}

// recoverInto turns a panic of pdfcpu's, which some broken files cause,
// into an error in *err. It is deferred around the calls into pdfcpu that
// read a file's structure, so that the checker's own faults still panic.
func recoverInto(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("pdfua: %s: pdfcpu failed: %v", what, r)
	}
}

// decode decodes a stream's data into sd.Content.
func decode(sd *types.StreamDict) (err error) {
	defer recoverInto(&err, "decoding a stream")
	return sd.Decode()
}

// report records a violation of r, of its Matterhorn failure condition
// when it has one alone.
func (c *checker) report(r *Rule, page int, object, format string, args ...any) {
	cond := r.Matterhorn
	if strings.Contains(cond, ",") {
		cond = ""
	}
	c.reportAs(r, cond, page, object, format, args...)
}

// reportAs records a violation of r that is the Matterhorn failure
// condition cond.
func (c *checker) reportAs(r *Rule, cond string, page int, object, format string, args ...any) {
	c.vs = append(c.vs, Violation{Rule: *r, Matterhorn: cond, Page: page, Object: object, Message: fmt.Sprintf(format, args...)})
}

// deref returns the object o refers to, or o itself if it is direct; nil
// if it cannot be read.
func (c *checker) deref(o types.Object) (obj types.Object) {
	defer func() {
		if recover() != nil {
			obj = nil // pdfcpu failed on a broken object
		}
	}()
	d, err := c.x.Dereference(o)
	if err != nil {
		return nil
	}
	return d
}

// dict returns the dictionary o is or refers to (a stream's dictionary
// too), or nil.
func (c *checker) dict(o types.Object) types.Dict {
	switch v := c.deref(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

// array returns the array o is or refers to, or nil.
func (c *checker) array(o types.Object) types.Array {
	a, _ := c.deref(o).(types.Array)
	return a
}

// name returns the name d[key] is or refers to, or "".
func (c *checker) name(d types.Dict, key string) string {
	n, _ := c.deref(d[key]).(types.Name)
	return string(n)
}

// intEntry returns the integer d[key] is or refers to, or nil.
func (c *checker) intEntry(d types.Dict, key string) *int {
	if n, ok := c.deref(d[key]).(types.Integer); ok {
		v := int(n)
		return &v
	}
	return nil
}

// text returns the text string d[key] is or refers to, and whether there
// is one.
func (c *checker) text(d types.Dict, key string) (string, bool) {
	o := c.deref(d[key])
	if o == nil {
		return "", false
	}
	s, err := model.Text(o)
	return s, err == nil
}

// refName returns "12 0 R" for the object o refers to, or "" if o is
// direct.
func refName(o types.Object) string {
	if r, ok := o.(types.IndirectRef); ok {
		return fmt.Sprintf("%d %d R", r.ObjectNumber, r.GenerationNumber)
	}
	return ""
}

// objNum returns the number of the object o refers to, or -1 if o is not
// a reference.
func objNum(o types.Object) int {
	if r, ok := o.(types.IndirectRef); ok {
		return r.ObjectNumber.Value()
	}
	return -1
}
