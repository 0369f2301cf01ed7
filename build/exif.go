package build

import (
	"encoding/binary"

	"handout/pixels"
)

// exifOrientation returns the orientation that seg, the body of a JPEG's
// APP1 segment, gives its picture when it is an Exif segment: the value of
// the Orientation tag (274) in its first image file directory, IFD0, as
// cameras and phones write it. It returns 0 when seg is not an Exif
// segment, and AsStored for one without the tag, or whose tag's value is
// not one of the eight orientations, which viewers ignore.
//
// seg comes from a stranger: every offset is checked against its length
// before it is read, and no more than the directory's entries that fit in
// seg are read (at most 5,461 in a segment's 65,533 bytes), so a damaged or
// hostile segment costs a few microseconds and gives 0 or AsStored.
func exifOrientation(seg []byte) pixels.Orientation {
	const header = "Exif\x00\x00"
	if len(seg) < len(header) || string(seg[:len(header)]) != header {
		return 0
	}
	tiff := seg[len(header):]
	if len(tiff) < 8 {
		return pixels.AsStored
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return pixels.AsStored
	}
	ifd := int64(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return pixels.AsStored
	}
	n := int64(order.Uint16(tiff[ifd:]))
	entries := tiff[ifd+2:]
	n = min(n, int64(len(entries)/12))
	for i := range n {
		e := entries[12*i : 12*i+12]
		if order.Uint16(e) != 274 {
			continue
		}
		// A SHORT (type 3), one of it, in the first two bytes of the
		// value; a LONG (type 4), as a few writers give it, in all four.
		var v uint32
		switch typ, count := order.Uint16(e[2:]), order.Uint32(e[4:]); {
		case typ == 3 && count == 1:
			v = uint32(order.Uint16(e[8:]))
		case typ == 4 && count == 1:
			v = order.Uint32(e[8:])
		}
		if o := pixels.Orientation(v); v <= 8 && o.Valid() {
			return o
		}
		return pixels.AsStored
	}
	return pixels.AsStored
}
