package main

// End-to-end tests of [fonts]: a Chinese and a Japanese worksheet with a
// fallback font from a Debian package, and a worksheet in a school's own
// fonts, built with run and looked at with poppler.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"handout/internal/pdftool"
	"handout/linebreak"
)

// systemFont returns the font file at path, which the Debian package pkg
// installs: the test is skipped without it, but fails under CI=true, whose
// .ci/run installs it.
func systemFont(t *testing.T, path, pkg string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (CI installs %s: see .ci/run)", err, pkg)
		}
		t.Skipf("skipping: %v: apt-get install %s", err, pkg)
	}
	return data
}

const droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// cjkProject returns a project folder with testdata/shui.toml (Chinese)
// and testdata/mizu.toml (Japanese) in its content folder, and Droid Sans
// Fallback in content/fonts, as a teacher would set it up.
func cjkProject(t *testing.T) string {
	t.Helper()
	font := systemFont(t, droid, "fonts-droid-fallback")
	dir := t.TempDir()
	files := map[string][]byte{"content/fonts/DroidSansFallbackFull.ttf": font}
	for _, n := range []string{"shui.toml", "mizu.toml"} {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		files["content/"+n] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestChineseE2E(t *testing.T) {
	dir := cjkProject(t)
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--answers", "-o", out, content)
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("exit status %d\n%s%s", code, stdout, stderr)
	}
	shui := filepath.Join(out, "shui.pdf")

	t.Run("labels in Chinese", func(t *testing.T) {
		text := pdftool.Run(t, "pdftotext", "-enc", "UTF-8", shui, "-")
		for _, want := range []string{"总分: 3 分", "姓名", "班级", "日期", "想一想：为什么", "[2 分]", "做一做", "第 1 页，共 2 页"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext does not have %q:\n%s", want, text)
			}
		}
	})

	t.Run("reproducible", func(t *testing.T) {
		again := filepath.Join(dir, "again")
		if code, stdout, stderr := runHandout(t, fixedEnv, "build", "--answers", "-o", again, content); code != 0 {
			t.Fatalf("exit status %d\n%s%s", code, stdout, stderr)
		}
		for _, pdf := range []string{"shui.pdf", "shui-answers.pdf", "mizu.pdf", "mizu-answers.pdf"} {
			a, errA := os.ReadFile(filepath.Join(out, pdf))
			b, errB := os.ReadFile(filepath.Join(again, pdf))
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				t.Errorf("%s differs between two builds with SOURCE_DATE_EPOCH (%v, %v)", pdf, errA, errB)
			}
		}
	})

	t.Run("fonts embedded", func(t *testing.T) {
		rows := strings.Split(strings.TrimSpace(pdftool.Run(t, "pdffonts", shui)), "\n")[2:]
		var names []string
		for _, row := range rows {
			f := strings.Fields(row)
			if f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
				t.Errorf("not an embedded subset with a ToUnicode map: %s", row)
			}
			names = append(names, f[0][strings.IndexByte(f[0], '+')+1:])
		}
		if !slices.Contains(names, "DroidSansFallback") || !slices.Contains(names, "LiberationSans-Regular") {
			t.Errorf("fonts %v, want Droid Sans Fallback and Liberation Sans", names)
		}
	})

	t.Run("copied out as written", func(t *testing.T) {
		text := pdftool.Run(t, "pdftotext", "-enc", "UTF-8", shui, "-")
		joined := strings.Join(strings.Fields(text), "")
		for _, want := range []string{
			"地球上的水总是在不停地运动。太阳照在海洋、湖泊和河流上，水受热以后变成水蒸气，升到空中。",
			"这就是“水的循环”（watercycle）。",
			"“天下莫柔弱于水，而攻坚强者莫之能胜。”",
			"下面哪一个是凝结的例子？",
		} {
			if !strings.Contains(joined, want) {
				t.Errorf("pdftotext does not have %q:\n%s", want, text)
			}
		}
	})

	t.Run("lines break between characters", func(t *testing.T) {
		for _, pdf := range []string{shui, filepath.Join(out, "mizu.pdf")} {
			text := pdftool.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			between := 0 // lines that end inside a run of Chinese or Japanese
			for _, para := range strings.Split(text, "\n\n") {
				lines := strings.Split(strings.TrimSpace(para), "\n")
				for i := 1; i < len(lines); i++ {
					end, _ := utf8.DecodeLastRuneInString(lines[i-1])
					start, _ := utf8.DecodeRuneInString(lines[i])
					if !linebreak.Wide(end) || !linebreak.Wide(start) {
						continue
					}
					between++
					if strings.ContainsRune("、。，．）」』！？：；ーッャュョっゃゅょ", start) {
						t.Errorf("%s: a line starts with %q:\n%s\n%s", filepath.Base(pdf), start, lines[i-1], lines[i])
					}
					if strings.ContainsRune("（「『", end) {
						t.Errorf("%s: a line ends with %q:\n%s\n%s", filepath.Base(pdf), end, lines[i-1], lines[i])
					}
				}
			}
			if between < 3 {
				t.Errorf("%s: %d lines broken between characters, want several:\n%s", filepath.Base(pdf), between, text)
			}
		}
	})

	t.Run("the font is an input", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(out, ".handout-manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Files map[string]struct {
				Inputs []struct{ Path string } `json:"inputs"`
			} `json:"files"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, f := range m.Files {
			for _, in := range f.Inputs {
				if in.Path == "fonts/DroidSansFallbackFull.ttf" {
					found++
				}
			}
		}
		if found != 2 {
			t.Errorf("the manifest names the font as an input of %d files, want 2:\n%s", found, data)
		}
		code, stdout, _ := runHandout(t, fixedEnv, "build", "--answers", "-o", out, content)
		if code != 0 || strings.Contains(stdout, "wrote") {
			t.Errorf("a second build: exit status %d, %s", code, stdout)
		}
	})
}

// TestMandarinErrors builds the Chinese worksheet without its font: one
// error for each text with Chinese in it, each naming its characters, at
// the first of them.
func TestMandarinErrors(t *testing.T) {
	dir := cjkProject(t)
	name := filepath.Join(dir, "content", "shui.toml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "[fonts]\nfallback = [\"fonts/DroidSansFallbackFull.ttf\"]\n", "", 1)
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runHandout(t, fixedEnv, "check", name)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\n%s", code, stderr)
	}
	var errs []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, ": error: ") || strings.HasPrefix(l, name+":") && strings.Contains(l, "in none of the fonts") {
			errs = append(errs, l)
		}
	}
	// The title, subtitle, two headings, the texts of 10 blocks, a source,
	// 4 choices and 3 items: 22 texts with Chinese in them (it was 420
	// errors, one for each character, each "not in the sans font"), and
	// the 19 labels of [labels].
	if len(errs) != 22+19 {
		t.Errorf("%d errors, want one for each of the 22 texts and 19 labels:\n%s", len(errs), stderr)
	}
	want := name + `:2:10: 4 characters of this text (Chinese: 水, 的, 循, …) are in none of the fonts: add a font that has them under [fonts] fallback (see "Languages and fonts" in docs/format.md)`
	label := `: 2 characters of this text (Chinese: 姓, 名) are in none of the fonts: add a font that has them under [fonts] fallback`
	for _, w := range []string{want, label} {
		if !strings.Contains(stderr, w) {
			t.Errorf("no error\n%s\nin\n%s", w, stderr)
		}
	}
}

// dejavu is where Debian's fonts-dejavu-core puts DejaVu Sans.
const dejavu = "/usr/share/fonts/truetype/dejavu/"

// TestSchoolFontE2E builds the example worksheet and its summary sheet in
// a school's own fonts, DejaVu Sans in its four styles: every word in
// them, in order, and no other font in the PDFs.
func TestSchoolFontE2E(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(filepath.Join(content, "fonts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"} {
		if err := os.WriteFile(filepath.Join(content, "fonts", f), systemFont(t, dejavu+f, "fonts-dejavu-core"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	src := `[fonts]
regular = "fonts/DejaVuSans.ttf"
bold = "fonts/DejaVuSans-Bold.ttf"
italic = "fonts/DejaVuSans-Oblique.ttf"
bold_italic = "fonts/DejaVuSans-BoldOblique.ttf"
` + string(data)
	name := filepath.Join(content, "school.toml")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// The worksheet with a header, a footer of three parts and a logo, in
	// the same fonts.
	furniture, err := os.ReadFile(filepath.Join("layout", "testdata", "furniture.toml"))
	if err != nil {
		t.Fatal(err)
	}
	logo, err := os.ReadFile(filepath.Join("layout", "testdata", "images", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(content, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "images", "logo.png"), logo, 0o644); err != nil {
		t.Fatal(err)
	}
	head := strings.Join(strings.SplitAfter(src, "\n")[:5], "")
	if err := os.WriteFile(filepath.Join(content, "furniture.toml"), []byte(head+string(furniture)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--large-print", "-o", out, content)
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, stdout, stderr)
	}
	for _, pdf := range []string{"furniture.pdf", "furniture-summary.pdf"} {
		path := filepath.Join(out, pdf)
		for _, row := range strings.Split(strings.TrimSpace(pdftool.Run(t, "pdffonts", path)), "\n")[2:] {
			if !strings.Contains(row, "+DejaVuSans") {
				t.Errorf("%s: not the school's font: %s", pdf, row)
			}
		}
		text := pdftool.Run(t, "pdftotext", path, "-")
		for _, want := range []string{"Hillside Academy, History", "www.activehistory.co.uk"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the footer's %q is not in the text:\n%s", pdf, want, text)
			}
		}
	}
	if text := pdftool.Run(t, "pdftotext", filepath.Join(out, "furniture.pdf"), "-"); !strings.Contains(text, "Year 9 History") {
		t.Errorf("furniture.pdf: no header:\n%s", text)
	}
	seeds, err := os.ReadFile(seeds)
	if err != nil {
		t.Fatal(err)
	}
	for _, pdf := range []string{"school.pdf", "school-summary.pdf", "school-large.pdf"} {
		path := filepath.Join(out, pdf)
		rows := strings.Split(strings.TrimSpace(pdftool.Run(t, "pdffonts", path)), "\n")[2:]
		for _, row := range rows {
			f := strings.Fields(row)
			if !strings.Contains(f[0], "+DejaVuSans") || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
				t.Errorf("%s: not the school's font, embedded as a subset with a ToUnicode map: %s", pdf, row)
			}
		}
		if pdf == "school-summary.pdf" {
			continue
		}
		text := strings.Join(strings.Fields(footerRE.ReplaceAllString(pdftool.Run(t, "pdftotext", path, "-"), " ")), " ")
		for line := range strings.SplitSeq(string(seeds), "\n") {
			if want := strings.Join(strings.Fields(line), " "); want != "" && !strings.Contains(text, want) {
				t.Errorf("%s: %q is not in the text", pdf, want)
			}
		}
	}
}
