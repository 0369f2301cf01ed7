package layout

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// decodeFile decodes a content file for a test.
func decodeFile(t *testing.T, path string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Decode(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mustEdition lays out edition ed of d and checks the layout invariants.
func mustEdition(t *testing.T, d *document.Document, ed Edition) *Result {
	t.Helper()
	r, err := WorksheetEdition(d, ed)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, r, d)
	return r
}

// answerTexts returns the runs in the answer colour of each page, but for
// the label that says the answer key is one.
func answerTexts(r *Result) [][]Text {
	out := make([][]Text, len(r.Pages))
	for i, p := range r.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(Text); ok && tx.Color == answer && tx.Text != english.AnswerKey {
				out[i] = append(out[i], tx)
			}
		}
	}
	return out
}

// keyOnly reports whether it is drawn only in the answer key: text and
// ticks in the answer colour, the tint of the right choices' boxes.
func keyOnly(it Item) bool {
	switch v := it.(type) {
	case Text:
		return v.Color == answer
	case Rule:
		return v.Color == answer
	case Box:
		return v.Fill != nil && *v.Fill == keyTint
	}
	return false
}

// withoutKey returns the items that are not keyOnly.
func withoutKey(items []Item) []Item {
	var rest []Item
	for _, it := range items {
		if !keyOnly(it) {
			rest = append(rest, it)
		}
	}
	return rest
}

func TestAnswerKeyPaginatesLikeStudentCopy(t *testing.T) {
	for _, path := range []string{"testdata/editions.toml", "testdata/tables.toml", "testdata/questions.toml", "../content/end-of-the-purges.toml"} {
		d := decodeFile(t, path)
		student := mustEdition(t, d, Edition{})
		key := mustEdition(t, d, Edition{Answers: true})
		if len(key.Pages) != len(student.Pages) {
			t.Fatalf("%s: answer key has %d pages, student copy %d", path, len(key.Pages), len(student.Pages))
		}
		for i := range student.Pages {
			// Without its answers, each page of the key is the student's.
			if got, want := dumpItems(withoutKey(key.Pages[i].Items)), dumpItems(student.Pages[i].Items); got != want {
				t.Errorf("%s page %d: the key without answers differs from the student copy", path, i+1)
			}
		}
		for i, p := range student.Pages {
			for _, it := range p.Items {
				if keyOnly(it) {
					t.Errorf("%s: student page %d has %s, which only the key has", path, i+1, dumpItem(it))
				}
			}
		}
	}
}

func dumpItems(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(dumpItem(it) + "\n")
	}
	return b.String()
}

func TestAnswersSitOnTheRules(t *testing.T) {
	d := decodeFile(t, "testdata/editions.toml")
	r := mustEdition(t, d, Edition{Answers: true})
	ruling := d.Style.RulingMM * mm
	want := []string{"Because the terror", "Lavrentiy Beria.", "A Stalinist obituary", "Killed with an ice axe"}
	var all []string
	for i, texts := range answerTexts(r) {
		for _, tx := range texts {
			all = append(all, tx.Text)
			if tx.Style != fonts.Italic || tx.Color == ink || tx.Color == accent || tx.Color == muted {
				t.Errorf("answer %q: font %v %v colour %v, want italic in a colour of its own", tx.Text, tx.Font, tx.Style, tx.Color)
			}
			if !onRule(r.Pages[i], tx, ruling) {
				t.Errorf("page %d: answer line %q (baseline %.2f) is not just above a rule that spans it", i+1, tx.Text, tx.Y)
			}
		}
	}
	joined := strings.Join(all, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("answer key lacks %q; it has:\n%s", w, joined)
		}
	}
	if n := len(all); n != 3+1+2+1 {
		t.Errorf("%d answer lines, want 7 (one per ruled line)", n)
	}
}

// onRule reports whether tx's baseline is a little above (at most a fifth
// of a row, and clear of its descenders) a horizontal rule that spans it.
func onRule(p Page, tx Text, ruling float64) bool {
	m := tx.Font.Metrics()
	desc := -float64(m.Descent) * tx.Size / 1000
	for _, it := range p.Items {
		r, ok := it.(Rule)
		if !ok || r.Y0 != r.Y1 {
			continue
		}
		gap := r.Y0 - tx.Y
		if gap > desc && gap <= 0.2*ruling && r.X0 <= tx.X+0.01 && tx.X+tx.Width <= r.X1+0.01 {
			return true
		}
	}
	return false
}

