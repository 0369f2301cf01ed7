package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/internal/pdftool"
)

// TestE2EImpose builds worksheets of 1, 2, 3, 5 and 8 pages with --impose
// 2up and booklet, bleed and marks, and reads each sheet's page numbers
// back from its footers with pdftotext: reading order for 2-up, saddle
// stitch for a booklet.
func TestE2EImpose(t *testing.T) {
	for _, pages := range []int{1, 2, 3, 5, 8} {
		dir := t.TempDir()
		src := filepath.Join(dir, "w.toml")
		write(t, src, pagedWorksheet(pages))
		out := filepath.Join(dir, "out")
		code, _, stderr := runHandout(t, fixedEnv, "build", "-o", out, "--impose", "2up", src)
		if code != 0 {
			t.Fatalf("%d pages, 2up: exit %d\n%s", pages, code, stderr)
		}
		if got := pdftool.Run(t, "pdfinfo", filepath.Join(out, "w.pdf")); !strings.Contains(got, fmt.Sprintf("Pages:           %d\n", pages)) {
			t.Fatalf("the fixture has not %d pages:\n%s", pages, got)
		}
		want2up := [][]string{}
		for p := 1; p <= pages; p += 2 {
			side := []string{strconv.Itoa(p)}
			if p+1 <= pages {
				side = append(side, strconv.Itoa(p+1))
			}
			want2up = append(want2up, side)
		}
		checkSheets(t, filepath.Join(out, "w-2up.pdf"), want2up)

		code, _, stderr = runHandout(t, fixedEnv, "build", "-o", out, "--impose", "booklet", "--bleed", "3", "--marks", src)
		if code != 0 {
			t.Fatalf("%d pages, booklet: exit %d\n%s", pages, code, stderr)
		}
		checkSheets(t, filepath.Join(out, "w-booklet.pdf"), bookletOrder(pages))
		pdftool.Run(t, "qpdf", "--check", filepath.Join(out, "w-booklet.pdf"))
	}
}

// checkSheets compares the page numbers that each sheet of the PDF at path
// shows in its footers, left to right, with want.
func checkSheets(t *testing.T, path string, want [][]string) {
	t.Helper()
	re := regexp.MustCompile(`folio (\d+)`)
	var got [][]string
	for s := 1; s <= len(want); s++ {
		text := pdftool.Run(t, "pdftotext", "-f", strconv.Itoa(s), "-l", strconv.Itoa(s), "-layout", path, "-")
		var side []string
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			side = append(side, m[1])
		}
		got = append(got, side)
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s: sheets show pages %q, want %q", filepath.Base(path), got, want)
	}
}

// bookletOrder returns the pages on each side of a saddle-stitched
// booklet of n pages, padded with blanks to a multiple of four, which
// show no page number.
func bookletOrder(n int) [][]string {
	padded := (n + 3) / 4 * 4
	num := func(p int) []string {
		if p > n {
			return nil
		}
		return []string{strconv.Itoa(p)}
	}
	var sides [][]string
	for k := 0; k < padded/4; k++ {
		sides = append(sides,
			append(num(padded-2*k), num(2*k+1)...),
			append(num(2*k+2), num(padded-2*k-1)...))
	}
	return sides
}

// pagedWorksheet returns a worksheet of exactly n pages: a notes box that
// fills each page.
func pagedWorksheet(n int) string {
	var b strings.Builder
	b.WriteString("[worksheet]\ntitle = \"Paged\"\nfooter = \"folio {page}\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[section]]\nheading = \"Part %d\"\n\n[[section.block]]\nnotes = \"Write.\"\nlines = \"fill\"\n", i+1)
	}
	return b.String()
}

// TestE2EGray builds the example in gray from the flag and from the file's
// [print] table, and in colour when the flag turns the file's gray off.
func TestE2EGray(t *testing.T) {
	dir := t.TempDir()
	seed := string(readFile(t, filepath.Join("content", "end-of-the-purges.toml")))
	grayFile := filepath.Join(dir, "gray.toml")
	write(t, grayFile, seed+"\n[print]\ngray = true\n")
	colourFile := filepath.Join(dir, "colour.toml")
	write(t, colourFile, seed)
	tests := []struct {
		name string
		args []string
		pdf  string
		gray bool
	}{
		{"--gray", []string{"--gray", colourFile}, "colour.pdf", true},
		{"[print] gray", []string{grayFile}, "gray.pdf", true},
		{"--gray=false over [print]", []string{"--gray=false", grayFile}, "gray.pdf", false},
		{"neither", []string{colourFile}, "colour.pdf", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"build", "-o", out}, tt.args...)
			if code, _, stderr := runHandout(t, fixedEnv, args...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, pdf := range []string{tt.pdf, strings.TrimSuffix(tt.pdf, ".pdf") + "-summary.pdf"} {
				non := pdftool.NonGray(t, filepath.Join(out, pdf))
				if tt.gray != (len(non) == 0) {
					t.Errorf("%s: colour operators %q; want gray %v", pdf, non, tt.gray)
				}
			}
		})
	}
}

// TestE2EPrintReproducible builds with every print option, and every
// edition, twice into two folders: the same bytes each time, and each PDF
// sound by qpdf.
func TestE2EPrintReproducible(t *testing.T) {
	src := filepath.Join("build", "testdata", "images.toml")
	args := []string{"--answers", "--large-print", "--bleed", "3", "--marks", "--gray", src}
	var dirs []string
	for range 2 {
		out := filepath.Join(t.TempDir(), "out")
		if code, _, stderr := runHandout(t, fixedEnv, append([]string{"build", "--impose", "booklet", "-o", out}, args...)...); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		dirs = append(dirs, out)
	}
	pdfs := tree(t, dirs[0])
	if len(pdfs) < 4 {
		t.Fatalf("wrote %q, want the worksheet, its editions and the booklet", pdfs)
	}
	for _, f := range pdfs {
		a, b := readFile(t, filepath.Join(dirs[0], f)), readFile(t, filepath.Join(dirs[1], f))
		if string(a) != string(b) {
			t.Errorf("%s differs between two builds, first at byte %d", f, firstDiff(a, b))
		}
		pdftool.Run(t, "qpdf", "--check", filepath.Join(dirs[0], f))
	}
}
