package fonts

//go:generate go run ./internal/cjksample/mkcjksample -o testdata/cjk-sample.ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"path"
	"strings"
	"sync"
)

// Limits on the fonts Parse accepts. Fonts may come from a stranger's pull
// request; with these limits, parsing one costs time and memory linear in
// its size, and no more than a few tens of milliseconds.
const (
	// MaxSize is the largest font file Parse accepts, in bytes: room for
	// the largest TrueType fonts for Chinese, Japanese and Korean (10 to
	// 25 MB).
	MaxSize = 32 << 20
	// maxTables is the most tables a font may have; fonts have 10 to 30.
	maxTables = 128
	// maxComponentDepth is how deeply composite glyphs may nest, and
	// maxComponents how many glyphs one glyph may be built from, counting
	// repeats: the PDF writer visits every component of every glyph drawn,
	// recursively, so nesting must end and stay small. Real fonts nest to
	// depth 4 with trees of up to about 20 glyphs.
	maxComponentDepth = 8
	maxComponents     = 256
)

// MaxRune is the last rune the PDF writer can draw. It writes text as
// 16-bit character codes, so runes beyond the Basic Multilingual Plane
// (emoji, historic scripts, rare CJK ideographs) cannot be drawn whatever
// the font. U+0000 and U+FFFF are never drawn either.
const MaxRune = 0xFFFF

// The kinds of error Parse returns, for errors.Is. Each error's message
// says what is wrong with the font and what to use instead.
var (
	ErrTooLarge   = errors.New("font file too large")
	ErrCFF        = errors.New("OpenType font with PostScript (CFF) outlines")
	ErrCollection = errors.New("font collection")
	ErrWOFF       = errors.New("WOFF web font")
	ErrNotFont    = errors.New("not a TrueType font")
	ErrNoUnicode  = errors.New("no Unicode character map")
	ErrNoEmbed    = errors.New("licence forbids embedding")
	ErrBroken     = errors.New("broken font")
)

// Error is an error of Parse: the font cannot be used, and why.
type Error struct {
	Name string // the name given to Parse: the font's file
	Kind error  // one of the Err values above
	Msg  string // what is wrong, and the fix
}

func (e *Error) Error() string { return e.Name + ": " + e.Msg }

// Unwrap returns the kind of error, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// A Font is a TrueType font that text can be measured with and embedded in
// a PDF: one of the embedded Liberation faces (Face.Font) or a font file
// read with Parse. A *Font is what a piece of text is set in: as a pointer
// it is comparable, a map key, and cheap to copy. Its methods are safe for
// concurrent use.
//
// Two Parse calls give two Fonts, even of the same bytes: parse each file
// once and share the *Font.
type Font struct {
	name    string // the PostScript name, made safe for a PDF name
	source  string // the name given to Parse, for messages
	face    Face   // the embedded face, if builtin
	builtin bool
	ttf     []byte

	tables    map[string][]byte
	upem      int
	numGlyphs int
	numH      int      // hhea numberOfHMetrics
	offsets   []uint32 // glyph g is glyf[offsets[g]:offsets[g+1]]
	cmap      cmap
	metrics   Metrics
	names     func() []byte // the name table of subsets, made once
}

// Parse reads a TrueType font (.ttf) for measuring and embedding. name is
// its file, used in error messages, and as the PostScript name if the font
// has none. data must not be changed while the Font is in use.
//
// Parse checks everything the PDF writer and the subsetter will read, so
// that a font it accepts can be embedded: the table directory, the tables
// head, hhea, maxp, hmtx, OS/2, post, name, cmap (a Unicode subtable of
// format 4 or 12), loca and every glyph in glyf (composite glyphs
// included, which must not contain themselves, nest more than 8 deep or
// be built from more than 256 glyphs). It rejects, saying so and what to
// use instead: OpenType fonts with CFF outlines, collections, WOFF and
// WOFF2, files larger than MaxSize, fonts without a Unicode character
// map, fonts whose licence bits forbid embedding or subsetting, and
// broken files.
func Parse(name string, data []byte) (*Font, error) {
	f := &Font{source: name, ttf: data}
	if err := f.parse(); err != nil {
		return nil, err
	}
	return f, nil
}

