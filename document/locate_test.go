package document

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// tricky is valid TOML that a naive scanner gets wrong.
const tricky = `# [[section]] in a comment
top = "a # not a comment" # [x] comment
"quoted.key" = 1
'lit key' = 2
dotted . part = 3
[worksheet] # [[fake]]
title = """
[[section]]
key = "value" \"""
"""
subtitle = '''
[[fake]] ''' # '''
  footer = "tab\"#" # "
numbers = [
  1, # ]
  [2, 3],
  "x]",
]
inline = { a = 1, "b.c" = { d = "}" } }
[[section]]
heading = '''said "hi"'''
[[section.block]]
bullet = """ends with quotes"""""
[[section.block]]
text = 'x'
[[section]]
heading = "two"
[[section.block]]
notes = "y"
[section.extra]
z = 1979-05-27 07:32:00Z
[ "weird" . 'name' ]
items = [{ p = 1 }, { p = 2 }]
`

func TestIndex(t *testing.T) {
	var m map[string]any
	if _, err := toml.Decode(tricky, &m); err != nil {
		t.Fatalf("tricky is not valid TOML: %v", err)
	}
	ix := newIndex(tricky)
	tests := []struct {
		path      string
		line, col int
	}{
		{"top", 2, 1},
		{`"quoted.key"`, 3, 1},
		{"lit key", 4, 1},
		{"dotted", 5, 1},
		{"dotted.part", 5, 10},
		{"worksheet", 6, 1},
		{"worksheet.title", 7, 1},
		{"worksheet.subtitle", 11, 1},
		{"worksheet.footer", 13, 3},
		{"worksheet.numbers", 14, 1},
		{"worksheet.numbers[0]", 15, 3},
		{"worksheet.numbers[1]", 16, 3},
		{"worksheet.numbers[1][1]", 16, 7},
		{"worksheet.numbers[2]", 17, 3},
		{"worksheet.inline", 19, 1},
		{"worksheet.inline.a", 19, 12},
		{`worksheet.inline."b.c"`, 19, 19},
		{`worksheet.inline."b.c".d`, 19, 29},
		{"section", 20, 1},
		{"section[0]", 20, 1},
		{"section[0].heading", 21, 1},
		{"section[0].block[0]", 22, 1},
		{"section[0].block[0].bullet", 23, 1},
		{"section[0].block[1]", 24, 1},
		{"section[0].block[1].text", 25, 1},
		{"section[1]", 26, 1},
		{"section[1].heading", 27, 1},
		{"section[1].block[0]", 28, 1},
		{"section[1].block[0].notes", 29, 1},
		{"section[1].extra", 30, 1},
		{"section[1].extra.z", 31, 1},
		{"weird.name", 32, 1},
		{"weird.name.items[1]", 33, 21},
		{"weird.name.items[1].p", 33, 23},
	}
	for _, tt := range tests {
		got, ok := ix.pos[tt.path]
		if !ok {
			t.Errorf("%s: not indexed", tt.path)
			continue
		}
		if got != (Pos{tt.line, tt.col}) {
			t.Errorf("%s at %d:%d, want %d:%d", tt.path, got.Line, got.Column, tt.line, tt.col)
		}
	}
	for _, bad := range []string{"fake", "fake[0]", "section[2]", "key", "worksheet.key", "x"} {
		if p, ok := ix.pos[bad]; ok {
			t.Errorf("%s indexed at %v, but it is not a key", bad, p)
		}
	}
	vals := []struct{ path, text string }{
		{"top", `"a # not a comment"`},
		{"worksheet.title", "\"\"\"\n[[section]]\nkey = \"value\" \\\"\"\"\n\"\"\""},
		{"worksheet.subtitle", "'''\n[[fake]] '''"},
		{"worksheet.footer", `"tab\"#"`},
		{"worksheet.numbers[2]", `"x]"`},
		{`worksheet.inline."b.c".d`, `"}"`},
		{"section[0].heading", `'''said "hi"'''`},
		{"section[0].block[0].bullet", `"""ends with quotes"""""`},
		{"section[1].extra.z", "1979-05-27 07:32:00Z"},
	}
	for _, v := range vals {
		sp, ok := ix.val[v.path]
		if !ok {
			t.Errorf("value of %s not indexed", v.path)
			continue
		}
		if got := tricky[sp.start:sp.end]; got != v.text {
			t.Errorf("value of %s = %q, want %q", v.path, got, v.text)
		}
	}
}

func TestIndexColumnsCountCharacters(t *testing.T) {
	ix := newIndex("a = \"ééé\"; b = 1\n")
	if got := ix.position(len("a = \"ééé\"; ")); got != (Pos{1, 12}) {
		t.Errorf("position = %v, want 1:12", got)
	}
}

// FuzzIndex checks that the scanner neither panics nor loops on any input.
func FuzzIndex(f *testing.F) {
	for _, s := range []string{tricky, "", "[", "[[", "a = \"", "a = '''", "a = [", "a = {", "\"", "a = \"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		newIndex(s)
	})
}

// FuzzDecode checks that Decode never panics, and that it returns either a
// document or errors.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(tricky))
	f.Add([]byte(head + "bullet = \"b\"\n"))
	f.Add([]byte("[worksheet]\ntitle = \"T\"\nlanguage = \"pl\"\nheader = [\"a\", \"{title}\", \"{page}/{pages}\"]\nfirst_page_header = false\n" +
		"footer = \"x\"\nlogo = \"l.png\"\nlogo_mm = 20\nname_line = [\"Imię\", \"Klasa\"]\n[labels]\nmarks_few = \"pkt\"\npage = \"{page}\"\n" +
		"[[section]]\nheading = \"H\"\n[summary]\nname_line = true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode("f.toml", data)
		if (doc == nil) == (err == nil) {
			t.Errorf("doc = %v, err = %v", doc, err)
		}
	})
}

// FuzzIndexFindsEveryKey checks that, for valid TOML, the index has every
// key and array element the TOML library decodes.
func FuzzIndexFindsEveryKey(f *testing.F) {
	f.Add(tricky)
	f.Add("a = [[1], [{b = 2}]]\n[[c.d]]\n[[c.d]]\ne.f = 'g'\n[c.d.h]\n")
	f.Fuzz(func(t *testing.T, s string) {
		var m map[string]any
		if _, err := toml.Decode(s, &m); err != nil {
			return
		}
		ix := newIndex(s)
		var walk func(path string, v any)
		walk = func(path string, v any) {
			if path != "" {
				if _, ok := ix.pos[path]; !ok {
					t.Errorf("%s not indexed in %q", path, s)
				}
			}
			switch v := v.(type) {
			case map[string]any:
				for k, e := range v {
					walk(keyPath(path, k), e)
				}
			case []map[string]any:
				for i, e := range v {
					walk(elemPath(path, i), e)
				}
			case []any:
				for i, e := range v {
					walk(elemPath(path, i), e)
				}
			}
		}
		walk("", m)
	})
}
