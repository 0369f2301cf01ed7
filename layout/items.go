package layout

import (
	"slices"

	"handout/fonts"
)

// This file holds the items placed on a page (see Page): Text, Gap, Rule,
// Box, Link and Image, and what every Item does: its bounds, a moved copy,
// and its tag.

// Color is an sRGB colour, 0..255 per channel.
type Color struct{ R, G, B uint8 }

// Item is something placed on a page: a Text, Gap, Rule, Box, Link or Image.
type Item interface {
	// Bounds returns the rectangle the item covers: left, top, right, bottom.
	Bounds() (x0, y0, x1, y1 float64)
	// Translate returns a copy of the item moved dx to the right and dy
	// down, which shares nothing that can be changed (a dash pattern, a
	// colour) with the item. It keeps its tag.
	Translate(dx, dy float64) Item
	// Tagged returns what the item is in a tagged PDF.
	Tagged() Tag
	// Retag returns a copy of the item with the tag t.
	Retag(t Tag) Item
	isItem()
}

// Text is a run of text in one font, size and colour.
type Text struct {
	X, Y float64 // left end of the baseline
	// Font is the font the text is drawn in: a font of the chain of its
	// Style (see theme), the first that has its characters.
	Font *fonts.Font
	// Style is the style the text is set in, whatever its font: a bold
	// word is bold even in a fallback font that has no bold.
	Style fonts.Style
	Size  float64 // in points
	Color Color
	Text  string
	Width float64 // advance width of Text, measured with the font's metrics
	// Embolden draws the text bolder than its font, by stroking its
	// outlines as it fills them, as word processors do: the text is bold
	// and its font is not, such as a fallback for Chinese that has one
	// weight. Its width is the font's.
	Embolden bool
	// Space says that the line breaks after the text at a space, which
	// is drawn after it, where it takes no room on the line: so that the
	// text a reader gets from the PDF, whose tags read a paragraph line
	// after line, has a space between the words either side of the
	// break.
	Space bool
	Tag   Tag
}

// emboldened reports whether text set in style st in font f is drawn
// bolder than f (see Text.Embolden).
func emboldened(f *fonts.Font, st fonts.Style) bool {
	return (st == fonts.Bold || st == fonts.BoldItalic) && !f.Bold()
}

// Rule is a straight line.
type Rule struct {
	X0, Y0, X1, Y1 float64
	Width          float64 // line width in points
	Color          Color
	Dash           []float64 // on/off lengths; nil for a solid line
	Round          bool      // round caps (used with Dash = {0, gap} for dots)
	// Registration draws the line in the registration colour, which
	// prints on every plate (PDF's /Separation /All), instead of Color:
	// for crop marks.
	Registration bool
	Tag          Tag
}

// Box is a rectangle, filled, stroked or both.
type Box struct {
	X, Y, W, H float64
	Fill       *Color  // nil: not filled
	Stroke     *Color  // nil: not stroked
	LineWidth  float64 // stroke width in points
	// FullBleed marks a box meant to run to the edge of the paper, such as
	// a shaded band: each of its sides that lies on the page's edge is
	// carried out into the bleed when the page gets one (see package
	// printing). No layout makes one yet.
	FullBleed bool
	Tag       Tag
}

// Link is a clickable area that opens a URL. Its tag's element is a
// Link element, which its text is content of too.
type Link struct {
	X, Y, W, H float64
	URL        string
	// Contents describes the link to a reader: its text and its URL.
	Contents string
	Tag      Tag
}

// Image is a picture scaled to fill the rectangle X, Y, W, H; its file is
// the Result's Images[Ref].
type Image struct {
	X, Y, W, H float64
	Ref        string // the image file's path, as the content file gives it
	Tag        Tag
}

// Gap is a gap in a sentence for the student to fill in ([[answer]] in the
// content): a line from X to X+W, LineWidth thick, at LineY, a little under
// Y, the baseline of the text around it. So that text copied or extracted
// from the student copy reads as a blank there, Text holds a run of
// underscores, drawn invisibly on the baseline in Font at Size, and
// stretched from its width, TextWidth, to the line's. In the answer key
// Text is empty, and the answer is a Text item of its own, on the line. A
// gap is one item, so that a tagged PDF can say what it is.
type Gap struct {
	X, Y, W   float64
	LineY     float64
	LineWidth float64
	Color     Color
	Font      *fonts.Font
	Size      float64
	Text      string
	TextWidth float64
	Tag       Tag
}

// Bounds implements Item: from the font's ascent above the baseline to the
// foot of the line.
func (g Gap) Bounds() (x0, y0, x1, y1 float64) {
	top := g.Y - g.Size
	if g.Font != nil {
		top = g.Y - float64(g.Font.Metrics().Ascent)*g.Size/1000
	}
	return g.X, min(top, g.LineY-g.LineWidth/2), g.X + g.W, g.LineY + g.LineWidth/2
}

