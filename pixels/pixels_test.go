package pixels

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"runtime"
	"testing"
)

// corners returns a w×h picture, white but for a coloured block at each
// corner (red at the top left, green at the top right, blue at the
// bottom left, black at the bottom right), each a quarter of the size.
func corners(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			left, top := x < w/4, y < h/4
			right, bottom := x >= w-w/4, y >= h-h/4
			switch {
			case left && top:
				c = color.RGBA{255, 0, 0, 255}
			case right && top:
				c = color.RGBA{0, 255, 0, 255}
			case left && bottom:
				c = color.RGBA{0, 0, 255, 255}
			case right && bottom:
				c = color.RGBA{0, 0, 0, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// TestOrientations shows a stored picture of distinct pixels by each
// orientation, at its own size: every pixel is copied as it is, to where
// the orientation's definition (EXIF 2.32, the Orientation tag) puts it.
func TestOrientations(t *testing.T) {
	const w, h = 5, 3
	stored := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			stored.SetRGBA(x, y, color.RGBA{uint8(10 * x), uint8(10 * y), 7, 255})
		}
	}
	// Where each orientation shows the stored pixel x, y, from the
	// definition: the stored row 0 is shown as the top, bottom, left or
	// right side, and its first pixel at that side's start or end.
	shown := map[Orientation]func(x, y int) (int, int){
		AsStored:   func(x, y int) (int, int) { return x, y },
		MirrorH:    func(x, y int) (int, int) { return w - 1 - x, y },
		Turn180:    func(x, y int) (int, int) { return w - 1 - x, h - 1 - y },
		MirrorV:    func(x, y int) (int, int) { return x, h - 1 - y },
		Transpose:  func(x, y int) (int, int) { return y, x },
		TurnRight:  func(x, y int) (int, int) { return h - 1 - y, x },
		Transverse: func(x, y int) (int, int) { return h - 1 - y, w - 1 - x },
		TurnLeft:   func(x, y int) (int, int) { return y, w - 1 - x },
	}
	for o := AsStored; o <= TurnLeft; o++ {
		sw, sh := o.Shown(w, h)
		m, err := Transform(context.Background(), stored, o, sw, sh)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := m.(*image.RGBA)
		if !ok || got.Bounds() != image.Rect(0, 0, sw, sh) {
			t.Fatalf("orientation %d: %T %v, want an RGBA %dx%d", o, m, m.Bounds(), sw, sh)
		}
		for y := range h {
			for x := range w {
				sx, sy := shown[o](x, y)
				if c := got.RGBAAt(sx, sy); c != stored.RGBAAt(x, y) {
					t.Errorf("orientation %d: the stored pixel %d,%d is not at %d,%d (%v there)", o, x, y, sx, sy, c)
				}
			}
		}
	}
}

// TestTransformCopies turns nothing and resamples nothing: each kind of
// picture comes back pixel for pixel, in its kind.
func TestTransformCopies(t *testing.T) {
	rgba := corners(9, 7)
	g := image.NewGray(rgba.Bounds())
	nrgba := image.NewNRGBA(rgba.Bounds())
	for i := range g.Pix {
		g.Pix[i] = uint8(i * 7)
		nrgba.Pix[4*i], nrgba.Pix[4*i+1], nrgba.Pix[4*i+2], nrgba.Pix[4*i+3] = uint8(i), 200, uint8(3*i), 255-uint8(i)
	}
	for _, m := range []image.Image{rgba, g, nrgba} {
		out, err := Transform(context.Background(), m, AsStored, 9, 7)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%T", out) != fmt.Sprintf("%T", m) {
			t.Errorf("%T gave %T", m, out)
			continue
		}
		for y := range 7 {
			for x := range 9 {
				if a, b := m.At(x, y), out.At(x, y); a != b {
					t.Errorf("%T: pixel %d,%d is %v, was %v", m, x, y, b, a)
				}
			}
		}
	}
}

