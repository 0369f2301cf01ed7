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

// The files handout init writes, relative to the current folder.
const (
	contentDir = "content"
	schemaFile = "schema/" + schema.Name
)

// runInit runs handout init NAME: it writes content/NAME.toml, a starter
// worksheet, and schema/handout.schema.json, for editors, unless there is
// one. It never overwrites a content file.
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
	switch wrote, err := writeSchema(); {
	case errors.Is(err, errOtherSchema):
		fmt.Fprintf(e.stderr, "handout init: warning: %v\n", err)
	case err != nil:
		fmt.Fprintf(e.stderr, "handout init: %v\n", err)
		return exitFailed
	case wrote:
		fmt.Fprintf(e.stdout, "wrote %s\n", schemaFile)
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

// errOtherSchema says that schemaFile is not this handout's schema.
var errOtherSchema = errors.New("kept " + schemaFile + ", which differs from this handout's schema (delete it and run handout init again to replace it)")

// writeSchema writes the schema to schemaFile unless there is a file
// there, and reports whether it wrote it. A file that differs from the
// schema, perhaps an older handout's, is kept: the error is errOtherSchema.
func writeSchema() (bool, error) {
	old, err := os.ReadFile(schemaFile)
	switch {
	case err == nil && bytes.Equal(old, schema.JSON):
		return false, nil
	case err == nil:
		return false, errOtherSchema
	case !errors.Is(err, fs.ErrNotExist):
		return false, err
	}
	return true, build.WriteAtomic(schemaFile, schema.JSON)
}
