package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// gapOn is a gap as the tests find it: the item and its page.
type gapOn struct {
	Gap
	page int
}

// gapsOf returns the gaps of r, in reading order.
func gapsOf(r *Result) []gapOn {
	var gs []gapOn
	for i, p := range r.Pages {
		for _, it := range p.Items {
			if g, ok := it.(Gap); ok {
				gs = append(gs, gapOn{g, i})
			}
		}
	}
	return gs
}

// answersOf returns the answers of d's gaps, in reading order.
func answersOf(d *document.Document) []string {
	var as []string
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			for _, in := range b.Body.Texts(false) {
				as = append(as, in.Gaps()...)
			}
		}
	}
	return as
}

// withoutAnswers returns the items of p but for the answer key's answers,
// with the text of every gap left out, for comparing the editions.
func withoutAnswers(p Page) string {
	var b strings.Builder
	for _, it := range p.Items {
		switch v := it.(type) {
		case Text:
			if v.Color == answer {
				continue
			}
		case Gap:
			v.Text, v.TextWidth = "", 0
			it = v
		}
		b.WriteString(dumpItem(it) + "\n")
	}
	return b.String()
}

// TestGaps lays out a sheet of gaps as the student copy and the answer key:
// every gap has the same width, is whole on its line, sits on the baseline
// of the text around it, holds a blank in the student copy and its answer,
// centred on the line, in the key, and the two editions are otherwise the
// same, page for page.
func TestGaps(t *testing.T) {
	d := decodeFile(t, "testdata/gaps.toml")
	student := mustEdition(t, d, Edition{})
	key := mustEdition(t, d, Edition{Answers: true})
	answers := answersOf(d)
	sg, kg := gapsOf(student), gapsOf(key)
	if len(sg) != len(answers) || len(kg) != len(answers) {
		t.Fatalf("%d gaps in the student copy and %d in the key, want %d", len(sg), len(kg), len(answers))
	}
	if len(key.Pages) != len(student.Pages) {
		t.Fatalf("the key has %d pages, the student copy %d", len(key.Pages), len(student.Pages))
	}
	for i := range student.Pages {
		if withoutAnswers(key.Pages[i]) != withoutAnswers(student.Pages[i]) {
			t.Errorf("page %d: the key without its answers is not the student copy", i+1)
		}
	}
	w := sg[0].W
	if w <= 30*mm+0.01 {
		t.Errorf("gap width %.2f mm: the widest answer should widen the gaps past gap_mm = 30", w/mm)
	}
	key0 := answerTexts(key)
	for i, g := range sg {
		if math.Abs(g.W-w) > 1e-9 {
			t.Errorf("gap %d (%q) is %.3f pt wide, gap 0 %.3f: gap widths differ", i, answers[i], g.W, w)
		}
		if drop := g.LineY - g.Y; drop <= 0 || drop > 0.25*g.Size {
			t.Errorf("gap %d: line %.2f pt under the baseline, want a little under it", i, drop)
		}
		if !onLineWithText(student.Pages[g.page], g.Gap) {
			t.Errorf("gap %d (%q): no text on its baseline %.2f", i, answers[i], g.Y)
		}
		if strings.Trim(g.Text, "_") != "" || g.Text == "" || math.Abs(g.TextWidth-g.W) > 0.5*g.TextWidth/float64(len(g.Text))+1e-9 {
			t.Errorf("gap %d: text %q %.2f wide on a line %.2f wide, want underscores about as long as the line", i, g.Text, g.TextWidth, g.W)
		}
		k := kg[i]
		if k.Text != "" || k.X != g.X || k.Y != g.Y || k.W != g.W || k.page != g.page {
			t.Errorf("gap %d: %s in the key, %s in the student copy", i, dumpItem(k.Gap), dumpItem(g.Gap))
		}
		var on []Text
		for _, tx := range key0[k.page] {
			if tx.Y == k.Y && tx.X >= k.X && tx.X+tx.Width <= k.X+k.W {
				on = append(on, tx)
			}
		}
		if len(on) != 1 || on[0].Text != answers[i] {
			t.Errorf("gap %d: the key has %v on it, want its answer %q", i, on, answers[i])
			continue
		}
		if c := on[0].X + on[0].Width/2 - (k.X + k.W/2); math.Abs(c) > 0.01 {
			t.Errorf("gap %d: answer %q is %.2f pt off the middle of its line", i, answers[i], c)
		}
	}
	for i, p := range answerTexts(student) {
		if len(p) > 0 {
			t.Errorf("student page %d has answer text %q", i+1, p[0].Text)
		}
	}
}

