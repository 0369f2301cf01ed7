package build

import (
	"os"
	"path/filepath"
	"testing"

	"handout/internal/corpus"
)

// benchFiles is the size of the batch benchmarks' corpus: the example
// worksheet under different names in several folders, every fourth three
// times as long, as `go run ./internal/corpus/gen` writes for whole-process
// timings.
const benchFiles = 100

// benchCorpus writes the corpus and returns its sources and the path of
// their manifest, with PDFs under an output folder of their own.
func benchCorpus(b *testing.B) ([]Source, string) {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "content", "end-of-the-purges.toml"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if _, err := corpus.Write(filepath.Join(dir, "content"), seed, benchFiles); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	srcs, err := Sources([]string{filepath.Join(dir, "content")}, out)
	if err != nil {
		b.Fatal(err)
	}
	return srcs, filepath.Join(out, ManifestName)
}

// BenchmarkBatch builds the corpus, every file each time, one file per CPU
// at a time, writing the PDFs and the manifest: files/s is the figure to
// compare with the 60.
func BenchmarkBatch(b *testing.B) {
	srcs, manifest := benchCorpus(b)
	batch := Batch{Options: Options{Time: testTime, Version: "bench"}, Force: true, Manifest: manifest}
	b.ReportAllocs()
	for b.Loop() {
		failed := 0
		batch.Run(b.Context(), srcs, func(r Result) {
			if r.Status != Built {
				failed++
			}
		})
		if failed > 0 {
			b.Fatalf("%d files failed", failed)
		}
	}
	b.ReportMetric(float64(benchFiles*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkBatchUpToDate runs the batch again over PDFs that are up to
// date: every file is read and hashed, and skipped.
func BenchmarkBatchUpToDate(b *testing.B) {
	srcs, manifest := benchCorpus(b)
	batch := Batch{Options: Options{Time: testTime, Version: "bench"}, Manifest: manifest}
	batch.Run(b.Context(), srcs, func(Result) {})
	b.ReportAllocs()
	for b.Loop() {
		batch.Run(b.Context(), srcs, func(r Result) {
			if r.Status != Skipped {
				b.Fatalf("%s: %s, want skipped", r.Source.Name, r.Status)
			}
		})
	}
	b.ReportMetric(float64(benchFiles*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkCheck checks the corpus, one file per CPU at a time.
func BenchmarkCheck(b *testing.B) {
	srcs, _ := benchCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		(&Batch{}).Check(b.Context(), srcs, func(r Result) {
			if r.Status != Checked {
				b.Fatalf("%s: %v", r.Source.Name, r.Err)
			}
		})
	}
	b.ReportMetric(float64(benchFiles*b.N)/b.Elapsed().Seconds(), "files/s")
}
