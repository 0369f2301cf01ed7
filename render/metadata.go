package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"time"
)

// metadata is what the XMP metadata of a PDF say (see addMetadata).
type metadata struct {
	title, author, creator, lang string
	time                         time.Time // the creation and modification date, in UTC
	// pdfua says that the PDF claims to conform to PDF/UA-1: its tree
	// has what PDF/UA needs that render cannot otherwise make sure of
	// (see conforms).
	pdfua bool
}

// addMetadata is the output pass that adds the XMP metadata (ISO
// 32000-1:2008, 14.3.2), which PDF/UA requires, to the catalog, with the
// title, the same as the Info dictionary's, and, when the PDF claims it,
// the PDF/UA identification, pdfuaid:part 1 (ISO 14289-1, 5); and the
// viewer preference that a reader shows the title, not the file name
// (/DisplayDocTitle). The stream is left uncompressed, as XMP asks, so that
// tools that do not read PDF find it. The catalog must have the /Lang that
// the PDF's text is in, and the Info dictionary the title.
func addMetadata(d *doc, j *job) error {
	m := j.meta
	cat := d.obj(d.root)
	switch {
	case m.title == "":
		return errors.New("no title")
	case !bytes.Contains(cat.value, []byte("\n/Lang (")):
		return errors.New("the catalog has no /Lang")
	case !bytes.Contains(d.obj(d.info).value, []byte("\n/Title ")):
		return errors.New("the Info dictionary has no /Title")
	}
	for _, key := range []string{"/Metadata", "/ViewerPreferences"} {
		if bytes.Contains(cat.value, []byte(key)) {
			return fmt.Errorf("the catalog has a %s already", key)
		}
	}
	x, err := m.xmp()
	if err != nil {
		return err
	}
	n := d.add(object{value: []byte("<</Type /Metadata /Subtype /XML>>"), isStream: true, data: x})
	v, err := addEntries(cat.value, fmt.Sprintf("/Metadata %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>", n))
	if err != nil {
		return fmt.Errorf("the catalog: %w", err)
	}
	cat.value = v
	return nil
}

// xmp returns the XMP packet of m.
func (m metadata) xmp() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	elem := func(open, s, close string) error {
		b.WriteString(open)
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			return err
		}
		b.WriteString(close + "\n")
		return nil
	}
	date := m.time.UTC().Format("2006-01-02T15:04:05Z")
	errs := []error{
		elem(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`, m.title, `</rdf:li></rdf:Alt></dc:title>`),
		elem(`<dc:language><rdf:Bag><rdf:li>`, m.lang, `</rdf:li></rdf:Bag></dc:language>`),
		elem(`<xmp:CreateDate>`, date, `</xmp:CreateDate>`),
		elem(`<xmp:ModifyDate>`, date, `</xmp:ModifyDate>`),
	}
	if m.author != "" {
		errs = append(errs, elem(`<dc:creator><rdf:Seq><rdf:li>`, m.author, `</rdf:li></rdf:Seq></dc:creator>`))
	}
	if m.creator != "" {
		errs = append(errs, elem(`<xmp:CreatorTool>`, m.creator, `</xmp:CreatorTool>`), elem(`<pdf:Producer>`, m.creator, `</pdf:Producer>`))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("XMP: %w", err)
	}
	if m.pdfua {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes(), nil
}
