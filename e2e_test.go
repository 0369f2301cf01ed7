package main

// End-to-end tests: build the example worksheet with run, then look at the
// PDFs with independent tools (poppler-utils and qpdf), as a reader and a
// print shop would.

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handout/document"
	"handout/internal/pdftool"
)

const (
	example      = "content/end-of-the-purges.toml"
	exampleTitle = "The end of the Purges"
	seeds        = "build/testdata/seed-sentences.txt"
	epoch        = 1700000000
)

// footerRE matches the example's footer on one page.
var footerRE = regexp.MustCompile(`Worksheet by RJ Tarr at www\.activehistory\.co\.uk / \d+`)

// buildExample builds the example into a new folder and returns the paths of
// its worksheet and summary sheet.
func buildExample(t *testing.T, getenv func(string) string) (worksheet, summary string) {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := runHandout(t, getenv, "build", "-o", out, example)
	if code != 0 {
		t.Fatalf("handout build %s: exit status %d\nstderr:\n%s", example, code, stderr)
	}
	worksheet = filepath.Join(out, "end-of-the-purges.pdf")
	summary = filepath.Join(out, "end-of-the-purges-summary.pdf")
	for _, p := range []string{worksheet, summary} {
		if !strings.Contains(stdout, "wrote "+p+" (") {
			t.Errorf("stdout does not say it wrote %s:\n%s", p, stdout)
		}
	}
	return worksheet, summary
}

