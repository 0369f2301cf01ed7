// Package build is handout's pipeline: content bytes in, PDF bytes out. It
// finds the content files to build and where their PDFs go (Sources),
// decodes a content file, lays out and renders its worksheet and summary
// sheet (File), builds many files at a time (Batch) and writes PDFs
// atomically (WriteAtomic). It knows nothing about the command line.
package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"handout/document"
	"handout/impose"
	"handout/layout"
	"handout/printing"
	"handout/render"
)

// Options are a build's settings.
type Options struct {
	Time       time.Time // the PDFs' creation date
	Version    string    // handout's version, for the PDFs' Creator
	Answers    bool      // also write the answer key, NAME-answers.pdf
	LargePrint bool      // also write the large-print edition, NAME-large.pdf
	// Print are the print-shop settings given on the command line; each
	// that is set overrides the content file's [print] table.
	Print PrintFlags
}

// PrintFlags are print-shop settings from the command line (--bleed,
// --marks, --impose, --gray); a nil field is not given, and leaves the
// content file's setting.
type PrintFlags struct {
	BleedMM *float64
	Marks   *bool
	Impose  *document.Impose
	Gray    *bool
}

// Over returns the file's print settings p with those of f that are set
// in their place: the command line overrides the content file.
func (f PrintFlags) Over(p document.Print) document.Print {
	if f.BleedMM != nil {
		p.BleedMM = *f.BleedMM
	}
	if f.Marks != nil {
		p.Marks = *f.Marks
	}
	if f.Impose != nil {
		p.Impose = *f.Impose
	}
	if f.Gray != nil {
		p.Gray = *f.Gray
	}
	return p
}

// String returns the flags that are set, as they are given on the command
// line, such as "--bleed 3 --marks": for the manifest, where different
// flags rebuild every file.
func (f PrintFlags) String() string {
	var s []string
	if f.BleedMM != nil {
		s = append(s, "--bleed "+strconv.FormatFloat(*f.BleedMM, 'g', -1, 64))
	}
	if f.Marks != nil {
		s = append(s, "--marks="+strconv.FormatBool(*f.Marks))
	}
	if f.Impose != nil {
		s = append(s, "--impose "+f.Impose.String())
	}
	if f.Gray != nil {
		s = append(s, "--gray="+strconv.FormatBool(*f.Gray))
	}
	return strings.Join(s, " ")
}

// Suffixes returns the suffixes of every PDF a build with o may write for
// one content file: the worksheet's, the summary sheet's, those of the
// editions o asks for, and both imposed copies' (NAME-2up.pdf and
// NAME-booklet.pdf), since a file's own [print] table may ask for one,
// which is only known once it is read.
func (o Options) Suffixes() []string {
	s := []string{WorksheetSuffix, SummarySuffix}
	if o.Answers {
		s = append(s, AnswersSuffix)
	}
	if o.LargePrint {
		s = append(s, LargeSuffix)
	}
	return append(s, TwoUpSuffix, BookletSuffix)
}

// ImposedSuffix returns the suffix of the imposed copy that i makes, or ""
// for NoImpose.
func ImposedSuffix(i document.Impose) string {
	switch i {
	case document.TwoUp:
		return TwoUpSuffix
	case document.Booklet:
		return BookletSuffix
	}
	return ""
}

// Output is one PDF made from a content file.
type Output struct {
	Suffix string // WorksheetSuffix or SummarySuffix
	PDF    []byte
	Pages  int
}

// Check decodes, validates and lays out one content file, without
// rendering it, so that it fails exactly when File would fail on the
// content. Like File, it returns document.Errors for content errors.
func Check(name string, data []byte) error {
	_, _, err := check(name, data)
	return err
}

// check is Check, also returning the files other than the content file
// that it read, as LoadImages does, and the content's warnings.
func check(name string, data []byte) ([]Input, document.Errors, error) {
	d, ins, err := load(name, data)
	if err != nil {
		return ins, nil, err
	}
	var errs []error
	for _, p := range parts(d, Options{}) {
		if _, err := p.layOut(name, d); err != nil {
			errs = append(errs, err)
		}
	}
	return ins, d.Warnings, joinUnique(errs)
}

