package pdfua

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readNumberTree reads the number tree o (ISO 32000-1 7.9.7) into a map,
// reporting what is wrong with its form under rule r.
func (c *checker) readNumberTree(o types.Object, r *Rule, what string) map[int]types.Object {
	m := map[int]types.Object{}
	seen := map[int]bool{}
	var read func(o types.Object, depth int)
	read = func(o types.Object, depth int) {
		if n := objNum(o); n >= 0 {
			if seen[n] {
				c.report(r, 0, what, "the node %s is in the number tree twice", refName(o))
				return
			}
			seen[n] = true
		}
		d := c.dict(o)
		if d == nil {
			c.report(r, 0, what, "a node of the number tree is %v, not a dictionary", o)
			return
		}
		if depth >= maxDepth {
			c.report(r, 0, what, "the number tree is deeper than %d levels", maxDepth)
			return
		}
		nums := c.array(d["Nums"])
		if len(nums)%2 != 0 {
			c.report(r, 0, what, "a /Nums array has an odd number of items (%d)", len(nums))
		}
		for i := 0; i+1 < len(nums); i += 2 {
			k, ok := c.deref(nums[i]).(types.Integer)
			if !ok {
				c.report(r, 0, what, "the key %v of /Nums is not an integer", nums[i])
				continue
			}
			if _, dup := m[int(k)]; dup {
				c.report(r, 0, what, "the key %d is in the number tree twice", k)
			}
			m[int(k)] = nums[i+1]
		}
		for _, k := range c.array(d["Kids"]) {
			read(k, depth+1)
		}
	}
	read(o, 0)
	return m
}

// checkParentTree checks that the ParentTree and the structure tree agree
// with each other and with the content: every MCID of every content stream
// maps through the stream's /StructParents to the element that holds it,
// every element's MCID is in its content stream, and no key serves two
// objects.
func (c *checker) checkParentTree() {
	if c.tree == nil {
		return
	}
	const where = "StructTreeRoot /ParentTree"
	var pt map[int]types.Object
	if o, ok := c.tree.d["ParentTree"]; ok {
		pt = c.readNumberTree(o, ruleParentTree, where)
	}
	c.pt = pt
	c.checkKeys(pt)

	for _, st := range c.streams() {
		c.checkStream(st, pt)
	}

	owner := map[held]*elem{}
	for _, e := range c.elems {
		for _, m := range e.mcrs {
			c.checkMCR(e, m, owner)
		}
		for _, r := range e.objrs {
			c.checkOBJR(e, r)
		}
	}
}

// streams returns the content streams with marked content: each page's,
// then each form XObject's in the order of their object numbers.
func (c *checker) streams() []*stream {
	var sts []*stream
	for _, p := range c.pages {
		sts = append(sts, &p.stream)
	}
	nums := make([]int, 0, len(c.forms))
	for n := range c.forms {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		sts = append(sts, &c.forms[n].stream)
	}
	return sts
}

// checkKeys checks that no two objects share a ParentTree key, and that
// /ParentTreeNextKey, if given, is above every key.
func (c *checker) checkKeys(pt map[int]types.Object) {
	users := map[int]string{}
	use := func(key *int, page int, what string) {
		if key == nil {
			return
		}
		if other, dup := users[*key]; dup {
			c.report(ruleParentTree, page, what, "its ParentTree key %d is also that of %s", *key, other)
			return
		}
		users[*key] = fmt.Sprintf("%s on page %d", what, page)
	}
	for _, st := range c.streams() {
		use(st.key, st.page.num, st.what)
	}
	for _, p := range c.pages {
		for _, a := range p.annots {
			use(a.key, p.num, a.String())
		}
	}
	if next := c.intEntry(c.tree.d, "ParentTreeNextKey"); next != nil {
		for k := range pt {
			if k >= *next {
				c.report(ruleParentTree, 0, "StructTreeRoot", "/ParentTreeNextKey %d is not above the key %d of the ParentTree", *next, k)
				break
			}
		}
	}
}

