package layout

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// decodeSrc decodes a content file written in a test.
func decodeSrc(t *testing.T, src string) *document.Document {
	t.Helper()
	d, err := document.Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// allTexts returns the text runs of every page, page by page.
func allTexts(r *Result) [][]Text {
	out := make([][]Text, len(r.Pages))
	for i, p := range r.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(Text); ok {
				out[i] = append(out[i], tx)
			}
		}
	}
	return out
}

// numberLabels returns the question numbers placed at the left margin,
// bold, in order.
func numberLabels(r *Result, d *document.Document) []string {
	margin := d.Style.MarginMM * mm
	var out []string
	for _, p := range allTexts(r) {
		for _, tx := range p {
			if math.Abs(tx.X-margin) < 0.01 && tx.Style == fonts.Bold && tx.Color == ink {
				if _, err := strconv.Atoi(tx.Text); err == nil {
					out = append(out, tx.Text)
				}
			}
		}
	}
	return out
}

// TestQuestionNumbers checks that questions, multiple-choice questions
// and matching exercises alike are numbered 1, 2, 3 … through the
// worksheet, across its sections, in every edition, and that with
// number_questions = false they are not, and their text starts at the
// margin.
func TestQuestionNumbers(t *testing.T) {
	d := decodeFile(t, "testdata/questions.toml")
	want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		if got := numberLabels(r, d); !slices.Equal(got, want) {
			t.Errorf("%+v: question numbers %v, want %v", ed, got, want)
		}
	}
	d.Worksheet.NumberQuestions = false
	r := mustEdition(t, d, Edition{})
	if got := numberLabels(r, d); len(got) != 0 {
		t.Errorf("number_questions = false: numbers %v", got)
	}
	margin := d.Style.MarginMM * mm
	found := false
	for _, p := range allTexts(r) {
		for _, tx := range p {
			if strings.HasPrefix(tx.Text, "Read Source A.") {
				found = true
				if math.Abs(tx.X-margin) > 0.01 {
					t.Errorf("number_questions = false: the question's text starts at %.2f, not at the margin %.2f", tx.X, margin)
				}
			}
		}
	}
	if !found {
		t.Error("question 1's text is not on the pages")
	}
}

// marksText matches the marks printed beside a question or part.
var marksText = regexp.MustCompile(`^\[[0-9]+ marks?\]$`)

// TestMarksPrinted checks the marks beside questions and parts: where
// the file gives them (a question with marked parts prints theirs, not
// its own total), "mark" for one, right-aligned against the right margin
// on the first line of their question or part, and that no other text
// runs into the column kept for them.
func TestMarksPrinted(t *testing.T) {
	d := decodeFile(t, "testdata/questions.toml")
	want := []string{"[4 marks]", "[1 mark]", "[2 marks]", "[2 marks]", "[1 mark]", "[3 marks]", "[1 mark]",
		"[4 marks]", "[3 marks]", "[0 marks]", "[6 marks]"}
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		var got []string
		for i, p := range allTexts(r) {
			right := r.Pages[i].Width - d.Style.MarginMM*mm
			var marks []Text
			for _, tx := range p {
				if marksText.MatchString(tx.Text) {
					got = append(got, tx.Text)
					marks = append(marks, tx)
					if math.Abs(tx.X+tx.Width-right) > 0.01 {
						t.Errorf("%+v: %q ends at %.2f, not at the margin %.2f", ed, tx.Text, tx.X+tx.Width, right)
					}
				}
			}
			for _, m := range marks {
				beside := false
				for _, tx := range p {
					if tx == m || tx.Y != m.Y {
						continue
					}
					beside = true
					if tx.X+tx.Width > m.X-0.5*tx.Size && tx.Color != answer {
						t.Errorf("%+v: %q runs into the marks %q", ed, tx.Text, m.Text)
					}
				}
				if !beside {
					t.Errorf("%+v: %q is on a line of its own", ed, m.Text)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: marks\n%q\nwant\n%q", ed, got, want)
		}
	}
}

// TestTotalAndGradingTable checks the title block of a question paper:
// the total of the marks unless show_total = false, and the grading
// table's rows, with a column for each question that has marks and the
// total.
func TestTotalAndGradingTable(t *testing.T) {
	d := decodeFile(t, "testdata/questions.toml")
	first := func(r *Result) string {
		var s []string
		for _, tx := range allTexts(r)[0] {
			s = append(s, tx.Text)
		}
		return strings.Join(s, "|")
	}
	r := mustEdition(t, d, Edition{})
	page := first(r)
	for _, want := range []string{"Total: 27 marks", "Question|1|2|3|4|5|6|7|9|Total", "Marks|4|6|3|1|4|3|0|6|27", "Score"} {
		if !strings.Contains(page, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, page)
		}
	}
	d.Worksheet.ShowTotal, d.Worksheet.GradingTable = false, false
	page = first(mustEdition(t, d, Edition{}))
	for _, gone := range []string{"Total", "Score"} {
		if strings.Contains(page, gone) {
			t.Errorf("show_total = false, grading_table = false: page 1 has %q", gone)
		}
	}
}

