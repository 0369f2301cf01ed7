package layout

import (
	"fmt"
	"image"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/document"
)

// picturesFrom fills d.Images with the size of each picture d shows, read
// from the files in dir, as the build does: the layout needs no more. A
// picture named with its size, such as photo-3000x4000.jpg, which the
// fixtures name but do not hold, is that size (as loadSizes says).
func picturesFrom(t *testing.T, d *document.Document, dir string) *document.Document {
	t.Helper()
	for _, m := range d.Pictures() {
		var w, h int
		if _, err := fmt.Sscanf(sizedName.FindString(m.Path), "-%dx%d.", &w, &h); err == nil {
			if d.Images == nil {
				d.Images = map[string]*document.ImageFile{}
			}
			d.Images[m.Path] = &document.ImageFile{Path: m.Path, Width: w, Height: h}
			continue
		}
		f, err := os.Open(filepath.Join(dir, m.Path))
		if err != nil {
			t.Fatal(err)
		}
		c, _, err := image.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if d.Images == nil {
			d.Images = map[string]*document.ImageFile{}
		}
		d.Images[m.Path] = &document.ImageFile{Path: m.Path, Format: "png", Width: c.Width, Height: c.Height}
	}
	return d
}

// sizedName matches the size in a picture's name: "-3000x4000.jpg".
var sizedName = regexp.MustCompile(`-\d+x\d+\.\w+$`)

// furnitureDoc returns the page furniture fixture with its logo.
func furnitureDoc(t *testing.T) *document.Document {
	return picturesFrom(t, decodeFile(t, "testdata/furniture.toml"), "testdata")
}

// furniture is what part of a page an item is, as its tag says: the
// page's content, or its furniture.
type furniture uint8

const (
	Content    furniture = iota // the page's content
	PageHeader                  // the running header
	PageFooter                  // the running footer
	PageLogo                    // the logo: the fixture's only picture that is an artifact
)

// partOf returns the part of its page that it is, a text or a picture.
func partOf(it Item) (furniture, bool) {
	a := it.Tagged().Artifact
	switch it.(type) {
	case Text:
		switch a {
		case ArtifactHeader:
			return PageHeader, true
		case ArtifactFooter:
			return PageFooter, true
		}
		return Content, true
	case Image:
		if a == ArtifactLayout {
			return PageLogo, true
		}
		return Content, true
	}
	return Content, false
}

// furnitureOf returns the texts and pictures of page p that are part f.
func furnitureOf(p Page, f furniture) []Item {
	var out []Item
	for _, it := range p.Items {
		if part, ok := partOf(it); ok && part == f {
			out = append(out, it)
		}
	}
	return out
}

// runText returns the text of the furniture texts of page p that are f,
// in order, joined by "|" between runs on different lines or parts.
func runText(p Page, f furniture) string {
	var parts []string
	for _, it := range furnitureOf(p, f) {
		if tx, ok := it.(Text); ok {
			parts = append(parts, tx.Text)
		}
	}
	return strings.Join(parts, "|")
}

