// Package dist makes handout's release archives: for each operating system
// and architecture, the binary with the README and the licenses of
// everything it holds, in an archive whose bytes depend only on the source,
// the Go toolchain, the version and the time given, and a file of their
// SHA-256 sums.
package dist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// Target is an operating system and architecture to build for, as GOOS
// and GOARCH name them.
type Target struct {
	OS, Arch string
}

// Targets are the targets of a release.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// String returns t as GOOS/GOARCH.
func (t Target) String() string { return t.OS + "/" + t.Arch }

// Exe returns the binary's file name: handout, or handout.exe on Windows.
func (t Target) Exe() string {
	if t.OS == "windows" {
		return "handout.exe"
	}
	return "handout"
}

// Name returns the name of the archive without its extension, which is
// also the folder that holds its files: handout_VERSION_OS_ARCH.
func (t Target) Name(version string) string {
	return "handout_" + version + "_" + t.OS + "_" + t.Arch
}

// Archive returns the archive's file name: Name with .zip for Windows,
// where a zip file opens with a double click, and .tar.gz elsewhere.
func (t Target) Archive(version string) string {
	if t.OS == "windows" {
		return t.Name(version) + ".zip"
	}
	return t.Name(version) + ".tar.gz"
}

// SumsName is the file of the archives' SHA-256 sums, in the format that
// sha256sum -c checks.
const SumsName = "SHA256SUMS"

// NoticesName is the file in each archive with the licenses of the
// software and fonts the binary holds.
const NoticesName = "THIRD_PARTY_NOTICES.txt"

// Builder builds the binary for a target and says what it holds.
type Builder interface {
	// Build returns the binary for t, with version set in it.
	Build(ctx context.Context, t Target, version string) ([]byte, error)
	// Notices returns the text of NoticesName for the binary for t.
	Notices(ctx context.Context, t Target, version string) ([]byte, error)
}

// Release is a release to make.
type Release struct {
	Version string    // such as 1.2.0; set in the binaries and named in the archives
	Time    time.Time // the time of every file in the archives
	Targets []Target
	Docs    []File // files for every archive besides the binary and the notices, such as README.md
	Builder Builder
	// Log, if not nil, is told of each archive written.
	Log func(name string, size int)
}

// versionRE is what a version may be: it is part of file names.
var versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]*$`)

// Names returns the names of the files Make writes: the archive of each
// target, then SumsName.
func (r Release) Names() []string {
	var names []string
	for _, t := range r.Targets {
		names = append(names, t.Archive(r.Version))
	}
	return append(names, SumsName)
}

// Make writes the archive of each target, then SumsName, into dir, which
// must be empty or absent. It returns the names of the files written.
func (r Release) Make(ctx context.Context, dir string) ([]string, error) {
	if !versionRE.MatchString(r.Version) {
		return nil, fmt.Errorf("version %q: want letters, digits and . + _ -, such as 1.2.0", r.Version)
	}
	if err := emptyFolder(dir); err != nil {
		return nil, err
	}
	var sums bytes.Buffer
	var names []string
	for _, t := range r.Targets {
		data, err := r.archive(ctx, t)
		if err != nil {
			return names, fmt.Errorf("%s: %w", t, err)
		}
		name := t.Archive(r.Version)
		if err := r.write(dir, name, data); err != nil {
			return names, err
		}
		names = append(names, name)
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(data), name)
	}
	if err := r.write(dir, SumsName, sums.Bytes()); err != nil {
		return names, err
	}
	return append(names, SumsName), nil
}

// archive returns the archive of t.
func (r Release) archive(ctx context.Context, t Target) ([]byte, error) {
	exe, err := r.Builder.Build(ctx, t, r.Version)
	if err != nil {
		return nil, err
	}
	notices, err := r.Builder.Notices(ctx, t, r.Version)
	if err != nil {
		return nil, err
	}
	files := []File{{Name: t.Exe(), Mode: 0o755, Data: exe}}
	files = append(files, r.Docs...)
	files = append(files, File{Name: NoticesName, Mode: 0o644, Data: notices})
	var b bytes.Buffer
	if t.OS == "windows" {
		err = WriteZip(&b, t.Name(r.Version), files, r.Time)
	} else {
		err = WriteTarGz(&b, t.Name(r.Version), files, r.Time)
	}
	return b.Bytes(), err
}

// write writes data to dir/name.
func (r Release) write(dir, name string, data []byte) error {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return err
	}
	if r.Log != nil {
		r.Log(name, len(data))
	}
	return nil
}

// emptyFolder makes the folder dir, or checks that it is empty: a file
// left from another release would be published with this one.
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it first (make dist does)", dir)
	}
	return nil
}

// licenseRE matches the names of license files: LICENSE, LICENSE-SIL,
// COPYING, NOTICE.md, PATENTS and the like.
var licenseRE = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents)(-[a-z0-9.]+)?(\.txt|\.md)?$`)

// Docs returns the files from the folder dir that every archive holds:
// README.md and the project's own license files, if it has any.
func Docs(dir string) ([]File, error) {
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return nil, err
	}
	docs := []File{{Name: "README.md", Mode: 0o644, Data: readme}}
	names, err := licenseFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		docs = append(docs, File{Name: name, Mode: 0o644, Data: data})
	}
	return docs, nil
}

// licenseFiles returns the names of the license files in the folder dir,
// sorted.
func licenseFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && licenseRE.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}
