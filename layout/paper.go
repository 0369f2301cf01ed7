package layout

import (
	"strconv"

	"handout/document"
	"handout/fonts"
)

// This file sets what a worksheet's questions share: their numbers, 1, 2,
// 3 … through the worksheet across its sections, the column kept for
// their marks, and, in the title block, the total of the marks and the
// grading table.

// questionPaper is what the questions of a worksheet (its
// document.Numbered blocks) add up to.
type questionPaper struct {
	numbers map[document.BlockBody]int // each question's number, from 1, in the order they are laid out
	graded  []graded                   // the questions that have marks, in order
	total   int                        // their marks added up
	marked  bool                       // whether any question has marks
	// numberWidth is the width of the column that question numbers hang
	// in, left of the questions' text; 0 when they are not numbered.
	numberWidth float64
	// marksWidth is the width kept at the right of the text column for
	// marks, which question texts do not run into; 0 when none are
	// printed, or when marksApart.
	marksWidth float64
	// marksApart says that the column is too narrow to keep a width for
	// marks beside the questions' text: marks are printed on a line of
	// their own, right-aligned, under the text.
	marksApart bool
}

// graded is a question with marks: its number and what it is worth.
type graded struct {
	number, marks int
}

// newQuestionPaper numbers the questions of d, in the order the layout
// sets them, and measures their numbers and marks.
func (b *builder) newQuestionPaper(d *document.Document) *questionPaper {
	qp := &questionPaper{numbers: map[document.BlockBody]int{}}
	var widest float64
	for _, s := range d.Sections {
		for _, blk := range s.Blocks {
			q, ok := blk.Body.(document.Numbered)
			if !ok {
				continue
			}
			n := len(qp.numbers) + 1
			qp.numbers[q] = n
			if marks, marked := q.TotalMarks(); marked {
				qp.marked = true
				qp.total += marks
				qp.graded = append(qp.graded, graded{n, marks})
			}
			for _, m := range printedMarks(q) {
				widest = max(widest, b.marksMeasure(m))
			}
		}
	}
	if d.Worksheet.NumberQuestions && len(qp.numbers) > 0 {
		last := strconv.Itoa(len(qp.numbers))
		qp.numberWidth = max(2*b.size, b.at(b.size).width(fonts.Bold, last)+0.9*b.size)
	}
	if widest > 0 {
		qp.marksWidth = widest + 1.2*b.size
		// The text of a part of a part is to keep at least 45% of the
		// column beside the marks.
		if b.width-b.maxIndent(qp.numberWidth)-qp.marksWidth < 0.45*b.width {
			qp.marksWidth, qp.marksApart = 0, true
		}
	}
	return qp
}

// maxIndent is the most that question text is indented, at the deepest
// level, from the left of the text column, when question numbers take
// numberWidth: a third of the column at most, so that a narrow page keeps
// room for the text, though its labels then hang less deep.
func (b *builder) maxIndent(numberWidth float64) float64 {
	return min(numberWidth+b.labelWidth(2)+b.labelWidth(3), b.width/3)
}

// printedMarks returns the marks printed beside the question q and its
// parts (see marksAt).
func printedMarks(q document.Numbered) []int {
	switch q := q.(type) {
	case *document.Question:
		var out []int
		var walk func(p *document.Part)
		walk = func(p *document.Part) {
			if marksAt(p) {
				out = append(out, p.Marks)
			}
			for i := range p.Parts {
				walk(&p.Parts[i])
			}
		}
		walk(&q.Part)
		return out
	case *document.Match:
		if q.Marked {
			return []int{q.Marks}
		}
	}
	return nil
}

// marksAt reports whether p's marks are printed beside it: when it has
// marks and none of its parts has, which print their own.
func marksAt(p *document.Part) bool {
	if !p.Marked {
		return false
	}
	for _, c := range p.Parts {
		if c.Marked {
			return false
		}
	}
	return true
}

// marksMeasure returns the width of n marks printed beside a question.
func (b *builder) marksMeasure(n int) float64 {
	return b.at(b.size).width(fonts.Regular, b.bracketed(n))
}

// marksItem returns n marks, "[4 marks]", set right-aligned against the
// right edge of the text column on a baseline y down from a line's top,
// as content of the element in.
func (b *builder) marksItem(n int, y float64, in *Node) []Text {
	ts, w := b.set(b.bracketed(n), fonts.Regular, b.size, b.left+b.width, y, ink)
	return tagged(shifted(ts, -w), content(in))
}

