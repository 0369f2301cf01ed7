package build

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/testimage"
)

// imageDoc returns a content file showing each of paths in an image block,
// the image keys on lines 7, 9, 11 and so on, at column 1.
func imageDoc(paths ...string) string {
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"T\"\n\n[[section]]\nheading = \"H\"\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "[[section.block]]\nimage = %q\n", p)
	}
	return b.String()
}

// writeFiles writes files, by path relative to dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// png16 returns a 16-bit, and interlace an interlaced, PNG: neither the
// PDF writer takes as it is.
func png16(w, h int) []byte {
	m := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetNRGBA64(x, y, color.NRGBA64{R: uint16(x * 3000), G: uint16(y * 3000), B: 40000, A: 0xffff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestLoadImages(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	jpg, pngData := testimage.JPEG(64, 48), testimage.PNG(30, 50)
	writeFiles(t, content, map[string][]byte{
		"images/a.jpg":    jpg,
		"b.png":           pngData,
		"deep/deeper.png": png16(8, 4),
	})
	name := filepath.Join(content, "x.toml")
	d, err := document.Decode(name, []byte(imageDoc("images/a.jpg", "b.png", "./images/a.jpg", "deep/deeper.png")))
	if err != nil {
		t.Fatal(err)
	}
	ins, err := LoadImages(name, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Input{
		{filepath.Join(content, "images", "a.jpg"), hash(jpg)},
		{filepath.Join(content, "b.png"), hash(pngData)},
		{filepath.Join(content, "deep", "deeper.png"), hash(png16(8, 4))},
	}
	if fmt.Sprint(ins) != fmt.Sprint(want) {
		t.Errorf("inputs\n%v\nwant\n%v", ins, want)
	}
	for _, c := range []struct {
		path   string
		format string
		w, h   int
		same   bool // Data is the file's bytes
	}{
		{"images/a.jpg", "jpeg", 64, 48, true},
		{"b.png", "png", 30, 50, true},
		{"deep/deeper.png", "png", 8, 4, false},
	} {
		img := d.Images[c.path]
		if img == nil {
			t.Errorf("%s: not loaded", c.path)
			continue
		}
		if img.Format != c.format || img.Width != c.w || img.Height != c.h || img.Path != c.path {
			t.Errorf("%s: %s %dx%d %q, want %s %dx%d", c.path, img.Format, img.Width, img.Height, img.Path, c.format, c.w, c.h)
		}
		if orig, _ := os.ReadFile(filepath.Join(content, c.path)); bytes.Equal(img.Data, orig) != c.same {
			t.Errorf("%s: data is the file's bytes: %v, want %v", c.path, !c.same, c.same)
		}
		if img.Format == "png" && !readPNGHeader(img.Data).plain() {
			t.Errorf("%s: data is not a plain PNG", c.path)
		}
	}
}

func TestLoadImagesErrors(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	jpg := testimage.JPEG(64, 48)
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	pngData := testimage.PNG(40, 40)
	damaged := append([]byte(nil), pngData[:len(pngData)-30]...)
	writeFiles(t, content, map[string][]byte{
		"notes.txt":     []byte("just some text\n"),
		"anim.gif":      gif,
		"truncated.jpg": jpg[:len(jpg)/2],
		"damaged.png":   damaged,
		"huge.png":      testimage.PNGHeader(8000, 6000),
		"header.jpg":    jpg[:20],
		"folder/x.png":  pngData,
		"../secret.png": pngData, // in dir, outside content
		"images/ok.jpg": jpg,
		"wide.png":      testimage.PNGHeader(40001, 1000),
		"ok40.png":      testimage.PNGHeader(8000, 5000),
	})
	links := map[string]string{
		"out.png":           filepath.Join(dir, "secret.png"),
		"images/up.png":     "../../secret.png",
		"images/in.jpg":     "ok.jpg",
		"images/dangle.png": "../../nowhere.png",
	}
	for l, target := range links {
		if err := os.Symlink(target, filepath.Join(content, filepath.FromSlash(l))); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	for _, c := range []struct{ path, want string }{
		{"missing.png", `image "missing.png" not found: there is no file ` + filepath.Join(content, "missing.png")},
		{"images/missing.jpg", `image "images/missing.jpg" not found`},
		{"folder", `image "folder" is a folder, not an image file`},
		{"notes.txt", `image "notes.txt" is not a JPEG or PNG image`},
		{"anim.gif", `image "anim.gif" is a GIF image: use a JPEG or PNG`},
		{"truncated.jpg", `image "truncated.jpg" is a damaged JPEG image: `},
		{"damaged.png", `image "damaged.png" is a damaged PNG image: `},
		{"header.jpg", `image "header.jpg" is not a valid JPEG image: `},
		{"huge.png", `image "huge.png" is 8000x6000 pixels (48.0 megapixels): at most 40 megapixels are allowed; scale it down`},
		{"wide.png", `image "wide.png" is 40001x1000 pixels (40.0 megapixels): at most 40 megapixels`},
		{"ok40.png", `image "ok40.png" is a damaged PNG image`}, // 40 megapixels is allowed: it gets as far as the pixels
		{"out.png", `image "out.png" is a symbolic link that leads out of this file's folder`},
		{"images/up.png", `image "images/up.png" is a symbolic link that leads out of this file's folder`},
		{"images/dangle.png", `image "images/dangle.png" is a symbolic link that leads out of this file's folder`},
	} {
		t.Run(c.path, func(t *testing.T) {
			name := filepath.Join(content, "x.toml")
			d, err := document.Decode(name, []byte(imageDoc("images/in.jpg", c.path, c.path)))
			if err != nil {
				t.Fatal(err)
			}
			ins, err := LoadImages(name, d)
			var es document.Errors
			if !errors.As(err, &es) || len(es) != 2 {
				t.Fatalf("error %v (%T), want two document.Errors", err, err)
			}
			for i, e := range es {
				if e.File != name || e.Line != 9+2*i || e.Column != 1 || !strings.HasPrefix(e.Msg, c.want) {
					t.Errorf("error %d:\n%s\nwant at %s:%d:1:\n%s", i, e, name, 9+2*i, c.want)
				}
			}
			if len(ins) != 2 || ins[1].Path != filepath.Join(content, filepath.FromSlash(c.path)) {
				t.Errorf("inputs %v, want images/in.jpg and %s", ins, c.path)
			}
			if d.Images["images/in.jpg"] == nil {
				t.Error("the good image was not loaded")
			}
		})
	}
}

func TestLoadImagesNone(t *testing.T) {
	d, err := document.Decode("x.toml", []byte(imageDoc()))
	if err != nil {
		t.Fatal(err)
	}
	if ins, err := LoadImages("/nonexistent/x.toml", d); ins != nil || err != nil || d.Images != nil {
		t.Errorf("LoadImages without images: %v, %v, %v", ins, err, d.Images)
	}
}

func TestFileImages(t *testing.T) {
	outs, ins, _, err := file(t.Context(), filepath.Join("testdata", "images.toml"), readBytes(t, filepath.Join("testdata", "images.toml")), Options{Time: testTime})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || outs[0].Pages != 2 {
		t.Errorf("outputs %v, want one PDF of 2 pages", outs)
	}
	want := []string{filepath.Join("testdata", "images", "trotsky.jpg"), filepath.Join("testdata", "images", "figures", "chart.png")}
	if len(ins) != 2 || ins[0].Path != want[0] || ins[1].Path != want[1] {
		t.Errorf("inputs %v, want %v", ins, want)
	}
	// Check fails as File does.
	data := []byte(imageDoc("images/none.png"))
	if err := Check(filepath.Join("testdata", "x.toml"), data); err == nil || !strings.Contains(err.Error(), "x.toml:7:1: image \"images/none.png\" not found") {
		t.Errorf("Check: %v", err)
	}
	if _, err := File(filepath.Join("testdata", "x.toml"), data, Options{}); err == nil || !strings.Contains(err.Error(), "x.toml:7:1: image") {
		t.Errorf("File: %v", err)
	}
}

func TestIncrementalImages(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	copyTestdata(t, "images.toml", filepath.Join(content, "a.toml"))
	writeFiles(t, content, map[string][]byte{
		"images/trotsky.jpg":       readBytes(t, filepath.Join("testdata", "images", "trotsky.jpg")),
		"images/figures/chart.png": readBytes(t, filepath.Join("testdata", "images", "figures", "chart.png")),
	})
	out := filepath.Join(dir, "out")
	srcs, err := Sources([]string{content}, out)
	if err != nil {
		t.Fatal(err)
	}
	b := Batch{Options: Options{Time: testTime}, Jobs: 2, Manifest: filepath.Join(out, ManifestName), Tool: "t"}
	run := func(step string, want Status) Result {
		t.Helper()
		var got Result
		if err := b.Run(t.Context(), srcs, func(r Result) { got = r }); err != nil {
			t.Fatal(err)
		}
		if got.Status != want {
			t.Errorf("%s: %s (%v), want %s", step, got.Status, got.Err, want)
		}
		return got
	}
	r := run("first build", Built)
	wantIns := []string{filepath.Join(content, "a.toml"), filepath.Join(content, "images", "trotsky.jpg"), filepath.Join(content, "images", "figures", "chart.png")}
	if fmt.Sprint(r.Inputs) != fmt.Sprint(wantIns) {
		t.Errorf("inputs %v, want %v", r.Inputs, wantIns)
	}
	m := readBytes(t, filepath.Join(out, ManifestName))
	if !bytes.Contains(m, []byte(`"path": "images/figures/chart.png"`)) || !bytes.Contains(m, []byte(hash(readBytes(t, wantIns[2])))) {
		t.Errorf("the manifest does not record the chart and its SHA-256:\n%s", m)
	}
	run("nothing changed", Skipped)
	writeFiles(t, content, map[string][]byte{"images/figures/chart.png": testimage.PNG(100, 100)})
	run("chart edited", Built)
	run("nothing changed again", Skipped)
	if err := os.Remove(filepath.Join(content, "images", "trotsky.jpg")); err != nil {
		t.Fatal(err)
	}
	r = run("picture deleted", Failed)
	if fmt.Sprint(r.Inputs) != fmt.Sprint(wantIns) {
		t.Errorf("inputs of the failed build %v, want %v", r.Inputs, wantIns)
	}
	var checked Result
	b.Check(t.Context(), srcs, func(r Result) { checked = r })
	if checked.Status != Failed || fmt.Sprint(checked.Inputs) != fmt.Sprint(wantIns) {
		t.Errorf("Check: %s %v, want failed with inputs %v", checked.Status, checked.Inputs, wantIns)
	}
}
