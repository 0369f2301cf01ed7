package main

// End-to-end tests of the tagged PDF: its structure tree as poppler reads
// it, the alternative texts and link descriptions as qpdf reads them, and
// the PDF/UA claim of a file with a picture without alt text.

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

var updateStructure = flag.Bool("update", false, "rewrite the structure goldens in testdata/structure/")

// TestStructure builds the example worksheet, and a worksheet with one of
// each block in both editions, and compares the structure tree of each
// PDF, as pdfinfo -struct-text prints it, and its alternative texts,
// actual texts and link descriptions, as qpdf reads them, with a golden
// in testdata/structure/: the tree reads like the worksheet. Run
// go test -run TestStructure -update . to accept a change.
func TestStructure(t *testing.T) {
	out := t.TempDir()
	for _, args := range [][]string{
		{"build", "-o", out, example},
		{"build", "--answers", "-o", out, filepath.Join("build", "testdata", "tagged.toml")},
	} {
		if code, _, stderr := runHandout(t, fixedEnv, args...); code != 0 {
			t.Fatalf("handout %s: exit status %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	for _, name := range []string{"end-of-the-purges", "end-of-the-purges-summary", "tagged", "tagged-answers"} {
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(out, name+".pdf")
			got := pdftool.Run(t, "pdfinfo", "-struct-text", pdf) + "\n" + texts(t, pdf)
			golden := filepath.Join("testdata", "structure", name+".txt")
			if *updateStructure {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("the structure of %s differs from %s (go test -run TestStructure -update . to accept):\n%s", name, golden, lineDiff(string(want), got))
			}
		})
	}
}

// texts returns the /Alt, /ActualText and /Contents strings of the
// objects of pdf, and its /Lang, one a line in the order of the objects,
// as qpdf reads them: "Alt: Trotsky at his desk in Mexico".
func texts(t *testing.T, pdf string) string {
	t.Helper()
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(pdftool.Run(t, "qpdf", "--json=2", "--json-key=qpdf", pdf)), &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	type entry struct {
		n    int
		line string
	}
	var es []entry
	for id, o := range objs {
		var n, gen int
		if _, err := fmt.Sscanf(id, "obj:%d %d R", &n, &gen); err != nil {
			continue // the trailer
		}
		for _, key := range []string{"/Lang", "/Alt", "/ActualText", "/Contents"} {
			if s, ok := o.Value[key].(string); ok && strings.HasPrefix(s, "u:") {
				es = append(es, entry{n, key[1:] + ": " + s[2:]})
			}
		}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return a.n - b.n })
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.line + "\n")
	}
	return b.String()
}

// lineDiff returns the lines of got that differ from want's, each with
// its number, for a test's message.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  got  %q\n  want %q\n", i+1, gl, wl)
		}
	}
	return b.String()
}

// TestNoAlt builds a worksheet with a picture without alt text: handout
// warns at the image, and the PDF is tagged but does not claim PDF/UA; with
// alt it does. With --accessible, or accessible = true, the picture
// without alt is an error and no PDF is written.
func TestNoAlt(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("build", "testdata", "images.toml"))
	if err != nil {
		t.Fatal(err)
	}
	noAlt := strings.Replace(string(src), "alt = \"Trotsky at his desk in Mexico\"\n", "", 1)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "images"), os.DirFS(filepath.Join("build", "testdata", "images"))); err != nil {
		t.Fatal(err)
	}
	// The line of the picture without alt, and of its error.
	line := 1 + strings.Count(noAlt[:strings.Index(noAlt, "image = \"images/trotsky.jpg\"")], "\n")
	at := func(line int) string { return "w.toml:" + strconv.Itoa(line) + ":1: " }
	for _, tt := range []struct {
		name, src string
		flags     []string
		claims    bool   // the PDF claims PDF/UA
		fails     string // the error, when the build fails
	}{
		{"alt", string(src), nil, true, ""},
		{"no alt", noAlt, nil, false, ""},
		{"no alt, --accessible", noAlt, []string{"--accessible"}, false, at(line) + "image \"images/trotsky.jpg\" has no alt, which an accessible PDF needs"},
		{"no alt, accessible = true", strings.Replace(noAlt, "[worksheet]\n", "[worksheet]\naccessible = true\n", 1), nil, false,
			at(line+1) + "image \"images/trotsky.jpg\" has no alt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			content := filepath.Join(dir, "w.toml")
			out := filepath.Join(dir, "out-"+strings.NewReplacer(" ", "-", ",", "", "=", "").Replace(tt.name))
			write(t, content, tt.src)
			args := append(append([]string{"build"}, tt.flags...), "-o", out, content)
			code, _, stderr := runHandout(t, fixedEnv, args...)
			if tt.fails != "" {
				if code == 0 || !strings.Contains(stderr, filepath.Join(dir, tt.fails)) {
					t.Errorf("exit status %d, stderr:\n%s\nwant the error %s", code, stderr, tt.fails)
				}
				if _, err := os.Stat(filepath.Join(out, "w.pdf")); err == nil {
					t.Errorf("a PDF was written")
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit status %d\n%s", code, stderr)
			}
			warned := strings.Contains(stderr, "image \"images/trotsky.jpg\" has no alt")
			if warned == tt.claims {
				t.Errorf("warned %v, want %v:\n%s", warned, !tt.claims, stderr)
			}
			pdf := filepath.Join(out, "w.pdf")
			meta := pdftool.Run(t, "pdfinfo", "-meta", pdf)
			if claims := strings.Contains(meta, "<pdfuaid:part>1</pdfuaid:part>"); claims != tt.claims {
				t.Errorf("claims PDF/UA: %v, want %v:\n%s", claims, tt.claims, meta)
			}
			if info := pdfinfo(t, pdf); info["Tagged"] != "yes" {
				t.Errorf("Tagged: %q, want yes", info["Tagged"])
			}
		})
	}
}
