package fonts

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"handout/internal/pdftool"

	"codeberg.org/go-pdf/fpdf"
)

// The tests' outside fonts and tools: missing, they skip the tests that
// need them with a message, except under CI=true, where .ci/run installs
// them and their absence is a failure.

// droidPath is DroidSansFallbackFull.ttf of Debian's fonts-droid-fallback.
const droidPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// cjkSampleFile is the font in testdata made from Droid Sans Fallback by
// internal/cjksample.
const cjkSampleFile = "cjk-sample.ttf"

var droidOnce = sync.OnceValues(func() (*Font, error) {
	data, err := os.ReadFile(droidPath)
	if err != nil {
		return nil, err
	}
	return Parse(droidPath, data)
})

// droid returns DroidSansFallbackFull, parsed once.
func droid(t testing.TB) *Font {
	t.Helper()
	if _, err := os.Stat(droidPath); err != nil {
		pdftool.Missing(t, droidPath, "fonts-droid-fallback")
	}
	f, err := droidOnce()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// cjkSample returns the font testdata/cjk-sample.ttf.
func cjkSample(t testing.TB) *Font {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", cjkSampleFile))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(cjkSampleFile, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// python finds a Python 3 with fontTools (Debian's python3-fonttools):
// the python3 on PATH, or else Debian's own.
var python = sync.OnceValue(func() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import fontTools").Run() == nil {
			return p
		}
	}
	return ""
})

// strictParse is the check fontTools makes of each font file named on its
// command line: read with every table checksum checked, and every table
// decompiled, every glyph included. It prints one line for each file that
// fails.
const strictParse = `
import sys
from fontTools.ttLib import TTFont
for path in sys.argv[1:]:
    try:
        print('checking', path, file=sys.stderr, flush=True)
        font = TTFont(path, checkChecksums=2, lazy=False)
        font.ensureDecompiled()
        glyf = font['glyf']
        for name in font.getGlyphOrder():
            glyf[name].expand(glyf)
    except Exception as e:
        print('%s: %s: %s' % (path, type(e).__name__, e))
`

// checkFontTools has fontTools parse each font strictly, and fails the
// test for each it refuses.
func checkFontTools(t *testing.T, fonts map[string][]byte) {
	t.Helper()
	for _, p := range fontToolsProblems(t, fonts) {
		t.Errorf("fontTools: %s", p)
	}
}

// fontToolsProblems has fontTools parse each font strictly, and returns
// what it says of those it refuses or warns about.
func fontToolsProblems(t *testing.T, fonts map[string][]byte) []string {
	t.Helper()
	py := python()
	if py == "" {
		pdftool.Missing(t, "Python 3 with fontTools", "python3-fonttools")
	}
	dir := t.TempDir()
	args := []string{"-c", strictParse}
	for name, data := range fonts {
		p := filepath.Join(dir, name+".ttf")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fontTools: %v\n%s%s", err, out, &stderr)
	}
	// Refusals on standard output, warnings on standard error, after the
	// name of the file they are about: both fail.
	file := ""
	var problems []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)+"\n"+stderr.String()), "\n") {
		line = strings.ReplaceAll(line, dir+string(filepath.Separator), "")
		if name, ok := strings.CutPrefix(line, "checking "); ok {
			file = name
		} else if line != "" {
			problems = append(problems, file+": "+line)
		}
	}
	return problems
}

// writerFont has the PDF writer draw text with ttf, as render does, and
// returns the font program it embeds (its own cut of ttf). The writer
// must print nothing: it reports fonts it finds fault with on standard
// output, where handout build - writes the PDF.
func writerFont(t *testing.T, ttf []byte, text string) []byte {
	t.Helper()
	stdout := os.Stdout
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = w
	printed := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		printed <- b
	}()
	defer func() {
		os.Stdout = stdout
		w.Close()
		if b := <-printed; len(b) > 0 {
			t.Errorf("the PDF writer printed %q", b)
		}
	}()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes("f", "", ttf)
	pdf.SetFont("f", "", 10)
	pdf.AddPage()
	pdf.Text(10, 10, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return fontFile2(t, buf.Bytes())
}

var (
	fontFileRef = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
	streamDict  = regexp.MustCompile(`(?s)^<<(.*?)>>\s*stream\r?\n`)
	lengthKey   = regexp.MustCompile(`/Length (\d+)`)
)

// fontFile2 returns the decompressed font program of the one TrueType font
// of an uncompressed-xref PDF written by fpdf.
func fontFile2(t *testing.T, pdf []byte) []byte {
	t.Helper()
	m := fontFileRef.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no /FontFile2 in the PDF")
	}
	at := bytes.Index(pdf, []byte("\n"+string(m[1])+" 0 obj\n"))
	if at < 0 {
		t.Fatalf("no object %s in the PDF", m[1])
	}
	rest := pdf[at+len(m[1])+8:]
	d := streamDict.FindSubmatchIndex(rest)
	if d == nil {
		t.Fatal("the font file is not a stream")
	}
	l := lengthKey.FindSubmatch(rest[d[2]:d[3]])
	if l == nil {
		t.Fatal("the font file has no /Length")
	}
	n, _ := strconv.Atoi(string(l[1]))
	r, err := zlib.NewReader(bytes.NewReader(rest[d[1] : d[1]+n]))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sameCoordinates is the check fontTools makes of pairs of font files on
// its command line, a whole font and a subset of it: every rune of the
// subset has a glyph of the same points (rounded as fontTools rounds them),
// on or off the curve alike, in the same contours, as its glyph in the
// whole font. It prints a line for each rune that differs.
const sameCoordinates = `
import sys
from fontTools.ttLib import TTFont
args = sys.argv[1:]
for whole, part in zip(args[0::2], args[1::2]):
    a, b = TTFont(whole), TTFont(part)
    ga, gb = a['glyf'], b['glyf']
    for r, name in sorted(b.getBestCmap().items()):
        if r == 0:
            continue
        want = ga[a.getBestCmap()[r]].getCoordinates(ga)
        have = gb[name].getCoordinates(gb)
        want[0].toInt()
        if list(want[0]) != list(have[0]) or list(want[1]) != list(have[1]) or [f & 1 for f in want[2]] != [f & 1 for f in have[2]]:
            print('%s U+%04X: %s, want %s' % (part, r, list(have[0])[:8], list(want[0])[:8]))
`

// checkFlattened has fontTools compare the glyphs of subsets with those
// of the whole fonts, given as pairs.
func checkFlattened(t *testing.T, pairs [][2][]byte) {
	t.Helper()
	py := python()
	if py == "" {
		pdftool.Missing(t, "Python 3 with fontTools", "python3-fonttools")
	}
	dir := t.TempDir()
	args := []string{"-c", sameCoordinates}
	for i, p := range pairs {
		for j, data := range p {
			name := filepath.Join(dir, fmt.Sprintf("%d-%d.ttf", i, j))
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, name)
		}
	}
	out, err := exec.Command(py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("fontTools: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, line := range lines {
		if line == "" {
			continue
		}
		if i == 20 {
			t.Fatalf("and %d more", len(lines)-i)
		}
		t.Errorf("fontTools: %s", line)
	}
}