// bracketed returns the marks printed beside a question or part:
// "[1 mark]", "[4 marks]".
func (b *builder) bracketed(n int) string { return "[" + b.labels.MarksOf(n) + "]" }

// textRight returns the right edge of question texts: the text column's,
// less the column kept for marks.
func (b *builder) textRight() float64 { return b.left + b.width - b.paper.marksWidth }

// totalLine is the line of the title block that gives the total of the
// marks, "Total: 40 marks", when some question has marks and the
// worksheet does not set show_total = false: a P in root, set from x,
// width wide.
func (b *builder) totalLine(w document.Worksheet, x, width float64, root *Node) []unit {
	if !b.paper.marked || !w.ShowTotal {
		return nil
	}
	s := b.size
	us := b.lines(b.plain(b.labels.TotalOf(b.paper.total)), s, b.pitch(s, 1.3), x, width, b.centre(), solid(ink), content(root.add(RoleP)))
	us[0].space = 0.3 * b.lead
	return us
}

// gradingTable is the table under the title that grading_table = true
// asks for: a column for each question with marks (its number and marks),
// a total column, and an empty row for the scores, centred (left-aligned
// in large print). Too many questions for one table's width make several
// tables, one under the other, the total at the end of the last (or in a
// table of its own). On a page too narrow for even one question and the
// total at the body size, the tables' type is smaller. Each is a Table in
// root, whose first row and first column are header cells.
func (b *builder) gradingTable(w document.Worksheet, root *Node) []unit {
	if !w.GradingTable || len(b.paper.graded) == 0 {
		return nil
	}
	g := b.gradeGrid(b.size)
	if least := g.head + max(g.cell, g.last); least > b.width {
		g = b.gradeGrid(b.size * b.width / least)
	}
	perTable := max(1, int((b.width-g.head-g.last)/g.cell))
	var tables [][]gradeCol
	for from := 0; from < len(b.paper.graded); from += perTable {
		var cols []gradeCol
		for _, q := range b.paper.graded[from:min(from+perTable, len(b.paper.graded))] {
			cols = append(cols, gradeCol{strconv.Itoa(q.number), strconv.Itoa(q.marks), g.cell, g.reg})
		}
		tables = append(tables, cols)
	}
	total := gradeCol{b.labels.Total, strconv.Itoa(b.paper.total), g.last, g.bold}
	if last := tables[len(tables)-1]; g.head+float64(len(last))*g.cell+g.last <= b.width {
		tables[len(tables)-1] = append(last, total)
	} else {
		tables = append(tables, []gradeCol{total})
	}
	var us []unit
	for i, cols := range tables {
		t := b.gradeRows(cols, g, root.add(RoleTable))
		t[0].space = 0.5 * b.lead
		if i > 0 {
			t[0].space = 0.35 * b.lead
		}
		us = append(us, t...)
	}
	return us
}

// gradeGrid is the measure of the grading table at a type size.
type gradeGrid struct {
	size, lead float64
	pad        float64 // the space between a cell's text and its sides
	head       float64 // the width of the column of row headings
	cell, last float64 // the width of a question's column, and of the total's
	reg, bold  fonts.Style
}

// gradeGrid measures the grading table set at size.
func (b *builder) gradeGrid(size float64) gradeGrid {
	at := b.at(size)
	g := gradeGrid{size: size, lead: b.pitch(size, 1.33), pad: 0.6 * size, reg: fonts.Regular, bold: fonts.Bold}
	for _, l := range []string{b.labels.Question, b.labels.MarksRow, b.labels.Score} {
		g.head = max(g.head, at.width(g.bold, l))
	}
	g.head += 2 * g.pad
	g.cell = max(2.6*size, at.width(g.reg, strconv.Itoa(b.paper.total))+2*g.pad)
	g.last = max(g.cell, at.width(g.bold, b.labels.Total)+2*g.pad)
	return g
}

// gradeCol is a column of the grading table: its heading, its marks, its
// width and the style of both.
type gradeCol struct {
	head, marks string
	width       float64
	style       fonts.Style
}