// onLineWithText reports whether a text of p other than an answer shares
// g's baseline.
func onLineWithText(p Page, g Gap) bool {
	for _, it := range p.Items {
		if tx, ok := it.(Text); ok && tx.Color != answer && tx.Y == g.Y && tx.Size == g.Size {
			return true
		}
	}
	return false
}

// gapDoc returns a document of one text block, on paper, whose worksheet
// has gap_mm.
func gapDoc(paperName string, gapMM float64, text document.Inline) *document.Document {
	d := newDoc(document.Section{Heading: document.Plain("Gaps"), Blocks: []document.Block{{Body: &document.Text{Paragraphs: []document.Inline{text}}}}})
	d.Worksheet.Paper = paper(paperName, false)
	d.Worksheet.GapMM = gapMM
	return d
}

func gapText(before, ans, after string) document.Inline {
	return document.Inline{{Text: before}, {Text: ans, Gap: true}, {Text: after}}
}

// TestGapWidth checks gap_mm, its scaling in large print, and a gap wider
// than its line: as wide as the line, its answer made smaller to fit.
func TestGapWidth(t *testing.T) {
	tests := []struct {
		name  string
		paper string
		gapMM float64
		ans   string
		ed    Edition
		want  float64 // the width of the gap, in points
	}{
		{"default", "A4", 0, "1938", Edition{}, 30 * mm},
		{"gap_mm", "A4", 50, "1938", Edition{Answers: true}, 50 * mm},
		{"large print", "A4", 30, "1938", Edition{LargePrint: true}, 30 * mm * 16 / 11},
		{"wider than the line", "A5", 30, strings.Repeat("Lavrentiy Beria ", 8), Edition{Answers: true}, (148 - 36) * mm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := gapDoc(tt.paper, tt.gapMM, gapText("He was replaced by ", strings.TrimSpace(tt.ans), "."))
			r := mustEdition(t, d, tt.ed)
			gs := gapsOf(r)
			if len(gs) != 1 || math.Abs(gs[0].W-tt.want) > 0.01 {
				t.Fatalf("gaps %v, want one %.2f wide", gs, tt.want)
			}
			if !tt.ed.Answers {
				return
			}
			for _, tx := range answerTexts(r)[gs[0].page] {
				if tx.X < gs[0].X || tx.X+tx.Width > gs[0].X+gs[0].W+1e-9 {
					t.Errorf("answer %q from %.2f to %.2f is off its line, %.2f to %.2f", tx.Text, tx.X, tx.X+tx.Width, gs[0].X, gs[0].X+gs[0].W)
				}
			}
		})
	}
}

// TestGapInANarrowColumn sets a gap in a table's column narrower than the
// gap: the gap is as wide as the column's inside, and the key's answer
// fits on it.
func TestGapInANarrowColumn(t *testing.T) {
	table := &document.Table{Columns: 2, Widths: []float64{1, 6}, Rows: [][]document.Cell{
		{{Text: gapText("", "Lavrentiy Beria", "")}, {Text: document.Plain("took over in 1938.")}},
	}}
	d := newDoc(document.Section{Heading: document.Plain("Gaps"), Blocks: []document.Block{{Body: table}}})
	r := mustEdition(t, d, Edition{Answers: true})
	gs := gapsOf(r)
	if len(gs) != 1 || gs[0].W >= 30*mm {
		t.Fatalf("gaps %v, want one narrower than 30 mm", gs)
	}
	ans := answerTexts(r)[0]
	if len(ans) != 1 || ans[0].X < gs[0].X || ans[0].X+ans[0].Width > gs[0].X+gs[0].W+1e-9 {
		t.Errorf("answers %v, want one on the gap %s", ans, dumpItem(gs[0].Gap))
	}
}

