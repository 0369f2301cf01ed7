// Package build is handout's pipeline: content bytes in, PDF bytes out. It
// finds the content files to build and where their PDFs go (Sources),
// decodes a content file, lays out and renders its worksheet and summary
// sheet (File), builds many files at a time (Batch) and writes PDFs
// atomically (WriteAtomic). It knows nothing about the command line.
package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"handout/document"
	"handout/layout"
	"handout/printing"
	"handout/render"
)

// Options are a build's settings.
type Options struct {
	Time time.Time // the PDFs' creation date
	// FixedTime says that Time is fixed, by SOURCE_DATE_EPOCH (see
	// SourceTime), not the time of the build: the PDFs' bytes then depend
	// on it, and so does the Fingerprint.
	FixedTime  bool
	Version    string // handout's version, for the PDFs' Creator
	Answers    bool   // also write the answer key, NAME-answers.pdf
	LargePrint bool   // also write the large-print edition, NAME-large.pdf
	// Accessible makes an image without alt an error, not a warning, so
	// that every PDF claims to be accessible (PDF/UA), as accessible =
	// true in a file's [worksheet] does (--accessible).
	Accessible bool
	// Print are the print-shop settings given on the command line; each
	// that is set overrides the content file's [print] table.
	Print PrintFlags
}

// Fingerprint returns what of o the PDFs' bytes, and which PDFs there
// are, depend on, for the manifest: a build with another fingerprint
// than the last rebuilds every file. It is handout's version, the
// creation date when it is fixed (without SOURCE_DATE_EPOCH a PDF's date
// is whenever it was built, and any will do), and the edition, print and
// accessible flags as they are given on the command line, such as
// "handout 0.1.0 SOURCE_DATE_EPOCH=1700000000 --answers --bleed 3".
func (o Options) Fingerprint() string {
	epoch := ""
	if o.FixedTime {
		epoch = strconv.FormatInt(o.Time.Unix(), 10)
	}
	s := []string{creator(o.Version), "SOURCE_DATE_EPOCH=" + epoch}
	if o.Answers {
		s = append(s, "--answers")
	}
	if o.LargePrint {
		s = append(s, "--large-print")
	}
	if o.Accessible {
		s = append(s, "--accessible")
	}
	if p := o.Print.String(); p != "" {
		s = append(s, p)
	}
	return strings.Join(s, " ")
}

// PrintFlags are print-shop settings from the command line (--bleed,
// --marks, --impose, --gray, --versions); a nil field is not given, and
// leaves the content file's setting.
type PrintFlags struct {
	BleedMM *float64
	Marks   *bool
	Impose  *document.Impose
	Gray    *bool
	// Versions is how many versions of a question paper to make, 0 for
	// none (see document.Print.Versions).
	Versions *int
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
	if f.Versions != nil {
		p.Versions = *f.Versions
	}
	return p
}

// String returns the flags that are set, as they are given on the command
// line, such as "--bleed 3 --marks=true" (see Options.Fingerprint).
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
	if f.Versions != nil {
		s = append(s, versionsFlag(*f.Versions))
	}
	return strings.Join(s, " ")
}

// Rendered is one PDF made from a content file, not yet written.
type Rendered struct {
	Output
	PDF   []byte
	Pages int

	asked string // the flag that asked for it, such as "--answers"; "" when the content file did (see Options.askedBy)
}

// Check decodes, validates and lays out one content file, without
// rendering it, so that it fails exactly when File would fail on the
// content. Like File, it returns document.Errors for content errors.
func Check(name string, data []byte) error {
	_, _, err := check(context.Background(), name, data, Options{})
	return err
}

