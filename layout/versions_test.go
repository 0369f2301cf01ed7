package layout

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
)

// TestOrders checks the orders a thing of n elements can take in the
// versions of a paper: each an order of 0..n-1, all different, each one
// that will do, as many as there are up to document.MaxVersions, the same
// from the same seed; and the first of them, those of the first versions,
// never put an element in the same place twice: n of choices or
// questions, n-1 of a matching column.
func TestOrders(t *testing.T) {
	factorial := func(n int) int {
		f := 1
		for k := 2; k <= n; k++ {
			f *= k
		}
		return f
	}
	// The orders of a matching column, none in the right order nor, from
	// four on, a rotation: 1 of 2, 2 of 3, 9-3 of 4, 44-4 of 5.
	matchOrders := map[int]int{2: 1, 3: 2, 4: 6, 5: 40}
	for n := 2; n <= 30; n++ {
		for _, c := range []struct {
			name  string
			moved bool
			ok    func([]int) bool
			want  int
			apart int // how many of the first orders put no element in the same place
		}{
			{"any", false, nil, min(factorial(min(n, 5)), document.MaxVersions), min(n, document.MaxVersions)},
			{"matchable", true, matchable, min(cmp.Or(matchOrders[n], document.MaxVersions), document.MaxVersions), min(n-1, document.MaxVersions)},
		} {
			for seed := range uint64(50) {
				got := orders(n, seed, c.moved, c.ok)
				if len(got) != c.want {
					t.Fatalf("n %d, %s, seed %d: %d orders, want %d", n, c.name, seed, len(got), c.want)
				}
				seen := map[string]bool{}
				for _, o := range got {
					if !slices.Equal(slices.Sorted(slices.Values(o)), identity(n)) {
						t.Fatalf("n %d, %s: %v is not an order of 0..%d", n, c.name, o, n-1)
					}
					if c.ok != nil && !c.ok(o) {
						t.Errorf("n %d, %s: %v will not do", n, c.name, o)
					}
					if seen[orderKey(o)] {
						t.Errorf("n %d, %s, seed %d: %v twice", n, c.name, seed, o)
					}
					seen[orderKey(o)] = true
				}
				for i := range c.apart {
					for j := range i {
						for p := range n {
							if got[i][p] == got[j][p] {
								t.Fatalf("n %d, %s, seed %d: orders %d and %d both put %d at %d", n, c.name, seed, j, i, got[i][p], p)
							}
						}
					}
				}
				if again := orders(n, seed, c.moved, c.ok); !slices.EqualFunc(got, again, slices.Equal) {
					t.Errorf("n %d, %s, seed %d: two lists of orders from one seed", n, c.name, seed)
				}
			}
		}
	}
}

// TestPicks checks which order each thing takes in each version, for
// papers of things with these numbers of orders: every two versions are
// different papers, as long as the paper has arrangements enough; the
// first versions of each thing, as many as it has orders, all differ;
// and versions A and B differ in every thing.
func TestPicks(t *testing.T) {
	for _, counts := range [][]int{{2}, {6}, {24}, {26}, {2, 2}, {2, 2, 2}, {2, 6}, {6, 6}, {2, 24}, {2, 6, 24}, {24, 24, 6, 2}, {26, 2}, {2, 3, 5}} {
		ss := make([]shuffle, len(counts))
		arrangements := 1
		for i, m := range counts {
			ss[i].orders = make([][]int, m)
			arrangements = min(arrangements*m, document.MaxVersions)
		}
		var versions [][]int
		for v := range document.MaxVersions {
			versions = append(versions, picks(ss, v))
		}
		for v, p := range versions {
			for w := range v {
				if w < arrangements && v < arrangements && slices.Equal(p, versions[w]) {
					t.Errorf("counts %v: versions %d and %d are the same paper, %v", counts, w, v, p)
				}
				for i, m := range counts {
					if v < m && p[i] == versions[w][i] {
						t.Errorf("counts %v: thing %d takes order %d in versions %d and %d", counts, i, p[i], w, v)
					}
				}
			}
			for i, m := range counts {
				if p[i] < 0 || p[i] >= m {
					t.Fatalf("counts %v: version %d takes order %d of thing %d, of %d", counts, v, p[i], i, m)
				}
			}
		}
	}
}

// versionsPaper is testdata/questions.toml with shuffle_questions = true.
func versionsPaper(t *testing.T) *document.Document {
	d := decodeFile(t, "testdata/questions.toml")
	d.Worksheet.ShuffleQuestions = true
	return d
}