// TestGrayPalette reads a picture of a palette of grays, as a scan in
// black and white is, as gray: the result is one sample a pixel.
func TestGrayPalette(t *testing.T) {
	m := image.NewPaletted(image.Rect(0, 0, 8, 6), color.Palette{color.White, color.Black, color.Gray{Y: 128}})
	for i := range m.Pix {
		m.Pix[i] = uint8(i % 3)
	}
	out, ok := mustTransform(t, m, TurnLeft, 6, 8).(*image.Gray)
	if !ok {
		t.Fatalf("a palette of grays gave %T, want *image.Gray", out)
	}
	for y := range 6 {
		for x := range 8 {
			want := [3]uint8{255, 0, 128}[m.ColorIndexAt(x, y)]
			if got := out.GrayAt(y, 7-x).Y; got != want {
				t.Errorf("pixel %d,%d: %d, want %d", x, y, got, want)
			}
		}
	}
}

// TestResample makes fewer pixels: a flat colour stays exactly itself,
// a fine checkerboard becomes an even gray (no moiré), the corners stay
// in their corners, and a clear pixel's colour does not bleed.
func TestResample(t *testing.T) {
	flat := image.NewRGBA(image.Rect(0, 0, 301, 157))
	for i := 0; i < len(flat.Pix); i += 4 {
		flat.Pix[i], flat.Pix[i+1], flat.Pix[i+2], flat.Pix[i+3] = 200, 30, 90, 255
	}
	out := mustTransform(t, flat, AsStored, 97, 51).(*image.RGBA)
	for i := 0; i < len(out.Pix); i += 4 {
		if c := out.Pix[i : i+4]; c[0] != 200 || c[1] != 30 || c[2] != 90 || c[3] != 255 {
			t.Fatalf("a flat colour became %v at %d", c, i/4)
		}
	}

	check := image.NewGray(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			check.Pix[y*400+x] = uint8(255 * ((x + y) % 2))
		}
	}
	g := mustTransform(t, check, AsStored, 133, 100).(*image.Gray)
	for i, v := range g.Pix {
		if v < 120 || v > 135 {
			t.Fatalf("a checkerboard resampled has %d at %d, want an even gray", v, i)
		}
	}

	c := mustTransform(t, corners(400, 300), TurnRight, 90, 120).(*image.RGBA)
	for _, p := range []struct {
		x, y int
		want color.RGBA
	}{{5, 5, color.RGBA{0, 0, 255, 255}}, {84, 5, color.RGBA{255, 0, 0, 255}}, {5, 114, color.RGBA{0, 0, 0, 255}}, {84, 114, color.RGBA{0, 255, 0, 255}}, {45, 60, color.RGBA{255, 255, 255, 255}}} {
		if got := c.RGBAAt(p.x, p.y); got != p.want {
			t.Errorf("turned right and resampled: %v at %d,%d, want %v", got, p.x, p.y, p.want)
		}
	}

	// Opaque red beside clear green: the green must not show.
	half := image.NewNRGBA(image.Rect(0, 0, 200, 10))
	for x := range 200 {
		for y := range 10 {
			if x < 100 {
				half.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 255})
			} else {
				half.SetNRGBA(x, y, color.NRGBA{0, 255, 0, 0})
			}
		}
	}
	n := mustTransform(t, half, AsStored, 50, 3).(*image.NRGBA)
	for x := range 50 {
		if c := n.NRGBAAt(x, 1); c.A > 0 && (c.G > 0 || c.R < 250) {
			t.Errorf("pixel %d is %v: the clear green bled into the red", x, c)
		}
	}
}