// TestGradingTableSplits checks that more questions than one table has
// room for make several tables, each inside the margins, with the total
// only at the end of the last.
func TestGradingTableSplits(t *testing.T) {
	src := "[worksheet]\ntitle = \"T\"\ngrading_table = true\n[[section]]\nheading = \"H\"\n" +
		strings.Repeat("[[section.block]]\nquestion = \"Q?\"\nmarks = 10\n", 30)
	d := decodeSrc(t, src)
	r := mustEdition(t, d, Edition{})
	var rows []string
	for _, tx := range allTexts(r)[0] {
		if tx.Text == "Question" || tx.Text == "Total" {
			rows = append(rows, tx.Text)
		}
	}
	if len(rows) < 3 || rows[len(rows)-1] != "Total" || slices.Index(rows, "Total") != len(rows)-1 {
		t.Errorf("tables' heads %v: want two tables or more, the total once, at the end", rows)
	}
}

// TestStemStaysWithFirstPart moves a question with parts down the page a
// line at a time, and checks that its text is always on the page of its
// first part, and that each part's text is on the page of its writing
// lines.
func TestStemStaysWithFirstPart(t *testing.T) {
	for fill := 20; fill < 48; fill++ {
		src := "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n" +
			strings.Repeat("[[section.block]]\nbullet = \"A line.\"\n", fill) +
			"[[section.block]]\nquestion = \"The stem.\"\nparts = [{text = \"Part one.\", lines = 3}, {text = \"Part two.\", lines = 3}]\n"
		d := decodeSrc(t, src)
		r := mustEdition(t, d, Edition{})
		pageOf := map[string]int{}
		rulesAfter := map[int]int{} // rules on each page
		for i, p := range r.Pages {
			for _, it := range p.Items {
				switch v := it.(type) {
				case Text:
					pageOf[v.Text] = i
				case Rule:
					if v.Color == rule {
						rulesAfter[i]++
					}
				}
			}
		}
		at := fmt.Sprintf("%d bullets", fill)
		if pageOf["The stem."] != pageOf["Part one."] {
			t.Errorf("%s: the stem is on page %d, its first part on page %d", at, pageOf["The stem."]+1, pageOf["Part one."]+1)
		}
		for _, part := range []string{"Part one.", "Part two."} {
			if rulesAfter[pageOf[part]] < 3 {
				t.Errorf("%s: %q is on page %d without its lines", at, part, pageOf[part]+1)
			}
		}
	}
}

// tickBoxes returns the tick boxes of a page: squares stroked in ink.
func tickBoxes(p Page, side float64) []Box {
	var out []Box
	for _, it := range p.Items {
		if b, ok := it.(Box); ok && b.Stroke != nil && *b.Stroke == ink && math.Abs(b.W+b.LineWidth-side) < 0.01 && math.Abs(b.H-b.W) < 0.01 {
			out = append(out, b)
		}
	}
	return out
}

