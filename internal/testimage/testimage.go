// Package testimage makes small JPEG and PNG images for tests, and PNG
// headers that claim any size without holding its pixels.
package testimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Picture returns a w×h test picture: a gradient with a dark diagonal
// band, so that its orientation and aspect are plain to see.
func Picture(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: uint8(40 + 200*x/max(w, 1)), G: uint8(80 + 150*y/max(h, 1)), B: 200, A: 255}
			if d := x*h/max(w, 1) - y; d > -h/10 && d < h/10 {
				c = color.NRGBA{R: 30, G: 30, B: 60, A: 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// JPEG returns Picture(w, h) encoded as a JPEG.
func JPEG(w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, Picture(w, h), &jpeg.Options{Quality: 80}); err != nil {
		panic(err) // cannot fail writing to a buffer
	}
	return b.Bytes()
}

// PNG returns Picture(w, h) encoded as a PNG.
func PNG(w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, Picture(w, h)); err != nil {
		panic(err) // cannot fail writing to a buffer
	}
	return b.Bytes()
}

// PNGHeader returns the signature and IHDR chunk of an 8-bit RGB PNG of
// w×h pixels, with no pixel data: enough for image.DecodeConfig.
func PNGHeader(w, h int) []byte { return PNGHeaderOf(w, h, 8, 2, false) }

// PNGHeaderOf returns the signature and IHDR chunk of a PNG of w×h
// pixels, of the bit depth and colour type given, interlaced or not, with
// no pixel data.
func PNGHeaderOf(w, h int, depth, colour byte, interlaced bool) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colour
	if interlaced {
		ihdr[12] = 1 // Adam7
	}
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
}

// chunk returns a PNG chunk: length, type, data and CRC.
func chunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}
