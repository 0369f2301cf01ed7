package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// pdfMagic is how every PDF begins.
const pdfMagic = "%PDF-"

// OutputFolder makes the output folder dir, if it is not there, and checks
// that a file can be created in it, so that a folder that cannot be written
// is one error naming it rather than one per PDF. The check creates and
// removes one of WriteAtomic's temporary files: nothing else is written.
func OutputFolder(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("output folder %s is a file, not a folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot make output folder %s: %w", dir, err)
	}
	f, err := temps.create(dir)
	if err != nil {
		return fmt.Errorf("cannot write in output folder %s: %w", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	temps.forget(f.Name())
	return nil
}

// Replaceable checks that a PDF may be written at path: nothing is there,
// or a folder (which WriteAtomic reports), or an empty file, or a PDF that
// is none of inputs, the files the build read. Anything else, such as an
// image named x.pdf that a content file shows, is never overwritten: the
// error names it.
func Replaceable(path string, inputs []string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil // a folder fails when written, a symbolic link is replaced
	}
	for _, in := range inputs {
		if ii, err := os.Stat(in); err == nil && os.SameFile(fi, ii) {
			return fmt.Errorf("not writing %s: it is %s, which this file reads; choose another output folder (-o)", path, in)
		}
	}
	isPDF, err := startsPDF(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if !isPDF {
		return fmt.Errorf("not writing %s: a file that is not a PDF is there, and handout replaces only PDFs; move it, or choose another output folder (-o)", path)
	}
	return nil
}

// startsPDF reports whether the file at path begins as a PDF does.
func startsPDF(path string) (bool, error) {
	f, err := os.Open(path)
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
