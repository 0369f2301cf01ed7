package document

import (
	"errors"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
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
	if len(data) > MaxFileBytes {
		return nil, FileSizeError(name, int64(len(data)))
	}
	if e := checkUTF8(data); e != nil {
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
	d := &decoder{name: name, ix: newIndex(src), seen: map[Error]bool{}}
	doc := d.document(m)
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool {
			return before(d.errs[i].pos(), d.errs[j].pos())
		})
		return nil, d.errs
	}
	return doc, nil
}

// checkUTF8 returns an error at the first byte of data that is not UTF-8.
func checkUTF8(data []byte) *Error {
	if utf8.Valid(data) {
		return nil // the usual case, without counting lines
	}
	line, col := 1, 1
	i := 0
	if strings.HasPrefix(string(data[:min(3, len(data))]), "\uFEFF") {
		i = 3 // a byte order mark, which Decode drops
	}
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return &Error{Line: line, Column: col, Msg: fmt.Sprintf("invalid UTF-8 byte 0x%02x", data[i])}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return nil
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
		e.Line = strings.Count(src[:s], "\n") + 1
		e.Column = utf8.RuneCountInString(src[strings.LastIndexByte(src[:s], '\n')+1:s]) + 1
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
	seen   map[Error]bool // errors already reported
	font   fontCheck
	// smart says whether to make quotes curly and hyphens dashes, as
	// [style] smart_quotes asks; [style] is read first.
	smart bool
	// blocks counts the blocks read so far, for MaxBlocks.
	blocks int
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
	topKeys       = []string{"worksheet", "style", "section", "summary", "print"}
	worksheetKeys = []string{"title", "subtitle", "paper", "orientation", "author", "language",
		"footer", "footer_link", "name_line", "number_sections", "fit_pages", "min_lines"}
	styleKeys   = []string{"font", "size", "margin_mm", "ruling_mm", "smart_quotes"}
	sectionKeys = []string{"heading", "block"}
	blockKeys   = blockKeyList()
	summaryKeys = []string{"title", "paper", "orientation", "name_line", "panel"}
	panelKeys   = []string{"heading", "prompt", "ruling"}
	printKeys   = []string{"bleed_mm", "marks", "impose", "gray"}
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
	ws, ok := root.subTable("worksheet", "[worksheet]", worksheetKeys)
	if !root.has("worksheet") {
		d.errorf(Pos{1, 1}, "missing [worksheet] table: every file needs one, with a title")
	}
	doc.Worksheet = d.worksheet(ws, ok)
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
	noSections := !root.has("section") || ok && len(sections) == 0
	if sum, ok := root.subTable("summary", "[summary]", summaryKeys); ok {
		doc.Summary = d.summary(sum, doc.Worksheet.Title)
		sum.checkTextArea(doc.Summary.Paper, doc.Style.MarginMM)
	}
	pr, _ := root.subTable("print", "[print]", printKeys)
	doc.Print = d.print(pr)
	if noSections && !root.has("summary") {
		d.errorf(Pos{1, 1}, "nothing to build: add a [[section]] or a [summary]")
	}
	root.finish()
	return doc
}

// style reads [style]. It comes first, as it says which font the text
// must be drawable in.
func (d *decoder) style(t *table) Style {
	s := Style{Size: 11, MarginMM: 18, RulingMM: 8}
	if i, ok := t.enum("font", fontNames); ok {
		s.Font = fontFamilies[i]
	}
	d.font.family = s.Font
	if v, ok := t.number("size", 8, 24); ok {
		s.Size = v
	}
	if v, ok := t.number("margin_mm", minMarginMM, 40); ok {
		s.MarginMM = v
	}
	if v, ok := t.number("ruling_mm", 5, 15); ok {
		s.RulingMM = v
	}
	if b, ok := t.boolean("smart_quotes"); ok {
		s.SmartQuotes, d.smart = b, b
	}
	t.finish()
	return s
}

