package document

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestDecodeQuestion checks a question with parts and parts of parts:
// their texts, where each is, the marks added up where a part gives none,
// the ruling its parts take from it, the spaces to answer, the choices
// and their right ones.
func TestDecodeQuestion(t *testing.T) {
	src := head + `question = "Look at the table above."
ruling = "dotted"
parts = [
  { text = "Which cause came first?", marks = 1, answer_line = true, answer = "Kirov's murder" },
  { text = "Explain two effects.", parts = [
      { text = "on the army", marks = 2, lines = 2, min_lines = 1 },
      { text = "on the party", marks = 3, space_mm = 20, ruling = "grid" },
  ] },
  { text = "When?", choices = ["1934", "*1936*"], correct = [2, 1], columns = 2, lines = "fill" },
]
`
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	q := d.Sections[0].Blocks[0].Body.(*Question)
	plain := func(s string) []Inline { return []Inline{Plain(s)} }
	want := Part{
		Text: plain("Look at the table above."), Marks: 6, Marked: true, Ruling: Dotted, Pos: Pos{5, 1},
		Parts: []Part{
			{Text: plain("Which cause came first?"), Marks: 1, Marked: true, Ruling: Dotted, Space: Space{Line: true},
				Answer: Answer{Paragraphs: plain("Kirov's murder"), Pos: Pos{9, 70}}, Pos: Pos{9, 3}},
			{Text: plain("Explain two effects."), Marks: 5, Marked: true, Ruling: Dotted, Pos: Pos{10, 3},
				Parts: []Part{
					{Text: plain("on the army"), Marks: 2, Marked: true, Ruling: Dotted, Space: Space{Lines: 2, MinLines: 1}, Pos: Pos{11, 7}},
					{Text: plain("on the party"), Marks: 3, Marked: true, Ruling: Grid, Space: Space{MM: 20}, Pos: Pos{12, 7}},
				}},
			{Text: plain("When?"), Ruling: Dotted, Space: Space{Fill: true}, Pos: Pos{14, 3},
				Choices: []Inline{Plain("1934"), {{Text: "1936", Italic: true}}}, Correct: []int{0, 1}, Columns: 2},
		},
	}
	if !reflect.DeepEqual(q.Part, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", q.Part, want)
	}
	if m, marked := q.TotalMarks(); m != 6 || !marked {
		t.Errorf("TotalMarks() = %d, %v; want 6, true", m, marked)
	}
	var texts []string
	for _, in := range q.Texts(true) {
		texts = append(texts, in.String())
	}
	wantTexts := []string{"Look at the table above.", "Which cause came first?", "Kirov's murder", "Explain two effects.",
		"on the army", "on the party", "When?", "1934", "1936"}
	if !reflect.DeepEqual(texts, wantTexts) {
		t.Errorf("Texts(true) = %q, want %q", texts, wantTexts)
	}
}

// TestDecodeMatch checks a match block and its pairs.
func TestDecodeMatch(t *testing.T) {
	src := head + "match = \"Match them.\"\npairs = [[\"Yezhov\", \"shot in *1940*\"], [\"Trotsky\", \"killed in Mexico\"]]\nmarks = 2\n"
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := d.Sections[0].Blocks[0].Body.(*Match)
	want := &Match{Prompt: []Inline{Plain("Match them.")}, Marks: 2, Marked: true, Pairs: []Pair{
		{Plain("Yezhov"), Inline{{Text: "shot in "}, {Text: "1940", Italic: true}}},
		{Plain("Trotsky"), Plain("killed in Mexico")},
	}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("decoded %+v, want %+v", m, want)
	}
}

