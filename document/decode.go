package document

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Error is one problem in a content file.
type Error struct {
	File         string
	Line, Column int // counted from 1; 0 when unknown
	Msg          string
}

// Error returns "file:line:column: message", leaving out the column when
// it is unknown, and the line too when that is unknown.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return e.File + ": " + e.Msg
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// pos returns where the error is.
func (e *Error) pos() Pos { return Pos{Line: e.Line, Column: e.Column} }

// Errors is every problem found in one content file, in file order.
type Errors []*Error

// Error returns the errors' messages, one a line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Decode decodes and validates one content file. name is the file's name
// as messages give it, such as "content/x.toml" or "<stdin>". On failure
// the error is an Errors holding every problem found, sorted by position;
// a TOML syntax error stops decoding, so it comes alone.
func Decode(name string, data []byte) (*Document, error) {
	return DecodeWith(name, data, Options{})
}

// Options change what Decode accepts.
type Options struct {
	// Accessible makes what keeps a PDF from claiming to be accessible
	// (PDF/UA), a picture without alt, an error rather than a warning, as
	// accessible = true in [worksheet] does (handout's --accessible).
	Accessible bool
}

// DecodeWith is Decode with the options o.
func DecodeWith(name string, data []byte, o Options) (*Document, error) {
	if len(data) > MaxFileBytes {
		return nil, FileSizeError(name, int64(len(data)))
	}
	if e := checkEncoding(data); e != nil {
		e.File = name
		return nil, Errors{e}
	}
	src := strings.TrimPrefix(string(data), "\uFEFF")
	if e := checkNesting(src); e != nil {
		e.File = name
		return nil, Errors{e}
	}
	m, err := parseTOML(src)
	if err != nil {
		e := syntaxError(src, err)
		e.File = name
		return nil, Errors{e}
	}
	if len(m) == 0 {
		return nil, Errors{{File: name, Line: 1, Column: 1, Msg: "file is empty"}}
	}
	d := &decoder{name: name, ix: newIndex(src), seen: map[Error]bool{}, accessible: o.Accessible}
	doc := d.document(m)
	d.warnFormFeed()
	if len(doc.Fonts.Files()) > 0 {
		doc.pending = d // the font files are read by the build, then CheckChars
	} else if c, err := newFontCheck(doc.Fonts, doc.Style.Font); err != nil {
		d.errorf(Pos{}, "%v", err)
	} else {
		d.checkFonts(c)
	}
	if len(d.errs) > 0 {
		return nil, sortErrors(d.errs)
	}
	doc.Warnings = sortErrors(d.warns)
	doc.Hints = d.hints
	return doc, nil
}

// sortErrors sorts es by position in the file, keeping the order of those
// at one place, and returns it.
func sortErrors(es Errors) Errors {
	sort.SliceStable(es, func(i, j int) bool { return before(es[i].pos(), es[j].pos()) })
	return es
}

// parseTOML parses src into a map, turning any panic into an error. It
// decodes into an interface, which takes the parser's own map as it is,
// rather than into a map, which would be copied key by key.
func parseTOML(src string) (m map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot parse TOML: %v", r)
		}
	}()
	var v any
	if _, err = toml.Decode(src, &v); err != nil {
		return nil, err
	}
	m, _ = v.(map[string]any)
	return m, nil
}

// syntaxError turns an error from the TOML parser into an Error.
func syntaxError(src string, err error) *Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{Msg: err.Error()}
	}
	e := &Error{Line: pe.Position.Line, Column: pe.Position.Col, Msg: pe.Message}
	if s := pe.Position.Start; s >= 0 && s <= len(src) {
		// The parser's span may start with the blanks before the culprit.
		for end := s + pe.Position.Len - 1; s < end && s < len(src) && (src[s] == ' ' || src[s] == '\t'); {
			s++
		}
		for s > 0 && s < len(src) && !utf8.RuneStart(src[s]) {
			s-- // it may point into a character, at its last byte
		}
		e.Line = strings.Count(src[:s], "\n") + 1
		e.Column = utf8.RuneCountInString(src[strings.LastIndexByte(src[:s], '\n')+1:s]) + 1
		return explainSyntax(src, pe.Message, s, e)
	}
	return e
}

