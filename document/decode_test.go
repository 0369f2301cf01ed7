package document

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"handout/fonts"
)

func TestDecodeGood(t *testing.T) {
	data, err := os.ReadFile("testdata/good.toml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode("testdata/good.toml", data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	w := doc.Worksheet
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("Title", w.Title, Plain("The end of the Purges"))
	check("Subtitle", w.Subtitle, Plain("Stalin's USSR, 1938-53"))
	check("Paper.Name", w.Paper.Name, "Letter")
	check("Paper.Landscape", w.Paper.Landscape, true)
	check("Paper.Width", math.Round(w.Paper.Width*10)/10, 792.0)
	check("Paper.Height", math.Round(w.Paper.Height*10)/10, 612.0)
	check("Author", w.Author, "RJ Tarr")
	check("Language", w.Language, "en-GB")
	check("Footer", w.Footer, Running{Center: Template{
		{Text: "Worksheet by RJ Tarr / "}, {Placeholder: Page},
		{Text: " of "}, {Placeholder: Pages}, {Text: " {x"},
	}})
	check("Footer.Expand", w.Footer.Center.Expand(2, 13, "T"), "Worksheet by RJ Tarr / 2 of 13 {x")
	check("FooterLink", w.FooterLink, "https://www.activehistory.co.uk")
	check("NameLine", w.NameLine, []string{"Name", "Class", "Date"})
	check("NumberSections", w.NumberSections, false)
	check("Style", doc.Style, Style{Font: fonts.Serif, Size: 10.5, MarginMM: 20, RulingMM: 7})

	if len(doc.Sections) != 2 {
		t.Fatalf("%d sections, want 2", len(doc.Sections))
	}
	s0, s1 := doc.Sections[0], doc.Sections[1]
	check("Sections[0].Heading", s0.Heading, Plain("1938-40: The Purges wind down"))
	check("Sections[0].Pos", s0.Pos, Pos{20, 1})
	check("Sections[1].Pos", s1.Pos, Pos{41, 1})
	want0 := []Block{
		{Pos: Pos{23, 1}, Body: &Bullet{Paragraphs: plains("The Purges slowed down during 1938.")}},
		{Pos: Pos{26, 1}, Body: &Text{Paragraphs: plains(
			"Stalin now eased the pressure, dismissing Yezhov from his post.",
			"A blank line starts a second paragraph\u00a0here.",
		)}},
		{Pos: Pos{33, 1}, Body: &Quote{Paragraphs: plains(`"The country was crushed."`),
			Source: Plain(`Conquest, "The Great Terror"`)}},
		{Pos: Pos{38, 1}, Body: &Notes{Lines: 6, Ruling: Lines}},
	}
	check("Sections[0].Blocks", s0.Blocks, want0)
	want1 := []Block{
		{Pos: Pos{44, 1}, Body: &Notes{Prompt: plains("Why?"), Lines: 12, Ruling: Grid}},
		{Pos: Pos{49, 1}, Body: &Task{Paragraphs: plains("Produce an obituary of Trotsky."), Label: Plain("Task"),
			Items: plains("Cover his early career.", "Cover his later life.")}},
		{Pos: Pos{54, 1}, Body: &Task{Paragraphs: plains("Revise."), Label: Plain("Main Task")}},
	}
	check("Sections[1].Blocks", s1.Blocks, want1)

	sum := doc.Summary
	if sum == nil {
		t.Fatal("no summary")
	}
	check("Summary.Title", sum.Title, Plain("The end of the Purges"))
	check("Summary.Paper", sum.Paper, paper(t, "A4", false))
	check("Summary.NameLine", sum.NameLine, []string(nil))
	check("Summary.Panels", sum.Panels, []Panel{
		{Heading: Plain("Causes"), Prompt: Plain("Why did the Purges begin?")},
		{Heading: Plain("Effects"), Ruling: Blank},
	})
}

func TestDecodeDefaults(t *testing.T) {
	src := "[worksheet]\ntitle = \"T\"\n[summary]\n"
	doc, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := doc.Worksheet
	if w.Paper != paper(t, "A4", false) || w.Paper.Width > w.Paper.Height {
		t.Errorf("Paper = %+v, want A4 portrait", w.Paper)
	}
	if want := (Running{Center: Template{{Text: "Page "}, {Placeholder: Page}, {Text: " of "}, {Placeholder: Pages}}}); !reflect.DeepEqual(w.Footer, want) {
		t.Errorf("Footer = %+v, want Page {page} of {pages}", w.Footer)
	}
	if !w.Header.IsZero() || !w.FirstPageHeader || w.Logo != nil || w.LogoMM != 15 {
		t.Errorf("Header, FirstPageHeader, Logo, LogoMM = %+v, %v, %v, %v, want none, true, none, 15", w.Header, w.FirstPageHeader, w.Logo, w.LogoMM)
	}
	if w.NameLine != nil || !w.NumberSections {
		t.Errorf("NameLine, NumberSections = %v, %v, want false, true", w.NameLine, w.NumberSections)
	}
	if want := (Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}); doc.Style != want {
		t.Errorf("Style = %+v, want %+v", doc.Style, want)
	}
	if len(doc.Sections) != 0 {
		t.Errorf("%d sections, want none", len(doc.Sections))
	}
	want := &Summary{Title: Plain("T"), Paper: paper(t, "A3", true), NameLine: []string{"Name", "Class", "Date"},
		Panels: []Panel{{Heading: Plain("Causes")}, {Heading: Plain("Course")}, {Heading: Plain("Effects")}}}
	if !reflect.DeepEqual(doc.Summary, want) {
		t.Errorf("Summary = %+v, want %+v", doc.Summary, want)
	}
	if p := doc.Summary.Paper; math.Abs(p.Width-1190.55) > 0.01 || math.Abs(p.Height-841.89) > 0.01 {
		t.Errorf("A3 landscape = %v x %v", p.Width, p.Height)
	}
}

