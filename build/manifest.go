package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// ManifestName is the name of the manifest in an output folder: a record
// of which PDFs were built from which inputs, by content hash, that makes
// later builds incremental.
const ManifestName = ".handout-manifest.json"

// manifestFormat is the manifest's format version. Format 4 records a
// PDF by its kind and version ("kind": "answers"), where 2 and 3 recorded
// its suffix, with the flag that asked for it ("asked"), keeps the PDFs
// left from earlier builds ("left", see stale.go), and names the build's
// Options.Fingerprint "options". A manifest of format 3, which recorded
// the flags and the PDFs left too, is read as one of another tool (see
// fromFormat3); one of any other format is ignored. Either way every file
// is built once again, and none is skipped on the old manifest's word.
const manifestFormat = 4

// manifest is the record of the last successful build of each content file
// whose PDFs are in one output folder.
type manifest struct {
	Format  int              `json:"handout_manifest"`
	Tool    string           `json:"tool"`    // the program that built them
	Options string           `json:"options"` // the options they were built with: Options.Fingerprint
	Files   map[string]entry `json:"files"`   // by output path without suffix and ".pdf", relative to dir

	path string   // where it is kept
	dir  string   // the folder it is in
	out  *os.Root // that folder, when it is there; see close

	// earlier are the entries of the manifest there was, when it was of
	// another tool or options: none of its PDFs is up to date, but they are
	// still those of the last build of each file (see settle).
	earlier map[string]entry
}

// entry is the last successful build of one content file.
type entry struct {
	Source  string    `json:"source"`         // the content file, relative to the manifest's folder
	Inputs  []fileSum `json:"inputs"`         // every file read, relative to the content file's folder; the content file first
	Outputs []pdfSum  `json:"outputs"`        // every PDF written, relative to the manifest's folder
	Left    []leftPDF `json:"left,omitempty"` // PDFs of earlier builds that flags asked for, still there (see stale.go)
}

// fileSum is a file and the SHA-256 of its bytes.
type fileSum struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// pdfSum is a PDF written, with its page count and size.
type pdfSum struct {
	Kind    string `json:"kind"`              // the name of its Kind, such as "answers"
	Version string `json:"version,omitempty"` // its Output's Version, if any
	Path    string `json:"path"`
	Pages   int    `json:"pages"`
	Bytes   int    `json:"bytes"`
	SHA256  string `json:"sha256"`
	Asked   string `json:"asked,omitempty"` // the flag that asked for it, such as "--answers"; "" when the content file did

	// Suffix is how a manifest of format 3 named the PDF, before kinds:
	// read from one (see fromFormat3), never written.
	Suffix string `json:"suffix,omitempty"`
}

// output returns the PDF that o records, and whether it is one handout
// writes.
func (o pdfSum) output() (Output, bool) {
	k, ok := ParseKind(o.Kind)
	out := Output{Kind: k, Version: o.Version}
	return out, ok && out.valid()
}

// maxManifestBytes is the largest manifest read: 64 MiB, that of some
// 100,000 content files. A larger one is ignored, as a damaged one is.
const maxManifestBytes = 64 << 20

// newManifest returns an empty manifest kept at path, of PDFs built by
// tool with the options whose fingerprint is options.
func newManifest(path, tool, options string) *manifest {
	return &manifest{Format: manifestFormat, Tool: tool, Options: options, Files: map[string]entry{}, path: path, dir: filepath.Dir(path)}
}

// loadManifest reads the manifest at path, through its folder by the rule
// of every file read (see read.go). It returns nil for no path, and an
// empty manifest when there is none yet, or the one there is of another
// format, tool or options, since none of its PDFs can be reused; the
// entries of one of another tool or options, or of format 3, are kept as
// its earlier entries (see settle). A manifest that cannot be read is an
// error, with an empty manifest.
func loadManifest(path, tool, options string) (*manifest, error) {
	if path == "" {
		return nil, nil
	}
	m := newManifest(path, tool, options)
	root, err := os.OpenRoot(m.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("reading manifest: %w", err)
	}
	m.out = root
	data, err := readIn(root, filepath.Base(path), maxManifestBytes, func(size int64) error {
		return notReadable(fmt.Sprintf("is %s: a manifest may be at most %s", mb(size), mb(maxManifestBytes)))
	})
	var n notReadable
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m, nil
	case errors.As(err, &n):
		return m, fmt.Errorf("ignoring manifest %s: it %s", path, n)
	case err != nil:
		return m, fmt.Errorf("reading manifest: %w", err)
	}
	var old manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&old); err != nil {
		return m, fmt.Errorf("ignoring damaged manifest %s: %w", path, err)
	}
	switch {
	case old.Format == 3:
		m.earlier = fromFormat3(old.Files)
	case old.Format != manifestFormat:
	case old.Tool == tool && old.Options == options && old.Files != nil:
		m.Files = old.Files
	default:
		m.earlier = old.Files
	}
	return m, nil
}

