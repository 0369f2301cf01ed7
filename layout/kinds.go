package layout

import (
	"fmt"

	"handout/document"
)

// kind is how the layout sets one kind of block. Each kind of the
// document's kind table (document.Kinds) has one, in a file of its own
// (bullet.go, text.go, quote.go, notes.go, task.go, image.go, table.go,
// question.go, match.go), and a case in kindOf.
type kind interface {
	// set lays the block out at the top of its own units, in the
	// builder's edition (answers, large print) and squeezed by its tune:
	// it measures the block, places its items, and says where pages may
	// break (keep) and what stays together. It adds the block's elements
	// of the structure tree to in, the section's element, and tags each
	// item it places with its element, or as an artifact (see Tag).
	set(b *builder, in *Node) []unit
	// spacing is the space the block asks for above and below it.
	spacing() spacing
	// maxCut is the most writing lines that fit_pages' first step, which
	// takes lines from every block that has some (tune.cut), can take
	// from the block before it changes no further: 0 when it has none to
	// give.
	maxCut() int
}

// kindOf returns how the layout sets blk. It knows every kind of
// document.Kinds, and returns an error for any other body, so that a kind
// the layout does not know fails the build instead of printing nothing.
func kindOf(blk document.Block) (kind, error) {
	switch body := blk.Body.(type) {
	case *document.Bullet:
		return bulletKind{body}, nil
	case *document.Text:
		return textKind{body}, nil
	case *document.Quote:
		return quoteKind{body}, nil
	case *document.Notes:
		return notesKind{body, blk.Pos}, nil
	case *document.Task:
		return taskKind{body}, nil
	case *document.Image:
		return imageKind{body}, nil
	case *document.Table:
		return tableKind{body, blk.Pos}, nil
	case *document.Question:
		return questionKind{body, blk.Pos}, nil
	case *document.Match:
		return matchKind{body}, nil
	case nil:
		return nil, fmt.Errorf("the block at line %d has no kind", blk.Pos.Line)
	default:
		return nil, fmt.Errorf("the block at line %d is a %s block, which the layout does not know", blk.Pos.Line, body.KindKey())
	}
}

// spacing is the space a piece of the flow (a block, the title, a
// heading) asks for around it, in body line heights, which fit_pages'
// tightening scales.
type spacing struct {
	// around is the space above and below it: between two pieces, the
	// larger of what each asks for.
	around float64
	// after, when not 0, is the space below it whatever follows (the
	// title, a heading).
	after float64
	// least, with after, is the least space below it in points, however
	// fit_pages tightens the spacing.
	least float64
	// run, when not 0, is the space between it and a next piece of the
	// same kind, such as the bullets of a list.
	run float64
}
