package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"handout/build"
	"handout/schema"
)

// starter is the worksheet handout init writes: every block kind and a
// summary sheet, a comment on each key, and a #:schema line for editors
// that points at schemaFile from the content folder.
//
//go:embed starter.toml
var starter []byte

// starterImage is the picture the starter's image block shows, a water
// cycle for students to label, which handout init writes to imageFile. It
// was drawn by internal/starterimage/gen.
//
//go:embed starter.png
var starterImage []byte

// The files handout init writes, relative to the current folder.
const (
	contentDir = "content"
	schemaFile = "schema/" + schema.Name
	// imageFile is the starter's picture, images/water-cycle.png from the
	// starter; every starter shares it.
	imageFile = contentDir + "/images/water-cycle.png"
)

// runInit runs handout init NAME: it writes content/NAME.toml, a starter
// worksheet, and, unless they are there, content/images/water-cycle.png,
// the picture it shows, and schema/handout.schema.json, for editors. It
// never overwrites a file.
func runInit(args []string, e env) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	if len(args) != 1 {
		return usageError(e.stderr, "init", "want one NAME, such as: handout init water-cycle")
	}
	name, err := initName(args[0])
	if err != nil {
		return usageError(e.stderr, "init", err.Error())
	}
	path := filepath.Join(contentDir, name+".toml")
	if err := writeNew(path, starter); err != nil {
		fmt.Fprintf(e.stderr, "handout init: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	for _, f := range []struct {
		path, what string
		data       []byte
	}{
		{imageFile, "the starter's picture", starterImage},
		{schemaFile, "this handout's schema", schema.JSON},
	} {
		switch wrote, err := writeShared(f.path, f.data); {
		case errors.Is(err, errOther):
			fmt.Fprintf(e.stderr, "handout init: warning: kept %s, which differs from %s (delete it and run handout init again to replace it)\n", f.path, f.what)
		case err != nil:
			fmt.Fprintf(e.stderr, "handout init: %v\n", err)
			return exitFailed
		case wrote:
			fmt.Fprintf(e.stdout, "wrote %s\n", f.path)
		}
	}
	fmt.Fprintf(e.stdout, "next: edit %s, then run handout build\n", path)
	return exitOK
}

// initName returns the content file's name without .toml, or an error
// saying why arg cannot be one: it must be a plain file name.
func initName(arg string) (string, error) {
	name := strings.TrimSuffix(arg, ".toml")
	switch {
	case name == "":
		return "", fmt.Errorf("NAME %q is empty", arg)
	case strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, filepath.Separator):
		return "", fmt.Errorf("NAME %q must be a file name, without a folder: the file goes in %s/", arg, contentDir)
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-"):
		return "", fmt.Errorf("NAME %q must not start with %q", arg, name[:1])
	case strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "", fmt.Errorf("NAME %q has a control character", arg)
	}
	return name, nil
}

// writeNew writes data to a new file at path, making its folder; it fails,
// leaving the file as it is, if there is one already.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: left as it is (choose another NAME, or delete it first)", path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // not a half-written starter
	}
	return err
}

// errOther says that a file init shares between starters is there with
// other bytes than init's.
var errOther = errors.New("a different file is there")

// writeShared writes data to path unless there is a file there, and
// reports whether it wrote it: the schema and the starter's picture, which
// every starter shares. A file that differs from data, perhaps an older
// handout's schema or a picture of the teacher's own, is kept: the error
// is errOther.
func writeShared(path string, data []byte) (bool, error) {
	old, err := os.ReadFile(path)
	switch {
	case err == nil && bytes.Equal(old, data):
		return false, nil
	case err == nil:
		return false, errOther
	case !errors.Is(err, fs.ErrNotExist):
		return false, err
	}
	return true, build.WriteAtomic(path, data)
}
