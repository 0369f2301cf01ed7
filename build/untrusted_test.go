package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/document"
	"handout/internal/pdftool"
	"handout/internal/testimage"
	"handout/render"
)

// The tests of content from strangers (issue 10): every file read by one
// rule, nothing written, removed or echoed outside the folders given, and
// bounded time and memory per image.

// within runs f and fails the test if it takes longer than d: a read that
// blocks, on a FIFO say, would otherwise hang the test.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not end within %v: it blocks", what, d)
	}
}

// mkfifo makes a FIFO at path, or skips the test where there are none.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
}

// TestReadRule reads files of every kind through a folder's root: only
// regular files inside it are read, without blocking, and no more than
// the cap.
func TestReadRule(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	writeFiles(t, dir, map[string][]byte{"secret": []byte("AKIAIOSFODNN7EXAMPLE"), "in/ok.txt": []byte("fine"),
		"in/big.txt": make([]byte, 101), "in/sub/x": []byte("x")})
	in := filepath.Join(dir, "in")
	mkfifo(t, filepath.Join(in, "fifo"))
	for link, target := range map[string]string{
		"out": secret, "zero": "/dev/zero", "alias": "ok.txt", "tofifo": "fifo", "dangle": "nothing",
		"loop": "loop", "up": "../secret", "subout": dir,
	} {
		if err := os.Symlink(target, filepath.Join(in, link)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	root, err := os.OpenRoot(in)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tooLarge := func(size int64) error { return notReadable("too large") }
	for _, tt := range []struct{ rel, want string }{
		{"ok.txt", ""},
		{"alias", ""},
		{"sub/x", ""},
		{"big.txt", "too large"},
		{"fifo", "is a FIFO (named pipe), not a regular file"},
		{"tofifo", "is a FIFO (named pipe), not a regular file"},
		{"sub", "is a folder, not a file"},
		{"out", "leads out of its folder"},
		{"zero", "leads out of its folder"},
		{"up", "leads out of its folder"},
		{"subout/secret", "leads out of its folder"},
		{"../secret", "leads out of its folder"},
		{"dangle", "is a symbolic link to nothing"},
		{"loop", "too many levels of symbolic links"},
		{"missing", "no such file"},
	} {
		t.Run(tt.rel, func(t *testing.T) {
			var data []byte
			var err error
			within(t, 10*time.Second, "readIn "+tt.rel, func() { data, err = readIn(root, tt.rel, 100, tooLarge) })
			if tt.want == "" {
				if err != nil || len(data) == 0 {
					t.Errorf("readIn: %q, %v; want the file", data, err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("readIn: %q, %v; want an error saying %q", data, err, tt.want)
			}
			if strings.Contains(string(data), "AKIA") || err != nil && strings.Contains(err.Error(), "AKIA") {
				t.Errorf("the file outside was read: %q, %v", data, err)
			}
			var sum string
			within(t, 10*time.Second, "sumIn "+tt.rel, func() { sum, err = sumIn(root, tt.rel, -1, 100) })
			if (err == nil) != (tt.want == "") {
				t.Errorf("sumIn: %q, %v; want an error: %v", sum, err, tt.want != "")
			}
		})
	}
}

// TestContentFileLeadsOut builds and checks content files that are
// symbolic links out of the folder given, a FIFO and a folder: each fails
// at once with an error that names it and quotes nothing of what is
// outside, and the others are built.
func TestContentFileLeadsOut(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "credentials")
	writeFiles(t, dir, map[string][]byte{"credentials": []byte("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n")})
	content := filepath.Join(dir, "content")
	copyTestdata(t, "small.toml", filepath.Join(content, "a.toml"))
	copyTestdata(t, "small.toml", filepath.Join(content, "inside", "real.toml"))
	for link, target := range map[string]string{"c.toml": secret, "d.toml": "/dev/zero", "alias.toml": "inside/real.toml"} {
		if err := os.Symlink(target, filepath.Join(content, link)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	mkfifo(t, filepath.Join(content, "fifo.toml"))
	if err := os.Mkdir(filepath.Join(content, "folder.toml"), 0o755); err == nil {
		copyTestdata(t, "small.toml", filepath.Join(content, "folder.toml", "x.toml"))
	}
	out := filepath.Join(dir, "out")
	srcs, err := Sources([]string{content}, out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a.toml": "", "alias.toml": "", "folder.toml/x.toml": "", "inside/real.toml": "",
		"c.toml":    "not read: it is a symbolic link that leads out of " + content + "/",
		"d.toml":    "not read: it is a symbolic link that leads out of " + content + "/",
		"fifo.toml": "not read: it is a FIFO (named pipe), not a regular file",
	}
	b := Batch{Options: Options{Time: testTime}, Jobs: 2, Manifest: filepath.Join(out, ManifestName), Tool: "t"}
	for _, cmd := range []string{"build", "check"} {
		var got []Result
		within(t, 20*time.Second, cmd, func() {
			if cmd == "build" {
				b.Run(t.Context(), srcs, func(r Result) { got = append(got, r) })
			} else {
				b.Check(t.Context(), srcs, func(r Result) { got = append(got, r) })
			}
		})
		if len(got) != len(want) {
			t.Fatalf("%s: %d results, want %d", cmd, len(got), len(want))
		}
		for _, r := range got {
			rel, _ := filepath.Rel(content, r.Source.Name)
			w := want[filepath.ToSlash(rel)]
			switch {
			case w == "" && r.Status == Failed:
				t.Errorf("%s %s: %v", cmd, rel, r.Err)
			case w != "" && (r.Status != Failed || !strings.Contains(r.Err.Error(), w)):
				t.Errorf("%s %s: %s, %v; want failed, saying %q", cmd, rel, r.Status, r.Err, w)
			case r.Err != nil && strings.Contains(r.Err.Error(), "AKIA"):
				t.Errorf("%s %s: the error quotes the file outside: %v", cmd, rel, r.Err)
			}
		}
	}
}

// TestHostileInputsAfterBuild replaces, after a build, an image a
// worksheet shows and one of its PDFs by a FIFO, a folder and a link out:
// the next build does not block, counts the worksheet as changed, and
// fails it with the usual error naming the file.
func TestHostileInputsAfterBuild(t *testing.T) {
	for _, tt := range []struct {
		name, file string
		make       func(t *testing.T, path string)
		want       string
	}{
		{"image is a FIFO", "content/images/trotsky.jpg", mkfifo, `image "images/trotsky.jpg" is a FIFO (named pipe), not a regular file`},
		{"image is a folder", "content/images/trotsky.jpg", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }, `image "images/trotsky.jpg" is a folder`},
		{"image leads out", "content/images/trotsky.jpg", func(t *testing.T, p string) { symlinkOrSkip(t, "/etc/passwd", p) }, `image "images/trotsky.jpg" is a symbolic link that leads out`},
		{"PDF is a FIFO", "out/images.pdf", mkfifo, "not writing " + filepath.Join("out", "images.pdf") + ": it is a FIFO"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTestdata(t, "images.toml", filepath.Join(dir, "content", "images.toml"))
			for _, img := range []string{"trotsky.jpg", "figures/chart.png"} {
				copyTestdata(t, filepath.Join("images", img), filepath.Join(dir, "content", "images", img))
			}
			t.Chdir(dir)
			srcs, err := Sources([]string{"content"}, "out")
			if err != nil {
				t.Fatal(err)
			}
			b := Batch{Options: Options{Time: testTime}, Manifest: filepath.Join("out", ManifestName), Tool: "t"}
			run := func() Result {
				var r Result
				within(t, 20*time.Second, "the build", func() {
					if err := b.Run(t.Context(), srcs, func(got Result) { r = got }); err != nil {
						t.Errorf("Run: %v", err)
					}
				})
				return r
			}
			if r := run(); r.Status != Built {
				t.Fatalf("first build: %s, %v", r.Status, r.Err)
			}
			if err := os.Remove(tt.file); err != nil {
				t.Fatal(err)
			}
			tt.make(t, tt.file)
			if r := run(); r.Status != Failed || !strings.Contains(r.Err.Error(), tt.want) {
				t.Errorf("after the change: %s, %v; want failed, saying %q", r.Status, r.Err, tt.want)
			}
		})
	}
}

// symlinkOrSkip makes a symbolic link at path to target.
func symlinkOrSkip(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
}

// TestManifestTampered builds, then gives the manifest entries that name
// files outside the output folder, a file that is not a PDF, a suffix
// handout does not write and a PDF through a link, each with the right
// SHA-256, for content files that are gone: the build removes none of
// them, and still removes the PDFs of a file really gone.
func TestManifestTampered(t *testing.T) {
	p := newProject(t)
	p.b.Prune = true
	p.run()
	victims := map[string]string{
		"victim.txt":           "precious",
		"victim.pdf":           "%PDF-1.4 precious",
		"out/notes.txt":        "keep me",
		"out/a-secret.pdf":     "%PDF-1.4 not handout's",
		"out/v-AB.pdf":         "%PDF-1.4 not a version",
		"elsewhere/linked.pdf": "%PDF-1.4 through a link",
	}
	for name, data := range victims {
		mustWrite(t, filepath.Join(p.dir, name), data)
	}
	symlinkOrSkip(t, filepath.Join(p.dir, "elsewhere"), p.out("linked"))
	os.Remove(p.content("c.toml")) // c is really gone
	m := readManifest(t, p.out(ManifestName))
	sum := func(name string) pdfSum {
		data := []byte(victims[name])
		return pdfSum{Path: "", Bytes: len(data), SHA256: hash(data)}
	}
	tamper := func(key, kind, version, path, victim string) {
		o := sum(victim)
		o.Kind, o.Version, o.Path = kind, version, path
		m.Files[key] = entry{Source: "../content/" + filepath.Base(key) + "-gone.toml", Inputs: []fileSum{{Path: "x", SHA256: "y"}}, Outputs: []pdfSum{o}}
	}
	tamper("../victim", "worksheet", "", "../victim.txt", "victim.txt")
	tamper("victim", "worksheet", "", "../victim.pdf", "victim.pdf")
	tamper("notes", ".txt", "", "notes.txt", "out/notes.txt")
	tamper("a", "secret", "", "a-secret.pdf", "out/a-secret.pdf")
	tamper("v", "worksheet", "AB", "v-AB.pdf", "out/v-AB.pdf")
	tamper("linked/linked", "worksheet", "", "linked/linked.pdf", "elsewhere/linked.pdf")
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, p.out(ManifestName), string(data))
	var removed []string
	err = p.b.Run(t.Context(), p.srcs[:2], func(r Result) { removed = append(removed, r.Removed...) })
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range victims {
		if got, err := os.ReadFile(filepath.Join(p.dir, name)); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want it untouched", name, got, err)
		}
	}
	slices.Sort(removed)
	if want := []string{p.out("c-summary.pdf"), p.out("c.pdf")}; !slices.Equal(removed, want) {
		t.Errorf("removed %q, want only c's PDFs %q", removed, want)
	}
}

// readManifest reads the manifest at path, with its unexported fields
// empty.
func readManifest(t *testing.T, path string) manifest {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(readBytes(t, path), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOutputThroughLinks gives the output folder symbolic links to other
// folders, outside it and inside it, where a content file's PDFs go: they
// are not written through, and the file fails saying why.
func TestOutputThroughLinks(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	copyTestdata(t, "small.toml", filepath.Join(content, "history", "c.toml"))
	copyTestdata(t, "small.toml", filepath.Join(content, "maths", "d.toml"))
	out := filepath.Join(content, ".pdf") // -o content/.pdf, which the PR controls
	victim := filepath.Join(dir, "victim")
	mustWrite(t, filepath.Join(victim, "c.pdf"), "%PDF-1.4 someone else's")
	mustWrite(t, filepath.Join(out, "other", "keep"), "")
	symlinkOrSkip(t, victim, filepath.Join(out, "history"))
	symlinkOrSkip(t, "other", filepath.Join(out, "maths"))
	srcs, err := Sources([]string{content}, out)
	if err != nil {
		t.Fatal(err)
	}
	b := Batch{Options: Options{Time: testTime}, Manifest: filepath.Join(out, ManifestName), Tool: "t"}
	var got []Result
	b.Run(t.Context(), srcs, func(r Result) { got = append(got, r) })
	for _, r := range got {
		if r.Status != Failed || !strings.Contains(r.Err.Error(), "is a symbolic link: handout writes only in real folders") {
			t.Errorf("%s: %s, %v; want failed, the folder being a link", r.Source.Name, r.Status, r.Err)
		}
	}
	if data := readBytes(t, filepath.Join(victim, "c.pdf")); string(data) != "%PDF-1.4 someone else's" {
		t.Error("the PDF outside the output folder was replaced")
	}
	if entries, _ := os.ReadDir(filepath.Join(out, "other")); len(entries) != 1 {
		t.Errorf("the folder inside was written through its link: %v", entries)
	}
	// The output folder itself a link inside the content folder.
	os.RemoveAll(out)
	symlinkOrSkip(t, victim, out)
	if err := OutputFolder(out, content); err == nil || !strings.Contains(err.Error(), "is a symbolic link inside the content folder") {
		t.Errorf("OutputFolder through a link in the content folder: %v", err)
	}
	if err := OutputFolder(out, filepath.Join(dir, "elsewhere")); err != nil {
		t.Errorf("OutputFolder, a link the user made outside the content: %v", err)
	}
}

// TestManifestNotWritten makes the manifest's path a folder: Run writes
// the PDFs and returns a *ManifestError.
func TestManifestNotWritten(t *testing.T) {
	p := newProject(t)
	if err := os.MkdirAll(filepath.Join(p.out(ManifestName), "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := p.b.Run(t.Context(), p.srcs, func(Result) {})
	var me *ManifestError
	if !errors.As(err, &me) || me.Path != p.out(ManifestName) {
		t.Errorf("Run: %v (%T), want a *ManifestError for %s", err, err, p.out(ManifestName))
	}
}

// TestStaleTemps leaves the temporary files of a killed build in the
// output folder and a folder of it, and others that are not such files:
// the build removes those alone, but not one another build holds.
func TestStaleTemps(t *testing.T) {
	p := newProject(t)
	victim := filepath.Join(p.dir, "victim")
	mustWrite(t, victim, "precious")
	stale := []string{p.out(".handout-123.tmp"), p.out(filepath.Join("sub", ".handout-4567.tmp"))}
	kept := []string{p.out(".handout-notes.txt"), p.out("x.tmp"), p.out(filepath.Join("other", ".handout-8.tmp"))}
	for _, f := range append(append([]string{}, stale...), kept...) {
		mustWrite(t, f, "half a PDF")
	}
	p.srcs = append(p.srcs, Source{Name: p.content("a.toml"), Out: p.out(filepath.Join("sub", "a")), OutDir: p.out("")})
	symlinkOrSkip(t, victim, p.out(".handout-9.tmp"))
	if err := os.Mkdir(p.out(".handout-10.tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	busy := p.out(".handout-11.tmp")
	mustWrite(t, busy, "being written")
	f, err := os.Open(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lockTemp(f) // as another build writing it does
	p.b.Run(t.Context(), p.srcs, func(Result) {})
	for _, f := range stale {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("%s is still there", f)
		}
	}
	for _, f := range append(kept, p.out(".handout-9.tmp"), p.out(".handout-10.tmp"), busy, victim) {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("%s was removed", f)
		}
	}
}

// decodeFile decodes the image file data as a build does: its header
// read and checked (readHeader), then the image decoded (decodeImage).
func decodeFile(ctx context.Context, data []byte, cv convert) (*document.ImageFile, error) {
	h, err := readHeader(data)
	if err != nil {
		return nil, err
	}
	return decodeImage(ctx, data, h, cv)
}

// TestScanBomb decodes progressive JPEGs of up to MaxJPEGScans scans, and
// refuses one of more before decoding it.
func TestScanBomb(t *testing.T) {
	ok := testimage.ProgressiveJPEG(256, 256, 1, MaxJPEGScans-2) // a DC and an AC scan, and more
	if _, err := decodeFile(t.Context(), ok, convert{embed: true}); err != nil {
		t.Errorf("%d scans: %v", MaxJPEGScans, err)
	}
	if h, err := readJPEGHeader(ok); err != nil || h.scans != MaxJPEGScans || !h.progressive {
		t.Errorf("header %+v, %v; want %d scans, progressive", h, err, MaxJPEGScans)
	}
	bomb := testimage.ProgressiveJPEG(6320, 6320, 1, 10000)
	start := time.Now()
	_, err := decodeFile(t.Context(), bomb, convert{embed: true})
	if want := "is a JPEG of more than 100 scans"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a bomb of 10,002 scans: %v, want an error saying %q", err, want)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing the bomb took %v: it was decoded", d)
	}
}

// TestImageMemory works out what images need, and refuses one that needs
// more than the budget before decoding it.
func TestImageMemory(t *testing.T) {
	png16 := testimage.PNGHeaderOf(6320, 6320, 16, 6, true) // 39.9 megapixels, RGBA
	h, err := readHeader(png16)
	if err != nil {
		t.Fatal(err)
	}
	px := int64(6320 * 6320)
	for _, cv := range []convert{{embed: true}, {embed: true, gray: true}} {
		// 8 bytes a pixel, and half as much again for the last pass.
		if c := h.decodeCost(len(png16), cv); c < 12*px || c > ImageMemory {
			t.Errorf("%+v: a 16-bit interlaced PNG of 40 megapixels costs %d, want at least %d and within the budget", cv, c, 12*px)
		}
	}
	cmyk := testimage.ProgressiveJPEG(6320, 6320, 4, 0)
	_, err = decodeFile(t.Context(), cmyk, convert{embed: true})
	if want := "is 6320x6320 pixels (a progressive JPEG in CMYK), and needs 915 MB of memory to decode: an image may need at most 512 MB"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("progressive CMYK: %v, want an error saying %q", err, want)
	}
	small := testimage.ProgressiveJPEG(1000, 1000, 4, 0)
	img, err := decodeFile(t.Context(), small, convert{embed: true, gray: true})
	if err != nil || img.Gray == nil {
		t.Fatalf("a small progressive CMYK JPEG: %v", err)
	}
}

// TestReserve takes memory from the budget: all of it, then more waits
// until it is given back or the context is done; more than the budget is
// an error at once.
func TestReserve(t *testing.T) {
	if err := reserve(t.Context(), ImageMemory+1, "to decode"); err == nil || !strings.Contains(err.Error(), "an image may need at most 512 MB") {
		t.Errorf("more than the budget: %v", err)
	}
	if err := reserve(t.Context(), ImageMemory, "to decode"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := reserve(ctx, 1, "to decode"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("with the budget taken: %v, want to wait until the context is done", err)
	}
	release(ImageMemory)
	if err := reserve(t.Context(), 1, "to decode"); err != nil {
		t.Errorf("once given back: %v", err)
	}
	release(1)
}

// TestDecodeStops stops a build while it decodes an image: decodeImage
// returns at once, and the memory comes back once the decoding gives up.
func TestDecodeStops(t *testing.T) {
	data := testimage.ProgressiveJPEG(6000, 6000, 1, MaxJPEGScans-2)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := decodeFile(ctx, data, convert{embed: true, gray: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("decodeImage: %v, want it stopped", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("decodeImage returned %v after the start, stopped after 200 ms", d)
	}
	ctx, cancel = context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := reserve(ctx, ImageMemory, "to decode"); err != nil {
		t.Fatalf("the memory did not come back: %v", err)
	}
	release(ImageMemory)
}

// TestImagesOnce shows one image under three names and a copy of it: it
// is decoded once, and every edition of the gray build embeds the gray
// bytes build made of it.
func TestImagesOnce(t *testing.T) {
	dir := t.TempDir()
	pic := testimage.JPEG(64, 48)
	writeFiles(t, dir, map[string][]byte{"images/a.jpg": pic, "copy.jpg": pic})
	name := filepath.Join(dir, "x.toml")
	d, err := document.Decode(name, []byte(imageDoc("images/a.jpg", "./images/a.jpg", "images/../images/a.jpg", "copy.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	pics, ins, err := loadImages(t.Context(), name, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := pics.decode(t.Context(), convert{embed: true, gray: true}, nil, 0); err != nil {
		t.Fatal(err)
	}
	if len(pics.list) != 1 {
		t.Errorf("%d pictures, want one", len(pics.list))
	}
	if len(ins) != 2 {
		t.Errorf("inputs %v, want images/a.jpg and copy.jpg", ins)
	}
	first := d.Images["images/a.jpg"]
	for p, img := range d.Images {
		if img.Path != p || &img.Gray[0] != &first.Gray[0] || &img.Data[0] != &first.Data[0] {
			t.Errorf("%s: not the one decoded image", p)
		}
	}
}

// TestCheckEditions checks a worksheet whose large-print edition passes
// MaxPages: check with LargePrint fails as build does, naming the edition.
func TestCheckEditions(t *testing.T) {
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"Long\"\n\n[[section]]\nheading = \"H\"\n")
	for range 230 {
		b.WriteString("\n[[section.block]]\nnotes = \"Q\"\nlines = 60\n")
	}
	data := []byte(b.String())
	if _, _, err := check(t.Context(), "long.toml", data, Options{}); err != nil {
		t.Fatalf("the worksheet alone: %v", err)
	}
	want := "long.toml:4:1: large-print edition (--large-print): the worksheet passes 500 pages"
	_, _, err := check(t.Context(), "long.toml", data, Options{LargePrint: true})
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("check: %v, want %q", err, want)
	}
	if _, err := File("long.toml", data, Options{LargePrint: true}); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("File: %v, want %q", err, want)
	}
}

// TestPreparedAlpha builds a worksheet showing PNGs with transparency, in
// colour and in gray, 8 and 16 bits a sample: the images taken apart once
// by build (render.Prepared) make the same pages, pixel for pixel, as the
// PDF writer taking them apart itself, with their soft masks.
func TestPreparedAlpha(t *testing.T) {
	dir := t.TempDir()
	pic := testimage.Picture(120, 90)
	for i := 3; i < len(pic.Pix); i += 4 {
		pic.Pix[i] = uint8(i / 4 % 120 * 2) // opacity from 0 to 238, left to right
	}
	gray := image.NewNRGBA(pic.Bounds())
	for i := 0; i < len(pic.Pix); i += 4 {
		gray.Pix[i], gray.Pix[i+1], gray.Pix[i+2], gray.Pix[i+3] = pic.Pix[i], pic.Pix[i], pic.Pix[i], pic.Pix[i+3]
	}
	wide := image.NewNRGBA64(pic.Bounds())
	draw.Draw(wide, wide.Bounds(), pic, image.Point{}, draw.Src)
	files := map[string][]byte{}
	for name, m := range map[string]image.Image{"rgba.png": pic, "wide.png": wide} {
		var b bytes.Buffer
		png.Encode(&b, m)
		files[name] = b.Bytes()
	}
	files["ga.png"] = testimage.GrayAlphaPNG(gray)
	writeFiles(t, dir, files)
	name := filepath.Join(dir, "x.toml")
	data := []byte(imageDoc("rgba.png", "wide.png", "ga.png"))
	if colour := readPNGHeader(files["ga.png"]).colour; colour != 4 {
		t.Fatalf("ga.png has colour type %d, want 4", colour)
	}
	for _, grayOn := range []bool{false, true} {
		opt := Options{Time: testTime, Print: PrintFlags{Gray: ptr(grayOn)}}
		outs, err := File(name, data, opt)
		if err != nil {
			t.Fatal(err)
		}
		d, ps, rs, _ := laidOut(t, name, data, opt)
		r, err := ps[0].print(rs[0], ps[0].settings(name, d, opt))
		if err != nil {
			t.Fatal(err)
		}
		unprepared, err := render.PDF(r, render.Options{Time: testTime, Creator: creator("")})
		if err != nil {
			t.Fatal(err)
		}
		prepared, plain := filepath.Join(dir, "prepared.pdf"), filepath.Join(dir, "plain.pdf")
		os.WriteFile(prepared, outs[0].PDF, 0o644)
		os.WriteFile(plain, unprepared, 0o644)
		pdftool.Run(t, "qpdf", "--check", prepared)
		pages := map[string]string{}
		for _, pdf := range []string{prepared, plain} {
			pdftool.Run(t, "pdftoppm", "-r", "40", "-png", pdf, pdf)
			pages[pdf] = string(readBytes(t, pdf+"-1.png"))
		}
		if !grayOn && bytes.Equal(outs[0].PDF, unprepared) {
			t.Error("the images were not prepared: the PDF is the PDF writer's own")
		}
		if pages[prepared] != pages[plain] {
			t.Errorf("gray %v: the page with the images prepared differs from the PDF writer's own", grayOn)
		}
		masks := strings.Count(pdftool.Run(t, "pdfimages", "-list", prepared), "smask")
		if want := map[bool]int{false: 3, true: 0}[grayOn]; masks != want {
			t.Errorf("gray %v: %d soft masks, want %d", grayOn, masks, want)
		}
	}
}