// TestFurniture checks the fixture's header, footer and logo on A4: the
// header on every page but the first, its three parts on one baseline,
// the left one at the left margin, the right one at the right margin and
// the centre one centred on the page; the footer likewise at the foot;
// the logo at the top left of the first page only, beside the title,
// which stays centred on the page and clear of it.
func TestFurniture(t *testing.T) {
	d := furnitureDoc(t)
	for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
		r, err := WorksheetEdition(d, ed)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, r, d, false)
		margin := d.Style.MarginMM * mm
		n := len(r.Pages)
		if n < 2 {
			t.Fatalf("%+v: %d pages, want 2 or more", ed, n)
		}
		for i, p := range r.Pages {
			header, footer := runText(p, PageHeader), runText(p, PageFooter)
			wantHeader := fmt.Sprintf("Year 9 History|The end of the Purges|Page %d of %d", i+1, n)
			if i == 0 {
				wantHeader = ""
			}
			if header != wantHeader {
				t.Errorf("%+v: page %d: header %q, want %q", ed, i+1, header, wantHeader)
			}
			if want := fmt.Sprintf("Hillside Academy, History|www.activehistory.co.uk|%d / %d", i+1, n); footer != want && !ed.LargePrint {
				t.Errorf("%+v: page %d: footer %q, want %q", ed, i+1, footer, want)
			}
			for _, f := range []furniture{PageHeader, PageFooter} {
				items := furnitureOf(p, f)
				if len(items) != 3 || ed.LargePrint {
					continue
				}
				l, c, rt := items[0].(Text), items[1].(Text), items[2].(Text)
				if l.Y != c.Y || c.Y != rt.Y || math.Abs(l.X-margin) > 0.01 || math.Abs(rt.X+rt.Width-(p.Width-margin)) > 0.01 ||
					math.Abs(c.X+c.Width/2-p.Width/2) > 0.01 {
					t.Errorf("%+v: page %d: %v parts not aligned: %s; %s; %s", ed, i+1, f, dumpItem(l), dumpItem(c), dumpItem(rt))
				}
				if f == PageHeader && l.Y > margin+2*l.Size || f == PageFooter && l.Y < p.Height-margin-2*l.Size {
					t.Errorf("%+v: page %d: %v at %v", ed, i+1, f, l.Y)
				}
			}
			logos := furnitureOf(p, PageLogo)
			if i > 0 && len(logos) > 0 || i == 0 && len(logos) != 1 {
				t.Fatalf("%+v: page %d has %d logos", ed, i+1, len(logos))
			}
			if i > 0 {
				continue
			}
			logo := logos[0].(Image)
			if math.Abs(logo.X-margin) > 0.01 || math.Abs(logo.Y-margin) > 0.01 || math.Abs(logo.H-18*mm) > 0.01 {
				t.Errorf("%+v: logo %s, want 18 mm high at the margins", ed, dumpItem(logo))
			}
			title := textsOf(p, "The end of the Purges")
			if len(title) == 0 {
				t.Fatalf("%+v: no title", ed)
			}
			x0, _, x1, _ := title[0].Bounds()
			if x0 < logo.X+logo.W {
				t.Errorf("%+v: the title %s runs into the logo %s", ed, dumpItem(title[0]), dumpItem(logo))
			}
			if !ed.LargePrint && math.Abs((x0+x1)/2-p.Width/2) > 0.01 {
				t.Errorf("%+v: the title %s is not centred on the page", ed, dumpItem(title[0]))
			}
		}
	}
}

// textsOf returns the texts of page p that are s.
func textsOf(p Page, s string) []Text {
	var out []Text
	for _, it := range p.Items {
		if tx, ok := it.(Text); ok && tx.Text == s {
			out = append(out, tx)
		}
	}
	return out
}

// TestFurniturePapers lays out the furniture fixture, and its summary
// sheet, on every paper both ways with the narrowest, the default and the
// widest margins, in every edition, and the name line of three fields:
// every item inside the margins and nothing overlapping, or an error.
func TestFurniturePapers(t *testing.T) {
	d := furnitureDoc(t)
	names := append(append([]string{}, paperNames...), "76x120mm", "76x76mm")
	for _, name := range names {
		for _, landscape := range []bool{false, true} {
			for _, margin := range []float64{10, 18, 40} {
				dd := *d
				dd.Worksheet.Paper = paper(name, landscape)
				if w, h := dd.Worksheet.Paper.TextArea(margin); min(w, h) < document.MinTextMM {
					continue // refused by the decoder
				}
				dd.Style.MarginMM = margin
				sum := *dd.Summary
				sum.Paper = dd.Worksheet.Paper
				dd.Summary = &sum
				for _, ed := range []Edition{{}, {Answers: true}, {LargePrint: true}} {
					what := fmt.Sprintf("%s landscape=%v margin=%v %+v", name, landscape, margin, ed)
					t.Run(what, func(t *testing.T) {
						r, err := WorksheetEdition(&dd, ed)
						if err != nil {
							t.Logf("%v", err)
							return
						}
						checkItems(t, r, &dd, false)
						if ed == (Edition{}) {
							if s, err := Summary(&dd); err != nil {
								t.Logf("summary: %v", err)
							} else {
								checkItems(t, s, &dd, false)
							}
						}
					})
				}
			}
		}
	}
}

