package build

import (
	"path/filepath"
)

// A why says why a file is built: a code, one of those below, and a
// sentence that names what changed. The zero why is a file up to date.
type why struct {
	Code   string
	Detail string
}

// The codes of a why.
const (
	whyNew      = "new"        // no build of it is recorded
	whyForced   = "forced"     // --force
	whySettings = "settings"   // the manifest is of another binary, format or settings
	whyContent  = "content"    // the content file changed
	whyInput    = "input"      // a file it reads, such as an image, changed
	whyOutput   = "output"     // one of its PDFs changed or is gone
	whyRead     = "unreadable" // the content file cannot be read
)

// found is the entry of the last build of a file that can be reused: its
// PDFs as that build wrote them, its inputs, and whether the entry is in
// another manifest than m's own.
type found struct {
	e       entry // the entry
	outs    []Written
	inputs  []string // the files other than the content file that it read
	sums    []string // the SHA-256 of the content file, then of each of inputs
	adopted bool
}

// upToDate returns s's PDFs as its last successful build wrote them when
// that build can be reused: its content file's SHA-256 was sum, every
// other file it read is unchanged, and every PDF it wrote is still there,
// byte for byte. The tool and flags were checked when m was loaded. The
// last build is looked for in m's own entries, then in those of the other
// manifests of the folder (see candidates). Every file is read by the
// rule of read.go, the inputs through folder, the content file's own
// (see Source.readFrom), and the PDFs through their folder in the output
// folder (see pdfFolder): a file that is no longer a regular file inside
// its folder, or has grown past its limit, makes s out of date, and its
// build then fails with the usual error. When s is out of date, the why
// says so, of m's own entry for s if it has one.
func (m *manifest) upToDate(s Source, folder Folder, sum string) (found, why) {
	k, ok := m.key(s)
	if !ok {
		return found{}, why{whyNew, "its PDFs are not in the output folder"}
	}
	_, own := m.Files[k]
	var first why
	for i, e := range m.candidates(k) {
		f, w := m.reusable(s, folder, k, sum, e)
		if w.Code == "" {
			f.adopted = i > 0 || !own
			return f, w
		}
		if i == 0 {
			first = w
		}
	}
	switch {
	case first.Code != "":
		return found{}, first
	case m != nil && m.ignored != "":
		return found{}, why{whySettings, filepath.Base(m.path) + " " + m.ignored}
	}
	return found{}, why{whyNew, "no build of it is recorded"}
}

// last returns the entry of the last build of the key k: m's own, else
// another manifest's (see candidates), else that of the manifest of
// another tool or flags there was.
func (m *manifest) last(k string) entry {
	if es := m.candidates(k); len(es) > 0 {
		return es[0]
	}
	return m.earlier[k]
}

// candidates returns the entries recorded for the key k: m's own first,
// then those of the other manifests, in their order.
func (m *manifest) candidates(k string) []entry {
	if m == nil {
		return nil
	}
	var es []entry
	if e, ok := m.Files[k]; ok {
		es = append(es, e)
	}
	for _, files := range m.others {
		if e, ok := files[k]; ok {
			es = append(es, e)
		}
	}
	return es
}

// reusable reports whether e, an entry of the key k, is the last build of
// s as it is now, with the SHA-256 sum, in its own folder (see upToDate).
func (m *manifest) reusable(s Source, folder Folder, k, sum string, e entry) (found, why) {
	if len(e.Inputs) == 0 || len(e.Outputs) == 0 {
		return found{}, why{whyNew, "no build of it is recorded"}
	}
	if e.Inputs[0].SHA256 != sum {
		return found{}, why{whyContent, s.Name + " changed"}
	}
	dir := folder.Dir
	if bad := changedInput(folder, e.Inputs[1:]); bad != "" {
		return found{}, why{whyInput, filepath.Join(dir, filepath.FromSlash(bad)) + " changed, or is gone"}
	}
	f := found{e: e, sums: []string{sum}}
	for _, in := range e.Inputs[1:] {
		f.inputs = append(f.inputs, filepath.Join(dir, filepath.FromSlash(in.Path)))
		f.sums = append(f.sums, in.SHA256)
	}
	if m.out == nil {
		return found{}, why{whyOutput, "the output folder is gone"}
	}
	f.outs = make([]Written, len(e.Outputs))
	pdfs, done, err := m.pdfFolder(k) // the folder every PDF of k is in
	if err == nil {
		defer done()
	}
	for i, o := range e.Outputs {
		out, rel, ok := pdfPath(k, o)
		if !ok || filepath.ToSlash(m.rel(s.Path(out))) != o.Path {
			return found{}, why{whyNew, "its record in the manifest is not one handout wrote"}
		}
		if err != nil || !sameBuilt(pdfs, filepath.Base(rel), o) {
			return found{}, why{whyOutput, s.Path(out) + " changed, or is gone"}
		}
		f.outs[i] = Written{Output: out, Path: s.Path(out), Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256, asked: o.Asked}
	}
	return f, why{}
}

// changedInput returns the first file of ins, by its path in folder f,
// that is no longer a regular file inside f with the SHA-256 recorded;
// "" when there is none.
func changedInput(f Folder, ins []fileSum) string {
	if len(ins) == 0 {
		return ""
	}
	root, done, err := f.open()
	if err != nil {
		return ins[0].Path
	}
	defer done()
	for _, in := range ins {
		rel := filepath.FromSlash(in.Path)
		if !filepath.IsLocal(rel) {
			return in.Path
		}
		if got, err := sumIn(root, rel, -1, maxImageBytes); err != nil || got != in.SHA256 {
			return in.Path
		}
	}
	return ""
}
