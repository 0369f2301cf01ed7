package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
// without a folder, such as "<stdin>"), and records them in d.Images,
// decoded, turned the right way up and ready for the PDF writer at their
// own size. An image must be a regular file inside that folder or a
// folder in it, after following symbolic links; it must be a JPEG or PNG
// of at most MaxImagePixels pixels and MaxJPEGScans scans that decodes
// without error within the ImageMemory budget.
//
// It returns the files it read, in the order the blocks first name them,
// even when some could not be read, so that a watcher can rebuild once they
// are fixed. Problems are document.Errors at each block's image key.
func LoadImages(name string, d *document.Document) ([]Input, error) {
	ps, ins, err := loadImages(context.Background(), name, d)
	if derr := ps.decode(context.Background(), convert{embed: true}, nil, 0); derr != nil {
		err = errors.Join(err, derr)
	}
	if es := contentErrors(err); es != nil {
		return ins, es
	}
	return ins, err
}

// A Folder is where the files that content names, its images, are found:
// a content file's own folder, or, for content that is not a file of its
// own, such as standard input, a folder chosen for it (see FileIn).
type Folder struct {
	Dir string // the folder
	// Why, when not "", says in messages which folder Dir is and how to
	// choose another, when a file is not found in it, such as "the current
	// folder; give the content's own folder with --base DIR".
	Why string

	root *os.Root // Dir, opened once for its content file (see Source.readFrom); nil: opened for each use
	done func()   // closes root
}

// open returns f's folder, opened, and the function to call when done
// with it.
func (f Folder) open() (*os.Root, func(), error) {
	if f.root != nil {
		return f.root, func() {}, nil
	}
	root, err := os.OpenRoot(f.Dir)
	if err != nil {
		return nil, nil, err
	}
	return root, func() { root.Close() }, nil
}

// close closes f's folder, when Source.readFrom opened it.
func (f Folder) close() {
	if f.done != nil {
		f.done()
	}
}

// ownFolder returns the folder of the content file name.
func ownFolder(name string) Folder { return Folder{Dir: filepath.Dir(name)} }

// loadImages reads the image files that d shows (its logo and its image
// blocks), in the folder of the content file name, and checks what their headers say
// (format, size, scans), recording each in d.Images with its size as
// shown; they are decoded once the pages are laid out (see
// pictures.decode). An image file is read once, however many blocks show
// it, under whatever names: the same file, or another with the same
// bytes, is one picture. It gives up with ctx's error once ctx is done.
//
// It returns the pictures that could be read, the files it read (see
// LoadImages), and the problems of the others.
func loadImages(ctx context.Context, name string, d *document.Document) (pictures, []Input, error) {
	return loadImagesIn(ctx, name, ownFolder(name), d)
}

// loadImagesIn is loadImages, with the images found in folder f.
func loadImagesIn(ctx context.Context, name string, f Folder, d *document.Document) (pictures, []Input, error) {
	ps := pictures{name: name}
	blocks := imageBlocks(d)
	if len(blocks) == 0 {
		return ps, nil, nil
	}
	dir := f.Dir
	root, done, err := f.open()
	if err != nil {
		return ps, nil, fmt.Errorf("images: %w", err)
	}
	defer done()
	d.Images = map[string]*document.ImageFile{}
	l := imageLoader{root: root, folder: f, byPath: map[string]loaded{}, bySum: map[string]*picture{}}
	var ins []Input
	var errs document.Errors
	for _, b := range blocks {
		p := b.Path
		rel := filepath.Clean(filepath.FromSlash(p))
		got, seen := l.byPath[rel]
		if !seen {
			got = l.load(rel)
			l.byPath[rel] = got
			ins = append(ins, Input{Path: filepath.Join(dir, rel), SHA256: got.sum})
		}
		if ctx.Err() != nil {
			return ps, ins, ctx.Err()
		}
		if got.err != nil {
			errs = append(errs, imageError(name, b, got.err))
			continue
		}
		pic := got.pic
		if len(pic.blocks) == 0 {
			ps.list = append(ps.list, pic)
		}
		pic.blocks = append(pic.blocks, b)
		if _, ok := d.Images[p]; !ok {
			shown := pic.h.shown()
			img := &document.ImageFile{Path: p, Format: pic.h.format, Width: shown.X, Height: shown.Y}
			d.Images[p] = img
			pic.files = append(pic.files, img)
		}
	}
	if len(errs) > 0 {
		return ps, ins, errs
	}
	return ps, ins, nil
}

