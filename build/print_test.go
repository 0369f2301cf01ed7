package build

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/document"
	"handout/internal/pdftool"
)

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

func TestPrintFlagsOver(t *testing.T) {
	at := document.Pos{Line: 9, Column: 1}
	file := document.Print{BleedMM: 3, Marks: true, Impose: document.Booklet, Gray: true, Versions: 3, VersionsPos: at}
	tests := []struct {
		name  string
		flags PrintFlags
		want  document.Print
		str   string
	}{
		{"none: the file's", PrintFlags{}, file, ""},
		{"every one", PrintFlags{BleedMM: ptr(0.0), Marks: ptr(false), Impose: ptr(document.TwoUp), Gray: ptr(false), Versions: ptr(0)},
			document.Print{Impose: document.TwoUp, VersionsPos: at}, "--bleed 0 --marks=false --impose 2up --gray=false --versions 0"},
		{"versions only", PrintFlags{Versions: ptr(4)}, document.Print{BleedMM: 3, Marks: true, Impose: document.Booklet, Gray: true, Versions: 4, VersionsPos: at},
			"--versions 4"},
		{"bleed only", PrintFlags{BleedMM: ptr(5.5)}, document.Print{BleedMM: 5.5, Marks: true, Impose: document.Booklet, Gray: true, Versions: 3, VersionsPos: at}, "--bleed 5.5"},
		{"impose none", PrintFlags{Impose: ptr(document.NoImpose)}, document.Print{BleedMM: 3, Marks: true, Gray: true, Versions: 3, VersionsPos: at}, "--impose none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.flags.Over(file); got != tt.want {
				t.Errorf("Over = %+v, want %+v", got, tt.want)
			}
			if got := tt.flags.String(); got != tt.str {
				t.Errorf("String = %q, want %q", got, tt.str)
			}
		})
	}
}

// TestOutputsImpose checks that both imposed copies are checked for
// clashes whatever the flags, since a file's own [print] table may ask for
// one.
func TestOutputsImpose(t *testing.T) {
	for _, impose := range []*document.Impose{nil, ptr(document.NoImpose), ptr(document.TwoUp), ptr(document.Booklet)} {
		got := (Options{Print: PrintFlags{Impose: impose, Versions: ptr(0)}}).Outputs()
		if want := []Output{{Kind: Worksheet}, {Kind: Summary}, {Kind: TwoUp}, {Kind: Booklet}}; !slices.Equal(got, want) {
			t.Errorf("impose %v: Outputs = %v, want %v", impose, got, want)
		}
	}
	dir := t.TempDir()
	for _, f := range []string{"a.toml", "a-2up.toml"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Sources([]string{dir}, "out", Options{}.Outputs()...); err == nil || !strings.Contains(err.Error(), "a-2up.pdf") {
		t.Errorf("a.toml, which may ask for a 2-up copy, and a-2up.toml: error %v, want one naming a-2up.pdf", err)
	}
}

// printed is a worksheet with a [print] table.
const printed = `[worksheet]
title = "Boxes"
[[section]]
heading = "One"
[[section.block]]
text = "Some text."
[print]
bleed_mm = 5
marks = true
`

// mediaAndTrim returns the MediaBox and TrimBox of page 1 of pdf, as
// pdfinfo -box reads them.
func mediaAndTrim(t *testing.T, pdf []byte) (media, trim [4]float64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := pdftool.Run(t, "pdfinfo", "-box", "-f", "1", "-l", "1", path)
	read := func(name string) (b [4]float64) {
		m := regexp.MustCompile(name + `: +([-\d.]+) +([-\d.]+) +([-\d.]+) +([-\d.]+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("pdfinfo shows no %s:\n%s", name, out)
		}
		for i := range b {
			b[i], _ = strconv.ParseFloat(m[1+i], 64)
		}
		return b
	}
	return read("MediaBox"), read("TrimBox")
}

// TestFlagsOverrideFile builds a file whose [print] asks for a 5 mm bleed
// and marks, as it is and with flags that override it.
func TestFlagsOverrideFile(t *testing.T) {
	const mm = 72 / 25.4
	tests := []struct {
		name   string
		flags  PrintFlags
		margin float64 // from the trim to the media box, in mm: 0 without boxes
	}{
		{"the file's bleed and marks", PrintFlags{}, 5 + 1 + 5 + 3},
		{"--bleed 3", PrintFlags{BleedMM: ptr(3.0)}, 3 + 1 + 5 + 3},
		{"--marks=false", PrintFlags{Marks: ptr(false)}, 5},
		{"--bleed 0 --marks=false", PrintFlags{BleedMM: ptr(0.0), Marks: ptr(false)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := File("x.toml", []byte(printed), Options{Time: testTime, Print: tt.flags})
			if err != nil {
				t.Fatal(err)
			}
			media, trim := mediaAndTrim(t, outs[0].PDF)
			m := tt.margin * mm
			if math.Abs(trim[0]-m) > 0.1 || math.Abs(media[2]-trim[2]-m) > 0.1 || math.Abs(trim[2]-trim[0]-595.28) > 0.1 {
				t.Errorf("MediaBox %v, TrimBox %v: want an A4 trim %v pt inside", media, trim, m)
			}
		})
	}
}