func mustTransform(t *testing.T, m image.Image, o Orientation, w, h int) image.Image {
	t.Helper()
	out, err := Transform(context.Background(), m, o, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWeights checks the filter's taps for many sizes: they add up to
// one and lie within the source, and Transform, which keeps only a ring
// of filtered rows, makes what filtering every pixel directly from them
// makes.
func TestWeights(t *testing.T) {
	for _, c := range [][2]int{{1, 1}, {2, 1}, {3, 1}, {10, 10}, {10, 3}, {4000, 2055}, {3000, 2055}, {7, 5}, {100, 99}, {5, 7}, {37, 36}} {
		for i, tp := range weights(c[0], c[1]) {
			var sum int32
			for _, w := range tp.w {
				sum += w
			}
			if sum != one || tp.first < 0 || tp.first+len(tp.w) > c[0] || len(tp.w) > maxTaps(c[0], c[1]) || len(tp.w) == 0 {
				t.Errorf("%v: sample %d has taps %+v", c, i, tp)
			}
		}
	}
	src := image.NewGray(image.Rect(0, 0, 37, 41))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * i * 7 >> 3)
	}
	for _, size := range [][2]int{{37, 41}, {36, 40}, {20, 9}, {1, 1}, {37, 1}, {50, 60}, {5, 41}} {
		got := mustTransform(t, src, AsStored, size[0], size[1]).(*image.Gray)
		xs, ys := weights(37, size[0]), weights(41, size[1])
		for y, ty := range ys {
			for x, tx := range xs {
				var acc int64
				for j, wy := range ty.w {
					var row int64
					for i, wx := range tx.w {
						row += int64(src.GrayAt(tx.first+i, ty.first+j).Y) * int64(wx)
					}
					acc += row * int64(wy)
				}
				want := uint8(min(max((acc+1<<(2*shift-1))>>(2*shift), 0), 255))
				if g := got.GrayAt(x, y).Y; g != want {
					t.Fatalf("%v: pixel %d,%d is %d, filtered directly %d", size, x, y, g, want)
				}
			}
		}
	}
}

// TestTransformSameEverywhere pins the bytes of a resampled picture, so
// that a machine that works out the filter differently (one that fuses
// multiply-adds, say) fails here rather than making other PDFs.
func TestTransformSameEverywhere(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range src.Pix {
		src.Pix[i] = uint8(i*i>>7 + i/3)
	}
	for i := 3; i < len(src.Pix); i += 4 {
		src.Pix[i] = 255
	}
	out := mustTransform(t, src, TurnLeft, 203, 271).(*image.RGBA)
	sum := sha256.Sum256(out.Pix)
	if got, want := hex.EncodeToString(sum[:]), "7886d25126b142300c52c0efc78a3b63d3abbfccc868e646d083b2d02e6fa928"; got != want {
		t.Errorf("SHA-256 of the resampled pixels %s, want %s", got, want)
	}
}

// TestTransformCost resamples pictures and turns them, and measures what
// Transform allocates: never more than Cost says.
func TestTransformCost(t *testing.T) {
	for _, c := range []struct {
		m    image.Image
		o    Orientation
		w, h int
	}{
		{corners(1200, 900), AsStored, 400, 300},
		{corners(1200, 900), TurnRight, 300, 400},
		{image.NewGray(image.Rect(0, 0, 2000, 100)), AsStored, 2000, 100},
		{image.NewNRGBA(image.Rect(0, 0, 333, 999)), Transverse, 500, 166},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		mustTransform(t, c.m, c.o, c.w, c.h)
		runtime.ReadMemStats(&after)
		b := c.m.Bounds()
		_, isGray := c.m.(*image.Gray)
		cost := Cost(b.Dx(), b.Dy(), c.w, c.h, c.o, isGray)
		if got := int64(after.TotalAlloc - before.TotalAlloc); got > cost {
			t.Errorf("%T %v to %dx%d: allocated %d bytes, Cost says %d", c.m, b, c.w, c.h, got, cost)
		}
	}
}

// TestTransformStops gives up once its context is done.
func TestTransformStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Transform(ctx, corners(100, 100), AsStored, 50, 50); !errors.Is(err, context.Canceled) {
		t.Errorf("Transform: %v, want it stopped", err)
	}
}
