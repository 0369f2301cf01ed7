//go:build !windows

package build

// temporaryHere are the system's own errors that a retry may cure, besides
// those of temporary: none beyond them here.
var temporaryHere []error
