package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"handout/fonts"
	"handout/layout"
)

// painter draws items with an fpdf and remembers the graphics state it has
// set, so as to change only what differs. fpdf carries that state over from
// page to page, but for the font, which painter sets itself (textItem),
// again on each page. It marks what it draws as its tags say (see mark),
// and records the marked content and the link annotations in tags.
type painter struct {
	pdf    *fpdf.Fpdf
	images map[string]string      // the name each image Ref is registered under
	fonts  map[*fonts.Font]string // the name each font has in the resources
	tags   *tagging

	page   int     // the current page's index
	height float64 // the current page's
	buf    []byte  // scratch space for text operators

	// tag is the tag of the marked content that is open, when marked.
	tag    layout.Tag
	marked bool

	hasFont bool // no font is set until the first text of a page
	font    *fonts.Font
	size    float64

	draw, fill layout.Color
	// registration says that the stroke colour is the registration
	// colour, not draw; hasRegistration that it is registered with fpdf.
	registration, hasRegistration bool
	lineWidth                     float64
	dash                          []float64 // nil: solid
	round                         bool      // round line caps; false: butt
}

// newPainter returns a painter that draws with pdf, its text in the fonts
// of subsets, recording in tags what it marks.
func newPainter(pdf *fpdf.Fpdf, subsets []*subset, tags *tagging) *painter {
	// fpdf starts with black everywhere, solid lines and butt caps; its
	// default line width is not one we use.
	p := &painter{pdf: pdf, tags: tags, lineWidth: math.NaN(), fonts: make(map[*fonts.Font]string, len(subsets))}
	for _, s := range subsets {
		p.fonts[s.font] = s.resource
	}
	return p
}

// item draws one item, marked as its tag says; check has made sure it is
// one of the six kinds, and tagged. A link is an annotation, not content:
// it is recorded with its Link element.
func (p *painter) item(it layout.Item) {
	if v, ok := it.(layout.Link); ok {
		p.tags.annots[p.page] = append(p.tags.annots[p.page], annotTag{node: v.Tag.Node, contents: v.Contents})
		p.pdf.LinkString(v.X, v.Y, v.W, v.H, v.URL)
		return
	}
	if !draws(it) {
		return
	}
	p.mark(it.Tagged())
	switch v := it.(type) {
	case layout.Text:
		p.textItem(v)
	case layout.Gap:
		p.gap(v)
	case layout.Rule:
		p.rule(v)
	case layout.Box:
		p.box(v)
	case layout.Image:
		p.pdf.ImageOptions(p.images[v.Ref], v.X, v.Y, v.W, v.H, false, fpdf.ImageOptions{}, 0, "")
	}
}

// draws reports whether drawing it puts anything on the page: not an
// empty text, nor a box neither filled nor stroked.
func draws(it layout.Item) bool {
	switch v := it.(type) {
	case layout.Text:
		return v.Text != ""
	case layout.Box:
		return v.Fill != nil || v.Stroke != nil
	}
	return true
}

// newPage starts the page of index i, of height h. Text state does not
// carry over from page to page: the first text of a page selects its font.
func (p *painter) newPage(i int, h float64) {
	p.page, p.height = i, h
	p.hasFont = false
}

// endPage ends the page: the marked content that is open.
func (p *painter) endPage() { p.endMark() }

// textItem draws t in the font the fonts pass adds (see fonts.go), with
// the operators fpdf's Text writes: a font selection when the font
// changes, and the text in its colour, which is set for the text alone
// when it is not the fill colour. Emboldened text is also stroked, in its
// colour, with a line of emboldenWidth of its size (text rendering mode
// 2), set for the text alone.
func (p *painter) textItem(t layout.Text) {
	if t.Text == "" {
		return
	}
	p.setFont(t.Font, t.Size)
	if !t.Embolden {
		p.text(t.X, t.Y, t.Text, t.Space, t.Color != p.fill, t.Color)
		return
	}
	b := append(p.buf[:0], "q "...)
	b = appendColor(b, t.Color)
	b = append(b, ' ')
	b = appendStrokeColor(b, t.Color)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, emboldenWidth*t.Size, 'f', 3, 64)
	b = append(b, " w 2 Tr"...)
	p.pdf.RawWriteStr(string(b))
	p.buf = b
	p.text(t.X, t.Y, t.Text, t.Space, false, t.Color)
	p.pdf.RawWriteStr("Q")
}

// emboldenWidth is the width of the line that emboldened text is stroked
// with, in ems: its strokes grow by half of it on each side, as much as a
// word processor's bold of a font without one.
const emboldenWidth = 0.03

// setFont makes font f at size the font of the text that follows, unless
// it is already. The font is part of the graphics state: it is set
// outside any q and Q.
func (p *painter) setFont(f *fonts.Font, size float64) {
	if p.hasFont && f == p.font && size == p.size {
		return
	}
	b := append(p.buf[:0], "BT /"...)
	b = append(b, p.fonts[f]...)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, size, 'f', 2, 64)
	b = append(b, " Tf ET"...)
	p.pdf.RawWriteStr(string(b))
	p.buf = b
	p.hasFont, p.font, p.size = true, f, size
}

