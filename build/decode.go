package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"
	"strings"

	"handout/document"
	"handout/printing"
	"handout/render"
)

// convert says what an image is decoded for.
type convert struct {
	embed bool // make the bytes the PDFs embed (Data, Gray); false for check
	gray  bool // the file is built in gray: make Gray too
	// prepared, for a file built in colour, gets the PNGs with
	// transparency taken apart for the PDF writer (see render.Prepared).
	prepared *render.Prepared
	// size is the size, in pixels as shown, at which the PDFs embed the
	// picture: smaller than its own to resample it (see embedSize); the
	// zero Point for its own.
	size image.Point
}

// decodeImage checks that data, a JPEG or PNG image whose header h
// readHeader read and checked (at most MaxImagePixels pixels and
// MaxJPEGScans scans), decodes without error, within the ImageMemory
// budget, and returns it ready for the PDF writer: decoded once, turned
// the right way up (its Exif orientation) and resampled to cv.size when
// that is smaller than its own, with the bytes every PDF of the content
// file embeds, in colour and, when cv.gray, in gray. Its error completes
// the sentence `image "p" …`.
//
// The decoding runs in a goroutine that holds the image's memory
// reservation until it ends. When ctx is done decodeImage returns at once
// with ctx's error; the goroutine stops at its next read or write.
func decodeImage(ctx context.Context, data []byte, h header, cv convert) (*document.ImageFile, error) {
	cost := h.decodeCost(len(data), cv)
	if err := reserve(ctx, cost, "to decode"); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("is %dx%d pixels%s, and %w; scale it down%s", h.width, h.height, h.what(), err, h.advice())
	}
	type result struct {
		img *document.ImageFile
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer release(cost)
		img, err := h.decode(ctx, data, cv)
		done <- result{img, err}
	}()
	select {
	case r := <-done:
		return r.img, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// header is what an image file says about itself before it is decoded.
type header struct {
	format        string     // "jpeg" or "png"
	width, height int        // as stored
	jpeg          jpegHeader // for a JPEG
	png           pngHeader  // for a PNG
}

// pngHeader is the IHDR chunk of a PNG, and whether it has a tRNS chunk.
type pngHeader struct {
	depth, colour byte
	interlaced    bool
	trns          bool
}

// readHeader reads the header of the image file data: its format and size,
// which must be at most MaxImagePixels, and for a JPEG its markers, which
// must have at most MaxJPEGScans scans.
func readHeader(data []byte) (header, error) {
	h := header{format: sniff(data)}
	var cfg image.Config
	var err error
	switch h.format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "":
		return h, errors.New("is not a JPEG or PNG image")
	default:
		return h, fmt.Errorf("is a %s image: use a JPEG or PNG", h.format)
	}
	if err != nil {
		return h, fmt.Errorf("is not a valid %s image: %v", strings.ToUpper(h.format), err)
	}
	h.width, h.height = cfg.Width, cfg.Height
	if h.width <= 0 || h.height <= 0 {
		return h, fmt.Errorf("has no pixels (%dx%d)", h.width, h.height)
	}
	if px := int64(h.width) * int64(h.height); px > MaxImagePixels {
		return h, fmt.Errorf("is %dx%d pixels (%.1f megapixels): at most %d megapixels are allowed; scale it down",
			h.width, h.height, float64(px)/1e6, MaxImagePixels/1_000_000)
	}
	if h.format == "jpeg" {
		h.jpeg, err = readJPEGHeader(data)
	} else {
		h.png = readPNGHeader(data)
	}
	return h, err
}

// readPNGHeader reads the IHDR chunk of data, a PNG that
// png.DecodeConfig accepted, and looks for a tRNS chunk before the image
// data.
func readPNGHeader(data []byte) pngHeader {
	const ihdr = 8 + 8 // signature, length and type
	p := pngHeader{depth: data[ihdr+8], colour: data[ihdr+9], interlaced: data[ihdr+12] == 1}
	for i := 8; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if typ == "tRNS" {
			p.trns = true
		}
		if typ == "IDAT" || n < 0 || n > len(data) {
			break
		}
		i += 12 + n
	}
	return p
}

