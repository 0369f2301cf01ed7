package document

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseGaps(t *testing.T) {
	tests := []struct {
		in   string
		want Inline
	}{
		{"in [[1938]].", Inline{{Text: "in "}, {Text: "1938", Gap: true}, {Text: "."}}},
		{"[[a]][[b]]", Inline{{Text: "a", Gap: true}, {Text: "b", Gap: true}}},
		{"[[ Great Terror ]]", Inline{{Text: "Great Terror", Gap: true}}},
		{"*[[Pravda]]* said", Inline{{Text: "Pravda", Italic: true, Gap: true}, {Text: " said"}}},
		{"**a [[b]] c**", Inline{{Text: "a ", Bold: true}, {Text: "b", Bold: true, Gap: true}, {Text: " c", Bold: true}}},
		{"[[5*3]] and [[a * b]]", Inline{{Text: "5*3", Gap: true}, {Text: " and "}, {Text: "a * b", Gap: true}}},
		{`[[a\]b\[c\\]]`, Inline{{Text: `a]b[c\`, Gap: true}}},
		{"[[x]]]", Inline{{Text: "x", Gap: true}, {Text: "]"}}},
		{"[[x]] [link](https://x.org)", Inline{{Text: "x", Gap: true}, {Text: " "}, {Text: "link", URL: "https://x.org"}}},
		// Escapes make literal brackets.
		{`\[\[x]]`, Plain("[[x]]")},
		{`\[[x]]`, Plain("[[x]]")},
		{`[\[x]]`, Plain("[[x]]")},
		{"[a [b]", Plain("[a [b]")},
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
	// Smart quotes work inside a gap.
	got, _ := parseInline(`"[[Stalin's]]"`, true, "")
	if want := (Inline{{Text: "“"}, {Text: "Stalin’s", Gap: true}, {Text: "”"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("smart gap = %#v, want %#v", got, want)
	}
}

func TestParseGapErrors(t *testing.T) {
	tests := []struct {
		in     string
		noGaps string
		off    int
		msg    string
	}{
		{"in [[1938", "", 3, "gap has no closing ]]"},
		{"in [[1938] ok", "", 9, "a gap's answer cannot hold ]"},
		{"[[a [b]]", "", 4, "a gap's answer cannot hold ["},
		{"x [[]]", "", 2, "gap has no answer"},
		{"x [[   ]]", "", 2, "gap has no answer"},
		{"x [[\u00ad]]", "", 2, "gap has no answer"},
		{"[[*Pravda*]]", "", 2, "* inside a gap"},
		{"*a [[b*]]", "", 6, "* inside a gap"},
		{"The [[end]]", "a heading", 4, "a heading cannot have a gap ([[...]])"},
	}
	for _, tt := range tests {
		checkInlineError(t, tt.in, tt.noGaps, tt.off, tt.msg)
	}
}

// TestDecodeGaps checks where gaps may be, and their errors' positions.
func TestDecodeGaps(t *testing.T) {
	ok := []string{
		head + "bullet = \"a [[b]]\"\n",
		head + "text = \"a [[b]]\\n\\nc [[d]]\"\n",
		head + "quote = \"a [[b]]\"\nsource = \"S\"\n",
		head + "notes = \"a [[b]]\"\n",
		head + "task = \"a [[b]]\"\nitems = [\"c [[d]]\"]\n",
		head + "question = \"In [[1938]]?\"\nparts = [{text = \"a [[b]]\", answer_line = true, answer = \"c\"}]\n",
		head + "match = \"Match [[a]]\"\npairs = [[\"a\", \"b\"], [\"c\", \"d\"]]\n",
		head + "table = \"T\"\nheader = [\"A\"]\nrows = [[\"a [[b]]\"], [\"\"]]\nanswers = [[\"\"], [\"c\"]]\n",
		// The footer has no markup: its brackets are printed as typed.
		"[worksheet]\ntitle = \"T\"\nfooter = \"[[x]]\"\n[summary]\n",
	}
	for _, src := range ok {
		if _, err := Decode("x.toml", []byte(src)); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
	bad := []struct {
		name, src string
		want      wantErr
	}{
		{"title", "[worksheet]\ntitle = \"The [[end]]\"\n[summary]\n", wantErr{2, 14, "a title cannot have a gap"}},
		{"subtitle", "[worksheet]\ntitle = \"T\"\nsubtitle = \"[[x]]\"\n[summary]\n", wantErr{3, 13, "a subtitle cannot have a gap"}},
		{"heading", "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"[[x]]\"\n", wantErr{4, 12, "a heading cannot have a gap"}},
		{"source", head + "quote = \"q\"\nsource = \"[[x]]\"\n", wantErr{7, 11, "a source cannot have a gap"}},
		{"label", head + "task = \"t\"\nlabel = \"[[x]]\"\n", wantErr{7, 10, "a label cannot have a gap"}},
		{"answer", head + "notes = \"n\"\nanswer = \"a [[x]]\"\n", wantErr{7, 13, "an answer cannot have a gap"}},
		{"caption", head + "image = \"a.png\"\ncaption = \"[[x]]\"\n", wantErr{7, 12, "a caption cannot have a gap"}},
		{"panel prompt", "[worksheet]\ntitle = \"T\"\n[summary]\n[[summary.panel]]\nheading = \"H\"\nprompt = \"[[x]]\"\n", wantErr{6, 11, "a panel's prompt cannot have a gap"}},
		{"choice", head + "question = \"Q\"\nchoices = [\"a\", \"[[b]]\"]\ncorrect = 1\n", wantErr{7, 18, "a choice cannot have a gap"}},
		{"matching pair", head + "match = \"M\"\npairs = [[\"a\", \"b\"], [\"c\", \"[[d]]\"]]\n", wantErr{7, 29, "a matching pair cannot have a gap"}},
		{"table caption", head + "table = \"[[x]]\"\nrows = [[\"a\"]]\n", wantErr{6, 10, "a table's caption cannot have a gap"}},
		{"table header", head + "table = \"T\"\nheader = [\"[[x]]\"]\n", wantErr{7, 12, "a table's header cannot have a gap"}},
		{"table answers", head + "table = \"T\"\nrows = [[\"\"]]\nanswers = [[\"[[x]]\"]]\n", wantErr{8, 14, "an answer cannot have a gap"}},
		{"unclosed in an item", head + "task = \"t\"\nitems = [\"ok\", 'a [[b']\n", wantErr{7, 19, "gap has no closing ]]"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src))
			es, _ := err.(Errors)
			if len(es) != 1 || es[0].Line != tt.want.line || es[0].Column != tt.want.col || !strings.Contains(es[0].Msg, tt.want.msg) {
				t.Errorf("got %v\nwant x.toml:%d:%d: …%s…", err, tt.want.line, tt.want.col, tt.want.msg)
			}
		})
	}
}

func TestGapMM(t *testing.T) {
	d, err := Decode("x.toml", []byte(head+"text = \"x\"\n"))
	if err != nil || d.Worksheet.GapMM != DefaultGapMM {
		t.Fatalf("default gap_mm: %v, %v", d, err)
	}
	d, err = Decode("x.toml", []byte("[worksheet]\ntitle = \"T\"\ngap_mm = 45.5\n[summary]\n"))
	if err != nil || d.Worksheet.GapMM != 45.5 {
		t.Fatalf("gap_mm = 45.5: %v, %v", d, err)
	}
	_, err = Decode("x.toml", []byte("[worksheet]\ntitle = \"T\"\ngap_mm = 5\n[summary]\n"))
	if err == nil || err.Error() != "x.toml:3:1: gap_mm = 5 is out of range 10..100" {
		t.Errorf("gap_mm = 5: %v", err)
	}
}

// bankSection is a file whose one section has the lines of its
// [[section]] table and then blocks.
func bankSection(section, blocks string) string {
	return "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n" + section + blocks
}

func TestWordBank(t *testing.T) {
	blocks := "[[section.block]]\ntext = \"In [[1938]] [[Yezhov]] fell; [[beria]] rose.\"\n" +
		"[[section.block]]\ntask = \"t\"\nitems = [\"[[Éire]] and [[Beria]] and [[ezhov]]\"]\n"
	d, err := Decode("x.toml", []byte(bankSection("word_bank = true\ndistractors = [\"Kirov\", \"*Zinoviev*\", \"eire\"]\n", blocks)))
	if err != nil {
		t.Fatal(err)
	}
	// Alphabetical ignoring case and accents, unaccented first; each
	// word once, as first written; distractors as they read.
	want := []string{"1938", "beria", "eire", "Éire", "ezhov", "Kirov", "Yezhov", "Zinoviev"}
	if got := d.Sections[0].WordBank; !reflect.DeepEqual(got, want) {
		t.Errorf("WordBank = %q, want %q", got, want)
	}
	// No word bank without word_bank.
	d, err = Decode("x.toml", []byte(bankSection("word_bank = false\n", blocks)))
	if err != nil || d.Sections[0].WordBank != nil {
		t.Errorf("word_bank = false: %v, %v", d.Sections[0].WordBank, err)
	}

	bad := []struct {
		name, section, blocks string
		want                  wantErr
	}{
		{"no gaps", "word_bank = true\n", "[[section.block]]\ntext = \"x\"\n", wantErr{5, 1, "word_bank = true, but the section has no gaps to list"}},
		{"no blocks", "word_bank = true\n", "", wantErr{5, 1, "the section has no gaps"}},
		{"distractors alone", "distractors = [\"x\"]\n", blocks, wantErr{5, 1, "distractors are words mixed into the section's word bank: add word_bank = true"}},
		{"distractors, word_bank false", "word_bank = false\ndistractors = [\"x\"]\n", blocks, wantErr{6, 1, "add word_bank = true"}},
		{"a distractor that is an answer", "word_bank = true\ndistractors = [\"Kirov\", \"YEZHOV\"]\n", blocks, wantErr{6, 25, `distractor "YEZHOV" is the answer of a gap in this section`}},
		{"a distractor twice", "word_bank = true\ndistractors = [\"Kirov\", \"kirov\"]\n", blocks, wantErr{6, 25, `distractor "kirov" is given twice`}},
		{"an empty distractor", "word_bank = true\ndistractors = [\" \"]\n", blocks, wantErr{6, 16, `item 1 of "distractors" is empty`}},
		{"a gap in a distractor", "word_bank = true\ndistractors = [\"[[x]]\"]\n", blocks, wantErr{6, 17, "a distractor cannot have a gap"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(bankSection(tt.section, tt.blocks)))
			es, _ := err.(Errors)
			if len(es) != 1 || es[0].Line != tt.want.line || es[0].Column != tt.want.col || !strings.Contains(es[0].Msg, tt.want.msg) {
				t.Errorf("got %v\nwant x.toml:%d:%d: …%s…", err, tt.want.line, tt.want.col, tt.want.msg)
			}
		})
	}
}

func TestInlineGaps(t *testing.T) {
	in := Inline{{Text: "a "}, {Text: "b\u00adc", Gap: true}, {Text: " d"}, {Text: "e", Gap: true}}
	if got := in.Gaps(); !reflect.DeepEqual(got, []string{"bc", "e"}) {
		t.Errorf("Gaps = %q", got)
	}
	if got := in.String(); got != "a bc de" {
		t.Errorf("String = %q", got)
	}
}

// TestGapsFormatExample decodes the example of docs/format.md's "Gaps and
// word banks".
func TestGapsFormatExample(t *testing.T) {
	data, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(data), "\n## Gaps and word banks\n")
	_, rest, ok := strings.Cut(rest, "```toml\n")
	src, _, _ := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("docs/format.md has no example of gaps")
	}
	d, err := Decode("docs/format.md gaps", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1938", "1941", "Beria", "Kirov", "Mexico", "Zinoviev"}
	if got := d.Sections[0].WordBank; !reflect.DeepEqual(got, want) {
		t.Errorf("word bank %q, want %q", got, want)
	}
}
