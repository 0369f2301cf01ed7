package pdfua

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// XML namespaces of the XMP properties the checker reads.
const (
	nsRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// xmpInfo is what the checker needs of an XMP packet.
type xmpInfo struct {
	hasPart    bool
	part       string // pdfuaid:part
	partPrefix string // the prefix it was written with
	titles     []langText
}

// langText is one rdf:li of a language alternative.
type langText struct{ lang, text string }

// title returns the dc:title in x-default, or else the first one.
func (x *xmpInfo) title() (string, bool) {
	for _, t := range x.titles {
		if t.lang == "x-default" {
			return t.text, true
		}
	}
	if len(x.titles) > 0 {
		return x.titles[0].text, true
	}
	return "", false
}

// readXMP reads pdfuaid:part (as an element or as an attribute of
// rdf:Description) and dc:title from an XMP packet. Prefixes are resolved
// here rather than by encoding/xml, so that the prefix pdfuaid:part is
// written with can be checked too (veraPDF rule 5-3).
func readXMP(data []byte) (*xmpInfo, error) {
	x := &xmpInfo{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		scopes  []map[string]string // prefix → namespace, innermost last
		names   []xml.Name          // open elements, namespaces resolved
		capture *strings.Builder    // the text being read, if any
	)
	resolve := func(prefix string) string {
		if prefix == "xml" {
			return nsXML
		}
		for i := len(scopes) - 1; i >= 0; i-- {
			if ns, ok := scopes[i][prefix]; ok {
				return ns
			}
		}
		return ""
	}
	inTitle := func() bool {
		for _, n := range names {
			if n == (xml.Name{Space: nsDC, Local: "title"}) {
				return true
			}
		}
		return false
	}
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			if len(names) > 0 {
				return nil, errors.New("the XML ends inside an element")
			}
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			scope := map[string]string{}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					scope[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope[""] = a.Value
				}
			}
			scopes = append(scopes, scope)
			name := xml.Name{Space: resolve(t.Name.Space), Local: t.Name.Local}
			names = append(names, name)
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && a.Name.Space != "" && resolve(a.Name.Space) == nsPDFUAID && a.Name.Local == "part" {
					x.hasPart, x.part, x.partPrefix = true, strings.TrimSpace(a.Value), a.Name.Space
				}
			}
			switch {
			case name == xml.Name{Space: nsPDFUAID, Local: "part"}:
				x.hasPart, x.partPrefix = true, t.Name.Space
				capture = &strings.Builder{}
			case name == xml.Name{Space: nsRDF, Local: "li"} && inTitle():
				lang := ""
				for _, a := range t.Attr {
					if a.Name.Space == "xml" && a.Name.Local == "lang" {
						lang = a.Value
					}
				}
				x.titles = append(x.titles, langText{lang: lang})
				capture = &strings.Builder{}
			}
		case xml.CharData:
			if capture != nil {
				capture.Write(t)
			}
		case xml.EndElement:
			if len(names) == 0 {
				return nil, errors.New("unbalanced end tag")
			}
			name := names[len(names)-1]
			if capture != nil {
				switch {
				case name == xml.Name{Space: nsPDFUAID, Local: "part"}:
					x.part = strings.TrimSpace(capture.String())
				case name.Space == nsRDF && name.Local == "li" && len(x.titles) > 0:
					x.titles[len(x.titles)-1].text = strings.TrimSpace(capture.String())
				}
				capture = nil
			}
			names = names[:len(names)-1]
			scopes = scopes[:len(scopes)-1]
		}
	}
	return x, nil
}
