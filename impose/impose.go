// Package impose places the laid-out pages of a document two to a sheet, for
// printing: side by side in reading order (TwoUp) or in saddle-stitch order
// for a folded booklet (Booklet).
//
// A sheet is twice as wide as a page and as high, so an A4 document goes on
// A3 landscape and an A5 one on A4 landscape. The two pages fill it exactly:
// imposing is a translation of the right-hand page's items by the page
// width, with no scaling, and text stays text. Like layout, it is pure and
// deterministic, and its output is a layout.Result that render draws as it
// draws any other.
package impose

import (
	"errors"
	"fmt"
	"maps"
	"math"

	"handout/layout"
)

// ErrNoPages is returned for a nil Result or one without pages.
var ErrNoPages = errors.New("impose: no pages")

// A SizeError reports a page whose size is not that of the first page, or
// that is not a size at all: the pages imposed together must all have the
// same positive, finite size.
type SizeError struct {
	Page          int // 1-based
	Width, Height float64
	Want          [2]float64 // the first page's width and height
}

// Error implements error, naming the page and its size.
func (e *SizeError) Error() string {
	if e.Page == 1 {
		return fmt.Sprintf("impose: page 1: bad size %gx%g pt", e.Width, e.Height)
	}
	return fmt.Sprintf("impose: page %d is %gx%g pt, not %gx%g pt like page 1: pages of different sizes cannot be imposed",
		e.Page, e.Width, e.Height, e.Want[0], e.Want[1])
}

// A BookmarkError reports a bookmark to a page that does not exist.
type BookmarkError struct {
	Bookmark layout.Bookmark
	Pages    int // the number of pages
}

// Error implements error, naming the bookmark and its page.
func (e *BookmarkError) Error() string {
	return fmt.Sprintf("impose: bookmark %q is to page index %d, of %d pages", e.Bookmark.Title, e.Bookmark.Page, e.Pages)
}

// blank marks an empty half of a sheet side.
const blank = -1

// A side is one side of a sheet: the indexes into Result.Pages of the pages
// on its left and right halves, or blank.
type side struct{ left, right int }

// TwoUp puts the pages of r two to a sheet in reading order: pages 1 and 2
// on the first sheet, left and right, 3 and 4 on the second, and so on. An
// odd last page is alone on the left of the last sheet. Each sheet is one
// page of the result, twice as wide as a page of r and as high.
//
// Bookmarks point to the sheet holding their page, at the same height;
// title, author, language, images and the structure tree carry over, and
// each item keeps its tag, its content marked with the page it shows (see
// layout.Tag), so that a tagged PDF of the sheets reads as the pages do.
// The result shares nothing that can be changed with r, except the image
// files and the tree.
func TwoUp(r *layout.Result) (*layout.Result, error) {
	if err := check(r); err != nil {
		return nil, err
	}
	return impose(r, twoUpOrder(len(r.Pages))), nil
}

// Booklet puts the pages of r two to a sheet side in saddle-stitch order:
// printed on both sides, stacked and folded down the middle, the sheets
// make a booklet of pages 1 to n in order. The pages are padded with blank
// ones at the end to N, a multiple of four.
//
// The result's pages are the sheet sides in printing order: the front of
// the first sheet, its back, the front of the second, and so on. Numbering
// pages from 1 and sheets k from 0, the front of sheet k holds pages N-2k
// (left) and 2k+1 (right), and its back pages 2k+2 (left) and N-2k-1
// (right): for N = 8, 8|1, 2|7, 6|3, 4|5. The sheets are landscape; print
// them duplex, flipping on the short edge, so that each back is the right
// way up behind its front.
//
// Bookmarks, metadata and images are as for TwoUp.
func Booklet(r *layout.Result) (*layout.Result, error) {
	if err := check(r); err != nil {
		return nil, err
	}
	return impose(r, bookletOrder(len(r.Pages))), nil
}

// check makes sure r has pages, all of one size, and bookmarks to them.
func check(r *layout.Result) error {
	if r == nil || len(r.Pages) == 0 {
		return ErrNoPages
	}
	w, h := r.Pages[0].Width, r.Pages[0].Height
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) { // !(NaN > 0)
		return &SizeError{Page: 1, Width: w, Height: h, Want: [2]float64{w, h}}
	}
	for i, p := range r.Pages[1:] {
		if p.Width != w || p.Height != h {
			return &SizeError{Page: i + 2, Width: p.Width, Height: p.Height, Want: [2]float64{w, h}}
		}
	}
	for _, bm := range r.Outline {
		if bm.Page < 0 || bm.Page >= len(r.Pages) {
			return &BookmarkError{Bookmark: bm, Pages: len(r.Pages)}
		}
	}
	return nil
}

// twoUpOrder returns the sides for n pages in reading order.
func twoUpOrder(n int) []side {
	sides := make([]side, 0, (n+1)/2)
	for i := 0; i < n; i += 2 {
		s := side{left: i, right: blank}
		if i+1 < n {
			s.right = i + 1
		}
		sides = append(sides, s)
	}
	return sides
}

// bookletOrder returns the sides for n pages in saddle-stitch order, with
// the pages past n, up to a multiple of four, blank.
func bookletOrder(n int) []side {
	padded := (n + 3) / 4 * 4
	page := func(p int) int { // 1-based page number to index, or blank
		if p > n {
			return blank
		}
		return p - 1
	}
	sides := make([]side, 0, padded/2)
	for k := 0; k < padded/4; k++ {
		sides = append(sides,
			side{left: page(padded - 2*k), right: page(2*k + 1)},
			side{left: page(2*k + 2), right: page(padded - 2*k - 1)})
	}
	return sides
}

// onPage returns it, when it is content, tagged as content of page n of
// the document, from 1, unless it says so already; a sheet shows pages
// out of the order they are read in.
func onPage(it layout.Item, n int) layout.Item {
	t := it.Tagged()
	if t.Node == nil || t.Page != 0 {
		return it
	}
	t.Page = n
	return it.Retag(t)
}

// impose builds the result of putting r's pages on sides. r has been
// checked.
func impose(r *layout.Result, sides []side) *layout.Result {
	w, h := r.Pages[0].Width, r.Pages[0].Height
	out := &layout.Result{
		Pages:    make([]layout.Page, len(sides)),
		Title:    r.Title,
		Author:   r.Author,
		Language: r.Language,
		Images:   maps.Clone(r.Images),
		Tree:     r.Tree,
	}
	sideOf := make([]int, len(r.Pages)) // page index to side index
	for i, s := range sides {
		sheet := layout.Page{Width: 2 * w, Height: h}
		for half, p := range []int{s.left, s.right} {
			if p == blank {
				continue
			}
			for _, it := range r.Pages[p].Items {
				sheet.Items = append(sheet.Items, onPage(it.Translate(float64(half)*w, 0), p+1))
			}
			sideOf[p] = i
		}
		out.Pages[i] = sheet
	}
	for _, bm := range r.Outline {
		bm.Page = sideOf[bm.Page]
		out.Outline = append(out.Outline, bm)
	}
	return out
}