// placedChoice is a choice as a page shows it: its letter, the first run
// of its text, and whether its box is ticked.
type placedChoice struct {
	letter, text string
	ticked       bool
}

// placedChoices returns the choices of r's pages in the order they are
// printed, each by its tick box, set for type of size.
func placedChoices(r *Result, size float64) []placedChoice {
	var out []placedChoice
	for _, p := range r.Pages {
		boxes := tickBoxes(p, 1.05*size)
		slices.SortStableFunc(boxes, func(a, b Box) int { return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X)) })
		for _, b := range boxes {
			mid := b.Y + b.H/2
			var c placedChoice
			letterX := math.Inf(1)
			for _, it := range p.Items {
				if tx, ok := it.(Text); ok && tx.Style == fonts.Bold && len(tx.Text) == 1 && tx.X > b.X && tx.X < b.X+3*b.W &&
					tx.Y > mid && tx.Y < mid+size {
					c.letter, letterX = tx.Text, tx.X
				}
			}
			textX := math.Inf(1)
			for _, it := range p.Items {
				switch v := it.(type) {
				case Text:
					if v.X > letterX && v.X < textX && math.Abs(v.Y-(mid+0.35*size)) < 0.3*size {
						c.text, textX = v.Text, v.X
					}
				case Box:
					if v.Fill != nil && *v.Fill == keyTint && v.X == b.X && v.Y == b.Y {
						c.ticked = true
					}
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// questionsWithChoices returns the questions and parts of d with
// choices, in file order.
func questionsWithChoices(d *document.Document) []*document.Part {
	var out []*document.Part
	var walk func(p *document.Part)
	walk = func(p *document.Part) {
		if len(p.Choices) > 0 {
			out = append(out, p)
		}
		for i := range p.Parts {
			walk(&p.Parts[i])
		}
	}
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if q, ok := b.Body.(*document.Question); ok {
				walk(&q.Part)
			}
		}
	}
	return out
}

// choiceOrders reads from r's pages the order in which each question of
// qs shows its choices, as indexes into its Choices, and checks that
// they are lettered in order and, in the answer key, that the right
// ones, and only they, are ticked.
func choiceOrders(t *testing.T, r *Result, ed Edition, qs []*document.Part) map[*document.Part][]int {
	t.Helper()
	owner := func(text string) (*document.Part, int) {
		for _, q := range qs {
			for i, c := range q.Choices {
				if strings.HasPrefix(c.String(), text) {
					return q, i
				}
			}
		}
		return nil, -1
	}
	got := map[*document.Part][]int{}
	for _, c := range placedChoices(r, 11) {
		q, i := owner(c.text)
		if q == nil {
			t.Fatalf("%+v: a tick box beside %q, which is no choice", ed, c.text)
		}
		if want := document.ChoiceLetter(len(got[q])); c.letter != want {
			t.Errorf("%+v: choice %q is lettered %q, want %q", ed, c.text, c.letter, want)
		}
		if right := slices.Contains(q.Correct, i); c.ticked != (right && ed.Answers) {
			t.Errorf("%+v: choice %s %q (right: %v) ticked: %v", ed, c.letter, c.text, right, c.ticked)
		}
		got[q] = append(got[q], i)
	}
	for _, q := range qs {
		if !slices.Equal(slices.Sorted(slices.Values(got[q])), identity(len(q.Choices))) {
			t.Errorf("%+v: the question %q shows its choices %v", ed, q.Text, got[q])
		}
	}
	return got
}

// textOrder returns those of texts that r's pages show, each found by
// its first words or its first line, in the order they are printed.
func textOrder(r *Result, texts []string) []string {
	type at struct {
		page int
		y    float64
		text string
	}
	var found []at
	for i, p := range allTexts(r) {
		for _, tx := range p {
			for _, s := range texts {
				if len(tx.Text) > 6 && (strings.HasPrefix(s, tx.Text) || strings.HasPrefix(tx.Text, s)) &&
					!slices.ContainsFunc(found, func(a at) bool { return a.text == s }) {
					found = append(found, at{i, tx.Y, s})
				}
			}
		}
	}
	slices.SortStableFunc(found, func(a, b at) int { return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.y, b.y)) })
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.text
	}
	return out
}