func TestAnswerTooLongForItsBox(t *testing.T) {
	blk := notes("Why?", 2)
	blk.Pos = document.Pos{Line: 20, Column: 1}
	notesOf(blk).Answer = document.Answer{Paragraphs: []document.Inline{document.Plain(sentences(4, 0))}, Pos: document.Pos{Line: 23, Column: 1}}
	for _, ed := range []Edition{{}, {Answers: true}} {
		_, err := WorksheetEdition(newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{blk}}), ed)
		var pe *PosError
		if !errors.As(err, &pe) {
			t.Fatalf("%+v: error %v, want a PosError", ed, err)
		}
		want := "23:1: the answer of the notes block at line 20 needs 4 writing lines and its box has 2: shorten the answer or raise lines to 4"
		if err.Error() != want {
			t.Errorf("%+v: error\n%s\nwant\n%s", ed, err, want)
		}
	}
}

func TestLargePrint(t *testing.T) {
	// markup.toml has *emphasis*, which large print sets in bold.
	for _, path := range []string{"testdata/editions.toml", "testdata/features.toml", "testdata/markup.toml", "testdata/questions.toml", "../content/end-of-the-purges.toml"} {
		d := decodeFile(t, path)
		r := mustEdition(t, d, Edition{LargePrint: true})
		for i, p := range r.Pages {
			var body []Text
			var rules []float64
			for _, it := range p.Items {
				switch v := it.(type) {
				case Text:
					if v.Style == fonts.Italic || v.Style == fonts.BoldItalic {
						t.Errorf("%s page %d: %q is in italics", path, i+1, v.Text)
					}
					if face, _ := v.Font.Face(); face.Family != fonts.Sans || face.Style != v.Style {
						t.Errorf("%s page %d: %q is not sans-serif", path, i+1, v.Text)
					}
					if v.Color == ink && v.Style == fonts.Regular {
						body = append(body, v)
					}
					if v.Size < 14 {
						t.Errorf("%s page %d: %q is set at %.1f pt", path, i+1, v.Text, v.Size)
					}
				case Rule:
					if v.Y0 == v.Y1 && v.Color == rule {
						rules = append(rules, v.Y0)
					}
				}
			}
			for k, tx := range body {
				if tx.Size < 16 {
					t.Errorf("%s page %d: body text %q is %.1f pt, want at least 16", path, i+1, tx.Text, tx.Size)
				}
				// Texts side by side (choices, the columns of a
				// matching exercise) each run top to bottom: a text
				// higher than the one before starts a column.
				if k > 0 && tx.Y > body[k-1].Y && tx.Y-body[k-1].Y < 1.5*tx.Size-1e-9 {
					t.Errorf("%s page %d: %q is %.2f pt below the line above, want at least %.2f", path, i+1, tx.Text, tx.Y-body[k-1].Y, 1.5*tx.Size)
				}
			}
			for k := 1; k < len(rules); k++ {
				if gap := rules[k] - rules[k-1]; gap > 0 && gap < 11*mm-1e-9 {
					t.Errorf("%s page %d: writing lines %.2f mm apart, want at least 11", path, i+1, gap/mm)
				}
			}
		}
	}
}

// boxes returns the writing boxes (stroked, not filled) of a page.
func boxes(p Page) []Box {
	var bs []Box
	for _, it := range p.Items {
		if b, ok := it.(Box); ok && b.Stroke != nil && b.Fill == nil {
			bs = append(bs, b)
		}
	}
	return bs
}