// pixelBytes returns the bytes a pixel takes in the image Go's PNG
// decoder makes of p.
func (p pngHeader) pixelBytes() int64 {
	wide := int64(1) // 8 bits a sample or fewer
	if p.depth == 16 {
		wide = 2
	}
	switch p.colour {
	case 0: // gray: Gray or Gray16, NRGBA with transparency
		if p.trns {
			return 4 * wide
		}
		return wide
	case 3: // palette
		return 1
	}
	return 4 * wide // RGB, gray with alpha, RGBA: RGBA, NRGBA or their 16-bit forms
}

// plain reports whether the PDF writer takes the PNG as it is: not
// interlaced, and at most 8 bits a sample.
func (p pngHeader) plain() bool { return p.depth <= 8 && !p.interlaced }

// decodeCost returns an upper bound of the memory that decoding the image
// and making what cv asks for holds at once, the file's size bytes
// included: the most of the decoding itself (the pixels, an interlaced
// PNG's passes, a progressive JPEG's coefficients), then, as h.plan says,
// the conversion to a plain 8-bit PNG and its encoding and the conversion
// to gray and its encoding, or the picture made anew (remakeCost). The
// cost is the same for check as for build, so that check refuses what
// build would.
func (h header) decodeCost(size int, cv convert) int64 {
	decoding, decoded, converted := h.decodingCost(size)
	asIs := h.asIsCost(size, converted, cv)
	switch h.plan(size, cv) {
	case remade:
		return int64(size) + max(decoding, h.remakeCost(decoded, 0, cv))
	case smaller:
		return int64(size) + max(decoding, asIs, h.remakeCost(decoded, h.keptCost(decoded), cv))
	}
	return int64(size) + max(decoding, asIs)
}

// decodingCost returns an upper bound of the memory the decoding of h, a
// file of size bytes, holds at once, and the bytes of the picture it
// makes, and of that converted for the PDF writer when it cannot take the
// file as it is: a 16-bit PNG to 8 bits.
func (h header) decodingCost(size int) (decoding, decoded, converted int64) {
	px := int64(h.width) * int64(h.height)
	if h.format == "jpeg" {
		decoding, decoded = h.jpeg.decodedBytes()
		return decoding, decoded, decoded
	}
	decoded = px * h.png.pixelBytes()
	decoding = decoded
	if h.png.interlaced {
		decoding += decoded / 2 // the largest pass, every other row
	}
	converted = decoded
	if !h.png.plain() {
		// A 16-bit image to an 8-bit Gray or NRGBA one, and encoded:
		// the output is at most about the file's size, and grows in a
		// buffer that doubles.
		var eight int64
		if h.png.depth == 16 {
			eight = 4 * px
			if h.png.colour == 0 && !h.png.trns {
				eight = px
			}
			converted = eight
		}
		decoding = max(decoding, decoded+eight+2*int64(size))
	}
	return decoding, decoded, converted
}

// asIsCost returns an upper bound of the memory that making what cv asks
// for of h's picture as the file holds it (plan asIs) holds at once after
// the decoding, with converted bytes of pixels: its colour and opacity
// apart for the PDF writer, or its gray copy.
func (h header) asIsCost(size int, converted int64, cv convert) int64 {
	px := int64(h.width) * int64(h.height)
	var peak int64
	if h.translucent() && !cv.gray {
		// Its colour and opacity apart, and encoded (render.Prepared).
		peak = max(peak, converted+5*px+2*int64(size))
	}
	if cv.gray {
		// The gray image, and its encoding, at most a byte a pixel in
		// a buffer that doubles, beside the converted picture.
		peak = max(peak, converted+3*px)
	}
	return peak
}

// what returns a few words on the kind of image h is when it is a heavy
// one to decode, such as " (a progressive JPEG in CMYK)".
func (h header) what() string {
	switch {
	case h.format != "jpeg" || !h.jpeg.progressive:
		return ""
	case len(h.jpeg.comps) == 4:
		return " (a progressive JPEG in CMYK)"
	}
	return " (a progressive JPEG)"
}

// advice returns how to make h lighter, besides scaling it down.
func (h header) advice() string {
	if h.format == "jpeg" && (h.jpeg.progressive || len(h.jpeg.comps) == 4) {
		return ", or save it as a baseline (not progressive) JPEG in RGB"
	}
	return ""
}