// check is Check, for a build with opt, which decides the editions laid
// out and the size at which images are embedded; it also returns the
// files other than the content file that it read, as LoadImages does,
// and the content's warnings, with the hints that only check gives
// (document.Document.Hints). It gives up with ctx's error once ctx is
// done.
func check(ctx context.Context, name string, data []byte, opt Options) ([]Input, document.Errors, error) {
	d, pics, ins, err := load(ctx, name, data, opt)
	if err != nil {
		return ins, nil, err
	}
	warnVersions(name, d, opt)
	ps := parts(d, opt)
	rs := make([]*layout.Result, len(ps))
	errs := make([]error, len(ps))
	for i, p := range ps {
		if rs[i], errs[i] = p.layOut(name, d); errs[i] == nil {
			s := p.settings(name, d, opt)
			// Images are only decoded here, with no gray copies (see
			// decodePictures), and gray changes nothing but colours: it
			// cannot fail.
			s.Gray = false
			_, errs[i] = p.print(rs[i], s)
		}
	}
	_, err = decodePictures(ctx, pics, d, opt, rs, partErrors(ps, errs), false)
	warns := slices.Concat(d.Warnings, d.Hints)
	slices.SortStableFunc(warns, func(a, b *document.Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return ins, warns, err
}

// load decodes a content file, reads the headers of the images it shows
// (see loadImages) and the fonts it names (see LoadFonts), returning its
// pictures, to be decoded once its pages are laid out, and the files other
// than the content file it read. With opt.Accessible, an image without alt
// is an error.
func load(ctx context.Context, name string, data []byte, opt Options) (*document.Document, pictures, []Input, error) {
	return loadIn(ctx, name, ownFolder(name), data, opt)
}

// warnVersions adds to d's warnings the one versions gives for a build
// of d with opt, if any.
func warnVersions(name string, d *document.Document, opt Options) {
	if _, w := versions(d, opt); w != nil {
		w.File = name
		d.Warnings = append(d.Warnings, w)
	}
}

// loadIn is load, with the images and fonts found in folder f.
func loadIn(ctx context.Context, name string, f Folder, data []byte, opt Options) (*document.Document, pictures, []Input, error) {
	d, err := document.DecodeWith(name, data, document.Options{Accessible: opt.Accessible})
	if err != nil {
		return nil, pictures{}, nil, err
	}
	pics, ins, err := loadImagesIn(ctx, name, f, d)
	if ctx.Err() != nil {
		return nil, pics, ins, ctx.Err()
	}
	fontIns, fontErr := loadFontsIn(name, f, d)
	ins = append(ins, fontIns...)
	if err = joinContentErrors(err, fontErr); err != nil {
		return nil, pics, ins, err
	}
	return d, pics, ins, nil
}

// decodePictures decodes the pictures of d, the content file of a build
// with opt, for the laid-out pages rs: ready for the PDF writer when embed
// is set (see pictures.decode), with their gray copies when the file is
// built in gray, else with the PNGs with transparency taken apart in the
// render.Prepared it returns. When the layout failed with layoutErr, the
// pictures are only checked, and the problems of both returned, the
// pictures' first.
func decodePictures(ctx context.Context, pics pictures, d *document.Document, opt Options, rs []*layout.Result, layoutErr error, embed bool) (*render.Prepared, error) {
	pr := opt.Print.Over(d.Print)
	cv := convert{embed: embed && layoutErr == nil, gray: pr.Gray}
	if cv.embed && !cv.gray {
		cv.prepared = render.NewPrepared()
	}
	err := pics.decode(ctx, cv, rs, pr.MaxPPI)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err := errors.Join(err, layoutErr); err != nil {
		return nil, err
	}
	return cv.prepared, nil
}

// joinContentErrors returns a and b, either of which may be nil, as one
// error: both document.Errors, in the order of their places in the file,
// when they are; else the first that is not nil.
func joinContentErrors(a, b error) error {
	var ea, eb document.Errors
	if !errors.As(a, &ea) || !errors.As(b, &eb) {
		if a != nil {
			return a
		}
		return b
	}
	es := slices.Concat(ea, eb)
	slices.SortStableFunc(es, func(x, y *document.Error) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column))
	})
	return es
}

// File builds every PDF of one content file: the worksheet when the file has
// sections, then the summary sheet when it has a [summary] table, then the
// answer key and the large-print edition of the worksheet when opt asks for
// them, then the imposed copy the print settings ask for, always in that
// order (see Kind). name is used in messages, and images are
// read relative to its folder (see LoadImages). It returns document.Errors
// for content errors, image problems included; other errors say which step
// failed. On any error it returns no outputs.
func File(name string, data []byte, opt Options) ([]Rendered, error) {
	return FileContext(context.Background(), name, data, opt)
}

// FileContext is File, giving up, with ctx's error, as soon as ctx is
// done: the decoding of an image or the rendering of a PDF then in
// progress finishes in the background, writing nothing.
func FileContext(ctx context.Context, name string, data []byte, opt Options) ([]Rendered, error) {
	outs, _, _, err := file(ctx, name, data, opt)
	return outs, err
}

