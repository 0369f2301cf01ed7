// Package render draws laid-out pages as a PDF. It makes no layout
// decisions: every item is drawn where, and as, the layout placed it.
//
// It is the only package that uses the PDF writer (codeberg.org/go-pdf/fpdf).
// Its output is deterministic: the same layout.Result and Options always
// give the same bytes.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"math"
	"math/bits"
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
	// Gray draws the gray edition: every colour is drawn as the gray of its
	// luma (see layout.Gray), and every image is embedded as 8-bit
	// grayscale without transparency, so that the PDF has no colour but
	// /DeviceGray.
	Gray bool
	// Prepared, when not nil, holds images made ready for the PDF writer
	// once for every PDF of the document (see Prepared).
	Prepared *Prepared
}

// PDF draws the pages of r and returns the PDF bytes. It returns an error,
// and no bytes, if r holds something the PDF writer cannot draw, such as
// text that is not valid UTF-8 or has runes beyond U+FFFF, or a bookmark to
// a page that does not exist.
func PDF(r *layout.Result, opt Options) (_ []byte, err error) {
	if r == nil {
		return nil, errors.New("render: nil result")
	}
	subsets, err := check(r, opt)
	if err != nil {
		return nil, err
	}
	if opt.Gray {
		r = layout.Gray(r)
	}
	// check rules out every input known to make fpdf panic; this is a last
	// line of defence for the rest.
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("render: fpdf panicked: %v", v)
		}
	}()

	first := r.Pages[0]
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: first.Width, Ht: first.Height},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	t := opt.Time
	if t.IsZero() {
		t = time.Now()
	}
	pdf.SetCreationDate(t.UTC())
	pdf.SetModificationDate(t.UTC())
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
	if r.Language != "" {
		pdf.SetLang(r.Language)
	}

	for _, s := range subsets {
		// fpdf parses the whole font it is given, and walks its whole
		// character map twice; given just the glyphs drawn, it has little
		// to do.
		ttf, err := s.face.Subset(s.runes())
		if err == nil {
			err = register(pdf, family(s.face), ttf)
		}
		if err != nil {
			return nil, fmt.Errorf("render: font %s: %w", s.face.Name(), err)
		}
	}

	names, err := images(pdf, r, opt.Gray, opt.Prepared)
	if err != nil {
		return nil, err
	}
	p := newPainter(pdf)
	p.images = names
	boxes := hasBoxes(r)
	for _, page := range r.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.Width, Ht: page.Height})
		if boxes {
			pageBoxes(pdf, page)
		}
		for _, it := range page.Items {
			p.item(it)
		}
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
	out := buf.Bytes()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for _, s := range subsets {
		if out, err = s.rename(out); err != nil {
			return nil, err
		}
	}
	if boxes {
		if err := orderBoxes(out, len(r.Pages)); err != nil {
			return nil, err
		}
	}
	return indirectAnnots(out)
}

// register adds a TrueType font to pdf under family, style "".
func register(pdf *fpdf.Fpdf, family string, ttf []byte) error {
	pdf.AddUTF8FontFromBytes(family, "", ttf)
	if err := pdf.Error(); err != nil {
		return err
	}
	// fpdf reports a font it cannot parse on standard output and carries on
	// without it, and without an error: look for it.
	if pdf.GetFontDesc(family, "").Ascent == 0 {
		return errors.New("the PDF writer could not load it")
	}
	return nil
}

// A subset is a face that text uses, with a hash of the text drawn in it
// and the set of its runes.
type subset struct {
	face fonts.Face
	text hash.Hash64
	used [0x10000 / 64]uint64 // bit r: rune r is drawn; check allows only the BMP
}

// add records text drawn in the face.
func (s *subset) add(text string) {
	s.text.Write([]byte(text + "\x00"))
	for _, r := range text {
		s.used[r>>6] |= 1 << (r & 63)
	}
}

// runes returns the runes drawn in the face, in order.
func (s *subset) runes() []rune {
	var rs []rune
	for i, w := range s.used {
		for ; w != 0; w &= w - 1 {
			rs = append(rs, rune(i<<6|bits.TrailingZeros64(w)))
		}
	}
	return rs
}

