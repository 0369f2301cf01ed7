package layout

import (
	"encoding/binary"
	"slices"

	"handout/document"
)

// This file arranges the versions of a question paper (Edition.Version):
// what each shuffles, the different orders each thing can take (see
// orders: the first ones never put an element in the same place twice),
// and which of them each version takes. Version v takes order v mod m of
// a thing with m orders (counting from 0 for version A), so that, from
// one version to the next, everything that can change does, and the
// first m versions of it all differ. Should that make a version the same
// paper as an earlier one (every thing having come round to the same
// order), it takes instead the next arrangement, in a mixed-radix count
// from it, that no earlier version has: versions are different papers as
// long as the paper has arrangements enough (Versions). Every order is
// drawn from a seed of the texts it orders, and none of it depends on how
// many versions are made: version A of two is version A of five.

// shuffle is one thing the versions of a paper shuffle.
type shuffle struct {
	// key is what it is: a *document.Part, its choices; a
	// *document.Match, its right-hand column; or a run of questions.
	key any
	// orders are its different orders, at most document.MaxVersions, in
	// the order the versions take them.
	orders [][]int
}

// run is a run of questions in a section, which shuffle_questions
// shuffles: the blocks from start up to end of section number section.
type run struct{ section, start, end int }

// arrangement is the order of everything a version of a paper shuffles.
// The zero arrangement is that of the paper not made in versions: its
// choices and questions in the file's order, its matching columns in
// the order of matchOrder.
type arrangement struct {
	orders map[any][]int // by what is shuffled (see shuffle.key)
	// sections are the document's sections with their questions in this
	// version's order; nil when no question moves.
	sections []document.Section
}

// Versions returns how many different versions of d's question paper
// there are, at most document.MaxVersions: the product of the numbers of
// orders of everything its versions shuffle, or 1 when they shuffle
// nothing (no choices, no matching exercise of three pairs or more, and
// no questions to shuffle).
func Versions(d *document.Document) int {
	n := 1
	for _, s := range shuffles(d) {
		n = min(n*len(s.orders), document.MaxVersions)
	}
	return n
}

// arrange returns the arrangement of version v of d's paper, from 1; the
// zero arrangement for 0.
func arrange(d *document.Document, v int) arrangement {
	if v < 1 {
		return arrangement{}
	}
	ss := shuffles(d)
	pick := picks(ss, v-1)
	a := arrangement{orders: make(map[any][]int, len(ss))}
	for i, s := range ss {
		a.orders[s.key] = s.orders[pick[i]]
	}
	a.sections = a.reorder(d)
	return a
}

// choiceOrder returns the order in which p's choices are printed: choice
// k is p.Choices[order[k]].
func (a arrangement) choiceOrder(p *document.Part) []int {
	if o, ok := a.orders[p]; ok {
		return o
	}
	return identity(len(p.Choices))
}

// matchOrder returns the order of m's right-hand column: row k shows the
// right text of pair order[k].
func (a arrangement) matchOrder(m *document.Match) []int {
	if o, ok := a.orders[m]; ok {
		return o
	}
	return matchOrder(m)
}

// document returns d with its questions in a's order.
func (a arrangement) document(d *document.Document) *document.Document {
	if a.sections == nil {
		return d
	}
	v := *d
	v.Sections = a.sections
	return &v
}

// reorder returns d's sections with each run of questions in a's order,
// or nil when a moves none. A page break stays where it is: the run's
// first question in each version starts the page.
func (a arrangement) reorder(d *document.Document) []document.Section {
	var out []document.Section
	cloned := map[int]bool{}
	for _, r := range questionRuns(d) {
		order, ok := a.orders[r]
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(d.Sections)
		}
		s := &out[r.section]
		if !cloned[r.section] {
			s.Blocks, cloned[r.section] = slices.Clone(s.Blocks), true
		}
		from := d.Sections[r.section].Blocks
		for k, i := range order {
			b := from[r.start+i]
			b.PageBreak = from[r.start+k].PageBreak
			s.Blocks[r.start+k] = b
		}
	}
	return out
}

// shuffles returns the things d's versions shuffle, in file order, each
// with two orders or more: with shuffle_questions, each run of questions;
// the choices of each question and part; the right-hand column of each
// matching exercise, which is never in the right order (see matchable).
// Each is seeded by its texts.
func shuffles(d *document.Document) []shuffle {
	var out []shuffle
	add := func(key any, n int, seed uint64, moved bool) {
		var ok func([]int) bool
		if moved {
			ok = matchable
		}
		if list := orders(n, seed, moved, ok); len(list) > 1 {
			out = append(out, shuffle{key, list})
		}
	}
	for _, r := range questionRuns(d) {
		var texts []document.Inline
		for _, b := range d.Sections[r.section].Blocks[r.start:r.end] {
			texts = append(texts, b.Body.Texts(false)...)
		}
		add(r, r.end-r.start, seedOf(versionsSalt, texts...), false)
	}
	var choices func(p *document.Part)
	choices = func(p *document.Part) {
		if len(p.Choices) > 1 {
			add(p, len(p.Choices), seedOf(versionsSalt, append(slices.Clone(p.Text), p.Choices...)...), false)
		}
		for i := range p.Parts {
			choices(&p.Parts[i])
		}
	}
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			switch q := b.Body.(type) {
			case *document.Question:
				choices(&q.Part)
			case *document.Match:
				add(q, len(q.Pairs), seedOf(versionsSalt, matchTexts(q)...), true)
			}
		}
	}
	return out
}

