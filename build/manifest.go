package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ManifestName is the name of the manifest in an output folder: a record
// of which PDFs were built from which inputs, by content hash, that makes
// later builds incremental. A build of one shard keeps its own manifest
// (see ManifestFor).
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
	// others are the entries of the other manifests in the folder, of
	// the same tool and options, read for the files that m has no entry
	// for (see candidates), in the order of their names: those that other
	// shards, or a build of every file, wrote. They are never written.
	others []map[string]entry
	// ignored says why the entries of the manifest at path were not
	// used, as the end of a sentence that starts with the manifest's
	// name, such as "was written by another handout binary"; "" if they
	// were, or there were none.
	ignored string
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
func (o pdfSum) output() (Output, bool) { return parseOutput(o.Kind, o.Version) }

// maxManifestBytes is the largest manifest read: 64 MiB, that of some
// 100,000 content files. A larger one is ignored, as a damaged one is.
const maxManifestBytes = 64 << 20

// newManifest returns an empty manifest kept at path, of PDFs built by
// tool with the options whose fingerprint is options.
func newManifest(path, tool, options string) *manifest {
	return &manifest{Format: manifestFormat, Tool: tool, Options: options, Files: map[string]entry{}, path: path, dir: filepath.Dir(path)}
}

// loadManifest reads the manifest at path, through its folder by the rule
// of every file read (see read.go), and the other manifests of that folder
// (see IsManifest), whose entries are used for the files the manifest at
// path has none for. It returns nil for no path, and an empty manifest
// when there is none yet, or the one there is of another format, tool or
// options, since none of its PDFs can be reused; the entries of one of
// another tool or options, or of format 3, are kept as its earlier
// entries (see settle). A manifest at path that cannot be read is an
// error, with an empty manifest; the others are only read when they can
// be.
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
	files, earlier, ignored, err := readManifestIn(root, filepath.Base(path), tool, options)
	if err != nil {
		return m, err
	}
	if files != nil {
		m.Files = files
	}
	m.earlier, m.ignored = earlier, ignored
	m.others = readOthers(root, filepath.Base(path), tool, options)
	return m, nil
}

// readManifestIn returns the entries of the manifest name in the output
// folder root, read by the rule of every file read, when it is of this
// format, tool and options. When it is not, or is not there, it returns no
// entries, and for the first, why, as the end of a sentence about it, and,
// when it is of this format or format 3, its entries as earlier. A
// manifest that cannot be read, or is damaged, is an error.
func readManifestIn(root *os.Root, name, tool, options string) (files, earlier map[string]entry, ignored string, err error) {
	path := filepath.Join(root.Name(), name)
	data, err := readIn(root, name, maxManifestBytes, func(size int64) error {
		return notReadable(fmt.Sprintf("is %s: a manifest may be at most %s", mb(size), mb(maxManifestBytes)))
	})
	var n notReadable
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, "", nil
	case errors.As(err, &n):
		return nil, nil, "", fmt.Errorf("ignoring manifest %s: it %s", path, n)
	case err != nil:
		return nil, nil, "", fmt.Errorf("reading manifest: %w", err)
	}
	var old manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&old); err != nil {
		return nil, nil, "", fmt.Errorf("ignoring damaged manifest %s: %w", path, err)
	}
	switch {
	case old.Format == 3:
		return nil, fromFormat3(old.Files), "is of an older format", nil
	case old.Format != manifestFormat || old.Files == nil:
		return nil, nil, "is of another format", nil
	case old.Tool != tool:
		return nil, old.Files, "was written by another handout binary (" + old.Tool + ")", nil
	case old.Options != options:
		return nil, old.Files, fmt.Sprintf("was written with other options (%s; now %s)", old.Options, options), nil
	}
	return old.Files, nil, "", nil
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
	f, fi, err := openBuilt(root, rel)
	if err != nil {
		return false
	}
	defer f.Close()
	got, err := sumOpen(f, fi, int64(o.Bytes), int64(o.Bytes))
	return err == nil && got == o.SHA256
}

// pdfFolder returns the folder of the PDFs of the entry k inside the
// output folder, opened, when it is a real folder (see realFolders), and
// the function to call when done with it: the PDFs of a file, all in
// one folder, are looked at through it, which is found once.
func (m *manifest) pdfFolder(k string) (*os.Root, func(), error) {
	sub := filepath.Dir(filepath.FromSlash(k))
	if err := realFolders(m.out, sub, false); err != nil {
		return nil, nil, err
	}
	return subRoot(m.out, sub)
}

// removeBuilt removes o, a PDF of the entry k, through the output folder,
// if it is as it was built (see isBuilt), and reports whether it did.
func (m *manifest) removeBuilt(k string, o pdfSum) bool {
	return m.isBuilt(k, o) && m.out.Remove(filepath.FromSlash(o.Path)) == nil
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
	now := newManifest(m.path, m.Tool, m.Options)
	if root, err := os.OpenRoot(m.dir); err == nil {
		if files, _, _, err := readManifestIn(root, filepath.Base(m.path), m.Tool, m.Options); err == nil && files != nil {
			now.Files = files
		}
		root.Close()
	}
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
