package fonts

//go:generate go run ./internal/cjksample/mkcjksample -o testdata/cjk-sample.ttf

import (
	"errors"
	"fmt"
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
