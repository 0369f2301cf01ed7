package render

import (
	"bytes"
	"fmt"
)

// utcZone is the time zone written after a date: UTC, as the offset
// +00'00' of PDF 32000-1:2008, 7.9.4, which every reader reads, pdfcpu's
// strict validation included (it refuses a bare "Z").
const utcZone = "+00'00'"

// zoneDates is the output pass that gives the Info dictionary's dates,
// which fpdf writes as D:YYYYMMDDHHmmSS, in UTC (render.Options.Time),
// their time zone.
func zoneDates(d *doc, _ *job) error {
	info := d.obj(d.info)
	for _, key := range []string{"/CreationDate (D:", "/ModDate (D:"} {
		i := bytes.Index(info.value, []byte(key))
		if i < 0 || bytes.Count(info.value, []byte(key)) != 1 {
			return fmt.Errorf("the Info dictionary has not one %s)", key)
		}
		digits := i + len(key)
		end := digits + len("YYYYMMDDHHmmSS")
		if end >= len(info.value) || info.value[end] != ')' || !allDigits(info.value[digits:end]) {
			return fmt.Errorf("the Info dictionary's %s) is not D:YYYYMMDDHHmmSS", key)
		}
		info.value = append(info.value[:end:end], append([]byte(utcZone), info.value[end:]...)...)
	}
	return nil
}

// allDigits reports whether b is all decimal digits.
func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