// load decodes a content file and reads the images it shows (see
// LoadImages), returning the files other than the content file it read.
func load(name string, data []byte) (*document.Document, []Input, error) {
	d, err := document.Decode(name, data)
	if err != nil {
		return nil, nil, err
	}
	ins, err := LoadImages(name, d)
	if err != nil {
		return nil, ins, err
	}
	return d, ins, nil
}

// File builds every PDF of one content file: the worksheet when the file has
// sections, then the summary sheet when it has a [summary] table, then the
// answer key and the large-print edition of the worksheet when opt asks for
// them, always in that order. name is used in messages, and images are
// read relative to its folder (see LoadImages). It returns document.Errors
// for content errors, image problems included; other errors say which step
// failed. On any error it returns no outputs.
func File(name string, data []byte, opt Options) ([]Output, error) {
	outs, _, _, err := file(name, data, opt)
	return outs, err
}

// file is File, also returning the files other than the content file that
// it read, and the content's warnings.
func file(name string, data []byte, opt Options) ([]Output, []Input, document.Errors, error) {
	d, ins, err := load(name, data)
	if err != nil {
		return nil, ins, nil, err
	}
	ps := parts(d, opt)
	outs := make([]Output, len(ps))
	errs := make([]error, len(ps))
	// Each PDF costs tens of milliseconds of font embedding, so they are
	// made at the same time. Layout and render only read the document.
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Go(func() { outs[i], errs[i] = p.pdf(name, d, opt) })
	}
	wg.Wait()
	if err := joinUnique(errs); err != nil {
		return nil, ins, d.Warnings, err
	}
	return outs, ins, d.Warnings, nil
}

// part is one of the PDFs a content file may make.
type part struct {
	suffix string // WorksheetSuffix, SummarySuffix, AnswersSuffix or LargeSuffix
	what   string // for messages: "", " summary", " answers" or " large print"
	lay    func(*document.Document) (*layout.Result, error)
}

// parts returns the PDFs d makes with opt, in order: the worksheet when it
// has sections, the summary sheet when it has a [summary] table, then, when
// it has sections, the editions opt asks for. The summary sheet has no
// answers and no large-print edition.
func parts(d *document.Document, opt Options) []part {
	var ps []part
	if len(d.Sections) > 0 {
		ps = append(ps, part{suffix: WorksheetSuffix, what: "", lay: layout.Worksheet})
	}
	if d.Summary != nil {
		ps = append(ps, part{suffix: SummarySuffix, what: " summary", lay: layout.Summary})
	}
	if len(d.Sections) > 0 && opt.Answers {
		ps = append(ps, part{suffix: AnswersSuffix, what: " answers", lay: edition(layout.Edition{Answers: true})})
	}
	if len(d.Sections) > 0 && opt.LargePrint {
		ps = append(ps, part{suffix: LargeSuffix, what: " large print", lay: edition(layout.Edition{LargePrint: true})})
	}
	if i := opt.Print.Over(d.Print).Impose; len(d.Sections) > 0 && i != document.NoImpose {
		ps = append(ps, part{suffix: ImposedSuffix(i), what: " " + i.String(), lay: imposed(i)})
	}
	return ps
}

// imposed returns the layout of the student worksheet imposed by i: two
// pages a sheet, in reading order or in booklet order. Bleed and marks,
// when asked for, then go around each sheet.
func imposed(i document.Impose) func(*document.Document) (*layout.Result, error) {
	sheets := impose.TwoUp
	if i == document.Booklet {
		sheets = impose.Booklet
	}
	return func(d *document.Document) (*layout.Result, error) {
		r, err := layout.Worksheet(d)
		if err != nil {
			return nil, err
		}
		return sheets(r)
	}
}

// edition returns the layout of the worksheet's edition ed.
func edition(ed layout.Edition) func(*document.Document) (*layout.Result, error) {
	return func(d *document.Document) (*layout.Result, error) { return layout.WorksheetEdition(d, ed) }
}

