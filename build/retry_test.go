package build

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"handout/document"
)

func TestRetryable(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "out/a.pdf", Err: syscall.ENOSPC}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"disk full", full, true},
		{"disk full, wrapped", fmt.Errorf("writing out/a.pdf: %w", full), true},
		{"I/O error", &fs.PathError{Err: syscall.EIO}, true},
		{"read-only", &fs.PathError{Err: syscall.EROFS}, true},
		{"stale NFS handle", &fs.PathError{Err: syscall.ESTALE}, true},
		{"quota", &fs.PathError{Err: syscall.EDQUOT}, true},
		{"manifest not written, disk full", &ManifestError{Path: "m", Err: full}, true},
		{"permission denied", &fs.PathError{Err: syscall.EACCES}, false},
		{"content error", document.Errors{{File: "a.toml", Msg: "bad"}}, false},
		{"not a PDF there", errors.New("not writing out/a.pdf: a file that is not a PDF is there"), false},
		{"disk full and a content error", errors.Join(full, document.Errors{{File: "a.toml", Msg: "bad"}}), false},
		{"disk full twice", errors.Join(full, fmt.Errorf("x: %w", full)), true},
	} {
		if got := Retryable(tt.err); got != tt.want {
			t.Errorf("%s: Retryable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
