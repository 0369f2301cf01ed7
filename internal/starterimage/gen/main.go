// Command gen draws starter.png, the water-cycle picture that handout init
// writes beside the starter worksheet. It is a development tool, run once
// by hand when the picture changes; the build embeds the PNG it wrote:
//
//	go run ./internal/starterimage/gen -o starter.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"sort"
)

// The picture's size in pixels: 120 mm wide in the starter, about 150 dpi.
const w, h = 720, 360

type rgb struct{ r, g, b float64 }

// shape is one thing drawn, later ones over earlier ones.
type shape struct {
	in  func(x, y float64) bool
	col func(x, y float64) rgb
}

func flat(c rgb) func(x, y float64) rgb { return func(x, y float64) rgb { return c } }

// Coordinates are in a 480×240 design space, scaled to the picture.
const s = float64(w) / 480

func circle(cx, cy, r float64) func(x, y float64) bool {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

// segDist is the distance from (x, y) to the segment a–b.
func segDist(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	px, py := ax+t*dx-x, ay+t*dy-y
	return math.Hypot(px, py)
}

// stroke is a polyline of width wd.
func stroke(wd float64, pts ...[2]float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		for i := 1; i < len(pts); i++ {
			if segDist(x, y, pts[i-1][0], pts[i-1][1], pts[i][0], pts[i][1]) <= wd/2 {
				return true
			}
		}
		return false
	}
}

// triangle is the triangle a, b, c.
func triangle(a, b, c [2]float64) func(x, y float64) bool {
	side := func(p, q [2]float64, x, y float64) float64 {
		return (q[0]-p[0])*(y-p[1]) - (q[1]-p[1])*(x-p[0])
	}
	return func(x, y float64) bool {
		d1, d2, d3 := side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)
		neg := d1 < 0 || d2 < 0 || d3 < 0
		pos := d1 > 0 || d2 > 0 || d3 > 0
		return !(neg && pos)
	}
}

// curve samples the quadratic Bézier a, c, b.
func curve(a, c, b [2]float64, n int) [][2]float64 {
	pts := make([][2]float64, n+1)
	for i := range pts {
		t := float64(i) / float64(n)
		u := 1 - t
		pts[i] = [2]float64{u*u*a[0] + 2*u*t*c[0] + t*t*b[0], u*u*a[1] + 2*u*t*c[1] + t*t*b[1]}
	}
	return pts
}

// arrow is a polyline ending in an arrowhead.
func arrow(col rgb, wd float64, pts [][2]float64) []shape {
	n := len(pts)
	tip, from := pts[n-1], pts[n-2]
	dx, dy := tip[0]-from[0], tip[1]-from[1]
	l := math.Hypot(dx, dy)
	dx, dy = dx/l, dy/l
	head := 4 * wd
	base := [2]float64{tip[0] - dx*head, tip[1] - dy*head}
	left := [2]float64{base[0] - dy*head*0.6, base[1] + dx*head*0.6}
	right := [2]float64{base[0] + dy*head*0.6, base[1] - dx*head*0.6}
	body := append(append([][2]float64{}, pts[:n-1]...), base)
	return []shape{{stroke(wd, body...), flat(col)}, {triangle(tip, left, right), flat(col)}}
}

// ground is the height of the land at x: a hill on the right.
func ground(x float64) float64 { return 250 - 160*math.Exp(-math.Pow((x-410)/110, 2)) }

const seaLevel = 185

