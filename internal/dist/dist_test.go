package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeBuilder makes a binary and notices that name their target, without
// compiling.
type fakeBuilder struct{}

func (fakeBuilder) Build(_ context.Context, t Target, version string) ([]byte, error) {
	return []byte("handout " + version + " for " + t.String()), nil
}

func (fakeBuilder) Notices(_ context.Context, t Target, version string) ([]byte, error) {
	return []byte("notices of handout " + version + " for " + t.String() + "\n"), nil
}

// fakeRelease makes the release of version into dir as Make does, with
// stand-ins for the binaries, and returns the names of the files written.
func fakeRelease(t testing.TB, version, dir string) []string {
	t.Helper()
	r := Release{Version: version, Time: testTime, Targets: Targets, Builder: fakeBuilder{},
		Docs: []File{{Name: "README.md", Mode: 0o644, Data: []byte("# handout\n")}}}
	names, err := r.Make(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestMake(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	names := fakeRelease(t, "1.2.0", dir)
	want := []string{
		"handout_1.2.0_linux_amd64.tar.gz", "handout_1.2.0_linux_arm64.tar.gz",
		"handout_1.2.0_darwin_amd64.tar.gz", "handout_1.2.0_darwin_arm64.tar.gz",
		"handout_1.2.0_windows_amd64.zip", "handout_1.2.0_windows_arm64.zip",
		"SHA256SUMS",
	}
	if !slices.Equal(names, want) {
		t.Errorf("Make wrote %q, want %q", names, want)
	}
	if got := (Release{Version: "1.2.0", Targets: Targets}).Names(); !slices.Equal(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("%s holds %d files, want %d", dir, len(entries), len(want))
	}
	// SHA256SUMS as sha256sum writes it, one line an archive.
	sums, err := os.ReadFile(filepath.Join(dir, SumsName))
	if err != nil {
		t.Fatal(err)
	}
	var wantSums strings.Builder
	for _, name := range want[:len(want)-1] {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&wantSums, "%x  %s\n", sha256.Sum256(data), name)
	}
	if string(sums) != wantSums.String() {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", sums, wantSums.String())
	}
	// Each archive: its folder, the binary, the README, the notices.
	for i, target := range Targets {
		folder := target.Name("1.2.0") + "/"
		files := archiveFiles(t, filepath.Join(dir, want[i]))
		wantFiles := map[string]string{
			folder:                "",
			folder + target.Exe(): "handout 1.2.0 for " + target.String(),
			folder + "README.md":  "# handout\n",
			folder + NoticesName:  "notices of handout 1.2.0 for " + target.String() + "\n",
		}
		if len(files) != len(wantFiles) {
			t.Errorf("%s holds %q", want[i], files)
		}
		for name, content := range wantFiles {
			if got, ok := files[name]; !ok || got != content {
				t.Errorf("%s: %s is %q (there: %v), want %q", want[i], name, got, ok, content)
			}
		}
	}
	// Again, elsewhere: the same bytes.
	again := filepath.Join(t.TempDir(), "dist")
	fakeRelease(t, "1.2.0", again)
	for _, name := range want {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// archiveFiles returns the files of a .tar.gz or .zip archive by name.
func archiveFiles(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = string(b)
		}
		return files
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[h.Name] = string(b)
	}
}

func TestMakeErrors(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "handout_0.9.0_linux_amd64.tar.gz"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, version, dir, msg string
	}{
		{"folder not empty", "1.2.0", full, "is not empty"},
		{"version with a slash", "1.2/0", t.TempDir(), "version"},
		{"version with a space", "1.2 beta", t.TempDir(), "version"},
		{"no version", "", t.TempDir(), "version"},
	}
	for _, tt := range tests {
		r := Release{Version: tt.version, Time: testTime, Targets: Targets, Builder: fakeBuilder{}}
		_, err := r.Make(context.Background(), tt.dir)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.msg)
		}
	}
}

func TestDocs(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"README.md": "# handout\n", "LICENSE": "MIT\n", "LICENSE-SIL.txt": "OFL\n", "COPYING": "GPL\n",
		"license.go": "package main\n", "NOTES.md": "not a license\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := Docs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Name)
		if d.Mode != 0o644 {
			t.Errorf("%s: mode %v, want 0644", d.Name, d.Mode)
		}
	}
	if want := []string{"README.md", "COPYING", "LICENSE", "LICENSE-SIL.txt"}; !slices.Equal(got, want) {
		t.Errorf("Docs = %q, want %q", got, want)
	}
}
