package build

import (
	"fmt"

	"handout/pixels"
)

// MaxJPEGScans is the most scans a JPEG may have: 100. Go's decoder, like
// libjpeg, goes over every block of the picture in each scan, so a small
// file that repeats a scan of empty blocks thousands of times (a "scan
// bomb") could keep it busy for minutes. A baseline JPEG has one scan, or
// one a colour; a progressive one as libjpeg writes it has 6 (gray), 10
// (colour) or 18 (CMYK); encoders that optimise the scans use a few more.
// libjpeg-turbo's tools refuse such files with the option -maxscans; 100
// is five times the most a real photo needs, and costs at most a few
// seconds at 40 megapixels.
const MaxJPEGScans = 100

// jpegHeader is what the markers of a JPEG say about it, read before it is
// decoded: enough to know how much memory Go's decoder will use, and how
// many scans it will go through.
type jpegHeader struct {
	width, height int
	progressive   bool
	comps         []jpegComp
	jfif          bool // an APP0 JFIF marker
	adobe         bool // an APP14 Adobe marker
	transform     byte // its colour transform: 0 is RGB or CMYK
	scans         int  // start-of-scan markers
	// orient is how the picture is shown, from the first APP1 Exif
	// segment before the first scan; 0 without one.
	orient pixels.Orientation
}

// jpegComp is one colour component of a JPEG.
type jpegComp struct {
	id   byte
	h, v int // sampling factors
}

// readJPEGHeader walks the markers of a JPEG, data, as Go's decoder does:
// segments by their lengths, entropy-coded data after a start of scan up
// to the next marker, stray bytes and fill bytes skipped. It counts the
// scans, and reports a file of more than MaxJPEGScans without going
// further. What it cannot make sense of it leaves to the decoder, which
// reports it.
func readJPEGHeader(data []byte) (jpegHeader, error) {
	var j jpegHeader
	i := 2 // after the start of image
	for i+1 < len(data) {
		if data[i] != 0xff {
			i++ // stray data, skipped
			continue
		}
		m := data[i+1]
		switch {
		case m == 0xff: // a fill byte
			i++
			continue
		case m == 0x00 || 0xd0 <= m && m <= 0xd7: // stuffed data, or a restart marker
			i += 2
			continue
		case m == 0xd9: // end of image
			return j, nil
		}
		if i+3 >= len(data) {
			break
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 {
			break
		}
		seg := data[i+4 : min(i+2+n, len(data))]
		j.segment(m, seg)
		i += 2 + n
		if m != 0xda {
			continue
		}
		if j.scans > MaxJPEGScans {
			return j, fmt.Errorf("is a JPEG of more than %d scans: a photo has about 10; save it again from an image editor", MaxJPEGScans)
		}
		// The entropy-coded data of the scan, up to the next marker.
		for i+1 < len(data) && (data[i] != 0xff || data[i+1] == 0x00 || 0xd0 <= data[i+1] && data[i+1] <= 0xd7 || data[i+1] == 0xff) {
			i++
		}
	}
	return j, nil
}

// segment records what marker m's segment seg says.
func (j *jpegHeader) segment(m byte, seg []byte) {
	switch {
	case m == 0xc0 || m == 0xc1 || m == 0xc2: // the frame: baseline, extended or progressive
		if len(seg) < 6 || j.comps != nil {
			return
		}
		j.height, j.width = int(seg[1])<<8|int(seg[2]), int(seg[3])<<8|int(seg[4])
		j.progressive = m == 0xc2
		for c := 0; c < int(seg[5]) && 6+3*c+2 < len(seg); c++ {
			hv := seg[6+3*c+1]
			j.comps = append(j.comps, jpegComp{id: seg[6+3*c], h: max(1, int(hv>>4)), v: max(1, int(hv&0x0f))})
		}
	case m == 0xe0:
		j.jfif = j.jfif || len(seg) >= 5 && string(seg[:5]) == "JFIF\x00"
	case m == 0xe1:
		if j.orient == 0 && j.scans == 0 {
			j.orient = exifOrientation(seg)
		}
	case m == 0xee:
		if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
			j.adobe, j.transform = true, seg[11]
		}
	case m == 0xda:
		j.scans++
	}
}

// decodedBytes returns an upper bound of the memory Go's decoder holds at
// once for the JPEG: its planes, allocated whole macroblocks at a time;
// for a progressive JPEG, a 64-coefficient block of 4-byte integers for
// each 8x8 block of each component, kept from scan to scan; and, for an
// RGB or CMYK file, the 4-byte-a-pixel picture it converts to.
// pixels returns the bytes of the decoded picture alone.
func (j jpegHeader) decodedBytes() (total, pixels int64) {
	if len(j.comps) == 0 || j.width <= 0 || j.height <= 0 {
		return 0, 0
	}
	hmax, vmax := 1, 1
	if len(j.comps) > 1 {
		for _, c := range j.comps {
			hmax, vmax = max(hmax, c.h), max(vmax, c.v)
		}
	}
	mxx := int64((j.width + 8*hmax - 1) / (8 * hmax))
	myy := int64((j.height + 8*vmax - 1) / (8 * vmax))
	var blocks int64
	for _, c := range j.comps {
		if len(j.comps) == 1 {
			c.h, c.v = 1, 1
		}
		blocks += mxx * myy * int64(c.h*c.v)
	}
	planes := 64 * blocks
	total, pixels = planes, planes
	if j.progressive {
		total += 256 * blocks
	}
	if len(j.comps) == 4 || len(j.comps) == 3 && j.rgb() {
		pixels = 4 * int64(j.width) * int64(j.height)
		total += pixels
	}
	return total, pixels
}

// rgb reports whether Go's decoder takes a three-component JPEG for RGB,
// not YCbCr.
func (j jpegHeader) rgb() bool {
	if j.jfif {
		return false
	}
	if j.adobe && j.transform == 0 {
		return true
	}
	return len(j.comps) == 3 && j.comps[0].id == 'R' && j.comps[1].id == 'G' && j.comps[2].id == 'B'
}