// FileIn is FileContext for content that is not a file of its own, such
// as standard input: name names it in messages, and the files it names,
// its images, are found in folder f. It also returns the content's
// warnings, which fail nothing.
func FileIn(ctx context.Context, name string, f Folder, data []byte, opt Options) ([]Rendered, document.Errors, error) {
	outs, _, warns, err := fileIn(ctx, name, f, data, opt)
	return outs, warns, err
}

// file is FileContext, also returning the files other than the content
// file that it read, and the content's warnings.
func file(ctx context.Context, name string, data []byte, opt Options) ([]Rendered, []Input, document.Errors, error) {
	return fileIn(ctx, name, ownFolder(name), data, opt)
}

// fileIn is file, with the content's images found in folder f. It lays
// out every PDF of the file, then decodes its pictures once for all of
// them, at the size the largest page showing each needs, then applies
// each PDF's print settings and renders it.
func fileIn(ctx context.Context, name string, f Folder, data []byte, opt Options) ([]Rendered, []Input, document.Errors, error) {
	d, pics, ins, err := loadIn(ctx, name, f, data, opt)
	if err != nil {
		return nil, ins, nil, err
	}
	warnVersions(name, d, opt)
	ps := parts(d, opt)
	rs := make([]*layout.Result, len(ps))
	errs := make([]error, len(ps))
	// Each PDF costs tens of milliseconds of font embedding, so they are
	// made at the same time. Layout and render only read the document,
	// and the images decoded once for all of them.
	if err := together(ctx, len(ps), func(i int) { rs[i], errs[i] = ps[i].layOut(name, d) }); err != nil {
		return nil, ins, nil, err
	}
	prepared, err := decodePictures(ctx, pics, d, opt, rs, partErrors(ps, errs), true)
	if err != nil {
		return nil, ins, d.Warnings, err
	}
	outs := make([]Rendered, len(ps))
	if err := together(ctx, len(ps), func(i int) { outs[i], errs[i] = ps[i].pdf(name, rs[i], d, prepared, opt) }); err != nil {
		return nil, ins, nil, err
	}
	if err := partErrors(ps, errs); err != nil {
		return nil, ins, d.Warnings, err
	}
	return outs, ins, d.Warnings, nil
}

// together runs f(0), f(1), … f(n-1) at the same time, and waits until
// they are done, or ctx is, when it returns ctx's error at once, leaving
// them to finish in the background.
func together(ctx context.Context, n int, f func(i int)) error {
	done := make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { f(i) })
		}
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// part is one of the PDFs a content file may make, and how its pages are
// laid out.
type part struct {
	Output
	lay func(*document.Document) (*layout.Result, error)
}

// parts returns the PDFs d makes with opt, in order: the worksheet when it
// has sections, the summary sheet when it has a [summary] table, then, when
// it has sections, the editions opt asks for and the imposed copy its
// print settings ask for. The summary sheet has no answers, no
// large-print edition and no imposed copy. When the print settings ask
// for versions of the paper, each PDF but the summary sheet is made in
// each version, A, B …, in that order, instead of once (see versions).
func parts(d *document.Document, opt Options) []part {
	var ps []part
	vs := []int{0}
	if n, _ := versions(d, opt); n > 0 {
		vs = vs[:0]
		for v := 1; v <= n; v++ {
			vs = append(vs, v)
		}
	}
	each := func(k Kind, ed layout.Edition) {
		for _, v := range vs {
			ed.Version = v
			ps = append(ps, part{Output{Kind: k, Version: versionLetter(v)}, edition(ed)})
		}
	}
	sections := len(d.Sections) > 0
	if sections {
		each(Worksheet, layout.Edition{})
	}
	if d.Summary != nil {
		ps = append(ps, part{Output{Kind: Summary}, layout.Summary})
	}
	if sections && opt.Answers {
		each(Answers, layout.Edition{Answers: true})
	}
	if sections && opt.LargePrint {
		each(LargePrint, layout.Edition{LargePrint: true})
	}
	if k, ok := imposedKind(opt.Print.Over(d.Print).Impose); sections && ok {
		// The student copy, which printing imposes (see settings).
		each(k, layout.Edition{})
	}
	return ps
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
	defer recovered(&err, "layout"+p.what())
	r, err = p.lay(d)
	var pe *layout.PosError
	if errors.As(err, &pe) {
		return nil, document.Errors{{File: name, Line: pe.Pos.Line, Column: pe.Pos.Column, Msg: pe.Msg}}
	}
	if err != nil {
		return nil, fmt.Errorf("layout%s: %w", p.what(), err)
	}
	if r == nil || len(r.Pages) == 0 {
		return nil, fmt.Errorf("layout%s: no pages", p.what())
	}
	return r, nil
}