func TestFillTakesTheRestOfThePage(t *testing.T) {
	moved := 0
	for fill := range 45 {
		blocks := []document.Block{}
		for i := range fill {
			blocks = append(blocks, bullet(sentence(i)))
		}
		f := notes("Write everything you know.", 6)
		notesOf(f).Fill = true
		d := newDoc(document.Section{Heading: document.Plain("One"), Blocks: append(blocks, f)})
		r := mustWorksheet(t, d)
		last := r.Pages[len(r.Pages)-1]
		bs := boxes(last)
		if len(bs) != 1 {
			t.Fatalf("fill %d: %d boxes on the last page, want 1", fill, len(bs))
		}
		b, err := newBuilder(d, d.Worksheet.Paper)
		if err != nil {
			t.Fatal(err)
		}
		bottom := last.Height - b.margin - b.footerZone()
		b.release()
		if _, _, _, y1 := bs[0].Bounds(); math.Abs(y1-bottom) > 0.01 {
			t.Errorf("fill %d: box ends at %.2f, want the foot of the flow, %.2f", fill, y1, bottom)
		}
		rows := 0
		for _, it := range last.Items {
			if r, ok := it.(Rule); ok && r.Y0 == r.Y1 && r.Color == rule {
				rows++
			}
		}
		if rows < fillMin {
			t.Errorf("fill %d: %d writing lines, want at least %d", fill, rows, fillMin)
		}
		if len(r.Pages) > 1 && len(baselinesOf(pageTexts(r)[len(r.Pages)-1], "Sentence")) == 0 {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("no fill box moved to a page of its own: the sweep does not reach the foot of the page")
	}
}

func TestFitPages(t *testing.T) {
	d := decodeFile(t, "../content/end-of-the-purges.toml")
	natural := mustWorksheet(t, d)
	if len(natural.Pages) != 4 {
		t.Fatalf("the seed worksheet has %d pages, want 4", len(natural.Pages))
	}
	d.Worksheet.FitPages = 3
	r := mustWorksheet(t, d)
	if len(r.Pages) != 3 {
		t.Errorf("fit_pages = 3: %d pages", len(r.Pages))
	}
	if got := strings.Join(allWords(r), " "); got != strings.Join(allWords(natural), " ") {
		t.Errorf("fit_pages = 3: the words differ from the natural layout")
	}
	key := mustEdition(t, d, Edition{Answers: true})
	if len(key.Pages) != len(r.Pages) {
		t.Errorf("fit_pages = 3: the answer key has %d pages, the student copy %d", len(key.Pages), len(r.Pages))
	}
	for _, p := range pageTexts(r) {
		for _, tx := range p {
			if tx.Color == ink && tx.Style == fonts.Regular && tx.Size < minFitSize-1e-9 {
				t.Errorf("fit_pages = 3: body text %q at %.2f pt", tx.Text, tx.Size)
			}
		}
	}
	// Two pages are too few even at the tightest.
	d.Worksheet.FitPages, d.Worksheet.FitPos = 2, document.Pos{Line: 12, Column: 1}
	_, err := Worksheet(d)
	want := "12:1: fit_pages = 2: the worksheet needs at least 3 pages, even with every writing space at its min_lines, the tightest spacing and 10 pt type"
	if err == nil || err.Error() != want {
		t.Errorf("fit_pages = 2: error\n%v\nwant\n%s", err, want)
	}
}

func TestFitPagesKeepsMinLines(t *testing.T) {
	d := decodeFile(t, "../content/end-of-the-purges.toml")
	d.Worksheet.FitPages = 3
	r := mustWorksheet(t, d)
	for i, p := range r.Pages {
		for _, b := range boxes(p) {
			if rows := int(b.H / (d.Style.RulingMM * mm)); rows < d.Worksheet.MinLines {
				t.Errorf("page %d: a box of %d lines, below min_lines %d", i+1, rows, d.Worksheet.MinLines)
			}
		}
	}
}

func TestFitPagesImpossible(t *testing.T) {
	blocks := []document.Block{}
	for i := range 6 {
		blocks = append(blocks, text(sentences(12, 100*i)), notes("Why?", 10))
	}
	d := newDoc(document.Section{Heading: document.Plain("One"), Blocks: blocks})
	d.Worksheet.FitPages, d.Worksheet.FitPos, d.Worksheet.MinLines = 1, document.Pos{Line: 4, Column: 1}, 3
	_, err := Worksheet(d)
	want := "4:1: fit_pages = 1: the worksheet needs at least 3 pages, even with every writing space at its min_lines, the tightest spacing and 10 pt type"
	if err == nil || err.Error() != want {
		t.Fatalf("error\n%v\nwant\n%s", err, want)
	}
}

func TestFitPagesLeavesAFittingWorksheetAlone(t *testing.T) {
	d := decodeFile(t, "../content/end-of-the-purges.toml")
	want := mustWorksheet(t, d).Dump()
	d.Worksheet.FitPages = 4
	if got := mustWorksheet(t, d).Dump(); got != want {
		t.Errorf("fit_pages = 4 changed a 4-page worksheet")
	}
}
