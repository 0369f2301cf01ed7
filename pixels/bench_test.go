package pixels

import (
	"context"
	"image"
	"testing"

	"golang.org/x/image/draw"
)

// photo returns a w×h picture as Go's JPEG decoder gives a phone's photo:
// YCbCr with its colour at half the resolution each way (4:2:0).
func photo(w, h int) *image.YCbCr {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range m.Y {
		m.Y[i] = uint8(i*i>>9 + i/7)
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(i/5), uint8(i*3)
	}
	return m
}

// BenchmarkTransform resamples a 3000×4000 photo to 2055×2740, its
// pixels at 300 ppi across an A4 page's text column.
func BenchmarkTransform(b *testing.B) {
	src := photo(3000, 4000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Transform(context.Background(), src, AsStored, 2055, 2740); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkXImageCatmullRom does what BenchmarkTransform does with
// golang.org/x/image/draw's CatmullRom, for comparison: it keeps a
// 32-byte sum for each pixel of a picture as wide as the result and as
// tall as the source.
func BenchmarkXImageCatmullRom(b *testing.B) {
	src := photo(3000, 4000)
	b.ReportAllocs()
	for b.Loop() {
		dst := image.NewRGBA(image.Rect(0, 0, 2055, 2740))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	}
}
