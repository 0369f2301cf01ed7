package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
	"handout/internal/testimage"
)

// schoolFont returns a TrueType font to stand for a school's own: the
// built-in Liberation Serif, copied as a file, which a file of the
// default, sans, is not set in unless [fonts] says so.
func schoolFont(t *testing.T) []byte {
	t.Helper()
	return fonts.Face{Family: fonts.Serif, Style: fonts.Regular}.TTF()
}

// cjkSample returns the small font of Chinese and Japanese of the fonts
// package's testdata.
func cjkSample(t *testing.T) []byte {
	t.Helper()
	return readBytes(t, filepath.Join("..", "fonts", "testdata", "cjk-sample.ttf"))
}

// fontsDoc is a content file in a school's own font, with Chinese in a
// fallback, then the built-in sans; its [fonts] regular is on line 2,
// its fallbacks on line 3.
const fontsDoc = `[fonts]
regular = "fonts/School-Regular.ttf"
fallback = ["fonts/cjk-sample.ttf", "sans"]
[worksheet]
title = "水从天上来: water from the sky"
[[section]]
heading = "Вода, 水"
[[section.block]]
text = "**水**是生命之本。"
`

func TestLoadFonts(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"fonts/School-Regular.ttf": schoolFont(t),
		"fonts/cjk-sample.ttf":     cjkSample(t),
	})
	name := filepath.Join(dir, "x.toml")
	d, err := document.Decode(name, []byte(fontsDoc))
	if err != nil {
		t.Fatal(err)
	}
	ins, err := LoadFonts(name, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 2 || ins[0].Path != filepath.Join(dir, "fonts", "School-Regular.ttf") || ins[1].Path != filepath.Join(dir, "fonts", "cjk-sample.ttf") ||
		ins[0].SHA256 != hash(schoolFont(t)) || ins[1].SHA256 != hash(cjkSample(t)) {
		t.Errorf("inputs %+v", ins)
	}
	if f := d.Fonts.Regular.Font; f == nil || f.Name() != "LiberationSerif" {
		t.Fatalf("the regular font is %v", f)
	}
	if f := d.Fonts.Fallback[0].Font; f == nil || f.Name() != "DroidSansFallback" {
		t.Fatalf("the fallback is %v", f)
	}

	// Each font file is parsed once a process, however many files and
	// builds use it.
	again, err := document.Decode(name, []byte(fontsDoc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFonts(name, again); err != nil {
		t.Fatal(err)
	}
	if again.Fonts.Regular.Font != d.Fonts.Regular.Font || again.Fonts.Fallback[0].Font != d.Fonts.Fallback[0].Font {
		t.Error("the fonts were parsed again")
	}

	// The worksheet builds in them, and records them as inputs.
	outs, ins, _, err := file(t.Context(), name, []byte(fontsDoc), Options{Time: testTime})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || len(ins) != 2 {
		t.Errorf("%d PDFs from %d inputs", len(outs), len(ins))
	}
	for _, want := range []string{"+LiberationSerif\n", "+DroidSansFallback\n"} {
		if !strings.Contains(string(outs[0].PDF), want) {
			t.Errorf("the PDF has no font %s", want)
		}
	}
}

func TestLoadFontsErrors(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	cjk := cjkSample(t)
	writeFiles(t, content, map[string][]byte{
		"fonts/ok.ttf":       cjk,
		"fonts/Lexend.otf":   append([]byte("OTTO"), cjk[4:]...),
		"fonts/msyh.ttc":     append([]byte("ttcf"), cjk[4:]...),
		"fonts/Lexend.woff2": append([]byte("wOF2"), cjk[4:]...),
		"fonts/Lexend.zip":   append([]byte("PK\x03\x04"), cjk[4:]...),
		"fonts/broken.ttf":   cjk[:len(cjk)/3],
		"fonts/notes.txt":    []byte("not a font"),
		"fonts/folder/x.ttf": cjk,
		"../secret.ttf":      cjk, // in dir, outside content
	})
	if err := os.Symlink(filepath.Join(dir, "secret.ttf"), filepath.Join(content, "fonts", "out.ttf")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	huge := filepath.Join(content, "fonts", "huge.ttf")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, fonts.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"fonts/missing.ttf", `font "fonts/missing.ttf" not found: there is no file ` + filepath.Join(content, "fonts", "missing.ttf")},
		{"fonts/folder", `font "fonts/folder" is a folder, not a font file`},
		{"fonts/out.ttf", `font "fonts/out.ttf" is a symbolic link that leads out of this file's folder: a font must be in the folder of its content file or a folder inside it`},
		{"fonts/huge.ttf", `font "fonts/huge.ttf" is more than 32 MB: a font file may be at most 32 MB`},
		{"fonts/Lexend.otf", `font "fonts/Lexend.otf" cannot be used: an OpenType font with PostScript (CFF) outlines, which the PDF writer cannot embed: use the TrueType (.ttf) version`},
		{"fonts/msyh.ttc", `font "fonts/msyh.ttc" cannot be used: a font collection (.ttc or .otc)`},
		{"fonts/Lexend.woff2", `font "fonts/Lexend.woff2" cannot be used: a WOFF web font`},
		{"fonts/Lexend.zip", `font "fonts/Lexend.zip" cannot be used: a zip archive, not a font: unzip it`},
		{"fonts/broken.ttf", `font "fonts/broken.ttf" cannot be used: the font file is damaged`},
		{"fonts/notes.txt", `font "fonts/notes.txt" cannot be used: not a TrueType font`},
	} {
		t.Run(c.path, func(t *testing.T) {
			name := filepath.Join(content, "x.toml")
			src := "[fonts]\nfallback = [\"fonts/ok.ttf\", \"" + c.path + "\"]\n[worksheet]\ntitle = \"水\"\n[[section]]\nheading = \"H\"\n"
			d, err := document.Decode(name, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			ins, err := LoadFonts(name, d)
			var es document.Errors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("error %v (%T), want one document.Errors", err, err)
			}
			if e := es[0]; e.File != name || e.Line != 2 || e.Column != 29 || !strings.HasPrefix(e.Msg, c.want) {
				t.Errorf("error:\n%s\nwant at %s:2:29:\n%s", e, name, c.want)
			}
			if len(ins) != 2 || ins[1].Path != filepath.Join(content, filepath.FromSlash(c.path)) {
				t.Errorf("inputs %v, want fonts/ok.ttf and %s", ins, c.path)
			}
		})
	}
}

// TestFontAndImageErrors checks that a file with a missing image, a missing
// font and a character no font has gets the errors of the images and of
// the fonts together, in file order; the characters are checked once the
// fonts are read.
func TestFontAndImageErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"fonts/cjk-sample.ttf": cjkSample(t), "ok.png": testimage.PNG(10, 10)})
	name := filepath.Join(dir, "x.toml")
	src := "[fonts]\nfallback = [\"fonts/missing.ttf\"]\n" + imageDoc("missing.png")
	_, err := File(name, []byte(src), Options{Time: testTime})
	want := []string{`x.toml:2:13: font "fonts/missing.ttf" not found`, `x.toml:9:1: image "missing.png" not found`}
	checkErrorLines(t, err, want)

	src = "[fonts]\nfallback = [\"fonts/cjk-sample.ttf\"]\n" + imageDoc("ok.png") + "[[section.block]]\ntext = \"水 and 鬱\"\n"
	_, err = File(name, []byte(src), Options{Time: testTime})
	checkErrorLines(t, err, []string{`x.toml:11:15: 1 character of this text (Chinese: 鬱) is in none of the fonts: add a font that has it under [fonts] fallback`})
}

