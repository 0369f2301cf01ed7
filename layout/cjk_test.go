package layout

import (
	"math"
	"os"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"handout/document"
	"handout/fonts"
	"handout/linebreak"
)

// withTestFonts reads the fonts that d's [fonts] names from the fonts
// package's testdata, by their base names, as the build reads them from
// the content file's folder, and checks d's characters against them.
func withTestFonts(t testing.TB, d *document.Document) *document.Document {
	t.Helper()
	for _, f := range d.Fonts.Files() {
		data, err := os.ReadFile(path.Join("../fonts/testdata", path.Base(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if f.Font, err = fonts.Parse(f.Path, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.CheckChars(); err != nil {
		t.Fatal(err)
	}
	return d
}

// The characters of a Chinese or Japanese line's ends: UAX #14 keeps
// closing punctuation, small kana and the prolonged sound mark off the
// start of a line, and opening punctuation off its end.
const (
	noLineStart = "、。，．）」』】〕！？：；ーッャュョっゃゅょ"
	noLineEnd   = "（「『【〔"
)

// TestWrapChinese wraps Chinese and Japanese text with Latin words in it,
// at every width from a few characters to a page, and checks that lines
// break between Chinese and Japanese characters, never inside a Latin word
// nor before closing punctuation or after opening punctuation, that
// nothing is lost, and that each run is in the font that has its
// characters, measured with it, on one baseline. On a line too narrow for
// what may not be broken, such as a Latin word with the brackets around
// it, that is broken between characters, as a long word is.
func TestWrapChinese(t *testing.T) {
	d := withTestFonts(t, decodeFile(t, "testdata/chinese.toml"))
	th, err := newTheme(d.Style, d.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	defer th.release()
	cjk := th.chains[fonts.Regular][1]
	if cjk.Name() != "DroidSansFallback" {
		t.Fatalf("the fallback is %s", cjk.Name())
	}
	texts := []string{
		"地上的水总是在不断地运动。天上的日光照在海上和河里，水受到光的作用以后变成气，上到天上。气在天上变成小水点，水点越来越多，空气不能再带着它们的时候，就落到地面上。这就是水的“运动”（water cycle）。",
		"水は、いつもうごいています。日の光で海の水があたためられると、水はめにみえない「水じょうき」になって、天へのぼっていきます。小さい「ッ」や「ャ」、のばす音「ー」は行のはじめに来ません。",
		"Chinese 中文 and photosynthesis 光合作用 mixed: 水 is water, 气 is air.",
	}
	m := th.at(11)
	for _, text := range texts {
		spans := th.plain(text)
		words := latinWords(text)
		wholes := 0 // the widths with room for every unbreakable piece
		for width := 40.0; width <= 500; width += 7 {
			whole := m.fits(spans, width)
			if whole {
				wholes++
			}
			lines := m.wrap(spans, width)
			var all []string
			for i, l := range lines {
				s := l.text()
				all = append(all, s)
				if l.width > width+1e-9 {
					t.Errorf("width %v: line %q is %.2f wide", width, s, l.width)
				}
				first, _ := utf8.DecodeRuneInString(s)
				last, _ := utf8.DecodeLastRuneInString(s)
				if i > 0 && whole && strings.ContainsRune(noLineStart, first) {
					t.Errorf("width %v: line %d starts with %q: %q", width, i+1, first, s)
				}
				if i < len(lines)-1 && whole && strings.ContainsRune(noLineEnd, last) {
					t.Errorf("width %v: line %d ends with %q: %q", width, i+1, last, s)
				}
				checkRuns(t, l, cjk)
			}
			joined := strings.Join(all, "")
			if got, want := strings.ReplaceAll(joined, " ", ""), strings.ReplaceAll(text, " ", ""); got != want {
				t.Fatalf("width %v: the lines hold\n%q\nwant\n%q", width, got, want)
			}
			for _, w := range words {
				if whole && !containsWord(all, w) {
					t.Errorf("width %v: %q is broken across lines: %q", width, w, all)
				}
			}
		}
		if wholes < 55 {
			t.Errorf("%q: only %d widths of 67 have room for every unbreakable piece", text, wholes)
		}
	}
}

// checkRuns checks the runs of l: the Chinese and Japanese characters in
// cjk, the rest in the main font, each measured with its font, one after
// the other on one baseline. A space is in the run before it, whatever its
// font.
func checkRuns(t *testing.T, l line, cjk *fonts.Font) {
	t.Helper()
	x := 0.0
	for _, tx := range l.runs(0, 10, 11, solid(ink), &textTags{tag: layoutArt}) {
		if tx.Y != 10 || math.Abs(tx.X-x) > 1e-6 {
			t.Errorf("run %q at %.2f,%.2f, want %.2f,10", tx.Text, tx.X, tx.Y, x)
		}
		if got := tx.Font.Metrics().Size(tx.Text, 11); math.Abs(got-tx.Width) > 1e-6 && !strings.HasSuffix(tx.Text, " ") {
			t.Errorf("run %q: width %.3f, its font measures %.3f", tx.Text, tx.Width, got)
		}
		for _, r := range strings.TrimRight(tx.Text, " ") {
			if linebreak.Wide(r) != (tx.Font == cjk) {
				t.Errorf("%q in run %q is in %s", r, tx.Text, tx.Font.Name())
			}
		}
		x += tx.Width
	}
}

// latinWords returns the words of Latin letters in s.
func latinWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
}

// containsWord reports whether one of lines has the word w whole.
func containsWord(lines []string, w string) bool {
	for _, l := range lines {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// TestChineseWorksheet lays out the Chinese fixture in every edition and
// checks that its headings and bold words, in a fallback font of one
// weight, are emboldened, and that its Latin text is not.
func TestChineseWorksheet(t *testing.T) {
	d := withTestFonts(t, decodeFile(t, "testdata/chinese.toml"))
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r := mustEdition(t, d, ed)
		var bold, regular int
		for _, p := range r.Pages {
			for _, it := range p.Items {
				tx, ok := it.(Text)
				if !ok {
					continue
				}
				isBold := tx.Style == fonts.Bold || tx.Style == fonts.BoldItalic
				if want := isBold && tx.Font.Name() == "DroidSansFallback"; tx.Embolden != want {
					t.Errorf("%+v: %q emboldened: %v", ed, tx.Text, tx.Embolden)
				}
				switch {
				case tx.Embolden:
					bold++
				case tx.Font.Name() == "DroidSansFallback":
					regular++
				}
			}
		}
		if bold == 0 || regular == 0 {
			t.Errorf("%+v: %d emboldened runs, %d regular ones in Chinese", ed, bold, regular)
		}
	}
	if _, err := Summary(d); err != nil {
		t.Error(err)
	}
}

// TestSharedPunctuation checks that quotation marks and the like beside a
// Chinese character are set in its font, and beside Latin ones in theirs.
func TestSharedPunctuation(t *testing.T) {
	latin, err := fonts.Face{Family: fonts.Sans}.Font()
	if err != nil {
		t.Fatal(err)
	}
	east, err := fonts.Face{Family: fonts.Serif}.Font() // has the quotation marks, as a font for Chinese would
	if err != nil {
		t.Fatal(err)
	}
	names := map[*fonts.Font]string{latin: "L", east: "E"}
	for _, tt := range []struct {
		text string
		runs []fonts.Run
		want string
	}{
		{"是“循环”的", []fonts.Run{{Font: east, Start: 0, End: 3}, {Font: latin, Start: 3, End: 6}, {Font: east, Start: 6, End: 12}, {Font: latin, Start: 12, End: 15}, {Font: east, Start: 15, End: 18}}, "E:是“循环”的"},
		{"“循环”", []fonts.Run{{Font: latin, Start: 0, End: 3}, {Font: east, Start: 3, End: 9}, {Font: latin, Start: 9, End: 12}}, "E:“循环”"},
		{"a “b” 水", []fonts.Run{{Font: latin, Start: 0, End: 10}, {Font: east, Start: 10, End: 13}}, "L:a “b” |E:水"},
		{"水…… ok", []fonts.Run{{Font: east, Start: 0, End: 3}, {Font: latin, Start: 3, End: 9}, {Font: latin, Start: 9, End: 12}}, "E:水……|L: ok"},
		{"水 “ok”", []fonts.Run{{Font: east, Start: 0, End: 3}, {Font: latin, Start: 3, End: 12}}, "E:水|L: “ok”"},
	} {
		var got []string
		for _, r := range sharedPunctuation(tt.text, tt.runs) {
			got = append(got, names[r.Font]+":"+tt.text[r.Start:r.End])
		}
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("%q: %s, want %s", tt.text, s, tt.want)
		}
	}
}
