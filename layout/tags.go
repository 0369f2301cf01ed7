package layout

import (
	"strings"

	"handout/document"
)

// This file holds what a tagged PDF needs of the layout: the structure tree
// of a Result (Node, Role), and the Tag of each placed item, which says
// which element of the tree the item is content of, or that it is an
// artifact, drawn but not content. The kind that places an item tags it
// (see kind.set); render writes the tree and marks the content as the tags
// say, and decides nothing.

// Role is the standard structure type of an element (ISO 32000-1:2008,
// 14.8.4), as the PDF names it.
type Role string

// The roles the layout gives elements.
const (
	RoleDocument   Role = "Document"   // the root: the whole worksheet or summary sheet
	RoleSect       Role = "Sect"       // a section, a task panel, a summary panel
	RoleDiv        Role = "Div"        // a notes block, a word bank, a picture with its caption
	RoleH1         Role = "H1"         // the title
	RoleH2         Role = "H2"         // a section's heading, a summary panel's
	RoleP          Role = "P"          // a paragraph, or a line of text such as a label
	RoleL          Role = "L"          // a list: bullets, questions, parts, choices, words
	RoleLI         Role = "LI"         // a list item
	RoleLbl        Role = "Lbl"        // a list item's bullet, number or letter
	RoleLBody      Role = "LBody"      // a list item's content
	RoleBlockQuote Role = "BlockQuote" // a quotation with its source
	RoleFigure     Role = "Figure"     // a picture
	RoleCaption    Role = "Caption"    // a picture's caption, a table's
	RoleTable      Role = "Table"      // a table
	RoleTHead      Role = "THead"      // a table's header row
	RoleTBody      Role = "TBody"      // a table's other rows, when it has a header
	RoleTR         Role = "TR"         // a row
	RoleTH         Role = "TH"         // a header cell, with its Scope
	RoleTD         Role = "TD"         // a cell
	RoleLink       Role = "Link"       // a link: its text and its annotations
	RoleSpan       Role = "Span"       // a gap in a sentence
)

// Roles are every Role, for render to check a tree against.
var Roles = []Role{
	RoleDocument, RoleSect, RoleDiv, RoleH1, RoleH2, RoleP, RoleL, RoleLI, RoleLbl, RoleLBody,
	RoleBlockQuote, RoleFigure, RoleCaption, RoleTable, RoleTHead, RoleTBody, RoleTR, RoleTH, RoleTD,
	RoleLink, RoleSpan,
}

// Node is an element of a tagged PDF's structure tree. The tree is in
// reading order, the order of the content file: each element's Kids in
// turn. Its content is the items tagged with it, in the order they are
// drawn, which is their reading order on each page; an element whose
// content is on several pages, such as a paragraph that runs on to the
// next, is one element.
type Node struct {
	Role Role
	Kids []*Node
	// Alt is what a reader hears in place of the element: a Figure's
	// alternative text, or "blank" for a gap.
	Alt string
	// ActualText is the text its content stands for, such as "•" for a
	// bullet drawn as a square.
	ActualText string
	// Scope is, for a TH, whether it heads its column or its row.
	Scope Scope
	// run, on a list, is the kind key of the blocks whose items it holds
	// ("bullet", "question"), which the next such block joins.
	run string
}

// add adds a kid of role r to n, after its other kids, and returns it.
func (n *Node) add(r Role) *Node {
	k := &Node{Role: r}
	n.Kids = append(n.Kids, k)
	return k
}

// item adds a list item to the list n: an LI with its Lbl, when label,
// and its LBody, which it returns with the Lbl (nil without one).
func (n *Node) item(label bool) (lbl, body *Node) {
	li := n.add(RoleLI)
	if label {
		lbl = li.add(RoleLbl)
	}
	return lbl, li.add(RoleLBody)
}

// list returns the list of the blocks of kind key that n's last kid is,
// if it is one, or adds one: blocks of one kind one after another, such
// as bullets or questions, are items of one list.
func (n *Node) list(key string) *Node {
	if k := len(n.Kids); k > 0 && n.Kids[k-1].run == key {
		return n.Kids[k-1]
	}
	l := n.add(RoleL)
	l.run = key
	return l
}

// Scope says what a table's header cell heads.
type Scope uint8

// The scopes.
const (
	NoScope     Scope = iota // not a header cell
	ColumnScope              // the cells under it
	RowScope                 // the cells beside it
)

// String returns the scope as the PDF names it: Column or Row.
func (s Scope) String() string {
	switch s {
	case ColumnScope:
		return "Column"
	case RowScope:
		return "Row"
	}
	return ""
}

// Artifact is the kind of an artifact: what is drawn, but is not content
// (ISO 32000-1:2008, 14.8.2.2).
type Artifact uint8

