package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// emitted is what All passed emit for one source.
type emitted struct {
	name  string
	kinds []Kind
	err   error
}

// emittedOf returns what r says was written.
func emittedOf(r Result) emitted {
	e := emitted{name: r.Source.Name, err: r.Err}
	for _, o := range r.Outputs {
		e.kinds = append(e.kinds, o.Kind)
	}
	return e
}

func TestBatchRun(t *testing.T) {
	dir := t.TempDir()
	// Sixteen files, more than the jobs, of every kind, in an order that
	// mixes fast and slow ones.
	var srcs []Source
	var want []emitted
	for i := range 4 {
		for _, f := range []struct {
			file  string
			kinds []Kind
			err   string
		}{
			{"small.toml", []Kind{Worksheet, Summary}, ""},
			{"bad.toml", nil, `unknown key "qoute"`},
			{"summary-only.toml", []Kind{Summary}, ""},
			{"worksheet-only.toml", []Kind{Worksheet}, ""},
		} {
			name := filepath.Join(dir, fmt.Sprintf("%d-%s", i, f.file))
			copyTestdata(t, f.file, name)
			srcs = append(srcs, Source{Name: name, Out: filepath.Join(dir, "out", trimExt(filepath.Base(name)))})
			var err error
			if f.err != "" {
				err = errors.New(f.err)
			}
			want = append(want, emitted{name, f.kinds, err})
		}
	}
	missing := filepath.Join(dir, "missing.toml")
	srcs = append(srcs, Source{Name: missing, Out: filepath.Join(dir, "out", "missing")})
	want = append(want, emitted{missing, nil, errors.New("no such file")})

	for _, jobs := range []int{0, 1, 2, 3, 32} {
		t.Run(fmt.Sprintf("jobs=%d", jobs), func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(dir, "out")); err != nil {
				t.Fatal(err)
			}
			var got []emitted
			b := Batch{Options: Options{Time: testTime, Version: "test"}, Jobs: jobs}
			err := b.Run(t.Context(), srcs, func(r Result) {
				got = append(got, emittedOf(r))
				for _, o := range r.Outputs {
					// Written before emit is called.
					if data, err := os.ReadFile(o.Path); err != nil || len(data) != o.Bytes || hash(data) != o.SHA256 {
						t.Errorf("%s: when emitted, %s holds %d bytes (err %v), want the %d of its output", r.Source.Name, o.Path, len(data), err, o.Bytes)
					}
				}
				if want := r.Err != nil; (r.Status == Failed) != want {
					t.Errorf("%s: status %s with error %v", r.Source.Name, r.Status, r.Err)
				}
			})
			if err != nil {
				t.Errorf("Run without a manifest: %v", err)
			}
			compareEmitted(t, got, want)
			for _, s := range srcs[1:2] { // bad.toml wrote nothing
				if _, err := os.Stat(s.Path(Output{Kind: Worksheet})); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s: a file with errors wrote %s (err %v)", s.Name, s.Path(Output{Kind: Worksheet}), err)
				}
			}
		})
	}
}

// compareEmitted reports the differences between what Run emitted and what
// was wanted: errors need only contain the wanted error's text.
func compareEmitted(t *testing.T, got, want []emitted) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("emit called %d times, want %d: %v", len(got), len(want), got)
	}
	for i, g := range got {
		w := want[i]
		if g.name != w.name || !slices.Equal(g.kinds, w.kinds) || (g.err == nil) != (w.err == nil) ||
			(g.err != nil && !strings.Contains(g.err.Error(), w.err.Error())) {
			t.Errorf("emit %d: %s %v %v, want %s %v %v", i, g.name, g.kinds, g.err, w.name, w.kinds, w.err)
		}
	}
}

// TestBatchRunWriteError builds files whose PDFs cannot be written, since a
// folder is in their place: a failed PDF stops the file's later PDF, and
// the next file is built and written as usual.
func TestBatchRunWriteError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var srcs []Source
	for _, name := range []string{"a", "b", "c"} {
		copyTestdata(t, "small.toml", filepath.Join(dir, name+".toml"))
		srcs = append(srcs, Source{Name: filepath.Join(dir, name+".toml"), Out: filepath.Join(out, name)})
	}
	mustWrite(t, filepath.Join(out, "a.pdf", "keep"), "keep")
	mustWrite(t, filepath.Join(out, "b-summary.pdf", "keep"), "keep")
	want := []emitted{
		{srcs[0].Name, nil, errors.New("writing " + filepath.Join(out, "a.pdf"))},
		{srcs[1].Name, []Kind{Worksheet}, errors.New("writing " + filepath.Join(out, "b-summary.pdf"))},
		{srcs[2].Name, []Kind{Worksheet, Summary}, nil},
	}
	var got []emitted
	b := Batch{Options: Options{Time: testTime}, Jobs: 2}
	b.Run(t.Context(), srcs, func(r Result) { got = append(got, emittedOf(r)) })
	compareEmitted(t, got, want)
	if _, err := os.Stat(filepath.Join(out, "a-summary.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a-summary.pdf was written after a.pdf failed (err %v)", err)
	}
}

func TestBatchNone(t *testing.T) {
	var b Batch
	b.Run(t.Context(), nil, func(r Result) { t.Errorf("emit(%v) for no sources", r) })
	b.Check(t.Context(), nil, func(r Result) { t.Errorf("emit(%v) for no sources", r) })
}

func TestDefaultJobs(t *testing.T) {
	if n := DefaultJobs(); n < 1 {
		t.Errorf("DefaultJobs() = %d, want at least 1", n)
	}
}

// copyTestdata copies testdata/name to dst.
func copyTestdata(t *testing.T, name, dst string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dst, string(data))
}
