// Package render draws laid-out pages as a PDF. It makes no layout
// decisions: every item is drawn where, and as, the layout placed it.
//
// It is the only package that uses the PDF writer (codeberg.org/go-pdf/fpdf).
// fpdf draws the pages; render writes the text operators and the fonts
// itself (fonts.go), and finishes fpdf's output in one place, in passes of
// a written order (output.go). Its output is deterministic: the same
// layout.Result and Options always give the same bytes.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"handout/document"
	"handout/fonts"
	"handout/layout"
)

// Options are the choices that are not layout: metadata a PDF carries.
type Options struct {
	// Time is the creation and modification date, written in UTC. The
	// caller derives it from SOURCE_DATE_EPOCH or the current time; the
	// zero Time means the current time.
	Time time.Time
	// Creator names the program, e.g. "handout v0.1.0". It is written as
	// both the Creator and the Producer of the document.
	Creator string
	// Prepared, when not nil, holds images made ready for the PDF writer
	// once for every PDF of the document (see Prepared).
	Prepared *Prepared
}

// PDF draws the pages of r and returns the PDF bytes. It returns an error,
// and no bytes, if r holds something the PDF writer cannot draw, such as
// text that is not valid UTF-8 or has runes beyond U+FFFF, or a bookmark to
// a page that does not exist.
func PDF(r *layout.Result, opt Options) ([]byte, error) {
	if r == nil {
		return nil, errors.New("render: nil result")
	}
	subsets, err := check(r, opt)
	if err != nil {
		return nil, err
	}
	if opt.Time.IsZero() {
		opt.Time = time.Now()
	}
	j := &job{
		pages: len(r.Pages), boxes: hasBoxes(r), subsets: subsets, tags: newTagging(r.Tree, len(r.Pages)),
		meta: metadata{title: r.Title, author: r.Author, creator: opt.Creator, lang: r.Language, time: opt.Time.UTC(), pdfua: conforms(r.Tree)},
	}
	raw, err := draw(r, opt, j)
	if err != nil {
		return nil, err
	}
	return output(raw, j)
}

// draw draws r, which check has checked, with fpdf, its text in the fonts
// of j.subsets, the pages' boxes when j.boxes, and returns what fpdf
// writes, for the output passes to finish; it records in j.tags what it
// marks.
func draw(r *layout.Result, opt Options, j *job) (_ []byte, err error) {
	// check rules out every input known to make fpdf panic; this is a last
	// line of defence for the rest.
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("render: fpdf panicked: %v", v)
		}
	}()
	pdf := newWriter(r, opt)
	names, err := images(pdf, r, opt.Prepared)
	if err != nil {
		return nil, err
	}
	p := newPainter(pdf, j.subsets, j.tags)
	p.images = names
	for i, page := range r.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.Width, Ht: page.Height})
		p.newPage(i, page.Height)
		if j.boxes {
			pageBoxes(pdf, page)
		}
		for _, it := range page.Items {
			p.item(it)
		}
		p.endPage()
	}
	// fpdf computes every bookmark's destination from the height of the
	// last page; shift y to compensate on pages of another height.
	last := r.Pages[len(r.Pages)-1].Height
	for _, bm := range r.Outline {
		pdf.SetPage(bm.Page + 1)
		y := bm.Y + last - r.Pages[bm.Page].Height
		if y == -1 {
			y = math.Nextafter(y, 0) // -1 means "the current position" to fpdf
		}
		p.bookmark(bm.Title, y)
	}
	pdf.SetPage(len(r.Pages))

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return buf.Bytes(), nil
}

// newWriter returns an fpdf for r's pages, measured in points, with the
// document's metadata. It writes streams uncompressed: the compress pass
// compresses them.
func newWriter(r *layout.Result, opt Options) *fpdf.Fpdf {
	first := r.Pages[0]
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: first.Width, Ht: first.Height},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Time.UTC())
	pdf.SetModificationDate(opt.Time.UTC())
	pdf.SetProducer("", false) // not "FPDF x.y"
	if opt.Creator != "" {
		pdf.SetCreator(opt.Creator, true)
		pdf.SetProducer(opt.Creator, true)
	}
	if r.Title != "" {
		pdf.SetTitle(r.Title, true)
	}
	if r.Author != "" {
		pdf.SetAuthor(r.Author, true)
	}
	pdf.SetLang(r.Language)
	return pdf
}

