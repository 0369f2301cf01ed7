package layout

import (
	"reflect"
	"regexp"
	"testing"

	"handout/document"
	"handout/fonts"
)

func TestLuma(t *testing.T) {
	for _, c := range []struct {
		name string
		in   Color
		want uint8
	}{
		{"black", Color{0, 0, 0}, 0},
		{"white", Color{255, 255, 255}, 255},
		{"gray keeps its value", Color{0x9a, 0x9a, 0x9a}, 0x9a},
		{"red", Color{255, 0, 0}, 54},    // 0.2126*255 = 54.2
		{"green", Color{0, 255, 0}, 182}, // 0.7152*255 = 182.4
		{"blue", Color{0, 0, 255}, 18},   // 0.0722*255 = 18.4
		{"yellow", Color{255, 255, 0}, 237},
		{"accent", accent, 71},                // 0x1f4e79: 6.59 + 55.79 + 8.74 = 71.1
		{"answer red", answer, 66},            // 0xc01f2a: 40.82 + 22.17 + 3.03 = 66.0
		{"tint", tint, 242},                   // 0xeef3f8: 50.6 + 173.8 + 17.9 = 242.3
		{"rounds half up", Color{0, 0, 7}, 1}, // 0.5054
	} {
		if got := Luma(c.in.R, c.in.G, c.in.B); got != c.want {
			t.Errorf("%s: Luma(%v) = %d, want %d", c.name, c.in, got, c.want)
		}
		if got, want := c.in.Gray(), (Color{c.want, c.want, c.want}); got != want {
			t.Errorf("%s: %v.Gray() = %v, want %v", c.name, c.in, got, want)
		}
	}
}

func TestGrayItems(t *testing.T) {
	red, gray := Color{255, 0, 0}, Color{54, 54, 54}
	face, err := fonts.Face{Family: fonts.Sans, Style: fonts.Bold}.Font()
	if err != nil {
		t.Fatal(err)
	}
	dash := []float64{0, 3}
	for _, c := range []struct {
		name string
		in   Item
		want Item
	}{
		{"text", Text{X: 1, Y: 2, Font: face, Size: 11, Color: red, Text: "x", Width: 5},
			Text{X: 1, Y: 2, Font: face, Size: 11, Color: gray, Text: "x", Width: 5}},
		{"gap", Gap{X: 1, Y: 2, W: 80, LineY: 4, LineWidth: 0.6, Color: red, Font: face, Size: 11, Text: "_", TextWidth: 6},
			Gap{X: 1, Y: 2, W: 80, LineY: 4, LineWidth: 0.6, Color: gray, Font: face, Size: 11, Text: "_", TextWidth: 6}},
		{"rule", Rule{X0: 1, Y0: 2, X1: 3, Y1: 4, Width: 0.5, Color: red, Dash: dash, Round: true},
			Rule{X0: 1, Y0: 2, X1: 3, Y1: 4, Width: 0.5, Color: gray, Dash: dash, Round: true}},
		{"filled box", Box{X: 1, Y: 2, W: 3, H: 4, Fill: &red},
			Box{X: 1, Y: 2, W: 3, H: 4, Fill: &gray}},
		{"stroked box", Box{X: 1, Y: 2, W: 3, H: 4, Stroke: &red, LineWidth: 1},
			Box{X: 1, Y: 2, W: 3, H: 4, Stroke: &gray, LineWidth: 1}},
		{"filled and stroked box", Box{Fill: &Color{0, 0, 255}, Stroke: &red, LineWidth: 1},
			Box{Fill: &Color{18, 18, 18}, Stroke: &gray, LineWidth: 1}},
		{"empty box", Box{W: 3}, Box{W: 3}},
		{"link", Link{X: 1, W: 2, H: 3, URL: "https://example.org"}, Link{X: 1, W: 2, H: 3, URL: "https://example.org"}},
		{"image", Image{X: 1, W: 2, H: 3, Ref: "a.png"}, Image{X: 1, W: 2, H: 3, Ref: "a.png"}},
	} {
		in := &Result{Title: "T", Pages: []Page{{Width: 100, Height: 200, Items: []Item{c.in}}}}
		before := in.Dump()
		got := Gray(in)
		if !reflect.DeepEqual(got.Pages[0].Items[0], c.want) {
			t.Errorf("%s: Gray gives %#v, want %#v", c.name, got.Pages[0].Items[0], c.want)
		}
		if in.Dump() != before || !reflect.DeepEqual(in.Pages[0].Items[0], c.in) {
			t.Errorf("%s: Gray changed its input", c.name)
		}
		if got.Title != "T" || got.Pages[0].Width != 100 || got.Pages[0].Height != 200 {
			t.Errorf("%s: Gray lost the result's metadata or page size: %+v", c.name, got)
		}
	}
	if Gray(nil) != nil {
		t.Error("Gray(nil) is not nil")
	}
}

// hexColor matches the colours Dump writes.
var hexColor = regexp.MustCompile(`#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})`)

// TestGrayWorksheet turns the answer keys of the example worksheet, which
// has every colour of the theme, of the example question paper and of the
// tables fixture gray: every colour in them is a gray, and nothing but
// colours differs from the original.
func TestGrayWorksheet(t *testing.T) {
	for _, path := range []string{"../content/end-of-the-purges.toml", "../content/end-of-the-purges-questions.toml", "testdata/tables.toml"} {
		grayWorksheet(t, decodeFile(t, path))
	}
}

// grayWorksheet checks Gray on every edition of d.
func grayWorksheet(t *testing.T, d *document.Document) {
	t.Helper()
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		before := r.Dump()
		g := Gray(r)
		if r.Dump() != before {
			t.Fatalf("%+v: Gray changed its input", ed)
		}
		gd := g.Dump()
		colours := 0
		for _, m := range hexColor.FindAllStringSubmatch(gd, -1) {
			colours++
			if m[1] != m[2] || m[2] != m[3] {
				t.Fatalf("%+v: colour %s is not gray", ed, m[0])
			}
		}
		if colours == 0 {
			t.Fatalf("%+v: no colours in the dump", ed)
		}
		if hexColor.ReplaceAllString(gd, "#") != hexColor.ReplaceAllString(before, "#") {
			t.Errorf("%+v: Gray changed something besides colours", ed)
		}
		checkPages(t, g, d)
	}
}
