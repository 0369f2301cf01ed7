package build

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestToolID checks the running test binary's identity: the version, the
// Go build ID that `go tool buildid` reads and the size.
func TestToolID(t *testing.T) {
	id := ToolID("1.2.3")
	m := regexp.MustCompile(`^handout 1\.2\.3 go-build-id:(\S+) size:(\d+)$`).FindStringSubmatch(id)
	if m == nil {
		t.Fatalf("ToolID = %q, want the version, the Go build ID and the size", id)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); m[1] != want {
		t.Errorf("build ID %q, go tool buildid says %q", m[1], want)
	}
	if fi, err := os.Stat(exe); err != nil || m[2] != strconv.FormatInt(fi.Size(), 10) {
		t.Errorf("size %s, the executable has %v (%v)", m[2], fi.Size(), err)
	}
}

// TestToolIDChangesWithBinary builds two programs that differ in one
// constant, and a copy of one: the identity differs between the two and
// is the same for the copy, and an executable without a build ID is
// hashed.
func TestToolIDChangesWithBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	dir := t.TempDir()
	build := func(name, text string, flags ...string) string {
		src := filepath.Join(dir, name)
		if err := os.MkdirAll(src, 0o755); err != nil {
			t.Fatal(err)
		}
		prog := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(" + text + ") }\n"
		if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(prog), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module "+name+"\n\ngo 1.26\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		exe := filepath.Join(dir, name+".exe")
		cmd := exec.Command("go", append([]string{"build", "-trimpath", "-o", exe}, append(flags, ".")...)...)
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return exe
	}
	idOf := func(exe string) string {
		f, err := os.Open(exe)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		id, err := goBuildID(f)
		if err != nil {
			return "error: " + err.Error()
		}
		return id
	}
	a, b := build("a", `"one"`), build("b", `"two"`)
	ida, idb := idOf(a), idOf(b)
	if strings.HasPrefix(ida, "error") || ida == idb {
		t.Errorf("build IDs %q and %q, want two different IDs", ida, idb)
	}
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "copy.exe")
	if err := os.WriteFile(cp, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if idc := idOf(cp); idc != ida {
		t.Errorf("a copy's build ID %q, the original's %q", idc, ida)
	}
	if out, err := exec.Command("go", "tool", "buildid", a).Output(); err == nil && strings.TrimSpace(string(out)) != ida {
		t.Errorf("build ID %q, go tool buildid says %q", ida, out)
	}
	none := build("c", `"three"`, "-ldflags=-buildid=")
	if id := idOf(none); !strings.HasPrefix(id, "error") {
		t.Errorf("an executable linked without a build ID has ID %q", id)
	}
	// toolID: the build ID and size, or else the SHA-256 of the file.
	if got, want := toolID("1", a), "handout 1 go-build-id:"+ida+" size:"+strconv.Itoa(len(data)); got != want {
		t.Errorf("toolID = %q, want %q", got, want)
	}
	noneData, err := os.ReadFile(none)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := toolID("1", none), "handout 1 sha256:"+hash(noneData); got != want {
		t.Errorf("toolID of an executable without a build ID = %q, want %q", got, want)
	}
	if got := toolID("1", filepath.Join(dir, "missing")); got != "handout 1" {
		t.Errorf("toolID of a missing file = %q, want the version alone", got)
	}
	// A file that is not an executable has none either.
	if _, err := goBuildID(bytes.NewReader([]byte("#!/bin/sh\necho hi\n"))); err == nil {
		t.Error("a shell script has a build ID")
	}
}

// TestELFBuildID reads the note from hand-made ELF headers of both
// classes and byte orders, and nothing, without panicking, from every
// truncation of one.
func TestELFBuildID(t *testing.T) {
	const id = "AAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBB"
	for _, tc := range []struct {
		wide bool
		big  bool
	}{{true, false}, {true, true}, {false, false}, {false, true}} {
		var order interface {
			binary.ByteOrder
			binary.AppendByteOrder
		} = binary.LittleEndian
		if tc.big {
			order = binary.BigEndian
		}
		note := order.AppendUint32(nil, 4)
		note = order.AppendUint32(note, uint32(len(id)))
		note = order.AppendUint32(note, 4)
		note = append(note, "Go\x00\x00"+id...)
		for len(note)%4 != 0 {
			note = append(note, 0)
		}
		head := make([]byte, 256)
		copy(head, "\x7fELF")
		head[4], head[5] = 1, 1
		if tc.wide {
			head[4] = 2
		}
		if tc.big {
			head[5] = 2
		}
		const phoff, noteAt = 64, 160
		if tc.wide {
			order.PutUint64(head[0x20:], phoff)
			order.PutUint16(head[0x36:], 56)
			order.PutUint16(head[0x38:], 2)
			order.PutUint32(head[phoff:], 1) // PT_LOAD, skipped
			order.PutUint32(head[phoff+56:], 4)
			order.PutUint64(head[phoff+56+8:], noteAt)
			order.PutUint64(head[phoff+56+32:], uint64(len(note)))
		} else {
			order.PutUint32(head[0x1C:], phoff)
			order.PutUint16(head[0x2A:], 32)
			order.PutUint16(head[0x2C:], 2)
			order.PutUint32(head[phoff:], 1)
			order.PutUint32(head[phoff+32:], 4)
			order.PutUint32(head[phoff+32+4:], noteAt)
			order.PutUint32(head[phoff+32+16:], uint32(len(note)))
		}
		head = append(head[:noteAt], note...)
		got, err := goBuildID(bytes.NewReader(head))
		if err != nil || got != id {
			t.Errorf("wide %v, big-endian %v: %q, %v", tc.wide, tc.big, got, err)
		}
		for n := range len(head) {
			if got, err := goBuildID(bytes.NewReader(head[:n])); err == nil {
				t.Errorf("%d bytes of %d: build ID %q", n, len(head), got)
			}
		}
	}
}

// TestRawBuildID reads the build ID that Mach-O and PE executables carry
// at the start of their text (at 4,096 and 1,536 bytes in, as go build
// writes them for darwin and windows), and nothing past 32 KiB.
func TestRawBuildID(t *testing.T) {
	const id = "sJL5UrQRHVkPRnfg_7qn/AqNI37QQLYT7TlytOs9u/_gxdgGnd-4VMLKBAlSJF/pghlE7pWkuVFEy1GCa8F"
	for _, tc := range []struct {
		magic string
		at    int
		ok    bool
	}{{"\xcf\xfa\xed\xfe", 4096, true}, {"MZ", 1536, true}, {"MZ", 40 << 10, false}} {
		b := make([]byte, tc.at+200)
		copy(b, tc.magic)
		copy(b[tc.at:], "\xff Go build ID: \""+id+"\"\n \xff")
		got, err := goBuildID(bytes.NewReader(b))
		if tc.ok && (err != nil || got != id) {
			t.Errorf("%q at %d: %q, %v; want %q", tc.magic, tc.at, got, err, id)
		}
		if !tc.ok && err == nil {
			t.Errorf("%q at %d: %q, want no build ID", tc.magic, tc.at, got)
		}
	}
}
