package document

import (
	"reflect"
	"strings"
	"testing"
)

// TestClean checks what clean makes of text pasted from Word and the web,
// and that each byte it returns maps back to the character that wrote it.
func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ASCII\tand tab", "plain ASCII\tand tab"},
		{"already NFC: café", "already NFC: café"},
		{"NFD: cafe\u0301", "NFD: café"},
		{"A\u030A and \u212B", "Å and Å"},                                          // a ring above composes; the angstrom sign is Å
		{"q\u0303", "q\u0303"},                                                     // no precomposed q with tilde: kept
		{"e\u200D\u0301", "é"},                                                     // a joiner between is dropped first
		{"a\vb\fc", "a\nb\nc"},                                                     // Word's line break, a page break
		{"a\u2028b\u2029c", "a\nb\n\nc"},                                           // line and paragraph separators
		{"a\u2003b\u2009c\u200Ad\u3000e", "a b c d e"},                             // em, thin, hair and ideographic spaces
		{"10\u00A0000, 5\u202F%, 1\u2007234", "10\u00A0000, 5\u202F%, 1\u2007234"}, // no-break spaces kept
		{"zero\u200Bwidth, soft\u00ADhyphen", "zero\u200Bwidth, soft\u00ADhyphen"}, // kept for the wrapper
		{"\uFEFFBOM\uFEFF, ZW\u200CN\u200DJ, WJ\u2060", "BOM, ZWNJ, WJ"},
		{"\u200Fmarks\u200E \u202Bemb\u202C \u2067iso\u2069 \u061C", "marks emb iso "},
		{"non\u2011breaking", "non-breaking"},
		{"\u2122\uFE0F \u263A\uFE0E", "\u2122 \u263A"}, // variation selectors
	}
	for _, tt := range tests {
		got, offs := clean(tt.in, false)
		if got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		if got == tt.in {
			if offs != nil {
				t.Errorf("clean(%q): unchanged, but offsets %v", tt.in, offs)
			}
			continue
		}
		if len(offs) != len(got) {
			t.Fatalf("clean(%q): %d offsets for %d bytes", tt.in, len(offs), len(got))
		}
		for i, o := range offs {
			if o < 0 || o >= len(tt.in) || (i > 0 && o < offs[i-1]) {
				t.Errorf("clean(%q): offset %d of byte %d is out of order or range", tt.in, o, i)
			}
		}
	}
}