// decoder holds the state of one Decode.
type decoder struct {
	name string
	// textMM is the width of the worksheet's text column in millimetres,
	// the widest an image may be; known once [worksheet] is read.
	textMM float64
	ix     *index
	errs   Errors
	warns  Errors         // warnings, in the order found
	seen   map[Error]bool // errors and warnings already reported
	// printed are the printed text values, for checkFonts.
	printed []*value
	// ideographic says that text keeps its ideographic spaces (U+3000),
	// for a file whose [fonts] names font files: the fonts of Chinese,
	// Japanese and Korean have them. [fonts] is read before any text.
	ideographic bool
	// smart says whether to make quotes curly and hyphens dashes, as
	// [style] smart_quotes asks; [style] is read first.
	smart bool
	// blocks counts the blocks read so far, for MaxBlocks.
	blocks int
	// formFeed is where the first form feed in printed text is, in file
	// order; the zero Pos when there is none.
	formFeed Pos
	// words are the document's labels, read before the sections, whose
	// task labels default to one.
	words *Labels
	// accessible says that a picture without alt is an error (Options,
	// accessible = true), not a warning; [worksheet] is read before the
	// blocks.
	accessible bool
	hints      Errors // see Document.Hints
}

// warnf reports, once, a problem at p that does not stop the build.
func (d *decoder) warnf(p Pos, format string, args ...any) {
	e := Error{File: d.name, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)}
	if d.seen[e] {
		return
	}
	d.seen[e] = true
	d.warns = append(d.warns, &e)
}

// hint gives, at p, advice that handout check gives and build does not
// (see Document.Hints).
func (d *decoder) hint(p Pos, format string, args ...any) {
	d.hints = append(d.hints, &Error{File: d.name, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)})
}

// noAlt reports the image block m, which has no alt: a warning, as the
// PDF then cannot claim to be accessible, or an error when it must
// (accessible = true, --accessible).
func (d *decoder) noAlt(m *Image) {
	const fix = `say what the picture shows with alt = "…", or write alt = "" if it is only decoration`
	if d.accessible {
		d.errorf(m.PathPos, "image %q has no alt, which an accessible PDF needs (accessible = true, or --accessible): %s", m.Path, fix)
		return
	}
	d.warnf(m.PathPos, "image %q has no alt: %s; without alt the PDF does not claim to be accessible (PDF/UA)", m.Path, fix)
}

// errorf reports a problem at p, once.
func (d *decoder) errorf(p Pos, format string, args ...any) {
	e := Error{File: d.name, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)}
	if d.seen[e] {
		return
	}
	d.seen[e] = true
	d.errs = append(d.errs, &e)
}

// The keys each table may have.
var (
	topKeys       = []string{"worksheet", "style", "fonts", "labels", "section", "summary", "print"}
	worksheetKeys = []string{"title", "subtitle", "paper", "orientation", "author", "language",
		"header", "first_page_header", "footer", "footer_link", "logo", "logo_mm", "name_line", "number_sections", "fit_pages", "min_lines",
		"number_questions", "show_total", "grading_table", "gap_mm", "shuffle_questions", "accessible"}
	styleKeys   = []string{"font", "size", "margin_mm", "ruling_mm", "smart_quotes"}
	fontsKeys   = []string{"regular", "bold", "italic", "bold_italic", "fallback"}
	sectionKeys = []string{"heading", "block", "new_page", "word_bank", "distractors"}
	blockKeys   = blockKeyList()
	summaryKeys = []string{"title", "paper", "orientation", "name_line", "panel"}
	panelKeys   = []string{"heading", "prompt", "ruling"}
	printKeys   = []string{"bleed_mm", "marks", "impose", "gray", "max_ppi", "versions"}
)