// TestVersions lays out versions A and B of a question paper with
// shuffle_questions = true, each as student copy, answer key and large
// print, and checks what the versions shuffle and what they keep.
func TestVersions(t *testing.T) {
	d := versionsPaper(t)
	qs := questionsWithChoices(d)
	var m *document.Match
	for _, b := range d.Sections[1].Blocks {
		if mb, ok := b.Body.(*document.Match); ok {
			m = mb
		}
	}
	lefts := make([]string, len(m.Pairs))
	for i, p := range m.Pairs {
		lefts[i] = p.Left.String()
	}
	// Each question by its text (the empty one by its first part's),
	// section by section, and the text that comes before section 1's.
	runs := [][]string{
		{"Read Source A. Why did the Purges slow down in 1938?", "Look at the table above.", "Which of these were victims of the Purges?", "In which year was Kirov murdered?"},
		{"Match each person to what became of them.", "Draw a graph of the number of arrests, 1936-40.", "True or false: the NKVD was purged too.",
			"Discuss with your neighbour: could the Purges have happened without Stalin?", "Why did Stalin need Trotsky dead?"},
	}
	const before = "Read the sources in the booklet, then answer every question."
	parts := []string{"Which cause came first?", "Explain two effects of the Purges:", "on the army", "on the party", "Which of these happened in 1936?"}

	type version struct {
		choices map[*document.Part][]int
		match   []matchRow
		order   []string
	}
	var versions []version
	for v := 1; v <= 2; v++ {
		var student *Result
		var seen *version
		for _, ed := range []Edition{{Version: v}, {Version: v, Answers: true}, {Version: v, LargePrint: true}} {
			r := mustEdition(t, d, ed)
			if got := numberLabels(r, d); !slices.Equal(got, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
				t.Errorf("%+v: question numbers %v", ed, got)
			}
			letter := "Version " + document.ChoiceLetter(v-1)
			for i, p := range allTexts(r) {
				n := 0
				for _, tx := range p {
					if tx.Text == letter {
						n++
					}
				}
				if want := btoi(i == 0); n != want {
					t.Errorf("%+v: page %d says %q %d times, want %d", ed, i+1, letter, n, want)
				}
			}
			if !strings.Contains(r.Title, "(Version "+document.ChoiceLetter(v-1)+")") {
				t.Errorf("%+v: the PDF's title %q does not name the version", ed, r.Title)
			}
			// Questions move within their runs, never past another block;
			// parts keep their order.
			var all []string
			for _, run := range runs {
				all = append(all, run...)
			}
			order := textOrder(r, append([]string{before}, all...))
			if len(order) != 1+len(all) || order[0] != before {
				t.Fatalf("%+v: the questions are in the order %q", ed, order)
			}
			if a, b := order[1:1+len(runs[0])], order[1+len(runs[0]):]; !sameSet(a, runs[0]) || !sameSet(b, runs[1]) {
				t.Errorf("%+v: a question moved to another run: %q", ed, order)
			}
			if got := textOrder(r, parts); !slices.Equal(got, parts) {
				t.Errorf("%+v: the parts are in the order %q", ed, got)
			}
			if ed.LargePrint {
				continue // its type is larger: its boxes are not found by size
			}
			vs := version{choices: choiceOrders(t, r, ed, qs), order: order}
			for _, p := range allTexts(r) {
				if vs.match = matchRows(p, lefts); vs.match != nil {
					break
				}
			}
			checkMatchKey(t, ed, m, vs.match)
			if seen == nil {
				student, seen = r, &vs
				continue
			}
			// The key is its version's student copy, with the answers.
			if len(r.Pages) != len(student.Pages) {
				t.Fatalf("%+v: the key has %d pages, its student copy %d", ed, len(r.Pages), len(student.Pages))
			}
			for i := range student.Pages {
				if dumpItems(withoutKey(r.Pages[i].Items)) != dumpItems(student.Pages[i].Items) {
					t.Errorf("%+v: page %d without the answers differs from the student copy", ed, i+1)
				}
			}
		}
		versions = append(versions, *seen)
	}
	// Versions A and B differ in everything that they shuffle.
	a, b := versions[0], versions[1]
	for _, q := range qs {
		if slices.Equal(a.choices[q], b.choices[q]) {
			t.Errorf("the choices of %q are in the same order %v in both versions", q.Text, a.choices[q])
		}
	}
	if slices.Equal(a.match, b.match) {
		t.Errorf("the matching exercise is the same in both versions: %v", a.match)
	}
	if n := len(runs[0]) + 1; slices.Equal(a.order[1:n], b.order[1:n]) || slices.Equal(a.order[n:], b.order[n:]) {
		t.Errorf("a run of questions is in the same order in both versions: %q, %q", a.order, b.order)
	}
	// The paper not made in versions keeps the file's order.
	plain := mustEdition(t, d, Edition{})
	for q, order := range choiceOrders(t, plain, Edition{}, qs) {
		if !slices.Equal(order, identity(len(q.Choices))) {
			t.Errorf("the paper without versions orders the choices of %q %v", q.Text, order)
		}
	}
	for _, tx := range allTexts(plain)[0] {
		if strings.HasPrefix(tx.Text, "Version") {
			t.Errorf("the paper without versions says %q", tx.Text)
		}
	}
}

