// Package tagtest tags the items of laid-out pages that tests make by
// hand, as render requires of every item (see layout.Tag): for tests of
// the packages after layout, which place items themselves.
package tagtest

import "handout/layout"

// Tag tags every item of r that is not tagged yet, in place, and returns
// r: a text, gap or picture as content of a P (a picture of a Figure, with
// alternative text) of its own in r's tree, a link as a Link element of
// its own, described by its URL when it says nothing, a rule or box as an
// artifact. It makes r's tree, a Document, when r has none, and gives r a
// title and language when it has none. A nil r stays nil.
func Tag(r *layout.Result) *layout.Result {
	if r == nil {
		return nil
	}
	if r.Tree == nil {
		r.Tree = &layout.Node{Role: layout.RoleDocument}
	}
	if r.Title == "" {
		r.Title = "Test"
	}
	if r.Language == "" {
		r.Language = "en"
	}
	for _, p := range r.Pages {
		for i, it := range p.Items {
			if it == nil || !it.Tagged().IsZero() {
				continue
			}
			p.Items[i] = it.Retag(tagOf(r.Tree, it))
			if l, ok := p.Items[i].(layout.Link); ok && l.Contents == "" {
				l.Contents = l.URL
				p.Items[i] = l
			}
		}
	}
	return r
}

// tagOf returns the tag of it, an item not tagged yet, adding its element
// to tree.
func tagOf(tree *layout.Node, it layout.Item) layout.Tag {
	role := layout.RoleP
	switch it.(type) {
	case layout.Rule, layout.Box:
		return layout.Tag{Artifact: layout.ArtifactLayout}
	case layout.Link:
		role = layout.RoleLink
	case layout.Image:
		role = layout.RoleFigure
	}
	n := &layout.Node{Role: role}
	if role == layout.RoleFigure {
		n.Alt = "A picture"
	}
	tree.Kids = append(tree.Kids, n)
	return layout.Tag{Node: n}
}