// print reads [print], which is optional: without it every setting is off.
func (d *decoder) print(t *table) Print {
	var p Print
	if v, ok := t.number("bleed_mm", 0, MaxBleedMM); ok {
		p.BleedMM = v
	}
	if b, ok := t.boolean("marks"); ok {
		p.Marks = b
	}
	if i, ok := t.enum("impose", imposeNames); ok {
		p.Impose = Impose(i + 1)
	}
	if b, ok := t.boolean("gray"); ok {
		p.Gray = b
	}
	t.finish()
	return p
}

// worksheet reads [worksheet]; present says whether the file has one.
func (d *decoder) worksheet(t *table, present bool) Worksheet {
	w := Worksheet{NumberSections: true, Footer: Footer{{Placeholder: Page}}, MinLines: 3}
	if present {
		w.Title = t.required("title")
	}
	w.Subtitle, _ = t.text("subtitle")
	w.Paper = t.paper(0, false)
	w.Author, _ = t.plain("author")
	w.Language = t.language()
	if f, ok := t.footer(); ok {
		w.Footer = f
	}
	w.FooterLink = t.link("footer_link")
	if b, ok := t.boolean("name_line"); ok {
		w.NameLine = b
	}
	if b, ok := t.boolean("number_sections"); ok {
		w.NumberSections = b
	}
	if n, ok := t.integer("fit_pages", 1, 99); ok {
		w.FitPages, w.FitPos = n, t.keyPos("fit_pages")
	}
	if n, ok := t.integer("min_lines", 1, 60); ok {
		w.MinLines = n
	}
	t.finish()
	return w
}

// paper reads the paper and orientation keys, which default to
// paperNames[def] and landscape.
func (t *table) paper(def int, landscape bool) Paper {
	if i, ok := t.enum("orientation", orientationNames); ok {
		landscape = i == 1
	}
	if s, ok := t.rawString("paper"); ok {
		p, err := ParsePaper(s, landscape)
		if err == nil {
			return p
		}
		t.errorf("paper", "%s", paperMessage(s, err))
	}
	p, _ := PaperSize(paperNames[def], landscape)
	return p
}

// checkTextArea reports, at t's paper key, a paper p that leaves less than
// MinTextMM each way inside margins of marginMM. Only a custom paper can:
// A5, the smallest named paper, leaves 68 mm inside the widest margins.
func (t *table) checkTextArea(p Paper, marginMM float64) {
	w, h := p.TextArea(marginMM)
	if w >= MinTextMM-1e-9 && h >= MinTextMM-1e-9 || !t.has("paper") {
		return
	}
	t.errorf("paper", "paper %q leaves %s x %s mm inside margins of %s mm: the text needs at least %d mm each way; use a larger paper or a smaller margin_mm",
		p.Name, fmtFloat(round1(w)), fmtFloat(round1(h)), fmtFloat(marginMM), MinTextMM)
}

// paperMessage explains why ParsePaper refused the paper s.
func paperMessage(s string, err error) string {
	const sizes = `"210x297mm" or "8.5x11in"`
	switch {
	case errors.Is(err, ErrPaperFormat):
		return fmt.Sprintf("paper %q is not a paper size: write the width, \"x\", the height and mm or in, such as %s", s, sizes)
	case errors.Is(err, ErrPaperRange):
		return fmt.Sprintf("paper %q is too small or too large: each side must be from %d to %d mm (%s to %s in)",
			s, MinPaperMM, MaxPaperMM, fmtFloat(round2(MinPaperMM/25.4)), fmtFloat(round2(MaxPaperMM/25.4)))
	}
	return fmt.Sprintf("unknown paper %q: use %s, or a size such as %s", s, orList(paperNames), sizes)
}

// round2 rounds f to two decimal places.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// language reads the language key, which must look like a BCP 47 tag.
func (t *table) language() string {
	s, ok := t.rawString("language")
	s = strings.TrimSpace(s)
	if ok && s != "" && !validLanguage(s) {
		t.errorf("language", "invalid language %q: use a language tag such as \"en-GB\"", s)
		return ""
	}
	return s
}

