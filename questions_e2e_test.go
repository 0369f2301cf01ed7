package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

// questionPaper is the example question paper.
const questionPaper = "content/end-of-the-purges-questions.toml"

// TestE2EQuestions builds the example question paper, its answer key and
// its large-print copy, and reads them with pdftotext: the total, the
// numbers, the marks, the choices' letters and the matching columns are
// text, the answer key says it is one on its first page and holds the
// model answers, which the student copy does not, and the key has the
// student copy's pages.
func TestE2EQuestions(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runHandout(t, fixedEnv, "build", "--answers", "--large-print", "-o", out, questionPaper)
	if code != 0 {
		t.Fatalf("handout build %s: exit status %d\n%s", questionPaper, code, stderr)
	}
	pages := func(edition string) []string {
		pdf := filepath.Join(out, "end-of-the-purges-questions"+edition+".pdf")
		text := pdftool.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-")
		return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	}
	student, key, large := pages(""), pages("-answers"), pages("-large")
	if len(key) != len(student) {
		t.Errorf("the key has %d pages, the student copy %d", len(key), len(student))
	}
	whole := strings.Join(student, "\n")
	for _, re := range []string{
		`Total: 27 marks`,
		`Question\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+Total`,
		`Marks\s+4\s+5\s+1\s+3\s+1\s+4\s+1\s+8\s+27`,
		`Score`,
		`1\s+Read Source A\. Why, according to Conquest, did the Purges slow down in 1938\?\s+\[4 marks\]`,
		`\(a\)\s+Whose name does Runin say aroused horror\?\s+_*\s*\[1 mark\]`,
		`\(i\)\s+through arrests\s+\[2 marks\]`,
		`3\s+In which year was Sergei Sedov sentenced to be shot\?\s+\[1 mark\]`,
		`A\s+1935\s+B\s+1936\s+C\s+1937\s+D\s+1938`,
		`A\s+True\s+B\s+False`,
		`1\.\s+Yezhov\b`,
		`4\.\s+Leon Sedov\b`,
		`Word bank\s+1936\s+1938\s+Bukharin\s+Coyoacán\s+Poland\s+Ramón Mercader\s+Yezhov`,
		`The Purges slowed down in\s+_*\s*, when Stalin dismissed`,
		`7\s+Complete: in September 1939 Germany and the USSR divided\s+_*\s+\[1 mark\]`,
		`8\s+"The Purges ended because Stalin had achieved what he wanted\." How far do you`,
	} {
		if !regexp.MustCompile(re).MatchString(whole) {
			t.Errorf("the student copy has no %s:\n%s", re, whole)
		}
	}
	for name, doc := range map[string][]string{"student copy": student, "large print": large} {
		if s := strings.Join(doc, "\n"); strings.Contains(s, "Answer key") || strings.Contains(s, "Kirov") || strings.Contains(s, "Partly: by 1938") {
			t.Errorf("the %s has answers or the key's label", name)
		}
	}
	if !strings.Contains(key[0], "Answer key") {
		t.Errorf("the key's first page does not say it is the answer key:\n%s", key[0])
	}
	for i, p := range key[1:] {
		if strings.Contains(p, "Answer key") {
			t.Errorf("the key's page %d says it is the answer key too", i+2)
		}
	}
	keyText := strings.Join(strings.Fields(strings.Join(key, " ")), " ")
	for _, want := range []string{"Trotsky's", "in 1938 , when Stalin dismissed Yezhov from", "the USSR divided Poland", "Being related to Trotsky made a whole family state criminals.", "Partly: by 1938 the Old Bolsheviks were dead"} {
		if !strings.Contains(keyText, want) {
			t.Errorf("the key lacks the answer %q", want)
		}
	}
	// The matching exercise's key: each left text's box holds the letter
	// of the right text that it matches.
	pairs := map[string]string{"Yezhov": "dismissed, then shot in 1940", "Trotsky": "killed in Mexico with an ice axe",
		"Sergei Sedov": "sentenced to be shot in 1937", "Leon Sedov": "died in Paris in 1938"}
	row := regexp.MustCompile(`(?m)^\s*\d\.\s+(\S+(?: Sedov)?)\s+([A-D])\s+([A-D])\s+(.+?)\s*$`)
	letters := map[string]string{}
	rights := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(strings.Join(key, "\n"), -1) {
		letters[m[1]] = m[2]
		rights[m[3]] = m[4]
	}
	if len(letters) != len(pairs) {
		t.Fatalf("found the key's rows %v, want %d", letters, len(pairs))
	}
	for left, right := range pairs {
		if got := rights[letters[left]]; got != right {
			t.Errorf("the key gives %s for %s, which is %q, not %q", letters[left], left, got, right)
		}
	}
}

// TestE2EQuestionsPrinted builds the question paper with every print
// option, gray, bleed, crop marks and a booklet, and its answer key. Each
// PDF is sound by qpdf and all gray, the booklet holds the questions, and
// the key, with its bleed, still says what it is.
func TestE2EQuestionsPrinted(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runHandout(t, fixedEnv, "build", "--answers", "--gray", "--bleed", "3", "--marks", "--impose", "booklet", "-o", out, questionPaper)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	pdfs, err := filepath.Glob(filepath.Join(out, "*.pdf"))
	if err != nil || len(pdfs) != 3 {
		t.Fatalf("wrote %v, want the paper, its key and its booklet", pdfs)
	}
	for _, pdf := range pdfs {
		pdftool.Run(t, "qpdf", "--check", pdf)
		if non := pdftool.NonGray(t, pdf); len(non) > 0 {
			t.Errorf("%s: colour operators %q", pdf, non)
		}
	}
	booklet := pdftool.Run(t, "pdftotext", "-layout", filepath.Join(out, "end-of-the-purges-questions-booklet.pdf"), "-")
	for _, want := range []string{"Total: 27 marks", "[8 marks]", "Match each person", "Word bank"} {
		if !strings.Contains(booklet, want) {
			t.Errorf("the booklet lacks %q", want)
		}
	}
	key := pdftool.Run(t, "pdftotext", "-f", "1", "-l", "1", filepath.Join(out, "end-of-the-purges-questions-answers.pdf"), "-")
	if !strings.Contains(key, "Answer key") {
		t.Errorf("the key's first page does not say it is the answer key:\n%s", key)
	}
}