func scene() []shape {
	sky := shape{func(x, y float64) bool { return true }, func(x, y float64) rgb {
		t := y / seaLevel
		return rgb{110 + 95*t, 170 + 60*t, 225 + 22*t}
	}}
	sun := rgb{255, 196, 50}
	shapes := []shape{sky}
	for i := range 8 {
		a := float64(i) * math.Pi / 4
		c, sn := math.Cos(a), math.Sin(a)
		shapes = append(shapes, shape{stroke(4, [2]float64{62 + 30*c, 58 + 30*sn}, [2]float64{62 + 44*c, 58 + 44*sn}), flat(sun)})
	}
	shapes = append(shapes, shape{circle(62, 58, 24), flat(sun)})

	sea := rgb{38, 105, 175}
	land := rgb{96, 160, 82}
	shapes = append(shapes,
		shape{func(x, y float64) bool { return y > ground(x) }, func(x, y float64) rgb {
			if y < 104 {
				return rgb{246, 248, 250} // snow on the top
			}
			return land
		}},
		shape{func(x, y float64) bool { return y > seaLevel && y < ground(x) }, flat(sea)},
	)
	for _, wy := range []float64{198, 213, 228} {
		shapes = append(shapes, shape{func(x, y float64) bool {
			return ground(x) > y+4 && math.Abs(y-wy-2.5*math.Sin(x/7+wy)) < 1.1
		}, flat(rgb{130, 185, 230})})
	}
	river := append(curve([2]float64{428, 108}, [2]float64{450, 140}, [2]float64{390, 150}, 15),
		curve([2]float64{390, 150}, [2]float64{330, 160}, [2]float64{312, 188}, 15)[1:]...)
	shapes = append(shapes, shape{func(x, y float64) bool {
		for i := 1; i < len(river); i++ {
			wd := 2 + 4*float64(i)/float64(len(river))
			if segDist(x, y, river[i-1][0], river[i-1][1], river[i][0], river[i][1]) <= wd/2 {
				return true
			}
		}
		return false
	}, flat(rgb{58, 128, 200})})

	// Rain from the cloud onto the hill.
	rain := rgb{52, 100, 180}
	for i := range 7 {
		x0 := 322 + 12*float64(i)
		for y0 := 88.0; y0 < ground(x0)-8; y0 += 16 {
			shapes = append(shapes, shape{stroke(2, [2]float64{x0, y0}, [2]float64{x0 - 3, y0 + 8}), flat(rain)})
		}
	}
	cloud := []func(x, y float64) bool{circle(330, 62, 20), circle(356, 48, 26), circle(388, 56, 22), circle(410, 68, 14), circle(362, 68, 18)}
	shapes = append(shapes, shape{func(x, y float64) bool {
		if y > 80 {
			return false
		}
		for _, in := range cloud {
			if in(x, y) {
				return true
			}
		}
		return false
	}, func(x, y float64) rgb {
		if y > 68 {
			return rgb{232, 237, 245}
		}
		return rgb{255, 255, 255}
	}})

	ink := rgb{36, 48, 82}
	// Evaporation: wavy arrows rising from the sea.
	for _, x0 := range []float64{130, 165, 200} {
		var pts [][2]float64
		for y := 178.0; y >= 112; y -= 3 {
			pts = append(pts, [2]float64{x0 + 5*math.Sin((178-y)/9), y})
		}
		shapes = append(shapes, arrow(ink, 2.5, pts)...)
	}
	// The vapour drifts to the cloud.
	shapes = append(shapes, arrow(ink, 2.5, curve([2]float64{200, 92}, [2]float64{250, 52}, [2]float64{298, 58}, 20))...)
	// Collection: the river runs back to the sea.
	shapes = append(shapes, arrow(ink, 2.5, curve([2]float64{400, 176}, [2]float64{340, 196}, [2]float64{282, 206}, 20))...)
	return shapes
}

// key orders colours of the same count, so that the palette is the same
// every run.
func key(c color.RGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }

// paletted returns m with at most 256 colours, for a PNG half the size:
// its most common colours, the rest (blends along edges) each drawn in the
// nearest of them.
func paletted(m *image.RGBA) *image.Paletted {
	count := map[color.RGBA]int{}
	for i := 0; i < len(m.Pix); i += 4 {
		count[color.RGBA{m.Pix[i], m.Pix[i+1], m.Pix[i+2], 255}]++
	}
	cols := make([]color.RGBA, 0, len(count))
	for c := range count {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(i, j int) bool {
		a, b := cols[i], cols[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return key(a) < key(b)
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range cols[:min(256, len(cols))] {
		pal = append(pal, c)
	}
	p := image.NewPaletted(m.Rect, pal)
	for y := range m.Rect.Dy() {
		for x := range m.Rect.Dx() {
			p.SetColorIndex(x, y, uint8(pal.Index(m.RGBAAt(x, y))))
		}
	}
	return p
}

func main() {
	out := flag.String("o", "starter.png", "the PNG file to write")
	flag.Parse()
	shapes := scene()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	const ss = 4 // samples a side, for smooth edges
	for py := range h {
		for px := range w {
			var r, g, b float64
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+0.5)/ss) / s
					y := (float64(py) + (float64(sy)+0.5)/ss) / s
					var c rgb
					for _, sh := range shapes {
						if sh.in(x, y) {
							c = sh.col(x, y)
						}
					}
					r, g, b = r+c.r, g+c.g, b+c.b
				}
			}
			n := float64(ss * ss)
			m.SetRGBA(px, py, color.RGBA{uint8(r/n + 0.5), uint8(g/n + 0.5), uint8(b/n + 0.5), 255})
		}
	}
	f, err := os.Create(*out)
	if err == nil {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, paletted(m))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
