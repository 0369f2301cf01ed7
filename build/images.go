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
// without a folder, such as "<stdin>"), and records them in d.Images. An
// image must be a regular file inside that folder or a folder in it,
// after following symbolic links; it must be a JPEG or PNG of at most
// MaxImagePixels pixels and MaxJPEGScans scans that decodes without error
// within the ImageMemory budget.
//
// It returns the files it read, in the order the blocks first name them,
// even when some could not be read, so that a watcher can rebuild once they
// are fixed. Problems are document.Errors at each block's image key.
func LoadImages(name string, d *document.Document) ([]Input, error) {
	return loadImages(context.Background(), name, d, convert{embed: true})
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
}

// ownFolder returns the folder of the content file name.
func ownFolder(name string) Folder { return Folder{Dir: filepath.Dir(name)} }

// loadImages is LoadImages, making what cv asks for of each image, and
// giving up with ctx's error once ctx is done. An image file is read and
// decoded once, however many blocks show it, under whatever names: the
// same file, or another with the same bytes, shares the decoded image.
func loadImages(ctx context.Context, name string, d *document.Document, cv convert) ([]Input, error) {
	return loadImagesIn(ctx, name, ownFolder(name), d, cv)
}

// loadImagesIn is loadImages, with the images found in folder f.
func loadImagesIn(ctx context.Context, name string, f Folder, d *document.Document, cv convert) ([]Input, error) {
	blocks := imageBlocks(d)
	if len(blocks) == 0 {
		return nil, nil
	}
	dir := f.Dir
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	defer root.Close()
	d.Images = map[string]*document.ImageFile{}
	l := imageLoader{ctx: ctx, root: root, folder: f, cv: cv,
		byPath: map[string]loaded{}, bySum: map[string]*document.ImageFile{}}
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
			return ins, ctx.Err()
		}
		if got.err != nil {
			errs = append(errs, &document.Error{File: name, Line: b.PathPos.Line, Column: b.PathPos.Column,
				Msg: fmt.Sprintf("image %q %s", p, got.err)})
			continue
		}
		if _, ok := d.Images[p]; !ok {
			img := *got.img
			img.Path = p
			d.Images[p] = &img
		}
	}
	if len(errs) > 0 {
		return ins, errs
	}
	return ins, nil
}

// imageLoader reads and decodes the image files of one content file.
type imageLoader struct {
	ctx    context.Context
	root   *os.Root // the folder images are found in
	folder Folder   // which folder it is, for messages
	cv     convert
	byPath map[string]loaded              // by clean path in root
	bySum  map[string]*document.ImageFile // by the SHA-256 of the file
}

// loaded is an image file read and decoded, or why not, and the SHA-256 of
// its bytes when it could be read.
type loaded struct {
	img *document.ImageFile
	sum string
	err error // completes the sentence `image "p" …`
}

// load reads and decodes the image at rel, a clean local path in the
// content file's folder.
func (l *imageLoader) load(rel string) loaded {
	data, err := readIn(l.root, rel, maxImageBytes, func(size int64) error {
		return notReadable(fmt.Sprintf("is %d MB: an image file may be at most %d MB", size>>20, maxImageBytes>>20))
	})
	if err != nil {
		return loaded{err: explainRead(l.folder, rel, err)}
	}
	sum := hash(data)
	if img := l.bySum[sum]; img != nil {
		return loaded{img: img, sum: sum}
	}
	img, err := decodeImage(l.ctx, data, l.cv)
	if err != nil {
		return loaded{sum: sum, err: err}
	}
	l.bySum[sum] = img
	return loaded{img: img, sum: sum}
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

// explainRead turns an error reading rel in folder f into the end of a
// sentence about the image.
func explainRead(f Folder, rel string, err error) error {
	var n notReadable
	switch {
	case errors.Is(err, errLeadsOut) && f.Why != "":
		return fmt.Errorf("is a symbolic link that leads out of %s (%s): an image must be in that folder or a folder inside it", folderName(f.Dir), f.Why)
	case errors.Is(err, errLeadsOut):
		return errors.New("is a symbolic link that leads out of this file's folder: an image must be in the folder of its content file or a folder inside it")
	case errors.Is(err, fs.ErrNotExist) && f.Why != "":
		return fmt.Errorf("not found: there is no file %s in %s (%s)", rel, folderName(f.Dir), f.Why)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("not found: there is no file %s", filepath.Join(f.Dir, rel))
	case errors.As(err, &n) && n == "is a folder, not a file":
		return errors.New("is a folder, not an image file")
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
