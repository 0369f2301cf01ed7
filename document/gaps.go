package document

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds what the format says about gaps, [[answer]] in printed
// text (see Span.Gap), beyond their markup: where they may not be, and the
// word bank of a section, which lists its gaps' answers.

// DefaultGapMM is the width of a gap's line, in millimetres, when the
// worksheet gives no gap_mm.
const DefaultGapMM = 30

// gapFree names the keys whose text may not hold gaps, with what the
// error calls the text: the texts around the content (titles, headings,
// labels, sources, captions, prompts), which a student does not fill in,
// the texts a student ticks or matches (choices, pairs), and the texts only
// the answer key prints. Every other printed text may: the text of blocks
// and their items, a table's rows, a question's text and its parts'.
var gapFree = map[string]string{
	"title":       "a title",
	"subtitle":    "a subtitle",
	"heading":     "a heading",
	"label":       "a label",
	"source":      "a source",
	"caption":     "a caption",
	"prompt":      "a panel's prompt",
	"answer":      "an answer",
	"distractors": "a distractor",
	"table":       "a table's caption",
	"header":      "a table's header",
	"answers":     "an answer",
	"choices":     "a choice",
	"pairs":       "a matching pair",
}

// wordBank reads the word_bank and distractors keys of the section t, s,
// whose blocks are read, and sets s.WordBank.
func (d *decoder) wordBank(t *table, s *Section) {
	on, _ := t.boolean("word_bank")
	distractors, at, hasDistractors := t.textListAt("distractors", MaxItems, "a word bank")
	if hasDistractors && !on {
		t.errorf("distractors", "distractors are words mixed into the section's word bank: add word_bank = true, or leave distractors out")
		return
	}
	if !on {
		return
	}
	var answers []string
	for _, b := range s.Blocks {
		if b.Body == nil {
			continue
		}
		for _, in := range b.Body.Texts(false) {
			answers = append(answers, in.Gaps()...)
		}
	}
	if len(answers) == 0 {
		t.errorf("word_bank", "word_bank = true, but the section has no gaps to list: write each answer in its text as [[answer]], or leave word_bank out")
		return
	}
	words := uniqueFold(answers)
	nAnswers := len(words)
	for i, in := range distractors {
		w := in.String()
		if j := slices.IndexFunc(words, func(x string) bool { return strings.EqualFold(x, w) }); j >= 0 {
			if j < nAnswers {
				t.d.errorf(at[i], "distractor %q is the answer of a gap in this section: a distractor must be a word that is not an answer", w)
			} else {
				t.d.errorf(at[i], "distractor %q is given twice", w)
			}
			continue
		}
		words = append(words, w)
	}
	sortWords(words)
	s.WordBank = words
}

// uniqueFold returns words without those equal to an earlier one but for
// case: each word once, as first written.
func uniqueFold(words []string) []string {
	var out []string
	for _, w := range words {
		if !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, w) }) {
			out = append(out, w)
		}
	}
	return out
}

// sortWords sorts the words of a word bank alphabetically: by their
// letters, ignoring case and accents (so "Éire" is among the words in E),
// then, among words equal so, those without accents first; words equal
// but for case are one word already (see uniqueFold). Digits come before
// letters.
func sortWords(words []string) {
	type keyed struct{ word, base, accented string }
	ks := make([]keyed, len(words))
	for i, w := range words {
		folded := strings.ToLower(norm.NFD.String(w))
		ks[i] = keyed{w, strings.Map(dropMark, folded), folded}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.base, b.base); c != 0 {
			return c
		}
		return strings.Compare(a.accented, b.accented)
	})
	for i, k := range ks {
		words[i] = k.word
	}
}

// dropMark drops r if it is a combining mark, such as an accent that NFD
// has taken off its letter.
func dropMark(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	return r
}
