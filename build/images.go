package build

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"handout/document"
)

// MaxImagePixels is the most pixels an image may have: see
// document.MaxImagePixels.
const MaxImagePixels = document.MaxImagePixels

// maxImageBytes is the largest image file read: see
// document.MaxImageBytes.
const maxImageBytes = document.MaxImageBytes

// Input is a file other than the content file that a build read, with the
// SHA-256 of its bytes.
type Input struct {
	Path   string // the content file's folder joined with the path the file gives
	SHA256 string
}

// LoadImages reads and checks every image file that d's image blocks
// show, relative to the folder of the content file name ("." for a name
// without a folder, such as "<stdin>"), and records them in d.Images. An
// image must be inside that folder or a folder in it, after following
// symbolic links; it must be a JPEG or PNG of at most MaxImagePixels pixels
// that decodes without error.
//
// It returns the files it read, in the order the blocks first name them,
// even when some could not be read, so that a watcher can rebuild once they
// are fixed. Problems are document.Errors at each block's image key.
func LoadImages(name string, d *document.Document) ([]Input, error) {
	blocks := imageBlocks(d)
	if len(blocks) == 0 {
		return nil, nil
	}
	dir := filepath.Dir(name)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	defer root.Close()
	d.Images = map[string]*document.ImageFile{}
	var ins []Input
	var errs document.Errors
	failed := map[string]string{} // why each path could not be loaded
	for _, b := range blocks {
		p := b.Path
		why, seen := failed[p]
		if _, ok := d.Images[p]; !ok && !seen {
			img, sum, err := loadImage(root, dir, p)
			ins = append(ins, Input{Path: filepath.Join(dir, filepath.FromSlash(p)), SHA256: sum})
			if err != nil {
				why = err.Error()
				failed[p] = why
			} else {
				d.Images[p] = img
			}
		}
		if why != "" {
			errs = append(errs, &document.Error{File: name, Line: b.PathPos.Line, Column: b.PathPos.Column,
				Msg: fmt.Sprintf("image %q %s", p, why)})
		}
	}
	if len(errs) > 0 {
		return ins, errs
	}
	return ins, nil
}

// imageBlocks returns d's image blocks that name a file, in file order.
func imageBlocks(d *document.Document) []*document.Image {
	var ms []*document.Image
	for _, m := range d.ImageBlocks() {
		if m.Path != "" {
			ms = append(ms, m)
		}
	}
	return ms
}

// loadImage reads the image at p, a local slash-separated path in root,
// whose name is dir. It returns the image, the SHA-256 of the file when it
// could be read, and an error that completes the sentence `image "p" …`.
func loadImage(root *os.Root, dir, p string) (*document.ImageFile, string, error) {
	rel := filepath.FromSlash(p)
	data, err := readInRoot(root, rel)
	if err != nil {
		return nil, "", explainRead(dir, rel, err)
	}
	sum := hash(data)
	img, err := decodeImage(data)
	if err != nil {
		return nil, sum, err
	}
	img.Path = p
	return img, sum, nil
}

// readInRoot reads the file rel in root, refusing one over maxImageBytes.
func readInRoot(root *os.Root, rel string) ([]byte, error) {
	f, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, sentence("is a folder, not an image file")
	}
	if st.Size() > maxImageBytes {
		return nil, sentence(fmt.Sprintf("is %d MB: an image file may be at most %d MB", st.Size()>>20, maxImageBytes>>20))
	}
	var buf bytes.Buffer
	buf.Grow(int(st.Size()))
	// The file may grow after Stat: read no further than the limit.
	if _, err := buf.ReadFrom(io.LimitReader(f, maxImageBytes+1)); err != nil {
		return nil, err
	}
	if buf.Len() > maxImageBytes {
		return nil, sentence(fmt.Sprintf("is more than %d MB: an image file may be at most %d MB", maxImageBytes>>20, maxImageBytes>>20))
	}
	return buf.Bytes(), nil
}

// sentence is an error that already reads as the end of a sentence
// about an image.
type sentence string

func (s sentence) Error() string { return string(s) }