func TestDecodeInline(t *testing.T) {
	src := `worksheet = {title = "T", footer = ""}
section = [{heading = "H", block = [{bullet = "a"}, {notes = "n", lines = 2}]}]
`
	doc, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Worksheet.Footer.IsZero() {
		t.Errorf("Footer = %+v, want none", doc.Worksheet.Footer)
	}
	b := doc.Sections[0].Blocks
	if n, ok := b[1].Body.(*Notes); len(b) != 2 || !ok || n.Lines != 2 || b[1].Pos != (Pos{2, 53}) {
		t.Errorf("Blocks = %+v", b)
	}
}

// wantErr is one expected error: its position and part of its message.
type wantErr struct {
	line, col int
	msg       string
}

const head = "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\n"

func TestDecodeImage(t *testing.T) {
	for _, c := range []struct {
		name, toml string
		want       Image
	}{
		{"defaults", "image = \"images/a.jpg\"\n", Image{Path: "images/a.jpg", Align: Center}},
		{"cleaned", "image = \"./images/x/../a.jpg\"\n", Image{Path: "images/a.jpg"}},
		{"all keys", "image = \"a.png\"\ncaption = \"  A  caption \"\nwidth_mm = 80.5\nalign = \" Right\"\n",
			Image{Path: "a.png", Caption: Plain("A caption"), WidthMM: 80.5, Align: Right}},
		{"left", "image = \"a.png\"\nalign = \"left\"\n", Image{Path: "a.png", Align: Left}},
		{"centre", "image = \"a.png\"\nalign = \"Centre\"\n", Image{Path: "a.png", Align: Center}},
		{"text width", "image = \"a.png\"\nwidth_mm = 174\n", Image{Path: "a.png", WidthMM: 174}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(head+c.toml))
			if err != nil {
				t.Fatal(err)
			}
			c.want.PathPos = Pos{6, 1}
			want := Block{Pos: Pos{5, 1}, Body: &c.want}
			if got := d.Sections[0].Blocks[0]; !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got.Body, c.want)
			}
			if d.Images != nil {
				t.Error("Decode filled in Images")
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []wantErr
	}{
		{"syntax", "[worksheet]\ntitle = \"T\"\nx = = 1\n", []wantErr{{3, 5, "expected value but found '=' instead"}}},
		{"syntax unterminated", "[worksheet]\ntitle = \"T\n", []wantErr{{2, 9, "the string that opens here has no closing quote"}}},
		{"syntax after value", "[worksheet]\ntitle = \"é\"  x\n", []wantErr{{2, 14, "expected a top-level item to end"}}},
		{"syntax duplicate", "[worksheet]\ntitle = \"T\"\ntitle = \"U\"\n", []wantErr{{3, 1, "already been defined"}}},
		{"empty", "", []wantErr{{1, 1, "file is empty"}}},
		{"blank", "  \n\t\n", []wantErr{{1, 1, "file is empty"}}},
		{"comments", "# [worksheet]\n  # title = \"x\"\n", []wantErr{{1, 1, "file is empty"}}},
		{"utf8", "[worksheet]\ntitle = \"ab\xffc\"\n", []wantErr{{2, 12, "invalid UTF-8 byte 0xff"}}},
		{"utf8 after multibyte", "# ☃☃\xc3x\n", []wantErr{{1, 5, "invalid UTF-8 byte 0xc3"}}},
		{"unknown top", head + "bullet = \"b\"\n[worksheets]\n", []wantErr{
			{7, 1, `unknown key "worksheets" at the top level (did you mean "worksheet"?)`}}},
		{"unknown worksheet", "[worksheet]\ntitle = \"T\"\n  titel = \"U\"\n[summary]\n", []wantErr{
			{3, 3, `unknown key "titel" in [worksheet] (did you mean "title"?)`}}},
		{"unknown style", "[style]\nfont_size = 3\n[worksheet]\ntitle = \"T\"\n[summary]\n", []wantErr{
			{2, 1, `unknown key "font_size" in [style]`}}},
		{"unknown section", head + "bullet = \"b\"\n[[section]]\nheading = \"I\"\nheadin = 1\n", []wantErr{
			{9, 1, `unknown key "headin" in [[section]] (did you mean "heading"?)`}}},
		{"unknown block", head + "bullet = \"b\"\n[[section.block]]\nqoute = \"q\"\n", []wantErr{
			{7, 1, "block has no kind: give one of bullet, text, quote, notes, task, image, table, question, match"},
			{8, 1, `unknown key "qoute" in [[section.block]] (did you mean "quote"?)`}}},
		{"unknown summary", "[worksheet]\ntitle = \"T\"\n[summary]\ntitle = \"S\"\npaper_size = \"A4\"\n", []wantErr{
			{5, 1, `unknown key "paper_size" in [summary]`}}},
		{"unknown panel", "[worksheet]\ntitle = \"T\"\n[summary]\n[[summary.panel]]\nheading = \"A\"\nprompts = \"p\"\n", []wantErr{
			{6, 1, `unknown key "prompts" in [[summary.panel]] (did you mean "prompt"?)`}}},
		{"unknown no suggestion", head + "bullet = \"b\"\nzzz = 1\n", []wantErr{
			{7, 1, `unknown key "zzz" in [[section.block]]`}}},
		{"string for lines", head + "notes = \"n\"\nlines = \"6\"\n", []wantErr{
			{7, 1, `lines = "6": use a number of writing lines, 1 to 60, or "fill"`}}},
		{"float for lines", head + "notes = \"n\"\nlines = 6.0\n", []wantErr{
			{7, 1, `key "lines" must be an integer, not a float`}}},
		{"integer for title", "[worksheet]\ntitle = 5\n[summary]\n", []wantErr{
			{2, 1, `key "title" must be a string, not an integer`}}},
		{"array for bullet", head + "bullet = [\"a\", \"b\"]\n", []wantErr{
			{6, 1, `key "bullet" must be a string, not an array of strings`}}},
		{"string for size", "[worksheet]\ntitle = \"T\"\n[style]\nsize = \"big\"\n[summary]\n", []wantErr{
			{4, 1, `key "size" must be a number, not a string`}}},
		{"string for name_line", "[worksheet]\ntitle = \"T\"\nname_line = \"yes\"\n[summary]\n", []wantErr{
			{3, 1, `key "name_line" must be true, false or an array of field names, not a string`}}},
		{"table for section", "[worksheet]\ntitle = \"T\"\n[section]\nheading = \"H\"\n", []wantErr{
			{3, 1, `[section] must be [[section]], with two brackets each side`}}},
		{"inline table for section", "section = {heading = \"H\"}\n[worksheet]\ntitle = \"T\"\n", []wantErr{
			{1, 1, `key "section" must be an array of tables ([[section]]), not a table`}}},
		{"string for worksheet", "worksheet = \"T\"\n[summary]\n", []wantErr{
			{1, 1, `key "worksheet" must be a table ([worksheet]), not a string`}}},
		{"no kind", head + "\n", []wantErr{{5, 1, "block has no kind"}}},
		{"image empty", head + "image = \"\"\n", []wantErr{{6, 1, `image "" must not be empty`}}},
		{"image parent", head + "image = \"../pics/a.jpg\"\n", []wantErr{{6, 1, `image "../pics/a.jpg" leads out of this file's folder`}}},
		{"image parent inside", head + "image = \"pics/../../a.jpg\"\n", []wantErr{{6, 1, `image "pics/../../a.jpg" leads out of this file's folder`}}},
		{"image absolute", head + "image = \"/home/t/a.jpg\"\n", []wantErr{{6, 1, `image "/home/t/a.jpg" is absolute`}}},
		{"image drive", head + "image = 'C:/pics/a.jpg'\n", []wantErr{{6, 1, `image "C:/pics/a.jpg" is absolute`}}},
		{"image backslash", head + "image = 'pics\\a.jpg'\n", []wantErr{{6, 1, `image 'pics\a.jpg' has \ between folders: use /, as in image = "pics/a.jpg"`}}},
		{"image not string", head + "image = 3\n", []wantErr{{6, 1, `key "image" must be a string, not an integer`}}},
		{"image width small", head + "image = \"a.jpg\"\nwidth_mm = 5\n", []wantErr{{7, 1, "width_mm = 5 is out of range 10..980"}}},
		{"image width wide", head + "image = \"a.jpg\"\nwidth_mm = 175\n", []wantErr{{7, 1,
			"width_mm = 175 is wider than the text column (174 mm between the margins): use at most 174, or leave width_mm out"}}},
		{"image width string", head + "image = \"a.jpg\"\nwidth_mm = \"50\"\n", []wantErr{{7, 1, `key "width_mm" must be a number, not a string`}}},
		{"image align", head + "image = \"a.jpg\"\nalign = \"middle\"\n", []wantErr{{7, 1, `unknown align "middle": use center, left or right`}}},
		{"image lines", head + "image = \"a.jpg\"\nlines = 3\n", []wantErr{{7, 1, `key "lines" is not allowed in an image block (only in notes or question blocks)`}}},
		{"caption on notes", head + "notes = \"n\"\ncaption = \"c\"\n", []wantErr{{7, 1, `key "caption" is not allowed in a notes block (only in image blocks)`}}},
		{"image and text", head + "text = \"t\"\nimage = \"a.jpg\"\n", []wantErr{{7, 1, `block has more than one kind ("text" and "image"): give only one`}}},
		{"caption control", head + "image = \"a.jpg\"\ncaption = \"a\\u0007\"\n", []wantErr{{7, 13, "U+0007"}}},
		{"two kinds", head + "bullet = \"b\"\ntext = \"t\"\n", []wantErr{
			{7, 1, `block has more than one kind ("bullet" and "text"): give only one`}}},
		{"lines not fill", head + "notes = \"n\"\nlines = \"fil\"\n", []wantErr{
			{7, 1, `lines = "fil": use a number of writing lines, 1 to 60, or "fill"`}}},
		{"answer on bullet", head + "bullet = \"b\"\nanswer = \"a\"\n", []wantErr{
			{7, 1, `key "answer" is not allowed in a bullet block (only in notes, task or question blocks)`}}},
		{"min_lines on task", head + "task = \"t\"\nmin_lines = 2\n", []wantErr{
			{7, 1, `key "min_lines" is not allowed in a task block (only in notes or question blocks)`}}},
		{"a wished-for kind", head + "math = \"x^2\"\n", []wantErr{
			{6, 1, `unknown key "math" in [[section.block]]: handout has no mathematics yet; a block is one of bullet, text, quote, notes, task, image, table, question or match (see docs/format.md)`}}},
		{"a wish beside a kind", head + "text = \"t\"\nmath = \"x^2\"\n", []wantErr{
			{7, 1, `unknown key "math" in [[section.block]]: handout has no mathematics yet; a block is one of`}}},
		{"two wishes", head + "qr = \"h\"\nmath = \"x^2\"\n", []wantErr{
			{6, 1, `unknown key "qr" in [[section.block]]: handout has no QR codes yet`},
			{7, 1, `unknown key "math" in [[section.block]]: handout has no mathematics yet`}}},
		{"wishes for math and qr", head + "math = \"x^2\"\nbullet = \"b\"\nqr = \"https://example.org\"\n", []wantErr{
			{6, 1, `handout has no mathematics yet`},
			{8, 1, `handout has no QR codes yet`}}},
		{"a wish in another table", "[worksheet]\ntitle = \"T\"\ntable = \"x\"\n[[section]]\nheading = \"H\"\n", []wantErr{
			{3, 1, `unknown key "table" in [worksheet] (did you mean "title"?)`}}},
		{"an unknown key is no wish", head + "paragraph = \"p\"\n", []wantErr{
			{5, 1, "block has no kind: give one of bullet, text, quote, notes, task, image, table, question, match"},
			{6, 1, `unknown key "paragraph" in [[section.block]]`}}},
		{"min_lines 0", head + "notes = \"n\"\nmin_lines = 0\n", []wantErr{{7, 1, "min_lines = 0 is out of range 1..60"}}},
		{"answer not a string", head + "notes = \"n\"\nanswer = 3\n", []wantErr{{7, 1, `key "answer" must be a string, not an integer`}}},
		{"fit_pages 0", "[worksheet]\ntitle = \"T\"\nfit_pages = 0\n[[section]]\nheading = \"H\"\n", []wantErr{
			{3, 1, "fit_pages = 0 is out of range 1..99"}}},
		{"fit_pages float", "[worksheet]\ntitle = \"T\"\nfit_pages = 2.0\n[[section]]\nheading = \"H\"\n", []wantErr{
			{3, 1, `key "fit_pages" must be an integer, not a float`}}},
		{"lines 0", head + "notes = \"n\"\nlines = 0\n", []wantErr{{7, 1, "lines = 0 is out of range 1..60"}}},
		{"lines 61", head + "notes = \"n\"\nlines = 61\n", []wantErr{{7, 1, "lines = 61 is out of range 1..60"}}},
		{"size 30", "[worksheet]\ntitle = \"T\"\n[style]\nsize = 30.5\n[summary]\n", []wantErr{
			{4, 1, "size = 30.5 is out of range 8..24"}}},
		{"unknown paper", "[worksheet]\ntitle = \"T\"\npaper = \"A2\"\n[summary]\n", []wantErr{
			{3, 1, `unknown paper "A2": use A4, A5, A3, B5, Letter, Legal or Tabloid, or a size such as "210x297mm" or "8.5x11in"`}}},
		{"paper size without a height", "[worksheet]\ntitle = \"T\"\npaper = \"210 x\"\n[summary]\n", []wantErr{
			{3, 1, `paper "210 x" is not a paper size: write the width, "x", the height and mm or in, such as "210x297mm" or "8.5x11in"`}}},
		{"paper size without a unit", "[worksheet]\ntitle = \"T\"\n[summary]\npaper = \"420x297\"\n", []wantErr{
			{4, 1, `paper "420x297" is not a paper size`}}},
		{"paper side of 0", "[worksheet]\ntitle = \"T\"\npaper = \"0x297mm\"\n[summary]\n", []wantErr{
			{3, 1, `paper "0x297mm" is too small or too large: each side must be from 50 to 1000 mm (1.97 to 39.37 in)`}}},
		{"paper too large", "[worksheet]\ntitle = \"T\"\n[summary]\npaper = \"40x30in\"\n", []wantErr{
			{4, 1, `paper "40x30in" is too small or too large`}}},
		{"paper too small for the margins", "[worksheet]\ntitle = \"T\"\npaper = \"100 x 75 mm\"\norientation = \"landscape\"\n[style]\nmargin_mm = 20\n[summary]\n", []wantErr{
			{3, 1, `paper "100x75mm" leaves 60 x 35 mm inside margins of 20 mm: the text needs at least 40 mm each way; use a larger paper or a smaller margin_mm`}}},
		{"unknown orientation", "[worksheet]\ntitle = \"T\"\n[summary]\norientation = \"sideways\"\n", []wantErr{
			{4, 1, `unknown orientation "sideways": use portrait or landscape`}}},
		{"unknown ruling", head + "notes = \"n\"\nruling = \"wavy\"\n", []wantErr{
			{7, 1, `unknown ruling "wavy": use lines, dotted, grid or blank`}}},
		{"unknown font", "[worksheet]\ntitle = \"T\"\n[style]\nfont = \"comic\"\n[summary]\n", []wantErr{
			{4, 1, `unknown font "comic": use sans or serif`}}},
		{"missing title", "[worksheet]\nauthor = \"A\"\n[summary]\n", []wantErr{
			{1, 1, `[worksheet] has no title: add title = "..."`}}},
		{"empty title", "[worksheet]\ntitle = \"  \"\n[summary]\n", []wantErr{
			{2, 1, `key "title" must not be empty`}}},
		{"missing worksheet", "[summary]\ntitle = \"S\"\n", []wantErr{
			{1, 1, "missing [worksheet] table"}}},
		{"missing heading", "[worksheet]\ntitle = \"T\"\n[[section]]\n", []wantErr{
			{3, 1, `[[section]] has no heading: add heading = "..."`}}},
		{"empty bullet", head + "bullet = \"\"\n", []wantErr{{6, 1, `key "bullet" must not be empty`}}},
		{"empty task without items", head + "task = \"\"\n", []wantErr{{6, 1, `key "task" must not be empty unless the task has items`}}},
		{"empty task with empty items", head + "task = \"\"\nitems = []\n", []wantErr{{6, 1, `key "task" must not be empty unless the task has items`}}},
		{"nothing to build", "[worksheet]\ntitle = \"T\"\n", []wantErr{
			{1, 1, "nothing to build: add a [[section]] or a [summary]"}}},
		{"snowman", head + "text = \"\"\"\nA line,\n  then a ☃ and ☃.\"\"\"\n", []wantErr{
			{8, 10, `1 character of this text (symbols: ☃ U+2603) is in none of the fonts: add a font that has it under [fonts] fallback (see "Languages and fonts" in docs/format.md)`}}},
		{"emoji in serif", "[style]\nfont = \"serif\"\n[worksheet]\ntitle = '''\n\n  ok 😀'''\n[summary]\n", []wantErr{
			{6, 6, `1 character of this text (😀 U+1F600) is beyond U+FFFF, which the PDF writer cannot draw in any font: leave it out`}}},
		{"escaped emoji", "[worksheet]\ntitle = \"ok \\U0001F600\"\n[summary]\n", []wantErr{
			{2, 13, `(😀 U+1F600) is beyond U+FFFF`}}},
		{"emoji in item", head + "task = \"t\"\nitems = [\n  \"a\",\n  \"b 😀\",\n]\n", []wantErr{
			{9, 6, `(😀 U+1F600) is beyond U+FFFF`}}},
		{"control", head + "bullet = \"a\\u0007b\"\n", []wantErr{
			{6, 12, `control character "\a" (U+0007) is not allowed`}}},
		{"control in author", "[worksheet]\ntitle = \"T\"\nauthor = \"\\u0001\"\n[summary]\n", []wantErr{
			{3, 11, `control character "\x01" (U+0001) is not allowed`}}},
		{"footer placeholder", "[worksheet]\ntitle = \"T\"\nfooter = \"Page {page} on {date}\"\n[summary]\n", []wantErr{
			{3, 26, `unknown placeholder "{date}" in footer: use {page}, {pages} or {title}`}}},
		{"footer link", "[worksheet]\ntitle = \"T\"\nfooter_link = \"www.example.com\"\n[summary]\n", []wantErr{
			{3, 1, `footer_link "www.example.com" is not an absolute http:// or https:// URL`}}},
		{"language", "[worksheet]\ntitle = \"T\"\nlanguage = \"english_GB\"\n[summary]\n", []wantErr{
			{3, 1, `invalid language "english_GB"`}}},
		{"lines on bullet", head + "bullet = \"b\"\nlines = 3\n", []wantErr{
			{7, 1, `key "lines" is not allowed in a bullet block (only in notes or question blocks)`}}},
		{"source on notes", head + "notes = \"n\"\nsource = \"s\"\n", []wantErr{
			{7, 1, `key "source" is not allowed in a notes block (only in quote blocks)`}}},
		{"item type", head + "task = \"t\"\nitems = [\"a\", 2]\n", []wantErr{
			{7, 15, `item 2 of "items" must be a string, not an integer`}}},
		{"empty item", head + "task = \"t\"\nitems = [\"a\", \" \"]\n", []wantErr{
			{7, 15, `item 2 of "items" is empty`}}},
		{"too many panels", "[worksheet]\ntitle = \"T\"\n[summary]\n" +
			strings.Repeat("[[summary.panel]]\nheading = \"P\"\n", 13), []wantErr{
			{28, 1, "too many panels: a summary has at most 12"}}},
		{"no panels", "[worksheet]\ntitle = \"T\"\n[summary]\npanel = []\n", []wantErr{
			{4, 1, "[summary] has no panels"}}},
		{"empty label", head + "task = \"t\"\nlabel = \" \"\n", []wantErr{
			{7, 1, `key "label" must not be empty`}}},
		{"empty summary title", "[worksheet]\ntitle = \"T\"\n[summary]\ntitle = \"\"\n", []wantErr{
			{4, 1, `key "title" must not be empty`}}},
		{"empty panel heading", "[worksheet]\ntitle = \"T\"\n[summary]\n[[summary.panel]]\nheading = \"\"\n", []wantErr{
			{5, 1, `key "heading" must not be empty`}}},
		{"empty quote", head + "quote = \" \"\n", []wantErr{{6, 1, `key "quote" must not be empty`}}},
		{"blank lines item", head + "task = \"t\"\nitems = [\"a\", \"\\n\\n\"]\n", []wantErr{
			{7, 15, `item 2 of "items" is empty`}}},
		{"many errors", "[worksheet]\ntitle = 1\npaper = \"B4\"\n\n[[section]]\nheading = \"\"\n" +
			"[[section.block]]\nbulet = \"x\"\n[[section.block]]\nnotes = \"n\"\nlines = 100\nlabel = \"L\"\n", []wantErr{
			{2, 1, `key "title" must be a string, not an integer`},
			{3, 1, `unknown paper "B4"`},
			{6, 1, `key "heading" must not be empty`},
			{7, 1, "block has no kind"},
			{8, 1, `unknown key "bulet" in [[section.block]] (did you mean "bullet"?)`},
			{11, 1, "lines = 100 is out of range 1..60"},
			{12, 1, `key "label" is not allowed in a notes block (only in task blocks)`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { decodeErrors(t, tt.src, tt.want) })
	}
}

// decodeErrors checks that decoding src as content/x.toml fails with the
// errors want, each containing its message.
func decodeErrors(t *testing.T, src string, want []wantErr) {
	t.Helper()
	doc, err := Decode("content/x.toml", []byte(src))
	if err == nil {
		t.Fatalf("no error; got %+v", doc)
	}
	if doc != nil {
		t.Errorf("got a document as well as an error")
	}
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error is %T, not Errors", err)
	}
	if len(errs) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(errs), len(want), err)
	}
	for i, w := range want {
		e := errs[i]
		if e.File != "content/x.toml" || e.Line != w.line || e.Column != w.col || !strings.Contains(e.Msg, w.msg) {
			t.Errorf("error %d = %q, want %d:%d and %q", i, e.Error(), w.line, w.col, w.msg)
		}
	}
}

