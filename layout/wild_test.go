package layout

import (
	"math"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// wrapTexts wraps text, one span in the regular face, to width and returns
// the Text items of each line, as placed.
func wrapTexts(t *testing.T, text string, width float64) [][]Text {
	t.Helper()
	th, err := newTheme(document.Style{Font: fonts.Sans, Size: 11, MarginMM: 18, RulingMM: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := th.at(11)
	var out [][]Text
	for _, l := range m.wrap(th.plain(text), width) {
		if l.width > width+1e-9 && len(l.words) > 1 {
			t.Errorf("width %v: line %q is %.3f wide", width, l.text(), l.width)
		}
		var runs []Text
		for _, it := range l.texts(0, 0, 11, solid(ink), &textTags{tag: layoutArt}) {
			tx := it.(Text)
			if got := tx.Font.Metrics().Size(tx.Text, 11); math.Abs(got-tx.Width) > 1e-9 {
				t.Errorf("run %q: width %.4f, measured %.4f", tx.Text, tx.Width, got)
			}
			runs = append(runs, tx)
		}
		out = append(out, runs)
	}
	return out
}

// lineText joins a line's runs.
func lineText(runs []Text) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// TestNoBreakSpaceJoins wraps text with no-break spaces at many widths:
// a pair joined by one is never split across lines, and is drawn with
// the no-break space (a space in the font), while the same text with
// plain spaces does split somewhere.
func TestNoBreakSpaceJoins(t *testing.T) {
	pairs := []string{"Mr\u00A0Smith", "10\u00A0000", "5\u202F%", "1\u2007234"}
	var b strings.Builder
	for i := range 12 {
		b.WriteString(strings.Repeat("word ", i%4) + pairs[i%len(pairs)] + " said so. ")
	}
	text := strings.TrimSpace(b.String())
	splits := 0
	for width := 60.0; width < 300; width += 7 {
		n := 0
		for _, l := range wrapTexts(t, text, width) {
			s := lineText(l)
			for _, p := range pairs {
				n += strings.Count(s, p)
			}
		}
		if n != 12 {
			t.Errorf("width %v: %d joined pairs drawn whole, want 12", width, n)
		}
		plain := strings.NewReplacer("\u00A0", " ", "\u202F", " ", "\u2007", " ").Replace(text)
		for _, l := range wrapTexts(t, plain, width) {
			for _, w := range []string{"Mr", "10", "5", "1"} {
				if strings.HasSuffix(lineText(l), " "+w) {
					splits++
				}
			}
		}
	}
	if splits == 0 {
		t.Error("with plain spaces no pair was ever split: the test shows nothing")
	}
}

// TestZeroWidthSpace checks that a zero-width space is a break
// opportunity that draws nothing: on one line the words meet, and a long
// run of joined words breaks only between them.
func TestZeroWidthSpace(t *testing.T) {
	lines := wrapTexts(t, "zero\u200Bwidth", 300)
	if len(lines) != 1 || len(lines[0]) != 1 || lines[0][0].Text != "zerowidth" {
		t.Fatalf("placed %+v, want one run \"zerowidth\"", lines)
	}
	pieces := strings.Fields(sentences(3, 0))
	text := strings.Join(pieces, "\u200B")
	for width := 40.0; width < 400; width += 11 {
		lines := wrapTexts(t, text, width)
		var all string
		for _, l := range lines {
			s := lineText(l)
			if strings.Contains(s, "\u200B") {
				t.Fatalf("width %v: a zero-width space is drawn in %q", width, s)
			}
			all += s + "|"
		}
		if want := strings.Join(pieces, ""); strings.ReplaceAll(all, "|", "") != want {
			t.Fatalf("width %v: text %q, want %q", width, all, want)
		}
		// Every break is between pieces, unless a piece is wider than a line.
		if width > 100 {
			rest := all
			for _, p := range pieces {
				rest = strings.TrimPrefix(strings.TrimPrefix(rest, "|"), p)
			}
			if strings.Trim(rest, "|") != "" {
				t.Errorf("width %v: a line breaks inside a piece: %q", width, all)
			}
		}
	}
}

// TestSoftHyphen checks that a soft hyphen draws nothing inside a line and
// a hyphen at the end of a line that breaks there, and that the line with
// its hyphen still fits.
func TestSoftHyphen(t *testing.T) {
	lines := wrapTexts(t, "in\u00ADcom\u00ADpre\u00ADhen\u00ADsi\u00ADble", 300)
	if len(lines) != 1 || lineText(lines[0]) != "incomprehensible" {
		t.Fatalf("placed %+v, want one line \"incomprehensible\"", lines)
	}
	words := []string{"in\u00ADcom\u00ADpre\u00ADhen\u00ADsi\u00ADbil\u00ADi\u00ADties", "coun\u00ADter\u00ADrev\u00ADo\u00ADlu\u00ADtion\u00ADar\u00ADies", "plain", "words"}
	var parts []string
	for i := range 20 {
		parts = append(parts, words[i%len(words)])
	}
	text := strings.Join(parts, " ")
	want := strings.ReplaceAll(text, "\u00AD", "")
	hyphens := 0
	for width := 90.0; width < 400; width += 5 {
		lines := wrapTexts(t, text, width)
		var b strings.Builder
		for i, l := range lines {
			s := lineText(l)
			if strings.Contains(s, "\u00AD") {
				t.Fatalf("width %v: a soft hyphen is drawn in %q", width, s)
			}
			if i > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
			b.WriteString(s)
			if strings.HasSuffix(s, "-") {
				if i == len(lines)-1 {
					t.Errorf("width %v: the last line ends with a hyphen", width)
				}
				hyphens++
			}
			if strings.Contains(strings.TrimSuffix(s, "-"), "-") {
				t.Errorf("width %v: a hyphen inside line %q", width, s)
			}
		}
		got := strings.ReplaceAll(b.String(), "-", "")
		if got != want {
			t.Fatalf("width %v: lines read %q, want %q", width, got, want)
		}
	}
	if hyphens == 0 {
		t.Error("no line broke at a soft hyphen")
	}
}

// TestWildTextOnPage lays out a worksheet of pasted text and checks the
// placed pages: everything inside the margins, no invisible character
// drawn, a hyphen only at the end of a line.
func TestWildTextOnPage(t *testing.T) {
	var b strings.Builder
	for range 30 {
		b.WriteString("Mr\u00A0Smith's in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADza\u00ADtion of zero\u200Bwidth\u200Bjoined words. ")
	}
	r := mustWorksheet(t, markedDoc(t, b.String()))
	for _, tx := range bodyTexts(r) {
		if strings.ContainsAny(tx.Text, "\u00AD\u200B") {
			t.Errorf("invisible character drawn in %q", tx.Text)
		}
		if i := strings.Index(tx.Text, "-"); i >= 0 && i != len(tx.Text)-1 {
			t.Errorf("hyphen inside %q", tx.Text)
		}
	}
}