// footer reads the footer template.
func (t *table) footer() (Footer, bool) {
	s, ok := t.line("footer")
	if !ok {
		return nil, false
	}
	if n, long := tooLong(s, MaxFooterChars); long {
		t.errorf("footer", "footer is %d characters long: a footer may have at most %d", n, MaxFooterChars)
		return nil, false
	}
	f, unknown := parseFooter(s)
	path := keyPath(t.path, "footer")
	for _, ph := range unknown {
		t.d.errorf(t.d.find(path, ph, t.keyPos("footer")),
			"unknown footer placeholder %q: use {page} or {pages}", ph)
	}
	return f, true
}

// link reads key as an absolute http or https URL.
func (t *table) link(key string) string {
	s, ok := t.rawString(key)
	s = strings.TrimSpace(s)
	if !ok || s == "" {
		return ""
	}
	if len(s) > MaxURLBytes {
		t.errorf(key, "%s is %d characters long: a URL may have at most %d", key, len(s), MaxURLBytes)
		return ""
	}
	if !validURL(s) {
		t.errorf(key, "%s %q is not an absolute http:// or https:// URL", key, s)
		return ""
	}
	return s
}

// section reads one [[section]].
func (d *decoder) section(t *table) Section {
	s := Section{Pos: t.pos()}
	s.Heading = t.required("heading")
	blocks, _ := t.tables("block", "[[section.block]]", blockKeys)
	if left := MaxBlocks - d.blocks; len(blocks) > left {
		// Blocks past the limit are not read: it is reported once, at the
		// first of them.
		if left >= 0 {
			d.errorf(blocks[left].pos(), "too many blocks: this is block %d of the file, and a file may have at most %d; split it into several files",
				MaxBlocks+1, MaxBlocks)
		}
		blocks = blocks[:max(left, 0)]
	}
	d.blocks += len(blocks)
	if len(blocks) > 0 {
		s.Blocks = make([]Block, 0, len(blocks))
	}
	for _, b := range blocks {
		s.Blocks = append(s.Blocks, d.block(b))
	}
	t.finish()
	return s
}

// kindKeys are the block kinds, whose keys a block chooses from.
var kindKeys = []Kind{Bullet, Text, Quote, Notes, Task, Image}

// ownedKeys are a block's keys other than the kind keys, each with the
// kinds of block that may have it.
var ownedKeys = []struct {
	key   string
	kinds []Kind
}{
	{"source", []Kind{Quote}},
	{"lines", []Kind{Notes}},
	{"min_lines", []Kind{Notes}},
	{"ruling", []Kind{Notes}},
	{"label", []Kind{Task}},
	{"items", []Kind{Task}},
	{"answer", []Kind{Notes, Task}},
	{"caption", []Kind{Image}},
	{"width_mm", []Kind{Image}},
	{"align", []Kind{Image}},
}

// kindList returns the names of kinds as "a, b or c".
func kindList(kinds []Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.String()
	}
	return orList(names)
}

// blockKeyList returns every key a block may have: the kind keys, then
// ownedKeys.
func blockKeyList() []string {
	keys := kindNames()
	for _, o := range ownedKeys {
		keys = append(keys, o.key)
	}
	return keys
}

// kindNames returns the keys of kindKeys, in order.
func kindNames() []string {
	names := make([]string, len(kindKeys))
	for i, k := range kindKeys {
		names[i] = k.String()
	}
	return names
}

// block reads one [[section.block]].
func (d *decoder) block(t *table) Block {
	b := Block{Pos: t.pos()}
	var kinds []string
	for _, k := range kindKeys {
		if t.has(k.String()) {
			kinds = append(kinds, k.String())
		}
	}
	sort.SliceStable(kinds, func(i, j int) bool { return before(t.keyPos(kinds[i]), t.keyPos(kinds[j])) })
	switch len(kinds) {
	case 0:
		d.errorf(t.pos(), "block has no kind: give one of %s", strings.Join(kindNames(), ", "))
	case 1:
		b.Kind = kindByName(kinds[0])
		d.blockBody(t, &b)
	default:
		quoted := make([]string, len(kinds))
		for i, k := range kinds {
			quoted[i] = strconv.Quote(k)
		}
		t.errorf(kinds[1], "block has more than one kind (%s): give only one", list(quoted, "and"))
	}
	for k := range t.m {
		if slices.Contains(blockKeys, k) {
			t.used[k] = true // already reported, or not worth reporting
		}
	}
	t.finish()
	return b
}

