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
	"strings"
)

// ManifestName is the name of the manifest in an output folder: a record
// of which PDFs were built from which inputs, by content hash, that makes
// later builds incremental.
const ManifestName = ".handout-manifest.json"

// manifestFormat is the manifest's format version; a manifest of another
// format is ignored, which rebuilds everything once.
const manifestFormat = 2

// manifest is the record of the last successful build of each content file
// whose PDFs are in one output folder.
type manifest struct {
	Format int              `json:"handout_manifest"`
	Tool   string           `json:"tool"`  // the program that built them
	Flags  string           `json:"flags"` // the settings they were built with
	Files  map[string]entry `json:"files"` // by output path without suffix and ".pdf", relative to dir

	path string // where it is kept
	dir  string // the folder it is in
}

// entry is the last successful build of one content file.
type entry struct {
	Source  string    `json:"source"`  // the content file, relative to the manifest's folder
	Inputs  []fileSum `json:"inputs"`  // every file read, relative to the content file's folder; the content file first
	Outputs []pdfSum  `json:"outputs"` // every PDF written, relative to the manifest's folder
}

// fileSum is a file and the SHA-256 of its bytes.
type fileSum struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// pdfSum is a PDF written, with its page count and size.
type pdfSum struct {
	Suffix string `json:"suffix"`
	Path   string `json:"path"`
	Pages  int    `json:"pages"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// newManifest returns an empty manifest kept at path.
func newManifest(path, tool, flags string) *manifest {
	return &manifest{Format: manifestFormat, Tool: tool, Flags: flags, Files: map[string]entry{}, path: path, dir: filepath.Dir(path)}
}

// loadManifest reads the manifest at path. It returns nil for no path,
// and an empty manifest when there is none yet, or the one there is of
// another format, tool or flags, since none of its PDFs can be reused. A
// manifest that cannot be read is an error, with an empty manifest.
func loadManifest(path, tool, flags string) (*manifest, error) {
	if path == "" {
		return nil, nil
	}
	m := newManifest(path, tool, flags)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("reading manifest: %w", err)
	}
	var old manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&old); err != nil {
		return m, fmt.Errorf("ignoring damaged manifest %s: %w", path, err)
	}
	if old.Format == manifestFormat && old.Tool == tool && old.Flags == flags && old.Files != nil {
		m.Files = old.Files
	}
	return m, nil
}

// key returns the key of s's entry: its output path without suffix,
// relative to the manifest's folder, with forward slashes. It is false when
// s's PDFs are not under that folder.
func (m *manifest) key(s Source) (string, bool) {
	if m == nil {
		return "", false
	}
	rel, err := filepath.Rel(m.dir, s.Out)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// upToDate returns s's PDFs as its last successful build wrote them when
// that build can be reused: its content file's SHA-256 was sum, every
// other file it read is unchanged, and every PDF it wrote is still there,
// byte for byte. The tool and flags were checked when m was loaded.
func (m *manifest) upToDate(s Source, sum string) ([]Written, bool) {
	k, ok := m.key(s)
	if !ok {
		return nil, false
	}
	e, ok := m.Files[k]
	if !ok || len(e.Inputs) == 0 || e.Inputs[0].SHA256 != sum || len(e.Outputs) == 0 {
		return nil, false
	}
	for _, in := range e.Inputs[1:] {
		if !sameSum(filepath.Join(filepath.Dir(s.Name), filepath.FromSlash(in.Path)), in.SHA256) {
			return nil, false
		}
	}
	outs := make([]Written, len(e.Outputs))
	for i, o := range e.Outputs {
		path := s.Path(o.Suffix)
		if filepath.ToSlash(m.rel(path)) != o.Path || !sameSum(path, o.SHA256) {
			return nil, false
		}
		outs[i] = Written{Suffix: o.Suffix, Path: path, Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256}
	}
	return outs, true
}

// removeStale removes the PDFs that s's last build wrote and this one, with
// outputs outs, did not, such as a summary sheet whose [summary] table is
// gone, and returns their paths: but only a PDF still as that build wrote
// it, never one changed by hand. A PDF that cannot be removed is left:
// a stale PDF left behind harms nothing.
func (m *manifest) removeStale(s Source, outs []Written) []string {
	k, ok := m.key(s)
	if !ok {
		return nil
	}
	var removed []string
	for _, o := range m.Files[k].Outputs {
		if slices.ContainsFunc(outs, func(w Written) bool { return w.Suffix == o.Suffix }) {
			continue
		}
		if path := s.Path(o.Suffix); m.removeBuilt(path, o) {
			removed = append(removed, path)
		}
	}
	return removed
}

// removeBuilt removes the PDF at path if it is o, as built, and reports
// whether it did.
func (m *manifest) removeBuilt(path string, o pdfSum) bool {
	return filepath.ToSlash(m.rel(path)) == o.Path && sameSum(path, o.SHA256) && os.Remove(path) == nil
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
		if _, err := os.Stat(source); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		r := Result{Source: Source{Name: source}, Status: Removed}
		for _, o := range e.Outputs {
			if path := filepath.Join(m.dir, filepath.FromSlash(o.Path)); m.removeBuilt(path, o) {
				r.Removed = append(r.Removed, path)
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
	e := entry{Source: filepath.ToSlash(relTo(dir, r.Source.Name))}
	base := filepath.Dir(r.Source.Name)
	for i, in := range r.Inputs {
		rel, err := filepath.Rel(base, in)
		if err != nil {
			rel = in
		}
		e.Inputs = append(e.Inputs, fileSum{Path: filepath.ToSlash(rel), SHA256: r.sums[i]})
	}
	for _, o := range r.Outputs {
		e.Outputs = append(e.Outputs, pdfSum{Suffix: o.Suffix, Path: filepath.ToSlash(m.rel(o.Path)), Pages: o.Pages, Bytes: o.Bytes, SHA256: o.SHA256})
	}
	return e
}

// update records the entries of the files just built, drops those of the
// files gone, and writes the manifest atomically. It first rereads the
// manifest, so that entries another build wrote meanwhile, such as another
// shard's into the same folder, are kept.
func (m *manifest) update(built map[string]entry, gone []string) error {
	now, _ := loadManifest(m.path, m.Tool, m.Flags)
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
	if err != nil {
		return fmt.Errorf("writing manifest: %w", err)
	}
	return WriteAtomic(m.path, append(data, '\n'))
}

// sameSum reports whether the file at path can be read and has the SHA-256
// sum.
func sameSum(path, sum string) bool {
	data, err := os.ReadFile(path)
	return err == nil && hash(data) == sum
}

// ToolID identifies the running program for the manifest: its version and
// the SHA-256 of its executable, so that a rebuilt handout, even of the
// same version, rebuilds every file once. When the executable cannot be
// read it is the version alone.
func ToolID(version string) string {
	id := creator(version)
	exe, err := os.Executable()
	if err != nil {
		return id
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return id
	}
	return id + " sha256:" + hash(data)
}
