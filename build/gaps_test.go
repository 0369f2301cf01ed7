package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

// gapsFile is the layout's fixture with gaps and a word bank.
const gapsFile = "../layout/testdata/gaps.toml"

// TestGapsInPDF reads the text of the student copy and the answer key of a
// sheet of gaps back with pdftotext: in the student copy each gap reads as
// a blank, a run of underscores in its place in the sentence, and its
// answer is not there; in the key it reads as its answer.
func TestGapsInPDF(t *testing.T) {
	pdftool.Need(t, "pdftotext")
	data, err := os.ReadFile(gapsFile)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := File(gapsFile, data, Options{Time: testTime, Answers: true, LargePrint: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	text := map[string]string{}
	for _, o := range outs {
		path := filepath.Join(dir, "g"+o.Suffix+".pdf")
		if err := os.WriteFile(path, o.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		text[o.Suffix] = strings.Join(strings.Fields(pdftool.Run(t, "pdftotext", path, "-")), " ")
	}
	blank := regexp.MustCompile(`slowed down in _{10,}, and Yezhov was replaced by _{10,}\. Yezhov`)
	for _, s := range []string{WorksheetSuffix, LargeSuffix} {
		if !blank.MatchString(text[s]) {
			t.Errorf("PDF %q does not read with blanks for its gaps:\n%s", s, text[s])
		}
		if strings.Contains(text[s], "down in 1938") || strings.Contains(text[s], "replaced by Beria") {
			t.Errorf("PDF %q holds an answer in its sentence:\n%s", s, text[s])
		}
	}
	filled := regexp.MustCompile(`slowed down in 1938 ?, and Yezhov was replaced by Beria ?\. Yezhov`)
	if !filled.MatchString(text[AnswersSuffix]) || strings.Contains(text[AnswersSuffix], "__") {
		t.Errorf("the answer key does not read with its answers in the gaps:\n%s", text[AnswersSuffix])
	}
	// The word bank lists the answers in every edition.
	for s, txt := range text {
		if !strings.Contains(txt, "Word bank") || !strings.Contains(txt, "the Right-Trotskyite bloc") {
			t.Errorf("PDF %q has no word bank", s)
		}
	}
}