// gradeRows sets one grading table of cols, measured by g, after a column
// of row headings: the question row, the marks row and the score row,
// taller, to write in; each row a unit, ruled all round. Its elements are
// in the Table table: a TR a row, the questions' numbers and the row
// headings TH, the other cells TD; the rules are artifacts.
func (b *builder) gradeRows(cols []gradeCol, g gradeGrid, table *Node) []unit {
	width := g.head
	for _, c := range cols {
		width += c.width
	}
	x0 := b.left + (b.width-width)*b.centre()
	rows := []struct {
		label  string
		height float64
		text   func(gradeCol) string
	}{
		{b.labels.Question, 1.5 * g.lead, func(c gradeCol) string { return c.head }},
		{b.labels.MarksRow, 1.5 * g.lead, func(c gradeCol) string { return c.marks }},
		{b.labels.Score, 2 * g.lead, func(gradeCol) string { return "" }},
	}
	const lw = 0.6
	us := make([]unit, 0, len(rows))
	for r, row := range rows {
		u := unit{height: row.height}
		base := b.baseline(g.size, row.height)
		rule := func(xa, ya, xb, yb float64) {
			u.items = append(u.items, Rule{X0: xa, Y0: ya, X1: xb, Y1: yb, Width: lw, Color: frameC, Tag: layoutArt})
		}
		rule(x0, lw/2, x0+width, lw/2)
		if r == len(rows)-1 {
			rule(x0, row.height-lw/2, x0+width, row.height-lw/2)
		}
		rule(x0+lw/2, 0, x0+lw/2, row.height)
		tr := table.add(RoleTR)
		th := tr.add(RoleTH)
		th.Scope = RowScope
		lt, _ := b.set(row.label, g.bold, g.size, x0+g.pad, base, muted)
		u.texts = append(u.texts, tagged(lt, content(th))...)
		x := x0 + g.head
		for _, c := range cols {
			rule(x, 0, x, row.height)
			cell := tr.add(RoleTD)
			if r == 0 {
				cell.Role, cell.Scope = RoleTH, ColumnScope
			}
			if s := row.text(c); s != "" {
				ts, w := b.set(s, c.style, g.size, x, base, ink)
				u.texts = append(u.texts, tagged(shifted(ts, (c.width-w)/2), content(cell))...)
			}
			x += c.width
		}
		rule(x-lw/2, 0, x-lw/2, row.height)
		us = append(us, u)
	}
	return keepAll(us)
}

// keyLabel is the label on the first page of the answer key that says it
// is the answer key, set right-aligned under the title block's rule, whose
// foot is at y: it hangs in the space after the title block, which is
// never less than keyLabelRoom. It is content of the element in.
func (b *builder) keyLabel(y float64, in *Node) []Text {
	size := b.keyLabelSize()
	if w := b.at(size).width(fonts.Bold, b.labels.AnswerKey); w > b.width {
		size *= b.width / w
	}
	asc := float64(b.main(fonts.Bold).Metrics().Ascent) * size / 1000
	ts, w := b.set(b.labels.AnswerKey, fonts.Bold, size, b.left+b.width, y+1+asc, answer)
	return tagged(shifted(ts, -w), content(in))
}

// versionLine is the line of the title block of a version of the paper
// that says which it is, "Version A", in bold under the subtitle, so
// that a stack of papers is sorted, and marked with its key, at a glance;
// set from x, width wide, as the title is. Nothing for the paper not made
// in versions. It is a P in root.
func (b *builder) versionLine(x, width float64, root *Node) []unit {
	if b.ed.Version == 0 {
		return nil
	}
	s := b.size * 1.15
	text := b.marked(document.Plain(b.versionName()), fonts.Bold)
	us := b.lines(text, s, b.pitch(s, 1.3), x, width, b.centre(), solid(ink), content(root.add(RoleP)))
	us[0].space = 0.15 * b.lead
	return us
}

// versionName returns the name of the paper's version, its label and its
// letter: "Version A".
func (b *builder) versionName() string {
	letter := document.ChoiceLetter(b.ed.Version - 1)
	if b.labels.Version == "" {
		return letter
	}
	return b.labels.Version + " " + letter
}

// keyLabelSize is the type size of the answer key's label.
func (b *builder) keyLabelSize() float64 { return 0.8 * b.size }

// keyLabelRoom is the least space after the title block, in every
// edition alike, so that the answer key's label fits there however
// fit_pages tightens the spacing: less than the space there is when it
// does not (0.8 body line heights), so that it changes nothing else.
func (b *builder) keyLabelRoom() float64 {
	m := b.main(fonts.Bold).Metrics()
	return 1 + float64(m.Ascent-m.Descent)*b.keyLabelSize()/1000
}
