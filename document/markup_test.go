package document

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestParseInline(t *testing.T) {
	const url = "https://example.org/a_(b)"
	tests := []struct {
		in   string
		want Inline
	}{
		{"plain text", Plain("plain text")},
		{"*italic*", Inline{{Text: "italic", Italic: true}}},
		{"**bold**", Inline{{Text: "bold", Bold: true}}},
		{"***both***", Inline{{Text: "both", Bold: true, Italic: true}}},
		{"a *b c* d", Inline{{Text: "a "}, {Text: "b c", Italic: true}, {Text: " d"}}},
		{"**Stalin**'s purge", Inline{{Text: "Stalin", Bold: true}, {Text: "'s purge"}}},
		{"**bold *both* bold**", Inline{{Text: "bold ", Bold: true}, {Text: "both", Bold: true, Italic: true}, {Text: " bold", Bold: true}}},
		{"*it **both***", Inline{{Text: "it ", Italic: true}, {Text: "both", Bold: true, Italic: true}}},
		{"***both** it*", Inline{{Text: "both", Bold: true, Italic: true}, {Text: " it", Italic: true}}},
		{`"*quoted*"`, Inline{{Text: `"`}, {Text: "quoted", Italic: true}, {Text: `"`}}},
		// Literal asterisks: between letters or digits, or between spaces.
		{"5*3 = 15", Plain("5*3 = 15")},
		{"a * b", Plain("a * b")},
		{"* note", Plain("* note")},
		{"end *", Plain("end *")},
		{"a ** b **** c", Plain("a ** b **** c")},
		{"*a*b*", Inline{{Text: "a*b", Italic: true}}},
		// Escapes.
		{`\*not italic\*`, Plain("*not italic*")},
		{`a \\ b \[c\] \'`, Plain(`a \ b [c] '`)},
		{`C:\Users\x`, Plain(`C:\Users\x`)},
		{`\***bold**`, Inline{{Text: "*"}, {Text: "bold", Bold: true}}},
		{"un*believ*able", Plain("un*believ*able")},
		// Chinese and Japanese have no spaces between words.
		{"水是**生命**之本", Inline{{Text: "水是"}, {Text: "生命", Bold: true}, {Text: "之本"}}},
		{"これは*とても*大切です", Inline{{Text: "これは"}, {Text: "とても", Italic: true}, {Text: "大切です"}}},
		{"2*3水", Plain("2*3水")},
		// Links.
		{"see [the site](https://example.org) now", Inline{{Text: "see "}, {Text: "the site", URL: "https://example.org"}, {Text: " now"}}},
		{"[*a* b](" + url + ").", Inline{{Text: "a", Italic: true, URL: url}, {Text: " b", URL: url}, {Text: "."}}},
		{"*[a](mailto:x@example.org)*", Inline{{Text: "a", Italic: true, URL: "mailto:x@example.org"}}},
		{`[a\]b](http://x.org)`, Inline{{Text: "a]b", URL: "http://x.org"}}},
		{"[sic] and [1]", Plain("[sic] and [1]")},
		{"[a [b](http://x.org)", Inline{{Text: "[a "}, {Text: "b", URL: "http://x.org"}}},
		{"[a] (b)", Plain("[a] (b)")},
		// Without smart_quotes, punctuation is kept.
		{`"It's" -- 'x' ---`, Plain(`"It's" -- 'x' ---`)},
	}
	for _, tt := range tests {
		got, err := parseInline(tt.in, false, "")
		if err != nil {
			t.Errorf("parseInline(%q): %s at %d", tt.in, err.msg, err.off)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseInline(%q) =\n %#v, want\n %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseInlineErrors(t *testing.T) {
	tests := []struct {
		in  string
		off int // byte offset of the error
		msg string
	}{
		{"an *unclosed emphasis", 3, "unclosed *: end the italic text with *"},
		{"an **unclosed", 3, "unclosed **: end the bold text with **"},
		{"***unclosed", 0, "unclosed ***: end the bold italic text with ***"},
		{"**bold *it**", 7, "unclosed *: end the italic text"},
		{"*it **bold*", 4, "unclosed **"},
		{"not opened* here", 10, "* ends italic text that was not started"},
		{"not opened** here", 10, "** ends bold text that was not started"},
		{"*a *b*", 3, "* starts italic text inside italic text"},
		{"****x****", 0, "4 asterisks in a row"},
		{"x [link](https://x.org", 8, "link has no closing )"},
		{"[](https://x.org)", 0, "link has no text"},
		{"[ ](https://x.org)", 0, "link has no text"},
		{"*[*](https://x.org)", 1, "link has no text"}, // found by FuzzInline
		{"*a [*](https://x.org)", 3, "link has no text"},
		{"[a]()", 3, "link has no URL"},
		{"[a](ftp://x.org/f)", 4, `link URL "ftp://x.org/f" is not an absolute http://, https:// or mailto: URL`},
		{"[a](javascript:alert(1))", 4, "is not an absolute http://"},
		{"[a](https:///path)", 4, "is not an absolute http://"},
		{"[a](mailto:)", 4, "is not an absolute"},
		{"[a](https://x.org/a b)", 4, `link URL "https://x.org/a b" has a space in it`},
		{"é *x", 3, "unclosed *"},
	}
	for _, tt := range tests {
		checkInlineError(t, tt.in, "", tt.off, tt.msg)
	}
}

// checkInlineError checks that parseInline(in, false, noGaps) fails at
// byte off with a message that holds msg.
func checkInlineError(t *testing.T, in, noGaps string, off int, msg string) {
	t.Helper()
	_, err := parseInline(in, false, noGaps)
	if err == nil {
		t.Errorf("parseInline(%q): no error, want %q at %d", in, msg, off)
		return
	}
	if err.off != off || !strings.Contains(err.msg, msg) {
		t.Errorf("parseInline(%q): %q at %d, want %q at %d", in, err.msg, err.off, msg, off)
	}
}

func TestSmartQuotes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"Quoted," he said.`, "“Quoted,” he said."},
		{"it's Stalin's; the students' work", "it’s Stalin’s; the students’ work"},
		{"'single' quotes", "‘single’ quotes"},
		{`"'nested' quotes"`, "“‘nested’ quotes”"},
		{`power.'"`, "power.’”"},
		{"the '90s and '30s", "the ’90s and ’30s"},
		{"rock 'n' roll", "rock ’n’ roll"},
		{"'tis 'twas 'em", "’tis ’twas ’em"},
		{"'tisane'", "‘tisane’"},
		{"(\"a\") [\"b\"]", "(“a”) [“b”]"},
		{"1938--40", "1938–40"},
		{"Trotsky---at large", "Trotsky—at large"},
		{"a - b -- c --- d ---- e", "a - b – c — d —- e"},
		{`\"straight\" \'s \-\-`, `"straight" 's --`},
		{`*"emphasis"*`, "“emphasis”"},
		{`"*emphasis*"`, "“emphasis”"},
		{"[it's](https://x.org/it's--a'b)", "it’s"},
	}
	for _, tt := range tests {
		got, err := parseInline(tt.in, true, "")
		if err != nil {
			t.Errorf("parseInline(%q): %s", tt.in, err.msg)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("smart %q = %q, want %q", tt.in, got.String(), tt.want)
		}
	}
	// URLs are kept as typed.
	got, _ := parseInline("[it's](https://x.org/it's--a'b)", true, "")
	if got[0].URL != "https://x.org/it's--a'b" {
		t.Errorf("URL = %q, changed by smart quotes", got[0].URL)
	}
}