// before reports whether p comes before q in the file.
func before(p, q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Column < q.Column
}

// kindByName returns the Kind whose key is name.
func kindByName(name string) Kind {
	for _, k := range kindKeys {
		if k.String() == name {
			return k
		}
	}
	return 0
}

// blockBody reads the keys of a block whose kind is known.
func (d *decoder) blockBody(t *table, b *Block) {
	key := b.Kind.String()
	if b.Kind == Image {
		d.imageBlock(t, b)
		return
	}
	paras, ok := t.paragraphs(key)
	b.Paragraphs = paras
	// A notes box may have no prompt, and a task panel may be all items.
	if ok && len(paras) == 0 && b.Kind != Notes && b.Kind != Task {
		t.errorf(key, "key %q must not be empty", key)
	}
	d.rejectOthers(t, b.Kind)
	switch b.Kind {
	case Quote:
		b.Source, _ = t.text("source")
	case Notes:
		b.Lines, b.Fill = t.lines()
		if n, ok := t.integer("min_lines", 1, 60); ok {
			b.MinLines = n
		}
		b.Ruling = t.ruling()
		b.Answer, b.AnswerPos = t.answer()
	case Task:
		b.Label = Plain("Task")
		if t.has("label") {
			b.Label = t.required("label")
		}
		b.Items, _ = t.textList("items")
		if ok && len(paras) == 0 && len(b.Items) == 0 {
			t.errorf(key, "key %q must not be empty unless the task has items", key)
		}
		b.Answer, b.AnswerPos = t.answer()
	}
}

// lines reads a notes block's lines key: 1 to 60 writing lines (default
// 6), or "fill" for a box that takes the rest of its page.
func (t *table) lines() (n int, fill bool) {
	v, ok := t.get("lines")
	if !ok {
		return 6, false
	}
	if s, isString := v.(string); isString {
		if strings.EqualFold(strings.TrimSpace(s), "fill") {
			return 6, true
		}
		t.errorf("lines", "lines = %q: use a number of writing lines, 1 to 60, or \"fill\"", s)
		return 6, false
	}
	if n, ok := t.integer("lines", 1, 60); ok {
		return n, false
	}
	return 6, false
}

// answer reads the answer key of a notes or task block: its paragraphs,
// none when it is missing or blank, and where it is written.
func (t *table) answer() ([]Inline, Pos) {
	paras, ok := t.paragraphs("answer")
	if !ok {
		return nil, Pos{}
	}
	return paras, t.keyPos("answer")
}

// imageBlock reads the keys of an image block.
func (d *decoder) imageBlock(t *table, b *Block) {
	d.rejectOthers(t, Image)
	b.ImagePos = t.keyPos("image")
	b.ImagePath = t.imagePath("image")
	b.Caption, _ = t.text("caption")
	if v, ok := t.number("width_mm", 10, maxWidthMM()); ok {
		if v > d.textMM+1e-9 {
			t.errorf("width_mm", "width_mm = %s is wider than the text column (%s mm between the margins): use at most %s, or leave width_mm out",
				fmtFloat(v), fmtFloat(math.Floor(d.textMM*10)/10), fmtFloat(math.Floor(d.textMM)))
		} else {
			b.WidthMM = v
		}
	}
	b.Align = t.align()
}

// minMarginMM is the narrowest margin_mm.
const minMarginMM = 10

// maxWidthMM returns the widest an image may be on any page: the text
// column of the largest paper, a custom one MaxPaperMM wide, with the
// narrowest margins (980 mm). A width up to it may still be wider than
// the text column of the file's own paper, which imageBlock reports on
// its own.
func maxWidthMM() float64 {
	widest := float64(MaxPaperMM)
	for _, p := range papers {
		widest = max(widest, p.w, p.h)
	}
	return widest - 2*minMarginMM
}

