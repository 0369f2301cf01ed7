package document

import (
	"fmt"
	"slices"
	"strconv"
)

// This file holds the match kind of block, a matching exercise: a
// question of the paper like a question block (see Numbered).

// Match is a matching exercise: match = "…" and pairs, each a text and
// what it matches. The layout prints the left texts in order, each with a
// box for a letter, and the right ones lettered and shuffled.
type Match struct {
	Prompt []Inline // at least one paragraph
	Pairs  []Pair   // 2 to 20, each left text with its right one
	Marks  int      // 0 to 100
	Marked bool     // whether it gives marks
}

// Pair is one pair of a match block.
type Pair struct {
	Left, Right Inline
}

// KindKey implements BlockBody.
func (*Match) KindKey() string { return "match" }

// Texts implements BlockBody: the prompt, then each pair's left and
// right texts.
func (m *Match) Texts(bool) []Inline {
	out := slices.Clone(m.Prompt)
	for _, p := range m.Pairs {
		out = append(out, p.Left, p.Right)
	}
	return out
}

// TotalMarks implements Numbered.
func (m *Match) TotalMarks() (int, bool) { return m.Marks, m.Marked }

func (*Match) blockBody() {}

// readMatch reads a match block.
func readMatch(d *decoder, t *table) BlockBody {
	m := &Match{Prompt: t.filled("match")}
	if v, ok := t.integer("marks", 0, MaxMarks); ok {
		m.Marks, m.Marked = v, true
	}
	m.Pairs = t.pairs()
	return m
}

// pairsExample is how a match block's pairs are written.
const pairsExample = `[["Yezhov", "shot in 1940"], ["Trotsky", "killed in Mexico"]]`

// pairs reads a match block's pairs.
func (t *table) pairs() []Pair {
	v, present := t.get("pairs")
	if !present {
		t.d.errorf(t.pos(), "a match block needs pairs, each a text and what it matches: add pairs = %s", pairsExample)
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.typeError("pairs", "an array of pairs, such as "+pairsExample, v)
		return nil
	}
	if len(arr) < MinPairs {
		t.errorf("pairs", "pairs has %d: give %d to %d pairs", len(arr), MinPairs, MaxPairs)
	}
	path := keyPath(t.path, "pairs")
	var out []Pair
	for i, e := range arr {
		ep := elemPath(path, i)
		at := t.elemPos(ep, "pairs")
		if i == MaxPairs {
			t.d.errorf(at, "too many pairs: this is pair %d of %d, and a match block may have at most %d", i+1, len(arr), MaxPairs)
			break
		}
		two, ok := e.([]any)
		if !ok || len(two) != 2 {
			what := typeName(e)
			if ok {
				what = "an array of " + strconv.Itoa(len(two)) + " values"
			}
			t.d.errorf(at, "item %d of %q must be a pair of texts, such as [\"Yezhov\", \"shot in 1940\"], not %s", i+1, "pairs", what)
			continue
		}
		var texts [2]Inline
		for j, s := range two {
			texts[j] = t.pairText(ep, i, j, s)
		}
		out = append(out, Pair{Left: texts[0], Right: texts[1]})
	}
	return out
}

// pairText reads text j (0 left, 1 right) of pair i, at path ep, as a
// printed one-line text that is not empty.
func (t *table) pairText(ep string, i, j int, e any) Inline {
	path := elemPath(ep, j)
	at, ok := t.d.ix.pos[path]
	if !ok {
		at = t.d.ix.pos[ep]
	}
	side := [2]string{"left", "right"}[j]
	s, ok := e.(string)
	if !ok {
		t.d.errorf(at, "the %s text of pair %d must be a string, not %s", side, i+1, typeName(e))
		return nil
	}
	if n, long := tooLong(s, MaxTextChars); long {
		t.d.errorf(at, "%s", textLimitMessage(fmt.Sprintf("the %s text of pair %d", side, i+1), n))
		return nil
	}
	v := t.d.newValue(path, s, func() Pos { return at }, true)
	v.noGaps = gapFree["pairs"]
	line := oneLine(v.text)
	if line == "" {
		t.d.errorf(at, "the %s text of pair %d is empty", side, i+1)
		return nil
	}
	return t.d.inline(v, line, 0, false)
}
