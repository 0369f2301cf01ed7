package pdfua

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/internal/pdftool"
)

// TestFixture checks that the correct fixture passes, and that independent
// tools find it a sound tagged PDF: qpdf, pdfcpu's strict validation and
// poppler's reading of its structure tree.
func TestFixture(t *testing.T) {
	pdf := newFixture(t).bytes()
	Conforms(t, "fixture", pdf)

	path := filepath.Join(t.TempDir(), "fixture.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("qpdf", func(t *testing.T) {
		out := pdftool.Run(t, "qpdf", "--check", path)
		if !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", out)
		}
	})
	t.Run("pdfcpu", func(t *testing.T) {
		noConfigDir.Do(api.DisableConfigDir)
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
			t.Errorf("pdfcpu strict validation: %v", err)
		}
	})
	t.Run("pdfinfo", func(t *testing.T) {
		info := pdftool.Run(t, "pdfinfo", path)
		for _, want := range []string{"Tagged:          yes", "Title:           Fixture", "Suspects:        no"} {
			if !strings.Contains(info, want) {
				t.Errorf("pdfinfo does not say %q:\n%s", want, info)
			}
		}
		tree := pdftool.Run(t, "pdfinfo", "-struct-text", path)
		want := []string{
			"Document", `H1 (block)`, `"Fixture"`, `P (block)`, `"A paragraph that runs on"`, `"to the next page."`,
			`H2 (block)`, `"Section"`, "L (block)", "LI (block)", "Lbl (block)", `"1."`, "LBody (block)", `"An item"`,
			"Figure", "Table (block)", "TR", "TH", "/Scope /Column", `"Year"`, `"Event"`, "TD", `"1938"`, `"Purges end"`,
			"Link (inline)", `"example.org"`, "Object 15 0",
		}
		var got []string
		for line := range strings.SplitSeq(tree, "\n") {
			if s := strings.TrimSpace(strings.TrimSuffix(line, ":")); s != "" {
				got = append(got, s)
			}
		}
		pos := 0
		for _, w := range want {
			i := slices.Index(got[pos:], w)
			if i < 0 {
				t.Fatalf("pdfinfo -struct-text has no %q after line %d:\n%s", w, pos, tree)
			}
			pos += i + 1
		}
	})
}

func TestMutations(t *testing.T) {
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			f := newFixture(t)
			m.change(f)
			vs, err := Check(f.bytes())
			if err != nil {
				t.Fatal(err)
			}
			if got := IDs(vs); !slices.Equal(got, m.want) {
				t.Errorf("broke %v, want %v:\n%s", got, m.want, Report(vs))
			}
		})
	}
}

// TestEveryRuleIsSeeded checks that for every rule a mutation of the
// fixture breaks it alone, so that each rule is shown to reject a file.
func TestEveryRuleIsSeeded(t *testing.T) {
	alone := map[string]bool{}
	for _, m := range mutations {
		if len(m.want) == 1 {
			alone[m.want[0]] = true
		}
	}
	for _, r := range Rules() {
		if !alone[r.ID] {
			t.Errorf("rule %s: no mutation breaks it alone", r.ID)
		}
	}
}

// TestCheckConcurrently checks that Check can run on many PDFs at once, as
// parallel tests run it (go test -race finds shared state).
func TestCheckConcurrently(t *testing.T) {
	pdf := newFixture(t).bytes()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if vs, err := Check(pdf); err != nil || len(vs) > 0 {
				t.Errorf("Check: %v\n%s", err, Report(vs))
			}
		})
	}
	wg.Wait()
}
