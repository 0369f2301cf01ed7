package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
)

// An output folder may hold several manifests: that of a build of every
// file, ManifestName, and one for each shard that builds into it, so
// that shards sharing a folder never write the same file. A build writes
// only its own, but reads them all: for a file its own does not know, the
// entries of the others, in the order of their names, are candidates for
// its last build, checked as its own would be, and a file gone is pruned
// by the shard it is in, whichever manifest knew it.

// ManifestFor returns the name of the manifest that a build of shard sh
// keeps in its output folder: ManifestName for a build of every file,
// .handout-manifest-K-of-N.json for shard K/N, so that shards building
// into one shared folder each write a file of their own. Every build also
// reads the other manifests of its folder (see loadManifest).
func ManifestFor(sh Shard) string {
	if sh.N <= 1 {
		return ManifestName
	}
	return fmt.Sprintf(".handout-manifest-%d-of-%d.json", sh.K, sh.N)
}

// IsManifest reports whether name is the name of a manifest: ManifestName
// or that of a shard's (see ManifestFor).
func IsManifest(name string) bool {
	return name == ManifestName || shardManifest.MatchString(name)
}

// shardManifest matches the name of a shard's manifest.
var shardManifest = regexp.MustCompile(`^\.handout-manifest-(0|[1-9][0-9]{0,5})-of-([1-9][0-9]{0,5})\.json$`)

// maxOtherManifests is the most bytes of other manifests that a build
// reads, all together: as much as one manifest may hold.
const maxOtherManifests = maxManifestBytes

// readOthers returns the entries of the manifests in the output folder
// root other than own, in the order of their names, of this tool and
// flags: those that can be read, within maxOtherManifests bytes in all.
func readOthers(root *os.Root, own, tool, flags string) []map[string]entry {
	d, err := root.Open(".")
	if err != nil {
		return nil
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	slices.Sort(names)
	var others []map[string]entry
	left := int64(maxOtherManifests)
	for _, name := range names {
		if name == own || !IsManifest(name) {
			continue
		}
		fi, err := root.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > left {
			continue
		}
		left -= fi.Size()
		if files, _, _, err := readManifestIn(root, name, tool, flags); err == nil && len(files) > 0 {
			others = append(others, files)
		}
	}
	return others
}

// A goneFile is the last build of a content file that is gone: its key,
// its entry, and whether the entry is m's own, which a build may drop.
type goneFile struct {
	key string
	e   entry
	own bool
}

// gone returns the entries in shard sh of the content files that are
// gone, other than those seen in this build: m's own, then those of the
// other manifests that m has no entry for, each key once, in order.
func (m *manifest) gone(seen map[string]bool, sh Shard) []goneFile {
	if m == nil {
		return nil
	}
	var gs []goneFile
	done := map[string]bool{}
	for i, files := range append([]map[string]entry{m.Files}, m.others...) {
		for _, k := range slices.Sorted(maps.Keys(files)) {
			e := files[k]
			if done[k] || seen[k] || !sh.Has(k) || e.Source == "" {
				continue
			}
			done[k] = true
			if _, err := os.Lstat(m.source(e)); !errors.Is(err, fs.ErrNotExist) {
				continue
			}
			gs = append(gs, goneFile{key: k, e: e, own: i == 0})
		}
	}
	return gs
}

// source returns the path of the content file of the entry e.
func (m *manifest) source(e entry) string {
	return filepath.Join(m.dir, filepath.FromSlash(e.Source))
}

// prune finds the entries in shard sh of the content files that are gone,
// other than those seen in this build (see gone), removes their PDFs that
// are as they were built, emits a Removed result for each, and returns the
// keys of m's own, which the manifest then drops. An entry of another
// manifest, which this build does not write, is emitted only when a PDF of
// it was there to remove.
func (m *manifest) prune(seen map[string]bool, sh Shard, emit func(Result)) []string {
	var drop []string
	for _, g := range m.gone(seen, sh) {
		r := Result{Source: Source{Name: m.source(g.e)}, Status: Removed}
		for _, p := range g.e.pdfs() {
			if o := p.pdfSum; m.removeBuilt(g.key, o) {
				r.Removed = append(r.Removed, filepath.Join(m.dir, filepath.FromSlash(o.Path)))
			}
		}
		if g.own {
			drop = append(drop, g.key)
		}
		if g.own || len(r.Removed) > 0 {
			emit(r)
		}
	}
	return drop
}
