package document

import (
	"errors"
	"strings"
	"testing"
)

// TestAlt checks an image block's alt: its text, "" for decoration, and
// without it a warning at the image, or, when the PDF must be accessible
// ([worksheet] accessible = true, or Options.Accessible), an error there.
func TestAlt(t *testing.T) {
	const noAlt = `x.toml:6:1: image "a.png" has no alt: say what the picture shows with alt = "…", or write alt = "" if it is only decoration; without alt the PDF does not claim to be accessible (PDF/UA)`
	const mustAlt = `x.toml:6:1: image "a.png" has no alt, which an accessible PDF needs (accessible = true, or --accessible)`
	accessible := strings.Replace(head, "title = \"T\"\n", "title = \"T\"\naccessible = true\n", 1)
	tests := []struct {
		name, src string
		opt       Options
		alt       string
		hasAlt    bool
		warning   string // the one warning, or ""
		err       string // the start of the one error, or ""
	}{
		{"alt", head + "image = \"a.png\"\nalt = \"  Trotsky at  his desk \"\n", Options{}, "Trotsky at his desk", true, "", ""},
		{"decoration", head + "image = \"a.png\"\nalt = \"\"\n", Options{}, "", true, "", ""},
		{"none", head + "image = \"a.png\"\n", Options{}, "", false, noAlt, ""},
		{"none, --accessible", head + "image = \"a.png\"\n", Options{Accessible: true}, "", false, "", mustAlt},
		{"none, accessible = true", strings.Replace(accessible, "[[section.block]]\n", "[[section.block]]\nimage = \"a.png\"\n", 1), Options{}, "", false, "",
			`x.toml:7:1: image "a.png" has no alt, which an accessible PDF needs`},
		{"decoration, --accessible", head + "image = \"a.png\"\nalt = \"\"\n", Options{Accessible: true}, "", true, "", ""},
		{"alt not text", head + "image = \"a.png\"\nalt = 3\n", Options{}, "", false, "", `x.toml:7:1: key "alt" must be a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeWith("x.toml", []byte(tt.src), tt.opt)
			if tt.err != "" {
				var errs Errors
				if !errors.As(err, &errs) || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.err) {
					t.Fatalf("error %v, want one that starts %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m := d.Sections[0].Blocks[0].Body.(*Image)
			if m.Alt != tt.alt || m.HasAlt != tt.hasAlt || m.Decorative() != (tt.hasAlt && tt.alt == "") {
				t.Errorf("alt %q, has alt %v, decorative %v; want %q, %v", m.Alt, m.HasAlt, m.Decorative(), tt.alt, tt.hasAlt)
			}
			var warns []string
			for _, w := range d.Warnings {
				warns = append(warns, w.Error())
			}
			if tt.warning == "" && len(warns) > 0 || tt.warning != "" && (len(warns) != 1 || warns[0] != tt.warning) {
				t.Errorf("warnings %q, want %q", warns, tt.warning)
			}
		})
	}
}

// TestLanguageHint checks that a worksheet without language is in
// English, with one hint at [worksheet] that check gives, and that one
// with a language has no hint.
func TestLanguageHint(t *testing.T) {
	d, err := Decode("x.toml", []byte(head+"text = \"x\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Worksheet.Language != DefaultLanguage || DefaultLanguage != "en" {
		t.Errorf("language %q, want %q", d.Worksheet.Language, "en")
	}
	if len(d.Hints) != 1 || !strings.HasPrefix(d.Hints[0].Error(), "x.toml:1:1: [worksheet] has no language: the PDFs say their text is English") {
		t.Errorf("hints %v, want one at [worksheet]", d.Hints)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v, want none: build does not give the hint", d.Warnings)
	}
	d, err = Decode("x.toml", []byte(strings.Replace(head, "title = \"T\"\n", "title = \"T\"\nlanguage = \"fr\"\n", 1)+"text = \"x\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Worksheet.Language != "fr" || len(d.Hints) != 0 {
		t.Errorf("language %q, hints %v; want fr and none", d.Worksheet.Language, d.Hints)
	}
}

// TestUnprintedLabels checks that the labels a screen reader says and
// that are not printed, blank and correct, need no font that has their
// characters, as printed labels do.
func TestUnprintedLabels(t *testing.T) {
	src := head + "text = \"x\"\n[labels]\nblank = \"空格\"\ncorrect = \"正确答案\"\n"
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Labels.Blank != "空格" || d.Labels.Correct != "正确答案" {
		t.Errorf("blank %q, correct %q", d.Labels.Blank, d.Labels.Correct)
	}
	_, err = Decode("x.toml", []byte(strings.Replace(src, "blank =", "notes =", 1)))
	if err == nil || !strings.Contains(err.Error(), "are in none of the fonts") {
		t.Errorf("a printed label in Chinese: error %v, want one that the fonts lack its characters", err)
	}
}