// TestDecodeQuestionSettings checks the [worksheet] keys of question
// papers and their defaults.
func TestDecodeQuestionSettings(t *testing.T) {
	d, err := Decode("x.toml", []byte(head+"question = \"Q\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := d.Worksheet; !w.NumberQuestions || !w.ShowTotal || w.GradingTable || w.ShuffleQuestions {
		t.Errorf("defaults: number_questions %v, show_total %v, grading_table %v, shuffle_questions %v", w.NumberQuestions, w.ShowTotal, w.GradingTable, w.ShuffleQuestions)
	}
	src := "[worksheet]\ntitle = \"T\"\nnumber_questions = false\nshow_total = false\ngrading_table = true\nshuffle_questions = true\n[[section]]\nheading = \"H\"\n[[section.block]]\nmatch = \"M\"\npairs = [[\"a\", \"b\"], [\"c\", \"d\"]]\nmarks = 1\n"
	if d, err = Decode("x.toml", []byte(src)); err != nil {
		t.Fatal(err)
	}
	if w := d.Worksheet; w.NumberQuestions || w.ShowTotal || !w.GradingTable || w.GradingPos != (Pos{5, 1}) || !w.ShuffleQuestions {
		t.Errorf("set: %+v", w)
	}
}

// TestQuestionErrors checks the errors of question and match blocks,
// each at its line and column: in a part written as an inline table, at
// its key, or at the part's "{".
func TestQuestionErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []wantErr
	}{
		{"marks disagree", head + "question = \"Q\"\nmarks = 4\nparts = [{text = \"a\", marks = 1}, {text = \"b\", marks = 2}]\n", []wantErr{
			{7, 1, "marks = 4, but the marks of its parts add up to 3: give marks = 3, or leave marks out to take its parts' total"}}},
		{"marks of a part disagree", head + "question = \"Q\"\nparts = [\n  {text = \"a\", marks = 5, parts = [{text = \"i\", marks = 2}]},\n]\n", []wantErr{
			{8, 16, "marks = 5, but the marks of its parts add up to 2"}}},
		{"part without text", head + "question = \"Q\"\nparts = [{text = \"a\"}, {lines = 2}]\n", []wantErr{
			{7, 24, "part (b) has no text: add text = \"...\""}}},
		{"sub-part without text", head + "question = \"Q\"\nparts = [{text = \"a\", parts = [{text = \"i\"}, {marks = 1}]}]\n", []wantErr{
			{7, 46, "part (a)(ii) has no text"}}},
		{"unknown key in a part", head + "question = \"Q\"\nparts = [{text = \"a\", line = 2}]\n", []wantErr{
			{7, 23, `unknown key "line" in part (a) (did you mean "lines"?)`}}},
		{"empty part", head + "question = \"Q\"\nparts = [{text = \" \"}]\n", []wantErr{
			{7, 11, `key "text" must not be empty unless part (a) has parts`}}},
		{"empty question", head + "question = \"\"\n", []wantErr{
			{6, 1, `key "question" must not be empty unless the question has parts`}}},
		{"too deep", head + "question = \"Q\"\nparts = [{text = \"a\", parts = [{text = \"i\", parts = [{text = \"x\"}]}]}]\n", []wantErr{
			{7, 45, "parts nest 3 levels at most: a question, its parts (a), (b) … and their parts (i), (ii) …; part (a)(i) cannot have parts"}}},
		{"two spaces", head + "question = \"Q\"\nspace_mm = 20\nlines = 3\n", []wantErr{
			{8, 1, `a question has one place to answer: give lines, space_mm or answer_line, not both "space_mm" and "lines"`}}},
		{"two spaces in a part", head + "question = \"Q\"\nparts = [{text = \"a\", answer_line = true, lines = 2}]\n", []wantErr{
			{7, 43, `part (a) has one place to answer: give lines, space_mm or answer_line, not both "answer_line" and "lines"`}}},
		{"choices without correct", head + "question = \"Q\"\nchoices = [\"a\", \"b\"]\n", []wantErr{
			{7, 1, "a question with choices needs correct, the number of the right choice (1 for the first), such as correct = 2"}}},
		{"correct without choices", head + "question = \"Q\"\ncorrect = 1\ncolumns = 2\n", []wantErr{
			{7, 1, "correct is only for a question or part with choices"},
			{8, 1, "columns is only for a question or part with choices"}}},
		{"correct past the last", head + "question = \"Q\"\nchoices = [\"a\", \"b\"]\ncorrect = 3\n", []wantErr{
			{8, 1, "correct = 3, but there are 2 choices: give a number from 1 to 2"}}},
		{"correct in an array", head + "question = \"Q\"\nchoices = [\"a\", \"b\", \"c\"]\ncorrect = [1, \"2\", 1, 4, 13]\n", []wantErr{
			{8, 15, `item 2 of "correct" must be an integer, not a string`},
			{8, 20, `item 3 of "correct" = 1 names choice 1 again`},
			{8, 23, `item 4 of "correct" = 4, but there are 3 choices: give numbers from 1 to 3`},
			{8, 26, `item 5 of "correct" = 13 is out of range 1..12`}}},
		{"correct of another type", head + "question = \"Q\"\nchoices = [\"a\", \"b\"]\ncorrect = \"A\"\n", []wantErr{
			{8, 1, `key "correct" must be an integer or an array of integers, not a string`}}},
		{"too few choices", head + "question = \"Q\"\nchoices = [\"a\"]\ncorrect = 1\n", []wantErr{
			{7, 1, "choices has 1: give 2 to 12 choices"}}},
		{"too many choices", head + "question = \"Q\"\nchoices = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\"]\ncorrect = 1\n", []wantErr{
			{7, 72, `too many items: this is item 13 of 13 in "choices", and a question may have at most 12`}}},
		{"empty choice", head + "question = \"Q\"\nchoices = [\"a\", \"\"]\ncorrect = 1\n", []wantErr{
			{7, 17, `item 2 of "choices" is empty`}}},
		{"answer line with choices", head + "question = \"Q\"\nchoices = [\"a\", \"b\"]\ncorrect = 1\nanswer_line = true\n", []wantErr{
			{9, 1, "answer_line is not for a question with choices: the ticked box is the answer"}}},
		{"match without pairs", head + "match = \"M\"\n", []wantErr{
			{5, 1, `a match block needs pairs, each a text and what it matches: add pairs = [["Yezhov", "shot in 1940"], ["Trotsky", "killed in Mexico"]]`}}},
		{"bad pairs", head + "match = \"M\"\npairs = [[\"a\", \"b\"], \"c\", [\"d\"], [\"e\", 5], [\" \", \"f\"]]\n", []wantErr{
			{7, 22, `item 2 of "pairs" must be a pair of texts, such as ["Yezhov", "shot in 1940"], not a string`},
			{7, 27, `item 3 of "pairs" must be a pair of texts, such as ["Yezhov", "shot in 1940"], not an array of 1 values`},
			{7, 40, "the right text of pair 4 must be a string, not an integer"},
			{7, 45, "the left text of pair 5 is empty"}}},
		{"one pair", head + "match = \"M\"\npairs = [[\"a\", \"b\"]]\n", []wantErr{
			{7, 1, "pairs has 1: give 2 to 20 pairs"}}},
		{"pairs of another type", head + "match = \"M\"\npairs = \"a\"\n", []wantErr{
			{7, 1, `key "pairs" must be an array of pairs, such as [["Yezhov", "shot in 1940"], ["Trotsky", "killed in Mexico"]], not a string`}}},
		{"markup error in a part", head + "question = \"Q\"\nparts = [{text = \"an *open phrase\"}]\n", []wantErr{
			{7, 22, "unclosed *"}}},
		{"grading table without marks", "[worksheet]\ntitle = \"T\"\ngrading_table = true\n[[section]]\nheading = \"H\"\n[[section.block]]\nquestion = \"Q\"\n", []wantErr{
			{3, 1, "grading_table = true, but no question has marks: give questions marks, or leave grading_table out"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %v, want Errors", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				if e := errs[i]; e.Line != w.line || e.Column != w.col || !strings.Contains(e.Msg, w.msg) {
					t.Errorf("error %d = %q, want %d:%d and %q", i, e.Error(), w.line, w.col, w.msg)
				}
			}
		})
	}
}

// TestPartLabel checks the labels of parts.
func TestPartLabel(t *testing.T) {
	for _, c := range []struct {
		level, i int
		want     string
	}{{2, 0, "(a)"}, {2, 25, "(z)"}, {3, 0, "(i)"}, {3, 3, "(iv)"}, {3, 8, "(ix)"}, {3, 13, "(xiv)"}, {3, 18, "(xix)"}, {3, 25, "(xxvi)"}} {
		if got := PartLabel(c.level, c.i); got != c.want {
			t.Errorf("PartLabel(%d, %d) = %q, want %q", c.level, c.i, got, c.want)
		}
	}
}