// Translate implements Item.
func (g Gap) Translate(dx, dy float64) Item {
	g.X, g.Y, g.LineY = g.X+dx, g.Y+dy, g.LineY+dy
	return g
}

// Bounds implements Item. The box spans the font's ascent and descent.
func (t Text) Bounds() (x0, y0, x1, y1 float64) {
	if t.Font == nil {
		return t.X, t.Y - t.Size, t.X + t.Width, t.Y
	}
	m := t.Font.Metrics()
	return t.X, t.Y - float64(m.Ascent)*t.Size/1000, t.X + t.Width, t.Y - float64(m.Descent)*t.Size/1000
}

// Bounds implements Item. A butt-capped line extends half its width to
// either side of its axis; a round-capped one past its ends too.
func (r Rule) Bounds() (x0, y0, x1, y1 float64) {
	h := r.Width / 2
	hx, hy := h, h
	if !r.Round {
		switch {
		case r.Y0 == r.Y1:
			hx = 0
		case r.X0 == r.X1:
			hy = 0
		}
	}
	return min(r.X0, r.X1) - hx, min(r.Y0, r.Y1) - hy, max(r.X0, r.X1) + hx, max(r.Y0, r.Y1) + hy
}

// Bounds implements Item; it includes half the stroke width on each side.
func (b Box) Bounds() (x0, y0, x1, y1 float64) {
	h := 0.0
	if b.Stroke != nil {
		h = b.LineWidth / 2
	}
	return b.X - h, b.Y - h, b.X + b.W + h, b.Y + b.H + h
}

// Bounds implements Item.
func (l Link) Bounds() (x0, y0, x1, y1 float64) { return l.X, l.Y, l.X + l.W, l.Y + l.H }

// Translate implements Item.
func (t Text) Translate(dx, dy float64) Item {
	t.X, t.Y = t.X+dx, t.Y+dy
	return t
}

// Translate implements Item.
func (r Rule) Translate(dx, dy float64) Item {
	r.X0, r.Y0, r.X1, r.Y1 = r.X0+dx, r.Y0+dy, r.X1+dx, r.Y1+dy
	r.Dash = slices.Clone(r.Dash)
	return r
}

// Translate implements Item.
func (b Box) Translate(dx, dy float64) Item {
	b.X, b.Y = b.X+dx, b.Y+dy
	b.Fill, b.Stroke = copyPaint(b.Fill), copyPaint(b.Stroke)
	return b
}

// Translate implements Item.
func (l Link) Translate(dx, dy float64) Item {
	l.X, l.Y = l.X+dx, l.Y+dy
	return l
}

// Translate implements Item. The image file is the Result's, not the
// item's, and stays shared.
func (i Image) Translate(dx, dy float64) Item {
	i.X, i.Y = i.X+dx, i.Y+dy
	return i
}

// copyPaint returns a pointer to a copy of *c, or nil for nil.
func copyPaint(c *Color) *Color {
	if c == nil {
		return nil
	}
	return paint(*c)
}

// Tagged implements Item.
func (t Text) Tagged() Tag { return t.Tag }

// Tagged implements Item.
func (g Gap) Tagged() Tag { return g.Tag }

// Tagged implements Item.
func (r Rule) Tagged() Tag { return r.Tag }

// Tagged implements Item.
func (b Box) Tagged() Tag { return b.Tag }

// Tagged implements Item.
func (l Link) Tagged() Tag { return l.Tag }

// Tagged implements Item.
func (i Image) Tagged() Tag { return i.Tag }

// Retag implements Item.
func (t Text) Retag(tag Tag) Item {
	t.Tag = tag
	return t
}

// Retag implements Item.
func (g Gap) Retag(tag Tag) Item {
	g.Tag = tag
	return g
}

// Retag implements Item.
func (r Rule) Retag(tag Tag) Item {
	r.Tag = tag
	r.Dash = slices.Clone(r.Dash)
	return r
}

// Retag implements Item.
func (b Box) Retag(tag Tag) Item {
	b.Tag = tag
	b.Fill, b.Stroke = copyPaint(b.Fill), copyPaint(b.Stroke)
	return b
}

// Retag implements Item.
func (l Link) Retag(tag Tag) Item {
	l.Tag = tag
	return l
}

// Retag implements Item.
func (i Image) Retag(tag Tag) Item {
	i.Tag = tag
	return i
}

func (Text) isItem()  {}
func (Gap) isItem()   {}
func (Rule) isItem()  {}
func (Box) isItem()   {}
func (Link) isItem()  {}
func (Image) isItem() {}

// Bounds implements Item.
func (i Image) Bounds() (x0, y0, x1, y1 float64) { return i.X, i.Y, i.X + i.W, i.Y + i.H }
