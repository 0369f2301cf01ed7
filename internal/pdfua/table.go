package pdfua

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxSpan bounds the RowSpan and ColSpan the checker follows, and
// maxGrid the cells of a table's grid.
const (
	maxSpan = 1000
	maxGrid = 1 << 20
)

// checkTable checks a Table's grid (every row as wide as the first,
// counting spans) and its header cells.
func (c *checker) checkTable(t *elem) {
	var rows []*elem
	for _, k := range t.kids {
		switch k.std {
		case "TR":
			rows = append(rows, k)
		case "THead", "TBody", "TFoot":
			for _, r := range k.kids {
				if r.std == "TR" {
					rows = append(rows, r)
				}
			}
		}
	}
	c.checkGrid(t, rows)
	c.checkHeaders(t, rows)
}

// checkHeaders checks that the cells of t's rows can find their header
// cells (ISO 14289-1 7.5; Matterhorn 15-003). A table is organized with
// /Headers and /ID when every TD has /Headers; otherwise each TH has a
// /Scope, unless a cell's /Headers names it. Every ID in a /Headers is a
// cell's of the table, and a /Scope is /Row, /Column or /Both.
func (c *checker) checkHeaders(t *elem, rows []*elem) {
	var cells []*elem
	for _, r := range rows {
		for _, cell := range r.kids {
			if cell.std == "TH" || cell.std == "TD" {
				cells = append(cells, cell)
			}
		}
	}
	byID := map[string]*elem{}
	for _, cell := range cells {
		if id, ok := c.bytes(cell.d, "ID"); ok && id != "" {
			byID[id] = cell
		}
	}
	named := map[*elem]bool{}
	organized := true // every TD has /Headers
	for _, cell := range cells {
		hs, ok := c.attr(cell, "Table", "Headers").(types.Array)
		if cell.std == "TD" && !ok {
			organized = false
		}
		for _, h := range hs {
			id, ok := c.bytes(types.Dict{"ID": h}, "ID")
			switch head := byID[id]; {
			case !ok:
				c.report(ruleTHScope, c.page(cell), cell.String(), "/Headers holds %v, not a string", h)
			case head == nil:
				c.report(ruleTHScope, c.page(cell), cell.String(), "/Headers names the ID %q, which no cell of %s has", id, t)
			default:
				named[head] = true
			}
		}
	}
	for _, th := range cells {
		if th.std != "TH" {
			continue
		}
		scope, hasScope := c.attr(th, "Table", "Scope").(types.Name)
		switch {
		case hasScope && scope != "Row" && scope != "Column" && scope != "Both":
			c.report(ruleTHScope, c.page(th), th.String(), "/Scope is /%s, not /Row, /Column or /Both", scope)
		case !hasScope && !named[th] && !organized:
			c.reportAs(ruleTHScope, "15-003", c.page(th), th.String(),
				"has no /Scope (attribute owner /Table), no cell names it in /Headers, and not every TD has /Headers: the cells it heads cannot be found")
		}
	}
}

// checkGrid checks that the rows of t, with their cells' RowSpan and
// ColSpan, make a rectangle (veraPDF rules 7.2-41 to 7.2-43).
func (c *checker) checkGrid(t *elem, rows []*elem) {
	type cell struct{ row, col int }
	taken := map[cell]bool{}
	widths := make([]int, len(rows))
	for r, row := range rows {
		col := 0
		for _, k := range row.kids {
			if k.std != "TH" && k.std != "TD" {
				continue
			}
			for taken[cell{r, col}] {
				col++
			}
			rs, cs := c.span(k, "RowSpan"), c.span(k, "ColSpan")
			if r+rs > len(rows) {
				c.report(ruleTable, c.page(k), k.String(), "/RowSpan %d runs past the last row of %s", rs, t)
				rs = len(rows) - r
			}
			if len(taken)+rs*cs > maxGrid {
				c.report(ruleTable, c.page(t), t.String(), "has more than %d cells, counting spans; the checker reads no more of it", maxGrid)
				return
			}
			for i := range rs {
				for j := range cs {
					taken[cell{r + i, col + j}] = true
				}
				widths[r+i] = max(widths[r+i], col+cs)
			}
			col += cs
		}
	}
	for r := 1; r < len(rows); r++ {
		if widths[r] != widths[0] {
			c.report(ruleTable, c.page(rows[r]), rows[r].String(), "row %d of %s has %d columns, row 1 has %d (counting spans)", r+1, t, widths[r], widths[0])
		}
	}
}

// span returns a cell's RowSpan or ColSpan: 1 unless given, at most
// maxSpan.
func (c *checker) span(e *elem, key string) int {
	n, ok := c.attr(e, "Table", key).(types.Integer)
	if !ok || n < 1 {
		return 1
	}
	return min(int(n), maxSpan)
}
