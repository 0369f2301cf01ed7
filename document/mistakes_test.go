package document

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// ws is a [worksheet] and a [[section]] with its heading, lines 1 to 4,
// for the mistakes that come after them.
const ws = "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n"

// mistakes are the usual mistakes of a file edited by hand, each with its
// message: what is wrong and how to fix it, where it is.
var mistakes = []struct {
	name string
	src  string
	want wantErr
}{
	// Word's curly quotes, and those of other languages, round a value.
	{"curly double", "[worksheet]\ntitle = “The Purges”\n",
		wantErr{2, 9, `curly quote “ round the value: use straight quotes "…" round text, as in title = "The Purges"`}},
	{"curly single", "[worksheet]\ntitle = ‘The Purges’\n",
		wantErr{2, 9, `curly quote ‘ round the value: use straight quotes "…" round text, as in title = "The Purges"`}},
	{"German quotes", "[worksheet]\ntitle = „Die Säuberungen“ # German\n",
		wantErr{2, 9, `curly quote „ round the value: use straight quotes "…" round text, as in title = "Die Säuberungen"`}},
	{"French quotes", "[worksheet]\n  title  =  «Les purges»\n",
		wantErr{2, 13, `curly quote « round the value: use straight quotes "…" round text, as in title = "Les purges"`}},
	{"closing quote first", "[worksheet]\ntitle = ”The Purges”\n",
		wantErr{2, 9, `as in title = "The Purges"`}},
	{"curly then straight", "[worksheet]\ntitle = “The Purges\"\n",
		wantErr{2, 9, `as in title = "The Purges"`}},
	{"straight quotes inside", "[worksheet]\ntitle = “He said \"no\"”\n",
		wantErr{2, 9, `as in title = 'He said "no"'`}},
	{"curly quotes inside", "[worksheet]\ntitle = “He said “no” to it”\n",
		wantErr{2, 9, `as in title = "He said “no” to it"`}},
	{"curly in a block", ws + "[[section.block]]\ntext = “He said so.”\n",
		wantErr{6, 8, `curly quote “ round the value: use straight quotes "…" round text, as in text = "He said so."`}},
	{"curly in an array", ws + "[[section.block]]\ntask = \"t\"\nitems = [\"a\", “b”]\n",
		wantErr{7, 15, `curly quote “ round the value: use straight quotes "…" round text, as in "b"`}},
	{"curly with no end", "[worksheet]\ntitle = “The Purges\n",
		wantErr{2, 9, `curly quote “ round the value: use straight quotes "…" round text`}},
	{"curly key", "[worksheet]\n“title” = \"T\"\n",
		wantErr{2, 1, "curly quote “ round a key: write the key without quotes"}},
	{"curly key in an inline table", "worksheet = { “title” = \"T\" }\n",
		wantErr{1, 15, "curly quote “ round a key: write the key without quotes"}},
	{"curly quote after a value", "[worksheet]\ntitle = \"T\" “x”\n",
		wantErr{2, 13, "expected a top-level item to end with a newline, comment, or EOF, but got '“' instead"}},
	{"curly closing quote", "[worksheet]\ntitle = \"The Purges” \n",
		wantErr{2, 20, `the string that opens at column 9 ends with a curly quote ”: end it with a straight quote "`}},

	// [section] for [[section]], and the like.
	{"[section]", "[worksheet]\ntitle = \"T\"\n[section]\nheading = \"H\"\n[[section.block]]\nbullet = \"b\"\n",
		wantErr{3, 1, "[section] must be [[section]], with two brackets each side: each section starts with a [[section]] of its own"}},
	{"[section] twice", "[worksheet]\ntitle = \"T\"\n[section]\nheading = \"A\"\n[section]\nheading = \"B\"\n",
		wantErr{3, 1, "[section] must be [[section]], with two brackets each side"}},
	{"[section] then [[section]]", "[worksheet]\ntitle = \"T\"\n [ section ] # one\nheading = \"A\"\n[[section]]\nheading = \"B\"\n",
		wantErr{3, 2, "[section] must be [[section]], with two brackets each side"}},
	{"[[section]] then [section]", ws + "[section]\nheading = \"B\"\n",
		wantErr{5, 1, "[section] must be [[section]], with two brackets each side"}},
	{"[section.block]", ws + "[section.block]\nbullet = \"b\"\n",
		wantErr{5, 1, "[section.block] must be [[section.block]], with two brackets each side: each block starts with a [[section.block]] of its own"}},
	{"[section.block] after a block", ws + "[[section.block]]\nbullet = \"a\"\n[section.block]\nbullet = \"b\"\n",
		wantErr{7, 1, "[section.block] must be [[section.block]], with two brackets each side"}},
	{"[block]", ws + "[block]\nbullet = \"b\"\n",
		wantErr{5, 1, "[block] must be [[section.block]], under the [[section]] it belongs to: each block starts with a [[section.block]] of its own"}},
	{"[[block]]", ws + "[[block]]\nbullet = \"b\"\n",
		wantErr{5, 1, "[[block]] must be [[section.block]], under the [[section]] it belongs to"}},
	{"[panel]", "[worksheet]\ntitle = \"T\"\n[summary]\n[panel]\nheading = \"P\"\n",
		wantErr{4, 1, "[panel] must be [[summary.panel]], after the [summary] it belongs to: each panel starts with a [[summary.panel]] of its own"}},
	{"[summary.panel]", "[worksheet]\ntitle = \"T\"\n[summary]\n[summary.panel]\nheading = \"P\"\n",
		wantErr{4, 1, "[summary.panel] must be [[summary.panel]], with two brackets each side: each panel starts with a [[summary.panel]] of its own"}},
	{"[[worksheet]]", "[[worksheet]]\ntitle = \"T\"\n[summary]\n",
		wantErr{1, 1, "[[worksheet]] must be [worksheet], with one bracket each side"}},
	{"a block before any section", "[worksheet]\ntitle = \"T\"\n[[section.block]]\nbullet = \"b\"\n",
		wantErr{3, 1, "[[section.block]] comes before any [[section]]: add a [[section]], with its heading, above it"}},

	// Strings never closed, or closed too soon.
	{"no closing quote", "[worksheet]\ntitle = \"The Purges\n[[section]]\nheading = \"H\"\n",
		wantErr{2, 9, `the string that opens here has no closing quote: end it with " on this line, or write text of several lines between """ and """`}},
	{"no closing quote at the end", "[worksheet]\ntitle = \"The Purges”",
		wantErr{2, 20, `the string that opens at column 9 ends with a curly quote ”: end it with a straight quote "`}},
	{"no closing single quote", "[worksheet]\ntitle = 'The Purges\n",
		wantErr{2, 9, `the string that opens here has no closing quote: end it with ' on this line, or write text of several lines between ''' and '''`}},
	{"no closing quote in an array", ws + "[[section.block]]\ntask = \"t\"\nitems = [\"a\", \"b]\n",
		wantErr{7, 15, "the string that opens here has no closing quote"}},
	{"multi-line never closed", ws + "[[section.block]]\ntext = \"\"\"\nOnce upon a time.\n[[section.block]]\nbullet = \"b\"\n",
		wantErr{6, 8, `the multi-line string that opens here is never closed: it runs on to the end of the file, over the [[section.block]] at line 8; end it with """ where its text ends`}},
	{"literal multi-line never closed", ws + "[[section.block]]\ntext = '''\nOnce upon a time.\n",
		wantErr{6, 8, `the multi-line string that opens here is never closed: end it with ''' where its text ends`}},
	{"multi-line closed by the next", ws + "[[section.block]]\ntext = \"\"\"\nOnce.\n[[section.block]]\nbullet = \"b\"\n[[section.block]]\ntext = \"\"\"\nTwice.\"\"\"\n",
		wantErr{6, 8, `the multi-line string that opens here is not closed before the [[section.block]] at line 8: end it with """ where its text ends`}},
	{"a quote inside text", "[worksheet]\ntitle = \"He said \"no\" to it\"\n",
		wantErr{2, 18, `a straight quote " inside text ends the string here: write \" for it, or put the text between single quotes, as in title = 'He said "no" to it'`}},
	{"an apostrophe inside text", "[worksheet]\ntitle = 'Stalin's USSR'\n",
		wantErr{2, 16, `a straight quote ' inside text ends the string here: put the text between double quotes, as in title = "Stalin's USSR"`}},
	{"both quotes inside text", "[worksheet]\ntitle = \"It's \"x\"\"\n",
		wantErr{2, 15, `a straight quote " inside text ends the string here: write \" for it, or put the text between single quotes`}},
	{"a string in an array not closed", ws + "[[section.block]]\ntask = \"t\"\nitems = [\"a, \"b\"]\n",
		wantErr{7, 14, `a straight quote " ends a string here, and text follows it: end each string with ", and write \" for a quote inside text`}},
	{"text after a value", "[worksheet]\ntitle = \"é\"  x\n",
		wantErr{2, 14, "expected a top-level item to end"}},

	// Backslashes: Windows paths, and text.
	{"image path with an escape", ws + "[[section.block]]\nimage = \"images\\trotsky.jpg\"\n",
		wantErr{6, 1, `image "images\trotsky.jpg" has \ between folders: use /, as in image = "images/trotsky.jpg"`}},
	{"image path with no escapes", ws + "[[section.block]]\nimage = \"images\\pics\\trotsky.jpg\"\n",
		wantErr{6, 1, `image "images\pics\trotsky.jpg" has \ between folders: use /, as in image = "images/pics/trotsky.jpg"`}},
	{"image path of a literal string", ws + "[[section.block]]\nimage = 'images\\pics\\a.jpg'\n",
		wantErr{6, 1, `image 'images\pics\a.jpg' has \ between folders: use /, as in image = "images/pics/a.jpg"`}},
	{"image path of escaped backslashes", ws + "[[section.block]]\nimage = \"images\\\\a.jpg\"\n",
		wantErr{6, 1, `image "images\\a.jpg" has \ between folders: use /, as in image = "images/a.jpg"`}},
	{"image path on a Windows drive", ws + "[[section.block]]\nimage = \"C:\\Users\\me\\Pictures\\trotsky.jpg\" # \"Trotsky\"\n",
		wantErr{6, 1, `image "C:\Users\me\Pictures\trotsky.jpg" is a path on your computer: copy the picture into this file's folder, or a folder in it such as images, and give its path from there with /, as in image = "images/trotsky.jpg"`}},
	{"image path on a drive, literal", ws + "[[section.block]]\n  image = 'D:\\pics\\a.png'\n",
		wantErr{6, 3, `image 'D:\pics\a.png' is a path on your computer`}},
	{"image path on a server", ws + "[[section.block]]\nimage = '\\\\server\\pics\\a.png'\n",
		wantErr{6, 1, `image '\\server\pics\a.png' is a path on your computer`}},
	{"backslash in text", ws + "[[section.block]]\ntext = \"See C:\\Program Files\"\n",
		wantErr{6, 15, `\P is not an escape: in "…" a backslash starts one, such as \n; write \\ for a backslash, or put the text between single quotes '…'`}},

	// Files saved in another encoding.
	{"UTF-16 little-endian", "\xff\xfe[\x00w\x00",
		wantErr{1, 1, "the file is saved as UTF-16 (it starts with the bytes FF FE): save the file as UTF-8 (in Notepad: File > Save as, Encoding: UTF-8)"}},
	{"UTF-16 big-endian", "\xfe\xff\x00[\x00w",
		wantErr{1, 1, "the file is saved as UTF-16 (it starts with the bytes FE FF): save the file as UTF-8"}},
	{"UTF-32", "\xff\xfe\x00\x00[\x00\x00\x00",
		wantErr{1, 1, "the file is saved as UTF-32 (it starts with the bytes FF FE 00 00): save the file as UTF-8"}},
	{"UTF-16 without a mark", utf16LE("[worksheet]\ntitle = \"T\"\n"),
		wantErr{1, 2, "the file is saved as UTF-16 (every other byte is 0): save the file as UTF-8"}},
	{"UTF-16 big-endian without a mark", "\x00" + strings.Join(strings.Split("[worksheet]\n", ""), "\x00"),
		wantErr{1, 1, "the file is saved as UTF-16 (every other byte is 0)"}},
	{"Windows-1252", "[worksheet]\ntitle = \"Caf\xe9 na\xefve\"\n",
		wantErr{2, 13, `invalid UTF-8 byte 0xe9, which is "é" in Windows-1252 (Latin-1): the file was saved in that encoding; save the file as UTF-8 (in Notepad: File > Save as, Encoding: UTF-8)`}},
	{"Windows-1252 quotes", "[worksheet]\ntitle = \x93T\x94\n",
		wantErr{2, 9, `invalid UTF-8 byte 0x93, which is "“" in Windows-1252 (Latin-1)`}},
	{"Windows-1252 after a byte order mark", "\xef\xbb\xbf# \xe0\n",
		wantErr{1, 3, `invalid UTF-8 byte 0xe0, which is "à" in Windows-1252`}},
	{"not Windows-1252", "# \x81\n",
		wantErr{1, 3, "invalid UTF-8 byte 0x81: the file is not all UTF-8; type this character again and save the file as UTF-8"}},
	{"UTF-8 with a bad byte", "# é\n[worksheet]\ntitle = \"ab\xe9\"\n",
		wantErr{3, 12, "invalid UTF-8 byte 0xe9: the file is not all UTF-8; type this character again and save the file as UTF-8"}},
}

