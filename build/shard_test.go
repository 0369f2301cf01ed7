package build

import (
	"fmt"
	"hash/fnv"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    Shard
		wantErr string
	}{
		{in: "0/1", want: Shard{0, 1}},
		{in: "0/4", want: Shard{0, 4}},
		{in: "3/4", want: Shard{3, 4}},
		{in: "4/4", wantErr: "must be 0 to 3"},
		{in: "-1/4", wantErr: "must be 0 to 3"},
		{in: "1/0", wantErr: "want K/N"},
		{in: "1", wantErr: "want K/N"},
		{in: "a/b", wantErr: "want K/N"},
		{in: "1/4/5", wantErr: "want K/N"},
		{in: "+1/4", wantErr: "want K/N"},
		{in: "", wantErr: "want K/N"},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.in)) {
				t.Errorf("ParseShard(%q) = %v, %v; want an error naming it and saying %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.in {
			t.Errorf("ParseShard(%q) = %v (%s), %v; want %v", tt.in, got, got, err, tt.want)
		}
	}
}

// sources returns n sources as Sources would find them in folder
// content/, with PDFs under out/: some in subfolders.
func sources(names ...string) []Source {
	var srcs []Source
	for _, n := range names {
		srcs = append(srcs, Source{Name: filepath.Join("content", n+".toml"), Out: filepath.Join("out", filepath.FromSlash(n))})
	}
	return srcs
}

func manyNames(from, to int) []string {
	var names []string
	for i := from; i < to; i++ {
		names = append(names, fmt.Sprintf("year%d/worksheet-%03d", i%7, i))
	}
	return names
}

func TestShardPartition(t *testing.T) {
	srcs := sources(manyNames(0, 500)...)
	index := map[string]int{}
	for i, s := range srcs {
		index[s.Name] = i
	}
	for _, n := range []int{1, 2, 3, 4, 8, 16} {
		seen := map[string]int{}
		for k := range n {
			part := Shard{k, n}.Of(srcs, "out")
			// Each shard keeps the order it was given.
			for i := 1; i < len(part); i++ {
				if index[part[i-1].Name] >= index[part[i].Name] {
					t.Errorf("shard %d/%d: %s before %s", k, n, part[i-1].Name, part[i].Name)
				}
			}
			// No shard is empty or far from its share: within four
			// standard deviations of a fair draw (TestShardMoves checks
			// the shares closely, over 10,000 files).
			if share := float64(len(srcs)) / float64(n); len(part) == 0 || math.Abs(float64(len(part))-share) > 4*math.Sqrt(share)+1 {
				t.Errorf("shard %d/%d has %d of %d files", k, n, len(part), len(srcs))
			}
			for _, s := range part {
				seen[s.Name]++
			}
		}
		for _, s := range srcs {
			if seen[s.Name] != 1 {
				t.Errorf("N=%d: %s is in %d shards, want exactly 1", n, s.Name, seen[s.Name])
			}
		}
	}
}

func TestShardStable(t *testing.T) {
	before := sources(manyNames(0, 200)...)
	after := sources(append(manyNames(0, 200), manyNames(200, 260)...)...)
	for _, n := range []int{2, 5} {
		for k := range n {
			sh := Shard{k, n}
			in := map[string]bool{}
			for _, s := range sh.Of(after, "out") {
				in[s.Name] = true
			}
			for _, s := range before {
				if sh.Has(strings.TrimPrefix(filepath.ToSlash(s.Out), "out/")) != in[s.Name] {
					t.Errorf("adding files moved %s into or out of shard %s", s.Name, sh)
				}
			}
		}
	}
	// The output folder, wherever it is, does not change the shards.
	a := Shard{1, 3}.Of(sources(manyNames(0, 50)...), "out")
	var elsewhere []Source
	for _, s := range sources(manyNames(0, 50)...) {
		s.Out = filepath.Join("/srv/ci/build", s.Out)
		elsewhere = append(elsewhere, s)
	}
	b := Shard{1, 3}.Of(elsewhere, "/srv/ci/build/out")
	if len(a) != len(b) {
		t.Fatalf("shard 1/3 has %d files under out, %d under /srv/ci/build/out", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			t.Errorf("file %d of shard 1/3: %s under out, %s elsewhere", i, a[i].Name, b[i].Name)
		}
	}
}

// movePaths are the output paths of the shard-moving test: 10,000 files in
// 30 folders, named as a department names them.
func movePaths() []string {
	var paths []string
	for i := range 10000 {
		paths = append(paths, fmt.Sprintf("year%d/%s/worksheet-%04d", 7+i%6, []string{"history", "maths", "french", "biology", "art"}[i%5], i))
	}
	return paths
}

// TestShardMoves checks the figure that stable shards are for: going from
// N to N+1 shards moves about 1/(N+1) of the files, each into the new
// shard N, and every shard holds about 1/N of them. The modulo assignment
// handout had before moved about N/(N+1): its figures are logged beside
// (go test -v -run TestShardMoves ./build/).
func TestShardMoves(t *testing.T) {
	paths := movePaths()
	modulo := func(rel string, n int) int {
		h := fnv.New64a()
		h.Write([]byte(rel))
		return int(h.Sum64() % uint64(n))
	}
	for n := 1; n <= 32; n++ {
		moved, movedModulo := 0, 0
		size := make([]int, n+1)
		for _, p := range paths {
			before, after := shardIndex(p, n), shardIndex(p, n+1)
			size[after]++
			if before != after {
				moved++
				if after != n {
					t.Fatalf("%d to %d shards: %s moved from shard %d to %d, not to the new shard %d", n, n+1, p, before, after, n)
				}
			}
			if modulo(p, n) != modulo(p, n+1) {
				movedModulo++
			}
			if (Shard{after, n + 1}).Has(p) != true {
				t.Fatalf("Shard{%d, %d}.Has(%s) is false; shardIndex says it is there", after, n+1, p)
			}
		}
		got, want := float64(moved)/float64(len(paths)), 1/float64(n+1)
		if math.Abs(got-want) > 0.1*want+0.005 {
			t.Errorf("%d to %d shards moved %.4f of the files, want %.4f ± %.4f", n, n+1, got, want, 0.1*want+0.005)
		}
		for k, s := range size {
			if share := float64(s) / float64(len(paths)); math.Abs(share-want) > 0.15*want+0.005 {
				t.Errorf("shard %d/%d holds %.4f of the files, want %.4f", k, n+1, share, want)
			}
		}
		t.Logf("%2d -> %2d shards: jump hash moves %5.1f%% (1/(N+1) = %4.1f%%), modulo moved %5.1f%%",
			n, n+1, 100*got, 100*want, 100*float64(movedModulo)/float64(len(paths)))
	}
}

func TestJumpSmall(t *testing.T) {
	// One bucket: always 0; the key 0 stays in bucket 0 for any n.
	for _, key := range []uint64{0, 1, 1 << 63, math.MaxUint64} {
		if got := jump(key, 1); got != 0 {
			t.Errorf("jump(%d, 1) = %d, want 0", key, got)
		}
	}
	for n := 1; n < 100; n++ {
		if got := jump(0, n); got != 0 {
			t.Errorf("jump(0, %d) = %d, want 0", n, got)
		}
		for _, key := range []uint64{1, 12345, 1 << 40, math.MaxUint64} {
			if got := jump(key, n); got < 0 || got >= n {
				t.Errorf("jump(%d, %d) = %d, out of range", key, n, got)
			}
		}
	}
}