// layOut lays out p's pages of d, the content file name. A problem with
// the content that only the layout finds, such as an answer too long for
// its box, is returned as document.Errors, at its place in the file. A
// panic in layout becomes an error, so that it cannot take the other PDF,
// and the whole batch, down with it.
func (p part) layOut(name string, d *document.Document) (r *layout.Result, err error) {
	defer recovered(&err, "layout"+p.what)
	r, err = p.lay(d)
	var pe *layout.PosError
	if errors.As(err, &pe) {
		return nil, document.Errors{{File: name, Line: pe.Pos.Line, Column: pe.Pos.Column, Msg: pe.Msg}}
	}
	if err != nil {
		return nil, fmt.Errorf("layout%s: %w", p.what, err)
	}
	if r == nil || len(r.Pages) == 0 {
		return nil, fmt.Errorf("layout%s: no pages", p.what)
	}
	return r, nil
}

// pdf lays out p's PDF of d, applies the print settings (printTransforms)
// and renders it. A panic in render becomes an error.
func (p part) pdf(name string, d *document.Document, opt Options) (out Output, err error) {
	r, err := p.layOut(name, d)
	if err != nil {
		return Output{}, err
	}
	pdfName := trimExt(filepath.Base(name)) + p.suffix + ".pdf"
	pr := opt.Print.Over(d.Print)
	if r, err = printTransforms(r, pr, pdfName, opt.Time); err != nil {
		return Output{}, fmt.Errorf("print%s: %w", p.what, err)
	}
	defer recovered(&err, "render"+p.what)
	// The gray edition is drawn by render, which also turns the images
	// gray: it alone has their bytes.
	ropt := render.Options{Time: opt.Time, Creator: creator(opt.Version), Gray: pr.Gray}
	pdf, err := render.PDF(r, ropt)
	if err != nil {
		return Output{}, fmt.Errorf("render%s: %w", p.what, err)
	}
	return Output{Suffix: p.suffix, PDF: pdf, Pages: len(r.Pages)}, nil
}

// printTransforms applies the print settings pr to r, the placed pages of
// the PDF named pdfName, built at t. It is the one place where print-shop
// transforms are applied to a part's pages, after layout and before
// render:
//
//   - pr.Gray (--gray) is applied by render (render.Options.Gray), after
//     these transforms, to every colour and image; crop marks, in the
//     registration colour otherwise, are then plain black.
//   - pr.BleedMM and pr.Marks (--bleed, --marks): printing.Prepare grows
//     each page, records its trim and bleed boxes and adds the marks.
//
// pr.Impose (--impose) makes a further part, NAME-2up.pdf or
// NAME-booklet.pdf (ImposedSuffix), whose pages are imposed when laid out
// (see parts), before these transforms.
func printTransforms(r *layout.Result, pr document.Print, pdfName string, t time.Time) (*layout.Result, error) {
	return printing.Prepare(r, printing.Settings{BleedMM: pr.BleedMM, Marks: pr.Marks, Name: pdfName, Time: t})
}

// joinUnique joins errs as errors.Join does, leaving out those that say
// what an earlier one says: the editions of a worksheet share its content
// errors, which are reported once.
func joinUnique(errs []error) error {
	var out []error
	seen := map[string]bool{}
	for _, err := range errs {
		if err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, err)
		}
	}
	return errors.Join(out...)
}

// recovered, deferred, turns a panic into *err, saying which step failed.
func recovered(err *error, step string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: internal error: %v", step, p)
	}
}

// creator returns the PDFs' Creator: handout and its version.
func creator(version string) string {
	if version == "" {
		return "handout"
	}
	return "handout " + version
}

// maxEpoch is 9999-12-31T23:59:59Z: PDF dates have four-digit years.
const maxEpoch = 253402300799

// SourceTime returns the build time: SOURCE_DATE_EPOCH (decimal seconds
// since 1970-01-01 UTC, see reproducible-builds.org) as a UTC time when it
// is set and not empty, else now(). An invalid value is an error, not
// silently ignored, since it would make the build unreproducible.
func SourceTime(getenv func(string) string, now func() time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxEpoch || s[0] == '+' {
		return time.Time{}, fmt.Errorf("invalid SOURCE_DATE_EPOCH %q: want whole seconds since 1970-01-01 UTC, such as 1700000000", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
