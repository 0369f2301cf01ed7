package dist

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"
)

// File is a file in an archive.
type File struct {
	Name string      // its path in the archive's folder, with slashes
	Mode fs.FileMode // its permissions: 0o755 for a program, 0o644 otherwise
	Data []byte
}

// minTime is the earliest time a zip file can record (MS-DOS dates start
// in 1980).
var minTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteTarGz writes the folder dir holding files, in their order, to w as
// a gzip-compressed tar archive. Nothing of the machine goes in: every
// entry has the time mtime, owner and group 0 with no names, and the mode
// given; the gzip header has no name and no time. So the same files give
// the same bytes, with the same Go release.
func WriteTarGz(w io.Writer, dir string, files []File, mtime time.Time) error {
	if err := check(dir, files, mtime); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	hdr := func(name string, mode fs.FileMode, size int, typ byte) *tar.Header {
		return &tar.Header{
			Typeflag: typ, Name: name, Mode: int64(mode.Perm()), Size: int64(size),
			ModTime: mtime.UTC(), Format: tar.FormatUSTAR,
		}
	}
	if err := tw.WriteHeader(hdr(dir+"/", 0o755, 0, tar.TypeDir)); err != nil {
		return err
	}
	for _, f := range files {
		if err := tw.WriteHeader(hdr(path.Join(dir, f.Name), f.Mode, len(f.Data), tar.TypeReg)); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

// WriteZip writes the folder dir holding files, in their order, to w as a
// zip archive, deflated, with every entry's time mtime (in UTC) and the
// mode given, so that the same files give the same bytes.
func WriteZip(w io.Writer, dir string, files []File, mtime time.Time) error {
	if err := check(dir, files, mtime); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	hdr := func(name string, mode fs.FileMode) *zip.FileHeader {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mtime.UTC()}
		h.SetMode(mode)
		return h
	}
	dirHdr := hdr(dir+"/", fs.ModeDir|0o755)
	dirHdr.Method = zip.Store
	if _, err := zw.CreateHeader(dirHdr); err != nil {
		return err
	}
	for _, f := range files {
		fw, err := zw.CreateHeader(hdr(path.Join(dir, f.Name), f.Mode))
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// check checks that the archive's names and time can be written as they
// are, the same on every system.
func check(dir string, files []File, mtime time.Time) error {
	if mtime.Before(minTime) {
		return fmt.Errorf("time %s: want 1980 or later, which zip files can record", mtime.UTC().Format(time.RFC3339))
	}
	if mtime.Nanosecond() != 0 {
		return fmt.Errorf("time %s: want whole seconds", mtime.UTC().Format(time.RFC3339Nano))
	}
	for _, name := range append([]string{dir}, names(files)...) {
		if name == "" || !fs.ValidPath(name) {
			return fmt.Errorf("%q: not a relative slash path", name)
		}
	}
	return nil
}

// names returns the names of files.
func names(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}