// fromFormat3 returns the entries of a manifest of format 3, which named
// each PDF by its suffix, with each PDF named by its kind instead. They
// are the earlier entries of a build (see settle): never up to date, but
// they say which PDFs each file's last build made and which flag asked
// for each, and which editions it left, so that a new handout neither
// forgets a stale edition nor keeps a PDF no longer made. A PDF already
// named by kind, or whose suffix is no kind's, is dropped: handout leaves
// it alone.
func fromFormat3(files map[string]entry) map[string]entry {
	named := func(p pdfSum) (pdfSum, bool) {
		for _, k := range Kinds() {
			if p.Kind == "" && p.Version == "" && p.Suffix == k.Suffix() {
				p.Kind, p.Suffix = k.String(), ""
				return p, true
			}
		}
		return p, false
	}
	earlier := make(map[string]entry, len(files))
	for key, e := range files {
		var outs []pdfSum
		for _, p := range e.Outputs {
			if p, ok := named(p); ok {
				outs = append(outs, p)
			}
		}
		var left []leftPDF
		for _, p := range e.Left {
			if s, ok := named(p.pdfSum); ok {
				p.pdfSum = s
				left = append(left, p)
			}
		}
		e.Outputs, e.Left = outs, left
		earlier[key] = e
	}
	return earlier
}

// close closes m's root of the output folder.
func (m *manifest) close() {
	if m != nil && m.out != nil {
		m.out.Close()
	}
}

// key returns the key of s's entry: its output path without suffix,
// relative to the manifest's folder, with forward slashes. It is false when
// s's PDFs are not under that folder.
func (m *manifest) key(s Source) (string, bool) {
	if m == nil {
		return "", false
	}
	rel, err := filepath.Rel(m.dir, s.Out)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// upToDate returns s's PDFs as its last successful build wrote them when
// that build can be reused: its content file's SHA-256 was sum, every
// other file it read is unchanged, and every PDF it wrote is still there,
// byte for byte. The tool and options were checked when m was loaded. Every
// file is read by the rule of read.go, the inputs through the content
// file's folder and the PDFs through the output folder: a file that is no
// longer a regular file inside its folder, or has grown past its limit,
// makes s out of date, and its build then fails with the usual error.
func (m *manifest) upToDate(s Source, sum string) ([]Written, bool) {
	k, ok := m.key(s)
	if !ok {
		return nil, false
	}
	e, ok := m.Files[k]
	if !ok || len(e.Inputs) == 0 || e.Inputs[0].SHA256 != sum || len(e.Outputs) == 0 {
		return nil, false
	}
	if len(e.Inputs) > 1 && !inputsUnchanged(filepath.Dir(s.Name), e.Inputs[1:]) {
		return nil, false
	}
	if m.out == nil {
		return nil, false
	}
	outs := make([]Written, len(e.Outputs))
	for i, o := range e.Outputs {
		out, rel, ok := pdfPath(k, o)
		if !ok || filepath.ToSlash(m.rel(s.Path(out))) != o.Path || !sameBuilt(m.out, rel, o) {
			return nil, false
		}
		outs[i] = Written{Output: out, Path: s.Path(out), Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256, asked: o.Asked}
	}
	return outs, true
}

// inputsUnchanged reports whether every file of ins, by its path in folder
// dir, is still a regular file inside dir with the SHA-256 recorded.
func inputsUnchanged(dir string, ins []fileSum) bool {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return false
	}
	defer root.Close()
	for _, in := range ins {
		rel := filepath.FromSlash(in.Path)
		if !filepath.IsLocal(rel) {
			return false
		}
		if got, err := sumIn(root, rel, -1, maxImageBytes); err != nil || got != in.SHA256 {
			return false
		}
	}
	return true
}

// pdfPath returns the PDF o, of the entry k, and its path in the output
// folder, when the manifest records it as handout writes it: an output
// handout writes (see Output.valid), at a local path that is k, the
// output's suffix and ".pdf". A manifest that says anything else was not
// written by handout, and such a PDF is left alone.
func pdfPath(k string, o pdfSum) (Output, string, bool) {
	out, ok := o.output()
	if !ok || o.Path != k+out.Suffix()+".pdf" || o.Bytes < 0 {
		return Output{}, "", false
	}
	rel := filepath.FromSlash(o.Path)
	return out, rel, filepath.IsLocal(rel)
}

