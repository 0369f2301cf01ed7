package pdfua

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// unicodeEncodings are the simple fonts' encodings from which Unicode
// follows without a ToUnicode CMap (ISO 32000-1 9.10.2).
var unicodeEncodings = []string{"WinAnsiEncoding", "MacRomanEncoding", "MacExpertEncoding"}

// unicodeOrderings are the Adobe character collections from which Unicode
// follows for a Type 0 font without a ToUnicode CMap.
var unicodeOrderings = []string{"GB1", "CNS1", "Japan1", "Korea1"}

// A fontInfo is what the checker knows of a font that text is shown with.
type fontInfo struct {
	what    string     // for messages: "font /F1 (ABCDEF+LiberationSans) 12 0 R"
	codeLen int        // bytes per code: 1 for simple fonts, 2 for Identity-H/V; 0 if unknown
	uni     *toUnicode // its ToUnicode CMap; nil if none
	missing []string   // codes shown that the ToUnicode CMap does not map
	bad     []string   // codes shown that it maps to U+0000, U+FEFF or U+FFFE
	page    int        // the page where the first of those is shown
}

// font returns what the checker knows of the font ref, which a Tf of st
// selects as /name, checking the font when it is first met: its program is
// embedded and its codes map to Unicode.
func (c *checker) font(ref types.Object, name string, st *stream) *fontInfo {
	id := refName(ref)
	if id == "" {
		id = fmt.Sprintf("/%s of %s on page %d", name, st.what, st.page.num)
	}
	if fi, ok := c.fonts[id]; ok {
		return fi
	}
	f := c.dict(ref)
	if f == nil {
		c.report(ruleMarkedContent, st.page.num, st.what, "a Tf selects the font /%s, which the resources' /Font do not have", name)
		c.fonts[id] = nil
		return nil
	}
	fi := &fontInfo{what: fmt.Sprintf("font /%s (%s)", name, c.name(f, "BaseFont")), codeLen: 1}
	if r := refName(ref); r != "" {
		fi.what += " " + r
	}
	c.fonts[id] = fi
	subtype := c.name(f, "Subtype")
	desc := f
	if subtype == "Type0" {
		fi.codeLen = 0
		if enc := c.name(f, "Encoding"); enc == "Identity-H" || enc == "Identity-V" {
			fi.codeLen = 2
		}
		desc = nil
		if ds := c.array(f["DescendantFonts"]); len(ds) > 0 {
			desc = c.dict(ds[0])
		}
		if desc == nil {
			c.report(ruleFontEmbedded, st.page.num, fi.what, "a Type 0 font without a descendant font")
			return fi
		}
	}
	c.checkEmbedded(st, fi.what, subtype, desc)
	c.checkUnicode(st, fi, subtype, f, desc)
	return fi
}

// decode returns the text the codes b show in font fi, as its ToUnicode
// CMap gives it, codes without Unicode as <hex>; and records the codes
// shown without Unicode or with a bad one. Without a CMap, it returns b.
func (fi *fontInfo) decode(b []byte, page int) string {
	if fi == nil || fi.uni == nil || fi.codeLen == 0 {
		return string(b)
	}
	var s []rune
	for i := 0; i+fi.codeLen <= len(b); i += fi.codeLen {
		code := b[i : i+fi.codeLen]
		t, ok := fi.uni.lookup(code)
		switch {
		case !ok:
			fi.note(&fi.missing, fmt.Sprintf("<%x>", code), page)
			s = append(s, []rune(fmt.Sprintf("<%x>", code))...)
			continue
		case slices.ContainsFunc(t, func(u uint16) bool { return u == 0 || u == 0xFEFF || u == 0xFFFE }):
			var us []string
			for _, u := range t {
				us = append(us, fmt.Sprintf("U+%04X", u))
			}
			fi.note(&fi.bad, fmt.Sprintf("<%x> -> %s", code, strings.Join(us, " ")), page)
		}
		s = append(s, utf16.Decode(t)...)
	}
	return string(s)
}

// note adds the code c to the list l, recording the page of the first
// code noted.
func (fi *fontInfo) note(l *[]string, c string, page int) {
	if len(fi.missing)+len(fi.bad) == 0 {
		fi.page = page
	}
	if len(*l) < 100 && !slices.Contains(*l, c) {
		*l = append(*l, c)
	}
}

// checkShownCodes reports, for each font, the codes shown that its
// ToUnicode CMap maps to no Unicode or to a bad one.
func (c *checker) checkShownCodes() {
	for _, id := range slices.Sorted(maps.Keys(c.fonts)) {
		fi := c.fonts[id]
		if fi == nil {
			continue
		}
		if len(fi.missing) > 0 {
			c.reportAs(ruleToUnicode, "10-001", fi.page, fi.what, "the codes %s are shown but the ToUnicode CMap gives them no Unicode", codeList(fi.missing))
		}
		if len(fi.bad) > 0 {
			c.reportAs(ruleToUnicode, "31-028, 31-029", fi.page, fi.what, "the codes %s are shown but the ToUnicode CMap maps them to U+0000, U+FEFF or U+FFFE", codeList(fi.bad))
		}
	}
}

