package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handout/internal/pdfua"
)

// wroteRE matches a line in which handout says it wrote a PDF, such as
// "wrote out/w.pdf (2 pages)" or "wrote out/w-2up.pdf (1 page, from 2)".
var wroteRE = regexp.MustCompile(`(?m)^wrote (.+\.pdf) \(\d+ pages?[,)]`)

// checkWritten holds every PDF that a run of handout wrote, as its stdout
// or stderr says, and the PDF it wrote to standard output, to the rules of
// PDF/UA-1 that the in-project checker knows (see package pdfua): so that
// every PDF the end-to-end tests build, in every edition and with every
// print option, is checked (runHandout calls it).
func checkWritten(t *testing.T, stdout, stderr string) {
	t.Helper()
	for _, m := range wroteRE.FindAllStringSubmatch(stdout+"\n"+stderr, -1) {
		data, err := os.ReadFile(m[1])
		if err != nil {
			if strings.Contains(m[1], `\`) {
				continue // a name handout escaped for the terminal
			}
			t.Errorf("handout says it wrote %s: %v", m[1], err)
			continue
		}
		checkAccessible(t, m[1], data)
	}
	if strings.HasPrefix(stdout, "%PDF-") {
		checkAccessible(t, "the PDF on standard output", []byte(stdout))
	}
}

// checkAccessible checks one PDF: it passes the checker, or, when it has
// a picture without alternative text, breaks only the rule that Figures
// have alt text (figure-alt), and does not claim PDF/UA (pdfua-part), as
// handout writes no claim that a file does not live up to.
func checkAccessible(t *testing.T, name string, pdf []byte) {
	t.Helper()
	vs, err := pdfua.Check(pdf)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	ids := pdfua.IDs(vs)
	if len(ids) == 0 || slices.Equal(ids, []string{"figure-alt", "pdfua-part"}) {
		return
	}
	t.Errorf("%s is not PDF/UA-1: it breaks %s\n%s", name, strings.Join(ids, ", "), pdfua.Report(vs))
}
