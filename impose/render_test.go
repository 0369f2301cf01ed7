package impose

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"handout/document"
	"handout/internal/pdftool"
	"handout/internal/tagtest"
	"handout/layout"
	"handout/render"
)

// The end-to-end tests draw imposed results with render and read them back
// with poppler-utils and qpdf (see internal/pdftool): without them they are
// skipped, except under CI=true, where they fail.

var pageLabel = regexp.MustCompile(`page (\d+)`)

// TestRenderOrder draws the synthetic documents imposed, and checks each
// sheet's page order in the text that pdftotext extracts.
func TestRenderOrder(t *testing.T) {
	pdftool.Need(t, "pdftotext")
	for _, imp := range imposers {
		for _, o := range orders {
			t.Run(fmt.Sprintf("%s/%d", imp.name, o.n), func(t *testing.T) {
				out, err := imp.f(synthetic(o.n))
				if err != nil {
					t.Fatal(err)
				}
				path := writePDF(t, t.TempDir(), "doc.pdf", out)
				want := labels(imp.want(o))
				if got := sheetLabels(t, path, pageLabel); !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("pages by sheet side, as pdftotext reads them: %q, want %q", got, want)
				}
			})
		}
	}
}

// labels returns the page numbers of each side in want, as text, leaving
// out blank halves.
func labels(want sides) [][]string {
	var all [][]string
	for _, s := range want {
		l := []string{}
		for _, k := range s {
			if k != 0 {
				l = append(l, strconv.Itoa(k))
			}
		}
		all = append(all, l)
	}
	return all
}

// TestRenderWorksheet imposes content/end-of-the-purges.toml both ways,
// checks the order of its footers ("... / 3") on every sheet side, and
// that qpdf accepts the PDFs. The PDFs go to a temporary folder, or to the
// folder $HANDOUT_IMPOSE_OUT if it is set, to look at; their paths are
// logged.
func TestRenderWorksheet(t *testing.T) {
	pdftool.Need(t, "pdftotext")
	name := filepath.Join("..", "content", "end-of-the-purges.toml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := layout.Worksheet(d)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("HANDOUT_IMPOSE_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	footer := regexp.MustCompile(`activehistory\.co\.uk / (\d+)`)
	n := len(r.Pages)
	for _, imp := range imposers {
		out, err := imp.f(r)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, dir, "end-of-the-purges-"+imp.name+".pdf", out)
		t.Logf("%s: %s", imp.name, path)
		pdftool.Run(t, "qpdf", "--check", path)
		want := labels(imp.want(order{n: n, twoUp: sheets(twoUpOrder(n)), booklet: sheets(bookletOrder(n))}))
		if got := sheetLabels(t, path, footer); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: footers by sheet side: %q, want %q", imp.name, got, want)
		}
	}
}

// sheets converts sides to 1-based page numbers, 0 for blank.
func sheets(ss []side) sides {
	var out sides
	for _, s := range ss {
		out = append(out, [2]int{s.left + 1, s.right + 1})
	}
	return out
}

// TestRenderReproducible checks that an imposed document renders to the
// same bytes twice.
func TestRenderReproducible(t *testing.T) {
	opt := render.Options{Time: time.Unix(1700000000, 0), Creator: "test"}
	var pdfs [2][]byte
	for i := range pdfs {
		out, err := Booklet(synthetic(5))
		if err != nil {
			t.Fatal(err)
		}
		if pdfs[i], err = render.PDF(tagtest.Tag(out), opt); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Error("the same booklet rendered to different bytes")
	}
}

// writePDF renders r to dir/name and returns its path.
func writePDF(t *testing.T, dir, name string, r *layout.Result) string {
	t.Helper()
	pdf, err := render.PDF(tagtest.Tag(r), render.Options{Time: time.Unix(1700000000, 0), Creator: "impose test"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sheetLabels reads every page (sheet side) of the PDF at path with
// pdftotext -layout and returns, for each, the first submatches of re in
// reading order: line by line, left to right. On an imposed sheet the two
// pages' matches must share one line, such as the two footers, so that the
// order shows which page is on the left: it fails the test if a side's
// matches are on more than one line. It skips the test without pdftotext
// (see pdftool.Need).
func sheetLabels(t *testing.T, path string, re *regexp.Regexp) [][]string {
	t.Helper()
	info := pdftool.Run(t, "pdfinfo", path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", path, info)
	}
	n, _ := strconv.Atoi(m[1])
	all := make([][]string, n)
	for s := 1; s <= n; s++ {
		text := pdftool.Run(t, "pdftotext", "-f", strconv.Itoa(s), "-l", strconv.Itoa(s), "-layout", path, "-")
		all[s-1] = []string{}
		lines := 0
		for line := range strings.Lines(text) {
			ms := re.FindAllStringSubmatch(line, -1)
			if len(ms) > 0 {
				lines++
			}
			for _, m := range ms {
				all[s-1] = append(all[s-1], m[1])
			}
		}
		if lines > 1 {
			t.Errorf("%s side %d: matches of %s on %d lines, want one:\n%s", path, s, re, lines, text)
		}
	}
	return all
}
