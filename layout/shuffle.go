package layout

import (
	"hash/fnv"
	"strconv"

	"handout/document"
)

// This file orders what a question paper shuffles: the right-hand column
// of a matching exercise, and, for versions of a paper other than the
// first, the choices of a question. Each order is a pure function of the
// texts shuffled and the version (0 for the paper every edition prints
// today): the same file gives the same order on every build and machine,
// and changing a text changes only the order of its own block.

// seedOf returns the seed of the shuffle of texts in version: an FNV-1a
// hash of the version and of each text as it reads.
func seedOf(version int, texts ...document.Inline) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.Itoa(version)))
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
		if deranged(order) && (n < 4 || !rotation(order)) {
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

// permutation returns a random order of 0..n-1.
func permutation(n int, seed uint64) []int {
	s := stream(seed)
	return shuffled(n, &s)
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
// in version: row k shows the right text of pair order[k], never that of
// its own pair, so the column is never in the right order.
func matchOrder(m *document.Match, version int) []int {
	texts := make([]document.Inline, 0, 2*len(m.Pairs))
	for _, p := range m.Pairs {
		texts = append(texts, p.Left, p.Right)
	}
	return derangement(len(m.Pairs), seedOf(version, texts...))
}

// choiceOrder returns the order in which a question's choices are printed
// in version: as the file gives them in version 0, shuffled in the others.
func choiceOrder(p *document.Part, version int) []int {
	if version == 0 {
		return identity(len(p.Choices))
	}
	return permutation(len(p.Choices), seedOf(version, p.Choices...))
}