// codeList lists up to ten codes.
func codeList(codes []string) string {
	slices.Sort(codes)
	if len(codes) > 10 {
		return strings.Join(codes[:10], " ") + " ..."
	}
	return strings.Join(codes, " ")
}

// checkEmbedded checks that a font whose (descendant) font dictionary is
// desc has its program embedded.
func (c *checker) checkEmbedded(st *stream, what, subtype string, desc types.Dict) {
	if subtype == "Type3" {
		return // its glyphs are content streams in the file
	}
	fd := c.dict(desc["FontDescriptor"])
	embedded := fd != nil && (fd["FontFile"] != nil || fd["FontFile2"] != nil || fd["FontFile3"] != nil)
	if !embedded {
		c.reportAs(ruleFontEmbedded, "31-009", st.page.num, what, "the font program is not embedded")
		return
	}
	if c.name(desc, "Subtype") != "CIDFontType2" {
		return
	}
	switch m := c.deref(desc["CIDToGIDMap"]).(type) {
	case nil:
		c.reportAs(ruleFontEmbedded, "31-005", st.page.num, what, "an embedded CIDFontType2 without /CIDToGIDMap")
	case types.Name:
		if m != "Identity" {
			c.reportAs(ruleFontEmbedded, "31-004", st.page.num, what, "/CIDToGIDMap is /%s, neither /Identity nor a stream", m)
		}
	case types.StreamDict:
	default:
		c.reportAs(ruleFontEmbedded, "31-004", st.page.num, what, "/CIDToGIDMap is neither /Identity nor a stream")
	}
}

// checkUnicode checks that the font f, whose descendant font (or f itself)
// is desc, maps its codes to Unicode (31-027), and reads its ToUnicode
// CMap into fi.
func (c *checker) checkUnicode(st *stream, fi *fontInfo, subtype string, f, desc types.Dict) {
	if sd, ok := c.deref(f["ToUnicode"]).(types.StreamDict); ok {
		var err error
		if err = decode(&sd); err == nil {
			fi.uni, err = readToUnicode(sd.Content)
		}
		switch {
		case err != nil:
			c.report(ruleToUnicode, st.page.num, fi.what, "the ToUnicode CMap cannot be read: %v", err)
			fi.uni = nil
		case len(fi.uni.overflowing) > 0:
			c.reportAs(ruleToUnicode, "10-001", st.page.num, fi.what, "the ToUnicode CMap's bfrange %s increments the last byte of its destination past 255, which ISO 32000-1 9.10.3 forbids (the mapping is then undefined): a reader may give the wrong text for codes past the first 256", strings.Join(fi.uni.overflowing, ", "))
		}
		return
	}
	switch subtype {
	case "Type0":
		info := c.dict(desc["CIDSystemInfo"])
		reg, _ := c.text(info, "Registry")
		ord, _ := c.text(info, "Ordering")
		if reg == "Adobe" && slices.Contains(unicodeOrderings, ord) {
			return
		}
	case "Type1", "MMType1", "TrueType":
		enc := c.name(f, "Encoding")
		if d := c.dict(f["Encoding"]); d != nil && d["Differences"] == nil {
			enc = c.name(d, "BaseEncoding")
		}
		if slices.Contains(unicodeEncodings, enc) {
			return
		}
		if fd := c.dict(f["FontDescriptor"]); subtype == "TrueType" && fd != nil {
			if flags := c.intEntry(fd, "Flags"); flags != nil && *flags&32 != 0 && *flags&4 == 0 {
				return // non-symbolic TrueType
			}
		}
	}
	c.reportAs(ruleToUnicode, "31-027", st.page.num, fi.what, "has no /ToUnicode CMap, and its encoding does not give Unicode")
}

// checkForms checks the form XObjects drawn: one with marked content of
// its own is drawn once, and not inside tagged content (ISO 32000-1
// 14.7.4.3; Matterhorn 30-002).
func (c *checker) checkForms() {
	for _, n := range slices.Sorted(maps.Keys(c.forms)) {
		f := c.forms[n]
		if len(f.stream.mcids) == 0 {
			continue
		}
		if f.uses > 1 {
			c.reportAs(ruleXObject, "30-002", f.stream.page.num, f.stream.what, "has MCIDs of its own and is drawn %d times: its content cannot be in the tree more than once", f.uses)
		}
		if f.inTag {
			c.report(ruleXObject, f.stream.page.num, f.stream.what, "has MCIDs of its own but is drawn inside tagged content")
		}
	}
}
