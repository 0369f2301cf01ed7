package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"handout/document"
	"handout/layout"
	"handout/printing"
	"handout/render"
)

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
