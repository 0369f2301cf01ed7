package document

import (
	"slices"
	"strings"
)

// This file holds the question kind of block, with its parts, and what
// it shares with the match kind (match.go): marks, and the number every
// question of a paper gets (see Numbered).

// The limits of questions.
const (
	// MaxMarks is the most marks a question or part may give.
	MaxMarks = 100
	// MaxParts is the most parts a question, or a part, may have: (a) to
	// (z), (i) to (xxvi).
	MaxParts = 26
	// MaxDepth is how deep parts nest: a question, its parts (a), (b) …
	// and their parts (i), (ii) ….
	MaxDepth = 3
	// MinChoices and MaxChoices bound the choices of a question, A to L.
	MinChoices, MaxChoices = 2, 12
	// MinPairs and MaxPairs bound the pairs of a match block.
	MinPairs, MaxPairs = 2, 20
	// MinSpaceMM and MaxSpaceMM bound space_mm, the blank space to answer
	// in, in millimetres.
	MinSpaceMM, MaxSpaceMM = 5, 250
)

// Numbered is a block that is a question of the paper: the layout numbers
// such blocks 1, 2, 3 … through the worksheet, across its sections
// (unless [worksheet] number_questions = false), and adds up their marks.
// *Question and *Match are.
type Numbered interface {
	BlockBody
	// TotalMarks returns what the question is worth, and whether it has
	// marks at all (its own, or its parts').
	TotalMarks() (marks int, marked bool)
}

// Question is a numbered question: question = "…", with its marks, a
// place to answer or choices to tick, a model answer, and parts (a), (b)
// … which may have parts (i), (ii) … of their own. The question is the
// first of the three levels of Part.
type Question struct {
	Part
}

// Part is a question, or one of its parts: what it asks, what it is
// worth, where it is answered, and its own parts. Its text comes first,
// then its choices, then its space to answer, then its parts.
type Part struct {
	Text []Inline // its paragraphs; none for one that is all parts
	// Marks is what it is worth: the marks it gives, 0 to 100, or, when
	// it gives none, what its parts' marks add up to.
	Marks int
	// Marked says whether it has marks: its own, or some of its parts'.
	// The layout prints marks at a part that is marked and none of whose
	// parts are.
	Marked  bool
	Space   Space    // where it is answered
	Ruling  Ruling   // how its lines are ruled: its own ruling, or its question's or part's
	Choices []Inline // choices to tick, lettered A, B, C …: none, or 2 to 12
	Correct []int    // the right choices, as indexes into Choices, in order; at least one when there are choices
	Columns int      // the choices' columns, 1 to 12; 0: as many as fit on a line
	Answer  Answer   // the model answer, written in its space in the answer key
	Parts   []Part   // its parts: (a), (b) … of a question, (i), (ii) … of a part
	Pos     Pos      // where it is: the block's header, or the part's table
}

// Space is where a question or part is answered. The zero Space is none.
// At most one of Lines (or Fill), MM and Line is set.
type Space struct {
	Lines    int     // ruled writing lines, 1 to 60; 0 for none
	Fill     bool    // lines = "fill": lines to the foot of the page
	MinLines int     // the fewest lines fit_pages may leave; 0: the worksheet's min_lines
	MM       float64 // space_mm: blank space, in millimetres; 0 for none
	Line     bool    // answer_line = true: a short line at the end of the text
}

// KindKey implements BlockBody.
func (*Question) KindKey() string { return "question" }

// Texts implements BlockBody: each part's text, choices and, with
// answers, model answer, then its parts', in the order they are printed.
func (q *Question) Texts(answers bool) []Inline { return q.Part.texts(nil, answers) }

// texts appends p's printed texts to out.
func (p *Part) texts(out []Inline, answers bool) []Inline {
	out = append(out, p.Text...)
	out = append(out, p.Choices...)
	if answers {
		out = append(out, p.Answer.Paragraphs...)
	}
	for i := range p.Parts {
		out = p.Parts[i].texts(out, answers)
	}
	return out
}

// TotalMarks implements Numbered.
func (q *Question) TotalMarks() (int, bool) { return q.Marks, q.Marked }

func (*Question) blockBody() {}

// partKeys are the keys of a part's table: those of a question block,
// with text for question.
var partKeys = []string{"text", "marks", "lines", "space_mm", "answer_line", "ruling", "min_lines", "answer",
	"parts", "choices", "correct", "columns"}

