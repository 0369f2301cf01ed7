package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strconv"
)

// ToolID identifies the running program for the manifest: its version,
// its Go build ID and its size in bytes, so that a rebuilt handout, even
// of the same version, rebuilds every file once. The build ID that go
// build writes into an executable ends with a hash of the executable's own
// bytes (the content ID), so it changes whenever go build makes another
// binary, and is the same for the same binary on any machine; reading it
// costs a few kilobytes of the file, where hashing the whole file cost
// eleven megabytes and a third of a one-file build. The size catches most
// changes made to the file after go build (strip, a packer), which leave
// the build ID as it was. An executable without a build ID (linked with
// -buildid= or by another tool) is hashed whole, with SHA-256. When the
// executable cannot be read, ToolID is the version alone.
func ToolID(version string) string {
	exe, err := os.Executable()
	if err != nil {
		return creator(version)
	}
	return toolID(version, exe)
}

// toolID is ToolID for the executable at path.
func toolID(version, path string) string {
	id := creator(version)
	f, err := os.Open(path)
	if err != nil {
		return id
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return id
	}
	if bid, err := goBuildID(f); err == nil {
		return id + " go-build-id:" + bid + " size:" + strconv.FormatInt(fi.Size(), 10)
	}
	// Hashed as it is read, so as not to hold the whole file in memory.
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, fi.Size())); err != nil {
		return id
	}
	return id + " sha256:" + hex.EncodeToString(h.Sum(nil))
}

// errNoBuildID is the error of an executable without a Go build ID.
var errNoBuildID = errors.New("no Go build ID")

// goBuildID returns the Go build ID of the executable r, as `go tool
// buildid` prints it: in an ELF file, the note of name "Go" and type 4;
// in other formats (Mach-O, PE), the string the linker puts at the start
// of the text, `\xff Go build ID: "…"\n \xff`. Either is in the first
// 32 KiB, where go build itself looks for it.
func goBuildID(r io.ReaderAt) (string, error) {
	head := make([]byte, 32<<10)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return "", err
	}
	head = head[:n]
	var id []byte
	if bytes.HasPrefix(head, []byte("\x7fELF")) {
		id = elfBuildID(head)
	} else {
		const prefix, suffix = "\xff Go build ID: \"", "\"\n \xff"
		if i := bytes.Index(head, []byte(prefix)); i >= 0 {
			id, _, _ = bytes.Cut(head[i+len(prefix):], []byte(suffix))
		}
	}
	if !validBuildID(id) {
		return "", errNoBuildID
	}
	return string(id), nil
}

// elfBuildID returns the Go build ID note's description from the start
// of an ELF file, head, or nil: the linker puts the note in a PT_NOTE
// segment near the start of the file. (The standard library's debug/elf
// would read it too, but would add a third of a megabyte to handout.)
func elfBuildID(head []byte) []byte {
	if len(head) < 64 {
		return nil
	}
	var order binary.ByteOrder = binary.LittleEndian
	if head[5] == 2 { // EI_DATA: ELFDATA2MSB
		order = binary.BigEndian
	}
	// The program header table: where, the size of an entry, how many;
	// then in each entry the type, and the offset and size in the file.
	var phoff, size, num int
	var offAt, sizeAt int
	wide := head[4] == 2 // EI_CLASS: ELFCLASS64
	if wide {
		phoff, size, num = int(order.Uint64(head[0x20:])), int(order.Uint16(head[0x36:])), int(order.Uint16(head[0x38:]))
		offAt, sizeAt = 8, 32
	} else {
		phoff, size, num = int(order.Uint32(head[0x1C:])), int(order.Uint16(head[0x2A:])), int(order.Uint16(head[0x2C:]))
		offAt, sizeAt = 4, 16
	}
	for i := range num {
		at := phoff + i*size
		if phoff < 0 || at < 0 || at+sizeAt+8 > len(head) {
			return nil
		}
		ph := head[at:]
		const ptNote = 4
		if order.Uint32(ph) != ptNote {
			continue
		}
		var off, n uint64
		if wide {
			off, n = order.Uint64(ph[offAt:]), order.Uint64(ph[sizeAt:])
		} else {
			off, n = uint64(order.Uint32(ph[offAt:])), uint64(order.Uint32(ph[sizeAt:]))
		}
		if off > uint64(len(head)) || n > uint64(len(head))-off {
			continue
		}
		if id, ok := goNote(head[off:off+n], order); ok {
			return id
		}
	}
	return nil
}

// goNote finds the Go build ID note among the ELF notes in b: each a
// name size, a description size and a type, then the name and the
// description, each padded to four bytes.
func goNote(b []byte, order binary.ByteOrder) ([]byte, bool) {
	pad := func(n uint32) uint64 { return (uint64(n) + 3) &^ 3 }
	for len(b) >= 12 {
		namesz, descsz, typ := order.Uint32(b), order.Uint32(b[4:]), order.Uint32(b[8:])
		b = b[12:]
		if uint64(len(b)) < pad(namesz)+pad(descsz) {
			return nil, false
		}
		name, desc := b[:namesz], b[pad(namesz):pad(namesz)+uint64(descsz)]
		if typ == 4 && string(bytes.TrimRight(name, "\x00")) == "Go" {
			return desc, true
		}
		b = b[pad(namesz)+pad(descsz):]
	}
	return nil, false
}

// validBuildID reports whether id looks like a build ID that go build
// wrote: parts of base64 (URL alphabet) separated by slashes, the last a
// hash of the executable. An empty or redacted ID is not one.
func validBuildID(id []byte) bool {
	parts := bytes.Split(id, []byte("/"))
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) < 16 {
			return false
		}
		for _, c := range p {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
