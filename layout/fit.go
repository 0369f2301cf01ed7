package layout

import (
	"errors"
	"strconv"

	"handout/document"
)

// tune is how far fit_pages squeezes a worksheet, in three steps taken in
// turn: cut, then tight, then shrink.
type tune struct {
	cut    int // writing lines taken from each block that has some, such as a notes box (see kind.maxCut)
	tight  int // spacing steps, 0 to maxTight: block gaps and line height shrink
	shrink int // quarter points taken from the body size, down to minFitSize
}

// The limits of squeezing.
const (
	maxTight   = 10 // block gaps at half their height, lines 1.2 times their size apart
	minFitSize = 10 // fit_pages never sets body text smaller, in points
	shrinkStep = 0.25
)

// size returns the body size s squeezed by t.
func (t tune) size(s float64) float64 {
	if t.shrink == 0 {
		return s
	}
	return max(s-shrinkStep*float64(t.shrink), minFitSize)
}

// fitter lays out a worksheet again and again to find how far it must be
// squeezed to fit its fit_pages.
type fitter struct {
	d       *document.Document
	version int   // the version of the paper laid out (see Edition.Version)
	err     error // the first error of a layout; fits is false after one
}

// pages returns how many pages d takes squeezed by tn, laid out on at most
// limit pages; limit+1 when it needs more.
func (f *fitter) pages(tn tune, limit int) int {
	if f.err != nil {
		return 0
	}
	r, err := worksheet(f.d, Edition{Version: f.version}, tn, limit)
	var pe *pagesError
	if errors.As(err, &pe) {
		return limit + 1
	}
	if err != nil {
		f.err = err
		return 0
	}
	return len(r.Pages)
}

// fits reports whether d fits its fit_pages squeezed by tn. Each layout
// stops as it passes fit_pages, as the rest does not matter.
func (f *fitter) fits(tn tune) bool {
	n := f.pages(tn, f.d.Worksheet.FitPages)
	return f.err == nil && n <= f.d.Worksheet.FitPages
}

// fit returns the least squeeze that fits version v of d (see
// Edition.Version) on its fit_pages pages. It takes
// writing lines from the boxes, one from each at a time, until they are at
// their min_lines; then tightens the spacing; then shrinks the body size by
// quarter points down to 10 pt, each step by binary search, so that a fit
// takes a few dozen layouts at most. When even the tightest squeeze does
// not fit, the error, at fit_pages, says how many pages d needs at least.
func fit(d *document.Document, v int) (tune, error) {
	f := &fitter{d: d, version: v}
	if f.fits(tune{}) || f.err != nil {
		return tune{}, f.err
	}
	maxCut := 0
	for _, s := range d.Sections {
		for _, blk := range s.Blocks {
			k, err := kindOf(blk)
			if err != nil {
				return tune{}, err
			}
			maxCut = max(maxCut, k.maxCut())
		}
	}
	maxShrink := 0
	if d.Style.Size > minFitSize {
		maxShrink = int((d.Style.Size - minFitSize) / shrinkStep)
	}
	steps := []struct {
		limit int
		at    func(k int) tune
	}{
		{maxCut, func(k int) tune { return tune{cut: k} }},
		{maxTight, func(k int) tune { return tune{cut: maxCut, tight: k} }},
		{maxShrink, func(k int) tune { return tune{cut: maxCut, tight: maxTight, shrink: k} }},
	}
	for _, st := range steps {
		if st.limit == 0 {
			continue
		}
		if !f.fits(st.at(st.limit)) {
			if f.err != nil {
				return tune{}, f.err
			}
			continue
		}
		k := search(st.limit, func(k int) bool { return f.fits(st.at(k)) })
		return st.at(k), f.err
	}
	tightest := tune{cut: maxCut, tight: maxTight, shrink: maxShrink}
	n := f.pages(tightest, document.MaxPages)
	if f.err != nil {
		return tune{}, f.err
	}
	need := "at least " + strconv.Itoa(n)
	if n > document.MaxPages {
		need = "more than " + strconv.Itoa(document.MaxPages)
	}
	return tune{}, &PosError{Pos: d.Worksheet.FitPos, Msg: "fit_pages = " + strconv.Itoa(d.Worksheet.FitPages) +
		": the worksheet needs " + need + " pages, even with every writing space at its min_lines, the tightest spacing and " +
		strconv.FormatFloat(tightest.size(d.Style.Size), 'g', -1, 64) + " pt type"}
}

// search returns the least k in 1..hi for which ok holds, given that it
// holds for hi and not for 0, by bisection.
func search(hi int, ok func(int) bool) int {
	lo := 0
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
