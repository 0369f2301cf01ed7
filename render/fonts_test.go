package render_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/fonts"
	"handout/internal/pdftool"
	"handout/internal/tagtest"
	"handout/layout"
	"handout/render"
)

// fontsResult returns a page with text in four fonts: the built-in sans,
// the small Chinese and Japanese test font, a school's own font that is a
// copy of the built-in sans (so of one PostScript name with it), and
// emboldened Chinese; the school's font is used before the Chinese one.
func fontsResult(t *testing.T) *layout.Result {
	t.Helper()
	data, err := os.ReadFile("../fonts/testdata/cjk-sample.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cjk, err := fonts.Parse("cjk-sample.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	school, err := fonts.Parse("fonts/School.ttf", fonts.Face{Family: fonts.Sans}.TTF())
	if err != nil {
		t.Fatal(err)
	}
	sans, err := fonts.Face{Family: fonts.Sans}.Font()
	if err != nil {
		t.Fatal(err)
	}
	at := func(f *fonts.Font, x, y float64, s string, bold bool) layout.Text {
		st := fonts.Regular
		if bold {
			st = fonts.Bold
		}
		return layout.Text{X: x, Y: y, Font: f, Style: st, Size: 12, Color: black, Text: s, Width: f.Metrics().Size(s, 12), Embolden: bold}
	}
	return tagtest.Tag(&layout.Result{Title: "水", Pages: []layout.Page{{Width: 400, Height: 300, Items: []layout.Item{
		at(school, 20, 40, "School font", false),
		at(cjk, 20, 60, "水从天上来。", false),
		at(sans, 20, 80, "Built-in", false),
		at(cjk, 20, 100, "看一看", true),
	}}}})
}

// TestFontFiles checks the fonts of fontsResult's PDF with poppler: each
// embedded as a subset with a ToUnicode map, of distinct names though two
// have one PostScript name, and its Chinese copied out as it was set.
func TestFontFiles(t *testing.T) {
	r := fontsResult(t)
	b := renderOK(t, r)
	path := filepath.Join(t.TempDir(), "fonts.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(pdftool.Run(t, "pdffonts", path)), "\n")[2:]
	if len(rows) != 3 {
		t.Fatalf("pdffonts lists %d fonts, want 3:\n%s", len(rows), strings.Join(rows, "\n"))
	}
	names := map[string]bool{}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+(LiberationSans-Regular|LiberationSans|DroidSansFallback)$`)
	for _, row := range rows {
		f := strings.Fields(row)
		if !tagged.MatchString(f[0]) || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("not an embedded subset with a ToUnicode map: %s", row)
		}
		if names[f[0]] {
			t.Errorf("two fonts named %s", f[0])
		}
		names[f[0]] = true
	}
	text := pdftool.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"School font", "水从天上来。", "Built-in", "看一看"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lost %q:\n%s", want, text)
		}
	}
	pdftool.Run(t, "qpdf", "--check", path)
}

// TestFontOrder checks that the built-in faces keep their names, F1 to F8,
// and that the other fonts follow, in the order of first use; and that
// emboldened text is stroked in its colour.
func TestFontOrder(t *testing.T) {
	pages := contents(t, renderOK(t, fontsResult(t)))
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	page := pages[0]
	order := regexp.MustCompile(`/(F\d+) 12\.00 Tf`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, m := range order {
		got = append(got, m[1])
	}
	if strings.Join(got, " ") != "F9 F10 F1 F10" {
		t.Errorf("fonts set %v, want F9 (the school's), F10 (Chinese), F1 (sans), F10", got)
	}
	if !strings.Contains(page, "q 0.000 g 0.000 G 0.360 w 2 Tr\nBT 20.00 200.00 Td") {
		t.Errorf("no emboldened text, stroked 0.36 pt wide in its colour:\n%s", page)
	}
	if _, err := render.PDF(fontsResult(t), opts); err != nil {
		t.Fatal(err)
	}
}