// TestRunningPlans checks where the parts of a header go on a wide and a
// narrow column: on one line each when they fit, in boxes when they do
// not, breaking no word, and stacked when the boxes would break words.
func TestRunningPlans(t *testing.T) {
	long := "A school's header that is longer than a third of any column"
	tests := []struct {
		paper   string
		parts   [3]string
		stacked bool
		lines   int // the most lines of a part
	}{
		{"A4", [3]string{"Year 9", "{title}", "{page}"}, false, 1},
		{"A4", [3]string{"Year 9", "", "{page}"}, false, 1},
		{"A4", [3]string{long, "", long}, false, 1},
		{"A4", [3]string{long, "{title}", long}, false, 2},
		{"A4", [3]string{long + ", " + long, "{title}", long}, true, 3},
		{"76x200mm", [3]string{"Hillside", "", "www.activehistory.co.uk"}, true, 1},
		{"76x200mm", [3]string{"Year 9 History", "{title}", "{page} / {pages}"}, true, 1},
	}
	for _, tt := range tests {
		d := newDoc(document.Section{Heading: document.Plain("H"), Blocks: []document.Block{text(sentences(30, 1))}})
		d.Worksheet.Title = document.Plain("The end of the Purges")
		d.Worksheet.Paper = paper(tt.paper, false)
		var r document.Running
		for i, s := range tt.parts {
			tpl := document.Template{}
			for s != "" {
				ph, rest, ok := strings.Cut(s, "{")
				if ph != "" {
					tpl = append(tpl, document.TemplatePart{Text: ph})
				}
				if !ok {
					break
				}
				name, after, _ := strings.Cut(rest, "}")
				tpl = append(tpl, document.TemplatePart{Placeholder: map[string]document.Placeholder{"page": document.Page, "pages": document.Pages, "title": document.Title}[name]})
				s = after
			}
			*[]*document.Template{&r.Left, &r.Center, &r.Right}[i] = tpl
		}
		d.Worksheet.Header, d.Worksheet.FirstPageHeader = r, true
		b, err := newBuilder(d, d.Worksheet.Paper)
		if err != nil {
			t.Fatal(err)
		}
		plan := b.runPlan(r)
		if plan.stacked != tt.stacked {
			t.Errorf("%s %q: stacked %v, want %v", tt.paper, tt.parts, plan.stacked, tt.stacked)
		}
		for i, bx := range plan.boxes {
			if tt.parts[i] != "" && (bx.x < b.left-0.01 || bx.x+bx.w > b.left+b.width+0.01) {
				t.Errorf("%s %q: box %d %+v outside the column", tt.paper, tt.parts, i, bx)
			}
		}
		b.release()
		rs, err := Worksheet(d)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, rs, d, false)
		// No word broken: every run of the header is whole words of its part.
		for _, it := range furnitureOf(rs.Pages[0], PageHeader) {
			tx := it.(Text)
			for _, w := range strings.Fields(tx.Text) {
				found := false
				for _, p := range tt.parts {
					found = found || strings.Contains(" "+strings.ReplaceAll(p, "{title}", "The end of the Purges")+" ", " "+w+" ") || strings.ContainsAny(w, "0123456789")
				}
				if !found {
					t.Errorf("%s %q: the header breaks a word: %q", tt.paper, tt.parts, tx.Text)
				}
			}
		}
		lines := map[float64]int{}
		for _, it := range furnitureOf(rs.Pages[0], PageHeader) {
			lines[it.(Text).Y]++
		}
		if !tt.stacked && len(lines) != tt.lines {
			t.Errorf("%s %q: the header has %d lines, want %d", tt.paper, tt.parts, len(lines), tt.lines)
		}
	}
}

