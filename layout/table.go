package layout

import (
	"fmt"
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

// grid measures the table's columns across the text column, by widths or
// from the content, and reports a cell whose longest word its column
// cannot hold; ok is false then.
func (k tableKind) grid(b *builder) (g *grid, ok bool) {
	g = &grid{b: b, padX: 0.6 * b.size, padY: 0.45 * b.size}
	cols := make([]column, k.Columns)
	for j := range cols {
		cols[j].measure(b, k.Table, j, 2*g.padX)
	}
	var widths []float64
	if k.Widths != nil {
		widths = shares(k.Widths, b.width)
	}
	if widths == nil || b.large && !holds(cols, widths) {
		// Large print sets the columns from their content when its
		// larger type does not fit the widths.
		widths = autoWidths(cols, b.width)
	}
	if widths == nil {
		// The longest words need more than the text column.
		c := widest(cols)
		needAll := 0.0
		for _, col := range cols {
			needAll += col.least
		}
		if c.word == "" {
			b.fail(k.pos, "%sthe table's %d columns need %.0f mm for the space inside their cells alone, more than the %.0f mm of the text column: use fewer columns",
				b.inLarge(), len(cols), math.Ceil(needAll/mm), math.Floor(b.width/mm))
			return nil, false
		}
		b.fail(c.at, "%sthe word %q in %s of the table needs a column %.0f mm wide, and the longest words of all the columns need %.0f mm together, more than the %.0f mm of the text column: shorten them, break them with a soft hyphen (\\u00AD), or use fewer columns",
			b.inLarge(), c.word, c.cell(), math.Ceil(c.least/mm), math.Ceil(needAll/mm), math.Floor(b.width/mm))
		return nil, false
	}
	g.x = make([]float64, len(widths)+1)
	g.x[0] = b.left
	for j, w := range widths {
		g.x[j+1] = g.x[j] + w
	}
	g.x[len(widths)] = b.left + b.width // no rounding error at the right edge
	for j, c := range cols {
		if c.word != "" && c.least > widths[j]+1e-9 {
			b.fail(c.at, "%sthe word %q in %s of the table needs a column %.0f mm wide, and widths make column %d %.0f mm wide: give it a larger share of widths, or break the word with a soft hyphen (\\u00AD)",
				b.inLarge(), c.word, c.cell(), math.Ceil(c.least/mm), j+1, math.Floor(widths[j]/mm))
			return nil, false
		}
	}
	return g, true
}

// holds reports whether columns of widths hold the longest words of cols.
func holds(cols []column, widths []float64) bool {
	for j, c := range cols {
		if c.word != "" && c.least > widths[j]+1e-9 {
			return false
		}
	}
	return true
}

// column is what a table's column needs, measured from its cells.
type column struct {
	least   float64 // the width its longest word needs, padding included
	natural float64 // the width its widest cell needs on one line, padding included
	writing bool    // it has an empty cell of a row, a space to write in
	// word is its longest word, written at, in the cell of row row (-1
	// for the header) and column col.
	word     string
	at       document.Pos
	row, col int
}

// cell names the cell of the column's longest word, for messages.
func (c column) cell() string {
	if c.row < 0 {
		return fmt.Sprintf("column %d of the header", c.col+1)
	}
	return fmt.Sprintf("row %d, column %d", c.row+1, c.col+1)
}

// writeWidth is the width a column with a space to write in would have,
// if there is room: room for a few words of handwriting.
const writeWidth = 35 * mm

// measure measures column j of table t, whose cells have pad of padding.
func (c *column) measure(b *builder, t *document.Table, j int, pad float64) {
	c.least, c.natural, c.col = pad, pad, j
	see := func(cell document.Cell, style fonts.Style, row int) {
		if len(cell.Text) == 0 {
			return
		}
		m := b.at(b.size)
		whole := 0.0
		ws := m.words(b.marked(cell.Text, style))
		for i, w := range ws {
			whole += w.width
			if i < len(ws)-1 {
				whole += w.space
			}
			if ww := w.width - gapGive(w, b.size) + m.hyphenWidth(w) + pad; ww > c.least {
				c.least, c.at, c.row = ww, cell.Pos, row
				c.word = ""
				for _, f := range w.frags {
					c.word += f.text
				}
			}
		}
		c.natural = max(c.natural, whole+pad)
	}
	if j < len(t.Header) {
		see(t.Header[j], fonts.Bold, -1)
	}
	for i, row := range t.Rows {
		if j >= len(row) {
			continue
		}
		see(row[j], fonts.Regular, i)
		c.writing = c.writing || len(row[j].Text) == 0
	}
}

// widest returns the column whose longest word is the widest.
func widest(cols []column) column {
	w := cols[0]
	for _, c := range cols[1:] {
		if c.least > w.least {
			w = c
		}
	}
	return w
}

// shares divides total among columns by their relative widths ws.
func shares(ws []float64, total float64) []float64 {
	top := 0.0
	for _, w := range ws {
		top = max(top, w)
	}
	sum := 0.0
	for _, w := range ws {
		sum += w / top // at most 12, however large the widths
	}
	out := make([]float64, len(ws))
	for j, w := range ws {
		out[j] = total * (w / top) / sum
	}
	return out
}

// autoWidths divides total among the columns from their content, or
// returns nil when their longest words need more. Each column gets its
// longest word; then the columns to write in grow to writeWidth; then
// every column towards its widest cell on one line. Where there is not
// room for a step, each column gets a share of what is left in proportion
// to what it asks for. Room left over goes to the columns to write in,
// widening the narrowest first, or, in a table with none, to every column
// in proportion to its width.
func autoWidths(cols []column, total float64) []float64 {
	w := make([]float64, len(cols))
	rest := total
	for j, c := range cols {
		w[j] = c.least
		rest -= c.least
	}
	if rest < -1e-9 {
		return nil
	}
	rest = grow(w, rest, func(j int) float64 {
		if cols[j].writing {
			return writeWidth
		}
		return 0
	})
	rest = grow(w, rest, func(j int) float64 { return cols[j].natural })
	if rest <= 0 {
		return w
	}
	writing := false
	for _, c := range cols {
		writing = writing || c.writing
	}
	if writing {
		level(w, cols, rest)
		return w
	}
	sum := total - rest
	for j := range w {
		w[j] *= total / sum
	}
	return w
}

// grow widens each column j towards want(j), sharing room in proportion
// to what each lacks when it is not enough, and returns the room left.
func grow(w []float64, room float64, want func(j int) float64) float64 {
	lack := 0.0
	for j := range w {
		lack += max(want(j)-w[j], 0)
	}
	if lack <= 0 || room <= 0 {
		return room
	}
	share := min(1, room/lack)
	for j := range w {
		w[j] += max(want(j)-w[j], 0) * share
	}
	return room - lack*share
}

// level spreads extra over the columns to write in, raising the narrowest
// of them to one width, as water fills a vessel.
func level(w []float64, cols []column, extra float64) {
	var in []int
	for j, c := range cols {
		if c.writing {
			in = append(in, j)
		}
	}
	// Sorted by width, narrowest first (a dozen columns at most).
	for a := 1; a < len(in); a++ {
		for c := a; c > 0 && w[in[c]] < w[in[c-1]]; c-- {
			in[c], in[c-1] = in[c-1], in[c]
		}
	}
	sum := 0.0
	for n, j := range in {
		sum += w[j]
		lvl := (sum + extra) / float64(n+1)
		if n == len(in)-1 || lvl <= w[in[n+1]] {
			for _, j := range in[:n+1] {
				w[j] = lvl
			}
			return
		}
	}
}
