package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// decodeString decodes a content file for a test: the worksheet head
// (a [worksheet] and one [[section]]) and then src.
func decodeString(t *testing.T, src string) *document.Document {
	t.Helper()
	const head = "[worksheet]\ntitle = \"Tables\"\nfooter = \"{page}\"\n[[section]]\nheading = \"Causes\"\n"
	d, err := document.Decode("x.toml", []byte(head+src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// longTable is a table of n rows, row i's cells "rI" (a word that says
// which row it is in), a sentence that wraps in its column, and an empty
// cell to write in; with a caption and a header.
func longTable(n int) string {
	var b strings.Builder
	b.WriteString("[[section.block]]\ntable = \"Caption of the table\"\nheader = [\"Year\", \"Event\", \"Why it mattered\"]\nrows = [\n")
	for i := range n {
		fmt.Fprintf(&b, "  [\"r%d\", \"r%d %s\", \"\"],\n", i, i, strings.Repeat("words of an event ", 1+i%4))
	}
	b.WriteString("]\n")
	return b.String()
}

// rowPages returns the pages on which the runs of row i of longTable
// fall, and the ys of the header's "Year" on each page.
func rowPages(r *Result, n int) (pages [][]int, headers map[int][]float64, captions []int) {
	pages = make([][]int, n)
	headers = map[int][]float64{}
	for p, texts := range pageTexts(r) {
		for _, tx := range texts {
			switch f := strings.Fields(tx.Text); {
			case tx.Text == "Year":
				headers[p] = append(headers[p], tx.Y)
			case tx.Text == "Caption of the table":
				captions = append(captions, p)
			case len(f) > 0 && strings.HasPrefix(f[0], "r"):
				var i int
				if _, err := fmt.Sscanf(f[0], "r%d", &i); err == nil && i < n {
					if ps := pages[i]; len(ps) == 0 || ps[len(ps)-1] != p {
						pages[i] = append(pages[i], p)
					}
				}
			}
		}
	}
	return pages, headers, captions
}

// TestTableAcrossPages checks a table of many rows: no row is split, the
// header row is at the top of the table on every page it is on, above its
// rows, and the caption is only on the first, with the first row.
func TestTableAcrossPages(t *testing.T) {
	const n = 70
	d := decodeString(t, longTable(n))
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		if len(r.Pages) < 3 {
			t.Fatalf("%+v: %d pages, want the table on at least 3", ed, len(r.Pages))
		}
		pages, headers, captions := rowPages(r, n)
		for i, ps := range pages {
			if len(ps) != 1 {
				t.Errorf("%+v: row %d is on pages %v, want one", ed, i+1, ps)
			}
		}
		if len(captions) != 1 || captions[0] != pages[0][0] {
			t.Errorf("%+v: the caption is on pages %v, the first row on %v", ed, captions, pages[0])
		}
		texts := pageTexts(r)
		for p := pages[0][0]; p <= pages[n-1][0]; p++ {
			if len(headers[p]) != 1 {
				t.Errorf("%+v: page %d has the header %d times, want once", ed, p+1, len(headers[p]))
				continue
			}
			for _, tx := range texts[p] {
				if strings.HasPrefix(tx.Text, "r") && tx.Y <= headers[p][0] {
					t.Errorf("%+v: page %d: %q is above the header", ed, p+1, tx.Text)
				}
			}
		}
		if ed == (Edition{}) && pages[n-1][0]-pages[0][0] < 2 {
			t.Errorf("the table is on pages %d to %d, want three pages at least", pages[0][0]+1, pages[n-1][0]+1)
		}
	}
}

// TestTableRowsAreUnits checks that each row of a table is one unit of
// the flow, the header's units apart from the body's, and that the rows
// are repeated with the header at the top of a page (unit.head), so that
// tagging can find a table's rows and header cells.
func TestTableRowsAreUnits(t *testing.T) {
	d := decodeString(t, "[[section.block]]\ntable = \"\"\nheader = [\"A\", \"B\"]\nrows = [[\"a\", \"\"], [\"b\", \"c\"]]\nblank_rows = 2\n")
	b, err := newEditionBuilder(d, Edition{}, tune{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.release()
	b.flowHeight = 1000
	k, err := kindOf(d.Sections[0].Blocks[0])
	if err != nil {
		t.Fatal(err)
	}
	us := k.set(b, &Node{Role: RoleSect})
	if len(us) != 5 {
		t.Fatalf("%d units, want the header and 4 rows", len(us))
	}
	if !us[0].keep || us[1].keep || us[0].head != nil {
		t.Errorf("the header keeps with the first row (%v), the first row with nothing (%v), the header has no head (%v)", us[0].keep, us[1].keep, us[0].head)
	}
	for i, u := range us[1:] {
		if u.head == nil || u.head.texts[0].Text != "A" || u.head.texts[0].Style != 1 {
			t.Errorf("row %d: its head is not the bold header row", i+1)
		}
	}
	// A row with an empty cell is one writing line high inside; a row of
	// text, as high as its text.
	g, _ := tableKind{}.gridOf(t, b, d)
	if in := us[1].height - 2*g.padY; math.Abs(in-b.ruling) > 1e-9 {
		t.Errorf("a row with an empty cell is %.2f high inside, want one writing line, %.2f", in, b.ruling)
	}
	if in := us[2].height - 2*g.padY; math.Abs(in-b.lead) > 1e-9 {
		t.Errorf("a row of text is %.2f high inside, want one line, %.2f", in, b.lead)
	}
}

// gridOf returns the grid of d's first block, a table, measured by b.
func (tableKind) gridOf(t *testing.T, b *builder, d *document.Document) (*grid, bool) {
	t.Helper()
	k := tableKind{Table: d.Sections[0].Blocks[0].Body.(*document.Table)}
	return k.grid(b)
}

// TestTableWidths checks how a table's columns share the text column: by
// widths, and from the content, a column to write in getting the room.
func TestTableWidths(t *testing.T) {
	tests := []struct {
		name  string
		table string
		want  []float64 // shares of the text column
	}{
		{"widths", "header = [\"A\", \"B\", \"C\"]\nwidths = [2, 3, 1]\n", []float64{2.0 / 6, 3.0 / 6, 1.0 / 6}},
		{"huge widths", "header = [\"A\", \"B\"]\nwidths = [1e300, 3e300]\n", []float64{0.25, 0.75}},
		{"a column to write in takes the room", "header = [\"Word\", \"Meaning\"]\nrows = [[\"photosynthesis\", \"\"], [\"respiration\", \"\"]]\n", nil},
		{"equal columns to write in", "header = [\"A\", \"B\", \"C\"]\nblank_rows = 2\n", []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeString(t, "[[section.block]]\ntable = \"\"\n"+tt.table)
			b, err := newEditionBuilder(d, Edition{}, tune{})
			if err != nil {
				t.Fatal(err)
			}
			defer b.release()
			g, ok := tableKind{}.gridOf(t, b, d)
			if !ok {
				t.Fatal(b.err)
			}
			if g.x[0] != b.left || math.Abs(g.x[len(g.x)-1]-(b.left+b.width)) > 1e-9 {
				t.Errorf("the table spans %.2f to %.2f, want the text column, %.2f to %.2f", g.x[0], g.x[len(g.x)-1], b.left, b.left+b.width)
			}
			if tt.want == nil {
				// The word column is as wide as its widest word, padded.
				word := b.at(b.size).width(fonts.Regular, "photosynthesis") + 2*g.padX
				if got := g.x[1] - g.x[0]; math.Abs(got-word) > 1e-6 {
					t.Errorf("the column of words is %.2f wide, want %.2f", got, word)
				}
				return
			}
			for j, share := range tt.want {
				if got := (g.x[j+1] - g.x[j]) / b.width; math.Abs(got-share) > 1e-9 {
					t.Errorf("column %d has %.4f of the width, want %.4f", j+1, got, share)
				}
			}
		})
	}
}

// TestTableErrors checks the problems only the layout finds, each at its
// place in the file: a word its column cannot hold, an answer too long
// for its cell, a row taller than a page.
func TestTableErrors(t *testing.T) {
	tests := []struct {
		name  string
		table string
		ed    Edition
		at    document.Pos
		msg   string
	}{
		{"a word wider than its column", "header = [\"A\", \"B\"]\nrows = [[\"a\", \"b\"], [\"Collectivisation\", \"c\"]]\nwidths = [1, 20]\n", Edition{},
			document.Pos{Line: 9, Column: 22},
			`the word "Collectivisation" in row 2, column 1 of the table needs a column 31 mm wide, and widths make column 1 8 mm wide: give it a larger share of widths, or break the word with a soft hyphen (\u00AD)`},
		{"a header word wider than its column", "header = [\"A\", \"Importance\"]\nwidths = [20, 1]\n", Edition{},
			document.Pos{Line: 8, Column: 16},
			`the word "Importance" in column 2 of the header of the table needs a column`},
		{"words wider than the page", "rows = [[" + strings.Repeat("\"Collectivisation\", ", 11) + "\"Industrialisation\"]]\n", Edition{},
			document.Pos{Line: 8, Column: 230},
			`the word "Industrialisation" in row 1, column 12 of the table needs a column 32 mm wide, and the longest words of all the columns need 368 mm together, more than the 174 mm of the text column: shorten them, break them with a soft hyphen (\u00AD), or use fewer columns`},
		{"an answer too long for its cell", "header = [\"A\", \"B\"]\nrows = [[\"a\", \"\"]]\nanswers = [[\"\", \"" + strings.Repeat("an answer ", 30) + "\"]]\n", Edition{},
			document.Pos{Line: 10, Column: 17},
			`the answer for row 1, column 2 of the table needs 4 writing lines and its cell has 1: shorten the answer or raise row_lines to 4`},
		{"a row taller than a page", "header = [\"A\"]\nblank_rows = 1\nrow_lines = 20\n[style]\nruling_mm = 15\n", Edition{},
			document.Pos{Line: 9, Column: 1},
			`row 1 of the table is 313 mm high with the header above it, and a page holds 251 mm: a row never breaks across pages, so shorten its cells or lower row_lines`},
		{"a header taller than a page", "header = [\"A\", \"" + strings.Repeat("word ", 2000) + "\"]\n", Edition{},
			document.Pos{Line: 8, Column: 11},
			`the header of the table is`},
		{"a row taller than a page in large print", "header = [\"A\"]\nblank_rows = 1\nrow_lines = 20\n[style]\nruling_mm = 12\n", Edition{LargePrint: true},
			document.Pos{Line: 9, Column: 1},
			`in large print, row 1 of the table is`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeString(t, "[[section.block]]\ntable = \"\"\n"+tt.table)
			_, err := WorksheetEdition(d, tt.ed)
			var pe *PosError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a PosError", err)
			}
			if pe.Pos != tt.at || !strings.HasPrefix(pe.Msg, tt.msg) {
				t.Errorf("error at %v: %s\nwant at %v: %s", pe.Pos, pe.Msg, tt.at, tt.msg)
			}
		})
	}
}

// TestTableAnswers checks that the answer key writes each answer in its
// cell, in the answer colour, a line on each writing line, and that a
// row keeps the lines its answer needs when fit_pages cuts the others.
func TestTableAnswers(t *testing.T) {
	d := decodeString(t, "[[section.block]]\ntable = \"\"\nheader = [\"A\", \"B\"]\nrows = [[\"a\", \"\"], [\"b\", \"\"]]\nrow_lines = 3\n"+
		"answers = [[\"\", \""+strings.Repeat("answer ", 30)+"\"], [\"\", \"\"]]\n")
	key := mustEdition(t, d, Edition{Answers: true})
	ans := answerTexts(key)[0]
	if len(ans) != 3 {
		t.Fatalf("%d lines of answer, want 3: %v", len(ans), ans)
	}
	b, err := newEditionBuilder(d, Edition{}, tune{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.release()
	g, _ := tableKind{}.gridOf(t, b, d)
	for i, a := range ans {
		if a.X != g.x[1]+g.padX || a.X+a.Width > g.x[2]-g.padX+1e-9 {
			t.Errorf("answer line %d at %.2f to %.2f, outside its cell's %.2f to %.2f", i+1, a.X, a.X+a.Width, g.x[1]+g.padX, g.x[2]-g.padX)
		}
		if i > 0 && math.Abs(a.Y-ans[i-1].Y-b.ruling) > 1e-9 {
			t.Errorf("answer line %d is %.2f below the one above, want a writing line, %.2f", i+1, a.Y-ans[i-1].Y, b.ruling)
		}
	}
	// Cut to one line, the answered row keeps 3, the other has 1.
	b.tn.cut = 2
	k := tableKind{Table: d.Sections[0].Blocks[0].Body.(*document.Table)}
	b.flowHeight = 1000
	us := k.set(b, &Node{Role: RoleSect})
	if in := us[1].height - 2*g.padY; math.Abs(in-3*b.ruling) > 1e-9 {
		t.Errorf("the answered row is %.2f high inside, want its 3 lines, %.2f", in, 3*b.ruling)
	}
	if in := us[2].height - 2*g.padY; math.Abs(in-b.ruling) > 1e-9 {
		t.Errorf("the row without an answer is %.2f high inside, want one line, %.2f", in, b.ruling)
	}
	if b.err != nil {
		t.Error(b.err)
	}
}

// TestTableFitPages checks that fit_pages takes writing lines from the
// rows to write in before it tightens the spacing or shrinks the type.
func TestTableFitPages(t *testing.T) {
	src := "[[section.block]]\ntable = \"T\"\nheader = [\"A\", \"B\"]\nblank_rows = 12\nrow_lines = 3\n"
	d := decodeString(t, src)
	if n := len(mustWorksheet(t, d).Pages); n != 2 {
		t.Fatalf("the table takes %d pages without fit_pages, want 2", n)
	}
	d.Worksheet.FitPages = 1
	tn, err := fit(d, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tn.cut == 0 || tn.cut > 2 || tn.tight != 0 || tn.shrink != 0 {
		t.Errorf("fit_pages squeezes the table by %+v, want only writing lines cut", tn)
	}
	if r := mustWorksheet(t, d); len(r.Pages) != 1 {
		t.Errorf("with fit_pages = 1: %d pages", len(r.Pages))
	}
}

// TestPageBreaks checks page_break and new_page: a new page, with the
// heading or lead-in that stays with the block, and none at the top of a
// page; fit_pages keeps them.
func TestPageBreaks(t *testing.T) {
	first := func(r *Result, s string) int {
		for p, texts := range pageTexts(r) {
			for _, tx := range texts {
				if strings.Contains(tx.Text, s) && tx.Text != english.AnswerKey {
					return p + 1
				}
			}
		}
		return 0
	}
	tests := []struct {
		name  string
		src   string
		pages int
		where map[string]int // the page each text is first on
	}{
		{"a block", "[[section.block]]\ntext = \"One.\"\n[[section.block]]\ntext = \"Two.\"\npage_break = true\n", 2,
			map[string]int{"One.": 1, "Two.": 2}},
		{"at the top of a page", "[[section.block]]\ntext = \"One.\"\npage_break = true\n", 1, map[string]int{"Causes": 1, "One.": 1}},
		{"the first block of a section takes its heading", "[[section.block]]\ntext = \"One.\"\n[[section]]\nheading = \"Next\"\n[[section.block]]\ntext = \"Two.\"\npage_break = true\n", 2,
			map[string]int{"One.": 1, "Next": 2, "Two.": 2}},
		{"a lead-in goes with its block", "[[section.block]]\ntext = \"One.\"\n[[section.block]]\ntext = \"Fill in:\"\n[[section.block]]\ntable = \"\"\nheader = [\"A\"]\npage_break = true\n", 2,
			map[string]int{"One.": 1, "Fill in:": 2, "A": 2}},
		{"a section", "[[section.block]]\ntext = \"One.\"\n[[section]]\nheading = \"Next\"\nnew_page = true\n[[section.block]]\ntext = \"Two.\"\n", 2,
			map[string]int{"One.": 1, "Next": 2, "Two.": 2}},
		{"two breaks make one", "[[section.block]]\ntext = \"One.\"\n[[section]]\nheading = \"Next\"\nnew_page = true\n[[section.block]]\ntext = \"Two.\"\npage_break = true\n", 2,
			map[string]int{"One.": 1, "Next": 2, "Two.": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeString(t, tt.src)
			for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
				r := mustEdition(t, d, ed)
				if len(r.Pages) != tt.pages {
					t.Errorf("%+v: %d pages, want %d", ed, len(r.Pages), tt.pages)
				}
				for s, p := range tt.where {
					if got := first(r, s); got != p {
						t.Errorf("%+v: %q is on page %d, want %d", ed, s, got, p)
					}
				}
			}
		})
	}
	d := decodeString(t, tests[0].src+"[[section.block]]\nnotes = \"N\"\nlines = 30\n")
	d.Worksheet.FitPages = 1
	if _, err := fit(d, 0); err == nil || !strings.Contains(err.Error(), "needs at least 2 pages") {
		t.Errorf("fit_pages = 1 with a page break: error %v, want that it needs at least 2 pages", err)
	}
}
