package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

// pdfPages returns the text of each page of the PDF path, by pdftotext
// -layout.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	text := pdftool.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

// TestE2EFrench builds the example worksheet and a question paper in
// French, with their answer keys, and reads them with pdftotext: every
// word handout prints by itself is French, and none English.
func TestE2EFrench(t *testing.T) {
	out := t.TempDir()
	files := []string{"layout/testdata/fin-des-purges.toml", "layout/testdata/fin-des-purges-questions.toml"}
	code, _, stderr := runHandout(t, fixedEnv, append([]string{"build", "--answers", "-o", out}, files...)...)
	if code != 0 || stderr != "" && strings.Contains(stderr, "warning") {
		t.Fatalf("handout build: exit status %d\n%s", code, stderr)
	}
	text := func(name string) string {
		return strings.Join(pdfPages(t, filepath.Join(out, name+".pdf")), "\n")
	}
	const nbsp = "\u00a0"
	// pdftotext reads a no-break space as a space.
	const space = `[ \x{a0}]`
	for name, wants := range map[string][]string{
		"fin-des-purges": {"Notes" + space + ": Pourquoi, selon Conquest", "Consigne", "Tâche finale",
			"Fiche de RJ Tarr, www.activehistory.co.uk / 1"},
		"fin-des-purges-summary": {"Nom", "Classe", "Date", "Causes", "Déroulement", "Conséquences"},
		"fin-des-purges-questions": {"Total" + space + ": 27 points", `Question\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+Total`,
			`Barème\s+4\s+5\s+1\s+3\s+1\s+4\s+1\s+8\s+27`, `Note\b`, `Nom\s+_*\s+Classe`, `\[4 points\]`, `\[1 point\]`,
			"Banque de mots", "Page 1 sur 3", "Page 3 sur 3"},
		"fin-des-purges-questions-answers": {"Corrigé"},
	} {
		s := text(name)
		for _, want := range wants {
			if !regexp.MustCompile(want).MatchString(s) {
				t.Errorf("%s.pdf has no %q:\n%s", name, want, s)
			}
		}
		for _, english := range []string{`Notes:`, `\bName\b`, `\bClass\b`, `\bMarks\b`, `\bScore\b`, `Answer key`, `\bmarks?\b`, `Word bank`, `\bTask\b`, `Page 1 of`, `Total:`} {
			if regexp.MustCompile(english).MatchString(s) {
				t.Errorf("%s.pdf has the English %q", name, english)
			}
		}
	}
	info := pdfinfo(t, filepath.Join(out, "fin-des-purges-questions-answers.pdf"))
	if got, want := info["Title"], "La fin des Grandes Purges"+nbsp+": questions (corrigé)"; got != want {
		t.Errorf("the key's title is %q, want %q", got, want)
	}
}

// TestE2EFurniture builds the worksheet with a header, a logo and a footer
// of three parts, and reads it with pdftotext and pdfimages: the header on
// every page but the first, the footer on every page, the logo once, on
// the first page, and on the summary sheet.
func TestE2EFurniture(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, "layout/testdata/furniture.toml")
	if code != 0 {
		t.Fatalf("handout build: exit status %d\n%s", code, stderr)
	}
	pdf := filepath.Join(out, "furniture.pdf")
	pages := pdfPages(t, pdf)
	header := regexp.MustCompile(`Year 9 History\s+The end of the Purges\s+Page (\d) of (\d)`)
	footer := regexp.MustCompile(`Hillside Academy, History\s+www\.activehistory\.co\.uk\s+(\d)\s*/\s*(\d)`)
	for i, p := range pages {
		h, f := header.FindStringSubmatch(p), footer.FindStringSubmatch(p)
		if i == 0 && h != nil || i > 0 && (h == nil || h[1] != string(rune('1'+i))) {
			t.Errorf("page %d: header %q", i+1, h)
		}
		if f == nil || f[1] != string(rune('1'+i)) || f[2] != string(rune('0'+len(pages))) {
			t.Errorf("page %d: footer %q\n%s", i+1, f, p)
		}
	}
	if !regexp.MustCompile(`Name\s+_*\s*Form\s+_*\s*Teacher`).MatchString(pages[0]) && !strings.Contains(pages[0], "Teacher") {
		t.Errorf("page 1 has no name line of Name, Form and Teacher:\n%s", pages[0])
	}
	for _, name := range []string{"furniture.pdf", "furniture-summary.pdf"} {
		list := pdftool.Run(t, "pdfimages", "-list", filepath.Join(out, name))
		var onFirst, others int
		for _, line := range strings.Split(list, "\n")[2:] {
			f := strings.Fields(line)
			if len(f) > 3 && f[2] == "image" {
				if f[0] == "1" {
					onFirst++
				} else {
					others++
				}
			}
		}
		if onFirst != 1 || others != 0 {
			t.Errorf("%s: %d images on page 1 and %d on others, want the logo on page 1\n%s", name, onFirst, others, list)
		}
	}
}
