package render

import (
	"fmt"
	"math"
	"slices"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"handout/fonts"
	"handout/layout"
)

// painter draws items with an fpdf and remembers the graphics state it has
// set, so as to change only what differs. fpdf carries that state over from
// page to page.
type painter struct {
	pdf    *fpdf.Fpdf
	images map[string]string // the name each image Ref is registered under

	hasFont bool // no font is set until the first text
	face    fonts.Face
	size    float64

	text, draw, fill layout.Color
	// registration says that the stroke colour is the registration
	// colour, not draw; hasRegistration that it is registered with fpdf.
	registration, hasRegistration bool
	lineWidth                     float64
	dash                          []float64 // nil: solid
	round                         bool      // round line caps; false: butt
}

func newPainter(pdf *fpdf.Fpdf) *painter {
	// fpdf starts with black everywhere, solid lines and butt caps; its
	// default line width is not one we use.
	return &painter{pdf: pdf, lineWidth: math.NaN()}
}

// item draws one item; check has made sure it is one of the six kinds.
func (p *painter) item(it layout.Item) {
	switch v := it.(type) {
	case layout.Text:
		p.textItem(v)
	case layout.Gap:
		p.gap(v)
	case layout.Rule:
		p.rule(v)
	case layout.Box:
		p.box(v)
	case layout.Link:
		p.pdf.LinkString(v.X, v.Y, v.W, v.H, v.URL)
	case layout.Image:
		p.pdf.ImageOptions(p.images[v.Ref], v.X, v.Y, v.W, v.H, false, fpdf.ImageOptions{}, 0, "")
	}
}

func (p *painter) textItem(t layout.Text) {
	if t.Text == "" {
		return
	}
	p.setFont(t.Face, t.Size)
	if t.Color != p.text {
		p.pdf.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
		p.text = t.Color
	}
	p.pdf.Text(t.X, t.Y, t.Text)
}

func (p *painter) setFont(f fonts.Face, size float64) {
	if !p.hasFont || f != p.face || size != p.size {
		p.pdf.SetFont(family(f), "", size)
		p.hasFont, p.face, p.size = true, f, size
	}
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
	p.setFont(g.Face, g.Size)
	p.pdf.RawWriteStr(fmt.Sprintf("q 3 Tr %.2f Tz", 100*g.W/g.TextWidth))
	p.pdf.Text(g.X, g.Y, g.Text)
	p.pdf.RawWriteStr("Q")
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
// title as UTF-16 only once a UTF-8 font is set (all of ours are); before
// that, it has to be given UTF-16.
func (p *painter) bookmark(title string, y float64) {
	if !p.hasFont {
		title = utf16BE(title)
	}
	p.pdf.Bookmark(title, 0, y)
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