// check makes sure that fpdf can draw r as it is: valid numbers, pages and
// bookmarks, and strings that fpdf can encode (it panics on invalid UTF-8
// and on runes beyond the Basic Multilingual Plane); and that it can be
// tagged: a title, a language, a structure tree and every item tagged. It
// returns the fonts that text uses, each with the runes drawn in it, in
// the order of subsets.
func check(r *layout.Result, opt Options) ([]*subset, error) {
	if len(r.Pages) == 0 {
		return nil, errors.New("render: no pages")
	}
	for _, s := range []string{r.Title, r.Author, opt.Creator} {
		if err := checkString(s); err != nil {
			return nil, fmt.Errorf("render: metadata: %w", err)
		}
	}
	switch {
	case r.Title == "":
		return nil, errors.New("render: no title, which a tagged PDF shows in place of its file name")
	case r.Language == "":
		return nil, errors.New("render: no language, which a tagged PDF says its text is in")
	case r.Tree == nil:
		return nil, errors.New("render: no structure tree")
	}
	for _, c := range r.Language {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return nil, fmt.Errorf("render: language %q is not a language tag", r.Language)
		}
	}
	for i, bm := range r.Outline {
		if bm.Page < 0 || bm.Page >= len(r.Pages) || !finite(bm.Y) {
			return nil, fmt.Errorf("render: bookmark %d %q: no page %d or bad y %v", i, bm.Title, bm.Page, bm.Y)
		}
		if err := checkString(bm.Title); err != nil {
			return nil, fmt.Errorf("render: bookmark %d: %w", i, err)
		}
	}
	used := map[*fonts.Font]*subset{}
	for i, page := range r.Pages {
		if !finite(page.Width, page.Height) || page.Width <= 0 || page.Height <= 0 {
			return nil, fmt.Errorf("render: page %d: bad size %vx%v", i+1, page.Width, page.Height)
		}
		if err := checkBoxes(page); err != nil {
			return nil, fmt.Errorf("render: page %d: %w", i+1, err)
		}
		for j, it := range page.Items {
			if err := checkImage(it, r.Images); err != nil {
				return nil, fmt.Errorf("render: page %d item %d: %w", i+1, j, err)
			}
			if err := checkItem(it, used); err != nil {
				return nil, fmt.Errorf("render: page %d item %d: %w", i+1, j, err)
			}
			if err := checkTag(it); err != nil {
				return nil, fmt.Errorf("render: page %d item %d: %w", i+1, j, err)
			}
		}
	}
	return subsets(used), nil
}

// checkItem checks one item and records the face and text of a Text, or of
// a Gap, in used.
func checkItem(it layout.Item, used map[*fonts.Font]*subset) error {
	switch v := it.(type) {
	case layout.Text:
		return checkText(v, used)
	case layout.Gap:
		if !finite(v.X, v.Y, v.W, v.LineY, v.LineWidth, v.Size, v.TextWidth) || v.Text != "" && (v.Size <= 0 || v.TextWidth <= 0 || v.W <= 0) {
			return errors.New("gap: bad coordinates or size")
		}
		if v.Text != "" {
			return checkText(layout.Text{X: v.X, Y: v.Y, Font: v.Font, Size: v.Size, Text: v.Text}, used)
		}
	case layout.Rule:
		if !finite(v.X0, v.Y0, v.X1, v.Y1, v.Width) || !finite(v.Dash...) {
			return errors.New("rule: bad coordinates")
		}
	case layout.Box:
		if !finite(v.X, v.Y, v.W, v.H, v.LineWidth) {
			return errors.New("box: bad coordinates")
		}
	case layout.Image:
		// checked by checkImage
	case layout.Link:
		if !finite(v.X, v.Y, v.W, v.H) {
			return errors.New("link: bad coordinates")
		}
		if v.URL == "" || strings.ContainsFunc(v.URL, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return fmt.Errorf("link: bad URL %q", v.URL)
		}
		if v.Contents == "" {
			return fmt.Errorf("link to %q: no Contents, which says what it is to a reader", v.URL)
		}
		return checkString(v.URL)
	default:
		return fmt.Errorf("unknown item type %T", it)
	}
	return nil
}

// checkText checks a Text and records its font and text in used.
func checkText(v layout.Text, used map[*fonts.Font]*subset) error {
	if !finite(v.X, v.Y, v.Size) || v.Size <= 0 {
		return fmt.Errorf("text %q: bad position or size", v.Text)
	}
	if v.Font == nil {
		return fmt.Errorf("text %q: no font", v.Text)
	}
	if err := checkString(v.Text); err != nil {
		return err
	}
	if v.Text == "" {
		return nil // not drawn
	}
	s := used[v.Font]
	if s == nil {
		s = &subset{font: v.Font, first: len(used)}
		used[v.Font] = s
	}
	s.add(v.Text)
	if v.Space {
		s.add(" ")
	}
	return nil
}

// checkImage checks it when it is an Image: its rectangle, and that files
// holds its file, a JPEG or PNG.
func checkImage(it layout.Item, files map[string]*document.ImageFile) error {
	im, ok := it.(layout.Image)
	if !ok {
		return nil
	}
	if !finite(im.X, im.Y, im.W, im.H) || im.W <= 0 || im.H <= 0 {
		return fmt.Errorf("image %q: bad position or size", im.Ref)
	}
	f := files[im.Ref]
	switch {
	case f == nil:
		return fmt.Errorf("image %q: no such image file in the result", im.Ref)
	case f.Format != "jpeg" && f.Format != "png":
		return fmt.Errorf("image %q: format %q is not jpeg or png", im.Ref, f.Format)
	case len(f.Data) == 0:
		return fmt.Errorf("image %q: no data", im.Ref)
	}
	return nil
}

// checkString reports whether fpdf can encode s as UTF-16 without panicking
// or garbling it.
func checkString(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%q is not valid UTF-8", s)
	}
	for _, r := range s {
		if r > 0xFFFF {
			return fmt.Errorf("%q: %U is outside the Basic Multilingual Plane, which the PDF writer cannot encode", s, r)
		}
	}
	return nil
}

// finite reports whether all of vs are neither infinite nor NaN.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return true
}
