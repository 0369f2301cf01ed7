package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/internal/pdftool"
	"handout/layout"
)

// TestAnnotsIndirect checks that links are annotations of their own,
// referred to from the pages' /Annots arrays, as PDF 32000-1 requires, and
// that the file stays sound: the cross-reference table is written anew.
func TestAnnotsIndirect(t *testing.T) {
	r := sample()
	// A second page with two links, one with brackets in its URL.
	r.Pages[1].Items = append(r.Pages[1].Items,
		layout.Link{X: 36, Y: 40, W: 50, H: 10, URL: "https://example.org/a_(b)<<c>>"},
		layout.Link{X: 36, Y: 70, W: 50, H: 10, URL: "mailto:x@example.org"},
	)
	b := renderOK(t, r)
	if bytes.Contains(b, []byte("/Annots [<<")) {
		t.Error("an /Annots array holds a dictionary")
	}
	annots := regexp.MustCompile(`/Annots \[(\d+ 0 R ?)+\]\n`).FindAll(b, -1)
	if len(annots) != 2 {
		t.Fatalf("%d /Annots arrays of references, want 2", len(annots))
	}
	if n := bytes.Count(b, []byte("0 obj\n<</Type /Annot /Subtype /Link")); n != 3 {
		t.Errorf("%d link annotation objects, want 3", n)
	}
	for _, want := range []string{`/URI (https://example.org/a_\(b\)<<c>>)`, "/URI (mailto:x@example.org)"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	path := filepath.Join(t.TempDir(), "links.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := pdftool.Run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}
