package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	long := strings.Repeat("n", 251) + ".pdf" // 255 bytes: the longest name on most systems
	tests := []struct {
		name    string
		target  string            // the path to write, in a new folder
		before  map[string]string // files there before
		data    string
		wantErr string // a substring of the error; "" for none
	}{
		{name: "new file", target: "a.pdf", data: "new"},
		{name: "creates parent folders", target: "x/y/a.pdf", data: "new"},
		{name: "replaces a file", target: "a.pdf", before: map[string]string{"a.pdf": "old old old"}, data: "new"},
		{name: "empty data", target: "a.pdf", before: map[string]string{"a.pdf": "old"}, data: ""},
		{name: "name of 255 bytes", target: long, data: "new"},
		{name: "name of 255 bytes in a subfolder", target: "x/" + long, before: map[string]string{"x/" + long: "old"}, data: "new"},
		// The failures below happen after the temporary file is made,
		// whoever runs the test: it must be removed.
		{
			name:    "path is a folder",
			target:  "a.pdf",
			before:  map[string]string{"a.pdf/keep": "keep", "b.pdf": "other"},
			data:    "new",
			wantErr: "writing a.pdf: rename",
		},
		{name: "name too long", target: "n" + long, data: "new", wantErr: "writing n" + long[:10]},
		// This one fails before.
		{name: "parent is a file", target: "f/a.pdf", before: map[string]string{"f": "a file"}, data: "new", wantErr: "writing f/a.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for name, data := range tt.before {
				mustWrite(t, name, data)
			}
			err := WriteAtomic(tt.target, []byte(tt.data))
			if tt.wantErr == "" && err != nil {
				t.Fatalf("WriteAtomic: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("WriteAtomic: err = %v, want one saying %q", err, tt.wantErr)
			}
			for _, dir := range slices.Compact([]string{".", filepath.Dir(tt.target)}) {
				if tmp, _ := filepath.Glob(filepath.Join(dir, tempPattern)); len(tmp) > 0 {
					t.Errorf("temporary files left behind: %q", tmp)
				}
			}
			for name, data := range tt.before {
				if name == tt.target && err == nil {
					continue
				}
				if got, err := os.ReadFile(name); err != nil || string(got) != data {
					t.Errorf("%s holds %q (err %v), want %q untouched", name, got, err, data)
				}
			}
			if err != nil {
				return
			}
			if got, err := os.ReadFile(tt.target); err != nil || string(got) != tt.data {
				t.Errorf("target holds %q (err %v), want %q", got, err, tt.data)
			}
			if _, ok := tt.before[tt.target]; !ok {
				if mode := perm(t, tt.target); mode != 0o644 {
					t.Errorf("new file's mode = %v, want 0644", mode)
				}
			}
		})
	}
}

func TestWriteAtomicKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.pdf")
	mustWrite(t, p, "old")
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if mode := perm(t, p); mode != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", mode)
	}
}

// mustWrite writes data to path, making its folder.
func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// perm returns the permissions of the file at path.
func perm(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}