// decode decodes data, the image h, and makes what cv asks for.
func (h header) decode(ctx context.Context, data []byte, cv convert) (*document.ImageFile, error) {
	r := &ctxReader{ctx: ctx, r: bytes.NewReader(data)}
	var m image.Image
	var err error
	if h.format == "jpeg" {
		m, err = jpeg.Decode(r)
	} else {
		m, err = png.Decode(r)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("is a damaged %s image: %v", strings.ToUpper(h.format), err)
	}
	shown := h.shown()
	img := &document.ImageFile{Format: h.format, Width: shown.X, Height: shown.Y, Data: data}
	if !cv.embed {
		return img, nil
	}
	h.collect() // what the decoder dropped: a JPEG's coefficients, a PNG's passes
	made := false
	if p := h.plan(len(data), cv); p != asIs {
		if made, err = h.remake(ctx, p, &m, img, cv); err != nil {
			return nil, err
		}
		if made && cv.gray {
			return img, nil // made in gray only
		}
	}
	if !made && h.format == "png" && !h.png.plain() {
		if m, img.Data, err = reencode(ctx, m); err != nil {
			return nil, fmt.Errorf("cannot be converted for the PDF: %v", err)
		}
		h.collect() // the 16-bit picture
	}
	if cv.prepared != nil {
		if err := cv.prepared.Add(img, m, func() io.Writer { return &ctxWriter{ctx: ctx} }); err != nil {
			return nil, fmt.Errorf("cannot be converted for the PDF: %v", err)
		}
	}
	if cv.gray {
		// From the pixels the PDF shows in colour, once for every PDF:
		// printing puts it in the image's place (printing.Prepare).
		w := &ctxWriter{ctx: ctx}
		asIs, err := printing.EncodeGray(w, img, m)
		if err != nil {
			return nil, fmt.Errorf("cannot be made gray: %v", err)
		}
		img.Gray = w.Bytes()
		if asIs {
			img.Gray = img.Data
		}
	}
	return img, nil
}

// bigImage is the size, in pixels, from which the memory an image's
// decoding drops is collected before the next step allocates more.
const bigImage = 4_000_000

// collect runs the garbage collector when h is a big image, so that the
// memory one step of its decoding dropped is free for the next, within
// the ImageMemory budget, rather than when the heap next reaches its
// goal: the steps allocate in blocks of hundreds of megabytes, which
// overshoot the goal before a collection can start. A collection of a
// heap that is mostly pixels takes a few milliseconds.
func (h header) collect() {
	if int64(h.width)*int64(h.height) >= bigImage {
		runtime.GC()
	}
}

// reencode returns m as a plain 8-bit image, and encoded as a PNG, the
// same bytes every time.
func reencode(ctx context.Context, m image.Image) (image.Image, []byte, error) {
	var out image.Image = m
	switch m.(type) {
	case *image.Gray, *image.NRGBA, *image.RGBA, *image.Paletted:
	case *image.Gray16:
		g := image.NewGray(m.Bounds())
		draw.Draw(g, g.Bounds(), m, m.Bounds().Min, draw.Src)
		out = g
	default:
		n := image.NewNRGBA(m.Bounds())
		draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
		out = n
	}
	w := &ctxWriter{ctx: ctx}
	if err := png.Encode(w, out); err != nil {
		return nil, nil, err
	}
	return out, w.Bytes(), nil
}

// readChunk is the most a ctxReader gives at a time: small enough that a
// decoder gives up within a few scans of a JPEG once the build is
// stopped, large enough to cost nothing otherwise.
const readChunk = 512

// ctxReader reads from r, at most readChunk bytes at a time, until ctx is
// done, then fails with ctx's error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p[:min(len(p), readChunk)])
}

// ctxWriter collects what is written to it until ctx is done, then fails
// with ctx's error.
type ctxWriter struct {
	ctx context.Context
	buf bytes.Buffer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.buf.Write(p)
}

// Bytes returns what was written.
func (c *ctxWriter) Bytes() []byte { return c.buf.Bytes() }