// TestDecodeMistakes checks the messages of the usual mistakes.
func TestDecodeMistakes(t *testing.T) {
	for _, tt := range mistakes {
		t.Run(tt.name, func(t *testing.T) { decodeErrors(t, tt.src, []wantErr{tt.want}) })
	}
}

// FuzzMistakes checks, from the usual mistakes, that Decode never panics
// and that every error it returns is at a place in the file: a line and a
// column it has.
func FuzzMistakes(f *testing.F) {
	for _, m := range mistakes {
		f.Add([]byte(m.src))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Decode("f.toml", data)
		errs, _ := err.(Errors)
		lines := strings.Split(string(data), "\n")
		for _, e := range errs {
			if e.Line == 0 {
				continue // the whole file
			}
			if e.Line > len(lines) || e.Column < 1 || e.Column > len([]rune(lines[e.Line-1]))+1 {
				t.Errorf("%v: no such place in %q", e, data)
			}
		}
	})
}

// utf16LE returns ASCII text s in UTF-16, little-endian, without a byte
// order mark.
func utf16LE(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteByte(c)
		b.WriteByte(0)
	}
	return b.String()
}

// TestDecodeNoMistakes checks that what the mistakes look like in a valid
// file is no mistake: curly quotes inside straight ones, a backslash or a
// [section] line in text, a heading that starts with a year.
func TestDecodeNoMistakes(t *testing.T) {
	for _, src := range []string{
		"[worksheet]\ntitle = \"“The Purges”, „Die Säuberungen“, «Les purges», ‘x’\"\n" + // curly quotes are text
			"subtitle = '“quoted” and \"straight\"'\nauthor = \"\"\"«a»\"\"\" # “comment”\n[summary]\n",
		ws + "[[section.block]]\ntext = 'C:\\Users\\me and \\t'\n" +
			"[[section.block]]\nbullet = \"a \\\\ b\"\n" +
			"[[section.block]]\nquote = \"\"\"\n[section]\n[[section.block]]\nbullet = \"b\"\n\"\"\"\n",
		ws + "[[section.block]]\nimage = \"images/caf\\u00e9.png\"\nalt = \"\"\n" +
			"[[section.block]]\nimage = \"images/a.png\" # not C:\\images\\a.png\nalt = \"A\"\n",
		"[worksheet]\ntitle = \"T\"\n" +
			"[[section]]\nheading = \"1938-40: The Purges wind down\"\n" +
			"[[section]]\nheading = \"1.5 degrees of warming\"\n" +
			"[[section]]\nheading = \"12 Angry Men\"\n" +
			"[[section]]\nheading = \"1917\"\n",
		"[worksheet]\ntitle = \"T\"\nnumber_sections = false\n[[section]]\nheading = \"1. Introduction\"\n",
		"\xef\xbb\xbf[worksheet]\ntitle = \"Café\"\n[summary]\n",
	} {
		doc, err := Decode("x.toml", []byte(src))
		if err != nil {
			t.Errorf("%v\nin:\n%s", err, src)
			continue
		}
		if len(doc.Warnings) > 0 {
			t.Errorf("warnings %v\nin:\n%s", doc.Warnings, src)
		}
	}
}

