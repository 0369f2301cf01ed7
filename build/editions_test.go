package build

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
)

// editionsFile is the layout's fixture with answers on notes and task blocks.
const editionsFile = "../layout/testdata/editions.toml"

func TestFileEditions(t *testing.T) {
	data, err := os.ReadFile(editionsFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		opt  Options
		want []Kind
	}{
		{Options{}, []Kind{Worksheet}},
		{Options{Answers: true}, []Kind{Worksheet, Answers}},
		{Options{LargePrint: true}, []Kind{Worksheet, LargePrint}},
		{Options{Answers: true, LargePrint: true}, []Kind{Worksheet, Answers, LargePrint}},
	}
	for _, tt := range tests {
		tt.opt.Time = testTime
		outs, err := File(editionsFile, data, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		var got []Kind
		for _, o := range outs {
			got = append(got, o.Kind)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%+v: PDFs %v, want %v", tt.opt, got, tt.want)
		}
	}
}

// TestAnswersOnlyInAnswerKey reads the text of the student copy and the
// answer key back with pdftotext: the answers are in the key alone, and the
// two have the same number of pages.
func TestAnswersOnlyInAnswerKey(t *testing.T) {
	pdftool.Need(t, "pdftotext")
	data, err := os.ReadFile(editionsFile)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := File(editionsFile, data, Options{Time: testTime, Answers: true, LargePrint: true})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfTexts(t, outs)
	pages := map[Kind]int{}
	for _, o := range outs {
		pages[o.Kind] = o.Pages
	}
	answers := []string{"the country was crushed, so there was no one left to resist", "Lavrentiy Beria.", "true heir", "ice axe"}
	for _, a := range answers {
		if !strings.Contains(text[Answers], a) {
			t.Errorf("the answer key lacks %q", a)
		}
		for _, k := range []Kind{Worksheet, LargePrint} {
			if strings.Contains(text[k], a) {
				t.Errorf("the %v PDF holds the answer %q", k, a)
			}
		}
	}
	if !strings.Contains(text[Worksheet], "Why does Conquest suggest") {
		t.Errorf("pdftotext read no worksheet text: %q", text[Worksheet])
	}
	if pages[Answers] != pages[Worksheet] {
		t.Errorf("answer key %d pages, student copy %d", pages[Answers], pages[Worksheet])
	}
}

func TestAnswerTooLongIsAContentError(t *testing.T) {
	src := `[worksheet]
title = "T"

[[section]]
heading = "H"

[[section.block]]
notes = "Why?"
lines = 1
answer = "An answer far too long for a single writing line, which goes on and on about the Purges and what followed them."
`
	for _, opt := range []Options{{}, {Answers: true}} {
		_, err := File("x.toml", []byte(src), opt)
		var errs document.Errors
		if !errors.As(err, &errs) {
			t.Fatalf("%+v: error %v (%T), want document.Errors", opt, err, err)
		}
		want := "x.toml:10:1: the answer of the notes block at line 7 needs 2 writing lines and its box has 1: shorten the answer or raise lines to 2"
		if err.Error() != want {
			t.Errorf("%+v: error\n%v\nwant\n%s", opt, err, want)
		}
	}
	if err := Check("x.toml", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), "x.toml:10:1: the answer") {
		t.Errorf("Check: %v", err)
	}
}

func TestSourcesEditionClash(t *testing.T) {
	t.Chdir(t.TempDir())
	mustWrite(t, "c/a.toml", "a")
	mustWrite(t, "c/a-answers.toml", "a's answer key's name")
	mustWrite(t, "d/b.toml", "b")
	mustWrite(t, "d/b-large.toml", "b's large print's name")
	if _, err := Sources([]string{"c", "d"}, "out"); err != nil {
		t.Errorf("without editions: %v", err)
	}
	opt := Options{Answers: true, LargePrint: true}
	for _, dir := range []string{"c", "d"} {
		_, err := Sources([]string{dir}, "out", opt.Outputs()...)
		if err == nil || !strings.Contains(err.Error(), "would both write") {
			t.Errorf("%s with editions: error %v, want a clash", dir, err)
		}
	}
}
