package pdfua

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxCMapEntries bounds the bfchar and bfrange entries a CMap may have.
const maxCMapEntries = 1 << 16

// A toUnicode is a ToUnicode CMap (ISO 32000-1 9.10.3) read: what each code
// means, as UTF-16 code units.
type toUnicode struct {
	chars  map[string][]uint16 // bfchar, by the code's bytes
	ranges []cmapRange         // bfrange
	// overflowing are the ranges that increment their destination's last
	// byte past 255, which 9.10.3 forbids: "the last byte in the string
	// shall be less than or equal to 255 - (srcCode2 - srcCode1)".
	overflowing []string
}

// A cmapRange is one bfrange.
type cmapRange struct {
	lo, hi uint64     // the first and last codes
	size   int        // bytes per code
	dst    []uint16   // the text of lo; each next code's has its last unit one more
	arr    [][]uint16 // or else the text of each code
}

// readToUnicode reads the bfchar and bfrange sections of a ToUnicode CMap
// with the content tokenizer, which reads a CMap's PostScript as well as it
// needs to.
func readToUnicode(data []byte) (*toUnicode, error) {
	u := &toUnicode{chars: map[string][]uint16{}}
	err := scan(string(data), func(o op) error {
		switch o.name {
		case "endbfchar":
			for i := 0; i+1 < len(o.args); i += 2 {
				src, err1 := hexBytes(o.args[i])
				dst, err2 := hexBytes(o.args[i+1])
				if err := errors.Join(err1, err2); err != nil {
					return fmt.Errorf("bfchar: %w", err)
				}
				u.chars[string(src)] = units(dst)
			}
		case "endbfrange":
			for i := 0; i+2 < len(o.args); i += 3 {
				if err := u.addRange(o.args[i], o.args[i+1], o.args[i+2]); err != nil {
					return fmt.Errorf("bfrange: %w", err)
				}
			}
		}
		if len(u.chars)+len(u.ranges) > maxCMapEntries {
			return fmt.Errorf("more than %d entries", maxCMapEntries)
		}
		return nil
	})
	return u, err
}

// addRange records a bfrange: the codes lo to hi mean dst and the texts
// after it, or the texts of the array dst.
func (u *toUnicode) addRange(loObj, hiObj, dst types.Object) error {
	lo, err1 := hexBytes(loObj)
	hi, err2 := hexBytes(hiObj)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) || number(hi) < number(lo) {
		return fmt.Errorf("the range <%x> <%x>", lo, hi)
	}
	r := cmapRange{lo: number(lo), hi: number(hi), size: len(lo)}
	if arr, ok := dst.(types.Array); ok {
		for _, o := range arr {
			b, _ := hexBytes(o)
			r.arr = append(r.arr, units(b))
		}
	} else {
		b, err := hexBytes(dst)
		if err != nil || len(b) < 2 {
			return fmt.Errorf("the destination %v", dst)
		}
		r.dst = units(b)
		if uint64(b[len(b)-1])+r.hi-r.lo > 255 {
			u.overflowing = append(u.overflowing, fmt.Sprintf("<%x> <%x> <%x>", lo, hi, b))
		}
	}
	u.ranges = append(u.ranges, r)
	return nil
}

// lookup returns the text of a code, and whether the CMap gives one. A
// range is read as most readers read it: the codes as numbers from first
// to last, and the destination's last code unit counting on with them,
// even past a byte.
func (u *toUnicode) lookup(code []byte) ([]uint16, bool) {
	if t, ok := u.chars[string(code)]; ok {
		return t, true
	}
	v := number(code)
	for _, r := range u.ranges {
		if r.size != len(code) || v < r.lo || v > r.hi {
			continue
		}
		off := v - r.lo
		if r.arr != nil {
			if off < uint64(len(r.arr)) {
				return r.arr[off], true
			}
			return nil, false
		}
		t := slices.Clone(r.dst)
		t[len(t)-1] += uint16(off)
		return t, true
	}
	return nil, false
}

// number returns the big-endian number the bytes b are.
func number(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

// units returns the UTF-16BE code units of b.
func units(b []byte) []uint16 {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return u
}

// hexBytes returns the bytes of a string operand.
func hexBytes(o types.Object) ([]byte, error) {
	switch v := o.(type) {
	case types.HexLiteral:
		return v.Bytes()
	case types.StringLiteral:
		return types.Unescape(v.Value())
	}
	return nil, fmt.Errorf("%v is not a string", o)
}