func TestE2E(t *testing.T) {
	worksheet, summary := buildExample(t, vars("SOURCE_DATE_EPOCH", strconv.Itoa(epoch)))

	t.Run("text in order", func(t *testing.T) {
		raw := pdftool.Run(t, "pdftotext", worksheet, "-")
		// A sentence may run on over a page break; the footer printed
		// between its halves is not part of it.
		var words []string
		for p := range strings.SplitSeq(raw, "\f") {
			words = append(words, strings.Fields(footerRE.ReplaceAllString(p, " "))...)
		}
		text := strings.Join(words, " ")
		data, err := os.ReadFile(seeds)
		if err != nil {
			t.Fatal(err)
		}
		pos, n := 0, 0
		for line := range strings.SplitSeq(string(data), "\n") {
			want := strings.Join(strings.Fields(line), " ")
			if want == "" {
				continue
			}
			n++
			i := strings.Index(text[pos:], want)
			if i < 0 {
				t.Fatalf("sentence %d not found after offset %d:\n  %q\n%s", n, pos, want, nearMiss(text, pos, want))
			}
			pos += i + len(want)
		}
		if n == 0 {
			t.Fatalf("%s has no sentences", seeds)
		}
		t.Logf("%d sentences found in order", n)
	})

	t.Run("qpdf check", func(t *testing.T) {
		for _, p := range []string{worksheet, summary} {
			pdftool.Run(t, "qpdf", "--check", p) // exit status 0 is the check
		}
	})

	t.Run("fonts embedded", func(t *testing.T) {
		for _, p := range []string{worksheet, summary} {
			rows := strings.Split(strings.TrimSpace(pdftool.Run(t, "pdffonts", p)), "\n")
			if len(rows) < 3 {
				t.Errorf("%s: pdffonts lists no fonts:\n%s", filepath.Base(p), strings.Join(rows, "\n"))
				continue
			}
			// name type encoding emb sub uni object ID: emb is the fifth
			// field from the end, since names and types may have spaces.
			for _, row := range rows[2:] {
				f := strings.Fields(row)
				if len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", filepath.Base(p), row)
				}
			}
		}
	})

	t.Run("pdfinfo", func(t *testing.T) {
		info := pdfinfo(t, worksheet)
		if got := info["Title"]; got != exampleTitle {
			t.Errorf("worksheet Title = %q, want %q", got, exampleTitle)
		}
		if got := info["Creator"]; got != "handout "+version {
			t.Errorf("worksheet Creator = %q, want %q", got, "handout "+version)
		}
		if got, want := info["CreationDate"], time.Unix(epoch, 0).UTC().Format(time.RFC3339); !sameInstant(got, want) {
			t.Errorf("worksheet CreationDate = %q, want %s (SOURCE_DATE_EPOCH)", got, want)
		}
		sizes := pageSizes(t, worksheet)
		if len(sizes) < 2 {
			t.Errorf("worksheet has %d pages, want several", len(sizes))
		}
		for i, s := range sizes {
			if want := paper(t, "A4", false); !near(s, want) {
				t.Errorf("worksheet page %d is %.2f x %.2f pt, want A4 portrait %.2f x %.2f", i+1, s[0], s[1], want[0], want[1])
			}
		}

		if got := pdfinfo(t, summary)["Pages"]; got != "1" {
			t.Errorf("summary has %s pages, want 1", got)
		}
		for i, s := range pageSizes(t, summary) {
			if want := paper(t, "A3", true); !near(s, want) {
				t.Errorf("summary page %d is %.2f x %.2f pt, want A3 landscape %.2f x %.2f", i+1, s[0], s[1], want[0], want[1])
			}
		}
	})

	t.Run("outline, links and language", func(t *testing.T) {
		var doc struct {
			Outlines []struct {
				Title string `json:"title"`
				Page  int    `json:"destpageposfrom1"`
			} `json:"outlines"`
			QPDF []json.RawMessage `json:"qpdf"` // a header, then the objects
		}
		var objects map[string]struct {
			Value any `json:"value"`
		}
		out := pdftool.Run(t, "qpdf", "--json=2", "--json-key=outlines", "--json-key=qpdf", worksheet)
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("qpdf --json: %v", err)
		}
		want := []string{"1. 1938-40: The Purges wind down", "2. 1940: The Death of Trotsky", "3. After 1940: A change of focus"}
		var got []string
		for i, o := range doc.Outlines {
			got = append(got, o.Title)
			if i > 0 && o.Page < doc.Outlines[i-1].Page {
				t.Errorf("bookmark %q points before the one above it", o.Title)
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("bookmarks %q, want %q", got, want)
		}
		if len(doc.QPDF) != 2 || json.Unmarshal(doc.QPDF[1], &objects) != nil {
			t.Fatalf("qpdf --json: no objects")
		}
		lang := ""
		for _, o := range objects {
			if d, ok := o.Value.(map[string]any); ok && d["/Type"] == "/Catalog" {
				lang, _ = d["/Lang"].(string)
			}
		}
		if lang != "u:en-GB" {
			t.Errorf("catalog /Lang = %q, want en-GB", lang)
		}
		// Every page's footer links to the site.
		links := regexp.MustCompile(`(?m)^\s*(\d+)\s+Annotation\s+https://www\.activehistory\.co\.uk$`).FindAllString(pdftool.Run(t, "pdfinfo", "-url", worksheet), -1)
		if pages := len(pageSizes(t, worksheet)); len(links) != pages {
			t.Errorf("%d footer links on %d pages", len(links), pages)
		}
	})

	t.Run("footer on page 1", func(t *testing.T) {
		page1 := strings.Join(strings.Fields(pdftool.Run(t, "pdftotext", "-f", "1", "-l", "1", worksheet, "-")), " ")
		const want = "Worksheet by RJ Tarr at www.activehistory.co.uk / 1"
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 has no footer %q; its text ends %q", want, tail(page1, 200))
		}
	})

	t.Run("summary text", func(t *testing.T) {
		text := strings.Join(strings.Fields(pdftool.Run(t, "pdftotext", summary, "-")), " ")
		for _, want := range []string{"Causes, Course and Effects of the Purges", "Causes", "Course", "Effects",
			"Why did the Purges begin?", "What happened, to whom, and when?", "What did the Purges change, and for how long?"} {
			if !strings.Contains(text, want) {
				t.Errorf("summary has no %q; its text is %q", want, tail(text, 400))
			}
		}
	})
}

// TestReproducible builds the example into different folders with the same
// SOURCE_DATE_EPOCH, several times to catch map-order randomness, and wants
// the same bytes every time.
func TestReproducible(t *testing.T) {
	getenv := vars("SOURCE_DATE_EPOCH", strconv.Itoa(epoch))
	ws0, sum0 := buildExample(t, getenv)
	want := [2][]byte{readFile(t, ws0), readFile(t, sum0)}
	for i := range 3 {
		ws, sum := buildExample(t, getenv)
		for j, p := range []string{ws, sum} {
			if got := readFile(t, p); !bytes.Equal(got, want[j]) {
				t.Errorf("build %d: %s differs from the first build (%d bytes, want %d; first difference at byte %d)",
					i+2, filepath.Base(p), len(got), len(want[j]), firstDiff(got, want[j]))
			}
		}
	}
}

