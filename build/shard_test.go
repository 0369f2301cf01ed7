package build

import (
	"fmt"
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
			// No shard is empty or far from its share.
			if share := len(srcs) / n; len(part) < share/2 || len(part) > share*3/2+1 {
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