// TestFirstPageHeader checks that the flow starts at the top margin on a
// first page without the header, and under the header on the others.
func TestFirstPageHeader(t *testing.T) {
	d := furnitureDoc(t)
	r := mustFurnished(t, d)
	margin := d.Style.MarginMM * mm
	top := func(p Page) float64 {
		y := p.Height
		for _, it := range p.Items {
			if tx, ok := it.(Text); ok && tx.Tag.Artifact != ArtifactHeader && tx.Tag.Artifact != ArtifactFooter {
				_, y0, _, _ := tx.Bounds()
				y = min(y, y0)
			}
		}
		return y
	}
	if y := top(r.Pages[0]); y > margin+20 {
		t.Errorf("page 1 starts at %.1f, want near the margin %.1f", y, margin)
	}
	hdr := furnitureOf(r.Pages[1], PageHeader)
	_, _, _, hy := hdr[0].Bounds()
	if y := top(r.Pages[1]); y < hy+5 {
		t.Errorf("page 2 starts at %.1f, under the header's foot at %.1f", y, hy)
	}
	d.Worksheet.FirstPageHeader = true
	r = mustFurnished(t, d)
	if len(furnitureOf(r.Pages[0], PageHeader)) != 3 {
		t.Errorf("first_page_header = true: page 1 has no header")
	}
	for _, it := range furnitureOf(r.Pages[0], PageHeader) {
		_, _, _, y1 := it.Bounds()
		logo := furnitureOf(r.Pages[0], PageLogo)[0]
		if _, ly, _, _ := logo.Bounds(); y1 > ly {
			t.Errorf("the header %s runs into the logo %s", dumpItem(it), dumpItem(logo))
		}
	}
}

func mustFurnished(t *testing.T, d *document.Document) *Result {
	t.Helper()
	r, err := Worksheet(d)
	if err != nil {
		t.Fatal(err)
	}
	checkItems(t, r, d, false)
	return r
}

// TestLogoOverNarrowTitle checks that a title whose words do not fit
// beside the logo goes under it.
func TestLogoOverNarrowTitle(t *testing.T) {
	d := furnitureDoc(t)
	d.Worksheet.Paper = paper("76x200mm", false)
	r := mustFurnished(t, d)
	logo := furnitureOf(r.Pages[0], PageLogo)[0].(Image)
	for _, tx := range textsOf(r.Pages[0], "The end of") {
		if _, y0, _, _ := tx.Bounds(); y0 < logo.Y+logo.H {
			t.Errorf("the title %s is not under the logo %s", dumpItem(tx), dumpItem(logo))
		}
	}
}

// TestNameLineRows checks that the name line keeps to the column on a
// narrow page, its fields on as many rows as it needs, each line at least
// three times the type size long, and stays on one row on A4.
func TestNameLineRows(t *testing.T) {
	tests := []struct {
		paper  string
		fields []string
		rows   int
	}{
		{"A4", []string{"Name", "Class", "Date"}, 1},
		{"A5", []string{"Name", "Class", "Date"}, 1},
		{"76x200mm", []string{"Name", "Class", "Date"}, 3},
		{"A4", []string{"Name", "Form", "Teacher", "Date"}, 1},
		{"76x200mm", []string{"Imię i nazwisko ucznia lub uczennicy"}, 1},
	}
	for _, tt := range tests {
		d := newDoc(document.Section{Heading: document.Plain("H")})
		d.Worksheet.Paper = paper(tt.paper, false)
		d.Worksheet.NameLine = tt.fields
		r := mustFurnished(t, d)
		var rules []Rule
		rows := map[float64]bool{}
		for _, it := range r.Pages[0].Items {
			if ru, ok := it.(Rule); ok && ru.Color == frameC && ru.Y0 == ru.Y1 && ru.Width == 0.6 {
				rules = append(rules, ru)
				rows[ru.Y0] = true
			}
		}
		if len(rules) != len(tt.fields) || len(rows) != tt.rows {
			t.Errorf("%s %q: %d lines on %d rows, want %d on %d", tt.paper, tt.fields, len(rules), len(rows), len(tt.fields), tt.rows)
		}
		for _, ru := range rules {
			if ru.X1-ru.X0 < 3*d.Style.Size-0.01 {
				t.Errorf("%s %q: a line %.1f pt long", tt.paper, tt.fields, ru.X1-ru.X0)
			}
		}
	}
}