// The kinds of artifact. The zero Artifact is none.
const (
	NoArtifact Artifact = iota
	// ArtifactLayout is the design: writing lines, rules, frames, panel
	// fills, tick boxes, the name line (/Type /Layout).
	ArtifactLayout
	// ArtifactHeader and ArtifactFooter are the running header and
	// footer (/Type /Pagination /Subtype /Header, /Footer).
	ArtifactHeader
	ArtifactFooter
	// ArtifactPagination is what the page breaks repeat, such as a
	// table's header row at the top of each page it continues on
	// (/Type /Pagination).
	ArtifactPagination
	// ArtifactPage is what a print shop needs and the reader does not:
	// crop marks and the slug line (/Type /Page).
	ArtifactPage
)

// String returns the artifact's name in dumps.
func (a Artifact) String() string {
	switch a {
	case ArtifactLayout:
		return "layout"
	case ArtifactHeader:
		return "header"
	case ArtifactFooter:
		return "footer"
	case ArtifactPagination:
		return "pagination"
	case ArtifactPage:
		return "page"
	}
	return "untagged"
}

// Tag says what an item is in a tagged PDF: content of the element Node,
// or, when Node is nil, an artifact of the kind Artifact. The zero Tag is
// neither, and render refuses an item that has it: every item the layout
// places is tagged by the kind that places it.
type Tag struct {
	Node     *Node
	Artifact Artifact
	// Page, when not 0, is the page of the document (from 1) that the item
	// is content of, where that is not the page it is drawn on: impose
	// sets it, as its sheets show pages out of order, and an element's
	// content is read in the order of the document's pages.
	Page int
}

// IsZero reports whether t is the zero Tag: the item is not tagged.
func (t Tag) IsZero() bool { return t.Node == nil && t.Artifact == NoArtifact }

// bulletText is what a reader hears for a bullet, which is drawn as a
// square. What it hears for a gap and for the tick of a right choice in
// the answer key is in the worksheet's language (document.Labels' Blank
// and Correct).
const bulletText = "•"

// content returns the tag of content of n.
func content(n *Node) Tag { return Tag{Node: n} }

// artifact returns the tag of an artifact of kind a.
func artifact(a Artifact) Tag { return Tag{Artifact: a} }

// layoutArt is the tag of the design's artifacts.
var layoutArt = artifact(ArtifactLayout)

// tagged returns ts, each with tag t, in place.
func tagged(ts []Text, t Tag) []Text {
	for i := range ts {
		ts[i].Tag = t
	}
	return ts
}

// retagged returns items each with tag t, in place.
func retagged(items []Item, t Tag) []Item {
	for i, it := range items {
		items[i] = it.Retag(t)
	}
	return items
}

// textTags tags the items of one text, such as a paragraph, a table cell
// or a caption: its runs are content of its element, or artifacts, with
// tag; the text of each of its links is content of a Link element inside
// that element, which the link's annotations are too, and each of its gaps
// a Span element. The Link and Span elements are made as the text's runs
// are set, in reading order (see line.runs).
type textTags struct {
	tag   Tag
	spans []span  // the text, for what its links say
	links []*Node // the Link element of each link, by its span's ord
	gaps  []*Node // the Span element of each gap, by its span's ord
	blank string  // the Alt of a gap's Span; "" in the answer key, where it holds the answer
}

// textTags returns the tags of the text spans, whose runs are tagged tag.
func (b *builder) textTags(tag Tag, spans []span) *textTags {
	tt := &textTags{tag: tag, spans: spans}
	if !b.ed.Answers {
		tt.blank = b.labels.Blank
	}
	return tt
}

// of returns the tag of the fragment f of the text: content of its link's
// or its gap's element, or the text's tag.
func (tt *textTags) of(f frag) Tag {
	switch {
	case f.gap:
		return content(tt.inside(&tt.gaps, f.ord, RoleSpan))
	case f.url != "":
		return content(tt.inside(&tt.links, f.ord, RoleLink))
	}
	return tt.tag
}

// inside returns the element of the ord-th link or gap, *ns, making it,
// of role r, inside the text's element if it is not made yet; nil for the
// text of an artifact, which has no element to hold it.
func (tt *textTags) inside(ns *[]*Node, ord int, r Role) *Node {
	if tt.tag.Node == nil || ord < 1 {
		return nil
	}
	for len(*ns) < ord {
		*ns = append(*ns, nil)
	}
	if (*ns)[ord-1] == nil {
		n := tt.tag.Node.add(r)
		if r == RoleSpan {
			n.Alt = tt.blank
		}
		(*ns)[ord-1] = n
	}
	return (*ns)[ord-1]
}

// contents returns what the ord-th link of the text says to a reader: its
// text and its URL.
func (tt *textTags) contents(ord int) string {
	var text strings.Builder
	url := ""
	for _, s := range tt.spans {
		if s.url != "" && !s.gap && s.ord == ord {
			text.WriteString(s.text)
			url = s.url
		}
	}
	t := document.Inline{{Text: text.String()}}.String()
	if t == "" || t == url {
		return url
	}
	return t + " (" + url + ")"
}