// TestTickBoxes checks that every choice has a drawn tick box that scales
// with the type, and that the answer key fills and ticks those of the
// right choices, and only those.
func TestTickBoxes(t *testing.T) {
	d := decodeFile(t, "testdata/questions.toml")
	const choices, right = 2 + 5 + 4 + 2, 1 + 4 + 1 + 1
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		size := d.Style.Size
		if ed.LargePrint {
			size = largeSize
		}
		boxes, tints, ticks := 0, 0, 0
		for _, p := range r.Pages {
			boxes += len(tickBoxes(p, 1.05*size))
			for _, it := range p.Items {
				switch v := it.(type) {
				case Box:
					if v.Fill != nil && *v.Fill == keyTint {
						tints++
					}
				case Rule:
					if v.Color == answer {
						ticks++
					}
				}
			}
		}
		wantTints := 0
		if ed.Answers {
			wantTints = right
		}
		if boxes != choices || tints != wantTints || ticks != 2*wantTints {
			t.Errorf("%+v: %d tick boxes, %d tinted, %d tick strokes; want %d, %d, %d", ed, boxes, tints, ticks, choices, wantTints, 2*wantTints)
		}
	}
}

// TestChoiceColumns checks the columns of choices: as many as the file
// gives, or as fit on a line, balanced.
func TestChoiceColumns(t *testing.T) {
	head := "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\nquestion = \"Q?\"\ncorrect = 1\n"
	for _, c := range []struct {
		lines string
		rows  int // the rows of tick boxes
	}{
		{`choices = ["1932", "1934", "1936", "1938"]`, 1},
		{`choices = ["1932", "1934", "1936", "1938"]` + "\ncolumns = 2", 2},
		{`choices = ["1932", "1934", "1936", "1938", "1940"]` + "\ncolumns = 1", 5},
		{`choices = ["` + sentence(1) + `", "` + sentence(2) + `", "` + sentence(3) + `"]`, 3},
		{`choices = ["A rather long first choice", "A rather long second choice", "A rather long third choice", "A rather long fourth"]`, 2},
	} {
		r := mustEdition(t, decodeSrc(t, head+c.lines+"\n"), Edition{})
		ys := map[float64]bool{}
		for _, b := range tickBoxes(r.Pages[0], 1.05*11) {
			ys[b.Y] = true
		}
		if len(ys) != c.rows {
			t.Errorf("%s: %d rows, want %d", c.lines, len(ys), c.rows)
		}
	}
}

// matchRow is a row of a laid-out matching exercise.
type matchRow struct {
	left, right, letter, key string
}

