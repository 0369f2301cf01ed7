package layout

import (
	"strings"
	"testing"

	"handout/document"
)

// TestEveryKind lays out a block of every kind of the document's kind
// table, made from the table's example, in every edition, and checks that
// it is set: that the worksheet has more on its page than without the
// block, and that every text the block prints in that edition is there.
// A kind that the layout does not know, or that places nothing, fails.
func TestEveryKind(t *testing.T) {
	const head = "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\n"
	kinds := document.Kinds()
	if len(kinds) == 0 {
		t.Fatal("the kind table is empty")
	}
	for _, k := range kinds {
		t.Run(k.Key, func(t *testing.T) {
			d, err := document.Decode("x.toml", []byte(head+k.Example+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			d.Images = map[string]*document.ImageFile{}
			for _, m := range d.ImageBlocks() {
				d.Images[m.Path] = &document.ImageFile{Path: m.Path, Format: "png", Width: 400, Height: 300, Data: []byte("x")}
			}
			bare := *d
			bare.Sections = []document.Section{{Heading: d.Sections[0].Heading, Pos: d.Sections[0].Pos}}
			body := d.Sections[0].Blocks[0].Body
			for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
				with, err := WorksheetEdition(d, ed)
				if err != nil {
					t.Fatalf("%+v: %v", ed, err)
				}
				without, err := WorksheetEdition(&bare, ed)
				if err != nil {
					t.Fatalf("%+v, without the block: %v", ed, err)
				}
				if n, m := countItems(with), countItems(without); n <= m {
					t.Errorf("%+v: the %s block places nothing (%d items with it, %d without)", ed, k.Key, n, m)
				}
				placed := squeeze(placedText(with))
				for _, in := range body.Texts(ed.Answers) {
					if s := squeeze(in.String()); !strings.Contains(placed, s) {
						t.Errorf("%+v: %q is not on the page", ed, in.String())
					}
				}
			}
		})
	}
}

// TestUnknownKind checks that a block whose kind the layout does not know
// is an error, not a block that prints nothing.
func TestUnknownKind(t *testing.T) {
	blk := document.Block{Pos: document.Pos{Line: 7, Column: 1}}
	if _, err := kindOf(blk); err == nil {
		t.Error("kindOf of a block without a body: no error")
	}
	_, err := Worksheet(newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{text("A paragraph."), blk}}))
	if err == nil || !strings.Contains(err.Error(), "line 7") {
		t.Errorf("Worksheet with a block without a body: error %v, want one about the block at line 7", err)
	}
}

// countItems returns the number of items on r's pages.
func countItems(r *Result) int {
	n := 0
	for _, p := range r.Pages {
		n += len(p.Items)
	}
	return n
}

// placedText returns the text of r's Text items, in order.
func placedText(r *Result) string {
	var b strings.Builder
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if t, ok := it.(Text); ok {
				b.WriteString(t.Text)
			}
		}
	}
	return b.String()
}

// squeeze returns s without its spaces, which line breaks and runs of
// text do not keep.
func squeeze(s string) string { return strings.ReplaceAll(s, " ", "") }
