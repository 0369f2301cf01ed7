package build

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/document"
	"handout/internal/testimage"
	"handout/layout"
)

// maxFuzzInput is the largest content FuzzFile builds; larger inputs are
// skipped, to keep the fuzzer fast. Real files are a few kilobytes.
const maxFuzzInput = 64 << 10

// fuzzTimeout is how long FuzzFile lets one build take before it reports
// a hang. A 64 KB file builds in well under a second.
const fuzzTimeout = 30 * time.Second

// FuzzFile builds arbitrary content bytes into PDFs. Each input must give
// either an error that is not a recovered panic, or PDFs that pdfcpu's
// strict validation accepts, laid out from placed pages that hold every
// character of every printed text in order (see checkPrinted); and it must
// do so in bounded time. The content file lies in a folder holding the
// images of testdata/images, and images/phone.jpg, a photo stored turned
// as phones store them, so that image blocks can succeed, and the small
// Chinese and Japanese font of the fonts package's testdata as
// fonts/cjk-sample.ttf, so that [fonts] can.
func FuzzFile(f *testing.F) {
	for _, s := range fileSeeds(f) {
		f.Add(s, false, false)
	}
	for _, name := range []string{"testdata/small.toml", "testdata/images.toml", "../content/end-of-the-purges.toml", "../layout/testdata/gaps.toml",
		"../layout/testdata/fin-des-purges-questions.toml", "../layout/testdata/furniture.toml", "../layout/testdata/chinese.toml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true, true)
	}
	dir := f.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "images"), os.DirFS("testdata/images")); err != nil {
		f.Fatal(err)
	}
	// The logo of layout/testdata/furniture.toml.
	if err := copyFile("../layout/testdata/images/logo.png", filepath.Join(dir, "images", "logo.png")); err != nil {
		f.Fatal(err)
	}
	// A photo as a phone stores it, to be turned the right way up.
	if err := os.WriteFile(filepath.Join(dir, "images", "phone.jpg"), testimage.PhoneJPEG(testimage.Scene(60, 80), 6, true), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := copyFile("../fonts/testdata/cjk-sample.ttf", filepath.Join(dir, "fonts", "cjk-sample.ttf")); err != nil {
		f.Fatal(err)
	}
	name := filepath.Join(dir, "fuzz.toml")
	model.ConfigPath = "disable" // pdfcpu: no configuration file in the user's folder
	f.Fuzz(func(t *testing.T, data []byte, answers, large bool) {
		if len(data) > maxFuzzInput {
			t.Skip("larger than maxFuzzInput")
		}
		opt := Options{Time: testTime, Version: "fuzz", Answers: answers, LargePrint: large}
		outs, err := fileWithin(name, data, opt, fuzzTimeout)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") || errors.Is(err, errHang) {
				t.Fatal(err)
			}
			return
		}
		d, pics, _, err := load(t.Context(), name, data, Options{})
		if err != nil {
			t.Fatalf("File succeeded, load failed: %v", err)
		}
		ps := parts(d, opt)
		if len(ps) != len(outs) {
			t.Fatalf("%d parts, %d outputs", len(ps), len(outs))
		}
		rs := make([]*layout.Result, len(ps))
		for i, p := range ps {
			if rs[i], err = p.layOut(name, d); err != nil {
				t.Fatalf("File succeeded, layout%s failed: %v", p.what(), err)
			}
		}
		if _, err := decodePictures(t.Context(), pics, d, opt, rs, nil, true); err != nil {
			t.Fatalf("File succeeded, decoding the pictures failed: %v", err)
		}
		for i, p := range ps {
			r := rs[i]
			if err := checkPrinted(d, p.Kind, r); err != nil {
				t.Errorf("layout%s: %v", p.what(), err)
			}
			if r, err = p.print(r, p.settings(name, d, opt)); err != nil {
				t.Fatalf("File succeeded, print%s failed: %v", p.what(), err)
			}
			if outs[i].Pages != len(r.Pages) {
				t.Errorf("PDF%s has %d pages, print %d", p.what(), outs[i].Pages, len(r.Pages))
			}
			if err := validatePDF(outs[i].PDF); err != nil {
				t.Errorf("PDF%s: %v", p.what(), err)
			}
		}
	})
}

// copyFile copies the file from to to, making to's folder.
func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// errHang is the error of a build that took longer than allowed.
var errHang = errors.New("build hangs")

// fileWithin is File, failing with errHang if it takes longer than d.
func fileWithin(name string, data []byte, opt Options, d time.Duration) ([]Rendered, error) {
	type result struct {
		outs []Rendered
		err  error
	}
	done := make(chan result, 1)
	go func() {
		outs, err := File(name, data, opt)
		done <- result{outs, err}
	}()
	select {
	case r := <-done:
		return r.outs, r.err
	case <-time.After(d):
		return nil, fmt.Errorf("%w: no answer after %v for %d bytes", errHang, d, len(data))
	}
}

// validatePDF validates pdf with pdfcpu in strict mode.
func validatePDF(pdf []byte) error {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return api.Validate(bytes.NewReader(pdf), conf)
}

