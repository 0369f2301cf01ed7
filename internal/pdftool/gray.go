package pdftool

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// colourOps are the content-stream operators that set a colour other than
// a DeviceGray one (PDF 32000-1:2008, 8.6.8): RGB, CMYK, and any colour
// space chosen by name.
var colourOps = map[string]bool{
	"rg": true, "RG": true, "k": true, "K": true,
	"cs": true, "CS": true, "sc": true, "SC": true, "scn": true, "SCN": true,
}

// NonGray returns what in the PDF at path is not gray: each colour
// operator in its pages' content streams other than g and G (as "page 1:
// rg"), and each colour space other than /DeviceGray that it names
// (/DeviceRGB, /DeviceCMYK, /ICCBased, /Indexed, …) once decompressed by
// qpdf. It returns nil for a PDF that is gray through and through.
func NonGray(t testing.TB, path string) []string {
	t.Helper()
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	Run(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, cs := range []string{"/DeviceRGB", "/DeviceCMYK", "/CalRGB", "/ICCBased", "/Indexed", "/Separation", "/DeviceN", "/Lab"} {
		if bytes.Contains(data, []byte(cs)) {
			found = append(found, cs)
		}
	}
	for i, content := range pageContents(data) {
		for _, op := range operators(content) {
			if colourOps[op] {
				found = append(found, fmt.Sprintf("page %d: %s", i+1, op))
			}
		}
	}
	return found
}

// contentsRE matches a page's content stream in qpdf's QDF output.
var contentsRE = regexp.MustCompile(`(?s)%% Contents for page \d+\n.*?\nstream\n(.*?)endstream`)

// pageContents returns the content streams of a QDF file's pages, in order.
func pageContents(qdf []byte) [][]byte {
	var out [][]byte
	for _, m := range contentsRE.FindAllSubmatch(qdf, -1) {
		out = append(out, m[1])
	}
	return out
}

// operators returns the operators of a content stream: its words that are
// not numbers, names, strings, arrays or dictionaries.
func operators(s []byte) []string {
	var ops []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '(':
			i = skipString(s, i)
		case c == '<' && i+1 < len(s) && s[i+1] != '<':
			i = skipHex(s, i)
		case strings.IndexByte("<>[]{}", c) >= 0:
			i++
		case c == '%':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case isSpace(c):
			i++
		default:
			j := i + 1 // past a word's first byte, which may be the "/" of a name
			for j < len(s) && !isSpace(s[j]) && strings.IndexByte("()<>[]{}/%", s[j]) < 0 {
				j++
			}
			if w := string(s[i:j]); !strings.HasPrefix(w, "/") && !isNumber(w) {
				ops = append(ops, w)
			}
			i = j
		}
	}
	return ops
}

// skipString returns the index after the literal string starting at s[i],
// "(", with its nested parentheses and backslash escapes.
func skipString(s []byte, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

// skipHex returns the index after the hexadecimal string starting at
// s[i], "<".
func skipHex(s []byte, i int) int {
	if end := bytes.IndexByte(s[i:], '>'); end >= 0 {
		return i + end + 1
	}
	return len(s)
}

func isSpace(c byte) bool { return strings.IndexByte("\x00\t\n\f\r ", c) >= 0 }

// isNumber reports whether w is a PDF number, such as 12, -0.5 or .25.
func isNumber(w string) bool {
	w = strings.TrimLeft(w, "+-")
	digits := 0
	for _, c := range w {
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c != '.':
			return false
		}
	}
	return digits > 0
}

// ImageColours returns the colour of each image that pdfimages -list
// lists in the PDF at path, in order: "gray", "rgb", "cmyk", "index", ….
func ImageColours(t testing.TB, path string) []string {
	t.Helper()
	out := Run(t, "pdfimages", "-list", path)
	// page num type width height color comp bpc enc …
	row := regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+\w+\s+\d+\s+\d+\s+(\S+)\s`)
	var colours []string
	for _, m := range row.FindAllStringSubmatch(out, -1) {
		colours = append(colours, m[1])
	}
	return colours
}
