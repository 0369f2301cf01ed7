package pdfua

import (
	"regexp"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// langTag is the form of a language identifier (ISO 32000-1 14.9.2, RFC
// 3066), as veraPDF checks it.
var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// checkDocument checks the catalog, the Info dictionary and the XMP
// metadata.
func (c *checker) checkDocument() {
	const where = "catalog"
	mark := c.dict(c.catalog["MarkInfo"])
	switch {
	case mark == nil:
		c.report(ruleMarkInfo, 0, where, "no /MarkInfo dictionary: the file does not say it is tagged")
	case !c.isTrue(mark["Marked"]):
		c.report(ruleMarkInfo, 0, where, "/MarkInfo has no /Marked true")
	}
	if mark != nil && c.isTrue(mark["Suspects"]) {
		c.report(ruleSuspects, 0, where, "/MarkInfo has /Suspects true: the tags are not to be trusted")
	}

	vp := c.dict(c.catalog["ViewerPreferences"])
	switch t, ok := c.deref(vp["DisplayDocTitle"]).(types.Boolean); {
	case vp == nil:
		c.reportAs(ruleDisplayDocTitle, "07-001", 0, where, "no /ViewerPreferences, so no /DisplayDocTitle true")
	case !ok:
		c.reportAs(ruleDisplayDocTitle, "07-001", 0, where, "/ViewerPreferences has no /DisplayDocTitle")
	case !t.Value():
		c.reportAs(ruleDisplayDocTitle, "07-002", 0, where, "/ViewerPreferences has /DisplayDocTitle false")
	}

	switch lang, ok := c.text(c.catalog, "Lang"); {
	case !ok:
		c.reportAs(ruleLang, "11-001", 0, where, "no /Lang: the language of the text, alt texts, annotations and metadata is not determined")
	case lang == "":
		c.reportAs(ruleLang, "11-001", 0, where, "/Lang is empty: the language is unknown")
	case !langTag.MatchString(lang):
		c.report(ruleLang, 0, where, "/Lang %q is not a language tag", lang)
	}

	c.checkMetadata()
}

// checkMetadata checks the XMP metadata stream and the Info dictionary's
// title.
func (c *checker) checkMetadata() {
	const where = "catalog /Metadata"
	o := c.deref(c.catalog["Metadata"])
	sd, ok := o.(types.StreamDict)
	if !ok {
		c.report(ruleMetadata, 0, "catalog", "no /Metadata stream: the XMP metadata are missing")
		return
	}
	if c.name(sd.Dict, "Type") != "Metadata" || c.name(sd.Dict, "Subtype") != "XML" {
		c.report(ruleMetadata, 0, where, "the stream has /Type /%s /Subtype /%s, not /Type /Metadata /Subtype /XML",
			c.name(sd.Dict, "Type"), c.name(sd.Dict, "Subtype"))
	}
	if err := decode(&sd); err != nil {
		c.report(ruleMetadata, 0, where, "the stream cannot be decoded: %v", err)
		return
	}
	x, err := readXMP(sd.Content)
	if err != nil {
		c.report(ruleMetadata, 0, where, "the XMP cannot be read: %v", err)
		return
	}
	switch {
	case !x.hasPart:
		c.report(rulePDFUAPart, 0, where, "no pdfuaid:part: the file does not claim PDF/UA")
	case x.part != "1":
		c.report(rulePDFUAPart, 0, where, "pdfuaid:part is %q, not 1", x.part)
	case x.partPrefix != "pdfuaid":
		c.report(rulePDFUAPart, 0, where, "the PDF/UA identification schema has the prefix %q, not pdfuaid", x.partPrefix)
	}
	title, ok := x.title()
	if !ok || title == "" {
		c.report(ruleDCTitle, 0, where, "no dc:title, or an empty one: the document has no title")
	}

	info := c.dict(c.infoRef())
	infoTitle, hasInfo := c.text(info, "Title")
	switch {
	case !hasInfo:
		c.report(ruleInfoTitle, 0, "Info dictionary", "no /Title (dc:title is %q)", title)
	case ok && infoTitle != title:
		c.report(ruleInfoTitle, 0, "Info dictionary", "/Title is %q but dc:title is %q", infoTitle, title)
	}
}

// infoRef returns the trailer's /Info, or nil.
func (c *checker) infoRef() types.Object {
	if c.x.Info == nil {
		return nil
	}
	return *c.x.Info
}

// isTrue reports whether o is, or refers to, the boolean true.
func (c *checker) isTrue(o types.Object) bool {
	b, ok := c.deref(o).(types.Boolean)
	return ok && b.Value()
}
