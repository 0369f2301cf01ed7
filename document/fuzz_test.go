package document

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FuzzInline parses arbitrary text, normalised as a paragraph is, with
// smart quotes on and off. It never panics, and an error lies within the
// text. Without an error the spans are not empty, neighbours differ in
// style or link unless one is a gap, every link has an absolute URL and
// text that is not only spaces, every gap has an answer that is not only
// spaces and no link, and the text is the input's, markers, escapes and
// link targets left out (see markupFree). Where gaps are not allowed, the
// text parses alike when it has none, and fails when it has one.
func FuzzInline(f *testing.F) {
	for _, s := range inlineSeeds(f) {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, smart bool) {
		if !utf8.ValidString(s) {
			return // Decode rejects it before any parsing
		}
		s = oneLine(s)
		in, err := parseInline(s, smart, "")
		checkNoGaps(t, s, smart, in, err)
		if err != nil {
			if err.off < 0 || err.off > len(s) || err.msg == "" {
				t.Fatalf("parseInline(%q, %v): error %q at %d, outside the text", s, smart, err.msg, err.off)
			}
			return
		}
		if s == "" && in != nil || s != "" && len(in) == 0 {
			t.Fatalf("parseInline(%q, %v) = %#v", s, smart, in)
		}
		for i, sp := range in {
			if sp.Text == "" {
				t.Fatalf("parseInline(%q, %v): span %d is empty: %#v", s, smart, i, in)
			}
			if sp.Gap && (sp.URL != "" || strings.TrimSpace(visibleText(sp.Text)) == "" || sp.Text != strings.TrimSpace(sp.Text)) {
				t.Fatalf("parseInline(%q, %v): gap %d has a link, no answer or space around it: %#v", s, smart, i, in)
			}
			if i > 0 {
				prev := in[i-1]
				if prev.Bold == sp.Bold && prev.Italic == sp.Italic && prev.URL == sp.URL && !prev.Gap && !sp.Gap {
					t.Fatalf("parseInline(%q, %v): spans %d and %d have the same style: %#v", s, smart, i-1, i, in)
				}
			}
			if sp.URL != "" && !validLinkURL(sp.URL) {
				t.Fatalf("parseInline(%q, %v): span %d has URL %q", s, smart, i, sp.URL)
			}
		}
		// A link is a run of spans with its URL.
		for i := 0; i < len(in); {
			j := i + 1
			for j < len(in) && in[j].URL == in[i].URL {
				j++
			}
			if u := in[i].URL; u != "" && strings.TrimSpace(Inline(in[i:j]).String()) == "" {
				t.Fatalf("parseInline(%q, %v): link to %q has no text: %#v", s, smart, u, in)
			}
			i = j
		}
		// The text is the input's, but for markup. The spans' own text,
		// not String, which leaves out soft hyphens and zero-width spaces.
		got, want := markupFree(rawText(in)), markupFree(s)
		var links, gaps bool
		for _, sp := range in {
			links = links || sp.URL != ""
			gaps = gaps || sp.Gap
		}
		if gaps {
			// A gap's answer loses the spaces inside its brackets.
			got, want = noSpaces(got), noSpaces(want)
		}
		if links {
			// Each link's "](url)" is left out of the input, wherever it
			// is, so compare the characters, not their order.
			rest := s
			for i, sp := range in {
				if sp.URL != "" && (i == len(in)-1 || in[i+1].URL != sp.URL) {
					target := "](" + sp.URL + ")"
					if !strings.Contains(s, target) {
						t.Fatalf("parseInline(%q, %v): link to %q not in the text", s, smart, sp.URL)
					}
					rest = strings.Replace(rest, target, "", 1)
				}
			}
			want = markupFree(rest)
			if gaps {
				want = noSpaces(want)
			}
			got, want = sorted(got), sorted(want)
		}
		if got != want {
			t.Fatalf("parseInline(%q, %v): text %q, want %q, markup aside\n%#v", s, smart, got, want, in)
		}
		if !smart && !strings.ContainsAny(s, "*[\\") && !reflect.DeepEqual(in, Plain(s)) {
			t.Fatalf("parseInline(%q, false) = %#v, want it as it is", s, in)
		}
	})
}

// checkNoGaps checks that s, which parses to in or err where gaps are
// allowed, parses alike where they are not, unless it has a gap: then it
// is an error there.
func checkNoGaps(t *testing.T, s string, smart bool, in Inline, err *markupError) {
	t.Helper()
	hasGap := slices.ContainsFunc(in, func(sp Span) bool { return sp.Gap })
	in2, err2 := parseInline(s, smart, "a heading")
	switch {
	case err2 != nil && (err2.off < 0 || err2.off > len(s) || err2.msg == ""):
		t.Fatalf("parseInline(%q, %v, no gaps): error %q at %d, outside the text", s, smart, err2.msg, err2.off)
	case hasGap && err2 == nil:
		t.Fatalf("parseInline(%q, %v, no gaps) = %#v, want an error for its gap", s, smart, in2)
	case !hasGap && err == nil && (err2 != nil || !reflect.DeepEqual(in, in2)):
		t.Fatalf("parseInline(%q, %v) without gaps: %#v, %v; where gaps are not allowed: %#v, %v", s, smart, in, err, in2, err2)
	}
}

// noSpaces returns s without its spaces.
func noSpaces(s string) string { return strings.ReplaceAll(s, " ", "") }

// markupFree returns s without the characters markup may take away or
// stand for (asterisks, brackets, backslashes), and with typographic
// quotes and dashes made straight, so that text before and after parsing,
// with smart quotes or without, compares equal.
func markupFree(s string) string {
	return strings.NewReplacer(
		"*", "", "[", "", "]", "", `\`, "",
		"‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---",
	).Replace(s)
}

// sorted returns the characters of s in order.
func sorted(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}

// inlineSeeds returns FuzzInline's seeds: the string literals of the
// markup, decoding and gap tests, which hold the bad inputs they try, and every
// string of the project's content files.
func inlineSeeds(tb testing.TB) []string {
	var seeds []string
	fset := token.NewFileSet()
	for _, name := range []string{"markup_test.go", "decode_test.go", "gaps_test.go"} {
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			tb.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil && s != "" {
					seeds = append(seeds, s)
				}
			}
			return true
		})
	}
	var names []string
	for _, pat := range []string{"../content/*.toml", "../build/testdata/*.toml", "../layout/testdata/*.toml", "testdata/*.toml", "../testdata/*.toml", "../starter.toml"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		names = append(names, m...)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		var v any
		if _, err := toml.Decode(string(data), &v); err != nil {
			continue // a bad-input file
		}
		seeds = appendStrings(seeds, v)
	}
	return seeds
}

// appendStrings appends the strings in v, a decoded TOML value, to s.
func appendStrings(s []string, v any) []string {
	switch v := v.(type) {
	case string:
		return append(s, v)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s = appendStrings(s, v[k])
		}
	case []map[string]any:
		for _, e := range v {
			s = appendStrings(s, e)
		}
	case []any:
		for _, e := range v {
			s = appendStrings(s, e)
		}
	}
	return s
}

// rawText returns the text of in's spans, joined, as parsed: with its soft
// hyphens and zero-width spaces, which Inline.String leaves out.
func rawText(in Inline) string {
	var b strings.Builder
	for _, sp := range in {
		b.WriteString(sp.Text)
	}
	return b.String()
}
