package testimage

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
)

// InterlacedPNG16 returns a w×h 16-bit RGBA PNG, interlaced (Adam7), every
// pixel of the same colour with opacity alpha: a file of a few hundred KB
// that decodes to 8 bytes a pixel, the heaviest PNG the PDF writer cannot
// take as it is. It is written pass by pass, row by row, so that making it
// holds no more than a row.
func InterlacedPNG16(w, h int, alpha uint16) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9], ihdr[12] = 16, 6, 1 // bit depth, colour type RGBA, Adam7
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	px := []byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, byte(alpha >> 8), byte(alpha)}
	// Each pass: its first column and row, and its steps.
	for _, p := range [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		pw, ph := (w-p[0]+p[2]-1)/p[2], (h-p[1]+p[3]-1)/p[3]
		if pw <= 0 || ph <= 0 {
			continue
		}
		row := make([]byte, 1+8*pw) // filter type 0, then the pixels
		for i := range pw {
			copy(row[1+8*i:], px)
		}
		for range ph {
			zw.Write(row)
		}
	}
	zw.Close()
	out := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}

// ProgressiveJPEG returns a w×h progressive JPEG of comps components (1
// gray, 3 YCbCr, 4 CMYK with an Adobe marker), every sample mid-gray,
// each block coded as a DC difference of 0 and no AC coefficient: a DC
// scan of all components, then one AC scan a component made of runs of
// empty blocks, then that last scan again extra times, as a scan bomb
// does. A scan of empty blocks takes a few bytes, however large the
// picture, and a decoder still goes over every block of it.
func ProgressiveJPEG(w, h, comps, extra int) []byte {
	var b bytes.Buffer
	segment := func(marker byte, data []byte) {
		b.Write([]byte{0xff, marker})
		binary.Write(&b, binary.BigEndian, uint16(len(data)+2))
		b.Write(data)
	}
	b.Write([]byte{0xff, 0xd8}) // start of image
	if comps == 4 {
		segment(0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")) // transform 0: CMYK
	}
	q := make([]byte, 65) // table 0, every step 1
	for i := 1; i < len(q); i++ {
		q[i] = 1
	}
	segment(0xdb, q)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(comps)}
	for c := 1; c <= comps; c++ {
		sof = append(sof, byte(c), 0x11, 0) // 1x1 sampling, table 0
	}
	segment(0xc2, sof) // progressive
	// DC table 0: one code, 0, for a difference of category 0.
	segment(0xc4, append(append([]byte{0x00, 1}, make([]byte, 15)...), 0))
	// AC table 0: the 15 end-of-band-run symbols R/0, in 4-bit codes
	// 0000 to 1110, the code of R/0 being R.
	ac := append([]byte{0x10, 0, 0, 0, 15}, make([]byte, 12)...)
	for r := range 15 {
		ac = append(ac, byte(r<<4))
	}
	segment(0xc4, ac)
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	dc := []byte{byte(comps)}
	for c := 1; c <= comps; c++ {
		dc = append(dc, byte(c), 0x00)
	}
	segment(0xda, append(dc, 0, 0, 0)) // spectral 0 to 0, no approximation
	var bw bitWriter
	for range blocks * comps {
		bw.put(0, 1)
	}
	b.Write(bw.flush())
	acScan := func(c int) {
		segment(0xda, []byte{1, byte(c), 0x00, 1, 63, 0}) // one component, spectral 1 to 63
		var bw bitWriter
		for n := blocks; n > 0; {
			run := min(n, 32767) // the longest run of empty blocks one symbol codes
			r := 0
			for 1<<(r+1) <= run {
				r++
			}
			bw.put(uint32(r), 4)
			bw.put(uint32(run-1<<r), r)
			n -= run
		}
		b.Write(bw.flush())
	}
	for c := 1; c <= comps; c++ {
		acScan(c)
	}
	for range extra {
		acScan(comps)
	}
	b.Write([]byte{0xff, 0xd9}) // end of image
	return b.Bytes()
}

// bitWriter writes the bits of entropy-coded data, most significant
// first, stuffing a zero byte after each 0xff.
type bitWriter struct {
	out  []byte
	acc  byte
	nacc int
}

// put writes the n low bits of v.
func (bw *bitWriter) put(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		bw.acc = bw.acc<<1 | byte(v>>i&1)
		if bw.nacc++; bw.nacc == 8 {
			bw.out = append(bw.out, bw.acc)
			if bw.acc == 0xff {
				bw.out = append(bw.out, 0)
			}
			bw.acc, bw.nacc = 0, 0
		}
	}
}

// flush pads the last byte with 1 bits and returns the bytes written.
func (bw *bitWriter) flush() []byte {
	for bw.nacc != 0 {
		bw.put(1, 1)
	}
	return bw.out
}

// GrayAlphaPNG returns m, whose red is taken for its gray, as an 8-bit
// gray and alpha PNG (colour type 4), which Go's encoder does not write.
func GrayAlphaPNG(m *image.NRGBA) []byte {
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 4 // bit depth, colour type gray and alpha
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	for y := range h {
		row := []byte{0} // filter type 0
		for x := range w {
			row = append(row, m.Pix[y*m.Stride+4*x], m.Pix[y*m.Stride+4*x+3])
		}
		zw.Write(row)
	}
	zw.Close()
	out := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}