// questionRuns returns, when d shuffles its questions (shuffle_questions),
// its runs of two questions or more: questions (document.Numbered blocks)
// next to each other in a section. Any other block ends a run, so that no
// question moves past a source, a text or a table that it may be about,
// and so does a question that starts a new page (page_break), which
// starts the next run.
func questionRuns(d *document.Document) []run {
	if !d.Worksheet.ShuffleQuestions {
		return nil
	}
	var rs []run
	for si, s := range d.Sections {
		start := -1
		end := func(i int) {
			if start >= 0 && i-start > 1 {
				rs = append(rs, run{si, start, i})
			}
			start = -1
		}
		for i, b := range s.Blocks {
			_, q := b.Body.(document.Numbered)
			switch {
			case !q:
				end(i)
			case start < 0 || b.PageBreak:
				end(i)
				start = i
			}
		}
		end(len(s.Blocks))
	}
	return rs
}

// orders returns the different orders of 0..n-1 that ok accepts (nil
// accepts any), at most document.MaxVersions of them, in the order the
// versions take them, drawn from seed. They are the rows of random Latin
// squares, so that the first n orders, those of the first n versions,
// put each element in a place of its own: of a question's four choices,
// the right one has another letter in each of versions A to D. With
// moved, the squares are those with 0..n-1 in order as a row, which is
// left out, so that each order moves every element: the n-1 orders of
// the first square put each right text of a matching exercise in a row
// other than its own and than in any of the others. Once the squares
// give no more, the rest are all the others for n up to 4, else drawn.
func orders(n int, seed uint64, moved bool, ok func([]int) bool) [][]int {
	s := stream(seed)
	var out [][]int
	seen := map[string]bool{}
	add := func(o []int) bool {
		k := orderKey(o)
		if seen[k] || ok != nil && !ok(o) {
			return false
		}
		seen[k] = true
		out = append(out, o)
		return true
	}
	for tries := 0; len(out) < document.MaxVersions && tries < 4*document.MaxVersions; tries++ {
		rows := latinRows(n, &s, moved)
		// The first square is one all of whose rows will do, when one
		// is drawn soon.
		if len(out) == 0 && tries < 20 && ok != nil && !all(rows, ok) {
			continue
		}
		for _, o := range rows {
			if len(out) < document.MaxVersions {
				add(o)
			}
		}
	}
	if n <= 4 {
		rest := allOrders(n)
		for i := len(rest) - 1; i > 0; i-- {
			j := s.below(i + 1)
			rest[i], rest[j] = rest[j], rest[i]
		}
		for _, o := range rest {
			if len(out) < document.MaxVersions {
				add(o)
			}
		}
		return out
	}
	for tries := 0; len(out) < document.MaxVersions && tries < 100*document.MaxVersions; tries++ {
		add(shuffled(n, &s))
	}
	return out
}

// latinRows returns the rows of a random Latin square of 0..n-1 drawn
// from s: row k puts at place p the element sigma[(tau[p]+k) mod n], for
// random orders sigma and tau, so that no two rows have an element in the
// same place. With moved, tau is sigma's inverse, which makes row 0
// 0..n-1 in order, and it is left out.
func latinRows(n int, s *stream, moved bool) [][]int {
	sigma, tau := shuffled(n, s), shuffled(n, s)
	first := 0
	if moved {
		for i, v := range sigma {
			tau[v] = i
		}
		first = 1
	}
	rows := make([][]int, 0, n-first)
	for k := first; k < n; k++ {
		row := make([]int, n)
		for p := range row {
			row[p] = sigma[(tau[p]+k)%n]
		}
		rows = append(rows, row)
	}
	return rows
}

// all reports whether ok accepts every one of orders.
func all(orders [][]int, ok func([]int) bool) bool {
	for _, o := range orders {
		if !ok(o) {
			return false
		}
	}
	return true
}

// allOrders returns every order of 0..n-1, in lexicographic order.
func allOrders(n int) [][]int {
	var out [][]int
	var from func(order, rest []int)
	from = func(order, rest []int) {
		if len(rest) == 0 {
			out = append(out, slices.Clone(order))
			return
		}
		for i, v := range rest {
			from(append(order, v), slices.Delete(slices.Clone(rest), i, i+1))
		}
	}
	from(make([]int, 0, n), identity(n))
	return out
}

// picks returns which of its orders each of ss takes in version v, from
// 0 (see the top of this file).
func picks(ss []shuffle, v int) []int {
	counts := make([]int, len(ss))
	for i, s := range ss {
		counts[i] = len(s.orders)
	}
	used := map[string]bool{}
	var t []int
	for j := 0; j <= v; j++ {
		base := make([]int, len(counts))
		for i, m := range counts {
			base[i] = j % m
		}
		t = base
		for step := 1; used[orderKey(t)] && step <= document.MaxVersions; step++ {
			t = counted(base, step, counts)
		}
		used[orderKey(t)] = true
	}
	return t
}

// counted returns base with the digits of step, in the mixed radix of
// counts (the first digit the least), added to its own, each modulo its
// count.
func counted(base []int, step int, counts []int) []int {
	t := slices.Clone(base)
	for i, m := range counts {
		t[i] = (t[i] + step%m) % m
		step /= m
	}
	return t
}

// orderKey returns order as a string, to tell orders apart in a map.
func orderKey(order []int) string {
	b := make([]byte, 0, len(order))
	for _, v := range order {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return string(b)
}
