package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

// versionsPaper is a question paper with every kind of question and
// shuffle_questions = true.
const versionsPaper = "build/testdata/paper.toml"

// choiceOrder returns the letters and texts of the choices in text, one
// PDF's text, that are among names, in the order they are printed, as
// "A Bukharin".
func choiceOrder(text string, names []string) []string {
	re := regexp.MustCompile(`\b([A-L]) (` + strings.Join(names, "|") + `)\b`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

// TestE2EVersions builds the paper in two versions with their answer
// keys, reads them with pdftotext, and checks that: the report and the
// folder hold versions A and B and their keys and not the paper itself;
// each says its version in its title block; the versions differ; each
// key is its version, with the answers: the same choices in the same
// order, each box of the matching exercise the letter of its match; and
// building again gives the same bytes.
func TestE2EVersions(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runHandout(t, fixedEnv, "build", "--versions", "2", "--answers", "--report", "json", "-o", out, versionsPaper)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	r := decodeReport(t, stdout)
	var got []string
	for _, o := range r.Files[0].Outputs {
		got = append(got, o.Kind+" "+o.Version+" "+filepath.Base(o.Path))
	}
	if want := []string{"worksheet A paper-A.pdf", "worksheet B paper-B.pdf", "answers A paper-A-answers.pdf", "answers B paper-B-answers.pdf"}; !slices.Equal(got, want) {
		t.Errorf("report's outputs %q, want %q", got, want)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(pdfs) != 4 {
		t.Errorf("the output folder has %q, want the two versions and their keys", pdfs)
	}
	text := map[string]string{}
	for _, v := range []string{"A", "B", "A-answers", "B-answers"} {
		text[v] = pdftool.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", filepath.Join(out, "paper-"+v+".pdf"), "-")
	}
	title := regexp.MustCompile(`^\s*The end of the Purges: test\s*\n\s*Stalin's USSR, 1938-53\s*\n\s*Version ([AB])\s*\n\s*Total: 30 marks`)
	shot := []string{"Tukhachevsky", "Beria", "Zinoviev", "Bukharin", "Molotov"}
	years := []string{"1932", "1934", "1936", "1938"}
	for _, v := range []string{"A", "B"} {
		student, key := text[v], text[v+"-answers"]
		for _, pdf := range []string{student, key} {
			if m := title.FindStringSubmatch(pdf); m == nil || m[1] != v {
				t.Errorf("version %s: the title block is not title, subtitle, Version %s and total:\n%.400s", v, v, pdf)
			}
		}
		if !strings.Contains(key, "Answer key") || strings.Contains(student, "Answer key") {
			t.Errorf("version %s: only the key should say it is the answer key", v)
		}
		for _, names := range [][]string{shot, years} {
			s, k := choiceOrder(student, names), choiceOrder(key, names)
			if len(s) != len(names) || !slices.Equal(s, k) {
				t.Errorf("version %s: choices %q, its key's %q", v, s, k)
			}
		}
		checkMatchingKey(t, "version "+v, key)
		keyText := strings.Join(strings.Fields(key), " ")
		for _, answer := range []string{"crushed", "Mexico", "Beria", "It lost most of its senior officers."} {
			if !strings.Contains(keyText, answer) {
				t.Errorf("version %s: the key lacks the answer %q", v, answer)
			}
		}
	}
	for _, names := range [][]string{shot, years} {
		if a, b := choiceOrder(text["A"], names), choiceOrder(text["B"], names); slices.Equal(a, b) {
			t.Errorf("versions A and B show the choices alike: %q", a)
		}
	}
	marks := regexp.MustCompile(`Marks(\s+\d+)+`)
	if a, b := marks.FindString(text["A"]), marks.FindString(text["B"]); a == "" || a == b {
		t.Errorf("the questions are in the same order in both versions: %q, %q", a, b)
	}

	again := t.TempDir()
	if code, _, stderr := runHandout(t, fixedEnv, "build", "-q", "--versions", "2", "--answers", "-o", again, versionsPaper); code != 0 {
		t.Fatalf("again: exit status %d\n%s", code, stderr)
	}
	for _, v := range []string{"A", "B", "A-answers", "B-answers"} {
		a, b := readFile(t, filepath.Join(out, "paper-"+v+".pdf")), readFile(t, filepath.Join(again, "paper-"+v+".pdf"))
		if !bytes.Equal(a, b) {
			t.Errorf("paper-%s.pdf differs from one build to the next", v)
		}
	}
}

// checkMatchingKey checks, in key, the text of an answer key, that each
// box of the matching exercise holds the letter of its match.
func checkMatchingKey(t *testing.T, what, key string) {
	t.Helper()
	pairs := map[string]string{"Yezhov": "dismissed, then shot in 1940", "Trotsky": "killed in Mexico with an ice axe",
		"Sergei Sedov": "sentenced to be shot in 1937", "Leon Sedov": "died in Paris in 1938"}
	row := regexp.MustCompile(`(?m)^\s*\d\.\s+(\S+(?: Sedov)?)\s+([A-D])\s+([A-D])\s+(.+?)\s*$`)
	letters, rights := map[string]string{}, map[string]string{}
	for _, m := range row.FindAllStringSubmatch(key, -1) {
		letters[m[1]], rights[m[3]] = m[2], m[4]
	}
	if len(letters) != len(pairs) {
		t.Fatalf("%s: found the key's rows %v, want %d", what, letters, len(pairs))
	}
	for left, right := range pairs {
		if got := rights[letters[left]]; got != right {
			t.Errorf("%s: the key gives %s for %s, which is %q, not %q", what, letters[left], left, got, right)
		}
	}
}

// TestE2EVersionsPrinted builds two versions of the paper with every
// print option and edition: each PDF is sound by qpdf and all gray, each
// version has its booklet and large-print copy, which say their version;
// --versions 0 then makes the paper itself.
func TestE2EVersionsPrinted(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runHandout(t, fixedEnv, "build", "-q", "--versions", "2", "--answers", "--large-print", "--gray", "--bleed", "3",
		"--marks", "--impose", "booklet", "-o", out, versionsPaper)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	for _, v := range []string{"A", "B"} {
		for _, kind := range []string{"", "-answers", "-large", "-booklet"} {
			pdf := filepath.Join(out, "paper-"+v+kind+".pdf")
			pdftool.Run(t, "qpdf", "--check", pdf)
			if non := pdftool.NonGray(t, pdf); len(non) > 0 {
				t.Errorf("%s: colour operators %q", pdf, non)
			}
			if text := pdftool.Run(t, "pdftotext", "-f", "1", "-l", "1", pdf, "-"); !strings.Contains(text, "Version "+v) {
				t.Errorf("%s: page 1 does not say Version %s", pdf, v)
			}
		}
	}
	code, _, stderr = runHandout(t, fixedEnv, "build", "--versions", "0", "-o", out, versionsPaper)
	if code != 0 {
		t.Fatalf("--versions 0: exit status %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "paper.pdf")); err != nil {
		t.Errorf("--versions 0: %v", err)
	}
}

// TestE2EVersionsStdin builds versions of a paper from standard input:
// --versions makes PDFs besides the one on standard output, so it needs
// -o; a paper whose [print] asks for versions sends version A to standard
// output and writes the others with -o, or says that it skipped them.
func TestE2EVersionsStdin(t *testing.T) {
	src := string(readFile(t, versionsPaper))
	code, stdout, stderr := cliRun(t, cliOpts{stdin: strings.NewReader(src)}, "build", "--versions", "2", "-")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "--versions 2 with - (standard input) makes a PDF besides the one on standard output: give -o DIR") {
		t.Errorf("--versions 2 without -o: exit status %d, stderr\n%s", code, stderr)
	}
	src += "\n[print]\nversions = 2\n"
	code, stdout, stderr = cliRun(t, cliOpts{stdin: strings.NewReader(src)}, "build", "-")
	want := "<stdin>: the worksheet of version B was not written (standard output has the worksheet of version A): add -o DIR to write it as " +
		filepath.Join("DIR", "stdin-B.pdf")
	if code != 0 || !strings.HasPrefix(stdout, "%PDF-") || !strings.Contains(stderr, want) {
		t.Errorf("[print] versions = 2: exit status %d, stderr\n%s\nwant %q", code, stderr, want)
	}
	dir := t.TempDir()
	tmp := filepath.Join(dir, "stdout.pdf")
	if err := os.WriteFile(tmp, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if text := pdftool.Run(t, "pdftotext", tmp, "-"); !strings.Contains(text, "Version A") {
		t.Errorf("standard output is not version A:\n%.300s", text)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := cliRun(t, cliOpts{stdin: strings.NewReader(src)}, "build", "-o", out, "-"); code != 0 {
		t.Fatalf("-o: exit status %d\n%s", code, stderr)
	}
	if text := pdftool.Run(t, "pdftotext", filepath.Join(out, "stdin-B.pdf"), "-"); !strings.Contains(text, "Version B") {
		t.Errorf("stdin-B.pdf is not version B:\n%.300s", text)
	}
}
