package layout

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkTags asserts what must hold of the tags of every layout: every item
// is tagged, as content of an element of r's tree or as an artifact; every
// link annotation is in a Link element; and the tree is one a tagged PDF
// may have (see checkTree).
func checkTags(t *testing.T, r *Result) {
	t.Helper()
	if r.Tree == nil || r.Tree.Role != RoleDocument {
		t.Fatalf("the tree's root is %v, want a Document", r.Tree)
	}
	parent := map[*Node]*Node{}
	var walk func(n *Node)
	walk = func(n *Node) {
		for _, k := range n.Kids {
			if _, seen := parent[k]; seen || k == r.Tree {
				t.Fatalf("%s element is twice in the tree", k.Role)
			}
			parent[k] = n
			walk(k)
		}
	}
	walk(r.Tree)
	used := map[*Node]int{}
	for n, p := range r.Pages {
		for i, it := range p.Items {
			tag := it.Tagged()
			switch {
			case tag.IsZero():
				t.Errorf("page %d item %d is not tagged: %s", n+1, i, dumpItem(it))
				continue
			case tag.Node == nil:
				if _, ok := it.(Link); ok {
					t.Errorf("page %d item %d: a link annotation is an artifact: %s", n+1, i, dumpItem(it))
				}
				continue
			}
			if _, ok := parent[tag.Node]; !ok {
				t.Errorf("page %d item %d is content of a %s element that is not in the tree: %s", n+1, i, tag.Node.Role, dumpItem(it))
			}
			if l, ok := it.(Link); ok && (tag.Node.Role != RoleLink || l.Contents == "") {
				t.Errorf("page %d item %d: a link annotation in a %s element, described %q", n+1, i, tag.Node.Role, l.Contents)
			}
			used[tag.Node]++
		}
	}
	checkTree(t, r.Tree, parent, used)
}

// checkTree asserts the form of the tree under root, whose elements have
// the parents parent and used items each: one H1, the title, first; H2s
// only in a Sect; lists of LI of a Lbl and an LBody; tables of rows of
// cells, every row as wide as the first, header cells with a scope; a
// Figure with alternative text or none, a gap with "blank" or content;
// and each element that holds text with some.
func checkTree(t *testing.T, root *Node, parent map[*Node]*Node, used map[*Node]int) {
	t.Helper()
	if len(root.Kids) == 0 || root.Kids[0].Role != RoleH1 {
		t.Errorf("the tree does not start with the title, an H1")
	}
	h1 := 0
	var walk func(n *Node)
	walk = func(n *Node) {
		roles := make([]Role, len(n.Kids))
		for i, k := range n.Kids {
			roles[i] = k.Role
		}
		switch n.Role {
		case RoleH1:
			h1++
		case RoleH2:
			if parent[n].Role != RoleSect {
				t.Errorf("an H2 in a %s", parent[n].Role)
			}
			if used[n] == 0 {
				t.Errorf("an H2 with no content")
			}
		case RoleL:
			if slices.ContainsFunc(roles, func(r Role) bool { return r != RoleLI }) || len(roles) == 0 {
				t.Errorf("an L of %v", roles)
			}
		case RoleLI:
			if !slices.Equal(roles, []Role{RoleLbl, RoleLBody}) && !slices.Equal(roles, []Role{RoleLBody}) {
				t.Errorf("an LI of %v", roles)
			}
		case RoleTable:
			checkTable(t, n)
		case RoleTH:
			if n.Scope == NoScope {
				t.Errorf("a TH without a scope")
			}
		case RoleSpan:
			if n.Alt == "" && used[n] == 0 {
				t.Errorf("a gap's Span says nothing")
			}
		case RoleFigure:
			if used[n] == 0 {
				t.Errorf("a Figure with no content")
			}
		case RoleP, RoleLbl, RoleCaption:
			if used[n] == 0 && len(n.Kids) == 0 {
				t.Errorf("a %s with no content", n.Role)
			}
		case RoleLink:
			if used[n] == 0 {
				t.Errorf("a Link with neither text nor annotation")
			}
		}
		if !slices.Contains(Roles, n.Role) {
			t.Errorf("an element of role %q", n.Role)
		}
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(root)
	if h1 != 1 {
		t.Errorf("%d H1 elements, want the title's alone", h1)
	}
}

// checkTable asserts the form of the Table table: a Caption first, then a
// THead and a TBody, or rows; rows of TH and TD cells, all as wide.
func checkTable(t *testing.T, table *Node) {
	t.Helper()
	var rows []*Node
	for i, k := range table.Kids {
		switch k.Role {
		case RoleCaption:
			if i != 0 {
				t.Errorf("a table's Caption is kid %d", i)
			}
		case RoleTHead, RoleTBody:
			rows = append(rows, k.Kids...)
		case RoleTR:
			rows = append(rows, k)
		default:
			t.Errorf("a %s in a Table", k.Role)
		}
	}
	for _, r := range rows {
		if r.Role != RoleTR {
			t.Errorf("a %s among a table's rows", r.Role)
			continue
		}
		if len(r.Kids) != len(rows[0].Kids) {
			t.Errorf("a row of %d cells in a table whose first has %d", len(r.Kids), len(rows[0].Kids))
		}
		for _, c := range r.Kids {
			if c.Role != RoleTH && c.Role != RoleTD {
				t.Errorf("a %s in a TR", c.Role)
			}
		}
	}
}

// TestTags lays out every content file and fixture, in every edition, and
// checks their tags and trees.
func TestTags(t *testing.T) {
	files, err := filepath.Glob("../content/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content files found: %v", err)
	}
	more, _ := filepath.Glob("testdata/*.toml")
	for _, f := range append(files, more...) {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(name, func(t *testing.T) {
			d := withTestFonts(t, picturesFrom(t, decodeFile(t, f), filepath.Dir(f)))
			if len(d.Sections) > 0 {
				for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}, {Version: 2}, {Version: 2, Answers: true}} {
					r, err := WorksheetEdition(d, ed)
					if err != nil {
						t.Fatal(err)
					}
					checkTags(t, r)
				}
			}
			if d.Summary != nil {
				r, err := Summary(d)
				if err != nil {
					t.Fatal(err)
				}
				checkTags(t, r)
			}
		})
	}
}
