package layout

import (
	"fmt"
	"strings"

	"handout/document"
	"handout/fonts"
)

// Result is a laid-out PDF: its pages, its outline and its metadata. It is
// everything the renderer needs and nothing it has to decide.
type Result struct {
	Pages    []Page
	Outline  []Bookmark
	Title    string
	Author   string
	Language string
	// Images are the image files that Image items show, by their Ref.
	Images map[string]*document.ImageFile
	// Tree is the root of the structure tree, a Document element, whose
	// elements the items' tags name (see Tag).
	Tree *Node
}

// Page is one placed page. Coordinates are in points from the top-left
// corner of the page, y growing downwards. Items are in drawing order:
// backgrounds come before what is drawn on them.
//
// Width and Height are the sheet the PDF describes, its MediaBox. A page
// prepared for a print shop (see package printing) is bigger than the
// paper: Trim is the finished page, the paper size, and Bleed the trim
// plus the bleed, where what runs to the edge of the paper ends. The zero
// Rect means the whole page: an ordinary page has neither.
type Page struct {
	Width, Height float64
	Items         []Item
	Trim, Bleed   Rect
}

// Rect is a rectangle on a page, in points from the page's top-left
// corner. The zero Rect stands for the whole page where a field says so.
type Rect struct{ X, Y, W, H float64 }

// IsZero reports whether r is the zero Rect.
func (r Rect) IsZero() bool { return r == Rect{} }

// Or returns r, or the whole of a page of width w and height h when r is
// the zero Rect.
func (r Rect) Or(w, h float64) Rect {
	if r.IsZero() {
		return Rect{W: w, H: h}
	}
	return r
}

// TrimBox returns the page's trim: Trim, or the whole page.
func (p Page) TrimBox() Rect { return p.Trim.Or(p.Width, p.Height) }

// BleedBox returns the page's bleed box: Bleed, or the whole page.
func (p Page) BleedBox() Rect { return p.Bleed.Or(p.Width, p.Height) }

// Bookmark is one entry in the PDF's outline.
type Bookmark struct {
	Title string
	Page  int     // index into Result.Pages
	Y     float64 // top of the target on that page
}

// Dump writes the pages in a readable text form, one line per item (page,
// kind, position, size, text), for golden files and review diffs.
func (r *Result) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %q author %q language %q\n", r.Title, r.Author, r.Language)
	for _, bm := range r.Outline {
		fmt.Fprintf(&b, "bookmark p%d y=%.2f %q\n", bm.Page+1, bm.Y, bm.Title)
	}
	ids := dumpTree(&b, r.Tree)
	for i, p := range r.Pages {
		fmt.Fprintf(&b, "page %d %.2fx%.2f%s\n", i+1, p.Width, p.Height, dumpBoxes(p))
		for _, it := range p.Items {
			fmt.Fprintf(&b, "p%d %s %s\n", i+1, dumpItem(it), dumpTag(it.Tagged(), ids))
		}
	}
	return b.String()
}

// dumpTree writes the structure tree under root, one line per element,
// numbered in reading order, with the number of its parent: "node 5 P
// in 3". It returns the numbers.
func dumpTree(b *strings.Builder, root *Node) map[*Node]int {
	ids := map[*Node]int{}
	var walk func(n *Node, parent int)
	walk = func(n *Node, parent int) {
		id := len(ids) + 1
		ids[n] = id
		fmt.Fprintf(b, "node %d %s in %d", id, n.Role, parent)
		if n.Alt != "" {
			fmt.Fprintf(b, " alt=%q", n.Alt)
		}
		if n.ActualText != "" {
			fmt.Fprintf(b, " actual=%q", n.ActualText)
		}
		if n.Scope != NoScope {
			fmt.Fprintf(b, " scope=%s", n.Scope)
		}
		b.WriteByte('\n')
		for _, k := range n.Kids {
			walk(k, id)
		}
	}
	if root != nil {
		walk(root, 0)
	}
	return ids
}

