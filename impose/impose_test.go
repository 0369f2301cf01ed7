package impose

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"handout/document"
	"handout/fonts"
	"handout/internal/testimage"
	"handout/layout"
)

// A5 portrait, in points.
const pageW, pageH = 419.53, 595.28

// pageItems returns the items of page k (1-based) of a synthetic document,
// moved right by dx: a "page k" text at a known spot, and one item of every
// other kind, each at a spot that depends on k.
func pageItems(k int, dx float64) []layout.Item {
	y := 100 + 10*float64(k)
	fill, stroke := layout.Color{R: uint8(k)}, layout.Color{G: uint8(k)}
	face, err := fonts.Face{Family: fonts.Sans, Style: fonts.Regular}.Font()
	if err != nil {
		panic(err)
	}
	return []layout.Item{
		layout.Box{X: 20 + dx, Y: y - 20, W: 200, H: 30, Fill: &fill, Stroke: &stroke, LineWidth: 1},
		layout.Text{X: 50 + dx, Y: 300, Font: face, Size: 12, Text: fmt.Sprintf("page %d", k), Width: 40},
		layout.Rule{X0: 30 + dx, Y0: y, X1: 380 + dx, Y1: y, Width: 0.5, Dash: []float64{0, 2}, Round: true},
		layout.Link{X: 40 + dx, Y: y + 30, W: 100, H: 12, URL: "https://example.org/" + strconv.Itoa(k)},
		layout.Image{X: 200 + dx, Y: y + 100, W: 120, H: 90, Ref: "pic.png"},
	}
}

// synthetic returns a document of n pages of pageItems, with a bookmark
// "bm k" to each page k.
func synthetic(n int) *layout.Result {
	r := &layout.Result{
		Title: "T", Author: "A", Language: "en-GB",
		Images: map[string]*document.ImageFile{
			"pic.png": {Path: "pic.png", Format: "png", Width: 8, Height: 6, Data: testimage.PNG(8, 6)},
		},
	}
	for k := 1; k <= n; k++ {
		r.Pages = append(r.Pages, layout.Page{Width: pageW, Height: pageH, Items: pageItems(k, 0)})
		r.Outline = append(r.Outline, layout.Bookmark{Title: fmt.Sprintf("bm %d", k), Page: k - 1, Y: 10 * float64(k)})
	}
	return r
}

// sides lists, for each sheet side, the 1-based pages on its left and
// right; 0 is a blank half.
type sides [][2]int

// order is the expected imposition of an n-page document.
type order struct {
	n       int
	twoUp   sides
	booklet sides
}

var orders = []order{
	{1, sides{{1, 0}}, sides{{0, 1}, {0, 0}}},
	{2, sides{{1, 2}}, sides{{0, 1}, {2, 0}}},
	{3, sides{{1, 2}, {3, 0}}, sides{{0, 1}, {2, 3}}},
	{4, sides{{1, 2}, {3, 4}}, sides{{4, 1}, {2, 3}}},
	{5, sides{{1, 2}, {3, 4}, {5, 0}}, sides{{0, 1}, {2, 0}, {0, 3}, {4, 5}}},
	{8, sides{{1, 2}, {3, 4}, {5, 6}, {7, 8}}, sides{{8, 1}, {2, 7}, {6, 3}, {4, 5}}},
}

var imposers = []struct {
	name string
	f    func(*layout.Result) (*layout.Result, error)
	want func(order) sides
}{
	{"2up", TwoUp, func(o order) sides { return o.twoUp }},
	{"booklet", Booklet, func(o order) sides { return o.booklet }},
}

func TestOrder(t *testing.T) {
	for _, imp := range imposers {
		for _, o := range orders {
			t.Run(fmt.Sprintf("%s/%d", imp.name, o.n), func(t *testing.T) {
				in := synthetic(o.n)
				out, err := imp.f(in)
				if err != nil {
					t.Fatal(err)
				}
				checkSides(t, out, imp.want(o))
				checkBookmarks(t, out, imp.want(o))
				if out.Title != in.Title || out.Author != in.Author || out.Language != in.Language || !reflect.DeepEqual(out.Images, in.Images) {
					t.Errorf("metadata or images not carried over: %q %q %q %v", out.Title, out.Author, out.Language, out.Images)
				}
			})
		}
	}
}

// checkSides checks out's sheet sides against want: their size, the pages
// on each half (by their "page k" texts), every item exactly translated and
// inside its half, blank halves empty.
func checkSides(t *testing.T, out *layout.Result, want sides) {
	t.Helper()
	if len(out.Pages) != len(want) {
		t.Fatalf("%d sheet sides, want %d", len(out.Pages), len(want))
	}
	for i, s := range out.Pages {
		if s.Width != 2*pageW || s.Height != pageH {
			t.Errorf("side %d is %gx%g, want %gx%g", i+1, s.Width, s.Height, 2*pageW, pageH)
		}
		if got := halves(s); got != want[i] {
			t.Errorf("side %d holds pages %v (left, right), want %v", i+1, got, want[i])
		}
		var items []layout.Item
		for half, k := range want[i] {
			if k != 0 {
				items = append(items, pageItems(k, float64(half)*pageW)...)
			}
		}
		if !reflect.DeepEqual(s.Items, items) {
			t.Errorf("side %d items:\n%s\nwant:\n%s", i+1, dump(s.Items), dump(items))
		}
		for _, it := range s.Items {
			checkInHalf(t, i, it)
		}
	}
}

