package document

import (
	"reflect"
	"strings"
	"testing"
)

// TestDecodeTable checks that a table's rows, blank rows, widths and
// answers are read, each cell with where it is written.
func TestDecodeTable(t *testing.T) {
	src := head + `table = "Causes of the *Purges*"
header = ["Cause", "Evidence", ""]
rows = [
  ["Kirov's murder", "  ", ""],
  ["Stalin's **paranoia**", "Trials", ""],
]
widths = [2, 3.5, 1]
blank_rows = 1
row_lines = 2
answers = [
  ["", "Zinoviev", "5"],
  ["", "", "4"],
  ["", "", ""],
]
`
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tb, ok := d.Sections[0].Blocks[0].Body.(*Table)
	if !ok {
		t.Fatalf("the block is %T", d.Sections[0].Blocks[0].Body)
	}
	if tb.Caption.String() != "Causes of the Purges" || !tb.Caption[1].Italic {
		t.Errorf("caption %+v", tb.Caption)
	}
	if tb.Columns != 3 || len(tb.Header) != 3 || len(tb.Rows) != 3 || tb.Blank != 1 || tb.RowLines != 2 ||
		!reflect.DeepEqual(tb.Widths, []float64{2, 3.5, 1}) {
		t.Fatalf("table %+v", tb)
	}
	cell := func(i, j int) Cell { return tb.Rows[i][j] }
	for _, c := range []struct {
		i, j      int
		text, ans string
		pos, apos Pos
	}{
		{0, 0, "Kirov's murder", "", Pos{9, 4}, Pos{}},
		{0, 1, "", "Zinoviev", Pos{9, 22}, Pos{16, 8}},
		{0, 2, "", "5", Pos{9, 28}, Pos{16, 20}},
		{1, 0, "Stalin's paranoia", "", Pos{10, 4}, Pos{}},
		{1, 2, "", "4", Pos{10, 39}, Pos{17, 12}},
		{2, 1, "", "", Pos{13, 1}, Pos{}}, // a blank row's cell is at blank_rows
	} {
		got := cell(c.i, c.j)
		if got.Text.String() != c.text || got.Answer.String() != c.ans || got.Pos != c.pos || got.AnswerPos != c.apos {
			t.Errorf("row %d, column %d: %q at %v, answer %q at %v; want %q at %v, answer %q at %v",
				c.i+1, c.j+1, got.Text.String(), got.Pos, got.Answer.String(), got.AnswerPos, c.text, c.pos, c.ans, c.apos)
		}
	}
	var texts []string
	for _, in := range tb.Texts(true) {
		texts = append(texts, in.String())
	}
	want := []string{"Causes of the Purges", "Cause", "Evidence", "Kirov's murder", "Zinoviev", "5", "Stalin's paranoia", "Trials", "4"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("Texts(true) = %q, want %q", texts, want)
	}
	if n := len(tb.Texts(false)); n != 6 {
		t.Errorf("Texts(false) has %d texts, want 6", n)
	}
}

// TestDecodeTableShapes checks the tables that need no header, no rows or
// no widths, and where their columns come from.
func TestDecodeTableShapes(t *testing.T) {
	for _, c := range []struct {
		name, src     string
		columns, rows int
	}{
		{"header only", `table = ""` + "\nheader = [\"A\", \"B\"]\n", 2, 0},
		{"rows only", `table = "T"` + "\nrows = [[\"a\"], [\"\"]]\n", 1, 2},
		{"blank rows and widths", `table = "T"` + "\nblank_rows = 2\nwidths = [1, 1, 1]\n", 3, 2},
		{"an empty header cell", `table = ""` + "\nheader = [\"\", \"B\"]\nrows = [[\"a\", \"b\"]]\n", 2, 1},
		{"rows = [] and a header", `table = ""` + "\nheader = [\"A\"]\nrows = []\n", 1, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(head+c.src))
			if err != nil {
				t.Fatal(err)
			}
			tb := d.Sections[0].Blocks[0].Body.(*Table)
			if tb.Columns != c.columns || len(tb.Rows) != c.rows {
				t.Errorf("%d columns and %d rows, want %d and %d", tb.Columns, len(tb.Rows), c.columns, c.rows)
			}
		})
	}
}

