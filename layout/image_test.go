package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"handout/document"
)

// withImages returns newDoc(sections) showing images of the given pixel
// sizes, by path.
func withImages(sizes map[string][2]int, sections ...document.Section) *document.Document {
	d := newDoc(sections...)
	d.Images = map[string]*document.ImageFile{}
	for p, s := range sizes {
		d.Images[p] = &document.ImageFile{Path: p, Format: "png", Width: s[0], Height: s[1], Data: []byte("x")}
	}
	return d
}

func picture(path, caption string, widthMM float64, align document.Align) document.Block {
	return document.Block{Body: &document.Image{Path: path, Caption: document.Plain(caption), WidthMM: widthMM, Align: align}}
}

// placed returns the Image items of r, with the page each is on.
func placed(r *Result) (ims []Image, pages []int) {
	for n, p := range r.Pages {
		for _, it := range p.Items {
			if im, ok := it.(Image); ok {
				ims, pages = append(ims, im), append(pages, n)
			}
		}
	}
	return ims, pages
}

// captionOf returns the text runs of page n in the caption's size.
func captionOf(r *Result, n int, size float64) []Text {
	var ts []Text
	for _, it := range r.Pages[n].Items {
		if tx, ok := it.(Text); ok && math.Abs(tx.Size-size) < 1e-9 {
			ts = append(ts, tx)
		}
	}
	return ts
}

func TestImagePlacement(t *testing.T) {
	const textW = 595.2755905511812 - 2*18*mm // A4 with 18 mm margins
	left := 18 * mm
	for _, c := range []struct {
		name  string
		px    [2]int
		mmW   float64
		align document.Align
		w, x  float64 // want, in points
	}{
		{"natural size, centred", [2]int{320, 240}, 0, document.Center, 240, left + (textW-240)/2},
		{"natural size capped to the text", [2]int{4000, 3000}, 0, document.Center, textW, left},
		{"width_mm left", [2]int{100, 200}, 40, document.Left, 40 * mm, left},
		{"width_mm right", [2]int{100, 200}, 40, document.Right, 40 * mm, left + textW - 40*mm},
		{"width_mm enlarges a small image", [2]int{10, 5}, 100, document.Center, 100 * mm, left + (textW-100*mm)/2},
		{"width_mm capped to the text", [2]int{10, 5}, 500, document.Left, textW, left},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := withImages(map[string][2]int{"a.png": c.px}, document.Section{Heading: document.Plain("H"), Blocks: []document.Block{
				text("Before."), picture("a.png", "The caption of the image.", c.mmW, c.align), text("After."),
			}})
			r := mustWorksheet(t, d)
			ims, _ := placed(r)
			if len(ims) != 1 {
				t.Fatalf("%d images placed, want 1", len(ims))
			}
			im := ims[0]
			if math.Abs(im.W-c.w) > 1e-6 || math.Abs(im.X-c.x) > 1e-6 || im.Ref != "a.png" {
				t.Errorf("image %s, want x=%.2f w=%.2f", dumpItem(im), c.x, c.w)
			}
			if aspect := im.H / im.W; math.Abs(aspect-float64(c.px[1])/float64(c.px[0])) > 1e-9 {
				t.Errorf("aspect %v, want %d/%d", aspect, c.px[1], c.px[0])
			}
			if r.Images["a.png"] != d.Images["a.png"] || len(r.Images) != 1 {
				t.Errorf("Result.Images = %v", r.Images)
			}
			// The caption is under the image, aligned with it.
			caps := captionOf(r, 0, 0.85*11)
			if len(caps) == 0 {
				t.Fatal("no caption")
			}
			cp := caps[0]
			_, y0, _, _ := cp.Bounds()
			if y0 < im.Y+im.H {
				t.Errorf("caption %s is not under the image %s", dumpItem(cp), dumpItem(im))
			}
			switch c.align {
			case document.Left:
				if math.Abs(cp.X-im.X) > 1e-6 {
					t.Errorf("caption starts at %.2f, the image at %.2f", cp.X, im.X)
				}
			case document.Right:
				if math.Abs(cp.X+cp.Width-(im.X+im.W)) > 1e-6 {
					t.Errorf("caption ends at %.2f, the image at %.2f", cp.X+cp.Width, im.X+im.W)
				}
			default:
				if math.Abs(cp.X+cp.Width/2-(im.X+im.W/2)) > 1e-6 {
					t.Errorf("caption centred at %.2f, the image at %.2f", cp.X+cp.Width/2, im.X+im.W/2)
				}
			}
			if cp.Color != muted {
				t.Errorf("caption colour %v, want muted", cp.Color)
			}
		})
	}
}

