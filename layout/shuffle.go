package layout

import (
	"hash/fnv"

	"handout/document"
)

// This file orders what a question paper shuffles: the right-hand column
// of a matching exercise, and, in the versions of a paper (Edition.Version),
// the choices of each question, the right-hand column of each matching
// exercise and, with shuffle_questions, the questions of each run of them
// in a section. Each order is a pure function of the texts shuffled and
// the version: the same file gives the same versions on every build and
// machine, whatever the number of versions made, and changing a text
// changes only the orders of its own block.

// The salts of seedOf: the shuffles of the paper not made in versions,
// and those of its versions.
const (
	paperSalt    = "0"
	versionsSalt = "versions"
)

// seedOf returns the seed of a shuffle of texts: an FNV-1a hash of salt
// and of each text as it reads.
func seedOf(salt string, texts ...document.Inline) uint64 {
	h := fnv.New64a()
	h.Write([]byte(salt))
	for _, t := range texts {
		h.Write([]byte{0})
		h.Write([]byte(t.String()))
	}
	return h.Sum64()
}

// stream is a SplitMix64 generator: a fast, well-mixed sequence of 64-bit
// numbers from one seed, the same everywhere.
type stream uint64

// next returns the stream's next number.
func (s *stream) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// below returns a number in 0..n-1; n is small, so the modulo's bias is
// far too small to matter.
func (s *stream) below(n int) int { return int(s.next() % uint64(n)) }

// derangement returns a random order of 0..n-1 in which no number is at
// its own place (for n > 1), and which, from four numbers on, is not a
// rotation either (every number one place down, say), a pattern a student
// would soon see. It draws orders by the Fisher-Yates shuffle until one
// will do, which takes three draws on average; should 100 draws not do,
// it takes a random cycle through all n (Sattolo's algorithm).
func derangement(n int, seed uint64) []int {
	s := stream(seed)
	for range 100 {
		order := shuffled(n, &s)
		if matchable(order) {
			return order
		}
	}
	order := identity(n)
	for i := n - 1; i > 0; i-- {
		j := s.below(i)
		order[i], order[j] = order[j], order[i]
	}
	return order
}

// matchable reports whether order will do for a matching column: no text
// beside its own and, from four on, not a rotation (see derangement).
func matchable(order []int) bool {
	return deranged(order) && (len(order) < 4 || !rotation(order))
}

// deranged reports whether no number of order is at its own place.
func deranged(order []int) bool {
	for i, v := range order {
		if i == v {
			return false
		}
	}
	return true
}

// rotation reports whether order moves every number the same number of
// places on, wrapping round.
func rotation(order []int) bool {
	n := len(order)
	for i, v := range order {
		if (v-i+n)%n != (order[0]+n)%n {
			return false
		}
	}
	return true
}

// shuffled returns a random order of 0..n-1 drawn from s, by the
// Fisher-Yates shuffle.
func shuffled(n int, s *stream) []int {
	order := identity(n)
	for i := n - 1; i > 0; i-- {
		j := s.below(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	return order
}

// identity returns 0..n-1 in order.
func identity(n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

// matchOrder returns the order of a matching exercise's right-hand column
// in the paper not made in versions: row k shows the right text of pair
// order[k], never that of its own pair, so the column is never in the
// right order.
func matchOrder(m *document.Match) []int {
	return derangement(len(m.Pairs), seedOf(paperSalt, matchTexts(m)...))
}

// matchTexts returns the texts of m's pairs, which seed its shuffles.
func matchTexts(m *document.Match) []document.Inline {
	texts := make([]document.Inline, 0, 2*len(m.Pairs))
	for _, p := range m.Pairs {
		texts = append(texts, p.Left, p.Right)
	}
	return texts
}
