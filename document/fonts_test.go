package document

import (
	"errors"
	"os"
	"strings"
	"testing"

	"handout/fonts"
)

// cjkSample returns the test font of 600 Chinese characters, kana and
// CJK punctuation (fonts/testdata/README.md).
func cjkSample(t *testing.T) *fonts.Font {
	t.Helper()
	data, err := os.ReadFile("../fonts/testdata/cjk-sample.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := fonts.Parse("cjk-sample.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDecodeFonts(t *testing.T) {
	const tail = "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n"
	doc, err := Decode("x.toml", []byte(`[fonts]
regular = "fonts/School-Regular.ttf"
bold = "./fonts/School-Bold.ttf"
fallback = ["fonts/cjk.ttf", " SANS "]
`+tail))
	if err != nil {
		t.Fatal(err)
	}
	f := doc.Fonts
	if f.Regular.Path != "fonts/School-Regular.ttf" || f.Regular.Pos != (Pos{2, 1}) || f.Bold.Path != "fonts/School-Bold.ttf" || f.Italic != nil || f.BoldItalic != nil {
		t.Errorf("main fonts = %+v, %+v, %v, %v", f.Regular, f.Bold, f.Italic, f.BoldItalic)
	}
	if len(f.Fallback) != 2 || f.Fallback[0].Path != "fonts/cjk.ttf" || f.Fallback[0].Pos != (Pos{4, 13}) ||
		f.Fallback[1].Path != "" || f.Fallback[1].Builtin != fonts.Sans || f.Fallback[1].String() != "sans" {
		t.Errorf("fallbacks = %+v", f.Fallback)
	}
	var paths []string
	for _, file := range f.Files() {
		paths = append(paths, file.Path)
	}
	if got := strings.Join(paths, " "); got != "fonts/School-Regular.ttf fonts/School-Bold.ttf fonts/cjk.ttf" {
		t.Errorf("Files() = %s", got)
	}
	if mf := f.mainFile(fonts.BoldItalic); mf != f.Bold {
		t.Errorf("bold italic is set in %v, want the bold font", mf)
	}
	if mf := f.mainFile(fonts.Italic); mf != f.Regular {
		t.Errorf("italic is set in %v, want the regular font", mf)
	}
	if _, err := f.Chain(fonts.Sans, fonts.Regular); err == nil {
		t.Error("Chain before the fonts are read: no error")
	}
	if err := doc.CheckChars(); err == nil || !strings.Contains(err.Error(), "has not been read") {
		t.Errorf("CheckChars before the fonts are read: %v", err)
	}

	for _, tt := range []struct {
		name, src string
		want      []wantErr
	}{
		{"bold without regular", "[fonts]\nbold = \"b.ttf\"\n" + tail,
			[]wantErr{{2, 1, "[fonts] bold needs regular too"}}},
		{"regular and [style] font", "[style]\nfont = \"serif\"\n[fonts]\nregular = \"a.ttf\"\n" + tail,
			[]wantErr{{2, 1, "[style] font and [fonts] regular both say which font the text is set in"}}},
		{"a built-in font as regular", "[fonts]\nregular = \"Serif\"\n" + tail,
			[]wantErr{{2, 1, `regular = "Serif" names a built-in font, which [style] font chooses`}}},
		{"empty", "[fonts]\nfallback = [\" \"]\n" + tail,
			[]wantErr{{2, 13, `font " " must not be empty: give the font file's path relative to this file, such as "fonts/Lexend-Regular.ttf"`}}},
		{"absolute", "[fonts]\nregular = \"/usr/share/fonts/x.ttf\"\n" + tail,
			[]wantErr{{2, 1, `font "/usr/share/fonts/x.ttf" is absolute`}}},
		{"leads out", "[fonts]\nfallback = [\"sans\", \"fonts/../../x.ttf\"]\n" + tail,
			[]wantErr{{2, 21, "leads out of this file's folder: a font must be in the folder of its content file"}}},
		{"a Windows path", "[fonts]\nfallback = ['C:\\Windows\\Fonts\\simsun.ttf']\n" + tail,
			[]wantErr{{2, 13, `font 'C:\Windows\Fonts\simsun.ttf' is a path on your computer: copy the font file into this file's folder, or a folder in it such as fonts, and give its path from there with /, as in fallback = ["fonts/simsun.ttf"]`}}},
		{"a Windows path with escapes", "[fonts]\nregular = \"fonts\\tnr.ttf\"\n" + tail,
			[]wantErr{{2, 1, `font "fonts\tnr.ttf" has \ between folders: use /, as in regular = "fonts/tnr.ttf"`}}},
		{"an invalid escape", "[fonts]\nregular = \"C:\\Fonts\\x.ttf\"\n" + tail,
			[]wantErr{{2, 1, `font "C:\Fonts\x.ttf" is a path on your computer`}}},
		{"not a string", "[fonts]\nfallback = [\"a.ttf\", 3]\n" + tail,
			[]wantErr{{2, 22, `item 2 of "fallback" must be a string, not an integer`}}},
		{"too many", "[fonts]\nfallback = [" + strings.Repeat("\"f.ttf\", ", 8) + "\"f.ttf\"]\n" + tail,
			[]wantErr{{2, 85, "too many fallback fonts: this is font 9 of 9, and [fonts] fallback may name at most 8"}}},
		{"unknown key", "[fonts]\nbolditalic = \"x.ttf\"\n" + tail,
			[]wantErr{{2, 1, `unknown key "bolditalic" in [fonts] (did you mean "bold_italic"?)`}}},
	} {
		t.Run(tt.name, func(t *testing.T) { decodeErrors(t, tt.src, tt.want) })
	}
}

// mandarin is a worksheet in Chinese, as a teacher of Mandarin writes it.
const mandarin = `[worksheet]
title = "水从天上来"
subtitle = "第三部分：水是什么？"

[[section]]
heading = "看一看"

[[section.block]]
text = """
水是生命之本。太阳把海里的水变成气，
气上到天上。水落下来，就是雨。"""

[[section.block]]
notes = "水流到什么地方去了？"
lines = 4

[[section.block]]
task = "写一写水的路。"
items = ["用手", "写上“水”和“气”"]
`

func TestCheckCharsMandarin(t *testing.T) {
	// Without a font for Chinese: one error for each text, not one for
	// each character.
	decodeErrors(t, mandarin, []wantErr{
		{2, 10, `5 characters of this text (Chinese: 水, 从, 天, …) are in none of the fonts: add a font that has them under [fonts] fallback (see "Languages and fonts" in docs/format.md)`},
		{3, 13, `10 characters of this text (Chinese: 第, 三, 部, …; punctuation: ： U+FF1A, ？ U+FF1F) are in none of the fonts`},
		{6, 12, `2 characters of this text (Chinese: 看, 一) are in none of the fonts`},
		{10, 1, `(Chinese: 水, 是, 生, …; punctuation: 。 U+3002, ， U+FF0C) are in none of the fonts`},
		{14, 10, `(Chinese: 水, 流, 到, …; punctuation: ？ U+FF1F) are in none of the fonts`},
		{18, 9, `(Chinese: 写, 一, 水, …; punctuation: 。 U+3002)`},
		{19, 11, `2 characters of this text (Chinese: 用, 手)`},
		{19, 17, `5 characters of this text (Chinese: 写, 上, 水, …)`},
	})

	// With one, the characters it lacks are reported, once for the text
	// that has them.
	src := "[fonts]\nfallback = [\"cjk.ttf\"]\n" + mandarin
	doc, err := Decode("content/x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	doc.Fonts.Fallback[0].Font = cjkSample(t)
	err = doc.CheckChars()
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 ||
		es[0].Error() != "content/x.toml:12:9: 2 characters of this text (Chinese: 阳, 雨) are in none of the fonts: add a font that has them under [fonts] fallback" {
		t.Errorf("CheckChars: %v", err)
	}
	if err := doc.CheckChars(); err != nil {
		t.Errorf("CheckChars a second time: %v", err)
	}
}

func TestCheckCharsFallback(t *testing.T) {
	cjk := cjkSample(t)
	sansBold, err := fonts.Face{Family: fonts.Sans, Style: fonts.Bold}.Font()
	if err != nil {
		t.Fatal(err)
	}
	const body = "[worksheet]\ntitle = \"水\"\n[[section]]\nheading = \"水\"\n[[section.block]]\n"
	for _, tt := range []struct {
		name  string
		fonts string
		set   func(*Fonts) // sets the fonts read
		text  string
		want  string // the error, "" for none
	}{
		{"Chinese in a fallback", `fallback = ["cjk.ttf"]`, func(f *Fonts) { f.Fallback[0].Font = cjk },
			"text = \"水是生命之本。Water is life.\"", ""},
		{"kana in a fallback", `fallback = ["cjk.ttf"]`, func(f *Fonts) { f.Fallback[0].Font = cjk },
			"text = \"みずはいのちのもと。\"", ""},
		{"Japanese the fallback lacks", `fallback = ["cjk.ttf"]`, func(f *Fonts) { f.Fallback[0].Font = cjk },
			"text = \"ok 鬱 and 齉, 水\"", "8:12: 2 characters of this text (Chinese: 鬱, 齉) are in none of the fonts: add a font that has them under [fonts] fallback"},
		{"kana makes it Japanese", `fallback = ["cjk.ttf"]`, func(f *Fonts) { f.Fallback[0].Font = cjk },
			"text = \"鬱の\"", "(Japanese: 鬱)"},
		{"a symbol a built-in font has", `regular = "cjk.ttf"`, func(f *Fonts) { f.Regular.Font = cjk },
			"text = \"水 x\"", `8:11: 1 character of this text (Latin: x U+0078) is in none of the fonts: add a font that has it under [fonts] fallback: the built-in "sans" font has it, as in fallback = ["sans"]`},
		{"a built-in fallback", "regular = \"cjk.ttf\"\nfallback = [\"serif\"]", func(f *Fonts) { f.Regular.Font = cjk },
			"text = \"水 x **y**\"", ""},
		{"not in the bold font", "regular = \"cjk.ttf\"\nbold = \"b.ttf\"\nfallback = [\"serif\"]", func(f *Fonts) { f.Regular.Font, f.Bold.Font = cjk, sansBold },
			"text = \"a 水\"", `10:11: 1 character of this text (Chinese: 水) is not in the bold font ("b.ttf") or the bold italic font ("b.ttf"), nor in a fallback font`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode("x.toml", []byte("[fonts]\n"+tt.fonts+"\n"+body+tt.text+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			tt.set(doc.Fonts)
			err = doc.CheckChars()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckChars: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckChars: %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestUnsettableScripts(t *testing.T) {
	decodeErrors(t, head+"text = \"Namaste: नमस्ते, sawasdee: สวัสดี, shalom: שלום\"\n[[section.block]]\ntext = \"a ก\"\n", []wantErr{
		{6, 18, `this text has letters of Devanagari, Thai and Hebrew (the first: "न", U+0928), which handout cannot print: ` +
			`Devanagari needs its letters joined, reordered and placed by its own rules (text shaping), which handout does not do; ` +
			`Thai needs its letters joined, reordered and placed by its own rules (text shaping), which handout does not do; ` +
			`Hebrew is written right to left, and handout sets text left to right only, so it would come out backwards; leave them out or give them as a picture`},
		{8, 11, `letters of Thai (the first: "ก", U+0E01)`},
	})
}

// TestIdeographicSpace checks that a file whose [fonts] names font files
// keeps its ideographic spaces, and that others make them plain spaces.
func TestIdeographicSpace(t *testing.T) {
	const body = "[worksheet]\ntitle = \"a\u3000b\"\n[[section]]\nheading = \"H\"\n[[section.block]]\ntext = \"\u3000c\"\n"
	for _, tt := range []struct {
		fonts, title, text string
	}{
		{"", "a b", "c"},
		{"[fonts]\nfallback = [\"sans\"]\n", "a b", "c"},
		{"[fonts]\nfallback = [\"cjk.ttf\"]\n", "a\u3000b", "\u3000c"},
	} {
		doc, err := Decode("x.toml", []byte(tt.fonts+body))
		if err != nil {
			t.Fatal(err)
		}
		text := doc.Sections[0].Blocks[0].Body.(*Text).Paragraphs[0].String()
		if got := doc.Worksheet.Title.String(); got != tt.title || text != tt.text {
			t.Errorf("%q: title %q and text %q, want %q and %q", tt.fonts, got, text, tt.title, tt.text)
		}
	}
}
