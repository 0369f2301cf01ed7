package layout

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"handout/document"
)

// pagesDoc returns a worksheet of n pages: a section whose blocks are n
// notes boxes that each fill the rest of a page, its header on line 3.
// head goes under [worksheet].
func pagesDoc(t *testing.T, n int, head string) *document.Document {
	t.Helper()
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"Pages\"\n" + head + "[[section]]\nheading = \"H\"\n")
	for range n {
		b.WriteString("[[section.block]]\nnotes = \"\"\nlines = \"fill\"\n")
	}
	d, err := document.Decode("x.toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestMaxPages lays out worksheets of document.MaxPages pages and one
// more, in each edition: the first is laid out, the second is an error at
// the section where it passes the limit, found without laying out further.
func TestMaxPages(t *testing.T) {
	if got, err := Worksheet(pagesDoc(t, 3, "")); err != nil || len(got.Pages) != 3 {
		t.Fatalf("3 fill boxes: %v, err %v; want 3 pages", got, err)
	}
	want := "3:1: the worksheet passes 500 pages in this section: a worksheet may have at most 500 pages (each edition counted on its own); split the file"
	tests := []struct {
		name  string
		pages int
		head  string
		ed    Edition
		want  string
	}{
		{"at", document.MaxPages, "", Edition{}, ""},
		{"past", document.MaxPages + 1, "", Edition{}, want},
		{"far past", 4 * document.MaxPages, "", Edition{}, want},
		{"answers at", document.MaxPages, "", Edition{Answers: true}, ""},
		{"answers past", document.MaxPages + 1, "", Edition{Answers: true}, want},
		{"large print past", document.MaxPages + 1, "", Edition{LargePrint: true}, want},
		{"fit_pages past", document.MaxPages + 1, "fit_pages = 2\n",
			Edition{}, "3:1: fit_pages = 2: the worksheet needs more than 500 pages, even"},
		{"fit_pages, far past", 4 * document.MaxPages, "fit_pages = 99\n",
			Edition{}, "3:1: fit_pages = 99: the worksheet needs more than 500 pages, even"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := pagesDoc(t, tt.pages, tt.head)
			r, err := WorksheetEdition(d, tt.ed)
			if tt.want == "" {
				if err != nil || len(r.Pages) != tt.pages {
					t.Fatalf("err %v, want %d pages", err, tt.pages)
				}
				return
			}
			var pe *PosError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a PosError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n%s\nwant it to start\n%s", err, tt.want)
			}
		})
	}
}

// TestMaxPagesSection checks that the page limit is reported at the
// section that passes it.
func TestMaxPagesSection(t *testing.T) {
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"Pages\"\n")
	for s := range 3 {
		fmt.Fprintf(&b, "[[section]]\nheading = \"S%d\"\n", s)
		for range 200 {
			b.WriteString("[[section.block]]\nnotes = \"\"\nlines = \"fill\"\n")
		}
	}
	d, err := document.Decode("x.toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Worksheet(d)
	// Section 3 starts after 2 sections of 2 + 200*3 lines.
	if want := "1207:1: the worksheet passes 500 pages in this section"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want it to start %q", err, want)
	}
}