// sameBuilt reports whether the PDF rel in the output folder root is o as
// it was built: a regular file, not a symbolic link, in real folders, of
// o's size and SHA-256.
func sameBuilt(root *os.Root, rel string, o pdfSum) bool {
	if realFolders(root, filepath.Dir(rel), false) != nil {
		return false
	}
	if fi, err := root.Lstat(rel); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	got, err := sumIn(root, rel, int64(o.Bytes), int64(o.Bytes))
	return err == nil && got == o.SHA256
}

// removeBuilt removes o, a PDF of the entry k, through the output folder,
// if it is as it was built (see pdfPath and sameBuilt), and reports
// whether it did.
func (m *manifest) removeBuilt(k string, o pdfSum) bool {
	_, rel, ok := pdfPath(k, o)
	if !ok || m.out == nil {
		return false
	}
	return sameBuilt(m.out, rel, o) && m.out.Remove(rel) == nil
}

// prune finds the entries in shard sh of the content files that are gone,
// other than those seen in this build, removes their PDFs that are as they
// were built, emits a Removed result for each, and returns their keys.
func (m *manifest) prune(seen map[string]bool, sh Shard, emit func(Result)) []string {
	if m == nil {
		return nil
	}
	var gone []string
	for _, k := range slices.Sorted(maps.Keys(m.Files)) {
		e := m.Files[k]
		source := filepath.Join(m.dir, filepath.FromSlash(e.Source))
		if seen[k] || !sh.Has(k) || e.Source == "" {
			continue
		}
		if _, err := os.Lstat(source); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		r := Result{Source: Source{Name: source}, Status: Removed}
		for _, p := range e.pdfs() {
			if o := p.pdfSum; m.removeBuilt(k, o) {
				r.Removed = append(r.Removed, filepath.Join(m.dir, filepath.FromSlash(o.Path)))
			}
		}
		gone = append(gone, k)
		emit(r)
	}
	return gone
}

// rel returns path relative to the manifest's folder.
func (m *manifest) rel(path string) string { return relTo(m.dir, path) }

// relTo returns path relative to folder dir, whether either is absolute or
// relative to the working folder; path itself if there is no such path.
func relTo(dir, path string) string {
	if filepath.IsAbs(dir) != filepath.IsAbs(path) {
		d, errD := filepath.Abs(dir)
		p, errP := filepath.Abs(path)
		if errD != nil || errP != nil {
			return path
		}
		dir, path = d, p
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return rel
}

// newEntry returns the manifest entry of a file built as r, for a manifest
// in folder dir.
func newEntry(r Result, dir string) entry {
	m := manifest{dir: dir}
	e := entry{Source: filepath.ToSlash(relTo(dir, r.Source.Name)), Inputs: r.inputSums(), Left: r.left}
	for _, o := range r.Outputs {
		e.Outputs = append(e.Outputs, pdfSum{Kind: o.Kind.String(), Version: o.Version, Path: filepath.ToSlash(m.rel(o.Path)),
			Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256, Asked: o.asked})
	}
	return e
}

// inputSums returns the inputs of r, a file built, as the manifest records
// them: relative to the content file's folder, with their SHA-256.
func (r Result) inputSums() []fileSum {
	base := filepath.Dir(r.Source.Name)
	var ins []fileSum
	for i, in := range r.Inputs {
		rel, err := filepath.Rel(base, in)
		if err != nil {
			rel = in
		}
		ins = append(ins, fileSum{Path: filepath.ToSlash(rel), SHA256: r.sums[i]})
	}
	return ins
}

// update records the entries of the files just built, drops those of the
// files gone, and writes the manifest atomically. It first rereads the
// manifest, so that entries another build wrote meanwhile, such as another
// shard's into the same folder, are kept. An error writing it is a
// *ManifestError.
func (m *manifest) update(built map[string]entry, gone []string) error {
	now, _ := loadManifest(m.path, m.Tool, m.Options)
	now.close()
	for k, e := range m.Files {
		if _, ok := now.Files[k]; !ok {
			now.Files[k] = e
		}
	}
	for k, e := range built {
		now.Files[k] = e
	}
	for _, k := range gone {
		delete(now.Files, k)
	}
	data, err := json.MarshalIndent(now, "", "\t")
	if err == nil {
		err = WriteAtomicIn(m.dir, filepath.Base(m.path), append(data, '\n'))
	}
	if err != nil {
		return &ManifestError{Path: m.path, Err: err}
	}
	return nil
}

// A ManifestError is a manifest that could not be written. The PDFs were
// written, but the next build does not know them: it rebuilds their files,
// and cannot remove the PDFs of the files that are gone.
type ManifestError struct {
	Path string
	Err  error
}

func (e *ManifestError) Error() string { return "the manifest was not written: " + e.Err.Error() }

func (e *ManifestError) Unwrap() error { return e.Err }
