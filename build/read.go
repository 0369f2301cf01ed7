package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"handout/document"
)

// Every file handout reads, a content file, an image, the manifest or a
// PDF it wrote, is read by one rule, in this file: it is a regular file
// inside the folder it belongs to, opened through an os.Root of that
// folder, so that no symbolic link leads out of it; its kind is checked
// before it is opened, so that a FIFO or a device never blocks or feeds
// the build; and no more than a cap is read from it.

// A notReadable says why a file was not read, as the end of a sentence
// about it, such as "is a FIFO, not a regular file". It never holds a
// byte of the file.
type notReadable string

func (n notReadable) Error() string { return string(n) }

// openIn opens the file rel inside root for reading. It refuses, without
// opening it, a file that is not regular (a folder, a FIFO, a device, a
// socket), and a symbolic link that leads out of root, which os.Root
// refuses to follow. The file is opened with O_NONBLOCK, which changes
// nothing for a regular file but cannot wait for a FIFO swapped in after
// the check, and is checked again once open.
func openIn(root *os.Root, rel string) (*os.File, fs.FileInfo, error) {
	return openChecked(root, rel, root.Stat)
}

// openBuilt opens the file rel inside root as openIn does, but refuses a
// symbolic link, even one to a regular file inside root: it opens the
// files handout writes, such as its PDFs, which are never links.
func openBuilt(root *os.Root, rel string) (*os.File, fs.FileInfo, error) {
	return openChecked(root, rel, root.Lstat)
}

// openChecked is openIn, with the kind of rel checked by stat.
func openChecked(root *os.Root, rel string, stat func(string) (fs.FileInfo, error)) (*os.File, fs.FileInfo, error) {
	fi, err := stat(rel)
	if err != nil {
		return nil, nil, explainOpen(root, rel, err)
	}
	if why := irregular(fi.Mode()); why != "" {
		return nil, nil, notReadable(why)
	}
	f, err := root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, explainOpen(root, rel, err)
	}
	fi, err = f.Stat()
	if err == nil && irregular(fi.Mode()) != "" {
		err = notReadable(irregular(fi.Mode()))
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// irregular says what a file of mode m is when it is not a regular file,
// as the end of a sentence about it; "" for a regular file.
func irregular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a FIFO (named pipe), not a regular file"
	case m&fs.ModeDevice != 0:
		return "is a device, not a regular file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	case m&fs.ModeSymlink != 0:
		return "is a symbolic link, not a regular file"
	}
	return "is not a regular file"
}

// explainOpen turns err, from finding or opening rel in root, into an
// error that says why it was not read: errLeadsOut for a symbolic link
// that leads out of root, which is told apart from the other errors by
// asking the file system itself, which would follow it (os.Root gives no
// error value to test for).
func explainOpen(root *os.Root, rel string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := root.Lstat(rel); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return notReadable("is a symbolic link to nothing")
		}
		return err
	}
	if leadsOut(root.Name(), rel) {
		return errLeadsOut
	}
	return err
}

// errLeadsOut is the error of a file that is, or is in, a symbolic link
// leading out of the folder it is read from.
var errLeadsOut = notReadable("is a symbolic link that leads out of its folder, or is in a folder that does")

