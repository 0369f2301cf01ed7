package document

import (
	"fmt"
	"strings"
	"testing"
)

// limitHead is the start of the files TestLimits builds: 2 lines.
const limitHead = "[worksheet]\ntitle = \"Limits\"\n"

// sections returns n sections of one text block each, the first header on
// line 3 of a file that starts with limitHead.
func sections(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString("[[section]]\nheading = \"H\"\n[[section.block]]\ntext = \"T\"\n")
	}
	return b.String()
}

// blocks returns a file of one section with n text blocks, the section
// header on line 3 and block k (from 1) on line 5+2(k-1), plus m blocks in
// a second section.
func blocks(n, m int) string {
	var b strings.Builder
	b.WriteString(limitHead + "[[section]]\nheading = \"H\"\n")
	for range n {
		b.WriteString("[[section.block]]\ntext = \"T\"\n")
	}
	if m > 0 {
		b.WriteString("[[section]]\nheading = \"H2\"\n")
		for range m {
			b.WriteString("[[section.block]]\ntext = \"T\"\n")
		}
	}
	return b.String()
}

// oneBlock returns a file whose only block is the lines of block, its
// header on line 5 and block on line 6.
func oneBlock(block string) string {
	return limitHead + "[[section]]\nheading = \"H\"\n[[section.block]]\n" + block + "\n"
}

// items returns a task block's items key of n items, one a line.
func items(n int) string {
	var b strings.Builder
	b.WriteString("task = \"Do\"\nitems = [\n")
	for range n {
		b.WriteString("  \"i\",\n")
	}
	b.WriteString("]")
	return b.String()
}

// nested returns an array value nested n deep.
func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// nestedText returns n brackets and braces nested, as printed text may
// have them: "[{[{…}]}]", without the "[[" of a gap.
func nestedText(n int) string {
	return strings.Repeat("[{", n/2) + strings.Repeat("}]", n/2)
}

// padded returns head and a comment line that makes head n bytes long.
func padded(head string, n int) string {
	return head + "#" + strings.Repeat("x", n-len(head)-2) + "\n"
}