// family returns the family name under which face f is registered with
// fpdf, style "". fpdf names the embedded font "utf8" followed by the family
// in lower case; this name is chosen to be exactly as long as the name PDF
// requires for a subset font, "ABCDEF+" followed by the PostScript name, so
// that rename can substitute it without moving a byte.
func family(f fonts.Face) string { return "hx-" + f.Name() }

// rename gives the subset its proper name in out, in place: a tag of six
// capital letters, derived from what is drawn with it, a plus and the
// PostScript name (PDF 32000-1:2008, 9.6.4). The name occurs three times:
// in the Type0 font, the CIDFont and the font descriptor, all uncompressed.
func (s *subset) rename(out []byte) ([]byte, error) {
	old := []byte("/utf8" + strings.ToLower(family(s.face)) + "\n")
	tag := make([]byte, 6)
	h := s.text.Sum64()
	for i := range tag {
		tag[i] = 'A' + byte(h%26)
		h /= 26
	}
	name := []byte("/" + string(tag) + "+" + s.face.Name() + "\n")
	if n := bytes.Count(out, old); n != 3 || len(name) != len(old) {
		return nil, fmt.Errorf("render: font %s: cannot name the subset (%d occurrences)", s.face.Name(), n)
	}
	// The same length: replace in place rather than copy the PDF.
	for rest := out; ; {
		i := bytes.Index(rest, old)
		if i < 0 {
			return out, nil
		}
		copy(rest[i:], name)
		rest = rest[i+len(name):]
	}
}

// check makes sure that fpdf can draw r as it is: valid numbers, pages and
// bookmarks, and strings that fpdf can encode (it panics on invalid UTF-8
// and on runes beyond the Basic Multilingual Plane). It returns the faces
// that text uses, in the order of fonts.Faces.
func check(r *layout.Result, opt Options) ([]*subset, error) {
	if len(r.Pages) == 0 {
		return nil, errors.New("render: no pages")
	}
	for _, s := range []string{r.Title, r.Author, opt.Creator} {
		if err := checkString(s); err != nil {
			return nil, fmt.Errorf("render: metadata: %w", err)
		}
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
	used := map[fonts.Face]*subset{}
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
		}
	}
	var subsets []*subset
	for _, f := range fonts.Faces {
		if s := used[f]; s != nil {
			subsets = append(subsets, s)
		}
	}
	return subsets, nil
}

// checkItem checks one item and records the face and text of a Text, or of
// a Gap, in used.
func checkItem(it layout.Item, used map[fonts.Face]*subset) error {
	switch v := it.(type) {
	case layout.Text:
		return checkText(v, used)
	case layout.Gap:
		if !finite(v.X, v.Y, v.W, v.LineY, v.LineWidth, v.Size, v.TextWidth) || v.Text != "" && (v.Size <= 0 || v.TextWidth <= 0 || v.W <= 0) {
			return errors.New("gap: bad coordinates or size")
		}
		if v.Text != "" {
			return checkText(layout.Text{X: v.X, Y: v.Y, Face: v.Face, Size: v.Size, Text: v.Text}, used)
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
		return checkString(v.URL)
	default:
		return fmt.Errorf("unknown item type %T", it)
	}
	return nil
}

// checkText checks a Text and records its face and text in used.
func checkText(v layout.Text, used map[fonts.Face]*subset) error {
	if !finite(v.X, v.Y, v.Size) || v.Size <= 0 {
		return fmt.Errorf("text %q: bad position or size", v.Text)
	}
	if v.Face.TTF() == nil {
		return fmt.Errorf("text %q: no such face %v", v.Text, v.Face)
	}
	if err := checkString(v.Text); err != nil {
		return err
	}
	if v.Text == "" {
		return nil // not drawn
	}
	s := used[v.Face]
	if s == nil {
		s = &subset{face: v.Face, text: fnv.New64a()}
		used[v.Face] = s
	}
	s.add(v.Text)
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