func TestImageTallScalesDown(t *testing.T) {
	d := withImages(map[string][2]int{"tall.jpg": {1000, 5000}}, document.Section{Heading: document.Plain("H"), Blocks: []document.Block{
		picture("tall.jpg", strings.Repeat("A long caption that wraps. ", 10), 0, document.Center),
	}})
	r := mustWorksheet(t, d)
	ims, pages := placed(r)
	if len(ims) != 1 {
		t.Fatalf("%d images", len(ims))
	}
	im := ims[0]
	if math.Abs(im.H/im.W-5) > 1e-9 {
		t.Errorf("aspect %v, want 5", im.H/im.W)
	}
	caps := captionOf(r, pages[0], 0.85*11)
	if len(caps) < 2 {
		t.Fatalf("caption of %d lines on the image's page, want it all there", len(caps))
	}
	// It is set small enough to go under the title and its heading.
	if pages[0] != 0 || len(r.Pages) != 1 {
		t.Errorf("the image is on page %d of %d, want it under its heading on page 1", pages[0]+1, len(r.Pages))
	}
	if last := caps[len(caps)-1]; !strings.HasSuffix(last.Text, "wraps.") {
		t.Errorf("the caption's last line %q is not on the image's page", last.Text)
	}
}

// TestImageUnderHeading puts a heading and a photo as wide as the text
// column after bullets of every number: the photo is always on its
// heading's page, whole, or made smaller by at most 30% to stay under a
// heading that has text above it on its page; when it would need more,
// both go to the next page, the photo whole.
func TestImageUnderHeading(t *testing.T) {
	const textW = 595.2755905511812 - 2*18*mm
	full := textW * 3 / 4
	outcomes := map[string]int{}
	for fill := range 50 {
		blocks := []document.Block{}
		for i := range fill {
			blocks = append(blocks, bullet(sentence(i)))
		}
		r := mustWorksheet(t, withImages(map[string][2]int{"photo.jpg": {4000, 3000}},
			document.Section{Heading: document.Plain("First"), Blocks: blocks},
			document.Section{Heading: document.Plain("Second"), Blocks: []document.Block{picture("photo.jpg", "Its caption.", 0, document.Center)}},
		))
		ims, pages := placed(r)
		if len(ims) != 1 {
			t.Fatalf("%d bullets: %d images", fill, len(ims))
		}
		im, page := ims[0], pages[0]
		headingPage, first := -1, false
		for i, p := range pageTexts(r) {
			for k, tx := range p {
				if tx.Text == "2. Second" {
					headingPage, first = i, k == 0
				}
			}
		}
		at := fmt.Sprintf("%d bullets", fill)
		if math.Abs(im.H/im.W-0.75) > 1e-9 {
			t.Errorf("%s: aspect %v, want 0.75", at, im.H/im.W)
		}
		switch {
		case headingPage != page:
			t.Errorf("%s: heading on page %d, the photo on page %d", at, headingPage+1, page+1)
		case im.H > full+1e-6 || im.H < 0.7*full-1e-6:
			t.Errorf("%s: the photo is %.1f high, want 70%% to 100%% of %.1f", at, im.H, full)
		case im.H < full-1e-6 && first:
			t.Errorf("%s: the photo is made smaller at the top of a page", at)
		case im.H < full-1e-6:
			outcomes["smaller"]++
		case first:
			outcomes["moved"]++
		default:
			outcomes["whole"]++
		}
	}
	if len(outcomes) != 3 {
		t.Errorf("outcomes %v: want some of each", outcomes)
	}
}

func TestImageKeepsCaption(t *testing.T) {
	// Text fills most of the first page; the image and its caption go to
	// the next page together, for every amount of text before them.
	moved := false
	for n := 20; n < 40; n += 3 {
		d := withImages(map[string][2]int{"a.png": {400, 300}}, document.Section{Heading: document.Plain("H"), Blocks: []document.Block{
			text(sentences(n, 0)), picture("a.png", "Its caption.", 0, document.Center), text("After."),
		}})
		r := mustWorksheet(t, d)
		_, pages := placed(r)
		var capPage = -1
		for i := range r.Pages {
			for _, tx := range captionOf(r, i, 0.85*11) {
				if tx.Text == "Its caption." {
					capPage = i
				}
			}
		}
		if len(pages) != 1 || capPage != pages[0] {
			t.Errorf("%d sentences: image on page %v, caption on page %d", n, pages, capPage+1)
		}
		moved = moved || len(pages) == 1 && pages[0] == 1
	}
	if !moved {
		t.Error("no case put the image on the second page: the test tests nothing")
	}
}

func TestImageNotLoaded(t *testing.T) {
	d := newDoc(document.Section{Heading: document.Plain("H"), Blocks: []document.Block{picture("a.png", "", 0, document.Center)}})
	if _, err := Worksheet(d); err == nil || !strings.Contains(err.Error(), `image "a.png" was not loaded`) {
		t.Errorf("error %v", err)
	}
}
