package render_test

import (
	"fmt"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"handout/internal/tagtest"
	"handout/layout"
	"handout/render"
)

// typical is a three-page A4 worksheet: a heading and forty lines of text a
// page in three faces, answer lines, a boxed hint and a footer link.
func typical() *layout.Result {
	r := &layout.Result{Title: "Worksheet", Author: "Teacher", Language: "en"}
	for i := range 3 {
		items := []layout.Item{
			layout.Box{X: 56, Y: 56, W: 483, H: 40, Fill: &grey},
			text(sansBold, 16, 64, 82, fmt.Sprintf("Part %d – fractions “in practice”", i+1)),
		}
		for j := range 40 {
			y := 120 + float64(j)*16
			face := sansRegular
			if j%10 == 0 {
				face = serifItalic
			}
			items = append(items, text(face, 11, 64, y, fmt.Sprintf("%d. Work out ¾ of %d, then add ½ — show your working.", j+1, 4*j+8)))
			if j%5 == 4 {
				items = append(items, layout.Rule{X0: 64, Y0: y + 5, X1: 530, Y1: y + 5, Width: 0.6, Color: grey, Dash: []float64{0, 2.5}, Round: true})
			}
		}
		items = append(items,
			layout.Box{X: 56, Y: 770, W: 483, H: 30, Stroke: &blue, LineWidth: 0.8},
			text(sansRegular, 8, 64, 812, "example.org/worksheets"),
			layout.Link{X: 64, Y: 804, W: 90, H: 10, URL: "https://example.org/worksheets"},
		)
		r.Pages = append(r.Pages, layout.Page{Width: 595.28, Height: 841.89, Items: items})
		r.Outline = append(r.Outline, layout.Bookmark{Title: fmt.Sprintf("Part %d", i+1), Page: i, Y: 56})
	}
	return r
}

func BenchmarkPDF(b *testing.B) {
	r := tagtest.Tag(typical())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.PDF(r, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegisterFace measures what one face costs before anything is
// drawn: fpdf parses the whole font file.
func BenchmarkRegisterFace(b *testing.B) {
	ttf, err := sansRegular.Embed()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "", ttf)
		if pdf.Err() {
			b.Fatal(pdf.Error())
		}
	}
}