// leadsOut reports whether rel in dir, which os.Root refused for a reason
// other than its not existing, resolves through symbolic links to a file
// outside dir, or to where the file system itself would go, which is out
// of dir.
func leadsOut(dir, rel string) bool {
	if !filepath.IsLocal(rel) {
		return true
	}
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

// folderName returns dir as messages name a folder: with a trailing
// slash, "." as "./".
func folderName(dir string) string {
	if dir == "" {
		dir = "."
	}
	if os.IsPathSeparator(dir[len(dir)-1]) {
		return dir
	}
	return dir + string(filepath.Separator)
}

// readIn reads the file rel inside root by the rule above, refusing one of
// more than limit bytes, which tooLarge describes: it checks the size
// before reading, and reads no further than the limit, in case the file
// grows meanwhile.
func readIn(root *os.Root, rel string, limit int64, tooLarge func(size int64) error) ([]byte, error) {
	f, fi, err := openIn(root, rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(f, fi, limit, tooLarge)
}

// readOpen reads f, opened by openIn or openBuilt with fi, as readIn
// does.
func readOpen(f *os.File, fi fs.FileInfo, limit int64, tooLarge func(size int64) error) ([]byte, error) {
	if fi.Size() > limit {
		return nil, tooLarge(fi.Size())
	}
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, tooLarge(int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

// sumIn returns the SHA-256 of the file rel inside root, in lowercase
// hexadecimal, read by the rule above without holding it in memory. A file
// of more than limit bytes is an error, and so is one whose size is not
// size, when size is not negative: its sum cannot be the one recorded.
func sumIn(root *os.Root, rel string, size, limit int64) (string, error) {
	f, fi, err := openIn(root, rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return sumOpen(f, fi, size, limit)
}

// sumOpen returns the SHA-256 of f, opened by openIn or openBuilt with
// fi, as sumIn does.
func sumOpen(f *os.File, fi fs.FileInfo, size, limit int64) (string, error) {
	if fi.Size() > limit || size >= 0 && fi.Size() != size {
		return "", notReadable("has changed size")
	}
	buf := sumBuffers.Get().(*[128 << 10]byte)
	defer sumBuffers.Put(buf)
	h := sha256.New()
	n, err := io.CopyBuffer(h, io.LimitReader(f, limit+1), buf[:])
	if err != nil {
		return "", err
	}
	if n > limit || size >= 0 && n != size {
		return "", notReadable("has changed size")
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sumBuffers are the buffers sumOpen reads through, kept for the next
// file: a build that finds a thousand files up to date reads every PDF
// they made.
var sumBuffers = sync.Pool{New: func() any { return new([128 << 10]byte) }}

// ReadContent reads the content file name, by the rule above, from its
// own folder: see Source.Read, which reads a content file found in a
// folder through that folder.
func ReadContent(name string) ([]byte, error) {
	return Source{Name: name}.Read()
}

// Read reads the content file s through its folder s.Root (see Sources),
// by the rule above: a symbolic link that leads out of that folder, a
// FIFO, a folder or a device is an error that reads nothing from it. A
// file of more than document.MaxFileBytes is a document.Errors that names
// the file and the limit.
func (s Source) Read() ([]byte, error) {
	var dirs folders
	defer dirs.close()
	data, own, err := s.readFrom(&dirs)
	own.close()
	return data, err
}

// readFrom reads s as Read does, through s.Root opened by dirs, and returns
// with it s's own folder (see Folder), opened through s.Root when s was
// read through it, for the files s names to be read through: close it
// when done. s is read through its own folder, opened once for s and
// the files it names; when it cannot be, for whatever reason, such as a
// symbolic link to another folder inside s.Root, it is read through s.Root
// itself, which gives the error, or reads it, as Read always did.
func (s Source) readFrom(dirs *folders) ([]byte, Folder, error) {
	dir, rel := s.inRoot()
	own := ownFolder(s.Name)
	root, done, err := dirs.open(dir)
	if err != nil {
		return nil, own, err
	}
	tooLarge := func(size int64) error { return document.FileSizeError(s.Name, size) }
	if sub, subDone, err := subRoot(root, filepath.Dir(rel)); err == nil {
		if data, err := readIn(sub, filepath.Base(rel), document.MaxFileBytes, tooLarge); err == nil {
			own.root, own.done = sub, func() { subDone(); done() }
			return data, own, nil
		}
		subDone()
	}
	defer done()
	data, err := readIn(root, rel, document.MaxFileBytes, tooLarge)
	var n notReadable
	switch {
	case errors.Is(err, errLeadsOut):
		return nil, own, document.Errors{{File: s.Name, Msg: fmt.Sprintf(
			"not read: it is a symbolic link that leads out of %s, or is in a folder that does: handout reads only the files inside the folders it is given", folderName(dir))}}
	case errors.As(err, &n):
		return nil, own, document.Errors{{File: s.Name, Msg: "not read: it " + string(n)}}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, own, document.Errors{{File: s.Name, Msg: "not read: " + pe.Err.Error()}}
	}
	return data, own, err
}

// subRoot returns the folder sub inside root, opened through it, and the
// function to call when done with it; "." is root itself.
func subRoot(root *os.Root, sub string) (*os.Root, func(), error) {
	if sub == "." {
		return root, func() {}, nil
	}
	r, err := root.OpenRoot(sub)
	if err != nil {
		return nil, nil, err
	}
	return r, func() { r.Close() }, nil
}

// folders opens, for a batch, the folders that content files are read
// through (Source.Root), each once, for its workers to share: up to
// maxFolders of them, then one for each file read.
type folders struct {
	mu    sync.Mutex
	roots map[string]*os.Root
}

// maxFolders is the most folders a folders keeps open.
const maxFolders = 64

// open returns the folder dir, opened, and the function to call when
// done with it.
func (dirs *folders) open(dir string) (*os.Root, func(), error) {
	dirs.mu.Lock()
	defer dirs.mu.Unlock()
	if r, ok := dirs.roots[dir]; ok {
		return r, func() {}, nil
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	if len(dirs.roots) >= maxFolders {
		return r, func() { r.Close() }, nil
	}
	if dirs.roots == nil {
		dirs.roots = map[string]*os.Root{}
	}
	dirs.roots[dir] = r
	return r, func() {}, nil
}

// close closes the folders dirs keeps open.
func (dirs *folders) close() {
	for _, r := range dirs.roots {
		r.Close()
	}
}

// ReadLimited reads r, the content file name, to its end, or to one byte
// past document.MaxFileBytes, which is an error that names the file and
// the limit. hint is the size expected, 0 when unknown.
func ReadLimited(name string, r io.Reader, hint int64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 && hint <= document.MaxFileBytes {
		buf.Grow(int(hint) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, document.MaxFileBytes+1)); err != nil {
		return nil, err
	}
	if buf.Len() > document.MaxFileBytes {
		return nil, document.FileSizeError(name, int64(buf.Len()))
	}
	return buf.Bytes(), nil
}
