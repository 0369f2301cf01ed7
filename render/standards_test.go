package render_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/layout"
	"handout/printing"
)

// TestStrictlyValid validates PDFs of every kind render makes with
// pdfcpu's strict validation: plain, with boxes and crop marks, gray (as
// printing.Prepare makes the pages for it).
func TestStrictlyValid(t *testing.T) {
	model.ConfigPath = "disable" // no configuration file in the user's folder
	for name, b := range map[string][]byte{
		"sample":       renderOK(t, sample()),
		"bleed, marks": renderOK(t, prepared(t, printing.Settings{BleedMM: 3, Marks: true})),
		"gray":         renderOK(t, prepared(t, printing.Settings{Gray: true})),
	} {
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		if err := api.Validate(bytes.NewReader(b), conf); err != nil {
			t.Errorf("%s: pdfcpu: %v", name, err)
		}
	}
}

// TestStandardsFaults checks the faults independent tools found: the
// header's version, the trailer's /ID and the dates' time zone.
func TestStandardsFaults(t *testing.T) {
	b := renderOK(t, sample())
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n")) {
		t.Errorf("header %.9q, want %%PDF-1.7", b)
	}
	id := regexp.MustCompile(`\n/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]\n`).FindSubmatch(b)
	if id == nil || !bytes.Equal(id[1], id[2]) {
		t.Fatalf("no /ID of two equal 16-byte strings in the trailer")
	}
	// The ID follows the content: another title, another ID.
	r := sample()
	r.Title += "!"
	if other := renderOK(t, r); bytes.Contains(other, id[1]) {
		t.Error("another document has the same /ID")
	}
	for _, key := range []string{"/CreationDate", "/ModDate"} {
		if !regexp.MustCompile(regexp.QuoteMeta(key) + ` \(D:\d{14}\+00'00'\)`).Match(b) {
			t.Errorf("no %s in UTC, D:YYYYMMDDHHmmSS+00'00'", key)
		}
	}
}

// TestStreams checks that every stream is compressed but the XMP
// metadata, and that each font's CIDToGIDMap goes up to the highest code
// drawn in it, 2 bytes a code, and no further.
func TestStreams(t *testing.T) {
	r := &layout.Result{Pages: []layout.Page{{Width: 200, Height: 100, Items: []layout.Item{
		text(sansRegular, 10, 10, 20, "abc"),
		text(serifItalic, 12, 10, 40, "x – y"), // U+2013
	}}}}
	b := renderOK(t, r)
	streams := regexp.MustCompile(`(?s)\n\d+ 0 obj\n<<([^\n]*?)/Length (\d+)>>\nstream\n`).FindAllSubmatchIndex(b, -1)
	var maps []int
	for _, m := range streams {
		dict := string(b[m[2]:m[3]])
		if dict != "/Filter /FlateDecode " {
			continue
		}
		n, _ := strconv.Atoi(string(b[m[4]:m[5]]))
		zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("/CIDInit")) && !regexp.MustCompile(`^\d J\n`).Match(data) {
			maps = append(maps, len(data))
		}
	}
	// A page, a font program, a CMap and a map for each font, and the
	// metadata.
	if n, c := bytes.Count(b, []byte(">>\nstream\n")), bytes.Count(b, []byte("/Filter /FlateDecode")); n != 8 || c != n-1 ||
		!bytes.Contains(b, []byte("<</Type /Metadata /Subtype /XML /Length ")) {
		t.Errorf("%d streams, %d of them compressed; want 8, all but the metadata", n, c)
	}
	if want := []int{2 * ('c' + 1), 2 * (0x2013 + 1)}; len(maps) != 2 || maps[0] != want[0] || maps[1] != want[1] {
		t.Errorf("CIDToGIDMaps of %v bytes, want %v", maps, want)
	}
}
