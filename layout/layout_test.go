package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// newDoc returns a document with the format's defaults and the sections.
func newDoc(sections ...document.Section) *document.Document {
	return &document.Document{
		Worksheet: document.Worksheet{
			Title:          document.Plain("A worksheet"),
			Paper:          paper("A4", false),
			Footer:         document.Running{Center: document.Template{{Text: "Footer / "}, {Placeholder: document.Page}}},
			NumberSections: true,
		},
		Labels:   english,
		Style:    document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8},
		Sections: sections,
	}
}

// english is the English labels.
var english, _ = document.BuiltinLabels("en")

func sentence(i int) string {
	return fmt.Sprintf("Sentence number %d tells of the Purges and of what followed them in the years after.", i)
}

func sentences(n, from int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = sentence(from + i)
	}
	return strings.Join(s, " ")
}

func bullet(s string) document.Block {
	return document.Block{Body: &document.Bullet{Paragraphs: []document.Inline{document.Plain(s)}}}
}
func text(s string) document.Block {
	return document.Block{Body: &document.Text{Paragraphs: []document.Inline{document.Plain(s)}}}
}
func quote(s, src string) document.Block {
	return document.Block{Body: &document.Quote{Paragraphs: []document.Inline{document.Plain(s)}, Source: document.Plain(src)}}
}
func notes(prompt string, lines int) document.Block {
	return document.Block{Body: &document.Notes{Prompt: []document.Inline{document.Plain(prompt)}, Lines: lines}}
}

// notesOf returns the body of blk, a notes block.
func notesOf(blk document.Block) *document.Notes { return blk.Body.(*document.Notes) }

func mustWorksheet(t *testing.T, d *document.Document) *Result {
	t.Helper()
	r, err := Worksheet(d)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, r, d)
	return r
}

// checkPages asserts what must hold on every page of every layout of d:
// every item inside the margins, no two text runs overlapping, d's footer,
// of one part, last on each page, and every item tagged (see checkTags).
func checkPages(t *testing.T, r *Result, d *document.Document) {
	t.Helper()
	checkItems(t, r, d, true)
}

// checkItems is checkPages, checking the footer only when footer is true.
func checkItems(t *testing.T, r *Result, d *document.Document, footer bool) {
	t.Helper()
	checkTags(t, r)
	const eps = 0.01
	margin := d.Style.MarginMM * mm
	for n, p := range r.Pages {
		var texts []Text
		var solids []Item // texts and images, none of which may overlap another
		for _, it := range p.Items {
			switch it.(type) {
			case Text, Image:
				solids = append(solids, it)
			}
			x0, y0, x1, y1 := it.Bounds()
			if x0 < margin-eps || y0 < margin-eps || x1 > p.Width-margin+eps || y1 > p.Height-margin+eps {
				t.Errorf("page %d: %s lies outside the margins", n+1, dumpItem(it))
			}
			if tx, ok := it.(Text); ok {
				texts = append(texts, tx)
			}
		}
		for i := range solids {
			for j := i + 1; j < len(solids); j++ {
				if overlapItems(solids[i], solids[j], eps) {
					t.Errorf("page %d: %s overlaps %s", n+1, dumpItem(solids[i]), dumpItem(solids[j]))
				}
			}
		}
		if want := d.Worksheet.Footer.Center.Expand(n+1, len(r.Pages), ""); footer && (len(texts) == 0 || texts[len(texts)-1].Text != want) {
			t.Errorf("page %d does not end with the footer %q", n+1, want)
		}
	}
}

// overlapItems reports whether two texts or images overlap.
func overlapItems(a, b Item, eps float64) bool {
	ta, okA := a.(Text)
	tb, okB := b.(Text)
	if okA && okB {
		return overlap(ta, tb, eps)
	}
	ax0, ay0, ax1, ay1 := a.Bounds()
	bx0, by0, bx1, by1 := b.Bounds()
	return ax0 < bx1-eps && bx0 < ax1-eps && ay0 < by1-eps && by0 < ay1-eps
}

