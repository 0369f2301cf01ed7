package layout

import (
	"math"
	"slices"

	"handout/document"
	"handout/fonts"
)

// tableKind sets a table block: its caption in bold, then the table across
// the text column, its header row bold on a light fill, thin gray rules
// between the cells. Each row is one unit, so a row never splits across
// pages: the table breaks between rows, the header row is repeated at the
// top of each page it continues on, and the caption and the header stay
// with the first row. A cell left empty is a space to write in: a row
// with one is at least row_lines writing lines high inside, and the answer
// key writes the cell's answer there, a line of it on each writing line.
// fit_pages takes writing lines from those rows, down to one.
//
// It is a Table of its Caption, its header row, a TR of TH cells that head
// their columns, in a THead, and its rows, TRs of TD cells (in a TBody
// when there is a header); a cell to write in is an empty TD, which holds
// its answer in the answer key. The header row repeated on later pages,
// the rules and the header's fill are artifacts.
type tableKind struct {
	*document.Table
	pos document.Pos // the block's, for errors
}

func (tableKind) spacing() spacing { return spacing{around: 1} }

// maxCut implements kind: a row to write in gives up lines down to one.
func (k tableKind) maxCut() int { return k.RowLines - 1 }

// tableRuleWidth is the width of a table's rules, in points.
const tableRuleWidth = 0.5

func (k tableKind) set(b *builder, in *Node) []unit {
	g, ok := k.grid(b)
	if !ok {
		return nil
	}
	table := in.add(RoleTable)
	var us []unit
	if len(k.Caption) > 0 {
		us = b.lines(b.marked(k.Caption, fonts.Bold), b.size, b.lead, b.left, b.width, 0, solid(ink), content(table.add(RoleCaption)))
	}
	// The top of the table: the header row, or a rule. Each row draws
	// the rule below it; the top goes again above the rows that start a
	// page (unit.head), as an artifact.
	top := unit{height: tableRuleWidth, items: []Item{g.hrule(tableRuleWidth / 2)}}
	body := table
	if k.Header != nil {
		top = g.row(k.Header, true, b.lead, nil, cellNodes(table.add(RoleTHead).add(RoleTR), len(k.Header), RoleTH))
		if top.height > b.flowHeight {
			b.fail(k.Header[0].Pos, "%sthe header of the table is %.0f mm high, and a page holds %.0f mm: shorten it",
				b.inLarge(), math.Ceil(top.height/mm), math.Floor(b.flowHeight/mm))
			return nil
		}
		body = table.add(RoleTBody)
	}
	head := top.repeated()
	if len(us) > 0 {
		top.space = 0.35 * b.lead
	}
	us = append(us, top)
	first := len(us) // the first row's unit
	for i, cells := range k.Rows {
		u := k.bodyRow(g, i, cells, cellNodes(body.add(RoleTR), len(cells), RoleTD))
		if u.height+head.height > b.flowHeight {
			b.fail(cells[0].Pos, "%srow %d of the table is %.0f mm high with the header above it, and a page holds %.0f mm: a row never breaks across pages, so shorten its cells or lower row_lines",
				b.inLarge(), i+1, math.Ceil((u.height+head.height)/mm), math.Floor(b.flowHeight/mm))
			return nil
		}
		u.head = &head
		us = append(us, u)
	}
	keepAll(us[:min(first+1, len(us))])
	return us
}

// cellNodes adds n cells of role r to the row tr, and returns them. A
// header cell heads its column.
func cellNodes(tr *Node, n int, r Role) []*Node {
	cells := make([]*Node, n)
	for j := range cells {
		cells[j] = tr.add(r)
		if r == RoleTH {
			cells[j].Scope = ColumnScope
		}
	}
	return cells
}

// repeated returns the header row u as it is repeated at the top of each
// page the table continues on: artifacts, what the page breaks repeat,
// but for its links, which stay in their Link elements, as every link
// annotation of a tagged PDF is in one.
func (u unit) repeated() unit {
	rep := artifact(ArtifactPagination)
	items := make([]Item, len(u.items))
	for i, it := range u.items {
		if _, ok := it.(Link); ok {
			items[i] = it
			continue
		}
		items[i] = it.Retag(rep)
	}
	texts := slices.Clone(u.texts)
	for i := range texts {
		texts[i].Tag = rep
	}
	u.items, u.texts = items, texts
	return u
}

// inLarge begins a message about the layout of the large-print copy.
func (b *builder) inLarge() string {
	if b.large {
		return "in large print, "
	}
	return ""
}