// checkStream checks that the ParentTree maps each MCID of st to the
// element holding it, and nothing else. A stream without MCIDs needs no
// entry.
func (c *checker) checkStream(st *stream, pt map[int]types.Object) {
	num := st.page.num
	if len(st.mcids) == 0 {
		// Nothing to find; but an entry it has must map nothing.
		if st.key == nil || pt[*st.key] == nil {
			return
		}
	}
	if st.key == nil {
		c.report(ruleParentTree, num, st.what, "has marked content with MCIDs but no /StructParents: its content cannot be found from the tree")
		return
	}
	if pt == nil {
		c.report(ruleParentTree, num, st.what, "has /StructParents %d, but the StructTreeRoot has no /ParentTree", *st.key)
		return
	}
	o, ok := pt[*st.key]
	arr, isArr := c.deref(o).(types.Array)
	switch {
	case !ok:
		c.report(ruleParentTree, num, st.what, "the ParentTree has no entry for its /StructParents %d", *st.key)
		return
	case !isArr:
		c.report(ruleParentTree, num, st.what, "the ParentTree entry for its /StructParents %d is %v, not an array of elements", *st.key, o)
		return
	}
	var missing []string
	for _, id := range sortedKeys(st.mcids) {
		if id >= len(arr) || c.deref(arr[id]) == nil {
			missing = append(missing, fmt.Sprint(id))
			continue
		}
		e := c.elemByObj[objNum(arr[id])]
		switch {
		case e == nil:
			c.report(ruleParentTree, num, st.what, "the ParentTree maps MCID %d to %v, which is not an element of the structure tree", id, arr[id])
		case !e.holds(id, st, c):
			c.report(ruleParentTree, num, st.what, "the ParentTree maps MCID %d to %s, whose /K does not hold it", id, e)
		}
	}
	switch {
	case len(missing) == 1:
		c.report(ruleParentTree, num, st.what, "MCID %s has no element in the ParentTree array of key %d: its content is not in the tree", missing[0], *st.key)
	case len(missing) > 1:
		c.report(ruleParentTree, num, st.what, "MCIDs %s have no element in the ParentTree array of key %d: their content is not in the tree",
			strings.Join(missing, ", "), *st.key)
	}
	for id, o := range arr {
		if _, ok := st.mcids[id]; !ok && c.deref(o) != nil {
			c.report(ruleParentTree, num, st.what, "the ParentTree array of key %d maps MCID %d, which the content does not have", *st.key, id)
		}
	}
}

// holds reports whether e's /K holds MCID id of st.
func (e *elem) holds(id int, st *stream, c *checker) bool {
	for _, m := range e.mcrs {
		if m.mcid == id && c.streamOf(m) == st {
			return true
		}
	}
	return false
}

// streamOf returns the content stream a marked-content reference points
// into, or nil.
func (c *checker) streamOf(m mcr) *stream {
	if m.stm != nil {
		if f := c.forms[objNum(m.stm)]; f != nil {
			return &f.stream
		}
		return nil
	}
	if p := c.pageByObj[objNum(m.pg)]; p != nil {
		return &p.stream
	}
	return nil
}

// held is one MCID of one content stream.
type held struct {
	st   *stream
	mcid int
}

// checkMCR checks that the marked-content reference m of e points at
// content that exists, and that no other element holds it.
func (c *checker) checkMCR(e *elem, m mcr, owner map[held]*elem) {
	page := c.page(e)
	st := c.streamOf(m)
	switch {
	case m.mcid < 0:
		c.report(ruleParentTree, page, e.String(), "has an MCR without an integer /MCID")
	case m.pg == nil && m.stm == nil:
		c.report(ruleParentTree, page, e.String(), "holds MCID %d but neither it nor the MCR has a /Pg: the page is unknown", m.mcid)
	case st == nil && m.stm != nil:
		c.report(ruleParentTree, page, e.String(), "holds MCID %d of %v, which is not a form XObject drawn in the document", m.mcid, m.stm)
	case st == nil:
		c.report(ruleParentTree, page, e.String(), "holds MCID %d of /Pg %v, which is not a page of the document", m.mcid, m.pg)
	default:
		if _, ok := st.mcids[m.mcid]; !ok {
			c.report(ruleParentTree, st.page.num, e.String(), "holds MCID %d, which the %s does not have", m.mcid, st.what)
			return
		}
		key := held{st, m.mcid}
		if other := owner[key]; other != nil {
			c.report(ruleParentTree, st.page.num, e.String(), "holds MCID %d of the %s, which %s holds too", m.mcid, st.what, other)
			return
		}
		owner[key] = e
	}
}

// checkOBJR checks that the object reference r of e names an annotation of
// the page it gives.
func (c *checker) checkOBJR(e *elem, r objr) {
	a, p := c.annotByObj(objNum(r.obj))
	if a == nil {
		if c.dict(r.obj) == nil {
			c.report(ruleParentTree, c.page(e), e.String(), "has an OBJR whose /Obj %v is not an object", r.obj)
		}
		return // an XObject or other object: nothing more to check
	}
	if c.pageByObj[objNum(r.pg)] != p {
		c.report(ruleParentTree, p.num, e.String(), "has an OBJR of %s with /Pg %v, but the annotation is on page %d", a, r.pg, p.num)
	}
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[int]int) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