// halves returns the pages whose "page k" texts are on the left and right
// halves of sheet side s, 0 for none.
func halves(s layout.Page) (got [2]int) {
	for _, it := range s.Items {
		var k int
		if tx, ok := it.(layout.Text); ok {
			if _, err := fmt.Sscanf(tx.Text, "page %d", &k); err == nil {
				got[int(tx.X/(s.Width/2))] = k
			}
		}
	}
	return got
}

// checkInHalf checks that it lies within the left or right half of a side.
func checkInHalf(t *testing.T, side int, it layout.Item) {
	t.Helper()
	x0, y0, x1, y1 := it.Bounds()
	half := math.Floor(x0 / pageW)
	if y0 < 0 || y1 > pageH || half < 0 || half > 1 || x1 > (half+1)*pageW {
		t.Errorf("side %d: %T %.2f,%.2f-%.2f,%.2f crosses a half or the sheet's edge", side+1, it, x0, y0, x1, y1)
	}
}

// checkBookmarks checks that the bookmark to page k points to the side
// holding page k, at the same height.
func checkBookmarks(t *testing.T, out *layout.Result, want sides) {
	t.Helper()
	n := 0
	for _, s := range want {
		n += min(s[0], 1) + min(s[1], 1)
	}
	if len(out.Outline) != n {
		t.Fatalf("%d bookmarks, want %d", len(out.Outline), n)
	}
	for i, bm := range out.Outline {
		k := i + 1
		if bm.Title != fmt.Sprintf("bm %d", k) || bm.Y != 10*float64(k) {
			t.Errorf("bookmark %d is %q at y=%g", k, bm.Title, bm.Y)
		}
		if bm.Page < 0 || bm.Page >= len(want) || (want[bm.Page][0] != k && want[bm.Page][1] != k) {
			t.Errorf("bookmark %q is to side %d, which does not hold page %d", bm.Title, bm.Page+1, k)
		}
	}
}

func dump(items []layout.Item) string {
	r := layout.Result{Pages: []layout.Page{{Items: items}}}
	return r.Dump()
}

// TestBookletFormula checks the saddle-stitch order against the rule in
// Booklet's documentation, and that every page appears exactly once, for
// documents of up to 40 pages.
func TestBookletFormula(t *testing.T) {
	for n := 1; n <= 40; n++ {
		order := bookletOrder(n)
		padded := (n + 3) / 4 * 4
		if len(order) != padded/2 {
			t.Fatalf("%d pages: %d sides, want %d", n, len(order), padded/2)
		}
		seen := map[int]int{}
		for i, s := range order {
			k := i / 2
			want := [2]int{padded - 2*k, 2*k + 1} // 1-based
			if i%2 == 1 {
				want = [2]int{2*k + 2, padded - 2*k - 1}
			}
			for h, idx := range []int{s.left, s.right} {
				switch {
				case want[h] > n && idx != blank, want[h] <= n && idx != want[h]-1:
					t.Errorf("%d pages: side %d half %d holds index %d, want page %d", n, i+1, h, idx, want[h])
				}
				seen[idx]++
			}
		}
		for p := range n {
			if seen[p] != 1 {
				t.Errorf("%d pages: page %d placed %d times", n, p+1, seen[p])
			}
		}
	}
}

func TestErrors(t *testing.T) {
	mixed := synthetic(3)
	mixed.Pages[2].Height = 842
	nan := synthetic(1)
	nan.Pages[0].Width = math.NaN()
	badBookmark := synthetic(2)
	badBookmark.Outline[1].Page = 2
	var sizeErr *SizeError
	var bmErr *BookmarkError
	cases := []struct {
		name string
		r    *layout.Result
		is   func(error) bool
		msg  string
	}{
		{"nil", nil, func(err error) bool { return errors.Is(err, ErrNoPages) }, "impose: no pages"},
		{"no pages", &layout.Result{Title: "x"}, func(err error) bool { return errors.Is(err, ErrNoPages) }, "impose: no pages"},
		{"mixed sizes", mixed, func(err error) bool { return errors.As(err, &sizeErr) && sizeErr.Page == 3 }, "page 3 is 419.53x842 pt, not 419.53x595.28 pt"},
		{"NaN width", nan, func(err error) bool { return errors.As(err, &sizeErr) && sizeErr.Page == 1 }, "page 1: bad size NaNx595.28"},
		{"bad bookmark", badBookmark, func(err error) bool { return errors.As(err, &bmErr) }, `bookmark "bm 2" is to page index 2, of 2 pages`},
	}
	for _, c := range cases {
		for _, imp := range imposers {
			t.Run(c.name+"/"+imp.name, func(t *testing.T) {
				out, err := imp.f(c.r)
				if err == nil || out != nil {
					t.Fatalf("got %v, %v; want an error", out, err)
				}
				if !c.is(err) || !strings.Contains(err.Error(), c.msg) {
					t.Errorf("error %q (%T), want one containing %q", err, err, c.msg)
				}
			})
		}
	}
}

// TestNoSharing checks that changing the input after imposing it leaves
// the output alone.
func TestNoSharing(t *testing.T) {
	in := synthetic(2)
	out, err := TwoUp(in)
	if err != nil {
		t.Fatal(err)
	}
	before := out.Dump()
	for _, it := range in.Pages[0].Items {
		switch v := it.(type) {
		case layout.Box:
			v.Fill.R, v.Stroke.G = 99, 99
		case layout.Rule:
			v.Dash[1] = 99
		}
	}
	in.Outline[0].Y = 99
	in.Images["other.png"] = nil
	if after := out.Dump(); after != before || len(out.Images) != 1 {
		t.Errorf("changing the input changed the output:\n%s\nto:\n%s", before, after)
	}
}
