package document

import (
	"fmt"
	"math"
	"slices"
)

// This file holds the table kind of block (see Kinds): its type and its
// reader. (table.go is the reader of TOML tables, which every kind uses.)

// Table is a table of cells: a caption above it, an optional header row,
// the rows written in the file and empty rows to fill in. table =
// "caption", header, rows, widths, blank_rows, row_lines, answers.
type Table struct {
	Caption Inline // printed above the table; empty for none
	// Header is the header row, printed bold on a light fill and again at
	// the top of each page the table continues on; nil for none.
	Header []Cell
	// Rows are the rows of rows, then blank_rows empty ones, each of
	// Columns cells.
	Rows    [][]Cell
	Columns int // 1 to MaxColumns
	// Widths are the columns' relative widths, one per column, each
	// positive; nil to set them from the content.
	Widths []float64
	// RowLines is the least height inside a row that has an empty cell,
	// in writing lines (ruling_mm apart): 1 to 20, default 1.
	RowLines int
	// Blank is how many of Rows are blank_rows, at their end.
	Blank int
}

// Cell is one cell of a table.
type Cell struct {
	Text Inline // one line of marked-up text; empty: a space to write in
	// Answer is what the answer key writes in an empty cell; empty for
	// none.
	Answer Inline
	// Pos is where the cell is written; for a cell of a blank row, where
	// blank_rows is.
	Pos Pos
	// AnswerPos is where the answer is written in answers.
	AnswerPos Pos
}

// KindKey implements BlockBody.
func (*Table) KindKey() string { return "table" }

// Texts implements BlockBody: the caption, the header, then the rows
// cell by cell, each answer, with answers, after its cell.
func (k *Table) Texts(answers bool) []Inline {
	texts := []Inline{k.Caption}
	add := func(in Inline) {
		if len(in) > 0 {
			texts = append(texts, in)
		}
	}
	for _, c := range k.Header {
		add(c.Text)
	}
	for _, row := range k.Rows {
		for _, c := range row {
			add(c.Text)
			if answers {
				add(c.Answer)
			}
		}
	}
	return texts
}

func (*Table) blockBody() {}

// The limits of a table.
const (
	// MaxColumns is the most columns a table may have; twelve columns of
	// a few letters each fill an A4 page's width.
	MaxColumns = 12
	// MaxTableRows is the most rows a table's rows key may have: some 20
	// pages of one-line rows.
	MaxTableRows = 500
	// maxBlankRows and maxRowLines are the ranges of blank_rows and
	// row_lines.
	maxBlankRows = 100
	maxRowLines  = 20
)

// readTable reads a table block.
func readTable(d *decoder, t *table) BlockBody {
	k := &Table{RowLines: 1}
	k.Caption, _ = t.text("table")
	header, hasHeader := t.cellRow("header")
	rows, rowPos := t.cellRows("rows", MaxTableRows)
	k.Widths = t.widths()
	k.Blank, _ = t.integer("blank_rows", 0, maxBlankRows)
	if n, ok := t.integer("row_lines", 1, maxRowLines); ok {
		k.RowLines = n
	}
	answers, answerPos := t.cellRows("answers", MaxTableRows+maxBlankRows)

	// The columns: as many as the header has, or the first row, or widths.
	var from string // what gives the number of columns, for messages
	switch first := slices.IndexFunc(rows, func(r []Cell) bool { return r != nil }); {
	case hasHeader:
		k.Columns, from = len(header), "its header has"
	case first >= 0:
		k.Columns, from = len(rows[first]), fmt.Sprintf("row %d has", first+1)
	case k.Widths != nil:
		k.Columns, from = len(k.Widths), "widths gives"
	}
	switch {
	case !hasHeader && len(rows) == 0 && k.Blank == 0:
		if rows != nil || !t.has("rows") { // not after an error in rows
			t.errorf("table", "the table is empty: give it a header, rows or blank_rows")
		}
		return k
	case !hasHeader && len(rows) == 0 && !t.has("widths"):
		t.errorf("blank_rows", "the table has only blank rows and nothing gives its number of columns: add widths, such as widths = [1, 1] for two equal columns, or a header")
		return k
	case k.Columns > MaxColumns:
		t.errorf("widths", "widths has %d numbers: a table may have at most %d columns", k.Columns, MaxColumns)
		return k
	case k.Columns == 0:
		return k // reported: an empty or bad header or row
	}
	for i, row := range rows {
		if row != nil && len(row) != k.Columns {
			d.errorf(rowPos[i], "row %d of %q has %s and the table has %d columns, as %s: give every row one cell per column (\"\" for an empty cell)",
				i+1, "rows", count(len(row), "cell"), k.Columns, from)
		}
	}
	if k.Widths != nil && len(k.Widths) != k.Columns {
		t.errorf("widths", "widths has %s and the table has %d columns, as %s: give one width per column",
			count(len(k.Widths), "number"), k.Columns, from)
	}
	blankPos := t.keyPos("blank_rows")
	for range k.Blank {
		row := make([]Cell, k.Columns)
		for j := range row {
			row[j].Pos = blankPos
		}
		rows = append(rows, row)
	}
	k.Header, k.Rows = header, rows
	if t.has("answers") {
		k.readAnswers(t, answers, answerPos, from)
	}
	return k
}

