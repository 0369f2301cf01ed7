package layout

import (
	"fmt"
	"math"
	"testing"
)

// block returns a unit h high that draws a rule named by its width, so
// that a test can find where it was placed.
func block(name float64, h float64) unit {
	return unit{height: h, items: []Item{Rule{X0: 0, X1: name, Y0: 0, Y1: h}}}
}

// placedRules returns the page and top of each rule, by its width.
func placedRules(fl *flow) map[float64][2]float64 {
	at := map[float64][2]float64{}
	for n, p := range fl.pages {
		for _, it := range p.Items {
			if r, ok := it.(Rule); ok {
				at[r.X1] = [2]float64{float64(n), r.Y0}
			}
		}
	}
	return at
}

// pictureUnits returns a picture h high, with a shrinker, and a caption
// 10 high kept with it, as imageKind sets them; the picture's rule is 3
// wide, the caption's 4.
func pictureUnits(h float64) []unit {
	set := func(maxH float64) []unit {
		return keepAll([]unit{block(3, min(maxH, h)), block(4, 10)})
	}
	us := set(h)
	us[0].shrink = &shrinker{n: 2, h: h, capH: 10, least: 5, set: set}
	return us
}

// TestFlowShrinksPicture places a heading and a picture 100 high under
// text of every height on a page whose flow is 300 high: the picture goes
// whole under its heading when it fits; it is set smaller there when it
// fits at 70 or more; else it goes to the next page, with its heading, as
// it is.
func TestFlowShrinksPicture(t *testing.T) {
	outcomes := map[string]int{}
	for text := 150.0; text <= 300; text += 2.5 {
		fl := newFlow(frame{width: 100, height: 400, top: 50, bottom: 350}, 0)
		heading := block(2, 20)
		heading.keep, heading.firm = true, true
		us := append([]unit{block(1, text), heading}, pictureUnits(100)...)
		fl.add(us)
		at := placedRules(fl)
		var pic Rule
		for _, it := range fl.pages[int(at[3][0])].Items {
			if r, ok := it.(Rule); ok && r.X1 == 3 {
				pic = r
			}
		}
		h := pic.Y1 - pic.Y0
		room := 300 - text - 20 - 10 // for the picture under the heading
		what := fmt.Sprintf("text %.1f high", text)
		switch {
		case room >= 100:
			outcomes["whole"]++
			if h != 100 || at[2][0] != 0 || at[3][0] != 0 {
				t.Errorf("%s: picture %.1f high on page %v, heading on page %v; want it whole on page 1", what, h, at[3][0]+1, at[2][0]+1)
			}
		case room >= 70:
			outcomes["smaller"]++
			if math.Abs(h-room) > 1e-9 || at[2][0] != 0 || at[3][0] != 0 {
				t.Errorf("%s: picture %.1f high on page %v; want it %.1f high, under its heading on page 1", what, h, at[3][0]+1, room)
			}
		default:
			outcomes["moved"]++
			if h != 100 || at[2][0] != 1 || at[3][0] != 1 || at[2][1] != 50 {
				t.Errorf("%s: picture %.1f high on page %v, heading on page %v at %.1f; want both at the top of page 2, the picture whole", what, h, at[3][0]+1, at[2][0]+1, at[2][1])
			}
		}
	}
	if len(outcomes) != 3 {
		t.Errorf("outcomes %v: want some of each", outcomes)
	}
}

// TestFlowShrinksPictureAtTop sets a picture taller than a page under a
// title and a heading at the top of a page: it is set as small as it must
// be to fit there with them, however much that is.
func TestFlowShrinksPictureAtTop(t *testing.T) {
	fl := newFlow(frame{width: 100, height: 400, top: 50, bottom: 350}, 0)
	title, heading := block(1, 60), block(2, 20)
	title.keep, title.firm, heading.keep, heading.firm = true, true, true, true
	fl.add(append([]unit{title, heading}, pictureUnits(290)...))
	if len(fl.pages) != 1 {
		t.Fatalf("%d pages, want 1", len(fl.pages))
	}
	for _, it := range fl.pages[0].Items {
		if r, ok := it.(Rule); ok && r.X1 == 3 && r.Y1-r.Y0 != 300-60-20-10 {
			t.Errorf("picture %.1f high, want %d", r.Y1-r.Y0, 300-60-20-10)
		}
	}
}

// TestFlowFirm breaks a chain taller than a page, a heading and a panel
// of rows: never right after the heading, nor after the heading and one
// row, but at the top of a page, where nothing else would go.
func TestFlowFirm(t *testing.T) {
	for text := 200.0; text <= 300; text += 5 {
		fl := newFlow(frame{width: 100, height: 400, top: 50, bottom: 350}, 0)
		heading := block(2, 20)
		heading.keep, heading.firm = true, true
		us := []unit{block(1, text), heading}
		for i := range 40 {
			u := block(float64(10+i), 10)
			u.keep = i < 39
			us = append(us, u)
		}
		fl.add(us)
		at := placedRules(fl)
		rows := 0
		for i := range 40 {
			if at[float64(10+i)][0] == at[2][0] {
				rows++
			}
		}
		if rows < 2 {
			t.Errorf("text %.0f high: %d rows with the heading on its page, want at least 2", text, rows)
		}
	}
	// A heading and a row taller than what is left of a page under it,
	// at the top of a page: the heading goes alone, as nothing else can.
	fl := newFlow(frame{width: 100, height: 400, top: 50, bottom: 350}, 0)
	heading := block(2, 20)
	heading.keep, heading.firm = true, true
	fl.add([]unit{heading, block(3, 295), block(4, 10)})
	if at := placedRules(fl); at[2][0] != 0 || at[3][0] != 1 {
		t.Errorf("heading on page %v, the tall row on page %v; want pages 1 and 2", at[2][0]+1, at[3][0]+1)
	}
}