// checkErrorLines checks that err's lines end with want's, in order.
func checkErrorLines(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("error %d: %s\nwant %s", i, lines[i], w)
		}
	}
}

// TestFontCache checks that the cache keeps at most its size of fonts,
// dropping the one used least recently, and that a file that is not a
// font is not kept.
func TestFontCache(t *testing.T) {
	serif, sans := fonts.Face{Family: fonts.Serif}.TTF(), fonts.Face{Family: fonts.Sans}.TTF()
	cjk := cjkSample(t)
	c := fontCache{max: int64(len(serif) + len(sans))}
	parse := func(data []byte) *fonts.Font {
		t.Helper()
		f, err := c.parse(hash(data), "f.ttf", data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	a, b := parse(serif), parse(sans)
	if parse(serif) != a {
		t.Error("serif parsed twice")
	}
	parse(cjk) // drops sans, used least recently
	if parse(serif) != a {
		t.Error("serif dropped")
	}
	if parse(sans) == b {
		t.Error("sans kept past the cache's size")
	}
	if c.bytes > c.max || len(c.m) > 2 {
		t.Errorf("%d fonts of %d bytes kept, at most %d bytes", len(c.m), c.bytes, c.max)
	}
	if _, err := c.parse(hash([]byte("OTTOxxxx")), "x.otf", []byte("OTTOxxxx")); err == nil {
		t.Error("a CFF font parsed")
	}
	if _, ok := c.m[hash([]byte("OTTOxxxx"))]; ok {
		t.Error("a file that is not a font is kept")
	}
}
