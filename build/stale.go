package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"handout/document"
)

// A content file's PDFs come from two places: the content file asks for
// its worksheet, its summary sheet and, in [print], an imposed copy; a
// flag asks for the others (--answers, --large-print, --impose). The
// manifest records with each PDF the flag that asked for it, if any, and
// keeps, with each content file, the PDFs that earlier builds made with
// flags the last build was not given and that are still on disk as they
// were built, each with the inputs it was built from (entry.Left). A build
// that is not asked for such a PDF leaves it, but when the content file or
// one of its inputs has changed since, the PDF is stale, and every build
// says so, as a warning of the content file: an old answer key must not
// be printed by mistake. The check goes over whatever PDFs a file's
// entry records, each by its Output (kind and version), so any kind of
// PDF that records its flag is covered, and each version of a paper
// apart.

// asks reports whether the flags of o ask for the PDF out: --answers for
// an answer key, --large-print for a large-print edition, --impose for
// the imposed copy it names, and, for a version of a paper, --versions
// with as many versions as its letter, or more. No flag asks for a
// worksheet or a summary sheet, which the content file asks for; an
// imposed copy is asked for by the file's [print] when no --impose is
// given, and a version by its [print] versions when no --versions is.
func (o Options) asks(out Output) bool { return o.askedBy(out) != "" }

// askedBy returns the flags of o that ask for out, as the manifest
// records them (pdfSum.Asked), such as "--answers", "--impose 2up" or
// "--versions 3 --answers"; "" when no flag does, and the content file
// asks for it, or when a flag given asks for another: --impose booklet
// for a 2up copy, --versions 2 for version C.
func (o Options) askedBy(out Output) string {
	var flags []string
	if v := o.Print.Versions; out.Version != "" && v != nil {
		if int(out.Version[0]-'A') >= *v {
			return ""
		}
		flags = append(flags, versionsFlag(*v))
	}
	switch out.Kind {
	case Answers, LargePrint:
		if out.Kind == Answers && !o.Answers || out.Kind == LargePrint && !o.LargePrint {
			return ""
		}
		flags = append(flags, kinds[out.Kind].flag)
	case TwoUp, Booklet:
		if o.Print.Impose != nil {
			if *o.Print.Impose != out.Kind.impose() {
				return ""
			}
			flags = append(flags, kinds[out.Kind].flag)
		}
	}
	return strings.Join(flags, " ")
}

// leftPDF is a PDF that an earlier build of a content file made, asked for
// by a flag the later builds were not given, still on disk as it was
// built, with the inputs it was built from.
type leftPDF struct {
	pdfSum
	Inputs []fileSum `json:"inputs"` // as entry.Inputs
}

// pdfs returns every PDF e records: those of its build, with its inputs,
// and those left from earlier builds.
func (e entry) pdfs() []leftPDF {
	ps := make([]leftPDF, 0, len(e.Outputs)+len(e.Left))
	for _, o := range e.Outputs {
		ps = append(ps, leftPDF{pdfSum: o, Inputs: e.Inputs})
	}
	return append(ps, e.Left...)
}

// settle deals with the PDFs that s's last build recorded and this build,
// with opt, which wrote outs from the inputs ins, did not write. A PDF
// this build was asked for, or that the content file asked for, is no
// longer made: it is removed, if it is as it was built (never one changed
// by hand), and its path returned in removed. A PDF asked for by a flag
// this build was not given is left as it is, and returned in left to be
// recorded, if it is still on disk as it was built; a warning says when it
// is stale (see staleWarning). The last build is that of this manifest's
// tool and options, or of another manifest of the folder (see last), or,
// when they changed, that of the manifest before.
func (m *manifest) settle(s Source, outs []Written, ins []fileSum, opt Options) (removed []string, left []leftPDF, warns document.Errors) {
	k, ok := m.key(s)
	if !ok {
		return nil, nil, nil
	}
	last := m.last(k)
	done := map[Output]bool{}
	for _, w := range outs {
		done[w.Output] = true
	}
	for _, p := range last.pdfs() {
		out, ok := p.output()
		if !ok || done[out] {
			continue // not handout's, written now, or recorded twice
		}
		done[out] = true
		if p.Asked == "" || opt.asks(out) {
			if m.removeBuilt(k, p.pdfSum) {
				removed = append(removed, s.Path(out))
			}
			continue
		}
		if !m.isBuilt(k, p.pdfSum) {
			continue // gone, or changed by hand: no longer handout's
		}
		left = append(left, p)
		if w := staleWarning(s, out, p, ins); w != nil {
			warns = append(warns, w)
		}
	}
	return removed, left, warns
}

// staleLeft returns the warnings of the PDFs left from earlier builds of
// s, which is up to date with the entry e: those still on disk as they
// were built that are stale (see staleWarning).
func (m *manifest) staleLeft(s Source, e entry) document.Errors {
	k, ok := m.key(s)
	if !ok {
		return nil
	}
	var warns document.Errors
	for _, p := range e.Left {
		if out, ok := p.output(); ok && m.isBuilt(k, p.pdfSum) {
			if w := staleWarning(s, out, p, e.Inputs); w != nil {
				warns = append(warns, w)
			}
		}
	}
	return warns
}

// staleWarning returns the warning of p, the PDF out of s left from an earlier
// build, when it was built from inputs other than ins, those of s's
// latest build: "out/x-answers.pdf is older than x.toml: build with
// --answers to update it", naming the first of its inputs that has
// changed or is no longer read. It returns nil when p is up to date.
func staleWarning(s Source, out Output, p leftPDF, ins []fileSum) *document.Error {
	for _, in := range p.Inputs {
		if slices.Contains(ins, in) {
			continue
		}
		return &document.Error{File: s.Name, Msg: fmt.Sprintf("%s is older than %s: build with %s to update it",
			s.Path(out), filepath.FromSlash(in.Path), p.Asked)}
	}
	return nil
}

// isBuilt reports whether o, a PDF of the entry k, is on disk as it was
// built (see pdfPath and sameBuilt).
func (m *manifest) isBuilt(k string, o pdfSum) bool {
	_, rel, ok := pdfPath(k, o)
	return ok && m.out != nil && sameBuilt(m.out, rel, o)
}