// The values of the enumerated keys, in the order of their Go constants.
var (
	paperNames       = paperList()
	orientationNames = []string{"portrait", "landscape"}
	rulingNames      = []string{"lines", "dotted", "grid", "blank"}
	fontNames        = []string{"sans", "serif"}
	alignNames       = []string{"center", "left", "right"}
	imposeNames      = []string{TwoUp.String(), Booklet.String()} // Impose(i+1)
)

// paperList returns the names of the papers, in the order of papers.
func paperList() []string {
	names := make([]string, len(papers))
	for i, p := range papers {
		names[i] = p.name
	}
	return names
}

// document reads the top level of a file.
func (d *decoder) document(m map[string]any) *Document {
	root := d.newTable("", "", m, topKeys)
	doc := &Document{}
	style, _ := root.subTable("style", "[style]", styleKeys)
	doc.Style = d.style(style)
	fs, ok := root.subTable("fonts", "[fonts]", fontsKeys)
	doc.Fonts = d.fonts(fs, ok, style)
	d.ideographic = len(doc.Fonts.Files()) > 0
	ws, ok := root.subTable("worksheet", "[worksheet]", worksheetKeys)
	if !root.has("worksheet") {
		d.errorf(Pos{1, 1}, "missing [worksheet] table: every file needs one, with a title")
	}
	lang := ws.language()
	lt, _ := root.subTable("labels", "[labels]", labelNames)
	doc.Labels = d.labels(lt, lang, ws.keyPos("language"))
	d.words = &doc.Labels
	doc.Worksheet = d.worksheet(ws, ok, lang, &doc.Labels)
	ws.checkTextArea(doc.Worksheet.Paper, doc.Style.MarginMM)
	d.textMM, _ = doc.Worksheet.Paper.TextArea(doc.Style.MarginMM)
	sections, ok := root.tables("section", "[[section]]", sectionKeys)
	if len(sections) > MaxSections {
		d.errorf(sections[MaxSections].pos(), "too many sections: this is section %d of %d, and a file may have at most %d; split it into several files",
			MaxSections+1, len(sections), MaxSections)
		sections = sections[:MaxSections]
	}
	if len(sections) > 0 {
		doc.Sections = make([]Section, 0, len(sections))
	}
	for _, s := range sections {
		doc.Sections = append(doc.Sections, d.section(s))
	}
	d.numberedHeadings(sections, doc)
	noSections := !root.has("section") || ok && len(sections) == 0
	if sum, ok := root.subTable("summary", "[summary]", summaryKeys); ok {
		doc.Summary = d.summary(sum, doc.Worksheet)
		sum.checkTextArea(doc.Summary.Paper, doc.Style.MarginMM)
	}
	d.checkQuestions(doc)
	pr, _ := root.subTable("print", "[print]", printKeys)
	doc.Print = d.print(pr)
	if noSections && !root.has("summary") {
		d.errorf(Pos{1, 1}, "nothing to build: add a [[section]] or a [summary]")
	}
	d.strayTables(root)
	root.finish()
	return doc
}

// countBlocks counts ts, blocks or the parts of a question, among the
// blocks of the file, and returns those within MaxBlocks. Those past it
// are not read: the first of them is reported, with format given its
// number and the limit.
func (d *decoder) countBlocks(ts []*table, format string) []*table {
	if left := MaxBlocks - d.blocks; len(ts) > left {
		if left >= 0 {
			d.errorf(ts[left].pos(), format, MaxBlocks+1, MaxBlocks)
		}
		ts = ts[:max(left, 0)]
	}
	d.blocks += len(ts)
	return ts
}

// section reads one [[section]].
func (d *decoder) section(t *table) Section {
	s := Section{Pos: t.pos()}
	s.Heading = t.required("heading")
	s.NewPage, _ = t.boolean("new_page")
	blocks, _ := t.tables("block", "[[section.block]]", blockKeys)
	blocks = d.countBlocks(blocks, "too many blocks: this is block %d of the file, and a file may have at most %d; split it into several files")
	if len(blocks) > 0 {
		s.Blocks = make([]Block, 0, len(blocks))
	}
	for _, b := range blocks {
		s.Blocks = append(s.Blocks, d.block(b))
	}
	d.wordBank(t, &s)
	t.finish()
	return s
}
