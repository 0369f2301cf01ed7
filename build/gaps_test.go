package build

import (
	"os"
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
	text := pdfTexts(t, outs)
	blank := regexp.MustCompile(`slowed down in _{10,}, and Yezhov was replaced by _{10,}\. Yezhov`)
	for _, k := range []Kind{Worksheet, LargePrint} {
		if !blank.MatchString(text[k]) {
			t.Errorf("the %v PDF does not read with blanks for its gaps:\n%s", k, text[k])
		}
		if strings.Contains(text[k], "down in 1938") || strings.Contains(text[k], "replaced by Beria") {
			t.Errorf("the %v PDF holds an answer in its sentence:\n%s", k, text[k])
		}
	}
	filled := regexp.MustCompile(`slowed down in 1938 ?, and Yezhov was replaced by Beria ?\. Yezhov`)
	if !filled.MatchString(text[Answers]) || strings.Contains(text[Answers], "__") {
		t.Errorf("the answer key does not read with its answers in the gaps:\n%s", text[Answers])
	}
	// The word bank lists the answers in every edition.
	for k, txt := range text {
		if !strings.Contains(txt, "Word bank") || !strings.Contains(txt, "the Right-Trotskyite bloc") {
			t.Errorf("the %v PDF has no word bank", k)
		}
	}
}
