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

func TestLongWordIsBrokenNotClipped(t *testing.T) {
	w := strings.Repeat("abcdefghij", 80)
	r := mustWorksheet(t, newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{bullet(w)}}))
	if got := strings.Join(allWords(r), ""); !strings.Contains(got, w) {
		t.Fatalf("long word lost")
	}
}

func TestWrapWidthsAreExact(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Serif, Size: 10, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := th.at(10)
	spans := th.spans(th.spans(nil, fonts.Bold, "Notes: ", "", false), fonts.Regular, sentences(5, 0), "", false)
	for _, width := range []float64{80, 200, 450} {
		for _, l := range m.wrap(spans, width) {
			if l.width > width+1e-9 {
				t.Errorf("width %v: line is %.3f wide", width, l.width)
			}
			sum := 0.0
			for _, it := range l.texts(0, 0, 10, solid(ink), &textTags{tag: layoutArt}) {
				tx := it.(Text)
				if got := tx.Font.Metrics().Size(tx.Text, 10); math.Abs(got-tx.Width) > 1e-9 {
					t.Errorf("run %q: width %.4f, measured %.4f", tx.Text, tx.Width, got)
				}
				sum += tx.Width
			}
			if math.Abs(sum-l.width) > 1e-9 {
				t.Errorf("runs add to %.4f, line is %.4f", sum, l.width)
			}
		}
	}
}

func TestWrapTerminatesWhenNothingFits(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []float64{-50, 0, 3} {
		lines := th.at(11).wrap(th.plain("abc de"), width)
		if len(lines) != 5 {
			t.Errorf("width %v: %d lines, want one per character (5)", width, len(lines))
		}
	}
}

// markedDoc returns a document of one text block of marked-up text, parsed
// as a content file would be.
func markedDoc(t *testing.T, text string) *document.Document {
	t.Helper()
	src := "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\ntext = '''" + text + "'''\n"
	d, err := document.Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bodyTexts returns the Text items of the first page set at the body size
// in the ink or link colour, the body text.
func bodyTexts(r *Result) []Text {
	var ts []Text
	for _, it := range r.Pages[0].Items {
		if tx, ok := it.(Text); ok && tx.Size == 11 && (tx.Color == ink || tx.Color == linkColor) && tx.Y > 100 {
			ts = append(ts, tx)
		}
	}
	return ts
}

// TestMixedFacesOnOneLine places a paragraph of four faces on one line and
// checks that each run starts where the runs before it end, measured with
// the metrics of their faces. A space between words belongs to the run
// before it, in its face.
func TestMixedFacesOnOneLine(t *testing.T) {
	r := mustWorksheet(t, markedDoc(t, "Plain *italic words* then **bold** and ***both*** and [a link](https://example.org) end."))
	ts := bodyTexts(r)
	want := []struct {
		text  string
		style fonts.Style
	}{
		{"Plain ", fonts.Regular}, {"italic words ", fonts.Italic}, {"then ", fonts.Regular},
		{"bold ", fonts.Bold}, {"and ", fonts.Regular}, {"both ", fonts.BoldItalic},
		{"and ", fonts.Regular}, {"a link ", fonts.Regular}, {"end.", fonts.Regular},
	}
	if len(ts) != len(want) {
		t.Fatalf("%d runs, want %d: %+v", len(ts), len(want), ts)
	}
	x := ts[0].X
	for i, w := range want {
		tx := ts[i]
		m := tx.Font.Metrics()
		if tx.Text != w.text || tx.Style != w.style || tx.Y != ts[0].Y {
			t.Errorf("run %d = %q %v at y %.2f, want %q %v on the first line", i, tx.Text, tx.Style, tx.Y, w.text, w.style)
		}
		if math.Abs(tx.X-x) > 1e-9 {
			t.Errorf("run %d %q at x %.4f, want %.4f (the widths of the runs before it)", i, tx.Text, tx.X, x)
		}
		if width := m.Size(tx.Text, tx.Size); math.Abs(tx.Width-width) > 1e-9 {
			t.Errorf("run %d %q is %.4f wide, measured %.4f", i, tx.Text, tx.Width, width)
		}
		if (tx.Color == linkColor) != (w.text == "a link ") {
			t.Errorf("run %d %q colour %v", i, tx.Text, tx.Color)
		}
		x += tx.Width
	}
}

// TestMarkedFaces checks the faces of emphasis in italic quotations and in
// bold headings.
func TestMarkedFaces(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer th.release()
	in := document.Inline{{Text: "a"}, {Text: "b", Italic: true}, {Text: "c", Bold: true}, {Text: "d", Bold: true, Italic: true}}
	for base, want := range map[fonts.Style][]fonts.Style{
		fonts.Regular: {fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic},
		fonts.Italic:  {fonts.Italic, fonts.Regular, fonts.BoldItalic, fonts.Bold},
		fonts.Bold:    {fonts.Bold, fonts.BoldItalic, fonts.Bold, fonts.BoldItalic},
	} {
		for i, sp := range th.marked(in, base) {
			if sp.style != want[i] {
				t.Errorf("base %v, span %q: %v, want %v", base, sp.text, sp.style, want[i])
			}
		}
	}
}

// TestLinkRectangles checks that a link wrapped over lines has one Link a
// line, each covering exactly the linked words on its line.
func TestLinkRectangles(t *testing.T) {
	const url = "https://example.org/trotsky"
	words := strings.Repeat("linked words go on ", 12)
	r := mustWorksheet(t, markedDoc(t, "Before the link ["+strings.TrimSpace(words)+"](https://example.org/trotsky) after."))
	var links []Link
	for _, it := range r.Pages[0].Items {
		if l, ok := it.(Link); ok && l.URL == url {
			links = append(links, l)
		}
	}
	var linked []Text
	for _, tx := range bodyTexts(r) {
		if tx.Color == linkColor {
			linked = append(linked, tx)
		}
	}
	if len(links) < 2 || len(links) != len(linked) {
		t.Fatalf("%d links over %d runs of linked text, want one a line over two or more lines", len(links), len(linked))
	}
	for i, l := range links {
		tx := linked[i]
		x0, y0, x1, y1 := tx.Bounds()
		m := tx.Font.Metrics()
		x1 -= m.Size(tx.Text, tx.Size) - m.Size(strings.TrimRight(tx.Text, " "), tx.Size) // the space after the link
		if math.Abs(l.X-x0) > 1e-9 || math.Abs(l.X+l.W-x1) > 1e-6 {
			t.Errorf("link %d spans x %.2f..%.2f, its words %.2f..%.2f", i, l.X, l.X+l.W, x0, x1)
		}
		if l.Y > y0 || l.Y+l.H < y1 {
			t.Errorf("link %d spans y %.2f..%.2f, its words %.2f..%.2f", i, l.Y, l.Y+l.H, y0, y1)
		}
		if i > 0 && l.Y <= links[i-1].Y {
			t.Errorf("link %d is not below link %d", i, i-1)
		}
	}
}