func overlap(a, b Text, eps float64) bool {
	ax0, ay0, ax1, ay1 := a.Bounds()
	bx0, by0, bx1, by1 := b.Bounds()
	// Text boxes include the face's full ascent and descent, so lines set
	// solid may touch; overlap means sharing area beyond rounding.
	return ax0 < bx1-eps && bx0 < ax1-eps && ay0 < by1-eps && by0 < ay1-eps && !sameLine(a, b)
}

// sameLine reports runs on one baseline that abut (such as a bold label
// and the text after it), which share only an edge.
func sameLine(a, b Text) bool {
	return a.Y == b.Y && (math.Abs(a.X+a.Width-b.X) < 0.01 || math.Abs(b.X+b.Width-a.X) < 0.01)
}

// pageTexts returns each page's text runs, without the footer, top to
// bottom as placed.
func pageTexts(r *Result) [][]Text {
	out := make([][]Text, len(r.Pages))
	for i, p := range r.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(Text); ok {
				out[i] = append(out[i], tx)
			}
		}
		out[i] = out[i][:len(out[i])-1] // the footer is placed last
	}
	return out
}

// allWords returns the words of every page's text, in reading order.
func allWords(r *Result) []string {
	var words []string
	for _, p := range pageTexts(r) {
		for _, tx := range p {
			words = append(words, strings.Fields(tx.Text)...)
		}
	}
	return words
}

// linesOn counts the distinct baselines of the page's runs that contain s.
func baselinesOf(p []Text, s string) []float64 {
	var ys []float64
	for _, tx := range p {
		if strings.Contains(tx.Text, s) && (len(ys) == 0 || ys[len(ys)-1] != tx.Y) {
			ys = append(ys, tx.Y)
		}
	}
	return ys
}

func TestNothingLost(t *testing.T) {
	long := sentences(150, 0) // several pages of one quotation
	d := newDoc(
		document.Section{Heading: document.Plain("One"), Blocks: []document.Block{
			bullet(sentences(3, 1000)),
			quote(long, "The source of it"),
			text(sentences(40, 2000)),
			notes("Why?", 6),
		}},
	)
	r := mustWorksheet(t, d)
	want := strings.Fields("A worksheet 1. One " + sentences(3, 1000) + " " + long + " The source of it " + sentences(40, 2000) + " Notes: Why?")
	got := allWords(r)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("words differ:\n got %d words\nwant %d words", len(got), len(want))
	}
	if len(r.Pages) < 3 {
		t.Fatalf("got %d pages; a 150-sentence quotation should need several", len(r.Pages))
	}
}

func TestQuoteLongerThanPageKeepsSourceWithItsLastPart(t *testing.T) {
	d := newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{quote(sentences(150, 0), "The source")}})
	r := mustWorksheet(t, d)
	pages := pageTexts(r)
	for i, p := range pages {
		ys := baselinesOf(p, "Sentence")
		last := i == len(pages)-1
		if has := len(baselinesOf(p, "The source")) > 0; has != last {
			t.Errorf("page %d: source present = %v, want it only on the last page", i+1, has)
		}
		if len(ys) < 2 {
			t.Errorf("page %d holds %d lines of the quotation; want at least 2", i+1, len(ys))
		}
	}
}

// sweep lays out tail after a one-line writing box and fill one-line
// bullets, for every fill in [from, to) and rulings from 5 to 15 mm in
// half millimetres: the box's ruling moves tail down by fractions of a
// line and the bullets by whole lines, so that tail meets the foot of a
// page at every offset. check inspects each layout.
func sweep(t *testing.T, from, to int, tail []document.Block, check func(r *Result, at string)) {
	t.Helper()
	for ruling := 5.0; ruling <= 15; ruling += 0.5 {
		for fill := from; fill < to; fill++ {
			blocks := []document.Block{notes("", 1)}
			for i := range fill {
				blocks = append(blocks, bullet(sentence(i)))
			}
			d := newDoc(document.Section{Heading: document.Plain("One"), Blocks: append(blocks, tail...)})
			d.Style.RulingMM = ruling
			check(mustWorksheet(t, d), fmt.Sprintf("ruling %v, fill %d", ruling, fill))
		}
	}
}

