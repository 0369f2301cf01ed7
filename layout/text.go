package layout

import "handout/document"

// textKind sets a text block: plain paragraphs (see paragraphs), each
// kept from leaving a single line alone at the top or the foot of a page.
// A text that ends with a colon stays with what follows. Each paragraph
// is a P.
type textKind struct{ *document.Text }

func (k textKind) set(b *builder, in *Node) []unit {
	return leadIn(b.paragraphs(k.Paragraphs, b.left, b.width, in), k.Paragraphs)
}

func (textKind) spacing() spacing { return spacing{around: 0.6} }

func (textKind) maxCut() int { return 0 }