// TestDecodeTableErrors checks that every problem of a table is reported
// where it is: a ragged row at that row, a bad cell at that cell.
func TestDecodeTableErrors(t *testing.T) {
	table := head + "table = \"T\"\n"
	tests := []struct {
		name string
		src  string
		want []wantErr
	}{
		{"ragged row", table + "header = [\"A\", \"B\"]\nrows = [\n  [\"a\", \"b\"],\n  [\"c\"],\n]\n", []wantErr{
			{10, 3, `row 2 of "rows" has 1 cell and the table has 2 columns, as its header has: give every row one cell per column ("" for an empty cell)`}}},
		{"ragged row without a header", table + "rows = [[\"a\", \"b\"], [\"c\", \"d\", \"e\"]]\n", []wantErr{
			{7, 21, `row 2 of "rows" has 3 cells and the table has 2 columns, as row 1 has`}}},
		{"widths of another length", table + "header = [\"A\", \"B\"]\nwidths = [1, 2, 3]\n", []wantErr{
			{8, 1, `widths has 3 numbers and the table has 2 columns, as its header has: give one width per column`}}},
		{"empty", table, []wantErr{{6, 1, "the table is empty: give it a header, rows or blank_rows"}}},
		{"empty rows", table + "rows = []\n", []wantErr{{6, 1, "the table is empty"}}},
		{"blank rows alone", table + "blank_rows = 3\n", []wantErr{
			{7, 1, "the table has only blank rows and nothing gives its number of columns: add widths"}}},
		{"empty header", table + "header = []\n", []wantErr{{7, 1, `key "header" is empty`}}},
		{"empty row", table + "rows = [[\"a\"], []]\n", []wantErr{{7, 16, `row 2 of "rows" is empty`}}},
		{"13 columns", table + "header = [" + strings.Repeat("\"a\", ", 12) + "\"b\"]\n", []wantErr{
			{7, 1, `key "header" has 13 cells: a table may have at most 12 columns`}}},
		{"13 widths", table + "blank_rows = 1\nwidths = [" + strings.Repeat("1, ", 12) + "1]\n", []wantErr{
			{8, 1, "widths has 13 numbers: a table may have at most 12 columns"}}},
		{"a cell not a string", table + "rows = [[\"a\", 2]]\n", []wantErr{
			{7, 15, `cell 2 of row 1 of "rows" must be a string, not an integer`}}},
		{"a row not an array", table + "rows = [\"a\", \"b\"]\n", []wantErr{
			{7, 9, `item 1 of "rows" must be an array of strings (a row of cells), not a string`},
			{7, 14, `item 2 of "rows" must be an array of strings`}}},
		{"rows not an array", table + "rows = \"a\"\n", []wantErr{
			{7, 1, `key "rows" must be an array of rows, each an array of strings, not a string`}}},
		{"a header cell not a string", table + "header = [\"A\", true]\n", []wantErr{
			{7, 16, `item 2 of "header" must be a string, not a boolean`}}},
		{"markup in a cell", table + "rows = [[\"an *open\"]]\n", []wantErr{{7, 14, "unclosed *"}}},
		{"zero width", table + "header = [\"A\", \"B\"]\nwidths = [1, 0]\n", []wantErr{
			{8, 14, `item 2 of "widths" is 0: each width is a positive number`}}},
		{"infinite width", table + "header = [\"A\"]\nwidths = [inf]\n", []wantErr{
			{8, 11, `item 1 of "widths" is +Inf`}}},
		{"not a number", table + "header = [\"A\"]\nwidths = [\"1\"]\n", []wantErr{
			{8, 11, `item 1 of "widths" must be a number, not a string`}}},
		{"blank_rows out of range", table + "header = [\"A\"]\nblank_rows = 101\n", []wantErr{
			{8, 1, "blank_rows = 101 is out of range 0..100"}}},
		{"row_lines out of range", table + "header = [\"A\"]\nrow_lines = 0\n", []wantErr{
			{8, 1, "row_lines = 0 is out of range 1..20"}}},
		{"too few answer rows", table + "rows = [[\"a\", \"\"]]\nblank_rows = 2\nanswers = [[\"\", \"b\"]]\n", []wantErr{
			{9, 1, `answers has 1 row and the table has 3 rows (1 in rows and 2 blank): give one row of answers for each, "" for a cell without one`}}},
		{"ragged answers", table + "rows = [[\"a\", \"\"]]\nanswers = [[\"\"]]\n", []wantErr{
			{8, 12, `row 1 of "answers" has 1 cell and the table has 2 columns, as row 1 has`}}},
		{"an answer for a cell with text", table + "rows = [[\"a\", \"\"]]\nanswers = [[\"x\", \"y\"]]\n", []wantErr{
			{8, 13, `the answer for row 1, column 1 is for a cell that has text: answers go only in empty cells; write "" here`}}},
		{"header on a text block", head + "text = \"t\"\nheader = [\"A\"]\n", []wantErr{
			{7, 1, `key "header" is not allowed in a text block (only in table blocks)`}}},
		{"a character the font lacks", table + "rows = [[\"a \u4e2d\"]]\n", []wantErr{{7, 13, "(Chinese: 中) is in none of the fonts"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { decodeErrors(t, tt.src, tt.want) })
	}
}

// TestDecodeTableRows checks the limit on a table's rows.
func TestDecodeTableRows(t *testing.T) {
	row := "[\"a\"],\n"
	src := head + "table = \"T\"\nrows = [\n" + strings.Repeat(row, MaxTableRows) + "]\n"
	if _, err := Decode("x.toml", []byte(src)); err != nil {
		t.Errorf("%d rows: %v", MaxTableRows, err)
	}
	src = head + "table = \"T\"\nrows = [\n" + strings.Repeat(row, MaxTableRows+1) + "]\n"
	decodeErrors(t, src, []wantErr{{8 + MaxTableRows, 1, "too many rows: this is row 501 of 501 in \"rows\", and a table may have at most 500"}})
}

// TestDecodePageBreaks checks page_break, which every kind of block takes,
// and new_page on a section.
func TestDecodePageBreaks(t *testing.T) {
	for _, k := range Kinds() {
		src := head + k.Example + "\npage_break = true\n[[section.block]]\n" + k.Example + "\npage_break = false\n"
		d, err := Decode("x.toml", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", k.Key, err)
			continue
		}
		if b := d.Sections[0].Blocks; !b[0].PageBreak || b[1].PageBreak {
			t.Errorf("%s: page breaks %v and %v, want true and false", k.Key, b[0].PageBreak, b[1].PageBreak)
		}
	}
	d, err := Decode("x.toml", []byte("[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"A\"\n[[section]]\nheading = \"B\"\nnew_page = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s := d.Sections; s[0].NewPage || !s[1].NewPage {
		t.Errorf("new_page %v and %v, want false and true", s[0].NewPage, s[1].NewPage)
	}
	decodeErrors(t, head+"text = \"t\"\npage_break = 1\n", []wantErr{{7, 1, `key "page_break" must be a boolean, not an integer`}})
	decodeErrors(t, "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"A\"\nnew_page = \"yes\"\n",
		[]wantErr{{5, 1, `key "new_page" must be a boolean, not a string`}})
	decodeErrors(t, head+"page_break = true\n", []wantErr{{5, 1, "block has no kind"}})
}
