package build

import "syscall"

// temporaryHere are the system's own errors that a retry may cure, besides
// those of temporary: on Windows, ERROR_DISK_FULL and
// ERROR_HANDLE_DISK_FULL, which are its ENOSPC.
var temporaryHere = []error{syscall.Errno(112), syscall.Errno(39)}
