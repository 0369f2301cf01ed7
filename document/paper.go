package document

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Paper is a sheet size in points, already turned for its orientation.
type Paper struct {
	// Name is the paper's canonical name: one of the named papers ("A4",
	// "A5", "A3", "B5", "Letter", "Legal" or "Tabloid"), or a custom size
	// as WIDTHxHEIGHT and its unit, in lower case, such as "210x297mm" or
	// "8.5x11in", its sides as the file gives them.
	Name          string
	Landscape     bool    // true for orientation = "landscape"
	Width, Height float64 // in points, Width > Height when Landscape
}

// papers are the named paper sizes, portrait, in millimetres, in the order
// the content format lists them. B5 is ISO B5; Tabloid is 11x17 in.
var papers = []struct {
	name string
	w, h float64
}{
	{"A4", 210, 297},
	{"A5", 148, 210},
	{"A3", 297, 420},
	{"B5", 176, 250},
	{"Letter", 215.9, 279.4},
	{"Legal", 215.9, 355.6},
	{"Tabloid", 279.4, 431.8},
}

// The limits of each side of a custom paper size, in millimetres.
const (
	MinPaperMM = 50
	MaxPaperMM = 1000
)

// MinTextMM is the least width and height, in millimetres, of the text
// area a paper leaves inside the margins (see Paper.TextArea).
const MinTextMM = 40

// TextArea returns the width and height in millimetres of the area inside
// margins of marginMM on every side of p.
func (p Paper) TextArea(marginMM float64) (w, h float64) {
	return p.Width*25.4/72 - 2*marginMM, p.Height*25.4/72 - 2*marginMM
}

// The errors of ParsePaper, which it wraps with the details.
var (
	// ErrUnknownPaper is a name that is neither a named paper nor a size.
	ErrUnknownPaper = errors.New("unknown paper")
	// ErrPaperFormat is a size that is not WIDTHxHEIGHT and a unit.
	ErrPaperFormat = errors.New("not a paper size")
	// ErrPaperRange is a size with a side out of MinPaperMM..MaxPaperMM.
	ErrPaperRange = errors.New("paper size out of range")
)

// paperUnits are the units a custom size may be in, in millimetres.
var paperUnits = map[string]float64{"mm": 1, "in": 25.4}

// customSize matches a custom size, trimmed and in lower case: two
// decimal numbers, "x" between them, then a unit; spaces and tabs may
// separate the parts.
var customSize = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)[ \t]*x[ \t]*([0-9]+(?:\.[0-9]+)?)[ \t]*(mm|in)$`)

// PaperSize returns the paper called name with its size in points, turned
// for landscape; ok is false for any name that ParsePaper refuses.
func PaperSize(name string, landscape bool) (p Paper, ok bool) {
	p, err := ParsePaper(name, landscape)
	return p, err == nil
}

// ParsePaper returns the paper called name, surrounding white space
// ignored: a named paper ("A4", "A5", "A3", "B5", "Letter", "Legal" or
// "Tabloid", in any case), or a custom size such as "210x297mm" or
// "8.5 x 11 in" (in millimetres or inches, each side from MinPaperMM to
// MaxPaperMM). Its size is in points, the short side across unless
// landscape, whatever the order of the sides. The error wraps
// ErrUnknownPaper, ErrPaperFormat or ErrPaperRange.
func ParsePaper(name string, landscape bool) (Paper, error) {
	s := strings.TrimSpace(name)
	for _, n := range papers {
		if strings.EqualFold(s, n.name) {
			return turned(n.name, n.w, n.h, landscape), nil
		}
	}
	if !looksLikeSize(s) {
		return Paper{}, fmt.Errorf("%w %q", ErrUnknownPaper, name)
	}
	m := customSize.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return Paper{}, fmt.Errorf("%w: %q", ErrPaperFormat, name)
	}
	unit := paperUnits[m[3]]
	w, errW := strconv.ParseFloat(m[1], 64)
	h, errH := strconv.ParseFloat(m[2], 64)
	if errW != nil || errH != nil {
		return Paper{}, fmt.Errorf("%w: %q", ErrPaperFormat, name)
	}
	for _, side := range []float64{w, h} {
		if mm := side * unit; mm < MinPaperMM || mm > MaxPaperMM {
			return Paper{}, fmt.Errorf("%w: %q has a side of %s mm", ErrPaperRange, name, fmtFloat(round1(mm)))
		}
	}
	canon := fmtFloat(w) + "x" + fmtFloat(h) + m[3]
	return turned(canon, w*unit, h*unit, landscape), nil
}

// looksLikeSize reports whether s, trimmed, is meant as a custom size:
// it starts with a digit or a decimal point.
func looksLikeSize(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}

// turned returns the paper name of sides a and b millimetres, in either
// order, in points: the short side across unless landscape.
func turned(name string, a, b float64, landscape bool) Paper {
	w, h := min(a, b)*72/25.4, max(a, b)*72/25.4
	if landscape {
		w, h = h, w
	}
	return Paper{Name: name, Landscape: landscape, Width: w, Height: h}
}

// round1 rounds f to one decimal place.
func round1(f float64) float64 { return math.Round(f*10) / 10 }
