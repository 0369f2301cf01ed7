// Package pixels turns and resamples decoded pictures for a PDF: a photo
// that a phone stored sideways is shown the right way up (Orientation,
// as its EXIF tag gives it), and a picture with more pixels than its
// printed size can show is resampled to fewer (Transform), with a
// Catmull-Rom filter.
//
// The result is the same on every machine. The pixels are filtered in
// integer arithmetic; the filter's weights are worked out in floating
// point with each operation rounded as it is written (an explicit
// conversion, which Go never fuses into a multiply-add), so that every
// architecture gets the same weights, whether its compiler fuses
// multiply-adds (arm64 does) or not.
//
// Transform holds the picture it makes and a few filtered rows, never a
// second copy of the picture it is given: see Cost.
package pixels

import (
	"context"
	"errors"
	"image"
)

// Orientation is how a picture's stored pixels are to be shown, by the
// value of the EXIF Orientation tag (TIFF tag 274): 1 shows them as they
// are stored; 2 to 8 mirror them, turn them, or both. A camera held
// upright stores its photo turned, and tags it TurnRight.
type Orientation uint8

// The orientations, named for what is done to the stored pixels to show
// them.
const (
	AsStored   Orientation = 1 + iota // 1: as they are stored
	MirrorH                           // 2: mirrored left to right
	Turn180                           // 3: turned half a turn
	MirrorV                           // 4: mirrored top to bottom
	Transpose                         // 5: mirrored across the diagonal from the top left
	TurnRight                         // 6: turned a quarter turn clockwise
	Transverse                        // 7: mirrored across the diagonal from the top right
	TurnLeft                          // 8: turned a quarter turn anticlockwise
)

// Valid reports whether o is one of the eight orientations.
func (o Orientation) Valid() bool { return o >= AsStored && o <= TurnLeft }

// Swaps reports whether o shows a picture's width as its height and its
// height as its width.
func (o Orientation) Swaps() bool { return o >= Transpose && o <= TurnLeft }

// Shown returns the size of a picture stored w×h, as o shows it.
func (o Orientation) Shown(w, h int) (int, int) {
	if o.Swaps() {
		return h, w
	}
	return w, h
}

// to returns where o shows the stored pixel x, y of a picture stored w×h.
func (o Orientation) to(x, y, w, h int) (int, int) {
	switch o {
	case MirrorH:
		return w - 1 - x, y
	case Turn180:
		return w - 1 - x, h - 1 - y
	case MirrorV:
		return x, h - 1 - y
	case Transpose:
		return y, x
	case TurnRight:
		return h - 1 - y, x
	case Transverse:
		return h - 1 - y, w - 1 - x
	case TurnLeft:
		return y, w - 1 - x
	}
	return x, y
}

// Transform returns m shown by o (an invalid o is taken as AsStored) and
// resampled to w×h pixels, its size as shown: smaller than m, or the same
// size to turn it only, which copies every pixel as it is. The result is
// an *image.Gray when m is gray (an *image.Gray or *image.Gray16, or an
// opaque *image.Paletted of grays), an *image.RGBA when m is opaque, and
// otherwise an *image.NRGBA, 8 bits a sample. Colours are filtered with their opacity (premultiplied), so
// that the colour of a clear pixel does not bleed into its neighbours.
//
// It gives up, with ctx's error, once ctx is done.
func Transform(ctx context.Context, m image.Image, o Orientation, w, h int) (image.Image, error) {
	if !o.Valid() {
		o = AsStored
	}
	b := m.Bounds()
	if b.Empty() || w < 1 || h < 1 {
		return nil, errors.New("pixels: an empty picture")
	}
	sw, sh := b.Dx(), b.Dy()
	tw, th := o.Shown(w, h) // the result's size as stored
	src := rowsOf(m, tw != sw || th != sh)
	ch := src.kind.channels()
	out, pix, stride := newResult(src.kind, w, h)
	xs, ys := weights(sw, tw), weights(sh, th)
	ring := make([][]int32, ringRows(ys))
	for i := range ring {
		ring[i] = make([]int32, tw*ch)
	}
	line := make([]uint8, sw*ch)
	acc := make([]int64, tw*ch)
	row := make([]uint8, tw*ch)
	next := 0 // the next source row to filter across
	for y, f := range ys {
		if y%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for ; next < f.first+len(f.w); next++ {
			src.read(next, line)
			across(line, xs, ring[next%len(ring)], ch)
		}
		clear(acc)
		for k, wk := range f.w {
			r := ring[(f.first+k)%len(ring)]
			for i, v := range r {
				acc[i] += int64(v) * int64(wk)
			}
		}
		round(acc, row, src.kind)
		put(pix, stride, row, y, o, tw, th, src.kind)
	}
	return out, nil
}