// rejectOthers reports every key of t that belongs to a kind other than k.
func (d *decoder) rejectOthers(t *table, k Kind) {
	for _, o := range ownedKeys {
		if !slices.Contains(o.kinds, k) && t.has(o.key) {
			t.used[o.key] = true
			t.errorf(o.key, "key %q is not allowed in %s block (only in %s blocks)", o.key, withArticle(k), kindList(o.kinds))
		}
	}
}

// withArticle returns "a " or "an " and the kind's key.
func withArticle(k Kind) string {
	if strings.ContainsRune("aeiou", rune(k.String()[0])) {
		return "an " + k.String()
	}
	return "a " + k.String()
}

// imagePath reads key as the path of an image file: relative to the
// content file's folder, written with forward slashes, and not leading out
// of that folder. It returns the path cleaned, or "" after an error.
func (t *table) imagePath(key string) string {
	v, ok := t.checked(key, false)
	if !ok {
		return ""
	}
	s := v.raw // a path is not cleaned: a file's name is as it is
	var why string
	switch {
	case strings.TrimSpace(s) == "":
		why = "must not be empty: give the image file's path relative to this file, such as \"images/trotsky.jpg\""
	case strings.Contains(s, "\\"):
		why = "must use forward slashes (/) between folders"
	case path.IsAbs(s) || filepath.IsAbs(s) || filepath.VolumeName(s) != "" || driveLetter(s):
		why = "is absolute: give it relative to this file's folder, such as \"images/trotsky.jpg\""
	case !filepath.IsLocal(filepath.FromSlash(s)):
		why = "leads out of this file's folder: an image must be in the folder of its content file or a folder inside it"
	}
	if why != "" {
		t.errorf(key, "image %q %s", s, why)
		return ""
	}
	return path.Clean(s)
}

// driveLetter reports whether s starts with a Windows drive, such as "C:".
func driveLetter(s string) bool {
	return len(s) >= 2 && s[1] == ':' && ('a' <= s[0]|0x20 && s[0]|0x20 <= 'z')
}

// align reads the align key, which defaults to Center; "centre" is
// accepted too.
func (t *table) align() Align {
	if s, ok := t.m["align"].(string); ok && strings.EqualFold(strings.TrimSpace(s), "centre") {
		t.used["align"] = true
		return Center
	}
	i, _ := t.enum("align", alignNames)
	return Align(i)
}

// ruling reads the ruling key, which defaults to Lines.
func (t *table) ruling() Ruling {
	i, _ := t.enum("ruling", rulingNames)
	return Ruling(i)
}

// summary reads [summary]. The title defaults to the worksheet's.
func (d *decoder) summary(t *table, title Inline) *Summary {
	s := &Summary{Title: title, NameLine: true}
	if t.has("title") {
		s.Title = t.required("title")
	}
	s.Paper = t.paper(2, true)
	if b, ok := t.boolean("name_line"); ok {
		s.NameLine = b
	}
	panels, ok := t.tables("panel", "[[summary.panel]]", panelKeys)
	switch {
	case !ok && !t.has("panel"):
		s.Panels = defaultPanels()
	case ok && len(panels) == 0:
		t.errorf("panel", "[summary] has no panels: give 1 to %d, or leave out \"panel\" for Causes, Course and Effects", MaxPanels)
	case len(panels) > MaxPanels:
		d.errorf(panels[MaxPanels].pos(), "too many panels: a summary has at most %d", MaxPanels)
	}
	for _, p := range panels {
		s.Panels = append(s.Panels, d.panel(p))
	}
	t.finish()
	return s
}

// defaultPanels returns the panels of a summary that gives none.
func defaultPanels() []Panel {
	return []Panel{{Heading: Plain("Causes")}, {Heading: Plain("Course")}, {Heading: Plain("Effects")}}
}

// panel reads one [[summary.panel]].
func (d *decoder) panel(t *table) Panel {
	p := Panel{}
	p.Heading = t.required("heading")
	p.Prompt, _ = t.text("prompt")
	p.Ruling = t.ruling()
	t.finish()
	return p
}