// text draws s with its baseline starting at (x, y) in the current font,
// in colour c when colored, else in the fill colour; and then, with
// space, a space (see layout.Text.Space).
func (p *painter) text(x, y float64, s string, space, colored bool, c layout.Color) {
	b := p.buf[:0]
	if colored {
		b = append(b, "q "...)
		b = appendColor(b, c)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, p.height-y, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendUTF16(b, s)
	if space {
		b = append(b, 0, ' ')
	}
	b = append(b, ") Tj ET"...)
	if colored {
		b = append(b, " Q"...)
	}
	p.pdf.RawWriteStr(string(b))
	p.buf = b
}

// gap draws a gap's line, then its text, if any, invisibly (text rendering
// mode 3, as the text layer of a scanned page is) and stretched to the
// line's width (horizontal scaling, Tz), so that the text of the page has
// it where the line is. The mode and scaling are set and restored around
// the text alone; the font is set outside, as the painter remembers it.
func (p *painter) gap(g layout.Gap) {
	p.rule(layout.Rule{X0: g.X, Y0: g.LineY, X1: g.X + g.W, Y1: g.LineY, Width: g.LineWidth, Color: g.Color})
	if g.Text == "" {
		return
	}
	p.setFont(g.Font, g.Size)
	p.pdf.RawWriteStr(fmt.Sprintf("q 3 Tr %.2f Tz", 100*g.W/g.TextWidth))
	p.text(g.X, g.Y, g.Text, false, false, layout.Color{})
	p.pdf.RawWriteStr("Q")
}

// appendColor appends the operator that makes c the fill colour, as fpdf
// writes it: a gray level when c is a gray, else red, green and blue.
func appendColor(b []byte, c layout.Color) []byte {
	if c.R == c.G && c.G == c.B {
		b = strconv.AppendFloat(b, float64(c.R)/255, 'f', 3, 64)
		return append(b, " g"...)
	}
	for _, v := range []uint8{c.R, c.G, c.B} {
		b = strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64)
		b = append(b, ' ')
	}
	return append(b, "rg"...)
}

// appendStrokeColor appends the operator that makes c the stroke colour,
// as appendColor does the fill colour.
func appendStrokeColor(b []byte, c layout.Color) []byte {
	b = appendColor(b, c)
	if b[len(b)-2] == 'r' {
		return append(b[:len(b)-2], "RG"...)
	}
	return append(b[:len(b)-1], 'G')
}

// appendUTF16 appends s as the bytes of its runes' two-byte codes, big
// end first, escaped for a string literal as fpdf escapes them. check has
// made sure that s is valid UTF-8 of the Basic Multilingual Plane.
func appendUTF16(b []byte, s string) []byte {
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	return b
}

func (p *painter) rule(r layout.Rule) {
	if r.Registration {
		p.setRegistration()
	} else {
		p.setDraw(r.Color)
	}
	p.setLineWidth(r.Width)
	p.setDash(r.Dash)
	if r.Round != p.round {
		if r.Round {
			p.pdf.SetLineCapStyle("round")
		} else {
			p.pdf.SetLineCapStyle("butt")
		}
		p.round = r.Round
	}
	p.pdf.Line(r.X0, r.Y0, r.X1, r.Y1)
}

func (p *painter) box(b layout.Box) {
	style := ""
	if b.Fill != nil {
		if *b.Fill != p.fill {
			p.pdf.SetFillColor(int(b.Fill.R), int(b.Fill.G), int(b.Fill.B))
			p.fill = *b.Fill
		}
		style = "F"
	}
	if b.Stroke != nil {
		p.setDraw(*b.Stroke)
		p.setLineWidth(b.LineWidth)
		p.setDash(nil)
		style += "D"
	}
	if style != "" {
		p.pdf.Rect(b.X, b.Y, b.W, b.H, style)
	}
}

// bookmark adds an outline entry for the current page. fpdf encodes the
// title as UTF-16 only when one of its own UTF-8 fonts is set, and render
// sets none: it is given UTF-16.
func (p *painter) bookmark(title string, y float64) {
	p.pdf.Bookmark(utf16BE(title), 0, y)
}

func (p *painter) setDraw(c layout.Color) {
	if c != p.draw || p.registration {
		p.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		p.draw, p.registration = c, false
	}
}

// registrationName is the colorant of the registration colour: a
// Separation colour space named All paints on every plate (PDF 32000-1,
// 8.6.6.4). Its alternate, for screens and composite printers, is
// 100% of each process ink.
const registrationName = "All"

// setRegistration makes the registration colour the stroke colour.
func (p *painter) setRegistration() {
	if !p.hasRegistration {
		p.pdf.AddSpotColor(registrationName, 100, 100, 100, 100)
		p.hasRegistration = true
	}
	if !p.registration {
		p.pdf.SetDrawSpotColor(registrationName, 100)
		p.registration = true
	}
}

func (p *painter) setLineWidth(w float64) {
	if w != p.lineWidth {
		p.pdf.SetLineWidth(w)
		p.lineWidth = w
	}
}

func (p *painter) setDash(dash []float64) {
	if !slices.Equal(dash, p.dash) {
		p.pdf.SetDashPattern(dash, 0)
		p.dash = slices.Clone(dash)
	}
}

// utf16BE encodes s as a PDF text string: UTF-16BE with a byte order mark.
func utf16BE(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}