// checkMatchKey checks the rows of matching exercise m as edition ed
// shows them: the right texts lettered in order, none beside its own,
// and in the answer key each box holding the letter of its match.
func checkMatchKey(t *testing.T, ed Edition, m *document.Match, rows []matchRow) {
	t.Helper()
	if len(rows) != len(m.Pairs) {
		t.Fatalf("%+v: found %d rows of the matching exercise", ed, len(rows))
	}
	letterRight := map[string]string{}
	for i, row := range rows {
		if row.letter != document.ChoiceLetter(i) {
			t.Errorf("%+v: row %d is lettered %q", ed, i+1, row.letter)
		}
		letterRight[row.letter] = row.right
	}
	for i, row := range rows {
		own := m.Pairs[i].Right.String()
		if strings.HasPrefix(own, row.right) {
			t.Errorf("%+v: %q is beside its own match", ed, row.left)
		}
		if ed.Answers != (row.key != "") || ed.Answers && !strings.HasPrefix(own, letterRight[row.key]) {
			t.Errorf("%+v: the box of %q holds %q, the letter of %q; its match is %q", ed, row.left, row.key, letterRight[row.key], own)
		}
	}
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestVersionsGradingTable checks that the question numbers follow the
// order of a version's questions: the grading table gives the marks of
// the question printed under each number.
func TestVersionsGradingTable(t *testing.T) {
	d := versionsPaper(t)
	// The questions that have marks, by their first words.
	marksOf := map[string]string{
		"Read Source A.": "4", "Look at the table above.": "6", "Which of these were victims": "3", "In which year was Kirov": "1",
		"Match each person": "4", "Draw a graph": "3", "True or false: the NKVD": "0", "Why did Stalin need": "6",
	}
	for v := 1; v <= 3; v++ {
		r := mustEdition(t, d, Edition{Version: v})
		var want []string
		for _, q := range textOrder(r, slices.Sorted(maps.Keys(marksOf))) {
			want = append(want, marksOf[q])
		}
		var row []string
		page := allTexts(r)[0]
		for i, tx := range page {
			if tx.Text == "Marks" && tx.Style == fonts.Bold {
				for _, c := range page[i+1:] {
					if c.Y != tx.Y {
						break
					}
					row = append(row, c.Text)
				}
			}
		}
		if len(want) != len(marksOf) || len(row) == 0 || !slices.Equal(row[:len(row)-1], want) || row[len(row)-1] != "27" {
			t.Errorf("version %d: the grading table's marks %v, want %v and 27", v, row, want)
		}
	}
}

// TestVersionsDeterministic lays out each version twice, and the paper
// made in 2 and in 26 versions: a version's pages depend on nothing but
// the file and its letter.
func TestVersionsDeterministic(t *testing.T) {
	d := versionsPaper(t)
	if n := Versions(d); n != document.MaxVersions {
		t.Fatalf("Versions = %d, want %d", n, document.MaxVersions)
	}
	dumps := map[string]int{}
	for v := 1; v <= document.MaxVersions; v++ {
		first := mustEdition(t, d, Edition{Version: v}).Dump()
		if again := mustEdition(t, versionsPaper(t), Edition{Version: v}).Dump(); again != first {
			t.Fatalf("version %d laid out twice differs", v)
		}
		// Without the letter, every version is a paper of its own.
		plain := strings.ReplaceAll(first, "Version "+document.ChoiceLetter(v-1), "")
		if w, ok := dumps[plain]; ok {
			t.Errorf("versions %d and %d are the same paper", w, v)
		}
		dumps[plain] = v
	}
}

// TestVersionsCount checks how many different versions papers have,
// and that versions A and B of those with two or more differ.
func TestVersionsCount(t *testing.T) {
	q := func(text, choices string) string {
		return "[[section.block]]\nquestion = \"" + text + "\"\nchoices = " + choices + "\ncorrect = 1\n"
	}
	tf := `["True", "False"]`
	pairs := func(n int) string {
		var ps []string
		for i := range n {
			ps = append(ps, fmt.Sprintf(`["l%d", "r%d"]`, i, i))
		}
		return "[[section.block]]\nmatch = \"M\"\npairs = [" + strings.Join(ps, ", ") + "]\n"
	}
	written := func(text string) string { return "[[section.block]]\nquestion = \"" + text + "\"\n" }
	const shuffled = "shuffle_questions = true\n"
	for _, c := range []struct {
		name, worksheet, blocks string
		want                    int
	}{
		{"no questions", "", "[[section.block]]\ntext = \"Text.\"\n", 1},
		{"a written question", "", written("Why?"), 1},
		{"two pairs", "", pairs(2), 1},
		{"three pairs", "", pairs(3), 2},
		{"four pairs", "", pairs(4), 6},
		{"true or false", "", q("Q?", tf), 2},
		{"two true or false", "", q("Q?", tf) + q("R?", tf), 4},
		{"three choices", "", q("Q?", `["a", "b", "c"]`), 6},
		{"three choices and true or false", "", q("Q?", `["a", "b", "c"]`) + q("R?", tf), 12},
		{"four choices", "", q("Q?", `["a", "b", "c", "d"]`), 24},
		{"five choices", "", q("Q?", `["a", "b", "c", "d", "e"]`), 26},
		{"two questions, not shuffled", "", written("A?") + written("B?"), 1},
		{"two questions, shuffled", shuffled, written("A?") + written("B?"), 2},
		{"two questions apart", shuffled, written("A?") + "[[section.block]]\ntext = \"T.\"\n" + written("B?"), 1},
		{"a page break between", shuffled, written("A?") + written("B?") + "page_break = true\n", 1},
		{"three questions", shuffled, written("A?") + written("B?") + written("C?"), 6},
		{"three questions and true or false", shuffled, written("A?") + written("B?") + "[[section.block]]\ntext = \"T.\"\n" + q("Q?", tf), 4},
	} {
		d := decodeSrc(t, "[worksheet]\ntitle = \"T\"\n"+c.worksheet+"[[section]]\nheading = \"H\"\n"+c.blocks)
		if got := Versions(d); got != c.want {
			t.Errorf("%s: %d versions, want %d", c.name, got, c.want)
		}
		if c.want > 1 {
			a, b := mustEdition(t, d, Edition{Version: 1}), mustEdition(t, d, Edition{Version: 2})
			if strings.ReplaceAll(a.Dump(), "Version A", "") == strings.ReplaceAll(b.Dump(), "Version B", "") {
				t.Errorf("%s: versions A and B are the same", c.name)
			}
		}
	}
}

// TestVersionsPageBreak checks that a page break in a run of questions
// stays where it is: the run's first question in each version starts
// the page.
func TestVersionsPageBreak(t *testing.T) {
	src := "[worksheet]\ntitle = \"T\"\nshuffle_questions = true\n[[section]]\nheading = \"H\"\n" +
		"[[section.block]]\nquestion = \"The first question?\"\n[[section.block]]\nquestion = \"The question Alpha?\"\npage_break = true\nchoices = [\"a\", \"b\"]\ncorrect = 1\n" +
		"[[section.block]]\nquestion = \"The question Beta?\"\n[[section.block]]\nquestion = \"The question Gamma?\"\n"
	d := decodeSrc(t, src)
	firsts := map[string]bool{}
	for v := 1; v <= 6; v++ {
		r := mustEdition(t, d, Edition{Version: v})
		if len(r.Pages) != 2 {
			t.Fatalf("version %d: %d pages, want 2", v, len(r.Pages))
		}
		if got := textOrder(r, []string{"The first question?"}); len(got) != 1 {
			t.Fatalf("version %d: no first question", v)
		}
		order := textOrder(&Result{Pages: r.Pages[1:]}, []string{"The question Alpha?", "The question Beta?", "The question Gamma?"})
		if len(order) != 3 {
			t.Errorf("version %d: page 2 has %q, want the three questions after the page break", v, order)
			continue
		}
		firsts[order[0]] = true
	}
	if len(firsts) < 2 {
		t.Errorf("in 6 versions, page 2 always starts with %v", firsts)
	}
}