// checkPrinted checks that r, the placed pages of d's part of kind k,
// holds every printed text of that part: for each, its characters, white
// space and invisible format characters (such as soft hyphens) left out,
// appear in order in the text of r's Text items; and together, counted
// with repeats, they appear there at least as often. So no word is lost,
// whether lines are broken between words or inside one.
func checkPrinted(d *document.Document, k Kind, r *layout.Result) error {
	var placed []rune
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if t, ok := it.(layout.Text); ok {
				placed = append(placed, visible(t.Text)...)
			}
		}
	}
	fields := printedTexts(d, k, len(r.Pages))
	have := map[rune]int{}
	for _, c := range placed {
		have[c]++
	}
	for _, f := range fields {
		v := visible(f)
		if !subsequence(v, placed) {
			return fmt.Errorf("printed text %q is not on the pages in order", f)
		}
		for _, c := range v {
			if have[c]--; have[c] < 0 {
				return fmt.Errorf("%q: the pages have too few %q", f, c)
			}
		}
	}
	return nil
}

// printedTexts returns the texts that d's part of kind k lays out, of
// pages pages.
func printedTexts(d *document.Document, k Kind, pages int) []string {
	var s []string
	answers := k == Answers
	add := func(ins ...document.Inline) {
		for _, in := range ins {
			if !answers {
				// A gap's answer is printed in the answer key alone.
				in = slices.DeleteFunc(slices.Clone(in), func(sp document.Span) bool { return sp.Gap })
			}
			if t := in.String(); t != "" {
				s = append(s, t)
			}
		}
	}
	w := d.Worksheet
	// furniture adds the header and footer of page 1 of the PDF titled
	// title.
	furniture := func(title string) {
		rs := []document.Running{w.Footer}
		if w.FirstPageHeader {
			rs = append(rs, w.Header)
		}
		for _, r := range rs {
			for _, t := range r.Parts() {
				if f := t.Expand(1, pages, title); f != "" {
					s = append(s, f)
				}
			}
		}
	}
	if k == Summary {
		add(d.Summary.Title)
		s = append(s, d.Summary.NameLine...)
		for _, p := range d.Summary.Panels {
			add(p.Heading, p.Prompt)
		}
		furniture(d.Summary.Title.String())
		return s
	}
	add(w.Title, w.Subtitle)
	s = append(s, w.NameLine...)
	for _, sec := range d.Sections {
		add(sec.Heading)
		s = append(s, sec.WordBank...)
		for _, b := range sec.Blocks {
			add(b.Body.Texts(answers)...)
		}
	}
	furniture(w.Title.String())
	return s
}

// visible returns the characters of s that are neither white space nor
// invisible format characters.
func visible(s string) []rune {
	var v []rune
	for _, c := range s {
		if !unicode.IsSpace(c) && !unicode.Is(unicode.Cf, c) {
			v = append(v, c)
		}
	}
	return v
}

// subsequence reports whether sub appears in s in order, not necessarily
// together.
func subsequence(sub, s []rune) bool {
	i := 0
	for _, c := range s {
		if i == len(sub) {
			break
		}
		if c == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

// fileSeeds returns FuzzFile's seeds: every content file of the project
// (content/, build/testdata/, layout/testdata/, the starter), the TOML
// examples of docs/format.md, and the string literals of the decoding
// tests, alone and after their worksheet head, which are the bad inputs
// they try.
func fileSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, pat := range []string{"../content/*.toml", "testdata/*.toml", "../layout/testdata/*.toml", "../document/testdata/*.toml", "../starter.toml"} {
		names, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, data)
		}
	}
	md, err := os.ReadFile("../docs/format.md")
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range fencedBlocks(string(md), "toml") {
		seeds = append(seeds, []byte(b))
	}
	const head = "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[[section.block]]\n"
	for _, lit := range stringLiterals(f, "../document/decode_test.go", "../document/markup_test.go", "../document/question_test.go", "../document/gaps_test.go",
		"../document/labels_test.go", "../document/fonts_test.go", "build_test.go", "logo_test.go", "fonts_test.go") {
		seeds = append(seeds, []byte(lit), []byte(head+lit))
	}
	return seeds
}

// fencedBlocks returns the fenced code blocks of markdown md whose info
// string is lang.
func fencedBlocks(md, lang string) []string {
	var blocks []string
	for {
		_, rest, ok := strings.Cut(md, "\n```"+lang+"\n")
		if !ok {
			return blocks
		}
		block, after, ok := strings.Cut(rest, "\n```")
		if !ok {
			return blocks
		}
		blocks = append(blocks, block+"\n")
		md = after
	}
}

// stringLiterals returns the string literals of the Go files names.
func stringLiterals(tb testing.TB, names ...string) []string {
	var lits []string
	fset := token.NewFileSet()
	for _, n := range names {
		file, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			tb.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil && s != "" {
					lits = append(lits, s)
				}
			}
			return true
		})
	}
	return lits
}
