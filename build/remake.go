package build

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"handout/document"
	"handout/pixels"
	"handout/printing"
)

// A picture is embedded as its file holds it, unless it must be turned
// the right way up, or has more pixels than it can show where it is
// printed largest (see embedSize): then it is made anew, turned and
// resampled (pixels.Transform), and encoded again, a JPEG as a JPEG at
// embedQuality and a PNG as a PNG. A picture that is only resampled is
// embedded so only when that makes it smaller than its file: a PNG of a
// few colours or a scan in black and white, whose file is smaller than a
// resampled copy, is embedded as it is.

// embedQuality is the quality, from 1 to 100, at which a JPEG turned the
// right way up or resampled is encoded again: high, as it is compressed a
// second time (phones save their photos at about 90 to 95), and a JPEG
// still, so that a photo stays a tenth of the size it would be as a PNG.
// The gray copy is encoded at the same quality (printing.EncodeGray).
const embedQuality = 90

// A plan says how a picture is made ready for the PDFs.
type plan uint8

const (
	// asIs embeds the file's bytes, or, for a PNG the PDF writer cannot
	// take as it is, its pixels encoded again as they are.
	asIs plan = iota
	// remade embeds the picture made anew: turned the right way up,
	// resampled when it has more pixels than it can show, and, in a
	// file built in gray, in gray only.
	remade
	// smaller embeds the picture resampled when that is smaller than its
	// file, else as it is (asIs): the decoded picture is kept until that
	// is known when the file's own would need its pixels (keepsPixels).
	smaller
)

// plan returns how h's picture, a file of size bytes, is made ready for
// what cv asks. A picture that is only resampled, whose file's own route
// needs its decoded pixels kept meanwhile, is embedded as it is when that
// would pass the ImageMemory budget, as it did before it could be
// resampled.
func (h header) plan(size int, cv convert) plan {
	switch {
	case h.orient() != pixels.AsStored:
		return remade
	case h.embedSize(cv) == h.shown():
		return asIs
	case cv.gray:
		return remade
	}
	if h.keepsPixels() {
		_, decoded, _ := h.decodingCost(size)
		if int64(size)+h.remakeCost(decoded, h.keptCost(decoded), cv) > ImageMemory {
			return asIs
		}
	}
	return smaller
}

// orient returns how h's picture is shown: as its Exif segment says, for
// a JPEG that has one; as stored otherwise.
func (h header) orient() pixels.Orientation {
	if h.format == "jpeg" && h.jpeg.orient.Valid() {
		return h.jpeg.orient
	}
	return pixels.AsStored
}

// shown returns the size of h's picture as it is shown.
func (h header) shown() image.Point {
	w, ht := h.orient().Shown(h.width, h.height)
	return image.Pt(w, ht)
}

// embedSize returns the size, as shown, at which cv embeds h's picture:
// cv.size when it is set and no larger than the picture.
func (h header) embedSize(cv convert) image.Point {
	if s, own := cv.size, h.shown(); s.X > 0 && s.Y > 0 && s.X <= own.X && s.Y <= own.Y {
		return s
	}
	return h.shown()
}

// gray reports whether Go's decoder makes a gray picture of h: a JPEG of
// one component, a PNG of gray without transparency.
func (h header) gray() bool {
	if h.format == "jpeg" {
		return len(h.jpeg.comps) == 1
	}
	return h.png.colour == 0 && !h.png.trns
}

// translucent reports whether h's picture may have pixels that are not
// opaque: a PNG with an alpha channel or a tRNS chunk.
func (h header) translucent() bool {
	return h.format == "png" && (h.png.colour == 4 || h.png.colour == 6 || h.png.trns)
}

// keepsPixels reports whether embedding h's picture as it is needs its
// decoded pixels: a PNG the PDF writer cannot take as it is, or one with
// transparency, which is taken apart for it.
func (h header) keepsPixels() bool {
	return h.format == "png" && (!h.png.plain() || h.translucent())
}

// keptCost returns the bytes of h's decoded picture, of decoded bytes,
// that plan smaller keeps while it makes the picture anew.
func (h header) keptCost(decoded int64) int64 {
	if h.keepsPixels() {
		return decoded
	}
	return 0
}

// remakeCost returns an upper bound of the memory that making h's picture
// anew holds at once after its decoding: the decoded picture, of decoded
// bytes, and what pixels.Transform makes of it; then that, beside kept
// bytes of the decoded picture, and, for a file built in gray, its gray
// copy encoded; else that encoded, and taken apart for the PDF writer
// when it has transparency. An encoding is taken to be no larger than
// the pixels it encodes, in a buffer that doubles.
func (h header) remakeCost(decoded, kept int64, cv convert) int64 {
	s := h.embedSize(cv)
	px := int64(s.X) * int64(s.Y)
	made := px
	if !h.gray() {
		made = 4 * px
	}
	transform := decoded + pixels.Cost(h.width, h.height, s.X, s.Y, h.orient(), h.gray())
	after := kept + made + 2*made
	switch {
	case cv.gray:
		after = made + px + 2*px
	case h.translucent():
		after += 5*px + 2*made
	}
	return max(transform, after)
}

// remake makes h's picture, *m as decoded, anew for the PDFs as plan p
// says (remade or smaller): it sets img.Data, and for a file built in
// gray img.Gray, and *m to the picture made. It reports whether the
// picture made is embedded: not when plan smaller finds the file's own
// smaller, which img keeps, *m being then the decoded picture, or nil
// when the file's own does not need it (keepsPixels).
func (h header) remake(ctx context.Context, p plan, m *image.Image, img *document.ImageFile, cv convert) (bool, error) {
	s := h.embedSize(cv)
	out, err := pixels.Transform(ctx, *m, h.orient(), s.X, s.Y)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		return false, fmt.Errorf("cannot be resampled: %v", err)
	}
	if p == remade || !h.keepsPixels() {
		*m = nil
		h.collect() // the picture as decoded
	}
	if cv.gray {
		// An ImageFile without Data: out is not the file's picture, and
		// is encoded, never taken as the file holds it.
		w := &ctxWriter{ctx: ctx}
		if _, err := printing.EncodeGray(w, &document.ImageFile{Format: h.format}, out); err != nil {
			return false, fmt.Errorf("cannot be made gray: %v", err)
		}
		img.Data, img.Gray, *m = w.Bytes(), w.Bytes(), out
		return true, nil
	}
	data, err := encode(ctx, out, h.format)
	if err != nil {
		return false, fmt.Errorf("cannot be encoded for the PDF: %v", err)
	}
	if p == smaller && len(data) >= len(img.Data) {
		h.collect() // the picture made, dropped, for the file's own to use its memory
		return false, nil
	}
	img.Data, *m = data, out
	return true, nil
}

// encode returns m encoded in format, "jpeg" (at embedQuality) or "png",
// the same bytes every time.
func encode(ctx context.Context, m image.Image, format string) ([]byte, error) {
	w := &ctxWriter{ctx: ctx}
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(w, m, &jpeg.Options{Quality: embedQuality})
	} else {
		err = png.Encode(w, m)
	}
	return w.Bytes(), err
}
