package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/document"
	"handout/schema"
)

// TestInit checks that handout init writes the starter, its picture and
// the schema, that the starter builds as it is, with its answer key, and
// that init never overwrites any of them.
func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runHandout(t, fixedEnv, "init", "water-cycle")
	if code != exitOK || stderr != "" {
		t.Fatalf("init: exit %d, stderr %q", code, stderr)
	}
	want := "wrote content/water-cycle.toml\nwrote content/images/water-cycle.png\nwrote schema/handout.schema.json\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("init printed %q, want it to start %q", stdout, want)
	}
	for path, data := range map[string][]byte{"content/water-cycle.toml": starter, imageFile: starterImage, "schema/handout.schema.json": schema.JSON} {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %v, or not what init should write", path, err)
		}
	}
	first, _, _ := strings.Cut(string(starter), "\n")
	if first != "#:schema ../"+schemaFile {
		t.Errorf("the starter's first line is %q: editors would not find the schema", first)
	}

	if !strings.Contains(string(starter), `image = "images/water-cycle.png"`) ||
		filepath.ToSlash(filepath.Join(contentDir, "images/water-cycle.png")) != imageFile {
		t.Errorf("the starter does not show %s", imageFile)
	}

	code, _, stderr = runHandout(t, fixedEnv, "build", "--answers")
	if code != exitOK {
		t.Fatalf("build of the starter: exit %d\n%s", code, stderr)
	}
	for _, pdf := range []string{"out/water-cycle.pdf", "out/water-cycle-summary.pdf", "out/water-cycle-answers.pdf"} {
		if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", pdf, err)
		}
	}

	// Again, over an edited file: it is left as it is.
	edited := []byte("[worksheet]\ntitle = \"Mine\"\n[summary]\n")
	write(t, "content/water-cycle.toml", string(edited))
	code, stdout, stderr = runHandout(t, fixedEnv, "init", "water-cycle.toml")
	if code != exitFailed || stdout != "" || !strings.Contains(stderr, "content/water-cycle.toml already exists") {
		t.Errorf("init over an existing file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile("content/water-cycle.toml"); !bytes.Equal(got, edited) {
		t.Errorf("init changed an existing file")
	}

	// A second file shares the picture and the schema, as they are.
	code, stdout, stderr = runHandout(t, fixedEnv, "init", "rivers")
	if code != exitOK || stdout != "wrote content/rivers.toml\nnext: edit content/rivers.toml, then run handout build\n" || stderr != "" {
		t.Errorf("init beside the same picture and schema: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// A third leaves them alone, even when they differ.
	write(t, schemaFile, "{}")
	mine := string(starterImage[:len(starterImage)-1]) + "x"
	write(t, imageFile, mine)
	code, stdout, stderr = runHandout(t, fixedEnv, "init", "lakes")
	if code != exitOK || stdout != "wrote content/lakes.toml\nnext: edit content/lakes.toml, then run handout build\n" ||
		!strings.Contains(stderr, "warning: kept schema/handout.schema.json, which differs") ||
		!strings.Contains(stderr, "warning: kept content/images/water-cycle.png, which differs from the starter's picture") {
		t.Errorf("init beside another picture and schema: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(schemaFile); string(got) != "{}" {
		t.Errorf("init replaced a schema file")
	}
	if got, _ := os.ReadFile(imageFile); string(got) != mine {
		t.Errorf("init replaced a picture")
	}
}

// TestStarter checks that the starter shows what a teacher may use:
// every kind of block, an answer, a "fill" box, markup and smart quotes.
func TestStarter(t *testing.T) {
	doc, err := document.Decode("starter.toml", starter)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	var answer, fill bool
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			kinds[b.Body.KindKey()] = true
			// A block with a model answer prints more in the answer key.
			answer = answer || len(b.Body.Texts(true)) > len(b.Body.Texts(false))
			if n, ok := b.Body.(*document.Notes); ok {
				fill = fill || n.Fill
			}
		}
	}
	for _, k := range document.Kinds() {
		if !kinds[k.Key] {
			t.Errorf("the starter has no %s block", k.Key)
		}
	}
	if !answer || !fill || !doc.Style.SmartQuotes || doc.Summary == nil {
		t.Errorf("the starter lacks an answer (%v), a lines = \"fill\" box (%v), smart_quotes (%v) or a summary (%v)",
			answer, fill, doc.Style.SmartQuotes, doc.Summary != nil)
	}
	for _, markup := range []string{"*", "](https://", "[["} {
		if !strings.Contains(string(starter), markup) {
			t.Errorf("the starter shows no %q markup", markup)
		}
	}
}

// TestStarterSuggestions uncomments each of the starter's commented-out
// settings, such as "# fit_pages = 2", in turn, and all of them at once,
// and builds each, with the answer key and the large-print copy: each must
// build, with no warning.
func TestStarterSuggestions(t *testing.T) {
	suggestion := regexp.MustCompile(`(?m)^# (([a-z_]+) = .*)$`)
	found := suggestion.FindAllStringSubmatchIndex(string(starter), -1)
	if len(found) == 0 {
		t.Fatal("the starter has no commented-out settings")
	}
	uncomment := func(ms [][]int) string {
		s := string(starter)
		for i := len(ms) - 1; i >= 0; i-- {
			s = s[:ms[i][0]] + s[ms[i][2]:]
		}
		return s
	}
	// The fallback font suggested: the fonts tests' small Chinese font.
	cjk, err := os.ReadFile(filepath.Join("fonts", "testdata", "cjk-sample.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	tries := map[string]string{"all of them": uncomment(found)}
	for _, m := range found {
		tries[string(starter[m[4]:m[5]])] = uncomment([][]int{m})
	}
	for name, src := range tries {
		t.Run(name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			write(t, "content/x.toml", src)
			write(t, imageFile, string(starterImage))
			write(t, "content/fonts/DroidSansFallbackFull.ttf", string(cjk))
			code, _, stderr := runHandout(t, fixedEnv, "build", "-q", "--answers", "--large-print")
			if code != exitOK || stderr != "" {
				t.Errorf("build: exit %d\n%s", code, stderr)
			}
		})
	}
}

// TestInitUsage checks the names and arguments init refuses.
func TestInitUsage(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{nil, "want one NAME"},
		{[]string{"a", "b"}, "want one NAME"},
		{[]string{""}, "is empty"},
		{[]string{".toml"}, "is empty"},
		{[]string{"history/a"}, "without a folder"},
		{[]string{"../a"}, "without a folder"},
		{[]string{`a\b`}, "without a folder"},
		{[]string{".hidden"}, "must not start with"},
		{[]string{"-x"}, "must not start with"},
		{[]string{"a\tb"}, "control character"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			code, stdout, stderr := runHandout(t, fixedEnv, append([]string{"init"}, tt.args...)...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, tt.msg)
			}
			if _, err := os.Stat(filepath.Join("content")); err == nil {
				t.Errorf("init made content/")
			}
		})
	}
}
