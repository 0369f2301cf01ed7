package render_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handout/fonts"
	"handout/internal/pdftool"
	"handout/internal/tagtest"
	"handout/layout"
	"handout/render"
)

var (
	sansRegular = fonts.Face{Family: fonts.Sans, Style: fonts.Regular}
	sansBold    = fonts.Face{Family: fonts.Sans, Style: fonts.Bold}
	serifItalic = fonts.Face{Family: fonts.Serif, Style: fonts.Italic}
	serifReg    = fonts.Face{Family: fonts.Serif, Style: fonts.Regular}

	when = time.Date(2024, 3, 5, 14, 30, 15, 0, time.UTC)
	opts = render.Options{Time: when, Creator: "handout test"}

	grey  = layout.Color{R: 230, G: 230, B: 230}
	blue  = layout.Color{R: 20, G: 60, B: 160}
	black = layout.Color{}
)

// text places s in face at size with its measured width.
func text(f fonts.Face, size, x, y float64, s string) layout.Text {
	font, err := f.Font()
	if err != nil {
		panic(err)
	}
	return layout.Text{X: x, Y: y, Font: font, Style: f.Style, Size: size, Color: black, Text: s, Width: font.Metrics().Size(s, size)}
}

// sample is a two-page result using four of the eight faces, with every
// kind of item.
func sample() *layout.Result {
	heading := text(sansBold, 16, 72, 90, "Café déjà vu")
	heading.Color = blue
	return &layout.Result{
		Title:    "Fractions – “the basics”",
		Author:   "Zoë Ñúñez",
		Language: "en-GB",
		Pages: []layout.Page{
			{Width: 595.28, Height: 841.89, Items: []layout.Item{
				layout.Box{X: 60, Y: 60, W: 475.28, H: 50, Fill: &grey, Stroke: &blue, LineWidth: 1},
				heading,
				text(sansRegular, 11, 72, 140, "Plain text with “curly quotes”, an en–dash and an em—dash."),
				text(sansRegular, 11, 72, 155, "Same face and size: no new font selection."),
				layout.Rule{X0: 72, Y0: 170, X1: 523, Y1: 170, Width: 0.5, Color: black, Dash: []float64{3, 2}},
				layout.Rule{X0: 72, Y0: 180, X1: 523, Y1: 180, Width: 1.2, Color: blue, Dash: []float64{0, 3}, Round: true},
				layout.Rule{X0: 72, Y0: 190, X1: 523, Y1: 190, Width: 0.5, Color: black},
				layout.Box{X: 72, Y: 200, W: 100, H: 20, Stroke: &black, LineWidth: 0.5},
				layout.Box{X: 200, Y: 200, W: 100, H: 20, Fill: &grey},
				text(serifItalic, 12, 72, 240, "Ségolène’s naïve résumé"),
				text(sansRegular, 9, 72, 260, "https://example.org/fractions"),
				layout.Link{X: 72, Y: 252, W: 150, H: 10, URL: "https://example.org/fractions"},
			}},
			{Width: 419.53, Height: 297.64, Items: []layout.Item{
				text(serifReg, 10, 36, 50, "Page\u00a0two — fin"),
				layout.Rule{X0: 36, Y0: 60, X1: 380, Y1: 60, Width: 0.25, Color: black},
			}},
		},
		Outline: []layout.Bookmark{
			{Title: "Introduction", Page: 0, Y: 72},
			{Title: "Résumé", Page: 1, Y: 40},
		},
	}
}