// pdf applies p's print settings to r, its laid-out pages of d, the
// content file name, and renders them, with the images prepared for every
// PDF of d. A panic in render becomes an error.
func (p part) pdf(name string, r *layout.Result, d *document.Document, prepared *render.Prepared, opt Options) (out Rendered, err error) {
	r, err = p.print(r, p.settings(name, d, opt))
	if err != nil {
		return Rendered{}, err
	}
	defer recovered(&err, "render"+p.what())
	pdf, err := render.PDF(r, render.Options{Time: opt.Time, Creator: creator(opt.Version), Prepared: prepared})
	if err != nil {
		if w := p.what(); w != "" {
			err = fmt.Errorf("%s: %w", strings.TrimSpace(w), err)
		}
		return Rendered{}, err
	}
	return Rendered{Output: p.Output, PDF: pdf, Pages: len(r.Pages), asked: opt.askedBy(p.Output)}, nil
}

// settings returns the print settings of p, a PDF of d, the content file
// name, built with opt: the file's [print] table with opt's flags over it,
// and the imposition of p's kind, for an imposed copy.
func (p part) settings(name string, d *document.Document, opt Options) printing.Settings {
	pr := opt.Print.Over(d.Print)
	return printing.Settings{
		Impose:  p.Kind.impose(),
		BleedMM: pr.BleedMM,
		Marks:   pr.Marks,
		Gray:    pr.Gray,
		Name:    trimExt(filepath.Base(name)) + p.Suffix() + ".pdf",
		Time:    opt.Time,
	}
}

// print applies the print settings s to r, p's laid-out pages, with
// printing.Prepare: the one place where print options are applied, after
// layout and before render.
func (p part) print(r *layout.Result, s printing.Settings) (*layout.Result, error) {
	r, err := printing.Prepare(r, s)
	if err != nil {
		return nil, fmt.Errorf("print%s: %w", p.what(), err)
	}
	return r, nil
}

// partErrors joins errs, each the error of the part ps[i] or nil, as
// errors.Join does, leaving out those that say what an earlier one says:
// the editions and versions of a worksheet share its content errors,
// which are reported once. A content error that only some PDFs have names
// what they share (see errNameOf): the edition, such as a large-print
// edition past MaxPages, or the version, such as a version that does not
// fit its fit_pages.
func partErrors(ps []part, errs []error) error {
	var order []string
	first := map[string]error{}
	had := map[string][]Output{} // the PDFs that have each error
	for i, err := range errs {
		if err == nil {
			continue
		}
		for _, e := range unjoin(err) {
			k := e.Error()
			if _, ok := first[k]; !ok {
				first[k] = e
				order = append(order, k)
			}
			had[k] = append(had[k], ps[i].Output)
		}
	}
	out := make([]error, len(order))
	for i, k := range order {
		out[i] = inEdition(first[k], errNameOf(had[k]))
	}
	return errors.Join(out...)
}

// errNameOf returns the words that begin a content error that the PDFs
// outs of a content file have (see Output.errName): their kind's when they
// are all of one kind, their version's when they are all of one version;
// "" for an error of the file's own, which its worksheet has.
func errNameOf(outs []Output) string {
	o := outs[0]
	for _, p := range outs[1:] {
		if p.Kind != o.Kind {
			o.Kind = Worksheet
		}
		if p.Version != o.Version {
			o.Version = ""
		}
	}
	return o.errName()
}

// unjoin returns the errors that err joins, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// inEdition returns err, an error of the edition named edition, with each
// content error's message starting with that name; err itself for "".
func inEdition(err error, edition string) error {
	var es document.Errors
	if edition == "" || !errors.As(err, &es) {
		return err
	}
	named := make(document.Errors, len(es))
	for i, e := range es {
		c := *e
		c.Msg = edition + ": " + c.Msg
		named[i] = &c
	}
	return named
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