// imageError returns err, which completes the sentence `image "p" …`, as
// the content error of the block b of the content file name.
func imageError(name string, b *document.Image, err error) *document.Error {
	return &document.Error{File: name, Line: b.PathPos.Line, Column: b.PathPos.Column,
		Msg: fmt.Sprintf("image %q %s", b.Path, err)}
}

// imageLoader reads the image files of one content file.
type imageLoader struct {
	root   *os.Root            // the folder images are found in
	folder Folder              // which folder it is, for messages
	byPath map[string]loaded   // by clean path in root
	bySum  map[string]*picture // by the SHA-256 of the file
}

// loaded is an image file read and its header checked, or why not, and
// the SHA-256 of its bytes when it could be read.
type loaded struct {
	pic *picture
	sum string
	err error // completes the sentence `image "p" …`
}

// load reads the image at rel, a clean local path in the content file's
// folder, and checks its header.
func (l *imageLoader) load(rel string) loaded {
	data, err := readIn(l.root, rel, maxImageBytes, func(size int64) error {
		return notReadable(fmt.Sprintf("is %d MB: an image file may be at most %d MB", size>>20, maxImageBytes>>20))
	})
	if err != nil {
		return loaded{err: explainRead(l.folder, rel, err, imageFiles)}
	}
	sum := hash(data)
	if pic := l.bySum[sum]; pic != nil {
		return loaded{pic: pic, sum: sum}
	}
	h, err := readHeader(data)
	if err != nil {
		return loaded{sum: sum, err: err}
	}
	pic := &picture{data: data, h: h}
	l.bySum[sum] = pic
	return loaded{pic: pic, sum: sum}
}

// imageBlocks returns the pictures of d that name a file, in file order:
// its logo and its image blocks.
func imageBlocks(d *document.Document) []*document.Image {
	var ms []*document.Image
	for _, m := range d.Pictures() {
		if m.Path != "" {
			ms = append(ms, m)
		}
	}
	return ms
}

// A fileKind is what kind of file a content file names, for messages.
type fileKind struct {
	a     string // "an image"
	files string // "an image file"
}

var (
	imageFiles = fileKind{"an image", "an image file"}
	fontFiles  = fileKind{"a font", "a font file"}
)

// explainRead turns an error reading rel, a file of kind k, in folder f
// into the end of a sentence about it.
func explainRead(f Folder, rel string, err error, k fileKind) error {
	var n notReadable
	switch {
	case errors.Is(err, errLeadsOut) && f.Why != "":
		return fmt.Errorf("is a symbolic link that leads out of %s (%s): %s must be in that folder or a folder inside it", folderName(f.Dir), f.Why, k.a)
	case errors.Is(err, errLeadsOut):
		return fmt.Errorf("is a symbolic link that leads out of this file's folder: %s must be in the folder of its content file or a folder inside it", k.a)
	case errors.Is(err, fs.ErrNotExist) && f.Why != "":
		return fmt.Errorf("not found: there is no file %s in %s (%s)", rel, folderName(f.Dir), f.Why)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("not found: there is no file %s", filepath.Join(f.Dir, rel))
	case errors.As(err, &n) && n == "is a folder, not a file":
		return fmt.Errorf("is a folder, not %s", k.files)
	case errors.As(err, &n):
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot be read: %v", err)
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