// matchRows reads the rows of the matching exercise of questions.toml
// from a page: the left text by its number, the right text and its
// letter, and the key's letter in the box.
func matchRows(p []Text, lefts []string) []matchRow {
	var rows []matchRow
	for _, l := range lefts {
		var at *Text
		for i := range p {
			// A left text may wrap: its first line starts it.
			if len(p[i].Text) > 4 && strings.HasPrefix(l, p[i].Text) {
				at = &p[i]
			}
		}
		if at == nil {
			return nil
		}
		row := matchRow{left: l}
		for _, tx := range p {
			if tx.Y != at.Y || tx.X <= at.X {
				continue
			}
			switch {
			case tx.Color == answer:
				row.key = tx.Text
			case tx.Style == fonts.Bold && len(tx.Text) == 1:
				row.letter = tx.Text
			case row.letter != "" && row.right == "":
				row.right = tx.Text
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestMatching checks a matching exercise: the left column in order, the
// right one lettered in order and shuffled so that no text is beside its
// own, the same in every edition, and the key's letter in each box that
// of the right text of its pair.
func TestMatching(t *testing.T) {
	d := decodeFile(t, "testdata/questions.toml")
	var m *document.Match
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if mb, ok := b.Body.(*document.Match); ok {
				m = mb
			}
		}
	}
	lefts := make([]string, len(m.Pairs))
	rightOf := map[string]string{}
	for i, p := range m.Pairs {
		lefts[i] = p.Left.String()
		rightOf[lefts[i]] = p.Right.String()
	}
	var student []matchRow
	for _, ed := range []Edition{{}, {Answers: true}} {
		r := mustEdition(t, d, ed)
		var rows []matchRow
		for _, p := range allTexts(r) {
			if rows = matchRows(p, lefts); rows != nil {
				break
			}
		}
		if len(rows) != len(lefts) {
			t.Fatalf("%+v: found %d rows of the matching exercise", ed, len(rows))
		}
		letterRight := map[string]string{}
		for i, row := range rows {
			if row.letter != document.ChoiceLetter(i) {
				t.Errorf("%+v: row %d is lettered %q", ed, i+1, row.letter)
			}
			if strings.HasPrefix(rightOf[row.left], row.right) {
				t.Errorf("%+v: %q is beside its own match %q", ed, row.left, row.right)
			}
			letterRight[row.letter] = row.right
		}
		for i, row := range rows {
			switch {
			case !ed.Answers && row.key != "":
				t.Errorf("the student copy has %q in the box of %q", row.key, row.left)
			case ed.Answers && !strings.HasPrefix(rightOf[row.left], letterRight[row.key]):
				t.Errorf("the key gives %q for %q, which is %q, not %q", row.key, row.left, letterRight[row.key], rightOf[row.left])
			}
			rows[i].key = ""
		}
		if student == nil {
			student = rows
		} else if !slices.Equal(rows, student) {
			t.Errorf("the key's rows %v differ from the student copy's %v", rows, student)
		}
	}
}

// TestShuffles checks the orders of a matching column in the paper not
// made in versions: every one an order of them all, the same from the
// same seed, never leaving a text in its place nor, from four texts on, a
// rotation.
func TestShuffles(t *testing.T) {
	for n := 1; n <= document.MaxPairs; n++ {
		seen := map[string]bool{}
		for seed := range uint64(300) {
			d := derangement(n, seed)
			if sorted := slices.Sorted(slices.Values(d)); !slices.Equal(sorted, identity(n)) {
				t.Fatalf("n %d seed %d: %v is not an order of 0..%d", n, seed, d, n-1)
			}
			if !slices.Equal(d, derangement(n, seed)) {
				t.Fatalf("n %d seed %d: two orders from one seed", n, seed)
			}
			if n > 1 && !deranged(d) {
				t.Errorf("n %d seed %d: %v leaves a text in its place", n, seed, d)
			}
			if n >= 4 && rotation(d) {
				t.Errorf("n %d seed %d: %v is a rotation", n, seed, d)
			}
			seen[fmt.Sprint(d)] = true
		}
		if n >= 5 && len(seen) < 20 {
			t.Errorf("n %d: only %d orders from 300 seeds", n, len(seen))
		}
	}
	pair := func(l, r string) document.Pair {
		return document.Pair{Left: document.Plain(l), Right: document.Plain(r)}
	}
	m := &document.Match{Pairs: []document.Pair{pair("a", "1"), pair("b", "2"), pair("c", "3"), pair("d", "4"), pair("e", "5")}}
	if got, again := matchOrder(m), matchOrder(m); !slices.Equal(got, again) {
		t.Errorf("matchOrder gives %v, then %v", got, again)
	}
}

// TestAnswerKeyLabel checks that the answer key says so on its first
// page, and only there, and the student copy does not, also when
// fit_pages tightens the space the label hangs in.
func TestAnswerKeyLabel(t *testing.T) {
	for _, path := range []string{"testdata/questions.toml", "testdata/editions.toml"} {
		d := decodeFile(t, path)
		for _, fit := range []int{0, 1} {
			d.Worksheet.FitPages = fit
			for _, ed := range []Edition{{}, {Answers: true}} {
				r, err := WorksheetEdition(d, ed)
				if err != nil {
					continue // fit_pages = 1 may not fit
				}
				checkPages(t, r, d)
				for i, p := range allTexts(r) {
					n := 0
					for _, tx := range p {
						if tx.Text == english.AnswerKey && tx.Color == answer {
							n++
						}
					}
					if want := btoi(ed.Answers && i == 0); n != want {
						t.Errorf("%s fit_pages %d %+v: page %d has the key's label %d times, want %d", path, fit, ed, i+1, n, want)
					}
				}
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestQuestionsFitPages squeezes a question paper: its writing lines go
// first, never below min_lines (the question's own, or the worksheet's).
func TestQuestionsFitPages(t *testing.T) {
	src := "[worksheet]\ntitle = \"T\"\nfit_pages = 1\nmin_lines = 2\n[[section]]\nheading = \"H\"\n" +
		strings.Repeat("[[section.block]]\nquestion = \"Why?\"\nlines = 8\n", 3) +
		"[[section.block]]\nquestion = \"How?\"\nparts = [{text = \"First.\", lines = 8, min_lines = 4}]\n"
	d := decodeSrc(t, src)
	for _, ed := range []Edition{{}, {Answers: true}} {
		r := mustEdition(t, d, ed)
		if len(r.Pages) != 1 {
			t.Fatalf("%+v: %d pages", ed, len(r.Pages))
		}
		ys := map[float64]bool{}
		for _, it := range r.Pages[0].Items {
			if v, ok := it.(Rule); ok && v.Color == rule {
				ys[v.Y0] = true
			}
		}
		if n := len(ys); n >= 32 || n < 3*2+4 {
			t.Errorf("%+v: %d writing lines, want fewer than 32 and at least %d", ed, n, 3*2+4)
		}
	}
}

// TestAnswerSpaceTooSmall checks the errors for a model answer that does
// not fit its answer line, lines or blank space, at the answer.
func TestAnswerSpaceTooSmall(t *testing.T) {
	head := "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\n"
	long := sentences(3, 0)
	for _, c := range []struct{ block, want string }{
		{"question = \"Q?\"\nanswer_line = true\nanswer = \"" + long + "\"",
			"8:1: the answer of the question at line 5 does not fit on its answer line: shorten it, or give lines = 1 instead of answer_line"},
		{"question = \"Q?\"\nlines = 1\nanswer = \"" + long + "\"",
			"8:1: the answer of the question at line 5 needs 3 writing lines and it has 1: shorten the answer or raise lines to 3"},
		{"question = \"Q?\"\nparts = [{text = \"P\", parts = [{text = \"S\", space_mm = 10, answer = \"" + long + "\"}]}]",
			"7:60: the answer of part (a)(i) of the question at line 5 needs 3 writing lines (24 mm) and its space_mm = 10 has room for 1: shorten the answer or raise space_mm to 24"},
	} {
		d := decodeSrc(t, head+c.block+"\n")
		for _, ed := range []Edition{{}, {Answers: true}} {
			_, err := WorksheetEdition(d, ed)
			var pe *PosError
			if !errors.As(err, &pe) || err.Error() != c.want {
				t.Errorf("%+v: error\n%v\nwant\n%s", ed, err, c.want)
			}
		}
	}
}

// TestDocsQuestionPaper lays out the question paper of docs/format.md in
// every edition, so that the example there builds as it says.
func TestDocsQuestionPaper(t *testing.T) {
	md, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(md), "\n## Question papers\n")
	if !ok {
		t.Fatal(`docs/format.md has no "Question papers" section`)
	}
	_, rest, _ = strings.Cut(rest, "```toml\n")
	src, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("the Question papers section has no TOML example")
	}
	d := decodeSrc(t, src)
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		if got := numberLabels(r, d); len(got) != 6 {
			t.Errorf("%+v: question numbers %v, want 1 to 6", ed, got)
		}
	}
}

// TestQuestionsCramped lays out the question paper on the narrowest page
// the format allows, and on A5 at the largest type, in every edition:
// everything inside the margins, no text over another.
func TestQuestionsCramped(t *testing.T) {
	for _, c := range []struct {
		paper string
		size  float64
	}{{"76x200mm", 11}, {"A5", 24}} {
		t.Run(c.paper, func(t *testing.T) { cramped(t, c.paper, c.size) })
	}
}

// cramped lays out the question paper on paper at size.
func cramped(t *testing.T, paper string, size float64) {
	d := decodeFile(t, "testdata/questions.toml")
	p, err := document.ParsePaper(paper, false)
	if err != nil {
		t.Fatal(err)
	}
	d.Worksheet.Paper, d.Style.Size = p, size
	// The name line and a long footer do not fit such a page either way.
	d.Worksheet.NameLine, d.Worksheet.Footer = nil, document.Running{Center: document.Template{{Placeholder: document.Page}}}
	// Its answers, written for A4, do not fit there.
	var noAnswers func(p *document.Part)
	noAnswers = func(p *document.Part) {
		p.Answer = document.Answer{}
		for i := range p.Parts {
			noAnswers(&p.Parts[i])
		}
	}
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if q, ok := b.Body.(*document.Question); ok {
				noAnswers(&q.Part)
			}
		}
	}
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		mustEdition(t, d, ed)
	}
}