func TestQuoteAndSourceShareAPage(t *testing.T) {
	tail := []document.Block{quote(sentences(6, 500), "Quoted source"), bullet(sentence(600))}
	sweep(t, 25, 45, tail, func(r *Result, at string) {
		pages := 0
		for i, p := range pageTexts(r) {
			if len(baselinesOf(p, "number 50")) == 0 {
				continue
			}
			pages++
			if len(baselinesOf(p, "Sentence number 500 ")) == 0 || len(baselinesOf(p, "Quoted source")) == 0 {
				t.Errorf("%s: page %d holds part of the quotation", at, i+1)
			}
		}
		if pages != 1 {
			t.Errorf("%s: the quotation is on %d pages", at, pages)
		}
	})
}

// TestHeadingNeverLastOnPage puts a heading and each kind of block after
// text of every length: the heading is never the last thing on a page,
// whatever follows it, a picture or a task panel taller than a page
// included.
func TestHeadingNeverLastOnPage(t *testing.T) {
	items := make([]document.Inline, 70)
	for i := range items {
		items[i] = document.Plain(sentence(i))
	}
	next := map[string]document.Block{
		"text":         text(sentences(4, 100)),
		"bullet":       bullet(sentence(100)),
		"quote":        quote(sentences(3, 100), "Source"),
		"notes":        notes("Why?", 4),
		"task":         {Body: &document.Task{Label: document.Plain("Task"), Paragraphs: []document.Inline{document.Plain(sentence(100))}}},
		"long task":    {Body: &document.Task{Label: document.Plain("Task"), Items: items}},
		"photo":        picture("photo.jpg", "A photo.", 0, document.Center),
		"tall picture": picture("tall.png", "A tall one.", 0, document.Center),
	}
	sizes := map[string][2]int{"photo.jpg": {4000, 3000}, "tall.png": {1000, 5000}}
	for kind, blk := range next {
		for fill := range 60 {
			blocks := []document.Block{}
			for i := range fill {
				blocks = append(blocks, bullet(sentence(i)))
			}
			r := mustWorksheet(t, withImages(sizes,
				document.Section{Heading: document.Plain("First"), Blocks: blocks},
				document.Section{Heading: document.Plain("Second"), Blocks: []document.Block{blk}},
			))
			for i, p := range r.Pages {
				if last := lastThing(p); strings.HasSuffix(last, "First") || strings.HasSuffix(last, "Second") {
					t.Errorf("%s after %d bullets: page %d ends with heading %q", kind, fill, i+1, last)
				}
			}
		}
	}
}

// lastThing returns the text of the lowest text run of p, but for its
// footer, or the name of a picture that ends lower.
func lastThing(p Page) string {
	var last string
	bottom := -1.0
	for _, it := range p.Items[:len(p.Items)-1] { // the footer is placed last
		switch v := it.(type) {
		case Text:
			if _, _, _, y1 := v.Bounds(); y1 > bottom {
				last, bottom = v.Text, y1
			}
		case Image:
			if v.Y+v.H > bottom {
				last, bottom = "image "+v.Ref, v.Y+v.H
			}
		}
	}
	return last
}

func TestNoWidowsOrOrphans(t *testing.T) {
	sweep(t, 20, 40, []document.Block{text(sentences(12, 100))}, func(r *Result, at string) {
		checkParagraphSplit(t, r, at)
	})
}

const d18 = 18 * mm