// TestDecodeMarkupErrors checks that markup errors name the line and
// column of the marker in every kind of string and every text key.
func TestDecodeMarkupErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want wantErr
	}{
		{"title", "[worksheet]\ntitle = \"A *b\"\n[summary]\n", wantErr{2, 12, "unclosed *"}},
		{"subtitle escape before", "[worksheet]\ntitle = \"T\"\nsubtitle = \"\\u00e9\\t**b\"\n[summary]\n", wantErr{3, 21, "unclosed **"}},
		{"literal string", head + "bullet = 'x \\* *y'\n", wantErr{6, 16, "unclosed *"}},
		{"multi-line", head + "text = \"\"\"\nfirst line\n  second *line\n\nthird\"\"\"\n", wantErr{8, 10, "unclosed *"}},
		{"second paragraph", head + "text = '''\nok *fine*\n\n  bad [x](ftp://y)'''\n", wantErr{9, 11, "is not an absolute"}},
		{"line-end backslash", head + "text = \"\"\"a \\\n   b *c\"\"\"\n", wantErr{7, 6, "unclosed *"}},
		{"heading", "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"a**\"\n", wantErr{4, 13, "** ends bold text"}},
		{"source", head + "quote = \"q\"\nsource = \"[](http://x.org)\"\n", wantErr{7, 11, "link has no text"}},
		{"label", head + "task = \"t\"\nlabel = \"*L\"\n", wantErr{7, 10, "unclosed *"}},
		{"item", head + "task = \"\"\nitems = [\"ok\", \"\"\"\nnot *ok\"\"\"]\n", wantErr{8, 5, "unclosed *"}},
		{"notes", head + "notes = \"see [x](https://x.org\"\n", wantErr{6, 17, "link has no closing )"}},
		{"summary title", "[worksheet]\ntitle = \"T\"\n[summary]\ntitle = \"***\"\n", wantErr{4, 1, "nothing"}},
		{"panel", "[worksheet]\ntitle = \"T\"\n[summary]\n[[summary.panel]]\nheading = \"H\"\nprompt = \"why*\"\n", wantErr{6, 14, "* ends italic"}},
		{"inline table", "worksheet = {title = \"*T\"}\n[summary]\n", wantErr{1, 23, "unclosed *"}},
		{"font check among markup", head + "bullet = '**a** [*b*](https://x.org) \\* ☃'\n", wantErr{6, 41, `1 character of this text (symbols: ☃ U+2603) is in none of the fonts`}},
		{"crlf", "[worksheet]\r\ntitle = \"T\"\r\n[[section]]\r\nheading = \"H\"\r\n[[section.block]]\r\ntext = '''\r\na\r\n  b *c'''\r\n", wantErr{8, 5, "unclosed *"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src))
			if tt.name == "summary title" {
				// "***" alone is a literal: no error at all.
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			var es Errors
			if err == nil {
				t.Fatalf("no error, want %v", tt.want)
			}
			es = err.(Errors)
			if len(es) != 1 || es[0].Line != tt.want.line || es[0].Column != tt.want.col || !strings.Contains(es[0].Msg, tt.want.msg) {
				t.Errorf("got %v\nwant x.toml:%d:%d: …%s…", err, tt.want.line, tt.want.col, tt.want.msg)
			}
		})
	}
}

