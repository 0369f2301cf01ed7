package document

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"handout/fonts"
)

// TestBuiltinLabels checks every built-in set: every label there, none
// with spaces at its ends, every character in all four styles of both
// fonts, a page template with known placeholders only.
func TestBuiltinLabels(t *testing.T) {
	var faces []*fonts.Metrics
	for _, fam := range fontFamilies {
		for _, st := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
			m, err := fonts.Load(fonts.Face{Family: fam, Style: st})
			if err != nil {
				t.Fatal(err)
			}
			faces = append(faces, m)
		}
	}
	want := []string{"cy", "de", "en", "es", "fr", "it", "nl", "pl", "pt"}
	if got := BuiltinLanguages(); !reflect.DeepEqual(got, want) {
		t.Errorf("BuiltinLanguages() = %q, want %q", got, want)
	}
	for _, lang := range want {
		l, ok := BuiltinLabels(lang)
		if !ok {
			t.Fatalf("%s: no built-in labels", lang)
		}
		for _, key := range LabelKeys() {
			s, _ := l.Label(key)
			if s == "" && !optionalForm(key) || s != strings.TrimSpace(s) {
				t.Errorf("%s: label %s = %q", lang, key, s)
			}
			for _, r := range s {
				for _, m := range faces {
					if !m.HasGlyph(r) {
						t.Errorf("%s: label %s = %q: %q is not in %s", lang, key, s, r, m.Face())
					}
				}
			}
		}
		if _, unknown := parseTemplate(l.Page); len(unknown) > 0 || !strings.Contains(l.Page, "{page}") {
			t.Errorf("%s: page = %q", lang, l.Page)
		}
		if l.Colon == "" {
			t.Errorf("%s: no colon", lang)
		}
	}
}

