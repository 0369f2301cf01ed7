//go:build unix

package build

import (
	"errors"
	"os"
	"syscall"
)

// lockTemp takes an exclusive advisory lock (flock) on f, a temporary file
// about to be written, which the system releases when f is closed or the
// process dies: a temporary file that no one has locked was left by a
// build that was killed (see removeStaleTemps). It waits while another
// handout holds the lock, which happens only while that one removes it as
// stale. Where the file system has no locks, nothing is locked.
func lockTemp(f *os.File) {
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) {
			for syscall.Flock(int(fd), syscall.LOCK_EX) == syscall.EINTR {
			}
		})
	}
}

// tempInUse reports whether another handout holds the lock of f, a
// temporary file, and, when it does not, takes it until f is closed. known
// is false when the file system cannot say.
func tempInUse(f *os.File) (inUse, known bool) {
	c, err := f.SyscallConn()
	if err != nil {
		return false, false
	}
	c.Control(func(fd uintptr) { err = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB) })
	switch {
	case err == nil:
		return false, true
	case errors.Is(err, syscall.EWOULDBLOCK):
		return true, true
	}
	return false, false
}
