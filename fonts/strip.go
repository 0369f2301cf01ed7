package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// hintingTables are the TrueType tables that only hinting uses. A PDF is
// rasterised at printer or screen resolution by the viewer, which needs no
// hints; leaving them out makes every embedded subset about a third smaller.
var hintingTables = map[string]bool{"cvt ": true, "fpgm": true, "prep": true, "hdmx": true, "LTSH": true, "VDMX": true}

var embedded [8]struct {
	once sync.Once
	ttf  []byte
	err  error
}

// Embed returns the face's font file as it is embedded in a PDF: the
// TrueType font without hinting, that is without its hinting tables and the
// instructions in each glyph. Outlines, metrics and the character map are
// unchanged, so text measures and looks the same. The result is computed
// once per process.
func (f Face) Embed() ([]byte, error) {
	i := f.index()
	if i < 0 {
		return nil, fmt.Errorf("fonts: no such face %v", f)
	}
	e := &embedded[i]
	e.once.Do(func() {
		e.ttf, e.err = stripHinting(f.TTF())
		if e.err != nil {
			e.err = fmt.Errorf("fonts: removing hinting from %s: %w", f.Name(), e.err)
		}
	})
	return e.ttf, e.err
}

var errShort = errors.New("font file is truncated")

// table is one entry of a font's table directory.
type table struct {
	tag  string
	data []byte
}

// stripHinting rewrites a TrueType font without hinting tables and glyph
// instructions, with a long-format loca and fresh checksums.
func stripHinting(ttf []byte) ([]byte, error) {
	tables, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	byTag := map[string][]byte{}
	for _, t := range tables {
		byTag[t.tag] = t.data
	}
	head, maxp, loca, glyf := byTag["head"], byTag["maxp"], byTag["loca"], byTag["glyf"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("not a TrueType font with outlines")
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	offsets, err := readLoca(loca, n, binary.BigEndian.Uint16(head[50:]) == 1)
	if err != nil {
		return nil, err
	}
	newGlyf, newLoca, err := stripGlyphs(glyf, offsets)
	if err != nil {
		return nil, err
	}
	head = append([]byte(nil), head...)
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below

	var out []table
	for _, t := range tables {
		switch {
		case hintingTables[t.tag]:
			continue
		case t.tag == "glyf":
			t.data = newGlyf
		case t.tag == "loca":
			t.data = newLoca
		case t.tag == "head":
			t.data = head
		}
		out = append(out, t)
	}
	return writeTables(out), nil
}

// readTables returns the tables of a font in the order of the directory.
func readTables(ttf []byte) ([]table, error) {
	if len(ttf) < 12 {
		return nil, errShort
	}
	num := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*num {
		return nil, errShort
	}
	tables := make([]table, num)
	for i := range tables {
		rec := ttf[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(ttf)) {
			return nil, errShort
		}
		tables[i] = table{tag: string(rec[:4]), data: ttf[off : off+length]}
	}
	return tables, nil
}

// readLoca returns the n+1 glyph offsets of a loca table.
func readLoca(loca []byte, n int, long bool) ([]int, error) {
	size := 2
	if long {
		size = 4
	}
	if len(loca) < (n+1)*size {
		return nil, errShort
	}
	offsets := make([]int, n+1)
	for i := range offsets {
		if long {
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		} else {
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	return offsets, nil
}

// stripGlyphs removes the instructions from every glyph, returning the new
// glyf table and its long-format loca.
func stripGlyphs(glyf []byte, offsets []int) (newGlyf, newLoca []byte, err error) {
	newGlyf = make([]byte, 0, len(glyf))
	newLoca = make([]byte, 4*len(offsets))
	for i := range len(offsets) - 1 {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		a, b := offsets[i], offsets[i+1]
		if a > b || b > len(glyf) {
			return nil, nil, fmt.Errorf("glyph %d: bad offsets", i)
		}
		if newGlyf, err = appendStripped(newGlyf, glyf[a:b]); err != nil {
			return nil, nil, fmt.Errorf("glyph %d: %w", i, err)
		}
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*(len(offsets)-1):], uint32(len(newGlyf)))
	return newGlyf, newLoca, nil
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	haveInstruction = 0x0100
)

// appendStripped appends glyph g to dst without its instructions, and
// without the padding after its data.
func appendStripped(dst, g []byte) ([]byte, error) {
	if len(g) == 0 {
		return dst, nil
	}
	if len(g) < 10 {
		return nil, errShort
	}
	contours := int(int16(binary.BigEndian.Uint16(g)))
	if contours >= 0 {
		end, err := simpleEnd(g)
		if err != nil {
			return nil, err
		}
		at := 10 + 2*contours // instructionLength
		skip := int(binary.BigEndian.Uint16(g[at:]))
		dst = append(dst, g[:at]...)
		dst = append(dst, 0, 0)
		return append(dst, g[at+2+skip:end]...), nil
	}
	// A composite glyph: clear each component's instructions flag and cut
	// the instructions that follow the last component.
	start := len(dst)
	dst = append(dst, g...)
	out := dst[start:]
	end, err := components(out, func(at int) error {
		flags := binary.BigEndian.Uint16(out[at:])
		binary.BigEndian.PutUint16(out[at:], flags&^haveInstruction)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return dst[:start+end], nil
}

// components calls visit with the offset in glyph g of each component
// record of g, if g is a composite glyph: its flags, then at offset 2 the
// component's glyph index. It returns the offset just after the last
// component, where the glyph's instructions are, or 0 if g is not a
// composite glyph (or is empty).
func components(g []byte, visit func(at int) error) (int, error) {
	if len(g) == 0 {
		return 0, nil
	}
	if len(g) < 10 {
		return 0, errShort
	}
	if int16(binary.BigEndian.Uint16(g)) >= 0 {
		return 0, nil
	}
	at := 10
	for {
		if len(g) < at+4 {
			return 0, errShort
		}
		flags := binary.BigEndian.Uint16(g[at:])
		if err := visit(at); err != nil {
			return 0, err
		}
		at += 4 + 2
		if flags&argsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	if at > len(g) {
		return 0, errShort
	}
	return at, nil
}

// writeTables assembles a font file from tables, sorted by tag as the
// format asks, each padded to four bytes, with checksums.
func writeTables(tables []table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	num := len(tables)
	entry := 1
	for entry*2 <= num {
		entry *= 2
	}
	log2 := 0
	for 1<<(log2+1) <= entry {
		log2++
	}
	size := 12 + 16*num
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*num, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(num))
	binary.BigEndian.PutUint16(out[6:], uint16(entry*16))
	binary.BigEndian.PutUint16(out[8:], uint16(log2))
	binary.BigEndian.PutUint16(out[10:], uint16(num*16-entry*16))
	headAt, sum := 0, uint32(0)
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		c := checksum(t.data)
		sum += c
		binary.BigEndian.PutUint32(rec[4:], c)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	// The file's checksum is the directory's plus every (padded) table's.
	sum += checksum(out[:12+16*num])
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum)
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var w [4]byte
	copy(w[:], b)
	return sum + binary.BigEndian.Uint32(w[:])
}
