//go:build !unix

package build

import "os"

// lockTemp locks nothing where flock is not to be had: a temporary file is
// then taken for a killed build's by its age alone (see removeStaleTemps).
func lockTemp(f *os.File) {}

// tempInUse cannot say whether another handout is writing f.
func tempInUse(f *os.File) (inUse, known bool) { return false, false }
