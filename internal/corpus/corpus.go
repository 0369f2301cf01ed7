// Package corpus writes many content files at once, for measuring batch
// builds: copies of one seed worksheet under different names in several
// folders, every fourth with its sections given three times over, so that
// short and long worksheets mix as in a real department's repository.
package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Long is how often a long variant comes: file i is long when i%Long is
// Long-1.
const Long = 4

// Write writes n content files made from seed under dir, as
// year7/worksheet-0000.toml to year12/worksheet-NNNN.toml, and returns their
// paths. The seed's sections must come before its [summary] table, if it
// has one.
func Write(dir string, seed []byte, n int) ([]string, error) {
	long, err := lengthen(seed)
	if err != nil {
		return nil, err
	}
	paths := make([]string, n)
	for i := range n {
		data := seed
		if i%Long == Long-1 {
			data = long
		}
		path := filepath.Join(dir, fmt.Sprintf("year%d", 7+i%6), fmt.Sprintf("worksheet-%04d.toml", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		paths[i] = path
	}
	return paths, nil
}

// lengthen returns seed with its sections twice more at the end.
func lengthen(seed []byte) ([]byte, error) {
	start := bytes.Index(seed, []byte("[[section]]"))
	if start < 0 {
		return nil, fmt.Errorf("corpus: the seed has no [[section]]")
	}
	end := bytes.Index(seed, []byte("\n[summary]"))
	if end < start {
		end = len(seed)
	}
	sections := seed[start:end]
	var b bytes.Buffer
	b.Write(seed)
	for range 2 {
		b.WriteString("\n\n")
		b.Write(sections)
	}
	return b.Bytes(), nil
}
