package document

import (
	"net/url"
	"unicode/utf8"
)

// metadata returns key's text, normalised to one line, for a value that
// is not printed but goes into the PDF's metadata, such as the author. On
// top of what plain checks, it reports at its place each character that
// the PDF writer cannot encode there: those beyond the Basic Multilingual
// Plane (U+FFFF), such as emoji, which render would otherwise refuse only
// when writing the PDF, without a line or column.
func (t *table) metadata(key string) string {
	v, ok := t.checked(key, false)
	if !ok {
		return ""
	}
	for i, r := range v.text {
		if r <= 0xFFFF || r == utf8.RuneError {
			continue
		}
		p, exact := t.d.sourcePos(v, i)
		if !exact {
			p = v.def()
		}
		t.d.errorf(p, "character %q (U+%04X) in %s is beyond U+FFFF, which a PDF's metadata cannot hold; leave it out", string(r), r, key)
	}
	return oneLine(v.text)
}

// encodableURL reports whether the URL s, key's value, which the PDF
// writes as it is, has only characters the PDF writer can encode, and
// reports the first that it cannot, with the fix: percent-encoding.
func (t *table) encodableURL(key, s string) bool {
	for _, r := range s {
		if r > 0xFFFF && r != utf8.RuneError {
			t.errorf(key, "%s: character %q (U+%04X) is beyond U+FFFF, which the PDF writer cannot encode; write it percent-encoded, as %s",
				key, string(r), r, url.PathEscape(string(r)))
			return false
		}
	}
	return true
}
