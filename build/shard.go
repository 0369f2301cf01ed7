package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// A Shard is one of N disjoint parts of a list of content files, numbered
// from 0, like a Kubernetes Indexed Job's JOB_COMPLETION_INDEX: shards 0/N
// to (N-1)/N together build every file once. Which part a file is in
// depends only on its own path and N, so adding or removing a file moves
// no other file to another shard, and going from N to N+1 shards moves
// about 1/(N+1) of the files, each into the new shard (see Has).
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
//
// The shard is chosen by jump consistent hashing (John Lamping and Eric
// Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014) of the
// first 8 bytes of rel's SHA-256: with N+1 shards instead of N, a file
// either stays in its shard or moves to the new one, shard N, and about
// 1/(N+1) of the files move. (A hash taken modulo N, as before, moved
// about N/(N+1) of them.)
func (sh Shard) Has(rel string) bool {
	if sh.N <= 1 {
		return true
	}
	return shardIndex(rel, sh.N) == sh.K
}

// shardIndex returns the shard, 0 to n-1, of the output path rel.
func shardIndex(rel string, n int) int {
	sum := sha256.Sum256([]byte(filepath.ToSlash(rel)))
	return jump(binary.BigEndian.Uint64(sum[:8]), n)
}

// jump returns the bucket, 0 to n-1, of key among n buckets, by jump
// consistent hashing: it follows the buckets that key would jump to as
// buckets are added, one pseudo-random jump at a time, drawn from a linear
// congruential generator seeded with key, and stops at the last one below
// n. Each jump lands in bucket j+1 or further with probability
// (b+1)/(j+1), which is what keeps every bucket's share 1/n.
func jump(key uint64, n int) int {
	b, j := int64(-1), int64(0)
	for j < int64(n) {
		b = j
		key = key*2862933555777941757 + 1
		j = int64(float64(b+1) * (float64(int64(1)<<31) / float64((key>>33)+1)))
	}
	return int(b)
}

// Of returns the sources in the shard, in their order. dir is the output
// folder the sources were found for: a file is placed by its output path
// relative to dir, such as history/purges for content/history/purges.toml,
// which does not depend on where the build runs.
func (sh Shard) Of(srcs []Source, dir string) []Source {
	var in []Source
	for _, s := range srcs {
		if sh.Has(outRel(s, dir)) {
			in = append(in, s)
		}
	}
	return in
}

// outRel returns s's output path relative to the output folder dir, as
// shards place it.
func outRel(s Source, dir string) string {
	rel, err := filepath.Rel(dir, s.Out)
	if err != nil {
		return s.Out
	}
	return rel
}
