package pixels

import "math"

// shift is the precision of the filter's weights: one is 1<<shift.
const shift = 14

// one is the weight of a sample taken whole.
const one = 1 << shift

// taps are the weights, in units of one, of the source samples first,
// first+1, … that make one sample of the result. They add up to one.
type taps struct {
	first int
	w     []int32
}

// weights returns the taps of each of dst samples resampled from src
// samples, in one direction, with the Catmull-Rom filter (the cubic of
// Keys with a = -1/2, which keeps edges sharp with little ringing). To
// make fewer samples, the filter is stretched over src/dst source samples
// each way, so that every source sample counts towards the result and
// none is skipped: no moiré from fine patterns. At the edges the filter
// is cut short and its weights scaled up to add up to one again.
//
// The result depends on src and dst alone, and is the same on every
// machine (see the package documentation).
func weights(src, dst int) []taps {
	big := int64(max(src, dst)) // the larger spacing is the filter's unit
	d := int64(dst)
	ws := make([]taps, dst)
	all := make([]int32, 0, dst*maxTaps(src, dst))
	kw := make([]float64, 0, maxTaps(src, dst))
	for i := range ws {
		// Source sample j lies n/(2*big) units from result sample i,
		// with n = (2j+1)*dst - (2i+1)*src, an integer; the filter
		// reaches 2 units each way, so |n| < 4*big.
		c := int64(2*i+1) * int64(src)
		lo := max(floorDiv(c-4*big-d, 2*d)+1, 0)
		hi := min(ceilDiv(c+4*big-d, 2*d)-1, int64(src)-1)
		kw = kw[:0]
		sum := 0.0
		for j := lo; j <= hi; j++ {
			v := catmullRom(float64((2*j+1)*d-c) / float64(2*big))
			kw = append(kw, v)
			sum += v
		}
		t := taps{first: int(lo), w: all[len(all) : len(all)+len(kw)]}
		all = all[:len(all)+len(kw)]
		var total int32
		peak := 0
		for k, v := range kw {
			t.w[k] = int32(math.Round(v / sum * one))
			total += t.w[k]
			if t.w[k] > t.w[peak] {
				peak = k
			}
		}
		t.w[peak] += one - total // what rounding took or gave
		// Taps of no weight at either end, as a sample taken whole
		// has beside it, cost time and change nothing.
		for len(t.w) > 1 && t.w[0] == 0 {
			t.first, t.w = t.first+1, t.w[1:]
		}
		for len(t.w) > 1 && t.w[len(t.w)-1] == 0 {
			t.w = t.w[:len(t.w)-1]
		}
		ws[i] = t
	}
	return ws
}

// catmullRom is the Catmull-Rom filter at x, each operation rounded as
// written (see the package documentation).
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	x2 := float64(x * x)
	x3 := float64(x2 * x)
	switch {
	case x < 1:
		return float64(float64(1.5*x3)-float64(2.5*x2)) + 1
	case x < 2:
		return float64(float64(float64(-0.5*x3)+float64(2.5*x2))-float64(4*x)) + 2
	}
	return 0
}

// maxTaps is the most taps a result sample of weights(src, dst) has.
func maxTaps(src, dst int) int { return 4*max(src, dst)/max(dst, 1) + 2 }

// ringRows returns how many filtered source rows Transform keeps at once
// for the taps ys of its result's rows: from the first row the current
// result row needs to the last row any result row so far has needed.
func ringRows(ys []taps) int {
	n, end := 1, 0
	for _, t := range ys {
		end = max(end, t.first+len(t.w))
		n = max(n, end-t.first)
	}
	return n
}

// across filters line, a source row of ch samples a pixel (1, 3 or 4),
// into out, a result row of the same, in units of one, by the taps xs of
// the result's columns.
func across(line []uint8, xs []taps, out []int32, ch int) {
	if ch == 1 {
		for x, t := range xs {
			var s int32
			p := line[t.first : t.first+len(t.w)]
			for k, w := range t.w {
				s += int32(p[k]) * w
			}
			out[x] = s
		}
		return
	}
	if ch == 3 {
		for x, t := range xs {
			var r, g, b int32
			p := line[3*t.first : 3*(t.first+len(t.w))]
			for k, w := range t.w {
				q := p[3*k : 3*k+3 : 3*k+3]
				r += int32(q[0]) * w
				g += int32(q[1]) * w
				b += int32(q[2]) * w
			}
			out[3*x], out[3*x+1], out[3*x+2] = r, g, b
		}
		return
	}
	for x, t := range xs {
		var r, g, b, a int32
		p := line[4*t.first : 4*(t.first+len(t.w))]
		for k, w := range t.w {
			q := p[4*k : 4*k+4 : 4*k+4]
			r += int32(q[0]) * w
			g += int32(q[1]) * w
			b += int32(q[2]) * w
			a += int32(q[3]) * w
		}
		out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, a
	}
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// ceilDiv returns a/b rounded up, for b > 0.
func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }
