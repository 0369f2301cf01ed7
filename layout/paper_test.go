package layout

import (
	"fmt"
	"testing"

	"handout/document"
)

// TestWorksheetPapers lays out the example worksheet, and its answer key
// and large-print edition, on every paper both ways, with the narrowest,
// the default and the widest margins, wherever the decoder allows them
// (document.MinTextMM): each keeps every item inside the margins, with no
// text overlapping, or is refused with an error, never a panic.
func TestWorksheetPapers(t *testing.T) {
	d := decodeFile(t, "../content/end-of-the-purges.toml")
	for _, name := range paperNames {
		for _, landscape := range []bool{false, true} {
			for _, margin := range []float64{10, 18, 40} {
				for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
					dd := *d
					dd.Worksheet.Paper = paper(name, landscape)
					if w, h := dd.Worksheet.Paper.TextArea(margin); min(w, h) < document.MinTextMM {
						continue // refused by the decoder
					}
					dd.Style.MarginMM = margin
					// checkPages wants the footer in one run, which a
					// long footer is not on a narrow column.
					dd.Worksheet.Footer = document.Running{Center: document.Template{{Placeholder: document.Page}}}
					what := fmt.Sprintf("%s landscape=%v margin=%v %+v", name, landscape, margin, ed)
					t.Run(what, func(t *testing.T) {
						r, err := WorksheetEdition(&dd, ed)
						if err != nil {
							t.Logf("%v", err)
							return
						}
						if len(r.Pages) == 0 {
							t.Errorf("no pages")
						}
						checkPages(t, r, &dd)
					})
				}
			}
		}
	}
}
