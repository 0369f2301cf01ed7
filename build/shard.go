package build

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strconv"
	"strings"
)

// A Shard is one of N disjoint parts of a list of content files, numbered
// from 0, like a Kubernetes Indexed Job's JOB_COMPLETION_INDEX: shards 0/N
// to (N-1)/N together build every file once. Which part a file is in
// depends only on its own path, so adding or removing a file moves no
// other file to another shard.
type Shard struct {
	K, N int
}

// ParseShard parses "K/N", with 0 <= K < N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	K, errK := strconv.Atoi(k)
	N, errN := strconv.Atoi(n)
	if !ok || errK != nil || errN != nil || N < 1 || strings.HasPrefix(k, "+") || strings.HasPrefix(n, "+") {
		return Shard{}, fmt.Errorf("invalid shard %q: want K/N, such as 0/4, the K-th of N parts counting from 0", s)
	}
	if K < 0 || K >= N {
		return Shard{}, fmt.Errorf("invalid shard %q: K counts from 0, so it must be 0 to %d", s, N-1)
	}
	return Shard{K, N}, nil
}

// String returns the shard as "K/N".
func (sh Shard) String() string { return fmt.Sprintf("%d/%d", sh.K, sh.N) }

// Has reports whether the file whose PDFs are at path rel, without suffix
// and ".pdf", relative to the output folder, is in the shard. rel is
// hashed with forward slashes, so every system agrees.
func (sh Shard) Has(rel string) bool {
	if sh.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(filepath.ToSlash(rel)))
	return h.Sum64()%uint64(sh.N) == uint64(sh.K)
}

// Of returns the sources in the shard, in their order. dir is the output
// folder the sources were found for: a file is placed by its output path
// relative to dir, such as history/purges for content/history/purges.toml,
// which does not depend on where the build runs.
func (sh Shard) Of(srcs []Source, dir string) []Source {
	var in []Source
	for _, s := range srcs {
		rel, err := filepath.Rel(dir, s.Out)
		if err != nil {
			rel = s.Out
		}
		if sh.Has(rel) {
			in = append(in, s)
		}
	}
	return in
}
