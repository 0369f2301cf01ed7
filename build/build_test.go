package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handout/document"
)

var testTime = time.Unix(1700000000, 0).UTC()

func TestSourceTime(t *testing.T) {
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.Local)
	tests := []struct {
		env     string
		want    time.Time
		wantErr bool
	}{
		{env: "", want: now},
		{env: "0", want: time.Unix(0, 0).UTC()},
		{env: "1700000000", want: time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)},
		{env: "253402300799", want: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{env: "253402300800", wantErr: true}, // year 10000
		{env: "-1", wantErr: true},
		{env: "+1700000000", wantErr: true},
		{env: "1700000000.5", wantErr: true},
		{env: " 1700000000", wantErr: true},
		{env: "1700000000\n", wantErr: true},
		{env: "0x10", wantErr: true},
		{env: "1e9", wantErr: true},
		{env: "yesterday", wantErr: true},
		{env: "99999999999999999999", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			getenv := func(k string) string {
				if k != "SOURCE_DATE_EPOCH" {
					t.Errorf("getenv(%q), want only SOURCE_DATE_EPOCH", k)
				}
				return tt.env
			}
			got, err := SourceTime(getenv, func() time.Time { return now })
			if tt.wantErr {
				if err == nil {
					t.Fatalf("SourceTime(%q) = %v, want an error", tt.env, got)
				}
				if !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
					t.Errorf("error %q does not name SOURCE_DATE_EPOCH", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("SourceTime(%q): %v", tt.env, err)
			}
			if !got.Equal(tt.want) || got.Location() != tt.want.Location() {
				t.Errorf("SourceTime(%q) = %v, want %v", tt.env, got, tt.want)
			}
		})
	}
}

func TestFile(t *testing.T) {
	tests := []struct {
		file string
		want []Kind // the outputs' kinds, in order
	}{
		{"small.toml", []Kind{Worksheet, Summary}},
		{"summary-only.toml", []Kind{Summary}},
		{"worksheet-only.toml", []Kind{Worksheet}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			outs, err := File(tt.file, data, Options{Time: testTime, Version: "test"})
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			var got []Kind
			for _, o := range outs {
				got = append(got, o.Kind)
				if !bytes.HasPrefix(o.PDF, []byte("%PDF-")) {
					t.Errorf("output %v does not start with %%PDF-: %.20q", o.Output, o.PDF)
				}
				if !bytes.Contains(o.PDF[max(0, len(o.PDF)-1024):], []byte("%%EOF")) {
					t.Errorf("output %v does not end with %%%%EOF", o.Output)
				}
				if o.Pages < 1 {
					t.Errorf("output %v has %d pages", o.Output, o.Pages)
				}
				if o.Kind == Summary && o.Pages != 1 {
					t.Errorf("summary has %d pages, want 1", o.Pages)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("outputs %v, want %v", got, tt.want)
			}

			// The same input gives the same bytes, whichever goroutine
			// finishes first.
			again, err := File(tt.file, data, Options{Time: testTime, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			for i := range outs {
				if !bytes.Equal(outs[i].PDF, again[i].PDF) {
					t.Errorf("output %v differs between two builds", outs[i].Output)
				}
			}
		})
	}
}

func TestFileContentError(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "bad.toml"))
	if err != nil {
		t.Fatal(err)
	}
	outs, err := File("testdata/bad.toml", data, Options{Time: testTime})
	if err == nil {
		t.Fatalf("File on bad.toml: no error, %d outputs", len(outs))
	}
	if outs != nil {
		t.Errorf("File on bad.toml returned %d outputs with its error", len(outs))
	}
	var errs document.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		t.Fatalf("error %v (%T) is not document.Errors", err, err)
	}
	const want = `testdata/bad.toml:8:1: unknown key "qoute"`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want it to contain %q", err, want)
	}
	if err := Check("testdata/bad.toml", data); !errors.As(err, &errs) {
		t.Errorf("Check on bad.toml: %v, want document.Errors", err)
	}
}

// TestCheck checks every test file: Check must fail exactly when File does,
// layout errors included, without rendering.
func TestCheck(t *testing.T) {
	tests := []struct {
		file    string
		wantErr string // a substring of the error; "" for none
	}{
		{"small.toml", ""},
		{"summary-only.toml", ""},
		{"worksheet-only.toml", ""},
		{"bad.toml", `bad.toml:8:1: unknown key "qoute"`},
		{"cramped.toml", `layout summary: on A5 landscape: panel "Panel 1" has no room`},
		{"../../content/end-of-the-purges.toml", ""},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			name := filepath.Join("testdata", tt.file)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			err = Check(name, data)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Check: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Check: %v, want an error saying %q", err, tt.wantErr)
			}
			if _, ferr := File(name, data, Options{Time: testTime}); (ferr == nil) != (err == nil) || (err != nil && ferr.Error() != err.Error()) {
				t.Errorf("File: %v; Check: %v; want the same", ferr, err)
			}
		})
	}
}

func TestCreator(t *testing.T) {
	for v, want := range map[string]string{"": "handout", "0.1.0": "handout 0.1.0"} {
		if got := creator(v); got != want {
			t.Errorf("creator(%q) = %q, want %q", v, got, want)
		}
	}
}

// BenchmarkFile measures the whole pipeline on the example worksheet:
// content bytes in, both PDFs' bytes out.
func BenchmarkFile(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "content", "end-of-the-purges.toml"))
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Time: testTime, Version: "bench"}
	var pages, size int
	b.ReportAllocs()
	for b.Loop() {
		outs, err := File("end-of-the-purges.toml", data, opt)
		if err != nil {
			b.Fatal(err)
		}
		pages, size = 0, 0
		for _, o := range outs {
			pages += o.Pages
			size += len(o.PDF)
		}
	}
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(size), "pdf-bytes/op")
}