// TestMarksOf checks the marks' forms by each language's plural rule.
func TestMarksOf(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"", 1, "1 mark"}, {"", 0, "0 marks"}, {"en-GB", 2, "2 marks"}, {"en", 21, "21 marks"},
		{"fr", 0, "0 point"}, {"fr-FR", 1, "1 point"}, {"fr", 2, "2 points"}, {"fr-CA", 40, "40 points"},
		{"de", 1, "1 Punkt"}, {"de-AT", 4, "4 Punkte"},
		{"es", 1, "1 punto"}, {"es", 0, "0 puntos"}, {"it", 3, "3 punti"},
		{"pt", 0, "0 ponto"}, {"pt-PT", 0, "0 pontos"}, {"pt-BR", 1, "1 ponto"}, {"pt", 2, "2 pontos"},
		{"nl", 1, "1 punt"}, {"nl", 8, "8 punten"},
		{"pl", 1, "1 punkt"}, {"pl", 2, "2 punkty"}, {"pl", 4, "4 punkty"}, {"pl", 5, "5 punktów"},
		{"pl", 12, "12 punktów"}, {"pl", 21, "21 punktów"}, {"pl", 22, "22 punkty"}, {"pl", 0, "0 punktów"},
		{"cy", 0, "0 marc"}, {"cy", 1, "1 marc"}, {"cy", 2, "2 farc"}, {"cy", 3, "3 marc"}, {"cy", 6, "6 marc"}, {"cy", 10, "10 marc"},
		{"ru", 21, "21 marks"}, // English words, and so English's rule
	}
	for _, tt := range tests {
		l, _ := BuiltinLabels(tt.lang)
		if got := l.MarksOf(tt.n); got != tt.want {
			t.Errorf("%q: MarksOf(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	fr, _ := BuiltinLabels("fr")
	if got, want := fr.TotalOf(21), "Total\u00a0: 21 points"; got != want {
		t.Errorf("fr: TotalOf(21) = %q, want %q", got, want)
	}
	en, _ := BuiltinLabels("")
	if got, want := en.TotalOf(1), "Total: 1 mark"; got != want {
		t.Errorf("TotalOf(1) = %q, want %q", got, want)
	}
}

// TestDecodeLabels checks that the worksheet's language chooses the
// labels, that [labels] changes them, and what takes its defaults from
// them.
func TestDecodeLabels(t *testing.T) {
	const body = "[[section]]\nheading = \"H\"\n[[section.block]]\ntask = \"Do it.\"\n[summary]\n"
	tests := []struct {
		name, src string
		check     func(t *testing.T, d *Document)
	}{
		{"no language", "[worksheet]\ntitle = \"T\"\nname_line = true\n" + body, func(t *testing.T, d *Document) {
			w := d.Worksheet
			if d.Labels.Notes != "Notes:" || w.Footer.Center.Expand(2, 3, "") != "Page 2 of 3" ||
				!reflect.DeepEqual(w.NameLine, []string{"Name", "Class", "Date"}) {
				t.Errorf("labels %+v, footer %v, name line %q", d.Labels, w.Footer, w.NameLine)
			}
		}},
		{"French", "[worksheet]\ntitle = \"T\"\nlanguage = \"fr-FR\"\nname_line = true\n" + body, func(t *testing.T, d *Document) {
			w := d.Worksheet
			task := d.Sections[0].Blocks[0].Body.(*Task)
			var panels []string
			for _, p := range d.Summary.Panels {
				panels = append(panels, p.Heading.String())
			}
			if task.Label.String() != "Consigne" || w.Footer.Center.Expand(1, 2, "") != "Page 1 sur 2" ||
				!reflect.DeepEqual(w.NameLine, []string{"Nom", "Classe", "Date"}) ||
				!reflect.DeepEqual(d.Summary.NameLine, w.NameLine) ||
				!reflect.DeepEqual(panels, []string{"Causes", "Déroulement", "Conséquences"}) {
				t.Errorf("task %q, footer %v, name lines %q, %q, panels %q", task.Label, w.Footer, w.NameLine, d.Summary.NameLine, panels)
			}
		}},
		{"upper case", "[worksheet]\ntitle = \"T\"\nlanguage = \"DE\"\n" + body, func(t *testing.T, d *Document) {
			if d.Labels.Task != "Aufgabe" || len(d.Warnings) > 0 {
				t.Errorf("task %q, warnings %v", d.Labels.Task, d.Warnings)
			}
		}},
		{"changed", "[worksheet]\ntitle = \"T\"\nlanguage = \"fr\"\nname_line = true\n[labels]\nnotes = \"Remarques :\"\nname = \"Nom et prénom\"\ntask = \"Activité\"\nmark = \"pt\"\nmarks = \"pts\"\npage = \"{page}/{pages}\"\ncauses = \"Origines\"\n" + body, func(t *testing.T, d *Document) {
			l := d.Labels
			task := d.Sections[0].Blocks[0].Body.(*Task)
			if l.Notes != "Remarques :" || task.Label.String() != "Activité" || l.MarksOf(0) != "0 pt" || l.MarksOf(3) != "3 pts" ||
				d.Worksheet.Footer.Center.Expand(1, 2, "") != "1/2" || d.Worksheet.NameLine[0] != "Nom et prénom" ||
				d.Summary.Panels[0].Heading.String() != "Origines" || l.Score != "Note" {
				t.Errorf("labels %+v, task %q", l, task.Label)
			}
		}},
		{"no notes label", "[worksheet]\ntitle = \"T\"\n[labels]\nnotes = \"\"\n" + body, func(t *testing.T, d *Document) {
			if d.Labels.Notes != "" {
				t.Errorf("notes = %q", d.Labels.Notes)
			}
		}},
		{"a language without labels", "[worksheet]\ntitle = \"T\"\nlanguage = \"sv-SE\"\n" + body, func(t *testing.T, d *Document) {
			if d.Labels.Task != "Task" || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Error(), `x.toml:3:1: language "sv-SE" has no built-in labels`) ||
				!strings.Contains(d.Warnings[0].Error(), "[labels]") {
				t.Errorf("task %q, warnings %v", d.Labels.Task, d.Warnings)
			}
		}},
		{"some of its labels", "[worksheet]\ntitle = \"T\"\nlanguage = \"sv\"\n[labels]\n" + everyLabel("notes", "task") + body, func(t *testing.T, d *Document) {
			if len(d.Warnings) != 1 || !strings.HasSuffix(d.Warnings[0].Msg, "[labels] leaves 4 labels printed in English: give notes, task, mark and marks too (see Languages in docs/format.md)") {
				t.Errorf("warnings %v", d.Warnings)
			}
		}},
		{"all of its labels", "[worksheet]\ntitle = \"T\"\nlanguage = \"ru\"\n[labels]\n" + everyLabel() + "mark = \"балл\"\nmarks = \"балла\"\nmarks_few = \"балла\"\nmarks_many = \"баллов\"\n" + body, func(t *testing.T, d *Document) {
			l := d.Labels
			if len(d.Warnings) > 0 || l.MarksOf(1) != "1 балл" || l.MarksOf(3) != "3 балла" || l.MarksOf(5) != "5 баллов" || l.MarksOf(21) != "21 балл" {
				t.Errorf("warnings %v, marks %q %q %q %q", d.Warnings, l.MarksOf(1), l.MarksOf(3), l.MarksOf(5), l.MarksOf(21))
			}
		}},
		{"name line fields", "[worksheet]\ntitle = \"T\"\nname_line = [\"Name\", \"Form\", \"Teacher\"]\n" + body + "name_line = [\"Group\"]\n", func(t *testing.T, d *Document) {
			if !reflect.DeepEqual(d.Worksheet.NameLine, []string{"Name", "Form", "Teacher"}) || !reflect.DeepEqual(d.Summary.NameLine, []string{"Group"}) {
				t.Errorf("name lines %q, %q", d.Worksheet.NameLine, d.Summary.NameLine)
			}
		}},
		{"the summary takes the worksheet's fields", "[worksheet]\ntitle = \"T\"\nname_line = [\"Name\", \"Form\"]\n" + body + "name_line = true\n", func(t *testing.T, d *Document) {
			if !reflect.DeepEqual(d.Summary.NameLine, []string{"Name", "Form"}) {
				t.Errorf("name line %q", d.Summary.NameLine)
			}
		}},
		{"no name line on the summary", "[worksheet]\ntitle = \"T\"\n" + body + "name_line = false\n", func(t *testing.T, d *Document) {
			if d.Summary.NameLine != nil {
				t.Errorf("name line %q", d.Summary.NameLine)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, d)
		})
	}
}

// everyLabel returns a line setting each label but those of but.
func everyLabel(but ...string) string {
	var b strings.Builder
	for _, k := range LabelKeys() {
		if k != "mark" && k != "marks" && !optionalForm(k) && !slices.Contains(but, k) {
			v := "x"
			if k == "page" {
				v = "{page}"
			}
			b.WriteString(k + " = \"" + v + "\"\n")
		}
	}
	return b.String()
}

// TestDecodeFurniture checks the header, footer and logo keys.
func TestDecodeFurniture(t *testing.T) {
	src := `[worksheet]
title = "The *Purges*"
header = ["Year 9 History", "{title}", "Page {page}"]
first_page_header = false
footer = ["", "{page} / {pages}", "activehistory.co.uk"]
logo = "images/logo.png"
logo_mm = 20
[[section]]
heading = "H"
`
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := d.Worksheet
	var got []string
	for _, r := range []Running{w.Header, w.Footer} {
		for _, p := range r.Parts() {
			got = append(got, p.Expand(2, 3, w.Title.String()))
		}
	}
	if want := []string{"Year 9 History", "The Purges", "Page 2", "", "2 / 3", "activehistory.co.uk"}; !reflect.DeepEqual(got, want) {
		t.Errorf("header and footer = %q, want %q", got, want)
	}
	if w.FirstPageHeader || w.Logo == nil || w.Logo.Path != "images/logo.png" || w.Logo.PathPos != (Pos{6, 1}) || w.LogoMM != 20 {
		t.Errorf("FirstPageHeader %v, Logo %+v, LogoMM %v", w.FirstPageHeader, w.Logo, w.LogoMM)
	}
	if ps := d.Pictures(); len(ps) != 1 || ps[0] != w.Logo {
		t.Errorf("Pictures() = %v", ps)
	}
}

// TestLabelErrors checks the errors of [labels], the name line and the
// furniture.
func TestLabelErrors(t *testing.T) {
	const ws = "[worksheet]\ntitle = \"T\"\n"
	const sec = "[[section]]\nheading = \"H\"\n"
	tests := []struct {
		name, src, want string
	}{
		{"unknown label", ws + sec + "[labels]\nnom = \"Nom\"\n",
			`x.toml:6:1: unknown label "nom" in [labels] (did you mean "name"?): the labels are notes, task, name, class, date, mark, marks, marks_zero, marks_two, marks_few, marks_many, total, question, marks_row, score, answer_key, answers, word_bank, version, page, causes, course, effects, blank and correct`},
		{"empty label", ws + sec + "[labels]\ntask = \" \"\n", `x.toml:6:1: label "task" must not be empty`},
		{"long label", ws + sec + "[labels]\nscore = \"" + strings.Repeat("s", MaxLabelChars+1) + "\"\n", `x.toml:6:1: label "score" is 101 characters long: a label may have at most 100`},
		{"label not a string", ws + sec + "[labels]\ntotal = 3\n", `x.toml:6:1: key "total" must be a string, not an integer`},
		{"page placeholder", ws + sec + "[labels]\npage = \"Seite {seite}\"\n", `x.toml:6:15: unknown placeholder "{seite}" in page: use {page}, {pages} or {title}`},
		{"label character", ws + sec + "[labels]\nname = \"名前\"\n", `x.toml:6:9: 2 characters of this text (Chinese: 名, 前) are in none of the fonts: add a font that has them under [fonts] fallback (see "Languages and fonts" in docs/format.md)`},
		{"no fields", ws + "name_line = []\n" + sec, `x.toml:3:1: name_line = [] has no fields: give their names, such as ["Name", "Form"], or write name_line = false for none`},
		{"empty field", ws + "name_line = [\"Name\", \"\"]\n" + sec, `x.toml:3:22: item 2 of "name_line" is empty`},
		{"field not a string", ws + "name_line = [\"Name\", 2]\n" + sec, `x.toml:3:22: item 2 of "name_line" must be a string, not an integer`},
		{"too many fields", ws + "name_line = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\"]\n" + sec, `x.toml:3:44: too many fields: this is field 7 of 7 in "name_line", and a name line may have at most 6`},
		{"two parts", ws + "footer = [\"a\", \"b\"]\n" + sec, `x.toml:3:1: footer has 2 parts: give one string, printed centred, or three`},
		{"part not a string", ws + "header = [\"a\", 1, \"c\"]\n" + sec, `x.toml:3:16: item 2 of "header" must be a string, not an integer`},
		{"part placeholder", ws + "header = [\"a\", \"b\", \"{date}\"]\n" + sec, `x.toml:3:22: unknown placeholder "{date}" in header: use {page}, {pages} or {title}`},
		{"long part", ws + "footer = [\"a\", \"" + strings.Repeat("f", MaxFooterChars+1) + "\", \"c\"]\n" + sec, `x.toml:3:16: the centre part of the footer is 201 characters long: each part may have at most 200`},
		{"header type", ws + "header = 3\n" + sec, `x.toml:3:1: key "header" must be a string or an array of three strings, not an integer`},
		{"logo_mm alone", ws + "logo_mm = 20\n" + sec, `x.toml:3:1: logo_mm is set but there is no logo`},
		{"logo_mm range", ws + "logo = \"a.png\"\nlogo_mm = 100\n" + sec, `x.toml:4:1: logo_mm = 100 is out of range 5..60`},
		{"logo out of the folder", ws + "logo = \"../a.png\"\n" + sec, `x.toml:3:1: image "../a.png" leads out of this file's folder`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestLabelsDocumented checks that docs/format.md's table of the built-in
// labels is theirs: a row for every label, a column for every language.
func TestLabelsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(doc), "\n### Languages\n")
	var langs []string
	rows := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.ReplaceAll(strings.TrimSpace(cells[i]), "&nbsp;", "\u00a0")
		}
		switch {
		case len(cells) > 2 && cells[0] == "key" && cells[1] == "en":
			langs = cells[1:]
		case langs != nil && len(cells) == len(langs)+1 && strings.HasPrefix(cells[0], "`"):
			rows[strings.Trim(cells[0], "`")] = cells[1:]
		}
	}
	if got := slices.Sorted(slices.Values(langs)); !reflect.DeepEqual(got, BuiltinLanguages()) {
		t.Fatalf("the table's languages are %q, want %q", langs, BuiltinLanguages())
	}
	for _, key := range LabelKeys() {
		row, ok := rows[key]
		if !ok {
			t.Errorf("the table has no row for %s", key)
			continue
		}
		for i, lang := range langs {
			l, _ := BuiltinLabels(lang)
			if want, _ := l.Label(key); row[i] != want {
				t.Errorf("the table says %s in %s is %q, want %q", key, lang, row[i], want)
			}
		}
	}
	if len(rows) != len(LabelKeys()) {
		t.Errorf("the table has %d rows, want %d", len(rows), len(LabelKeys()))
	}
}
