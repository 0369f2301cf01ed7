package layout

import (
	"math"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

func TestLongWordIsBrokenNotClipped(t *testing.T) {
	w := strings.Repeat("abcdefghij", 80)
	r := mustWorksheet(t, newDoc(document.Section{Heading: document.Plain("One"), Blocks: []document.Block{bullet(w)}}))
	if got := strings.Join(allWords(r), ""); !strings.Contains(got, w) {
		t.Fatalf("long word lost")
	}
}

func TestWrapWidthsAreExact(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Serif, Size: 10, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := th.at(10)
	spans := th.spans(th.spans(nil, fonts.Bold, "Notes: ", "", false), fonts.Regular, sentences(5, 0), "", false)
	for _, width := range []float64{80, 200, 450} {
		for _, l := range m.wrap(spans, width) {
			if l.width > width+1e-9 {
				t.Errorf("width %v: line is %.3f wide", width, l.width)
			}
			sum := 0.0
			for _, it := range l.texts(0, 0, 10, solid(ink), &textTags{tag: layoutArt}) {
				tx := it.(Text)
				if got := tx.Font.Metrics().Size(tx.Text, 10); math.Abs(got-tx.Width) > 1e-9 {
					t.Errorf("run %q: width %.4f, measured %.4f", tx.Text, tx.Width, got)
				}
				sum += tx.Width
			}
			if math.Abs(sum-l.width) > 1e-9 {
				t.Errorf("runs add to %.4f, line is %.4f", sum, l.width)
			}
		}
	}
}

func TestWrapTerminatesWhenNothingFits(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []float64{-50, 0, 3} {
		lines := th.at(11).wrap(th.plain("abc de"), width)
		if len(lines) != 5 {
			t.Errorf("width %v: %d lines, want one per character (5)", width, len(lines))
		}
	}
}

// markedDoc returns a document of one text block of marked-up text, parsed
// as a content file would be.
func markedDoc(t *testing.T, text string) *document.Document {
	t.Helper()
	src := "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\ntext = '''" + text + "'''\n"
	d, err := document.Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bodyTexts returns the Text items of the first page set at the body size
// in the ink or link colour, the body text.
func bodyTexts(r *Result) []Text {
	var ts []Text
	for _, it := range r.Pages[0].Items {
		if tx, ok := it.(Text); ok && tx.Size == 11 && (tx.Color == ink || tx.Color == linkColor) && tx.Y > 100 {
			ts = append(ts, tx)
		}
	}
	return ts
}

// TestMixedFacesOnOneLine places a paragraph of four faces on one line and
// checks that each run starts where the runs before it end, measured with
// the metrics of their faces. A space between words belongs to the run
// before it, in its face.
func TestMixedFacesOnOneLine(t *testing.T) {
	r := mustWorksheet(t, markedDoc(t, "Plain *italic words* then **bold** and ***both*** and [a link](https://example.org) end."))
	ts := bodyTexts(r)
	want := []struct {
		text  string
		style fonts.Style
	}{
		{"Plain ", fonts.Regular}, {"italic words ", fonts.Italic}, {"then ", fonts.Regular},
		{"bold ", fonts.Bold}, {"and ", fonts.Regular}, {"both ", fonts.BoldItalic},
		{"and ", fonts.Regular}, {"a link ", fonts.Regular}, {"end.", fonts.Regular},
	}
	if len(ts) != len(want) {
		t.Fatalf("%d runs, want %d: %+v", len(ts), len(want), ts)
	}
	x := ts[0].X
	for i, w := range want {
		tx := ts[i]
		m := tx.Font.Metrics()
		if tx.Text != w.text || tx.Style != w.style || tx.Y != ts[0].Y {
			t.Errorf("run %d = %q %v at y %.2f, want %q %v on the first line", i, tx.Text, tx.Style, tx.Y, w.text, w.style)
		}
		if math.Abs(tx.X-x) > 1e-9 {
			t.Errorf("run %d %q at x %.4f, want %.4f (the widths of the runs before it)", i, tx.Text, tx.X, x)
		}
		if width := m.Size(tx.Text, tx.Size); math.Abs(tx.Width-width) > 1e-9 {
			t.Errorf("run %d %q is %.4f wide, measured %.4f", i, tx.Text, tx.Width, width)
		}
		if (tx.Color == linkColor) != (w.text == "a link ") {
			t.Errorf("run %d %q colour %v", i, tx.Text, tx.Color)
		}
		x += tx.Width
	}
}

// TestMarkedFaces checks the faces of emphasis in italic quotations and in
// bold headings.
func TestMarkedFaces(t *testing.T) {
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer th.release()
	in := document.Inline{{Text: "a"}, {Text: "b", Italic: true}, {Text: "c", Bold: true}, {Text: "d", Bold: true, Italic: true}}
	for base, want := range map[fonts.Style][]fonts.Style{
		fonts.Regular: {fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic},
		fonts.Italic:  {fonts.Italic, fonts.Regular, fonts.BoldItalic, fonts.Bold},
		fonts.Bold:    {fonts.Bold, fonts.BoldItalic, fonts.Bold, fonts.BoldItalic},
	} {
		for i, sp := range th.marked(in, base) {
			if sp.style != want[i] {
				t.Errorf("base %v, span %q: %v, want %v", base, sp.text, sp.style, want[i])
			}
		}
	}
}

// TestLinkRectangles checks that a link wrapped over lines has one Link a
// line, each covering exactly the linked words on its line.
func TestLinkRectangles(t *testing.T) {
	const url = "https://example.org/trotsky"
	words := strings.Repeat("linked words go on ", 12)
	r := mustWorksheet(t, markedDoc(t, "Before the link ["+strings.TrimSpace(words)+"](https://example.org/trotsky) after."))
	var links []Link
	for _, it := range r.Pages[0].Items {
		if l, ok := it.(Link); ok && l.URL == url {
			links = append(links, l)
		}
	}
	var linked []Text
	for _, tx := range bodyTexts(r) {
		if tx.Color == linkColor {
			linked = append(linked, tx)
		}
	}
	if len(links) < 2 || len(links) != len(linked) {
		t.Fatalf("%d links over %d runs of linked text, want one a line over two or more lines", len(links), len(linked))
	}
	for i, l := range links {
		tx := linked[i]
		x0, y0, x1, y1 := tx.Bounds()
		m := tx.Font.Metrics()
		x1 -= m.Size(tx.Text, tx.Size) - m.Size(strings.TrimRight(tx.Text, " "), tx.Size) // the space after the link
		if math.Abs(l.X-x0) > 1e-9 || math.Abs(l.X+l.W-x1) > 1e-6 {
			t.Errorf("link %d spans x %.2f..%.2f, its words %.2f..%.2f", i, l.X, l.X+l.W, x0, x1)
		}
		if l.Y > y0 || l.Y+l.H < y1 {
			t.Errorf("link %d spans y %.2f..%.2f, its words %.2f..%.2f", i, l.Y, l.Y+l.H, y0, y1)
		}
		if i > 0 && l.Y <= links[i-1].Y {
			t.Errorf("link %d is not below link %d", i, i-1)
		}
	}
}