// errorf returns an Error of kind for the font.
func (f *Font) errorf(kind error, format string, args ...any) error {
	return &Error{Name: f.source, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// broken returns an ErrBroken error about table tag.
func (f *Font) broken(tag string, format string, args ...any) error {
	return f.errorf(ErrBroken, "the font file is damaged: %s table: %s; download the font again, or use another one",
		strings.TrimSpace(tag), fmt.Sprintf(format, args...))
}

func (f *Font) parse() error {
	if len(f.ttf) > MaxSize {
		return f.errorf(ErrTooLarge, "the font file is %.1f MB, more than the %d MB a font may have: use a font with fewer characters, or a subset of it with the characters the worksheets need",
			float64(len(f.ttf))/(1<<20), MaxSize>>20)
	}
	if err := f.checkSignature(); err != nil {
		return err
	}
	if err := f.readDirectory(); err != nil {
		return err
	}
	for _, step := range []func() error{f.readHead, f.readMaxp, f.readHhea, f.readOS2, f.readPost, f.readLoca, f.checkGlyphs, f.readCmap, f.readName} {
		if err := step(); err != nil {
			return err
		}
	}
	f.names = sync.OnceValue(f.nameTable)
	return f.readMetrics()
}

// checkSignature rejects the kinds of font file that are not TrueType,
// by their first four bytes.
func (f *Font) checkSignature() error {
	if len(f.ttf) < 4 {
		return f.errorf(ErrNotFont, "not a font file (it has %d bytes): use a TrueType font (.ttf)", len(f.ttf))
	}
	switch tag := string(f.ttf[:4]); tag {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return f.errorf(ErrCFF, "an OpenType font with PostScript (CFF) outlines, which the PDF writer cannot embed: use the TrueType (.ttf) version of the font, or convert its outlines to TrueType (fontTools' otf2ttf does)")
	case "ttcf":
		return f.errorf(ErrCollection, "a font collection (.ttc or .otc), which holds several fonts: use the TrueType file (.ttf) of the one font you want (fontTools can extract it)")
	case "wOFF", "wOF2":
		return f.errorf(ErrWOFF, "a WOFF web font, compressed for browsers: use the TrueType (.ttf) file of the font, which most font sites offer, or decompress it to .ttf (fontTools can)")
	default:
		what := "not a TrueType font"
		switch {
		case strings.HasPrefix(tag, "PK"):
			what = "a zip archive, not a font: unzip it and name the .ttf file inside"
		case tag == "%PDF":
			what = "a PDF file, not a font"
		case strings.HasPrefix(tag, "%!"), strings.HasPrefix(tag, "\x80\x01"):
			what = "a PostScript Type 1 font, which the PDF writer cannot embed"
		}
		return f.errorf(ErrNotFont, "%s: use a TrueType font (.ttf)", what)
	}
}

// readDirectory reads the table directory into f.tables, checking that
// every table lies inside the file.
func (f *Font) readDirectory() error {
	data := f.ttf
	if len(data) < 12 {
		return f.broken("the", "the file ends in its header")
	}
	num := int(binary.BigEndian.Uint16(data[4:]))
	if num > maxTables {
		return f.broken("the", "%d tables, more than %d", num, maxTables)
	}
	if len(data) < 12+16*num {
		return f.broken("the", "the file ends in its table directory")
	}
	f.tables = make(map[string][]byte, num)
	for i := range num {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return f.broken(tag, "it lies past the end of the file")
		}
		if _, dup := f.tables[tag]; dup {
			return f.broken(tag, "it is in the directory twice")
		}
		f.tables[tag] = data[off : off+length]
	}
	if f.tables["glyf"] == nil || f.tables["loca"] == nil {
		if f.tables["CFF "] != nil || f.tables["CFF2"] != nil {
			return f.errorf(ErrCFF, "an OpenType font with PostScript (CFF) outlines, which the PDF writer cannot embed: use the TrueType (.ttf) version of the font, or convert its outlines to TrueType (fontTools' otf2ttf does)")
		}
		return f.errorf(ErrNotFont, "a font without TrueType outlines (no glyf and loca tables), such as a bitmap or colour emoji font, which the PDF writer cannot embed: use a TrueType font with outlines")
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "post"} {
		if f.tables[tag] == nil {
			return f.broken(tag, "it is missing")
		}
	}
	return nil
}

func u16(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
func i16(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
func u32(b []byte, at int) int { return int(binary.BigEndian.Uint32(b[at:])) }

func (f *Font) readHead() error {
	head := f.tables["head"]
	if len(head) < 54 {
		return f.broken("head", "%d bytes, fewer than 54", len(head))
	}
	if u32(head, 12) != 0x5F0F3CF5 {
		return f.broken("head", "wrong magic number")
	}
	f.upem = u16(head, 18)
	if f.upem < 16 || f.upem > 16384 {
		return f.broken("head", "%d units per em, not between 16 and 16384", f.upem)
	}
	if l := i16(head, 50); l != 0 && l != 1 {
		return f.broken("head", "unknown loca format %d", l)
	}
	if g := i16(head, 52); g != 0 {
		return f.broken("head", "unknown glyph data format %d", g)
	}
	return nil
}

func (f *Font) readMaxp() error {
	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return f.broken("maxp", "%d bytes, fewer than 6", len(maxp))
	}
	if v := u32(maxp, 0); v == 0x00010000 && len(maxp) < 32 {
		return f.broken("maxp", "version 1.0 in %d bytes, fewer than 32", len(maxp))
	}
	f.numGlyphs = u16(maxp, 4)
	if f.numGlyphs < 1 {
		return f.broken("maxp", "no glyphs")
	}
	return nil
}

func (f *Font) readHhea() error {
	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return f.broken("hhea", "%d bytes, fewer than 36", len(hhea))
	}
	if d := i16(hhea, 32); d != 0 {
		return f.broken("hhea", "unknown metric data format %d", d)
	}
	f.numH = u16(hhea, 34)
	if f.numH < 1 || f.numH > f.numGlyphs {
		return f.broken("hhea", "%d horizontal metrics for %d glyphs", f.numH, f.numGlyphs)
	}
	if need := 4*f.numH + 2*(f.numGlyphs-f.numH); len(f.tables["hmtx"]) < need {
		return f.broken("hmtx", "%d bytes, fewer than the %d its %d glyphs need", len(f.tables["hmtx"]), need, f.numGlyphs)
	}
	return nil
}

// os2Sizes are the sizes of the OS/2 table's versions 0 to 5.
var os2Sizes = [...]int{78, 86, 96, 96, 96, 100}

func (f *Font) readOS2() error {
	os2 := f.tables["OS/2"]
	if os2 == nil {
		return nil // optional: the PDF writer then guesses
	}
	if len(os2) < 2 {
		return f.broken("OS/2", "%d bytes", len(os2))
	}
	v := u16(os2, 0)
	if v >= len(os2Sizes) {
		v = len(os2Sizes) - 1 // a later version has at least version 5's fields
	}
	if len(os2) < os2Sizes[v] {
		return f.broken("OS/2", "version %d in %d bytes, fewer than its %d", u16(os2, 0), len(os2), os2Sizes[v])
	}
	// fsType: bits 0-3 are the embedding licence, the least restrictive
	// set counting; 8 is "no subsetting", 9 "bitmap embedding only".
	fs := u16(os2, 8)
	var why string
	switch {
	case fs&0xF == 0x2:
		why = "restricted licence: the font may not be embedded in documents"
	case fs&0x100 != 0:
		why = "the font may be embedded only whole, not as the subset of the characters a PDF uses"
	case fs&0x200 != 0:
		why = "the font may be embedded only as bitmaps"
	default:
		return nil
	}
	return f.errorf(ErrNoEmbed, "its licence bits (OS/2 fsType %#04x) say %s: use a font whose licence allows embedding, such as one under the SIL Open Font License", fs, why)
}

func (f *Font) readPost() error {
	if post := f.tables["post"]; len(post) < 32 {
		return f.broken("post", "%d bytes, fewer than 32", len(post))
	}
	return nil
}

// readLoca reads the glyph offsets, which must grow and end inside glyf.
func (f *Font) readLoca() error {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	long := i16(f.tables["head"], 50) == 1
	size := 2
	if long {
		size = 4
	}
	n := f.numGlyphs
	if len(loca) < (n+1)*size {
		return f.broken("loca", "%d bytes, fewer than the %d its %d glyphs need", len(loca), (n+1)*size, n)
	}
	f.offsets = make([]uint32, n+1)
	for i := range f.offsets {
		if long {
			f.offsets[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			f.offsets[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if i > 0 && f.offsets[i] < f.offsets[i-1] {
			return f.broken("loca", "glyph %d starts before glyph %d", i, i-1)
		}
	}
	if int64(f.offsets[n]) > int64(len(glyf)) {
		return f.broken("loca", "its glyphs end at byte %d of a glyf table of %d", f.offsets[n], len(glyf))
	}
	return nil
}

// glyph returns the data of glyph g.
func (f *Font) glyph(g int) []byte { return f.tables["glyf"][f.offsets[g]:f.offsets[g+1]] }

// advance returns the advance width of glyph g in font units.
func (f *Font) advance(g int) int {
	hmtx := f.tables["hmtx"]
	if g >= f.numH {
		g = f.numH - 1
	}
	return u16(hmtx, 4*g)
}

// readMetrics sets the vertical metrics, in 1/1000 em: ascent and descent
// from hhea, within the bounding box of head, cap height and x-height from OS/2 (version 2 and later), or
// else from the tops of the glyphs of 'H' and 'x'.
func (f *Font) readMetrics() error {
	m := &f.metrics
	m.font = f
	hhea, head := f.tables["hhea"], f.tables["head"]
	asc, desc := i16(hhea, 4), i16(hhea, 6)
	if yMax := i16(head, 42); yMax > 0 && yMax < asc {
		asc = yMax
	}
	if yMin := i16(head, 38); yMin < 0 && yMin > desc {
		desc = yMin
	}
	m.Ascent, m.Descent = f.thousandths(asc), f.thousandths(desc)
	if os2 := f.tables["OS/2"]; os2 != nil && u16(os2, 0) >= 2 {
		m.XHeight = f.thousandths(i16(os2, 86))
		m.CapHeight = f.thousandths(i16(os2, 88))
		return nil
	}
	top := func(r rune) int {
		if g := f.cmap.lookup(r); g > 0 {
			if data := f.glyph(g); len(data) >= 10 {
				return i16(data, 8) // yMax
			}
		}
		return 0
	}
	m.XHeight, m.CapHeight = f.thousandths(top('x')), f.thousandths(top('H'))
	return nil
}

// thousandths converts a length in font units to 1/1000 em, exactly as the
// PDF writer converts glyph widths: scaled by 1000/unitsPerEm, then
// rounded half away from zero.
func (f *Font) thousandths(v int) int {
	return int(math.Round(1000.0 / float64(f.upem) * float64(v)))
}

// Name returns the font's PostScript name, such as "LiberationSans-Bold",
// cut down to the letters, digits, '-', '_' and '.' that a PDF name can
// hold as they are, and to 63 bytes. A font without one is named after its
// file.
func (f *Font) Name() string { return f.name }

// String returns what the font is called in messages: "sans bold" for an
// embedded face, the name given to Parse for a font file.
func (f *Font) String() string {
	if f.builtin {
		return f.face.String()
	}
	return f.source
}

// TTF returns the font file as it was given: to embed the font, use
// Subset.
func (f *Font) TTF() []byte { return f.ttf }

// Metrics returns the font's metrics.
func (f *Font) Metrics() *Metrics { return &f.metrics }

// Face returns the embedded face that f is, and whether it is one.
func (f *Font) Face() (Face, bool) { return f.face, f.builtin }

// Bold reports whether the font is a bold one, of weight 600 or more: by
// its OS/2 weight class, or, without one, its head table's macStyle.
// Bold text set in a font that is not, such as a fallback for Chinese
// with one weight, is drawn bolder by the PDF (see layout.Text).
func (f *Font) Bold() bool {
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		return u16(os2, 4) >= 600
	}
	return u16(f.tables["head"], 44)&1 != 0
}

// NumGlyphs returns the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// postScriptName makes s fit for a PDF name: the characters other than
// ASCII letters, digits, '-', '_' and '.' left out, at most 63 bytes.
func postScriptName(s string) string {
	var b strings.Builder
	for _, c := range s {
		if b.Len() == 63 {
			break
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// fileName returns a PostScript name made from a file name: its base name
// without the extension.
func fileName(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if s := postScriptName(strings.TrimSuffix(base, path.Ext(base))); s != "" {
		return s
	}
	return "Font"
}