// readAnswers puts answers, the rows of the answers key written at pos,
// in the table's empty cells, reporting answers of another shape than the
// table's rows and answers for cells that have text.
func (k *Table) readAnswers(t *table, answers [][]Cell, pos []Pos, from string) {
	if len(answers) != len(k.Rows) {
		t.errorf("answers", "answers has %s and the table has %s (%d in rows and %d blank): give one row of answers for each, \"\" for a cell without one",
			count(len(answers), "row"), count(len(k.Rows), "row"), len(k.Rows)-k.Blank, k.Blank)
		return
	}
	for i, row := range answers {
		if row == nil || k.Rows[i] == nil {
			continue // reported
		}
		if len(row) != k.Columns {
			t.d.errorf(pos[i], "row %d of %q has %s and the table has %d columns, as %s: give every row one cell per column (\"\" for a cell without an answer)",
				i+1, "answers", count(len(row), "cell"), k.Columns, from)
			continue
		}
		for j, a := range row {
			switch {
			case len(a.Text) == 0 || j >= len(k.Rows[i]):
			case len(k.Rows[i][j].Text) > 0:
				t.d.errorf(a.Pos, "the answer for row %d, column %d is for a cell that has text: answers go only in empty cells; write \"\" here", i+1, j+1)
			default:
				k.Rows[i][j].Answer, k.Rows[i][j].AnswerPos = a.Text, a.Pos
			}
		}
	}
}

// count returns n and word, with an s unless n is 1: "1 cell", "2 cells".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// cellRow reads key, an array of strings, as one row of cells, and
// whether the table has key. The row is nil after an error.
func (t *table) cellRow(key string) ([]Cell, bool) {
	arr, present, ok := t.array(key, "an array of strings")
	if !ok {
		return nil, present
	}
	path := keyPath(t.path, key)
	return t.cells(arr, path, t.keyPos(key), fmt.Sprintf("key %q", key),
		func(j int) string { return fmt.Sprintf("item %d of %q", j+1, key) }, gapFree[key]), true
}

// cellRows reads key, an array of arrays of strings, as rows of cells,
// with where each row is written; at most limit rows. A row is nil after
// an error in it.
func (t *table) cellRows(key string, limit int) ([][]Cell, []Pos) {
	arr, _, ok := t.array(key, "an array of rows, each an array of strings")
	if !ok {
		return nil, nil
	}
	path := keyPath(t.path, key)
	rows := make([][]Cell, 0, min(len(arr), limit))
	pos := make([]Pos, 0, cap(rows))
	for i, e := range arr {
		ep := elemPath(path, i)
		at := t.elemPos(ep, key)
		if i == limit {
			t.d.errorf(at, "too many rows: this is row %d of %d in %q, and a table may have at most %d; split it into several tables",
				i+1, len(arr), key, limit)
			break
		}
		var row []Cell
		if cells, ok := e.([]any); ok {
			row = t.cells(cells, ep, at, fmt.Sprintf("row %d of %q", i+1, key),
				func(j int) string { return fmt.Sprintf("cell %d of row %d of %q", j+1, i+1, key) }, gapFree[key])
		} else {
			t.d.errorf(at, "item %d of %q must be an array of strings (a row of cells), not %s", i+1, key, typeName(e))
		}
		rows, pos = append(rows, row), append(pos, at)
	}
	return rows, pos
}

// cells reads arr, the array at path written at at, as a row of cells:
// each a printed one-line text with markup, which may be empty. row names
// the row for messages, and name cell j; noGaps, when set, what the cells
// are, which may hold no gaps (see gapFree). It returns nil for a row of no
// cells or too many.
func (t *table) cells(arr []any, path string, at Pos, row string, name func(j int) string, noGaps string) []Cell {
	if len(arr) == 0 {
		t.d.errorf(at, "%s is empty: a row has one cell per column (\"\" for an empty cell)", row)
		return nil
	}
	if len(arr) > MaxColumns {
		t.d.errorf(at, "%s has %d cells: a table may have at most %d columns", row, len(arr), MaxColumns)
		return nil
	}
	cells := make([]Cell, len(arr))
	for j, e := range arr {
		ep := elemPath(path, j)
		cellAt := at
		if p, found := t.d.ix.pos[ep]; found {
			cellAt = p
		}
		cells[j].Pos = cellAt
		s, ok := e.(string)
		if !ok {
			t.d.errorf(cellAt, "%s must be a string, not %s", name(j), typeName(e))
			continue
		}
		if n, long := tooLong(s, MaxTextChars); long {
			t.d.errorf(cellAt, "%s", textLimitMessage(name(j), n))
			continue
		}
		v := t.d.newValue(ep, s, func() Pos { return cellAt }, true)
		v.noGaps = noGaps
		if line := oneLine(v.text); line != "" {
			cells[j].Text = t.d.inline(v, line, 0, false)
		}
	}
	return cells
}

// widths reads the widths key: an array of positive numbers, or nil.
func (t *table) widths() []float64 {
	arr, _, ok := t.array("widths", "an array of numbers")
	if !ok {
		return nil
	}
	if len(arr) == 0 {
		t.errorf("widths", "key %q is empty: give one number per column, such as [2, 3, 1], or leave widths out", "widths")
		return nil
	}
	path := keyPath(t.path, "widths")
	ws := make([]float64, 0, len(arr))
	for i, e := range arr {
		at := t.elemPos(elemPath(path, i), "widths")
		f, ok := asNumber(e)
		if !ok {
			t.d.errorf(at, "item %d of %q must be a number, not %s", i+1, "widths", typeName(e))
			return nil
		}
		if !(f > 0) || math.IsInf(f, 0) {
			t.d.errorf(at, "item %d of %q is %s: each width is a positive number, the column's share of the table's width", i+1, "widths", fmtFloat(f))
			return nil
		}
		ws = append(ws, f)
	}
	return ws
}