// bodyRow sets row i of the table's rows, with the answers of its empty
// cells in the answer key, its cells' content in the elements nodes. A
// row with an empty cell is at least row_lines writing lines high inside
// (fewer when fit_pages cuts them, but never fewer than its answers need).
func (k tableKind) bodyRow(g *grid, i int, cells []document.Cell, nodes []*Node) unit {
	b := g.b
	var (
		answers []Text // the answers' runs, in the answer key
		empty   bool
		need    int // the most lines an answer of the row needs
		longest int // the cell of that answer
	)
	size := b.answerSize()
	base := g.padY + b.baseline(b.size, b.lead)
	for j, c := range cells {
		if len(c.Text) > 0 {
			continue
		}
		empty = true
		if len(c.Answer) == 0 || b.large {
			continue // large print has no answers, and needs no room for them
		}
		spans := b.marked(c.Answer, fonts.Italic)
		lines := b.at(size).wrap(spans, g.inner(j))
		if len(lines) > need {
			need, longest = len(lines), j
		}
		if b.ed.Answers {
			tt := b.textTags(content(nodes[j]), spans)
			for n, l := range lines {
				answers = append(answers, l.runs(g.x[j]+g.padX, base+float64(n)*b.ruling, size, solid(answer), tt)...)
			}
		}
	}
	if !empty {
		return g.row(cells, false, 0, nil, nodes)
	}
	n := k.RowLines
	if b.tn.cut > 0 {
		n = max(1, n-b.tn.cut, need)
	}
	u := g.row(cells, false, float64(n)*b.ruling, answers, nodes)
	if room := int(math.Floor((u.height-2*g.padY)/b.ruling + 1e-9)); need > room {
		b.fail(cells[longest].AnswerPos, "the answer for row %d, column %d of the table needs %d writing lines and its cell has %d: shorten the answer or raise row_lines to %d",
			i+1, longest+1, need, room, need)
	}
	return u
}

// grid is a table's columns, measured for one layout.
type grid struct {
	b          *builder
	x          []float64 // each column's left edge, then the table's right edge
	padX, padY float64   // the space inside a cell, on either side and above and below
}

// inner is the width inside column j, between its padding.
func (g *grid) inner(j int) float64 { return g.x[j+1] - g.x[j] - 2*g.padX }

// hrule is a rule across the table at y.
func (g *grid) hrule(y float64) Rule {
	return Rule{X0: g.x[0], Y0: y, X1: g.x[len(g.x)-1], Y1: y, Width: tableRuleWidth, Color: rule, Tag: layoutArt}
}

// row sets one row of cells, each cell's text wrapped in its column from
// the top, content of its element of nodes: bold on a light fill for the
// header. It is at least minInner high inside. answers are the runs of the
// answers written in its empty cells, placed in the row.
func (g *grid) row(cells []document.Cell, header bool, minInner float64, answers []Text, nodes []*Node) unit {
	b := g.b
	style := fonts.Regular
	if header {
		style = fonts.Bold
	}
	base := g.padY + b.baseline(b.size, b.lead)
	inner := minInner
	var texts []Text
	var links []Item
	for j, c := range cells {
		x := g.x[j] + g.padX
		if len(c.Text) > 0 {
			spans := b.marked(c.Text, style)
			tt := b.textTags(content(nodes[j]), spans)
			gaps := slices.ContainsFunc(spans, func(s span) bool { return s.gap })
			lines := b.at(b.size).wrap(spans, g.inner(j))
			for n, l := range lines {
				dy := float64(n) * b.lead
				runs := l.runs(x, base+dy, b.size, solid(ink), tt)
				for _, lk := range l.links(x, b.baseline(b.size, b.lead), b.size, b.lead, tt) {
					links = append(links, lk.Translate(0, g.padY+dy))
				}
				if gaps {
					runs, links = b.gapItems(l, x, base+dy, b.size, runs, links, tt)
				}
				texts = append(texts, runs...)
			}
			inner = max(inner, float64(len(lines))*b.lead)
		}
	}
	texts = append(texts, answers...)
	h := inner + 2*g.padY
	u := unit{height: h, texts: texts}
	x0, x1 := g.x[0], g.x[len(g.x)-1]
	half := tableRuleWidth / 2
	if header {
		u.items = append(u.items, Box{X: x0, Y: 0, W: x1 - x0, H: h, Fill: paint(tint), Tag: layoutArt}, g.hrule(half))
	}
	for j, x := range g.x {
		switch j {
		case 0:
			x += half
		case len(g.x) - 1:
			x -= half
		}
		u.items = append(u.items, Rule{X0: x, Y0: 0, X1: x, Y1: h, Width: tableRuleWidth, Color: rule, Tag: layoutArt})
	}
	u.items = append(u.items, g.hrule(h-half))
	u.items = append(u.items, links...)
	return u
}
