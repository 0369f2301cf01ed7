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
	// Version is a version of a question paper made in several, from 1
	// for version A to document.MaxVersions for Z: its choices, matching
	// columns and, with shuffle_questions, questions are in an order of
	// its own (see versions.go), and its title block says which version
	// it is. 0 is the paper itself, not made in versions.
	Version int
}

// The large-print minimums.
const (
	largeSize     = 16   // body text, in points
	largeSpacing  = 1.5  // line height over type size
	largeRulingMM = 11.0 // gap between writing lines
)

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
		if tn, err = fit(d, ed.Version); err != nil {
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
	b.arr = arrange(d, ed.Version)
	b.lead = b.pitch(s.Size, 1.33-0.013*float64(tn.tight))
	b.gapLine = b.gapWidth(d)
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
