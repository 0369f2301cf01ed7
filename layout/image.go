package layout

import (
	"fmt"

	"handout/document"
	"handout/fonts"
)

// usedImages returns the image files of d that ms show, by path, or nil
// when there are none. Every one must be in d.Images, with a size.
func usedImages(d *document.Document, ms []*document.Image) (map[string]*document.ImageFile, error) {
	var used map[string]*document.ImageFile
	for _, m := range ms {
		img := d.Images[m.Path]
		if img == nil || img.Width <= 0 || img.Height <= 0 {
			return nil, fmt.Errorf("image %q was not loaded", m.Path)
		}
		if used == nil {
			used = map[string]*document.ImageFile{}
		}
		used[m.Path] = img
	}
	return used, nil
}

// imageKind sets an image block: a picture and its caption, which share a
// page. Its width is width_mm, or by default its natural size at 96 pixels
// an inch but no wider than the text column; its height keeps its aspect
// ratio. A picture too tall for an empty page, with its caption, is scaled
// down to fit; one kept under a heading may be set smaller still when the
// flow reaches it (see shrinker). Its file is in the builder's images (see
// usedImages).
//
// The picture is a Figure, with the block's alt as its alternative text,
// and its caption a Caption, the two in a Div; a picture whose alt is ""
// is decoration, an artifact, and its caption a P. A picture without alt
// is a Figure without alternative text, which render does not let the
// PDF claim PDF/UA for.
type imageKind struct{ *document.Image }

func (imageKind) spacing() spacing { return spacing{around: 1} }

func (imageKind) maxCut() int { return 0 }

func (k imageKind) set(b *builder, in *Node) []unit {
	// The caption is no taller than when set in the narrowest column it
	// may have, which leaves room for the picture.
	var capH float64
	if len(k.Caption) > 0 {
		capH = chainHeight(b.caption(k.Caption, 0, k.Align, layoutArt), false)
	}
	// The elements are made once, here: the picture may be set anew,
	// smaller, by the shrinker.
	tags := figureTags{pic: layoutArt}
	capRole := RoleP
	if !k.Decorative() {
		if len(k.Caption) > 0 {
			in = in.add(RoleDiv)
		}
		fig := in.add(RoleFigure)
		fig.Alt = k.Alt
		tags.pic, capRole = content(fig), RoleCaption
	}
	if len(k.Caption) > 0 {
		tags.caption = content(in.add(capRole))
	}
	us := k.picture(b, max(b.flowHeight-capH, b.lead), tags)
	us[0].shrink = &shrinker{n: len(us), h: us[0].height, capH: capH, least: b.lead,
		set: func(maxH float64) []unit { return k.picture(b, maxH, tags) }}
	return us
}

// figureTags are the tags of a picture and of its caption.
type figureTags struct{ pic, caption Tag }

// picture sets the picture no taller than maxH, and its caption, tagged
// as tags say.
func (k imageKind) picture(b *builder, maxH float64, tags figureTags) []unit {
	img := b.images[k.Path]
	aspect := float64(img.Height) / float64(img.Width)
	w := min(float64(img.Width)*72/96, b.width)
	if k.WidthMM > 0 {
		w = min(k.WidthMM*mm, b.width)
	}
	if w*aspect > maxH {
		w = maxH / aspect
	}
	h := w * aspect
	x := b.left + (b.width-w)*alignShare(k.Align)
	us := []unit{{height: h, items: []Item{Image{X: x, Y: 0, W: w, H: h, Ref: k.Path, Tag: tags.pic}}}}
	if len(k.Caption) > 0 {
		// Set anew, the caption's links make their elements anew.
		tags.caption.Node.Kids = nil
		us = append(us, b.caption(k.Caption, w, k.Align, tags.caption)...)
	}
	return keepAll(us)
}

// maxShrink is the most that a picture too tall for the room left under
// its heading is made smaller to fit there: 30%, which a reader hardly
// notices. A picture that needs more goes to the next page, and its
// heading with it.
const maxShrink = 0.3

// shrinker sets a picture anew, smaller, to fit the room left on a page
// under the heading it is kept with (see flow.shrink).
type shrinker struct {
	n     int     // the units it replaces: the picture's and its caption's
	h     float64 // the picture's height as it was set
	capH  float64 // the most its caption takes, with the space above it
	least float64 // the least height a picture is set at
	// set returns the picture no taller than maxH, and its caption.
	set func(maxH float64) []unit
}

// units returns the picture and its caption in at most room: the picture
// as large as fits, up to its height as it was set, and, but at the top
// of a page, made smaller by no more than maxShrink. It reports false when
// they cannot fit.
func (f *shrinker) units(room float64, atTop bool) ([]unit, bool) {
	h := min(room-f.capH, f.h)
	if h < f.least || !atTop && h < (1-maxShrink)*f.h {
		return nil, false
	}
	return f.set(h), true
}

// captionSize is the type size of image captions: in large print no
// smaller than its other small text.
func (b *builder) captionSize() float64 {
	if b.large {
		return b.footerSize()
	}
	return 0.85 * b.size
}

// caption sets an image's caption, small and muted, under an image w wide
// placed by align: in a column as wide as the image, but at least half the
// text column, against the same side as the image; its runs tagged tag.
func (b *builder) caption(text document.Inline, w float64, align document.Align, tag Tag) []unit {
	cs := b.captionSize()
	cw := max(w, b.width/2)
	share := alignShare(align)
	x := b.left + (b.width-cw)*share
	us := b.lines(b.marked(text, fonts.Regular), cs, b.pitch(cs, 1.3), x, cw, share, solid(muted), tag)
	us[0].space = 0.35 * b.lead
	return us
}

// alignShare returns the share of the free width left of something placed
// by a: 0, a half or all of it.
func alignShare(a document.Align) float64 {
	switch a {
	case document.Left:
		return 0
	case document.Right:
		return 1
	}
	return 0.5
}