// readQuestion reads a question block.
func readQuestion(d *decoder, t *table) BlockBody {
	return &Question{Part: d.part(t, "question", 1, Lines, "the question")}
}

// part reads a question or a part from t, whose text is at textKey, at
// level (1 for a question, 2 for its parts, 3 for theirs); ruling is its
// parent's, which it takes unless it gives its own, and name is how
// messages call it, such as "part (b)".
func (d *decoder) part(t *table, textKey string, level int, ruling Ruling, name string) Part {
	p := Part{Pos: t.pos(), Ruling: ruling}
	if level > 1 && !t.has(textKey) {
		t.d.errorf(t.pos(), "%s has no text: add text = \"...\"", name)
	}
	p.Text, _ = t.paragraphs(textKey)
	if v, ok := t.integer("marks", 0, MaxMarks); ok {
		p.Marks, p.Marked = v, true
	}
	p.Space = t.space()
	if t.has("ruling") {
		p.Ruling = t.ruling()
	}
	d.choices(t, &p)
	p.Answer = t.answer()
	if t.has("parts") {
		p.Parts = d.parts(t, level, p.Ruling, name)
	}
	if len(p.Text) == 0 && len(p.Parts) == 0 && t.has(textKey) {
		t.errorf(textKey, "key %q must not be empty unless %s has parts", textKey, name)
	}
	p.addMarks(t)
	return p
}

// parts reads the parts of a part at level, whose ruling and name they
// take theirs from.
func (d *decoder) parts(t *table, level int, ruling Ruling, name string) []Part {
	if level == MaxDepth {
		t.get("parts")
		t.errorf("parts", "parts nest %d levels at most: a question, its parts (a), (b) … and their parts (i), (ii) …; %s cannot have parts", MaxDepth, name)
		return nil
	}
	ts, ok := t.tables("parts", "parts", partKeys)
	if ok && len(ts) == 0 {
		t.errorf("parts", "parts is empty: give at least one part, or leave parts out")
	}
	if len(ts) > MaxParts {
		t.d.errorf(ts[MaxParts].pos(), "too many parts: this is part %d of %d, and %s may have at most %d", MaxParts+1, len(ts), name, MaxParts)
		ts = ts[:MaxParts]
	}
	ts = d.countBlocks(ts, "too many blocks and parts: this part is block %d of the file, counting each part of a question as a block, and a file may have at most %d; split it into several files")
	out := make([]Part, 0, len(ts))
	for i, pt := range ts {
		pname := "part " + PartLabel(level+1, i)
		if level > 1 {
			pname = name + PartLabel(level+1, i)
		}
		pt.name = pname
		out = append(out, d.part(pt, "text", level+1, ruling, pname))
		pt.finish()
	}
	return out
}

// addMarks gives p, once its parts are read, its parts' total when it has
// no marks of its own, and reports, at its marks key, marks that are not
// what its marked parts add up to.
func (p *Part) addMarks(t *table) {
	sum, marked := 0, false
	for _, c := range p.Parts {
		sum += c.Marks
		marked = marked || c.Marked
	}
	switch {
	case !marked:
	case !p.Marked:
		p.Marks, p.Marked = sum, true
	case p.Marks != sum:
		t.errorf("marks", "marks = %d, but the marks of its parts add up to %d: give marks = %d, or leave marks out to take its parts' total",
			p.Marks, sum, sum)
	}
}

// space reads where a question or part is answered: lines, space_mm or
// answer_line, at most one of them, and min_lines.
func (t *table) space() Space {
	var s Space
	var given []string
	if t.has("lines") {
		n, fill := t.lines()
		if fill {
			s.Fill = true
		} else {
			s.Lines = n
		}
		given = append(given, "lines")
	}
	if v, ok := t.number("space_mm", MinSpaceMM, MaxSpaceMM); ok {
		s.MM = v
	}
	if t.has("space_mm") {
		given = append(given, "space_mm")
	}
	if b, ok := t.boolean("answer_line"); ok && b {
		s.Line = true
		given = append(given, "answer_line")
	}
	if v, ok := t.integer("min_lines", 1, 60); ok {
		s.MinLines = v
	}
	if len(given) > 1 {
		slices.SortFunc(given, func(a, b string) int {
			if before(t.keyPos(a), t.keyPos(b)) {
				return -1
			}
			return 1
		})
		t.errorf(given[1], "%s has one place to answer: give lines, space_mm or answer_line, not both %q and %q",
			t.what(), given[0], given[1])
	}
	return s
}