// TestLimits decodes files just at and just past each limit of a content
// file: at it, no error about the limit; past it, one that names the file,
// the line and column and the limit.
func TestLimits(t *testing.T) {
	long := strings.Repeat("é", MaxTextChars) // characters, not bytes, count
	url := "https://example.com/" + strings.Repeat("a", MaxURLBytes-len("https://example.com/"))
	tests := []struct {
		name string
		src  string
		want string // the error, "" for none
	}{
		{"file size at", padded(oneBlock(`text = "T"`), MaxFileBytes), ""},
		{"file size past", padded(oneBlock(`text = "T"`), MaxFileBytes+1),
			"x.toml: file is more than 2 MB: a content file may be at most 2 MB (2097152 bytes); split it into several files"},
		{"file size far past", padded(oneBlock(`text = "T"`), 3*MaxFileBytes),
			"x.toml: file is 6 MB: a content file may be at most 2 MB (2097152 bytes); split it into several files"},

		{"nesting at", oneBlock("text = \"T\"\nx = " + nested(MaxNesting)), `x.toml:7:1: unknown key "x"`},
		{"nesting past", oneBlock("text = \"T\"\nx = " + nested(MaxNesting+1)),
			"x.toml:7:15: arrays and tables nested more than 10 deep: the format needs far fewer (at most 10)"},
		{"nesting past, inline tables", oneBlock("text = \"T\"\nx = " + strings.Repeat("{a=", 11) + strings.Repeat("}", 11)),
			"x.toml:7:35: arrays and tables nested more than 10 deep"},
		{"nesting in a string", oneBlock(`text = "` + nestedText(100) + `"`), ""},
		{"nesting in a comment", oneBlock("text = \"T\" # " + nested(100)), ""},
		{"nesting in a multi-line string", oneBlock("text = '''\n" + nestedText(100) + "'''"), ""},
		{"dotted key at", oneBlock("text = \"T\"\n" + strings.Repeat("a.", MaxNesting-1) + "a = 1"), `x.toml:7:1: unknown key "a"`},
		{"dotted key past", oneBlock("text = \"T\"\n" + strings.Repeat("a.", MaxNesting) + "a = 1"),
			"x.toml:7:21: a dotted key of more than 10 parts: the format needs far fewer (at most 10)"},
		{"dotted key past, quoted", oneBlock("text = \"T\"\n" + strings.Repeat(`"a" . `, MaxNesting) + "a = 1"),
			"x.toml:7:61: a dotted key of more than 10 parts"},

		{"sections at", limitHead + sections(MaxSections), ""},
		{"sections past", limitHead + sections(MaxSections+1),
			"x.toml:2003:1: too many sections: this is section 501 of 501, and a file may have at most 500; split it into several files"},

		{"blocks at", blocks(MaxBlocks, 0), ""},
		{"blocks past", blocks(MaxBlocks+1, 0),
			"x.toml:4005:1: too many blocks: this is block 2001 of the file, and a file may have at most 2000; split it into several files"},
		{"blocks at, two sections", blocks(MaxBlocks-1, 1), ""},
		{"blocks past, two sections", blocks(MaxBlocks-1, 2),
			"x.toml:4007:1: too many blocks: this is block 2001 of the file"},

		{"blocks and parts at", blocks(MaxBlocks-27, 0) + questionParts(26), ""},
		{"blocks and parts past", blocks(MaxBlocks-28, 0) + questionParts(27),
			"x.toml:3951:374: too many parts: this is part 27 of 27, and the question may have at most 26"},
		{"parts past blocks", blocks(MaxBlocks-10, 0) + questionParts(11),
			"x.toml:3987:136: too many blocks and parts: this part is block 2001 of the file, counting each part of a question as a block, and a file may have at most 2000"},
		{"parts past blocks, at each level", blocks(MaxBlocks-30, 0) + "[[section.block]]\nquestion = \"Q\"\nparts = [{text = \"a\", parts = [" +
			strings.Repeat("{text = \"i\"}, ", 26) + "]}, {text = \"b\", parts = [{text = \"i\"}, {text = \"ii\"}, {text = \"iii\"}]}]\n",
			"x.toml:3947:436: too many blocks and parts: this part is block 2001 of the file"},

		{"items at", oneBlock(items(MaxItems)), ""},
		{"items past", oneBlock(items(MaxItems + 1)),
			`x.toml:108:3: too many items: this is item 101 of 101 in "items", and a task may have at most 100`},

		{"text at", oneBlock(`text = "` + long + `"`), ""},
		{"text past", oneBlock(`text = "` + long + `é"`),
			`x.toml:6:1: key "text" is 20001 characters long: a text may have at most 20000 characters; split it into several blocks`},
		{"title past", "[worksheet]\n  title = \"" + long + "x\"\n" + sections(1),
			`x.toml:2:3: key "title" is 20001 characters long: a text may have at most 20000 characters`},
		{"item at", oneBlock("task = \"Do\"\nitems = [\"a\", \"" + long + "\"]"), ""},
		{"item past", oneBlock("task = \"Do\"\nitems = [\"a\", \"" + long + "x\"]"),
			`x.toml:7:15: item 2 of "items" is 20001 characters long: a text may have at most 20000 characters`},

		{"footer at", "[worksheet]\ntitle = \"T\"\nfooter = \"" + strings.Repeat("f", MaxFooterChars) + "\"\n" + sections(1), ""},
		{"footer past", "[worksheet]\ntitle = \"T\"\nfooter = \"" + strings.Repeat("f", MaxFooterChars+1) + "\"\n" + sections(1),
			"x.toml:3:1: footer is 201 characters long: a footer may have at most 200"},

		{"footer_link at", "[worksheet]\ntitle = \"T\"\nfooter_link = \"" + url + "\"\n" + sections(1), ""},
		{"footer_link past", "[worksheet]\ntitle = \"T\"\nfooter_link = \"" + url + "a\"\n" + sections(1),
			"x.toml:3:1: footer_link is 2001 characters long: a URL may have at most 2000"},
		{"link URL at", oneBlock(`text = "See [this](` + url + `)."`), ""},
		{"link URL past", oneBlock(`text = "See [this](` + url + `a)."`),
			"x.toml:6:20: link URL is 2001 characters long: a URL may have at most 2000"},

		{"panels at", limitHead + strings.Repeat("[[summary.panel]]\nheading = \"P\"\n", MaxPanels), ""},
		{"panels past", limitHead + strings.Repeat("[[summary.panel]]\nheading = \"P\"\n", MaxPanels+1),
			"x.toml:27:1: too many panels: a summary has at most 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("error:\n%v\nwant none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want\n%s", tt.want)
			}
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			if !strings.HasPrefix(first, tt.want) {
				t.Errorf("error:\n%s\nwant it to start\n%s", first, tt.want)
			}
		})
	}
}

// hostileNesting is nesting far past MaxNesting, which the TOML parser
// would take minutes over or overflow its stack on.
func hostileNesting() []string {
	const n = 100_000
	return []string{
		"a = " + nested(n),
		"a = " + strings.Repeat("[", n),
		"a = " + strings.Repeat("{a=", n) + strings.Repeat("}", n),
		strings.Repeat("a.", n) + "a = 1",
		"[" + strings.Repeat("a.", n) + "a]",
	}
}

// TestHostileNesting checks that hostile nesting is refused before it is
// parsed; BenchmarkHostileNesting measures how fast.
func TestHostileNesting(t *testing.T) {
	for _, src := range hostileNesting() {
		_, err := Decode("x.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("(at most %d)", MaxNesting)) {
			t.Errorf("%.12s…: error %v, want one about nesting", src, err)
		}
	}
}

func BenchmarkHostileNesting(b *testing.B) {
	srcs := hostileNesting()
	for b.Loop() {
		for _, src := range srcs {
			Decode("x.toml", []byte(src))
		}
	}
}

// longLine is a line of 100,000 values, whose positions the index counts
// on from the last one, in about linear time (BenchmarkLongLineIndex).
var longLine = limitHead + "x = [" + strings.Repeat("{a=1},", 100_000) + "]\n" + sections(1)

// TestLongLineIndex checks the error of a long line of many values.
func TestLongLineIndex(t *testing.T) {
	_, err := Decode("x.toml", []byte(longLine))
	if err == nil || !strings.Contains(err.Error(), `x.toml:3:1: unknown key "x"`) {
		t.Errorf("error %v, want an unknown key", err)
	}
}

func BenchmarkLongLineIndex(b *testing.B) {
	for b.Loop() {
		Decode("x.toml", []byte(longLine))
	}
}

// questionParts returns a question block of n parts, to end a file.
func questionParts(n int) string {
	return "[[section.block]]\nquestion = \"Q\"\nparts = [" + strings.Repeat("{text = \"P\"}, ", n) + "]\n"
}