// kind is the kind of pixel Transform works in and makes.
type kind uint8

const (
	gray        kind = iota // one sample
	opaque                  // red, green and blue, of an opacity of 255
	translucent             // red, green, blue premultiplied by the opacity, and the opacity
	// straight is red, green, blue and opacity as they are: for a
	// picture that is only turned, whose pixels are copied, not mixed.
	straight
)

// channels returns the samples a pixel of k has as Transform works on it.
func (k kind) channels() int {
	switch k {
	case gray:
		return 1
	case opaque:
		return 3
	}
	return 4
}

// newResult returns the picture Transform makes of pixels of kind k, w×h,
// and its pixels and stride.
func newResult(k kind, w, h int) (image.Image, []uint8, int) {
	r := image.Rect(0, 0, w, h)
	switch k {
	case gray:
		m := image.NewGray(r)
		return m, m.Pix, m.Stride
	case opaque:
		m := image.NewRGBA(r)
		return m, m.Pix, m.Stride
	}
	m := image.NewNRGBA(r) // translucent or straight
	return m, m.Pix, m.Stride
}

// round turns acc, a row of filtered samples in units of one<<shift,
// into 8-bit samples of kind k in row: rounded, within 0 to 255, and, for
// translucent, a colour no more than its opacity, then no longer
// premultiplied.
func round(acc []int64, row []uint8, k kind) {
	const half = 1 << (2*shift - 1)
	for i, v := range acc {
		row[i] = uint8(min(max((v+half)>>(2*shift), 0), 255))
	}
	if k != translucent {
		return
	}
	for i := 0; i < len(row); i += 4 {
		a := row[i+3]
		for c := i; c < i+3; c++ {
			row[c] = unpremultiply(min(row[c], a), a)
		}
	}
}

// unpremultiply returns the colour sample v, premultiplied by opacity a,
// as it is without: v*255/a, rounded; 0 for a clear pixel.
func unpremultiply(v, a uint8) uint8 {
	if a == 0 {
		return 0
	}
	return uint8((uint32(v)*255 + uint32(a)/2) / uint32(a))
}

// put writes row, the stored row y of a result stored tw×th of pixels of
// kind k, into the pixels pix of the result as o shows it, an opaque
// pixel with its opacity.
func put(pix []uint8, stride int, row []uint8, y int, o Orientation, tw, th int, k kind) {
	ch, dch := k.channels(), k.channels()
	if k == opaque {
		dch = 4
	}
	at := func(x int) int {
		sx, sy := o.to(x, y, tw, th)
		return sy*stride + sx*dch
	}
	p, step := at(0), 0
	if tw > 1 {
		step = at(1) - p
	}
	for x := range tw {
		copy(pix[p:p+ch], row[x*ch:x*ch+ch])
		if k == opaque {
			pix[p+3] = 255
		}
		p += step
	}
}

// Cost returns an upper bound of the bytes that Transform allocates to
// resample a picture stored sw×sh to w×h as o shows it, in gray or not:
// its result, the rows it keeps while filtering, and its filter's
// weights. The picture it is given is the caller's.
func Cost(sw, sh, w, h int, o Orientation, isGray bool) int64 {
	ch := int64(4)
	if isGray {
		ch = 1
	}
	tw, th := o.Shown(w, h)
	wx, wy := int64(maxTaps(sw, tw)), int64(maxTaps(sh, th))
	result := int64(w) * int64(h) * ch
	rows := wy*int64(tw)*ch*4 + // the ring of filtered rows, 4 bytes a sample
		int64(sw)*ch + int64(tw)*ch*(8+1) // a source row; the sums, 8 bytes a sample, and a result row
	filter := (wx*int64(tw)+wy*int64(th))*4 + int64(tw+th)*32
	n := result + rows + filter
	return n + n/16 + 64<<10 // what the allocator rounds sizes up to
}
