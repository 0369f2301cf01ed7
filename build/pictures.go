package build

import (
	"cmp"
	"context"
	"errors"
	"image"
	"math"
	"slices"

	"handout/document"
	"handout/layout"
)

// A content file's pictures are decoded once its pages are laid out, so
// that each is decoded once, whatever the PDFs, at the size its largest
// showing needs: the layout needs only their sizes, which their headers
// give. A picture that prints at more than max_ppi pixels to the inch on
// the largest page it is shown on is embedded resampled to that many, the
// same bytes in every PDF of the file (editions, imposed copies), and the
// gray copy is made from them.

// picture is an image file that a content file shows, under one name or
// more: read, and its header checked, by loadImages.
type picture struct {
	data   []byte
	h      header
	blocks []*document.Image     // the blocks that show it, in file order
	files  []*document.ImageFile // its ImageFile under each name, in d.Images
}

// pictures are the pictures of the content file name, in the order the
// file first shows them.
type pictures struct {
	name string
	list []*picture
}

// decode decodes each picture, one at a time, under the ImageMemory
// budget, and makes what cv asks for of it (see decodeImage): for the
// PDFs, at the size that the pages rs need, with at most maxPPI pixels
// to the inch where they print it largest (any number for 0; its own
// size for rs nil). The bytes made are set in every ImageFile of the
// picture. Problems are document.Errors at each block that shows the
// picture, in file order; it gives up with ctx's error once ctx is done.
func (ps pictures) decode(ctx context.Context, cv convert, rs []*layout.Result, maxPPI int) error {
	widest := printedWidths(rs)
	var errs document.Errors
	for _, pic := range ps.list {
		c := cv
		c.size = embedSize(pic.h.shown(), pic.widest(widest), maxPPI)
		img, err := decodeImage(ctx, pic.data, pic.h, c)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			for _, b := range pic.blocks {
				errs = append(errs, imageError(ps.name, b, err))
			}
			continue
		}
		for _, f := range pic.files {
			f.Data, f.Gray = img.Data, img.Gray
		}
	}
	if len(errs) > 0 {
		inFileOrder(errs)
		return errs
	}
	return nil
}

// widest returns the largest width, in points, at which pages show the
// picture, by widths, the widest showing of each image file; 0 when none
// shows it.
func (pic *picture) widest(widths map[*document.ImageFile]float64) float64 {
	w := 0.0
	for _, f := range pic.files {
		w = max(w, widths[f])
	}
	return w
}

// printedWidths returns the largest width, in points, at which the pages
// of rs show each image file.
func printedWidths(rs []*layout.Result) map[*document.ImageFile]float64 {
	widths := map[*document.ImageFile]float64{}
	for _, r := range rs {
		if r == nil {
			continue
		}
		for _, p := range r.Pages {
			for _, it := range p.Items {
				if im, ok := it.(layout.Image); ok && r.Images[im.Ref] != nil {
					f := r.Images[im.Ref]
					widths[f] = max(widths[f], im.W)
				}
			}
		}
	}
	return widths
}

// embedSize returns the size, in pixels, at which a picture of size shown
// is embedded when it is printed at most width points wide: shown itself,
// unless that is more than maxPPI pixels to the inch, then as many pixels
// as maxPPI gives, its proportions kept. maxPPI 0, or a width of 0 (a
// picture no page shows), keep every pixel.
func embedSize(shown image.Point, width float64, maxPPI int) image.Point {
	if maxPPI <= 0 || width <= 0 {
		return shown
	}
	w := int(math.Round(width / 72 * float64(maxPPI)))
	if w >= shown.X {
		return shown
	}
	w = max(w, 1)
	h := int(math.Round(float64(w) * float64(shown.Y) / float64(shown.X)))
	return image.Pt(w, min(max(h, 1), shown.Y))
}

// contentErrors returns the document.Errors that err holds, alone or
// joined with others (errors.Join), as one document.Errors in file order,
// when it holds nothing else; nil otherwise.
func contentErrors(err error) document.Errors {
	var all document.Errors
	for _, e := range unjoin(err) {
		var es document.Errors
		if e == nil || !errors.As(e, &es) {
			return nil
		}
		all = append(all, es...)
	}
	inFileOrder(all)
	return all
}

// inFileOrder sorts es by their place in the file, line then column,
// keeping the order of those at the same place.
func inFileOrder(es document.Errors) {
	slices.SortStableFunc(es, func(a, b *document.Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}
