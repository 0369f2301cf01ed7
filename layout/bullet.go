package layout

import "handout/document"

// bulletKind sets a bullet block: a bulleted paragraph (see bullets).
// Bullets one after another make a list, closer together than other
// blocks, and one L element; a bullet that ends with a colon stays with
// what follows.
type bulletKind struct{ *document.Bullet }

func (k bulletKind) set(b *builder, in *Node) []unit {
	return leadIn(b.bullets(k.Paragraphs, b.left, b.width, in.list("bullet")), k.Paragraphs)
}

func (bulletKind) spacing() spacing { return spacing{around: 0.6, run: 0.3} }

func (bulletKind) maxCut() int { return 0 }

// bullets sets a bulleted item of the list l: a small square drawn as a
// shape, its Lbl, which reads as a bullet, and the text with a hanging
// indent, its LBody. Later paragraphs of the item hang too.
func (b *builder) bullets(ps []document.Inline, x, width float64, l *Node) []unit {
	lbl, body := l.item(true)
	lbl.ActualText = bulletText
	indent := 1.3 * b.size
	us := b.paragraphs(ps, x+indent, width-indent, body)
	if len(us) == 0 {
		return us
	}
	side := 0.34 * b.size
	cy := b.baseline(b.size, b.lead) - b.xHeight(b.size)/2
	sq := Box{X: x + 0.2*b.size, Y: cy - side/2, W: side, H: side, Fill: paint(accent), Tag: content(lbl)}
	us[0].items = append([]Item{sq}, us[0].items...)
	return us
}
