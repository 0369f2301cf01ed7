package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"handout/fonts"
	"handout/internal/tagtest"
	"handout/layout"
)

// raw returns what fpdf writes for a one-page result with text, a link
// and, when boxes is set, trim and bleed boxes, and the job of the passes.
func raw(t *testing.T, boxes bool) ([]byte, *job) {
	t.Helper()
	face, err := fonts.Face{Family: fonts.Sans, Style: fonts.Regular}.Font()
	if err != nil {
		t.Fatal(err)
	}
	page := layout.Page{Width: 300, Height: 200, Items: []layout.Item{
		layout.Text{X: 20, Y: 40, Font: face, Size: 12, Text: "Hello (world) – “quoted”"},
		layout.Link{X: 20, Y: 30, W: 80, H: 12, URL: "https://example.org/"},
	}}
	if boxes {
		page.Trim = layout.Rect{X: 20, Y: 20, W: 260, H: 160}
		page.Bleed = layout.Rect{X: 10, Y: 10, W: 280, H: 180}
	}
	r := tagtest.Tag(&layout.Result{Title: "T", Pages: []layout.Page{page}})
	subsets, err := check(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j := &job{pages: 1, boxes: boxes, subsets: subsets, tags: newTagging(r.Tree, 1), meta: metadata{title: r.Title, lang: r.Language, pdfua: true}}
	b, err := draw(r, Options{}, j)
	if err != nil {
		t.Fatal(err)
	}
	return b, j
}

// TestOutput checks what the passes make of fpdf's output: the version,
// the trailer's /ID, the fonts, every stream compressed but the XMP
// metadata.
func TestOutput(t *testing.T) {
	b, j := raw(t, true)
	if !bytes.HasPrefix(b, []byte("%PDF-1.3\n")) || bytes.Contains(b, []byte("/Filter")) || bytes.Contains(b, []byte("/FontFile2")) {
		t.Fatalf("fpdf's output is not as the passes expect: %.200q", b)
	}
	out, err := output(bytes.Clone(b), j)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-1.7\n")) {
		t.Errorf("header %.10q, want %%PDF-1.7", out)
	}
	if n, m := bytes.Count(out, []byte("\nstream\n")), bytes.Count(out, []byte("/Filter /FlateDecode")); n != m+1 || n < 5 {
		t.Errorf("%d streams, %d compressed", n, m)
	}
	d, err := parse(out)
	if err != nil {
		t.Fatalf("render's output does not parse: %v", err)
	}
	if !bytes.Contains(d.obj(d.root).value, []byte("/Type /Catalog")) || !bytes.Contains(d.obj(d.info).value, []byte("/CreationDate")) {
		t.Errorf("/Root %d is not the catalog or /Info %d not the Info dictionary", d.root, d.info)
	}
	// The same input, the same ID; an ID derived from the objects.
	again, _ := output(bytes.Clone(b), j)
	if !bytes.Equal(out, again) {
		t.Error("the same input gives other bytes")
	}
	id := bytes.Index(out, []byte("/ID [<"))
	if id < 0 || !bytes.Equal(out[id+6:id+6+32], out[id+6+32+3:id+6+64+3]) {
		t.Fatalf("no /ID of two equal halves in the trailer: %q", out[bytes.LastIndex(out, []byte("trailer")):])
	}
}

// TestOutputFails checks that parse and each pass fail, naming it, on
// output that is not as fpdf writes it, rather than write a bad file.
// Each change keeps the length, so the cross-reference table still fits.
func TestOutputFails(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     string
	}{
		{"not a PDF", "%PDF-1.3", "%XYZ-1.3", "no PDF header"},
		{"object number", "\n3 0 obj\n", "\n9 0 obj\n", "object 3"},
		{"xref entry", " 00000 n \n", " 00000 f \n", "cross-reference entry"},
		{"trailer size", "/Size ", "/Sise ", "/Size"},
		{"stream length", "\nendstream\n", "Xendstream\n", "after the value"},
		{"unbalanced", "/Type /Catalog", "/Type <Catalog", "object"},
		{"boxes", "/TrimBox [", "/TrimBix [", "boxes: page 1: unexpected entry"},
		{"fonts", "\n/Font <<\n", "\n/Foot <<\n", "fonts: object 2"},
		{"dates", "/ModDate (D:", "/ModDatx (D:", "dates: the Info dictionary has not one /ModDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, j := raw(t, true)
			if !bytes.Contains(b, []byte(tc.old)) {
				t.Fatalf("no %q in fpdf's output", tc.old)
			}
			b = bytes.Replace(b, []byte(tc.old), []byte(tc.new), 1)
			out, err := output(b, j)
			if err == nil || out != nil {
				t.Fatalf("%d bytes and error %v, want an error", len(out), err)
			}
			if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want ErrOutput and %q", err, tc.want)
			}
		})
	}
}

