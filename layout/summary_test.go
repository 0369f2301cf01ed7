package layout

import (
	"fmt"
	"strings"
	"testing"

	"handout/document"
)

// paperNames are the format's named papers and custom sizes from the
// smallest to the largest allowed.
var paperNames = []string{"A5", "A4", "A3", "B5", "Letter", "Legal", "Tabloid",
	"50x50mm", "120x120mm", "100x150mm", "8.5x11in", "1000x1000mm"}

// paper returns a paper as document decodes it.
func paper(name string, landscape bool) document.Paper {
	p, ok := document.PaperSize(name, landscape)
	if !ok {
		panic("no paper " + name)
	}
	return p
}

func summaryDoc(p document.Paper, size float64, panels []document.Panel) *document.Document {
	d := newDoc()
	d.Style.Size = size
	d.Summary = &document.Summary{Title: document.Plain("Causes, Course and Effects of the Purges"), Paper: p, NameLine: []string{english.Name, english.Class, english.Date}, Panels: panels}
	return d
}

func panels(n int, heading, prompt string) []document.Panel {
	ps := make([]document.Panel, n)
	for i := range ps {
		ps[i] = document.Panel{Heading: document.Plain(fmt.Sprintf("%s %d", heading, i+1)), Prompt: document.Plain(prompt), Ruling: document.Ruling(i % 4)}
	}
	return ps
}

// panelBoxes returns the summary's panel frames: stroked, unfilled boxes.
func panelBoxes(p Page) []Box {
	var bs []Box
	for _, it := range p.Items {
		if b, ok := it.(Box); ok && b.Stroke != nil && b.Fill == nil {
			bs = append(bs, b)
		}
	}
	return bs
}

// TestSummaryGrid lays out summaries on every paper, both ways, with 1 to 12
// panels at three sizes: each either fits, with every item inside the
// margins, every word of every heading and prompt placed, panels apart and
// everything inside its panel, or is refused with an error.
func TestSummaryGrid(t *testing.T) {
	prompt := "Why did the Purges begin, and who was behind them?"
	for _, name := range paperNames {
		for _, landscape := range []bool{false, true} {
			for n := 1; n <= 12; n++ {
				for _, size := range []float64{8, 11, 24} {
					p := paper(name, landscape)
					d := summaryDoc(p, size, panels(n, "Causes of the Great Terror", prompt))
					r, err := Summary(d)
					if err != nil {
						if !strings.Contains(err.Error(), "no room") && !strings.Contains(err.Error(), "the header and footer take") {
							t.Errorf("%s landscape=%v n=%d size=%v: %v", name, landscape, n, size, err)
						}
						continue
					}
					checkPages(t, r, d)
					checkPanels(t, r.Pages[0], n, fmt.Sprintf("%s landscape=%v n=%d size=%v", name, landscape, n, size))
				}
			}
		}
	}
}

func checkPanels(t *testing.T, p Page, n int, what string) {
	t.Helper()
	boxes := panelBoxes(p)
	if len(boxes) != n {
		t.Fatalf("%s: %d panels, want %d", what, len(boxes), n)
	}
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("%s: panels overlap", what)
			}
		}
	}
	var words []string
	for _, it := range p.Items {
		tx, ok := it.(Text)
		if !ok {
			continue
		}
		words = append(words, strings.Fields(tx.Text)...)
	}
	all := strings.Join(words, " ")
	for i := range n {
		if !strings.Contains(all, fmt.Sprintf("Causes of the Great Terror %d", i+1)) {
			t.Errorf("%s: heading %d is not all there", what, i+1)
		}
	}
	// Everything below the name line belongs to one panel and stays in it.
	for _, it := range p.Items {
		x0, y0, x1, y1 := it.Bounds()
		if y0 < boxes[0].Y-1 || isFooter(it) {
			continue
		}
		in := false
		for _, b := range boxes {
			if x0 >= b.X-1 && x1 <= b.X+b.W+1 && y0 >= b.Y-1 && y1 <= b.Y+b.H+1 {
				in = true
			}
		}
		if !in {
			t.Errorf("%s: %s is outside every panel", what, dumpItem(it))
		}
	}
}

func isFooter(it Item) bool {
	tx, ok := it.(Text)
	return ok && strings.HasPrefix(tx.Text, "Footer / ")
}

func TestSummaryA3LandscapeFits(t *testing.T) {
	ps := panels(3, "Causes", "Why did the Purges begin?")
	for i := range ps {
		ps[i].Ruling = document.Lines
	}
	d := summaryDoc(paper("A3", true), 11, ps)
	r, err := Summary(d)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, r, d)
	boxes := panelBoxes(r.Pages[0])
	for _, b := range boxes[1:] {
		if b.Y != boxes[0].Y || b.W != boxes[0].W || b.H != boxes[0].H {
			t.Errorf("panels are not equal columns: %+v vs %+v", b, boxes[0])
		}
	}
	rows := 0
	for _, it := range r.Pages[0].Items {
		if ru, ok := it.(Rule); ok && ru.Y0 == ru.Y1 && ru.Color == rule {
			rows++
		}
	}
	if rows < 3*20 {
		t.Errorf("%d writing lines in 3 A3 panels, want at least 60", rows)
	}
}

func TestSummaryTooSmallIsAnError(t *testing.T) {
	d := summaryDoc(paper("A5", false), 24, panels(12, "Causes of the Great Terror", strings.Repeat("Why did it begin? ", 10)))
	if _, err := Summary(d); err == nil || !strings.Contains(err.Error(), "no room") {
		t.Fatalf("err = %v, want a no-room error", err)
	}
}
