package build

import (
	"errors"
	"syscall"
)

// Retryable reports whether err, a failure of a build, is one that a retry
// may cure: every error it joins is a failure of the system, not of the
// content nor of how handout was run: no space left on the device, a disk
// quota reached, an input/output error, a file system that went read-only
// or, over a network, stale or unreachable, a lock, memory or file
// descriptors not to be had at the moment. A content error, a file that is
// not where a PDF should go, a permission denied, are not: a retry would
// fail the same way. nil is not retryable.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs := j.Unwrap()
		for _, e := range errs {
			if !Retryable(e) {
				return false
			}
		}
		return len(errs) > 0
	}
	for _, e := range temporary {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// temporary are the system errors that a retry may cure.
var temporary = append([]error{
	syscall.ENOSPC, syscall.EDQUOT, syscall.EIO, syscall.EROFS, syscall.ESTALE, syscall.ENOTCONN,
	syscall.ETIMEDOUT, syscall.EAGAIN, syscall.EBUSY, syscall.ENOMEM, syscall.ENFILE, syscall.EMFILE,
	syscall.EINTR, syscall.ENOLCK,
}, temporaryHere...)