// TestDecodeNumberedHeading checks the warning for a heading typed with its
// own number, when sections are numbered: it would print twice.
func TestDecodeNumberedHeading(t *testing.T) {
	src := "[worksheet]\ntitle = \"T\"\n" +
		"[[section]]\nheading = \"1. Introduction\"\n" +
		"[[section]]\nheading = \"Causes\"\n" +
		"[[section]]\nheading = '''\n  3) Course'''\n" +
		"[[section]]\nheading = \"4.1. The *effects*\"\n"
	doc, err := Decode("content/x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/x.toml:4:12: heading "1. Introduction" starts with a number, and sections are numbered for you: it prints as "1. 1. Introduction"; leave the number out, or set number_sections = false in [worksheet]`,
		`content/x.toml:9:3: heading "3) Course" starts with a number, and sections are numbered for you: it prints as "3. 3) Course"`,
		`content/x.toml:11:12: heading "4.1. The effects" starts with a number`,
	}
	if len(doc.Warnings) != len(want) {
		t.Fatalf("warnings:\n%v\nwant %d", doc.Warnings, len(want))
	}
	for i, w := range want {
		if got := doc.Warnings[i].Error(); !strings.HasPrefix(got, w) {
			t.Errorf("warning %d = %q, want %q", i, got, w)
		}
	}
}

// TestMistakesDocumented checks that each message docs/format.md shows for
// the usual mistakes is what Decode says, at the place it says, for one of
// the mistakes above.
func TestMistakesDocumented(t *testing.T) {
	md, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(md), "\n| mistake | message |\n")
	if !ok {
		t.Fatal("docs/format.md has no table of the usual mistakes")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	shown := regexp.MustCompile("`x\\.toml:(\\d+):(\\d+): ([^`]*?)(?: \\(…\\))?`").FindAllStringSubmatch(table, -1)
	if len(shown) < 7 {
		t.Fatalf("%d messages in the table of the usual mistakes, want at least 7", len(shown))
	}
	said := map[string]bool{}
	for _, m := range mistakes {
		if _, err := Decode("x.toml", []byte(m.src)); err != nil {
			said[err.Error()] = true
		}
	}
	for _, s := range shown {
		found := false
		for e := range said {
			found = found || strings.HasPrefix(e, strings.TrimSuffix(s[0][1:len(s[0])-1], " (…)"))
		}
		if !found {
			t.Errorf("docs/format.md shows %s, which no mistake of the test gets", s[0])
		}
	}
}
