package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handout/document"
	"handout/internal/pdftool"
	"handout/internal/tagtest"
	"handout/internal/testimage"
	"handout/layout"
)

// imageResult returns a page showing a PNG 50x40 twice (under two names
// with the same bytes) and a JPEG and a second PNG, both 50 pixels wide:
// the same width as the first, which fpdf would order at random.
func imageResult() *layout.Result {
	a := testimage.PNG(50, 40)
	files := map[string]*document.ImageFile{
		"a.png":      {Path: "a.png", Format: "png", Width: 50, Height: 40, Data: a},
		"copy/a.png": {Path: "copy/a.png", Format: "png", Width: 50, Height: 40, Data: a},
		"b.jpg":      {Path: "b.jpg", Format: "jpeg", Width: 50, Height: 60, Data: testimage.JPEG(50, 60)},
		"c.png":      {Path: "c.png", Format: "png", Width: 50, Height: 20, Data: testimage.PNG(50, 20)},
	}
	page := layout.Page{Width: 595, Height: 842}
	y := 50.0
	for _, ref := range []string{"a.png", "b.jpg", "copy/a.png", "c.png", "a.png"} {
		f := files[ref]
		h := 100 * float64(f.Height) / float64(f.Width)
		page.Items = append(page.Items, layout.Image{X: 50, Y: y, W: 100, H: h, Ref: ref})
		y += h + 10
	}
	return &layout.Result{Pages: []layout.Page{page}, Images: files}
}

func TestImages(t *testing.T) {
	opt := Options{Time: time.Unix(1700000000, 0)}
	want, err := PDF(tagtest.Tag(imageResult()), opt)
	if err != nil {
		t.Fatal(err)
	}
	// Map order is random: many runs would catch an order left to it.
	for i := range 20 {
		got, err := PDF(tagtest.Tag(imageResult()), opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("run %d: the PDF differs from the first", i+2)
		}
	}
	if n := bytes.Count(want, []byte("/Subtype /Image")); n != 3 {
		t.Errorf("%d images embedded, want 3 (a.png once)", n)
	}
	path := filepath.Join(t.TempDir(), "images.pdf")
	if err := os.WriteFile(path, want, 0o644); err != nil {
		t.Fatal(err)
	}
	list := pdftool.Run(t, "pdfimages", "-list", path)
	// page num type width height color comp bpc enc interp object ...
	row := regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+(\d+)\s+(\d+)\s+\w+\s+\d+\s+\d+\s+(\w+)\s+\w+\s+(\d+)`)
	var got []string
	objects := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(list, -1) {
		got = append(got, m[1]+"x"+m[2]+" "+m[3])
		objects[m[4]] = true
	}
	wantRows := "50x40 image,50x60 jpeg,50x40 image,50x20 image,50x40 image"
	if strings.Join(got, ",") != wantRows || len(objects) != 3 {
		t.Errorf("pdfimages -list:\n%s\nwant %s in 3 objects", list, wantRows)
	}
}

func TestImageErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(r *layout.Result)
		want string
	}{
		{"missing file", func(r *layout.Result) { delete(r.Images, "b.jpg") }, `image "b.jpg": no such image file`},
		{"bad size", func(r *layout.Result) {
			im := r.Pages[0].Items[0].(layout.Image)
			im.W = 0
			r.Pages[0].Items[0] = im
		}, `image "a.png": bad position or size`},
		{"gif", func(r *layout.Result) { r.Images["b.jpg"].Format = "gif" }, `format "gif" is not jpeg or png`},
		{"corrupt", func(r *layout.Result) { r.Images["c.png"].Data = []byte("\x89PNG\r\n\x1a\nnonsense") }, `image "c.png": the PDF writer cannot embed it`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := imageResult()
			c.edit(r)
			if _, err := PDF(tagtest.Tag(r), Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}
