package layout

import (
	"fmt"
	"math"

	"handout/document"
	"handout/fonts"
)

// This file measures a table's columns (see tableKind.grid): by its widths,
// or from the content of their cells, each column at least as wide as its
// longest word, the columns to write in wide enough for handwriting, and
// room left over shared out.

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
