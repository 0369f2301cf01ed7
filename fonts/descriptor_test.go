package fonts_test

import (
	"math"
	"testing"

	"handout/fonts"
)

// TestDescriptorAgreesWithWriter checks that each face's descriptor says
// what fpdf says of the face when it reads the font itself.
func TestDescriptorAgreesWithWriter(t *testing.T) {
	for _, f := range fonts.Faces {
		t.Run(f.Name(), func(t *testing.T) {
			font, err := f.Font()
			if err != nil {
				t.Fatal(err)
			}
			d := font.Descriptor()
			ttf, err := f.Embed()
			if err != nil {
				t.Fatal(err)
			}
			pdf, _ := writer(t, ttf)
			w := pdf.GetFontDesc("f", "")
			want := fonts.Descriptor{
				Ascent: w.Ascent, Descent: w.Descent, CapHeight: w.CapHeight,
				BBox:  [4]int{w.FontBBox.Xmin, w.FontBBox.Ymin, w.FontBBox.Xmax, w.FontBBox.Ymax},
				StemV: w.StemV, Flags: w.Flags | 4, MissingWidth: w.MissingWidth,
				// fpdf keeps only the whole degrees, rounded down.
				ItalicAngle: d.ItalicAngle,
			}
			if d != want {
				t.Errorf("descriptor %+v, fpdf %+v", d, want)
			}
			if int(math.Floor(d.ItalicAngle)) != w.ItalicAngle {
				t.Errorf("italic angle %v, fpdf %d", d.ItalicAngle, w.ItalicAngle)
			}
			if italic := f.Style == fonts.Italic || f.Style == fonts.BoldItalic; italic != (d.ItalicAngle < 0) {
				t.Errorf("italic angle %v for a %s face", d.ItalicAngle, f.Style)
			}
			if d.Ascent <= 0 || d.Descent >= 0 || d.CapHeight <= 0 || d.MissingWidth <= 0 {
				t.Errorf("implausible descriptor %+v", d)
			}
		})
	}
}