// TestCreationDateNow builds without SOURCE_DATE_EPOCH: the PDFs are dated
// now.
func TestCreationDateNow(t *testing.T) {
	before := time.Now().Add(-2 * time.Second) // PDF dates are whole seconds
	ws, sum := buildExample(t, vars())
	after := time.Now().Add(2 * time.Second)
	for _, p := range []string{ws, sum} {
		s := pdfinfo(t, p)["CreationDate"]
		got, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("%s: CreationDate %q: %v", filepath.Base(p), s, err)
		}
		if got.Before(before) || got.After(after) {
			t.Errorf("%s: CreationDate %v, want between %v and %v", filepath.Base(p), got, before, after)
		}
	}
}

// pdfinfo returns pdfinfo's fields, with dates in ISO 8601.
func pdfinfo(t *testing.T, path string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for line := range strings.SplitSeq(pdftool.Run(t, "pdfinfo", "-isodates", path), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

var pageSizeRE = regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)

// pageSizes returns the width and height of every page, in points.
func pageSizes(t *testing.T, path string) [][2]float64 {
	t.Helper()
	var sizes [][2]float64
	for _, m := range pageSizeRE.FindAllStringSubmatch(pdftool.Run(t, "pdfinfo", "-f", "1", "-l", "100000", path), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo shows no page sizes for %s", path)
	}
	return sizes
}

// paper returns the width and height of the named paper, in points.
func paper(t *testing.T, name string, landscape bool) [2]float64 {
	t.Helper()
	p, ok := document.PaperSize(name, landscape)
	if !ok {
		t.Fatalf("document.PaperSize(%q) knows no such paper", name)
	}
	return [2]float64{p.Width, p.Height}
}

// near reports whether two page sizes agree to half a point, the precision
// of pdfinfo.
func near(a, b [2]float64) bool { return math.Abs(a[0]-b[0]) <= 0.5 && math.Abs(a[1]-b[1]) <= 0.5 }

func sameInstant(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// nearMiss explains where a sentence went missing in text: how much of it
// was found after pos, what follows there, and the text at pos.
func nearMiss(text string, pos int, want string) string {
	words := strings.Fields(want)
	clip := func(s string, n int) string {
		if len(s) > n {
			return s[:n] + "…"
		}
		return s
	}
	for k := len(words) - 1; k > 0; k-- {
		prefix := strings.Join(words[:k], " ")
		if i := strings.Index(text[pos:], prefix); i >= 0 {
			at := pos + i + len(prefix)
			return "the first " + strconv.Itoa(k) + " of its " + strconv.Itoa(len(words)) + " words are at offset " +
				strconv.Itoa(pos+i) + ", then the text has:\n  " + strconv.Quote(clip(text[at:], 200)) +
				"\n  where the sentence has:\n  " + strconv.Quote(clip(strings.Join(words[k:], " "), 200))
		}
	}
	if i := strings.Index(text, want); i >= 0 {
		return "it is at offset " + strconv.Itoa(i) + ", before the previous sentence: out of order"
	}
	return "not even its first word follows; the text there is:\n  " + strconv.Quote(clip(text[pos:], 300))
}

// TestE2EMarkup builds the markup fixture and checks, with pdfinfo and
// pdftotext, its link annotations (one a line for a link that wraps) and
// its text: no markers, curly quotes and dashes.
func TestE2EMarkup(t *testing.T) {
	const fixture = "layout/testdata/markup.toml"
	out := t.TempDir()
	code, _, stderr := runHandout(t, vars("SOURCE_DATE_EPOCH", strconv.Itoa(epoch)), "build", "-o", out, fixture)
	if code != 0 {
		t.Fatalf("handout build %s: exit status %d\nstderr:\n%s", fixture, code, stderr)
	}
	worksheet := filepath.Join(out, "markup.pdf")
	urls := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^\s*1\s+Annotation\s+(\S+)$`).FindAllStringSubmatch(pdftool.Run(t, "pdfinfo", "-url", worksheet), -1) {
		urls[m[1]]++
	}
	for url, n := range map[string]int{
		"https://en.wikipedia.org/wiki/The_Great_Terror_(book)": 2, // it wraps onto two lines
		"mailto:teacher@example.org":                            1,
		"https://example.org/conquest":                          1,
		"https://example.org/1940":                              1,
	} {
		if urls[url] != n {
			t.Errorf("page 1 has %d link annotations to %s, want %d (all: %v)", urls[url], url, n, urls)
		}
	}
	text := strings.Join(strings.Fields(pdftool.Run(t, "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", worksheet, "-")), " ")
	for _, want := range []string{"The end of the Purges", "1938–40: the Purges wind down",
		"“Smart quotes” and ‘single ones’, it’s the ’90s, rock ’n’ roll – an en dash", "5*3", "escaped one: *."} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 has no %q; its text is %q", want, tail(text, 600))
		}
	}
	if strings.Contains(text, "**") || strings.Contains(text, "](") {
		t.Errorf("markup left in the text: %q", text)
	}
}

// TestE2EImages builds the image fixture and looks at its images with
// pdfimages: each at its pixel size, the JPEG embedded once though shown
// twice.
func TestE2EImages(t *testing.T) {
	out := t.TempDir()
	src := filepath.Join("build", "testdata", "images.toml")
	if code, _, stderr := runHandout(t, vars("SOURCE_DATE_EPOCH", strconv.Itoa(epoch)), "build", "-o", out, src); code != 0 {
		t.Fatalf("handout build %s: exit status %d\n%s", src, code, stderr)
	}
	list := pdftool.Run(t, "pdfimages", "-list", filepath.Join(out, "images.pdf"))
	row := regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+(\d+)\s+(\d+)\s+\w+\s+\d+\s+\d+\s+(\w+)\s+\w+\s+(\d+)`)
	var got []string
	objects := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(list, -1) {
		got = append(got, m[1]+"x"+m[2]+" "+m[3])
		objects[m[4]] = true
	}
	if want := "320x240 jpeg,120x200 image,320x240 jpeg"; strings.Join(got, ",") != want || len(objects) != 2 {
		t.Errorf("pdfimages -list:\n%s\nwant %s on page 1, in 2 objects", list, want)
	}
}

// TestE2EWild builds the fixture of text pasted from Word and the web and
// reads it back with pdftotext: accents typed in NFD come out as the one
// character, no-break spaces keep their words on one line, a soft hyphen
// shows as "-" only at the end of a line, and nothing invisible is drawn.
func TestE2EWild(t *testing.T) {
	const fixture = "layout/testdata/wild.toml"
	out := t.TempDir()
	code, _, stderr := runHandout(t, vars("SOURCE_DATE_EPOCH", strconv.Itoa(epoch)), "build", "-o", out, fixture)
	if code != 0 {
		t.Fatalf("handout build %s: exit status %d\nstderr:\n%s", fixture, code, stderr)
	}
	layout := pdftool.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", filepath.Join(out, "wild.pdf"), "-")
	for _, want := range []string{"Text from the wild: café", "résumé in NFD", "“smart” ‘quotes’ – en — em …"} {
		if !strings.Contains(layout, want) {
			t.Errorf("no %q in the text:\n%s", want, layout)
		}
	}
	if strings.ContainsAny(layout, "\u0301\u00AD\u200B\u200D\u200C\u2060\uFEFF\u200E\u200F\u202B\u202C\u2028\u2029") {
		t.Errorf("an invisible or combining character in the text: %q", layout)
	}
	// Eight "Mr Smith paid 10 000" in the fixture, every pair on one line.
	for _, re := range []string{`Mr[ \x{00A0}]Smith`, `10[ \x{00A0}]000`, `5[ \x{202F}\x{00A0}]%`} {
		if n := len(regexp.MustCompile(re).FindAllString(layout, -1)); n != 8 {
			t.Errorf("%d lines hold %s whole, want 8:\n%s", n, re, layout)
		}
	}
	// The soft hyphens' paragraph: its lines, joined at the hyphens that end
	// them, give back the words, and there is no other hyphen.
	_, para, _ := strings.Cut(layout, "Soft hyphens show only at a break:")
	para, _, _ = strings.Cut(para, "A line separator")
	var joined strings.Builder
	breaks := 0
	for _, l := range strings.Split(strings.TrimSpace(para), "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(strings.TrimSuffix(l, "-"), "-") {
			t.Errorf("a hyphen inside the line %q", l)
		}
		if h, ok := strings.CutSuffix(l, "-"); ok {
			joined.WriteString(h)
			breaks++
			continue
		}
		joined.WriteString(l + " ")
	}
	if breaks == 0 {
		t.Errorf("no line breaks at a soft hyphen:\n%s", para)
	}
	for _, w := range strings.Fields(joined.String()) {
		if w != "internationalization" && w != "antidisestablishment" {
			t.Errorf("word %q: a soft hyphen drawn, or a break lost:\n%s", w, para)
		}
	}
}