// TestDecodeWild decodes each kind of text a teacher pastes from Word or a
// web page and checks what is printed, or the error at its exact line and
// column.
func TestDecodeWild(t *testing.T) {
	tests := []struct {
		name string
		src  string // a text block's value, after "text = "
		want []Inline
		err  *wantErr
	}{
		{"tab", "\"a\tb\\tc\"", plains("a b c"), nil},
		{"crlf paragraphs", "'''\r\nfirst\r\nline\r\n\r\nsecond'''", plains("first line", "second"), nil},
		{"form feed", `"a\fb"`, plains("a b"), nil},
		{"vertical tab", `"a\u000Bb"`, plains("a b"), nil},
		{"line separator", "'a\u2028b'", plains("a b"), nil},
		{"paragraph separator", "'a\u2029b'", plains("a", "b"), nil},
		{"paragraph separator escaped", `"a\u2029b"`, plains("a", "b"), nil},
		{"nbsp kept", "'Mr\u00A0Smith, 10\u202F000, 1\u20072'", plains("Mr\u00A0Smith, 10\u202F000, 1\u20072"), nil},
		{"other spaces", "'a\u2002b\u2009\u2009c'", plains("a b c"), nil},
		{"zero-width space kept", "'a\u200Bb'", plains("a\u200Bb"), nil},
		{"soft hyphen kept", "'hy\u00ADphen'", plains("hy\u00ADphen"), nil},
		{"joiners dropped", "'a\u200Db\u200Cc\u2060d'", plains("abcd"), nil},
		{"BOM inside", "'a\uFEFFb'", plains("ab"), nil},
		{"bidi controls dropped", "'\u202Eab\u202C \u2066c\u2069\u200F'", plains("ab c"), nil},
		{"NFD", "'cafe\u0301 re\u0301sume\u0301'", plains("café résumé"), nil},
		{"NFD escaped", `"cafe\u0301"`, plains("café"), nil},
		{"Word punctuation", "'“smart” ‘quotes’ – — … •'", plains("“smart” ‘quotes’ – — … •"), nil},
		{"markup after NFD", "'e\u0301 *e\u0301*'", []Inline{{{Text: "é "}, {Text: "é", Italic: true}}}, nil},

		// Errors, at the character's own line and column.
		{"emoji", "'ok 😀'", nil, &wantErr{6, 12, `1 character of this text (😀 U+1F600) is beyond U+FFFF, which the PDF writer cannot draw in any font: leave it out`}},
		{"emoji after NFD and removals", "'e\u0301\u200B\u200D\u00A0\u202A\u202C😀'", nil, &wantErr{6, 16, `(😀 U+1F600) is beyond U+FFFF`}},
		{"emoji after CRLF", "'''\r\na\u0301\r\n\u200Db 😀'''", nil, &wantErr{8, 4, `(😀 U+1F600) is beyond U+FFFF`}},
		{"emoji zwj sequence", "'👩\u200D💻'", nil, &wantErr{6, 9, `2 characters of this text (👩 U+1F469, 💻 U+1F4BB) are beyond U+FFFF`}},
		{"escaped emoji", `"e\u0301 \U0001F600"`, nil, &wantErr{6, 17, `(😀 U+1F600) is beyond U+FFFF`}},
		{"mark not in the font", "'e\u0301\u20DD'", nil, &wantErr{6, 11, `(combining marks: ⃝ U+20DD) is in none of the fonts`}},
		{"Hebrew", "'Shalom \u05E9\u05DC\u05D5\u05DD'", nil, &wantErr{6, 16, `this text has letters of Hebrew (the first: "ש", U+05E9), which handout cannot print: Hebrew is written right to left`}},
		{"Arabic", "'\u200Fx \u0633\u0644\u0627\u0645'", nil, &wantErr{6, 12, `letters of Arabic (the first: "س", U+0633)`}},
		{"markup error after removals", "'\u200D\u200De\u0301 *x'", nil, &wantErr{6, 14, "unclosed *"}},
		{"markup error after paragraph separator", "'a\u2029\u00A0b *x'", nil, &wantErr{6, 14, "unclosed *"}},
		{"other control", `"a\u0007"`, nil, &wantErr{6, 10, `control character "\a" (U+0007) is not allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nl := "\n"
			if strings.Contains(tt.src, "\r\n") {
				nl = "\r\n"
			}
			src := strings.ReplaceAll(head, "\n", nl) + "text = " + tt.src + nl
			d, err := Decode("x.toml", []byte(src))
			if tt.err != nil {
				es, _ := err.(Errors)
				// The first error; an emoji sequence has one for each emoji.
				if len(es) == 0 || len(es) > 1 && tt.name != "emoji zwj sequence" || es[0].Line != tt.err.line || es[0].Column != tt.err.col || !strings.Contains(es[0].Msg, tt.err.msg) {
					t.Errorf("got %v\nwant x.toml:%d:%d: …%s…", err, tt.err.line, tt.err.col, tt.err.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Sections[0].Blocks[0].Body.(*Text).Paragraphs; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDecodeWildEverywhere checks that every printed value is cleaned, not
// only block texts: titles, items, the footer and the author too.
func TestDecodeWildEverywhere(t *testing.T) {
	src := "\uFEFF[worksheet]\ntitle = 'Caf\u0065\u0301\u00AD\u200B'\nauthor = 'R\u200DJ\tTarr'\nfooter = 'p.\u00A0{page}\u2029'\n" +
		"[[section]]\nheading = 'H\u2003I'\n[[section.block]]\ntask = 't'\nitems = ['a\u2028b', 'e\u0301']\n"
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("Title", d.Worksheet.Title, Plain("Café\u00AD\u200B"))
	check("Title.String", d.Worksheet.Title.String(), "Café")
	check("Author", d.Worksheet.Author, "RJ Tarr")
	check("Footer", d.Worksheet.Footer, Running{Center: Template{{Text: "p.\u00A0"}, {Placeholder: Page}}})
	check("Heading", d.Sections[0].Heading, Plain("H I"))
	check("Items", d.Sections[0].Blocks[0].Body.(*Task).Items, []Inline{Plain("a b"), Plain("é")})
}

// TestDecodeWildLineCol checks the column of an error on the first line
// of a file that starts with a byte order mark, and the column of an error
// after a tab: a character each.
func TestDecodeWildLineCol(t *testing.T) {
	for src, want := range map[string]string{
		"\uFEFFworksheet = {title = 'a 😀'}\n[summary]\n":  "x.toml:1:25:",
		"[worksheet]\ntitle = 'a\tb\u00A0😀'\n[summary]\n": "x.toml:2:14:",
	} {
		_, err := Decode("x.toml", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Decode(%q) = %v, want %s …", src, err, want)
		}
	}
}

// TestFormFeedWarning checks that a form feed in printed text, a space,
// is warned of once a file, at the first one in the file, naming
// page_break; and that nothing else is.
func TestFormFeedWarning(t *testing.T) {
	const want = `a form feed (\f) in text is printed as a space, not as a page break: to start a new page, give the block page_break = true, or its [[section]] new_page = true`
	for _, c := range []struct {
		name, src string
		at        Pos // the zero Pos: no warning
	}{
		{"none", head + "text = \"a b\"\n", Pos{}},
		{"one", head + "text = \"Page one.\\fPage two.\"\n", Pos{6, 18}},
		{"the first of several, in file order", "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\\u000C\"\n[[section.block]]\ntext = \"a\\fb\"\n" +
			"[summary]\ntitle = \"S\\f\"\n", Pos{4, 13}},
		{"in a cell", head + "table = \"\"\nrows = [[\"a\", \"b\\fc\"]]\n", Pos{7, 17}},
		{"escaped backslash", head + "text = 'a\\fb'\n", Pos{}},
		{"not printed", "[worksheet]\ntitle = \"T\"\nauthor = \"A\\fB\"\n[[section]]\nheading = \"H\"\n", Pos{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if c.at == (Pos{}) {
				if len(d.Warnings) != 0 {
					t.Errorf("warnings %v, want none", d.Warnings)
				}
				return
			}
			if len(d.Warnings) != 1 {
				t.Fatalf("warnings %v, want one", d.Warnings)
			}
			if w := d.Warnings[0]; w.Line != c.at.Line || w.Column != c.at.Column || w.Msg != want {
				t.Errorf("warning %q, want it at %d:%d saying %q", w.Error(), c.at.Line, c.at.Column, want)
			}
		})
	}
}