// TestWordBankBox checks that a word bank is a box right under its
// section's heading, holding its label and its words in order, in every
// edition.
func TestWordBankBox(t *testing.T) {
	d := decodeFile(t, "testdata/gaps.toml")
	words := d.Sections[0].WordBank
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		p := r.Pages[0]
		var (
			box     *Box
			heading Text
			inside  []string
			below   []Text
		)
		for _, it := range p.Items {
			switch v := it.(type) {
			case Box:
				if box == nil && v.Fill == nil && v.Stroke != nil {
					box = &v
				}
			case Text:
				switch {
				case strings.HasPrefix(v.Text, "1. Fill in"):
					heading = v
				case box != nil && v.Y > box.Y && v.Y < box.Y+box.H:
					if v.X < box.X || v.X+v.Width > box.X+box.W {
						t.Errorf("%+v: %q sticks out of the word bank", ed, v.Text)
					}
					inside = append(inside, v.Text)
				case box != nil && v.Y > box.Y+box.H:
					below = append(below, v)
				}
			}
		}
		if box == nil {
			t.Fatalf("%+v: no word bank box", ed)
		}
		if heading.Text == "" || box.Y < heading.Y || box.Y-heading.Y > 2*heading.Size {
			t.Errorf("%+v: the word bank at %.2f is not right under the heading at %.2f", ed, box.Y, heading.Y)
		}
		if want := append([]string{english.WordBank}, words...); strings.Join(inside, "|") != strings.Join(want, "|") {
			t.Errorf("%+v: the word bank holds %q, want %q", ed, inside, want)
		}
		if len(below) == 0 || !strings.HasPrefix(below[0].Text, "The Purges") {
			t.Errorf("%+v: the section's first block does not follow its word bank", ed)
		}
	}
}

// TestGapsFitPages squeezes a worksheet with gaps onto fewer pages: the
// key is squeezed as the student copy, gap for gap.
func TestGapsFitPages(t *testing.T) {
	d := decodeFile(t, "testdata/gaps.toml")
	notes := d.Sections[1].Blocks[0].Body.(*document.Notes)
	notes.Lines = 40
	d.Worksheet.FitPages = 1
	student := mustEdition(t, d, Edition{})
	key := mustEdition(t, d, Edition{Answers: true})
	if len(student.Pages) != 1 || len(key.Pages) != 1 {
		t.Fatalf("%d and %d pages, want 1", len(student.Pages), len(key.Pages))
	}
	if withoutAnswers(key.Pages[0]) != withoutAnswers(student.Pages[0]) {
		t.Error("squeezed, the key without its answers is not the student copy")
	}
	sg := gapsOf(student)
	for _, g := range sg {
		if g.W != sg[0].W {
			t.Errorf("gap widths differ: %.2f and %.2f", g.W, sg[0].W)
		}
	}
}

// TestWrapKeepsGapsWhole wraps text with gaps, and with what is written
// against them, at every width from far too narrow to wide: each gap is on
// one line, whole, once, in order, and no wider than the line; the words
// against a gap share its line when the line has room for them; and every
// line that does not start with a piece too wide for it fits.
func TestWrapKeepsGapsWhole(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer th.release()
	th.gapLine = 30 * mm
	in := document.Inline{{Text: "In "}, {Text: "1938", Gap: true}, {Text: ", and ("}, {Text: "Great Terror", Gap: true},
		{Text: ")'s end "}, {Text: "a", Gap: true}, {Text: "b", Gap: true}, {Text: " fin."}}
	answers := in.Gaps()
	for width := 1.0; width < 400; width += 3.7 {
		m := th.at(11)
		lines := m.wrap(th.marked(in, fonts.Regular), width)
		var got []string
		for n, l := range lines {
			for _, g := range l.gaps(0) {
				got = append(got, g.frag.text)
				if want := min(30*mm, width); math.Abs(g.frag.width-want) > 1e-9 {
					t.Fatalf("width %.1f, line %d: gap %q is %.2f wide, want %.2f", width, n, g.frag.text, g.frag.width, want)
				}
			}
			if l.width > width+1e-9 && !(len(l.words) == 1 && len(l.words[0].frags) == 1) {
				t.Errorf("width %.1f, line %d: %q is %.2f wide", width, n, l.text(), l.width)
			}
		}
		if strings.Join(got, "|") != strings.Join(answers, "|") {
			t.Fatalf("width %.1f: gaps %q, want %q", width, got, answers)
		}
		if width > 30*mm+20 {
			// Room for a gap and what is written against it: "(", ")'s".
			for n, l := range lines {
				for _, w := range l.words {
					var texts []string
					for _, f := range w.frags {
						texts = append(texts, f.text)
					}
					if slices.Contains(texts, "Great Terror") && strings.Join(texts, "|") != "(|Great Terror|)'s" {
						t.Errorf("width %.1f, line %d: the gap's word is %q, want it with \"(\" and \")'s\"", width, n, texts)
					}
				}
			}
		}
	}
}
