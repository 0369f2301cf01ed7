package layout

import (
	"errors"
	"fmt"

	"handout/document"
	"handout/fonts"
)

// Edition says which edition of a worksheet to lay out. The zero Edition is
// the student copy.
type Edition struct {
	// Answers writes each model answer (the answer key of notes and task
	// blocks) on its writing lines, in red. The pages are otherwise those
	// of the student copy, break for break.
	Answers bool
	// LargePrint sets the worksheet for readers with low vision: sans-serif
	// type of at least 16 pt, lines at least 1.5 times their size apart,
	// writing lines at least 11 mm apart, everything left-aligned, no
	// italics. It ignores fit_pages.
	LargePrint bool
}

// The large-print minimums.
const (
	largeSize     = 16   // body text, in points
	largeSpacing  = 1.5  // line height over type size
	largeRulingMM = 11.0 // gap between writing lines
)

// fillMin is the fewest writing lines of a lines = "fill" box: with fewer
// left on its page, it moves to the next.
const fillMin = 3

// PosError is a problem with the content found while laying it out, such
// as a model answer too long for its box, at a position in the content
// file.
type PosError struct {
	Pos document.Pos
	Msg string
}

// Error returns "line:column: message".
func (e *PosError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg) }

// WorksheetEdition lays out the worksheet pages of d in edition ed. When the
// worksheet gives fit_pages (and ed is not large print) it is squeezed to
// fit that many pages; see fit.
func WorksheetEdition(d *document.Document, ed Edition) (*Result, error) {
	tn := tune{}
	if d.Worksheet.FitPages > 0 && !ed.LargePrint {
		var err error
		if tn, err = fit(d); err != nil {
			return nil, err
		}
	}
	r, err := worksheet(d, ed, tn, document.MaxPages)
	var pe *pagesError
	if errors.As(err, &pe) {
		return nil, pe.posError()
	}
	return r, err
}

// pagesError says that a worksheet laid out on at most limit pages needs
// more: it passed the limit in the section at section.
type pagesError struct {
	limit   int
	section document.Pos
}

// Error says so.
func (e *pagesError) Error() string {
	return fmt.Sprintf("the worksheet needs more than %d pages", e.limit)
}

// posError returns the error for a worksheet longer than
// document.MaxPages, at the section where it passes the limit.
func (e *pagesError) posError() *PosError {
	return &PosError{Pos: e.section, Msg: fmt.Sprintf(
		"the worksheet passes %d pages in this section: a worksheet may have at most %d pages (each edition counted on its own); split the file",
		e.limit, e.limit)}
}

// newEditionBuilder measures d for edition ed, squeezed by tn.
func newEditionBuilder(d *document.Document, ed Edition, tn tune) (*builder, error) {
	s := d.Style
	if ed.LargePrint {
		s = largeStyle(s)
	}
	s.Size = tn.size(s.Size)
	b, err := newStyledBuilder(d, d.Worksheet.Paper, s)
	if err != nil {
		return nil, err
	}
	b.ed, b.tn, b.large = ed, tn, ed.LargePrint
	b.lead = b.pitch(s.Size, 1.33-0.013*float64(tn.tight))
	b.gapScale = 1 - 0.05*float64(tn.tight)
	return b, nil
}

// largeStyle returns s as large print has it: sans-serif, at least 16 pt,
// writing lines at least 11 mm apart.
func largeStyle(s document.Style) document.Style {
	s.Font = fonts.Sans
	s.Size = max(s.Size, largeSize)
	s.RulingMM = max(s.RulingMM, largeRulingMM)
	return s
}

// centre is the alignment of text usually centred: left in large print.
func (b *builder) centre() float64 {
	if b.large {
		return 0
	}
	return 0.5
}

// quoteStyle is the style of quotations: italic, or upright in large print.
func (b *builder) quoteStyle() fonts.Style {
	if b.large {
		return fonts.Regular
	}
	return fonts.Italic
}

// barWidth is the width of the bar beside a quotation: wider in large
// print, where it alone sets the quotation off.
func (b *builder) barWidth() float64 {
	if b.large {
		return 3
	}
	return 1.8
}

// answerSize is the type size of answers written on lines ruling apart.
func (b *builder) answerSize() float64 { return min(b.size, 0.6*b.ruling) }

// answerRows wraps a model answer's paragraphs to width, one line per
// writing row, each paragraph starting a new row. Each row holds the
// line's runs from x on a baseline a little above the row's rule, as
// handwriting sits, in the answer key; in other editions the rows are
// empty, since only their number counts.
func (b *builder) answerRows(paras []document.Inline, x, width float64) [][]Text {
	size := b.answerSize()
	base := 0.86 * b.ruling // the rule is at the row's foot, b.ruling down
	var rows [][]Text
	for _, p := range paras {
		for _, l := range b.at(size).wrap(b.marked(p, fonts.Italic), width) {
			var runs []Text
			if b.ed.Answers {
				runs = l.runs(x, base, size, solid(answer))
			}
			rows = append(rows, runs)
		}
	}
	return rows
}

// answerLines is the writing lines under a task's items for its model
// answer, one per line of the answer, in every edition (so that the
// editions paginate alike); the answer key writes the answer on them.
func (b *builder) answerLines(paras []document.Inline, x, width float64) []unit {
	rows := b.answerRows(paras, x, width)
	us := make([]unit, len(rows))
	for k, row := range rows {
		us[k] = unit{
			height: b.ruling,
			items:  []Item{Rule{X0: x, Y0: b.ruling, X1: x + width, Y1: b.ruling, Width: 0.5, Color: rule}},
			texts:  row,
		}
	}
	if len(us) > 0 {
		us[0].space = 0.3 * b.lead
	}
	return us
}

// filler makes the writing box of a lines = "fill" notes block once the
// flow knows how much room is left on its page.
type filler struct {
	min    int     // the fewest writing rows
	ruling float64 // the height of a row
	// box returns the box's units: rows writing rows and a foot pad high.
	box func(rows int, pad float64) []unit
}

// units returns the box filling a height h: as many rows as fit above a
// foot of at least half a row, and at least f.min, the foot taking what is
// left.
func (f *filler) units(h float64) []unit {
	rows := max(f.min, int((h-0.5*f.ruling)/f.ruling))
	pad := max(0.5*f.ruling, h-float64(rows)*f.ruling)
	return f.box(rows, pad)
}

// need is the least height of the box.
func (f *filler) need() float64 { return (float64(f.min) + 0.5) * f.ruling }