func TestDecodeEditionKeys(t *testing.T) {
	src := `[worksheet]
title = "T"
fit_pages = 2
min_lines = 4
[[section]]
heading = "H"
[[section.block]]
notes = "n"
lines = " Fill "
min_lines = 2
answer = """
First paragraph
of the answer.

Second."""
[[section.block]]
task = "t"
answer = "A task's answer."
`
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := d.Worksheet
	if w.FitPages != 2 || w.FitPos != (Pos{3, 1}) || w.MinLines != 4 {
		t.Errorf("worksheet: fit_pages %d at %v, min_lines %d", w.FitPages, w.FitPos, w.MinLines)
	}
	n, tk := d.Sections[0].Blocks[0].Body.(*Notes), d.Sections[0].Blocks[1].Body.(*Task)
	if !n.Fill || n.MinLines != 2 || n.Answer.Pos != (Pos{11, 1}) ||
		joinInline(n.Answer.Paragraphs) != "First paragraph of the answer.|Second." {
		t.Errorf("notes: fill %v, min_lines %d, answer %q at %v", n.Fill, n.MinLines, n.Answer.Paragraphs, n.Answer.Pos)
	}
	if joinInline(tk.Answer.Paragraphs) != "A task's answer." {
		t.Errorf("task answer %q", tk.Answer.Paragraphs)
	}
	d, err = Decode("x.toml", []byte(head+"notes = \"n\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := d.Worksheet; w.FitPages != 0 || w.MinLines != 3 {
		t.Errorf("defaults: fit_pages %d, min_lines %d; want 0 and 3", w.FitPages, w.MinLines)
	}
}

func TestErrorString(t *testing.T) {
	errs := Errors{
		{File: "a.toml", Line: 3, Column: 7, Msg: "m1"},
		{File: "a.toml", Line: 4, Msg: "m2"},
		{File: "a.toml", Msg: "m3"},
	}
	want := "a.toml:3:7: m1\na.toml:4: m2\na.toml: m3"
	if got := errs.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestDecodeContent(t *testing.T) {
	data, err := os.ReadFile("../content/end-of-the-purges.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode("content/end-of-the-purges.toml", data); err != nil {
		t.Errorf("Decode: %v", err)
	}
}

func TestDecodeCRLF(t *testing.T) {
	src := "[worksheet]\r\ntitle = \"T\"\r\n[[section]]\r\nheading = \"H\"\r\n[[section.block]]\r\n" +
		"text = '''\r\na\r\nb\r\n\r\nc'''\r\n"
	doc, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Sections[0].Blocks[0].Body.(*Text).Paragraphs, plains("a b", "c"); !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
	if got := doc.Sections[0].Blocks[0].Pos; got != (Pos{5, 1}) {
		t.Errorf("Pos = %v, want 5:1", got)
	}
}

func TestDecodeBOM(t *testing.T) {
	src := "\uFEFF[worksheet]\ntitle = \"T\"\n[summary]\nx = 1\n"
	_, err := Decode("x.toml", []byte(src))
	if err == nil || err.Error() != `x.toml:4:1: unknown key "x" in [summary]` {
		t.Errorf("err = %v", err)
	}
}

// paper returns the named paper, failing the test if there is none.
func paper(t *testing.T, name string, landscape bool) Paper {
	t.Helper()
	p, ok := PaperSize(name, landscape)
	if !ok {
		t.Fatalf("PaperSize(%q) not found", name)
	}
	return p
}

func TestPaperSize(t *testing.T) {
	tests := []struct {
		name      string
		landscape bool
		want      Paper
		ok        bool
	}{
		{"A4", false, Paper{Name: "A4", Width: 595.28, Height: 841.89}, true},
		{"a4", true, Paper{Name: "A4", Landscape: true, Width: 841.89, Height: 595.28}, true},
		{" a5 ", false, Paper{Name: "A5", Width: 419.53, Height: 595.28}, true},
		{"A3", true, Paper{Name: "A3", Landscape: true, Width: 1190.55, Height: 841.89}, true},
		{"LETTER", false, Paper{Name: "Letter", Width: 612, Height: 792}, true},
		{"legal", true, Paper{Name: "Legal", Landscape: true, Width: 1008, Height: 612}, true},
		{"b5", false, Paper{Name: "B5", Width: 498.9, Height: 708.66}, true},
		{"Tabloid", true, Paper{Name: "Tabloid", Landscape: true, Width: 1224, Height: 792}, true},
		{"210x297mm", false, Paper{Name: "210x297mm", Width: 595.28, Height: 841.89}, true},
		{"297x210mm", false, Paper{Name: "297x210mm", Width: 595.28, Height: 841.89}, true},
		{"210x297mm", true, Paper{Name: "210x297mm", Landscape: true, Width: 841.89, Height: 595.28}, true},
		{" 8.5 X 11 IN\t", false, Paper{Name: "8.5x11in", Width: 612, Height: 792}, true},
		{"50x1000mm", false, Paper{Name: "50x1000mm", Width: 141.73, Height: 2834.65}, true},
		{"100.50x150mm", false, Paper{Name: "100.5x150mm", Width: 284.88, Height: 425.2}, true},
		{"A2", false, Paper{}, false},
		{"", false, Paper{}, false},
		{"49.9x100mm", false, Paper{}, false},
		{"100x1000.1mm", false, Paper{}, false},
		{"210x297cm", false, Paper{}, false},
		{"210x", false, Paper{}, false},
		{"210x297x1mm", false, Paper{}, false},
		{"-210x297mm", false, Paper{}, false},
	}
	for _, tt := range tests {
		got, ok := PaperSize(tt.name, tt.landscape)
		got.Width = math.Round(got.Width*100) / 100
		got.Height = math.Round(got.Height*100) / 100
		if got != tt.want || ok != tt.ok {
			t.Errorf("PaperSize(%q, %v) = %+v, %v, want %+v, %v", tt.name, tt.landscape, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParsePaperErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		want error
	}{
		{"A2", ErrUnknownPaper},
		{"x297mm", ErrUnknownPaper},
		{"", ErrUnknownPaper},
		{"210 x", ErrPaperFormat},
		{"210x297", ErrPaperFormat},
		{"210x297 cm", ErrPaperFormat},
		{"1.x2mm", ErrPaperFormat},
		{"0x297mm", ErrPaperRange},
		{"210x1001mm", ErrPaperRange},
		{"1x11in", ErrPaperRange},
		{"99999999999999999999999x1mm", ErrPaperRange},
	} {
		if _, err := ParsePaper(c.name, false); !errors.Is(err, c.want) {
			t.Errorf("ParsePaper(%q): error %v, want %v", c.name, err, c.want)
		}
	}
}

// TestDecodeFormatExample decodes the complete example of docs/format.md,
// so that the documentation cannot drift from the decoder.
func TestDecodeFormatExample(t *testing.T) {
	data, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	src, ok := firstBlock(string(data), "toml")
	if !ok {
		t.Fatal("docs/format.md has no ```toml block")
	}
	doc, err := Decode("docs/format.md example", []byte(src))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(doc.Sections) == 0 || doc.Summary == nil {
		t.Errorf("example has %d sections and summary %v, want both", len(doc.Sections), doc.Summary != nil)
	}
}

// firstBlock returns the text of the first fenced code block of markdown
// md whose info string is lang.
func firstBlock(md, lang string) (string, bool) {
	_, rest, ok := strings.Cut(md, "\n```"+lang+"\n")
	if !ok {
		return "", false
	}
	block, _, ok := strings.Cut(rest, "\n```")
	return block + "\n", ok
}

// TestDecodeDocumented checks rules docs/format.md states, one file each.
func TestDecodeDocumented(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(d *Document) bool
	}{
		{"enums ignore case and spaces",
			"[worksheet]\ntitle = \"T\"\npaper = \" letter \"\norientation = \"LANDSCAPE\"\n" +
				"[style]\nfont = \" Serif\"\n[summary]\n[[summary.panel]]\nheading = \"P\"\nruling = \"Grid \"\n",
			func(d *Document) bool {
				return d.Worksheet.Paper.Name == "Letter" && d.Worksheet.Paper.Landscape &&
					d.Style.Font == fonts.Serif && d.Summary.Panels[0].Ruling == Grid
			}},
		{"task of only items", head + "task = \"\"\nlabel = \"Main Task\"\nitems = [\"a\"]\n",
			func(d *Document) bool {
				b := d.Sections[0].Blocks[0].Body.(*Task)
				return len(b.Paragraphs) == 0 && b.Label.String() == "Main Task" && len(b.Items) == 1
			}},
		{"notes without prompt", head + "notes = \"\"\n",
			func(d *Document) bool { return len(d.Sections[0].Blocks[0].Body.(*Notes).Prompt) == 0 }},
		{"one-line texts join paragraphs",
			"[worksheet]\ntitle = \"T\"\n[[section]]\nheading = '''a\n\nb'''\n[[section.block]]\n" +
				"quote = '''q\n\nr'''\nsource = '''s\n\nt'''\n",
			func(d *Document) bool {
				b := d.Sections[0].Blocks[0].Body.(*Quote)
				return d.Sections[0].Heading.String() == "a b" && len(b.Paragraphs) == 2 && b.Source.String() == "s t"
			}},
		{"summary landscape whatever the paper", "[worksheet]\ntitle = \"T\"\n[summary]\npaper = \"A4\"\n",
			func(d *Document) bool { return d.Summary.Paper.Name == "A4" && d.Summary.Paper.Landscape }},
		{"section without blocks", "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n",
			func(d *Document) bool { return len(d.Sections) == 1 && len(d.Sections[0].Blocks) == 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(d) {
				t.Errorf("unexpected document: %+v", d)
			}
		})
	}
}

// plains returns each of ss as an Inline of plain text.
func plains(ss ...string) []Inline {
	out := make([]Inline, len(ss))
	for i, s := range ss {
		out[i] = Plain(s)
	}
	return out
}

// joinInline returns the plain text of paragraphs, joined by "|".
func joinInline(paras []Inline) string {
	texts := make([]string, len(paras))
	for i, p := range paras {
		texts[i] = p.String()
	}
	return strings.Join(texts, "|")
}