// dumpTag returns an item's tag for a dump: its element's role and
// number, "[P 5]", or its kind of artifact, "[layout]".
func dumpTag(t Tag, ids map[*Node]int) string {
	s := "[" + t.Artifact.String()
	if t.Node != nil {
		s = fmt.Sprintf("[%s %d", t.Node.Role, ids[t.Node])
	}
	if t.Page != 0 {
		s += fmt.Sprintf(" of p%d", t.Page)
	}
	return s + "]"
}

// dumpBoxes returns a page's trim and bleed boxes, when it has them.
func dumpBoxes(p Page) string {
	var s string
	for _, b := range []struct {
		name string
		r    Rect
	}{{"trim", p.Trim}, {"bleed", p.Bleed}} {
		if !b.r.IsZero() {
			s += fmt.Sprintf(" %s=%.2f,%.2f %.2fx%.2f", b.name, b.r.X, b.r.Y, b.r.W, b.r.H)
		}
	}
	return s
}

// emboldenedDump is " embolden" for an emboldened Text, else "".
func emboldenedDump(e bool) string {
	if e {
		return " embolden"
	}
	return ""
}

// dumpFont names a Text's font in a dump: a built-in face as "sans bold",
// a font file by its name and the style of the text, "fonts/x.ttf bold".
func dumpFont(f *fonts.Font, st fonts.Style) string {
	if f == nil {
		return "nofont"
	}
	if _, builtin := f.Face(); builtin {
		return f.String()
	}
	return f.String() + " " + st.String()
}

func dumpItem(it Item) string {
	switch v := it.(type) {
	case Text:
		s := fmt.Sprintf("text %.2f,%.2f w=%.2f %s %.1fpt #%02x%02x%02x %q",
			v.X, v.Y, v.Width, dumpFont(v.Font, v.Style), v.Size, v.Color.R, v.Color.G, v.Color.B, v.Text) + emboldenedDump(v.Embolden)
		if v.Space {
			s += " +space"
		}
		return s
	case Rule:
		s := fmt.Sprintf("rule %.2f,%.2f-%.2f,%.2f w=%.2f #%02x%02x%02x",
			v.X0, v.Y0, v.X1, v.Y1, v.Width, v.Color.R, v.Color.G, v.Color.B)
		if v.Dash != nil {
			s += fmt.Sprintf(" dash=%v", v.Dash)
		}
		if v.Registration {
			s += " registration"
		}
		return s
	case Box:
		s := fmt.Sprintf("box %.2f,%.2f %.2fx%.2f", v.X, v.Y, v.W, v.H)
		if v.Fill != nil {
			s += fmt.Sprintf(" fill=#%02x%02x%02x", v.Fill.R, v.Fill.G, v.Fill.B)
		}
		if v.Stroke != nil {
			s += fmt.Sprintf(" stroke=#%02x%02x%02x w=%.2f", v.Stroke.R, v.Stroke.G, v.Stroke.B, v.LineWidth)
		}
		if v.FullBleed {
			s += " full-bleed"
		}
		return s
	case Gap:
		return fmt.Sprintf("gap %.2f,%.2f w=%.2f line=%.2f lw=%.2f #%02x%02x%02x %s %.1fpt %q w=%.2f",
			v.X, v.Y, v.W, v.LineY, v.LineWidth, v.Color.R, v.Color.G, v.Color.B, v.Font, v.Size, v.Text, v.TextWidth)
	case Link:
		return fmt.Sprintf("link %.2f,%.2f %.2fx%.2f %s %q", v.X, v.Y, v.W, v.H, v.URL, v.Contents)
	case Image:
		return fmt.Sprintf("image %.2f,%.2f %.2fx%.2f %s", v.X, v.Y, v.W, v.H, v.Ref)
	}
	return fmt.Sprintf("%T", it)
}