// TestPassesFail checks that each pass fails, naming it, on objects that
// are not as it expects.
func TestPassesFail(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(d *doc)
		want string
	}{
		{"annots", func(d *doc) {
			p := d.obj(d.pages()[0])
			p.value = bytes.Replace(p.value, []byte("/Annots [<<"), []byte("/Annots [7 0 R <<"), 1)
		}, "annots: page object 3: unexpected '7' in /Annots"},
		{"pages", func(d *doc) {
			p := d.obj(d.pages()[0])
			p.value = bytes.Replace(p.value, []byte("<</Type /Page\n"), []byte("<</Type /Pagina\n"), 1)
		}, "boxes: found 0 page dictionaries, want 1"},
		{"not a dictionary", func(d *doc) {
			for _, o := range d.objs {
				if o.isStream {
					o.value = []byte("[]")
				}
			}
		}, "compress: not a dictionary"},
		{"stream without a dictionary", func(d *doc) {
			d.add(object{value: []byte("(x)"), isStream: true, data: []byte("x")})
		}, "compress: not a dictionary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, j := raw(t, true)
			d, err := parse(b)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(d)
			for _, p := range passes {
				if err = p.run(d, j); err != nil {
					err = errors.New(p.name + ": " + err.Error())
					break
				}
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestWriteFails checks that write refuses a stream whose dictionary is
// not one, as a pass after compress might leave it, and a missing root.
func TestWriteFails(t *testing.T) {
	b, _ := raw(t, false)
	d, err := parse(b)
	if err != nil {
		t.Fatal(err)
	}
	d.add(object{value: []byte("[1 2]"), isStream: true, data: []byte("x")})
	if _, err := d.write(); err == nil || !strings.Contains(err.Error(), "a stream whose dictionary is") {
		t.Errorf("error %v, want one about the stream's dictionary", err)
	}
	d.objs = d.objs[:len(d.objs)-1]
	d.root = len(d.objs) + 5
	if _, err := d.write(); err == nil {
		t.Error("no error for a /Root that is no object")
	}
}

// TestCIDToGIDMap checks that the map goes up to the highest code drawn
// and no further, and maps each rune to its glyph.
func TestCIDToGIDMap(t *testing.T) {
	runes := []rune("AB“")
	m := cidToGIDMap(runes, []uint16{3, 0x102, 7})
	if len(m) != 2*(0x201C+1) {
		t.Fatalf("%d bytes, want %d", len(m), 2*(0x201C+1))
	}
	for r, g := range map[rune]uint16{'A': 3, 'B': 0x102, '“': 7, 'C': 0, 0: 0} {
		if got := uint16(m[2*r])<<8 | uint16(m[2*r+1]); got != g {
			t.Errorf("%U: glyph %d, want %d", r, got, g)
		}
	}
}

// TestToUnicodeCMap checks that runs of runes become bfranges that do not
// cross a change of the first byte, as PDF 32000-1, 9.10.3 requires.
func TestToUnicodeCMap(t *testing.T) {
	cmap := string(toUnicodeCMap([]rune{'a', 'b', 'c', 'x', 0xFE, 0xFF, 0x100, 0x101, 0x2013}))
	want := "5 beginbfrange\n<0061> <0063> <0061>\n<0078> <0078> <0078>\n<00FE> <00FF> <00FE>\n<0100> <0101> <0100>\n<2013> <2013> <2013>\nendbfrange\n"
	if !strings.Contains(cmap, want) {
		t.Errorf("CMap:\n%s\nwant it to hold:\n%s", cmap, want)
	}
	var many []rune
	for r := rune(0x20); r < 0x20+3*150; r += 3 {
		many = append(many, r)
	}
	if n := strings.Count(string(toUnicodeCMap(many)), "beginbfrange"); n != 2 {
		t.Errorf("150 ranges in %d blocks, want 2 (at most 100 a block)", n)
	}
}