// explainRead turns an error reading rel in dir into the end of a sentence
// about the image.
func explainRead(dir, rel string, err error) error {
	var s sentence
	switch {
	case errors.As(err, &s):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("not found: there is no file %s", filepath.Join(dir, rel))
	case outside(dir, rel):
		return errors.New("is a symbolic link that leads out of this file's folder: an image must be in the folder of its content file or a folder inside it")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// outside reports whether rel in dir resolves, through symbolic links, to
// a file outside dir, or to where the file system itself would go but
// os.Root refused to, which is out of dir.
func outside(dir, rel string) bool {
	if _, err := os.Stat(filepath.Join(dir, rel)); err == nil || errors.Is(err, fs.ErrNotExist) {
		return true
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	target, err := filepath.EvalSymlinks(filepath.Join(dir, rel))
	if err != nil {
		return false
	}
	r, err := filepath.Rel(base, target)
	return err != nil || !filepath.IsLocal(r)
}

// decodeImage checks that data is a JPEG or PNG image of at most
// MaxImagePixels pixels that decodes without error, and returns it ready
// for the PDF writer.
func decodeImage(data []byte) (*document.ImageFile, error) {
	format := sniff(data)
	var cfg image.Config
	var err error
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "":
		return nil, errors.New("is not a JPEG or PNG image")
	default:
		return nil, fmt.Errorf("is a %s image: use a JPEG or PNG", format)
	}
	if err != nil {
		return nil, fmt.Errorf("is not a valid %s image: %v", strings.ToUpper(format), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("has no pixels (%dx%d)", cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels {
		return nil, fmt.Errorf("is %dx%d pixels (%.1f megapixels): at most %d megapixels are allowed; scale it down",
			cfg.Width, cfg.Height, float64(px)/1e6, MaxImagePixels/1_000_000)
	}
	img := &document.ImageFile{Format: format, Width: cfg.Width, Height: cfg.Height, Data: data}
	// Decode it all, so that a damaged file is an error here rather than
	// a broken picture in the PDF.
	var m image.Image
	if format == "jpeg" {
		m, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		m, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("is a damaged %s image: %v", strings.ToUpper(format), err)
	}
	if format == "png" && !plainPNG(data) {
		if img.Data, err = reencode(m); err != nil {
			return nil, fmt.Errorf("cannot be converted for the PDF: %v", err)
		}
	}
	return img, nil
}

// sniff returns the format of data from its first bytes: "jpeg", "png",
// the name of another image format, or "" when it is not an image.
func sniff(data []byte) string {
	for _, f := range []struct{ magic, name string }{
		{"\xff\xd8\xff", "jpeg"},
		{"\x89PNG\r\n\x1a\n", "png"},
		{"GIF8", "GIF"},
		{"BM", "BMP"},
		{"II*\x00", "TIFF"},
		{"MM\x00*", "TIFF"},
		{"<svg", "SVG"},
		{"%PDF", "PDF"},
	} {
		if bytes.HasPrefix(data, []byte(f.magic)) {
			return f.name
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return "WebP"
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" && strings.HasPrefix(string(data[8:12]), "hei") {
		return "HEIC"
	}
	return ""
}

// plainPNG reports whether the PDF writer can embed the PNG data as it is:
// not interlaced, and at most 8 bits a sample. The IHDR chunk comes first.
func plainPNG(data []byte) bool {
	const depth, interlace = 8 + 8 + 8, 8 + 8 + 12
	return len(data) > interlace && data[depth] <= 8 && data[interlace] == 0
}

// reencode encodes m as a plain 8-bit PNG, the same bytes every time.
func reencode(m image.Image) ([]byte, error) {
	var out image.Image = m
	switch m.(type) {
	case *image.Gray, *image.NRGBA, *image.RGBA, *image.Paletted:
	case *image.Gray16:
		g := image.NewGray(m.Bounds())
		draw.Draw(g, g.Bounds(), m, m.Bounds().Min, draw.Src)
		out = g
	default:
		n := image.NewNRGBA(m.Bounds())
		draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
		out = n
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
