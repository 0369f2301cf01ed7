// Package pdfua checks PDFs against the rules of PDF/UA-1 (ISO 14289-1)
// that a program can check, so that the tests can hold every PDF handout
// writes to them. It is test support: only tests import it, and with it
// pdfcpu, which reads the files; neither is in the handout binary.
//
// Check returns the violations of a PDF, each naming its rule (an ID such
// as "figure-alt", the Matterhorn Protocol failure conditions it covers and
// the clause of the standard), the page and the object at fault, and what
// is wrong. Conforms fails a test with the whole list:
//
//	pdfua.Conforms(t, path, data)
//
// The references are the Matterhorn Protocol 1.1 (PDF Association), whose
// failure conditions are numbered like 13-004, and veraPDF's PDF/UA-1
// validation profile. A file that passes Check is not thereby accessible:
// the conditions that need a person's judgement are not checked (below).
//
// # Rules checked
//
// The document (ISO 14289-1 5, 6.2, 7.1, 7.2):
//   - mark-info: /MarkInfo /Marked true (6.2; no Matterhorn number).
//   - suspects: /Suspects not true (01-007).
//   - metadata, pdfua-part, dc-title: an XMP stream (06-001) with
//     pdfuaid:part 1 under the prefix pdfuaid (06-002; veraPDF 5-1 to 5-3)
//     and a non-empty dc:title (06-003).
//   - info-title: the Info dictionary's /Title equals dc:title. This is
//     handout's rule, not PDF/UA's: readers take the title from either.
//   - display-doc-title: /ViewerPreferences /DisplayDocTitle true (07-001,
//     07-002).
//   - lang: the catalog has a /Lang that is a language tag, which settles
//     the language of page content, alternative texts, annotations,
//     outlines and metadata (11-001 to 11-004, 11-006); every /Lang of a
//     structure element or property list is a language tag (veraPDF
//     7.2-29). PDF/UA would accept /Lang on every element instead of the
//     catalog; handout always writes the catalog's, so the check asks for
//     it.
//
// The structure tree (ISO 14289-1 7.1 to 7.9, ISO 32000-1 14.7, 14.8):
//   - struct-tree: a /StructTreeRoot with elements; each element has /S.
//   - struct-parent: each element is an indirect object, appears once, and
//     its /P is its parent (ISO 32000-1 table 323; veraPDF 7.1-12).
//   - role-map: every type is standard or role-mapped to a standard type
//     (02-001), without a cycle (02-002); no standard type is remapped
//     (02-003).
//   - figure-alt, formula-alt: Figure and Formula have a non-empty /Alt or
//     an /ActualText (13-004, 17-002).
//   - headings: numbered headings start at H1 (14-002) and do not skip a
//     level going down (14-003: H1 H3 fails, H3 H1 and H2 H2 pass); no
//     element has two H kids (14-006); H and Hn are not mixed (14-007).
//   - list: L holds only L, LI and a first Caption; LI is in an L and holds
//     only Lbl and LBody; LBody is in an LI (09-005; ISO 32000-1 table
//     336; veraPDF 7.2-17 to 7.2-20, 7.2-40).
//   - table: Table holds only TR, THead, TBody, TFoot and one Caption, first
//     or last; at most one THead and one TFoot, and a TBody if either is
//     there; THead, TBody and TFoot are in a Table and hold only TR; TR is
//     in one of them and holds only TH and TD; TH and TD are in a TR; every
//     row is as wide as the first, counting /RowSpan and /ColSpan, and no
//     span runs past the last row (09-004; ISO 32000-1 table 337; veraPDF
//     7.2-3 to 7.2-16, 7.2-36 to 7.2-43).
//   - toc: TOC holds only TOC, TOCI and a first Caption; TOCI is in a TOC
//     (09-006).
//   - th-scope: PDF/UA requires a TH's /Scope only where the table's
//     structure cannot be found from /Headers and /ID (7.5; 15-003), and
//     that is what is checked: unless every TD of the table has /Headers,
//     each TH has /Scope /Row, /Column or /Both (attribute owner /Table, in
//     /A) or is named in a cell's /Headers; every ID in a /Headers is the
//     /ID of a cell of the same table. A /Scope on every TH, a table
//     /Summary and a Caption are only recommended, and not checked.
//     Attributes given through /C and the ClassMap are not read.
//   - note-id: each Note has an /ID, unique among Notes (19-003, 19-004).
//
// The content (ISO 14289-1 7.1, ISO 32000-1 14.6, 14.7.4):
//   - content-tagged: every text, path, image, inline image and shading
//     drawn, in page content and in the form XObjects drawn there, is
//     inside marked content with an /MCID or inside an Artifact (01-005).
//     Paths that only clip (W n) are not content.
//   - artifact-nesting: no Artifact inside tagged content (01-003), no
//     tagged content inside an Artifact (01-004).
//   - marked-content: BMC/BDC and EMC balance in each content stream; they
//     nest separately from BT/ET and are not inside a path being built
//     (ISO 32000-1 14.6); a property list named in a BDC is in the
//     resources' /Properties; the content can be read.
//   - parent-tree: the ParentTree (14.7.4.4) is complete and consistent.
//     Each content stream with MCIDs has /StructParents, and its
//     ParentTree array maps each MCID to the element of the tree whose /K
//     holds that MCID of that page (or form XObject, through an MCR's
//     /Stm), and maps nothing else. An MCID is used once in its stream,
//     held by one element, and exists in the content the element points at
//     (its /Pg or the MCR's). No two pages, forms or annotations share a
//     key, and /ParentTreeNextKey, if given, is above every key. An OBJR's
//     /Pg is its annotation's page.
//   - xobject: no reference XObjects (30-001); a form XObject with MCIDs of
//     its own is drawn once (30-002) and not inside tagged content.
//
// Annotations (ISO 14289-1 7.18):
//   - annot-struct: each annotation, unless hidden, outside the crop box
//     or a Popup (which shows its parent's /Contents), has a /StructParent
//     leading through the ParentTree to an element that holds an OBJR of
//     it: a Link for a link (28-011), a Form for a widget (28-010), an
//     Annot for others (28-002). A PrinterMark has no /StructParent
//     (28-017); TrapNet annotations are not allowed (28-007).
//   - annot-contents: a link has a non-empty /Contents (28-012); other
//     annotations but widgets have one or an /Alt on their element (28-004).
//   - tabs: each page with annotations has /Tabs /S (28-008, 28-009).
//
// Fonts, for each font a Tf selects (ISO 14289-1 7.21):
//   - font-embedded: the font program is embedded, unless the font is
//     Type 3 (31-009); an embedded CIDFontType2 has a /CIDToGIDMap that is
//     /Identity or a stream (31-004, 31-005). Fonts used only with text
//     rendering mode 3 are not exempted.
//   - to-unicode: the font has a ToUnicode CMap, or an encoding from which
//     Unicode follows: WinAnsi, MacRoman or MacExpert, a non-symbolic
//     TrueType font, or a Type 0 font of the Adobe GB1, CNS1, Japan1 or
//     Korea1 collection (31-027); Type 3 fonts need the CMap, since their
//     glyph names are not read. Every code shown has a Unicode value in the
//     CMap (10-001) other than U+0000, U+FEFF and U+FFFE (31-028, 31-029,
//     checked, as veraPDF does, for the codes shown); no bfrange increments
//     its destination's last byte past 255, which ISO 32000-1 9.10.3
//     forbids.
//
// # Checked against veraPDF
//
// On veraPDF's own test files for PDF/UA-1 (its veraPDF-corpus, PDF_UA-1
// folder), for the 226 files that test a rule this package has, Check
// agrees with veraPDF's verdict on 207: every failing file fails the
// matching rule, for the reason the file was made for. The others are
// files that pass veraPDF with /Lang on their elements but none in the
// catalog (17, see lang), and two whose TH /Headers name IDs that no cell
// has.
//
// # Not checked
//
// Conditions that need a person's judgement, which no program settles:
// whether alternative text is meaningful (13, 06-004 for the title), the
// reading order of the tags and annotations (09-001, 28-001), whether tags
// suit the content (01-001, 01-002, 01-006, 09-002, 09-003, 13-001 to
// 13-008 but 13-004, 14-001, 14-004, 14-005, 15-001, 15-002, 15-004,
// 15-005, 16, 19-001, 19-002), colour and contrast (04), flicker, sound
// and timing (03, 05, 29), OCR (08), stretched characters (12), headers
// and footers as pagination artifacts (18), natural language being the
// right one (11-007), navigation, articles, signatures and non-interactive
// forms (22, 23, 24, 27).
//
// Machine-checkable conditions left out, because handout writes nothing
// they apply to; a feature that starts writing such things should add its
// rule here: Ruby and Warichu structure (09-007, 09-008), form fields
// (11-005, 28-005), optional content (20), embedded files (21, 28-016),
// XFA (25), encryption (26), media clips (28-014, 28-015), PrinterMark
// appearance streams (28-018), and the CMaps of Type 0 fonts other than
// Identity-H and Identity-V (31-001 to 31-003, 31-006 to 31-008).
//
// Conditions on the inside of font programs, which need a font parser:
// glyphs missing from a font (31-011), CharSet and CIDSet (31-012 to
// 31-015), widths that disagree with the program (31-016), TrueType cmap
// tables and encodings (31-017 to 31-026) and .notdef glyphs (31-030).
// handout embeds subsets of the fonts it ships: the fonts package's tests
// are the place for those.
//
// Content in annotation appearance streams is not read, nor is the tag of
// a marked-content sequence compared with the type of its element (ISO
// 32000-1 says only that it should match), nor are the /Type and
// /Subtype of Artifact property lists checked.
package pdfua
