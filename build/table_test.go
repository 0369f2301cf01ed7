package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
)

// tablesFile is the layout's fixture with tables, one of them on three
// pages, and page breaks.
const tablesFile = "../layout/testdata/tables.toml"

// tableHead is the worksheet a block of docs/format.md is built in.
const tableHead = "[worksheet]\ntitle = \"Tables\"\n[[section]]\nheading = \"Causes\"\n"

// formatTable returns the table example of docs/format.md, under
// "## Tables", as a whole content file.
func formatTable(t *testing.T) []byte {
	t.Helper()
	md, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(md), "\n## Tables\n")
	if !ok {
		t.Fatal("docs/format.md has no section ## Tables")
	}
	blocks := fencedBlocks(section, "toml")
	if len(blocks) == 0 || !strings.Contains(blocks[0], "\ntable = ") {
		t.Fatal("docs/format.md's ## Tables does not start with a ```toml example of a table")
	}
	return []byte(tableHead + blocks[0])
}

// TestTableExampleBuilds builds the table example of docs/format.md in
// every edition and with every print option, each PDF valid.
func TestTableExampleBuilds(t *testing.T) {
	data := formatTable(t)
	if n := strings.Count(string(data), "\n") - strings.Count(tableHead, "\n"); n != 6 {
		t.Errorf("the example has %d lines, want 6", n)
	}
	two, booklet, bleed, yes := document.TwoUp, document.Booklet, 3.0, true
	for _, opt := range []Options{
		{Answers: true, LargePrint: true},
		{Print: PrintFlags{Gray: &yes, BleedMM: &bleed, Marks: &yes}},
		{Print: PrintFlags{Impose: &two}},
		{Print: PrintFlags{Impose: &booklet}},
	} {
		opt.Time = testTime
		outs, err := File("tables.toml", data, opt)
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		for _, o := range outs {
			if err := validatePDF(o.PDF); err != nil {
				t.Errorf("%+v, %v PDF: %v", opt, o.Output, err)
			}
		}
	}
}

// TestTableReadsRowByRow reads tables back with pdftotext: the cells of
// each row in order, the rows in order, the header on every page of a
// table on three pages, and answers only in the answer key.
func TestTableReadsRowByRow(t *testing.T) {
	pdftool.Need(t, "pdftotext")
	read := func(name string, data []byte) map[Kind]string {
		outs, err := File(name, data, Options{Time: testTime, Answers: true})
		if err != nil {
			t.Fatal(err)
		}
		return pdfTexts(t, outs)
	}

	text := read("tables.toml", formatTable(t))
	student := "Causes of the Purges Cause Evidence How important? (1-5) Kirov's murder, 1934 Zinoviev and Kamenev blamed"
	if !strings.Contains(text[Worksheet], student) {
		t.Errorf("the student copy reads\n%s\nwant it to hold\n%s", text[Worksheet], student)
	}
	if key := student + " 5"; !strings.Contains(text[Answers], key) {
		t.Errorf("the answer key reads\n%s\nwant it to hold\n%s", text[Answers], key)
	}

	data, err := os.ReadFile(tablesFile)
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Decode(tablesFile, data)
	if err != nil {
		t.Fatal(err)
	}
	long := d.Sections[1].Blocks[0].Body.(*document.Table)
	text = read(tablesFile, data)
	for _, k := range []Kind{Worksheet, Answers} {
		rest := text[k]
		for i, row := range long.Rows {
			var cells []string
			for _, c := range row {
				cells = append(cells, c.Text.String())
				if k == Answers {
					cells = append(cells, c.Answer.String())
				}
			}
			want := strings.Join(strings.Fields(strings.Join(cells, " ")), " ")
			at := strings.Index(rest, want)
			if at < 0 {
				t.Fatalf("%v PDF: row %d, %q, is not in order after row %d", k, i+1, want, i)
			}
			rest = rest[at+len(want):]
		}
		if n := strings.Count(text[k], "Year Event Why it mattered"); n != 3 {
			t.Errorf("%v PDF: the header of the table on three pages is there %d times", k, n)
		}
	}
	if strings.Contains(text[Worksheet], "No one was safe") {
		t.Error("the student copy holds an answer")
	}
}

// pdfTexts returns the text of each PDF of outs, by kind, as pdftotext
// reads it, every run of white space one space.
func pdfTexts(t *testing.T, outs []Rendered) map[Kind]string {
	t.Helper()
	dir := t.TempDir()
	text := map[Kind]string{}
	for _, o := range outs {
		path := filepath.Join(dir, "t"+o.Suffix()+".pdf")
		if err := os.WriteFile(path, o.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		text[o.Kind] = strings.Join(strings.Fields(pdftool.Run(t, "pdftotext", path, "-")), " ")
	}
	return text
}