// what names the question or part that t is, for messages.
func (t *table) what() string {
	if t.name == "[[section.block]]" {
		return "a question"
	}
	return t.name
}

// choices reads a part's choices, correct and columns.
func (d *decoder) choices(t *table, p *Part) {
	if !t.has("choices") {
		for _, key := range []string{"correct", "columns"} {
			if t.has(key) {
				t.get(key)
				t.errorf(key, "%s is only for a question or part with choices", key)
			}
		}
		return
	}
	if arr, ok := t.m["choices"].([]any); ok && len(arr) < MinChoices {
		t.errorf("choices", "choices has %d: give %d to %d choices", len(arr), MinChoices, MaxChoices)
	}
	p.Choices, _ = t.textList("choices", MaxChoices, t.what())
	if !t.has("correct") {
		t.errorf("choices", "%s with choices needs correct, the number of the right choice (1 for the first), such as correct = 2", t.what())
	} else {
		p.Correct = t.correct(len(p.Choices))
	}
	if v, ok := t.integer("columns", 1, MaxChoices); ok {
		p.Columns = v
	}
	if p.Space.Line {
		t.errorf("answer_line", "answer_line is not for %s with choices: the ticked box is the answer", t.what())
	}
}

// correct reads the correct key: the number of the right choice, or an
// array of them, each from 1 to n, the number of choices. It returns them
// as indexes, in order.
func (t *table) correct(n int) []int {
	v, _ := t.get("correct")
	var nums []int
	switch v := v.(type) {
	case int64:
		if c, ok := t.integer("correct", 1, MaxChoices); ok {
			if c > n && n >= MinChoices {
				t.errorf("correct", "correct = %d, but there are %d choices: give a number from 1 to %d", c, n, n)
				return nil
			}
			nums = []int{c}
		}
	case []any:
		if len(v) == 0 {
			t.errorf("correct", "correct = [] names no choice: give the number of the right choice, or an array of them")
			return nil
		}
		path := keyPath(t.path, "correct")
		for i, e := range v {
			at := t.elemPos(elemPath(path, i), "correct")
			c, ok := e.(int64)
			switch {
			case !ok:
				t.d.errorf(at, "item %d of %q must be an integer, not %s", i+1, "correct", typeName(e))
			case c < 1 || c > MaxChoices:
				t.d.errorf(at, "item %d of %q = %d is out of range 1..%d", i+1, "correct", c, MaxChoices)
			case int(c) > n && n >= MinChoices:
				t.d.errorf(at, "item %d of %q = %d, but there are %d choices: give numbers from 1 to %d", i+1, "correct", c, n, n)
			case slices.Contains(nums, int(c)):
				t.d.errorf(at, "item %d of %q = %d names choice %d again", i+1, "correct", c, c)
			default:
				nums = append(nums, int(c))
			}
		}
	default:
		t.typeError("correct", "an integer or an array of integers", v)
	}
	slices.Sort(nums)
	for i := range nums {
		nums[i]--
	}
	return nums
}

// PartLabel returns the label of part i (from 0) at level: "(a)", "(b)" …
// at level 2, "(i)", "(ii)" … at level 3.
func PartLabel(level, i int) string {
	if level == 2 {
		return "(" + string(rune('a'+i%26)) + ")"
	}
	return "(" + roman(i+1) + ")"
}

// roman returns n, from 1 to 39, in lower-case Roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}

// ChoiceLetter returns the letter of choice or row i (from 0): A, B, C ….
func ChoiceLetter(i int) string { return string(rune('A' + i%26)) }

// checkQuestions reports, at grading_table, a grading table asked for on
// a worksheet none of whose questions has marks.
func (d *decoder) checkQuestions(doc *Document) {
	if !doc.Worksheet.GradingTable {
		return
	}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if q, ok := b.Body.(Numbered); ok {
				if _, marked := q.TotalMarks(); marked {
					return
				}
			}
		}
	}
	d.errorf(doc.Worksheet.GradingPos, "grading_table = true, but no question has marks: give questions marks, or leave grading_table out")
}