func TestDecodeMarkup(t *testing.T) {
	src := "[worksheet]\ntitle = \"The *end*\"\n[style]\nsmart_quotes = true\n" +
		"[[section]]\nheading = \"1938--40\"\n[[section.block]]\n" +
		"text = '''It's **[Conquest's](https://example.org/it's) view**.\n\n\"Crushed\"'''\n"
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !d.Style.SmartQuotes {
		t.Error("SmartQuotes = false")
	}
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("Title", d.Worksheet.Title, Inline{{Text: "The "}, {Text: "end", Italic: true}})
	check("Heading", d.Sections[0].Heading, Plain("1938–40"))
	check("Paragraphs", d.Sections[0].Blocks[0].Body.(*Text).Paragraphs, []Inline{
		{{Text: "It’s "}, {Text: "Conquest’s", Bold: true, URL: "https://example.org/it's"}, {Text: " view", Bold: true}, {Text: "."}},
		Plain("“Crushed”"),
	})
}

// TestNormOffsets checks that normOffsets maps the normalised text back to
// the bytes that wrote it.
func TestNormOffsets(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	pieces := []string{"a", "bc", "é", " ", "  ", "\t", "\n", "\r\n", "\n \n", "\u00a0"}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, split := range []bool{true, false} {
			want := splitParagraphs(s)
			if !split {
				want = nil
				if l := oneLine(s); l != "" {
					want = []string{l}
				}
			}
			offs := normOffsets(s, split)
			if len(offs) != len(want) {
				t.Fatalf("normOffsets(%q, %v): %d paragraphs, want %d", s, split, len(offs), len(want))
			}
			for i, p := range want {
				if len(offs[i]) != len(p) {
					t.Fatalf("normOffsets(%q, %v)[%d]: %d bytes, want %d", s, split, i, len(offs[i]), len(p))
				}
				for j := range len(p) {
					if c := s[offs[i][j]]; c != p[j] && !(p[j] == ' ' && isSpace(rune(c))) {
						t.Fatalf("normOffsets(%q, %v)[%d][%d] = %d: %q, want %q", s, split, i, j, offs[i][j], c, p[j])
					}
				}
			}
		}
	}
}

func TestDecodeString(t *testing.T) {
	tests := []struct{ lit, want string }{
		{`"a\tb\u00e9"`, "a\tbé"},
		{`'a\tb'`, `a\tb`},
		{"\"\"\"\nab \\\n  \n c\"\"\"", "ab c"},
		{"'''\nx\ny'''", "x\ny"},
		{`"""a""""`, `a"`},
	}
	for _, tt := range tests {
		got, offs := decodeString(tt.lit)
		if got != tt.want || len(offs) != len(got) {
			t.Errorf("decodeString(%q) = %q (%d offsets), want %q", tt.lit, got, len(offs), tt.want)
		}
	}
}
