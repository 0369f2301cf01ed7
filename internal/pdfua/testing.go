package pdfua

import (
	"fmt"
	"strings"
	"testing"
)

// Conforms fails t, listing every violation, unless pdf passes Check. name
// says which PDF it is in the message, such as its path.
func Conforms(t testing.TB, name string, pdf []byte) {
	t.Helper()
	vs, err := Check(pdf)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if len(vs) > 0 {
		t.Errorf("%s is not PDF/UA-1: %d violations of %s\n%s", name, len(vs), strings.Join(IDs(vs), ", "), Report(vs))
	}
}

// Report returns the violations one to a line, numbered, for a test's
// message.
func Report(vs []Violation) string {
	var b strings.Builder
	for i, v := range vs {
		fmt.Fprintf(&b, "%3d. %s\n", i+1, v)
	}
	return b.String()
}
