package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// pdfMagic is how every PDF begins.
const pdfMagic = "%PDF-"

// OutputFolder makes the output folder dir, if it is not there, and checks
// that a file can be created in it, so that a folder that cannot be written
// is one error naming it rather than one per PDF. The check creates and
// removes one of WriteAtomic's temporary files: nothing else is written.
//
// When dir is inside one of the content folders given, content, whose
// files may come from anyone, no folder from that content folder down to
// dir may be a symbolic link: one would send the PDFs, and the removal of
// those of files gone, wherever it leads.
func OutputFolder(dir string, content ...string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("output folder %s is a file, not a folder", dir)
	}
	for _, c := range content {
		if err := noLinkDown(c, dir); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot make output folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("cannot write in output folder %s: %w", dir, err)
	}
	defer root.Close()
	f, name, err := temps.create(root, ".")
	if err != nil {
		return fmt.Errorf("cannot write in output folder %s: %w", dir, err)
	}
	f.Close()
	root.Remove(name)
	temps.forget(root.Name(), name)
	return nil
}

// noLinkDown checks that no folder from the folder content down to dir,
// when dir is inside it, is a symbolic link.
func noLinkDown(content, dir string) error {
	if fi, err := os.Stat(content); err != nil || !fi.IsDir() {
		return nil // a content file, not a folder
	}
	rel := relTo(content, dir)
	if !filepath.IsLocal(rel) {
		return nil
	}
	path := content
	for part := range strings.SplitSeq(rel, string(filepath.Separator)) {
		path = filepath.Join(path, part)
		fi, err := os.Lstat(path)
		if err != nil {
			return nil // not there yet: it is made as a folder
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("output folder %s: %s is a symbolic link inside the content folder %s; handout does not write through links that content may bring: use a real folder, or one outside %[3]s", dir, path, content)
		}
	}
	return nil
}

// Replaceable checks that a PDF may be written at rel in the output folder
// dir: nothing is there, or a folder (which WriteAtomicIn reports), or a
// symbolic link (which it replaces, not follows), or an empty file, or a
// PDF that is none of inputs, the files the build read. Anything else,
// such as an image named x.pdf that a content file shows, or a FIFO, is
// never overwritten: the error names it.
func Replaceable(dir, rel string, inputs []string) error {
	path := filepath.Join(dir, rel)
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer root.Close()
	if err := realFolders(root, filepath.Dir(rel), false); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("not writing %s: %w", path, err)
	}
	fi, err := root.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0 || fi.Mode().IsRegular() && fi.Size() == 0 {
		return nil // a folder fails when written, a symbolic link is replaced
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("not writing %s: it %s, and handout replaces only PDFs; move it, or choose another output folder (-o)", path, irregular(fi.Mode()))
	}
	for _, in := range inputs {
		if ii, err := os.Stat(in); err == nil && os.SameFile(fi, ii) {
			return fmt.Errorf("not writing %s: it is %s, which this file reads; choose another output folder (-o)", path, in)
		}
	}
	isPDF, err := startsPDF(root, rel)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if !isPDF {
		return fmt.Errorf("not writing %s: a file that is not a PDF is there, and handout replaces only PDFs; move it, or choose another output folder (-o)", path)
	}
	return nil
}

// startsPDF reports whether the file rel in root begins as a PDF does.
func startsPDF(root *os.Root, rel string) (bool, error) {
	f, _, err := openIn(root, rel)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(pdfMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, err
	}
	return bytes.Equal(head, []byte(pdfMagic)), nil
}