func renderOK(t testing.TB, r *layout.Result) []byte {
	t.Helper()
	b, err := render.PDF(tagtest.Tag(r), opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDF(t *testing.T) {
	b := renderOK(t, sample())
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("does not start with %%PDF-: %q", b[:min(len(b), 10)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Errorf("does not end with %%%%EOF: %q", b[max(0, len(b)-10):])
	}
	for _, want := range []string{
		"/CreationDate (D:20240305143015+00'00')",
		"/ModDate (D:20240305143015+00'00')",
		"/Lang (en-GB)",
		"/URI (https://example.org/fractions)",
		"/MediaBox [0 0 595.28 841.89]", // the first page's size is the default
		"/MediaBox [0 0 419.53 297.64]",
		// Destinations are measured from the bottom of their own page.
		"/Dest [3 0 R /XYZ 0 769.89 null]",
		"/Dest [5 0 R /XYZ 0 257.64 null]",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	if bytes.Contains(b, []byte("FPDF")) {
		t.Errorf("the output mentions FPDF")
	}
	b, err := render.PDF(tagtest.Tag(sample()), render.Options{Time: when})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("FPDF")) || bytes.Contains(b, []byte("/Producer")) {
		t.Errorf("without a creator, the output names a producer")
	}

	// Only the four faces used are embedded, each as a tagged subset.
	if n := bytes.Count(b, []byte("/FontFile2")); n != 4 {
		t.Errorf("%d embedded font files, want 4", n)
	}
	for _, f := range []fonts.Face{sansRegular, sansBold, serifItalic, serifReg} {
		re := regexp.MustCompile(`/BaseFont /[A-Z]{6}\+` + f.Name() + "\n")
		if n := len(re.FindAll(b, -1)); n != 2 {
			t.Errorf("%s named %d times as a base font, want 2", f.Name(), n)
		}
	}
}

// TestContent checks the drawing operators of the first page.
func TestContent(t *testing.T) {
	pages := contents(t, renderOK(t, sample()))
	if len(pages) != 2 {
		t.Fatalf("%d page content streams, want 2", len(pages))
	}
	p := pages[0]
	for _, want := range []string{
		"[3.00 2.00] 0.00 d",            // dashed
		"1 J\n",                         // round caps for the dots
		"[0.00 3.00] 0.00 d",            // dotted
		"[] 0.00 d",                     // solid again
		"0 J\n",                         // butt caps again
		" re B\n", " re S\n", " re f\n", // filled and stroked, stroked, filled
	} {
		if !strings.Contains(p, want) {
			t.Errorf("page 1 has no %q:\n%s", want, p)
		}
	}
	// Four font selections: bold, regular (kept for the second line),
	// italic, and regular again at another size.
	if n := strings.Count(p, " Tf "); n != 4 {
		t.Errorf("page 1 selects a font %d times, want 4:\n%s", n, p)
	}
	// The dashed, dotted and solid rules are in that order.
	i, j, k := strings.Index(p, "[3.00 2.00]"), strings.Index(p, "[0.00 3.00]"), strings.Index(p, "[] 0.00 d")
	if !(0 <= i && i < j && j < k) {
		t.Errorf("dash patterns out of order: %d %d %d", i, j, k)
	}
}

// contents returns the decompressed page content streams of a PDF written by
// render, in page order: the streams that begin with a line cap style.
func contents(t *testing.T, b []byte) []string {
	t.Helper()
	var pages []string
	for _, m := range regexp.MustCompile(`(?s)/FlateDecode /Length (\d+)>>\nstream\n`).FindAllSubmatchIndex(b, -1) {
		n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if regexp.MustCompile(`^\d J\n`).Match(data) {
			pages = append(pages, string(data))
		}
	}
	return pages
}

func TestDeterministic(t *testing.T) {
	r := sample()
	first := renderOK(t, r)
	// Several renders, to give map iteration in the writer a chance to vary.
	for range 5 {
		if b := renderOK(t, r); !bytes.Equal(b, first) {
			t.Fatalf("two renders of the same result differ (%d and %d bytes)", len(first), len(b))
		}
	}
	// The time is the only thing taken from outside.
	later := opts
	later.Time = when.Add(time.Hour)
	b, err := render.PDF(tagtest.Tag(r), later)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(b, first) {
		t.Errorf("a different time gives the same bytes")
	}
	// The same instant in another zone gives the same bytes.
	zoned := opts
	zoned.Time = when.In(time.FixedZone("X", 5*3600))
	if b, err := render.PDF(tagtest.Tag(r), zoned); err != nil || !bytes.Equal(b, first) {
		t.Errorf("the same time in another zone gives other bytes (err %v)", err)
	}
}

func TestOnlyUsedFaces(t *testing.T) {
	r := &layout.Result{Pages: []layout.Page{{Width: 200, Height: 100, Items: []layout.Item{
		text(serifItalic, 10, 10, 20, "one"),
		text(serifItalic, 12, 10, 40, "two"),
		text(sansBold, 12, 10, 60, ""), // draws nothing
	}}}}
	b := renderOK(t, r)
	if n := bytes.Count(b, []byte("/FontFile2")); n != 1 {
		t.Errorf("%d embedded font files, want 1", n)
	}

	// No text, no fonts; the bookmark title is still UTF-16.
	r = &layout.Result{
		Pages: []layout.Page{{Width: 200, Height: 100, Items: []layout.Item{
			layout.Rule{X0: 10, Y0: 10, X1: 190, Y1: 10, Width: 1},
		}}},
		Outline: []layout.Bookmark{{Title: "Oné", Page: 0, Y: 0}},
	}
	b = renderOK(t, r)
	if bytes.Contains(b, []byte("/BaseFont")) {
		t.Errorf("a PDF without text has fonts")
	}
	if !bytes.Contains(b, []byte("/Title (\xfe\xff\x00O\x00n\x00\xe9)")) {
		t.Errorf("bookmark title not in UTF-16")
	}
}

func TestErrors(t *testing.T) {
	page := func(items ...layout.Item) []layout.Page {
		return []layout.Page{{Width: 100, Height: 100, Items: items}}
	}
	for _, tc := range []struct {
		name string
		r    *layout.Result
	}{
		{"nil", nil},
		{"no pages", &layout.Result{}},
		{"zero page", &layout.Result{Pages: []layout.Page{{}}}},
		{"rune above U+FFFF", &layout.Result{Pages: page(text(sansRegular, 10, 0, 10, "smile 😀"))}},
		{"invalid UTF-8", &layout.Result{Pages: page(text(sansRegular, 10, 0, 10, "bad \xe2\x80"))}},
		{"title above U+FFFF", &layout.Result{Title: "𝄞", Pages: page()}},
		{"invalid title", &layout.Result{Title: "\xff", Pages: page()}},
		{"bookmark page", &layout.Result{Pages: page(), Outline: []layout.Bookmark{{Title: "x", Page: 1}}}},
		{"bookmark title", &layout.Result{Pages: page(), Outline: []layout.Bookmark{{Title: "\xe2"}}}},
		{"language", &layout.Result{Language: "en) /Foo (", Pages: page()}},
		{"no font", &layout.Result{Pages: page(layout.Text{Size: 10, Text: "x"})}},
		{"NaN", &layout.Result{Pages: page(layout.Rule{X1: 0 / zero(), Width: 1})}},
		{"URL", &layout.Result{Pages: page(layout.Link{W: 1, H: 1, URL: "http://x/\n"})}},
		{"item", &layout.Result{Pages: page(&layout.Link{W: 1, H: 1, URL: "http://x/"})}},
		{"nil item", &layout.Result{Pages: page(nil)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := render.PDF(tagtest.Tag(tc.r), opts)
			if err == nil || b != nil {
				t.Fatalf("got %d bytes and error %v, want an error", len(b), err)
			}
			if !strings.HasPrefix(err.Error(), "render: ") {
				t.Errorf("error %q does not start with render:", err)
			}
		})
	}
}

func zero() float64 { return 0 }

// write renders the sample into a temporary file for the tools.
func write(t *testing.T) (string, *layout.Result) {
	r := sample()
	path := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.WriteFile(path, renderOK(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, r
}

func TestQPDFCheck(t *testing.T) {
	path, _ := write(t)
	out := pdftool.Run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestPDFFonts(t *testing.T) {
	path, _ := write(t)
	out := pdftool.Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2+4 {
		t.Fatalf("pdffonts lists %d fonts, want 4:\n%s", len(lines)-2, out)
	}
	name := regexp.MustCompile(`^[A-Z]{6}\+Liberation(Sans|Serif)-(Regular|Bold|Italic|BoldItalic)$`)
	for _, l := range lines[2:] {
		// name type... encoding emb sub uni object-number generation
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || !name.MatchString(f[0]) {
			t.Errorf("font not an embedded, named subset: %s", l)
		}
	}
}

func TestPDFToText(t *testing.T) {
	path, r := write(t)
	out := pdftool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	out = strings.ReplaceAll(out, "\u00a0", " ")
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(layout.Text); ok {
				want := strings.ReplaceAll(tx.Text, "\u00a0", " ")
				if !strings.Contains(out, want) {
					t.Errorf("pdftotext lost %q:\n%s", want, out)
				}
			}
		}
	}
}

func TestPDFInfo(t *testing.T) {
	path, r := write(t)
	out := pdftool.Run(t, "pdfinfo", "-isodates", "-f", "1", "-l", "2", path)
	info := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	for k, want := range map[string]string{
		"Title":        r.Title,
		"Author":       r.Author,
		"Creator":      "handout test",
		"Producer":     "handout test",
		"Pages":        "2",
		"CreationDate": "2024-03-05T14:30:15Z",
		"ModDate":      "2024-03-05T14:30:15Z",
	} {
		if info[k] != want {
			t.Errorf("pdfinfo %s: %q, want %q", k, info[k], want)
		}
	}
	for i, p := range r.Pages {
		want := fmt.Sprintf("Page %4d size:  %s x %s pts", i+1,
			strconv.FormatFloat(p.Width, 'f', -1, 64), strconv.FormatFloat(p.Height, 'f', -1, 64))
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo has no %q:\n%s", want, out)
		}
	}
}