// checkParagraphSplit asserts that a paragraph set at the left margin (the
// text block at the end) has at least two lines on each page it touches.
func checkParagraphSplit(t *testing.T, r *Result, at string) {
	t.Helper()
	for i, p := range pageTexts(r) {
		n := 0
		for _, tx := range p {
			if math.Abs(tx.X-d18) < 0.01 && tx.Style == fonts.Regular {
				n++
			}
		}
		if n == 1 {
			t.Errorf("%s: page %d has a single line of the paragraph", at, i+1)
		}
	}
}

func TestNotesPromptAndBoxSharePage(t *testing.T) {
	for fill := range 30 {
		blocks := []document.Block{}
		for i := range fill {
			blocks = append(blocks, bullet(sentence(i)))
		}
		blocks = append(blocks, notes("Why does Conquest suggest that the Purges wound down?", 6))
		r := mustWorksheet(t, newDoc(document.Section{Heading: document.Plain("One"), Blocks: blocks}))
		for i, p := range r.Pages {
			var prompt, box bool
			for _, it := range p.Items {
				switch v := it.(type) {
				case Text:
					prompt = prompt || strings.HasPrefix(v.Text, "Notes:")
				case Box:
					box = box || v.Stroke != nil && v.Fill == nil
				}
			}
			if prompt != box {
				t.Errorf("fill %d: page %d has prompt %v, box %v", fill, i+1, prompt, box)
			}
		}
	}
}

func TestWritingBoxHeight(t *testing.T) {
	for _, ruling := range []document.Ruling{document.Lines, document.Dotted, document.Grid, document.Blank} {
		b := notes("Prompt", 6)
		notesOf(b).Ruling = ruling
		r := mustWorksheet(t, newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{b}}))
		var box *Box
		rules := 0
		for _, it := range r.Pages[0].Items {
			switch v := it.(type) {
			case Box:
				if v.Stroke != nil && v.Fill == nil {
					box = &v
				}
			case Rule:
				if v.Y0 == v.Y1 && v.Color != accent {
					rules++
				}
			}
		}
		if box == nil {
			t.Fatalf("%v: no box", ruling)
		}
		if want := 6.5*8*mm - 0.75; math.Abs(box.H-want) > 0.01 {
			t.Errorf("%v: box height %.2f, want %.2f", ruling, box.H, want)
		}
		want := map[document.Ruling]int{document.Lines: 6, document.Dotted: 6, document.Grid: 6, document.Blank: 0}[ruling]
		if rules != want {
			t.Errorf("%v: %d horizontal rules, want %d", ruling, rules, want)
		}
	}
}

func TestFooterExpandsPages(t *testing.T) {
	d := newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{text(sentences(120, 0))}})
	d.Worksheet.Footer = document.Running{Center: document.Template{{Text: "p. "}, {Placeholder: document.Page}, {Text: " / "}, {Placeholder: document.Pages}}}
	d.Worksheet.FooterLink = "https://example.org"
	r := mustWorksheet(t, d)
	for i, p := range r.Pages {
		want := fmt.Sprintf("p. %d / %d", i+1, len(r.Pages))
		var got string
		var link bool
		for _, it := range p.Items {
			switch v := it.(type) {
			case Text:
				got = v.Text
			case Link:
				link = v.URL == "https://example.org"
			}
		}
		if got != want || !link {
			t.Errorf("page %d: footer %q link %v, want %q with a link", i+1, got, link, want)
		}
	}
}

func TestOutlineHasOneBookmarkPerSection(t *testing.T) {
	d := newDoc(
		document.Section{Heading: document.Plain("One"), Blocks: []document.Block{text(sentences(60, 0))}},
		document.Section{Heading: document.Plain("Two"), Blocks: []document.Block{text(sentences(3, 0))}},
	)
	r := mustWorksheet(t, d)
	if len(r.Outline) != 2 || r.Outline[0].Title != "1. One" || r.Outline[1].Title != "2. Two" || r.Outline[1].Page < 1 {
		t.Fatalf("outline = %+v", r.Outline)
	}
}
