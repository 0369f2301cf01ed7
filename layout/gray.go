package layout

// Gray returns a copy of r in which every colour is the gray of the same
// luma (see Luma): the colour of text, links included, of rules, and of
// the fills and strokes of boxes. r is not changed. The pages and their
// items are copied; what no colour touches (strings, dash patterns, the
// outline and the image files) is shared. The images themselves are left
// to printing.Prepare, which puts their gray copies in their place.
func Gray(r *Result) *Result {
	if r == nil {
		return nil
	}
	out := *r
	out.Pages = make([]Page, len(r.Pages))
	for i, p := range r.Pages {
		out.Pages[i] = grayPage(p)
	}
	return &out
}

// grayPage returns a copy of p with every item gray.
func grayPage(p Page) Page {
	items := make([]Item, len(p.Items))
	for i, it := range p.Items {
		items[i] = grayItem(it)
	}
	p.Items = items
	return p
}

// grayItem returns it with its colours gray, and registration-coloured
// rules black. Links and images have no colour of their own: a link's text
// is a Text.
func grayItem(it Item) Item {
	switch v := it.(type) {
	case Text:
		v.Color = v.Color.Gray()
		return v
	case Gap:
		v.Color = v.Color.Gray()
		return v
	case Rule:
		// A crop mark in the registration colour prints on every plate
		// of a colour job; a gray job has one, so it is plain black.
		if v.Registration {
			v.Registration, v.Color = false, Color{}
		}
		v.Color = v.Color.Gray()
		return v
	case Box:
		v.Fill = grayPaint(v.Fill)
		v.Stroke = grayPaint(v.Stroke)
		return v
	}
	return it
}

// grayPaint returns a pointer to a gray copy of *c, or nil for nil.
func grayPaint(c *Color) *Color {
	if c == nil {
		return nil
	}
	return paint(c.Gray())
}

// Gray returns the gray of c's luma: R, G and B all equal to Luma(c.R,
// c.G, c.B), which the PDF writer writes with the gray operators g and G.
func (c Color) Gray() Color {
	y := Luma(c.R, c.G, c.B)
	return Color{y, y, y}
}

// Luma returns the luma of the sRGB colour r, g, b by the coefficients of
// ITU-R BT.709 (whose primaries sRGB shares), on the gamma-encoded values
// as they are, rounded to the nearest whole number:
//
//	Y = 0.2126 R + 0.7152 G + 0.0722 B
//
// Black stays 0, white 255 and a gray its own value. Images are made
// gray with the same function (printing.EncodeGray), so that a picture
// and the shapes around it keep their contrast.
func Luma(r, g, b uint8) uint8 {
	return uint8((2126*uint32(r) + 7152*uint32(g) + 722*uint32(b) + 5000) / 10000)
}
