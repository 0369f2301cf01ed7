package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"strings"
	"testing"
	"time"
)

var (
	testTime  = time.Unix(1767225600, 0).UTC() // 2026-01-01
	testFiles = []File{
		{Name: "handout", Mode: 0o755, Data: []byte("\x7fELF a program")},
		{Name: "README.md", Mode: 0o644, Data: []byte("# handout\n")},
		{Name: "docs/NOTICES.txt", Mode: 0o644, Data: bytes.Repeat([]byte("notice "), 1000)},
	}
)

// entry is what an archive says of one of its files.
type entry struct {
	name    string
	mode    fs.FileMode
	mtime   time.Time
	content string
}

func TestWriteTarGz(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTarGz(&b, "handout_1.0.0_linux_amd64", testFiles, testTime); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if h := zr.Header; h.Name != "" || !h.ModTime.IsZero() || h.Comment != "" || h.Extra != nil {
		t.Errorf("gzip header has name %q, time %v, comment %q, extra %q; want none", h.Name, h.ModTime, h.Comment, h.Extra)
	}
	tr := tar.NewReader(zr)
	var got []entry
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d:%d (%q:%q), want 0:0 and no names", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		if h.Format != tar.FormatUSTAR {
			t.Errorf("%s: format %v, want USTAR", h.Name, h.Format)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, entry{h.Name, h.FileInfo().Mode(), h.ModTime.UTC(), string(data)})
	}
	checkEntries(t, got)
}

func TestWriteZip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteZip(&b, "handout_1.0.0_linux_amd64", testFiles, testTime); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var got []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(f.Name, "/") && f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		got = append(got, entry{f.Name, f.Mode(), f.Modified.UTC(), string(data)})
	}
	checkEntries(t, got)
}

// checkEntries checks an archive of testFiles in the folder
// handout_1.0.0_linux_amd64, at testTime.
func checkEntries(t *testing.T, got []entry) {
	t.Helper()
	want := []entry{{"handout_1.0.0_linux_amd64/", fs.ModeDir | 0o755, testTime, ""}}
	for _, f := range testFiles {
		want = append(want, entry{"handout_1.0.0_linux_amd64/" + f.Name, f.Mode, testTime, string(f.Data)})
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.name != w.name || g.mode != w.mode || !g.mtime.Equal(w.mtime) || g.content != w.content {
			t.Errorf("entry %d: %q %v %v (%d bytes), want %q %v %v (%d bytes)",
				i, g.name, g.mode, g.mtime, len(g.content), w.name, w.mode, w.mtime, len(w.content))
		}
	}
}

// TestArchivesReproducible checks that an archive's bytes depend only on
// its files, folder and time: not on the time zone the time is given in,
// nor on when it is written.
func TestArchivesReproducible(t *testing.T) {
	paris := testTime.In(time.FixedZone("CET", 3600))
	for name, write := range map[string]func(io.Writer, string, []File, time.Time) error{
		"tar.gz": WriteTarGz, "zip": WriteZip,
	} {
		var a, b, c bytes.Buffer
		for _, w := range []struct {
			buf *bytes.Buffer
			t   time.Time
		}{{&a, testTime}, {&b, testTime}, {&c, paris}} {
			if err := write(w.buf, "handout_1.0.0_linux_amd64", testFiles, w.t); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("%s: the same files gave different bytes", name)
		}
		var d bytes.Buffer
		if err := write(&d, "handout_1.0.0_linux_amd64", testFiles, testTime.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.Bytes(), d.Bytes()) {
			t.Errorf("%s: another time gave the same bytes", name)
		}
	}
}

func TestArchiveErrors(t *testing.T) {
	tests := []struct {
		name  string
		dir   string
		files []File
		mtime time.Time
		msg   string
	}{
		{"before 1980", "d", testFiles, time.Unix(0, 0), "1980"},
		{"fraction of a second", "d", testFiles, testTime.Add(time.Millisecond), "whole seconds"},
		{"file out of the folder", "d", []File{{Name: "../x", Mode: 0o644}}, testTime, `"../x"`},
		{"absolute file", "d", []File{{Name: "/etc/x", Mode: 0o644}}, testTime, `"/etc/x"`},
		{"no folder", "", testFiles, testTime, `""`},
	}
	for _, tt := range tests {
		for name, write := range map[string]func(io.Writer, string, []File, time.Time) error{
			"tar.gz": WriteTarGz, "zip": WriteZip,
		} {
			err := write(io.Discard, tt.dir, tt.files, tt.mtime)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("%s, %s: error %v, want one saying %s", tt.name, name, err, tt.msg)
			}
		}
	}
}
