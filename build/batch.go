package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"handout/document"
)

// DefaultJobs is how many files a Batch builds at a time when not told: the
// number of CPUs Go may use (which honours a container's CPU limit), and at
// least one.
func DefaultJobs() int { return max(1, runtime.GOMAXPROCS(0)) }

// Status is what a batch did with one content file.
type Status string

// The statuses of a content file in a batch.
const (
	Built   Status = "built"   // its PDFs were made and written
	Skipped Status = "skipped" // its PDFs were up to date, and left as they were
	Failed  Status = "failed"  // it has errors, or a PDF could not be written
	Checked Status = "checked" // Batch.Check found no errors
	Removed Status = "removed" // it is gone, and so are the PDFs it made

	// Cached: its PDFs were copied from the cache (Batch.Cache), as a
	// build of the same content, images and settings made them, not built.
	Cached Status = "cached"

	// Interrupted: the batch was stopped while the file was being built,
	// before any of its PDFs was written; its PDFs and its manifest entry
	// are left as they were.
	Interrupted Status = "interrupted"
)

// Written is one PDF of a content file as it is on disk.
type Written struct {
	Output
	Path   string // where it is
	Pages  int
	Bytes  int
	SHA256 string // of its bytes, in lowercase hexadecimal

	asked string // the flag that asked for it (see pdfSum.Asked)
}

// Result is what a batch did with one content file.
type Result struct {
	Source  Source
	Status  Status
	Outputs []Written // the PDFs written (Built, Cached) or up to date (Skipped); for Failed, those written before a write failed
	Inputs  []string  // every file the build read (or, for Skipped and Cached, the build it reuses): the content file first, then any file it refers to
	Removed []string  // PDFs its last build made that this one did not, now removed; for Removed, all of its PDFs
	Err     error     // for Failed: every error, content errors as document.Errors
	// Warnings are the content's problems that do not fail it (see
	// document.Document.Warnings), for a file built or checked.
	Warnings document.Errors

	sums  []string  // for Built and Cached: the SHA-256 of each of Inputs, for the manifest
	left  []leftPDF // for Built and Cached: the PDFs of earlier builds left as they are, for the manifest
	reuse *entry    // for Skipped: the entry of another manifest it is up to date with, which this build's takes on
}

// A Batch builds many content files, Jobs at a time, keeping going past
// files that fail. With a Manifest it is incremental: a file whose inputs,
// tool and options (Options.Fingerprint) are those of its last successful
// build, and whose PDFs are still as that build wrote them, is skipped.
type Batch struct {
	Options
	Jobs     int    // files built at a time; DefaultJobs when less than 1
	Force    bool   // rebuild every file, whatever the manifest says
	Manifest string // the manifest's path, usually DIR/.handout-manifest.json; "" for none
	Tool     string // identifies the program in the manifest: a new one rebuilds everything
	Shard    Shard  // the part of the files this batch is for; the zero Shard is all of them
	Prune    bool   // remove the PDFs of the content files gone; see Run
	// Cache, when not nil, is where PDFs built before, anywhere, are
	// found and copied from, and where those built are kept (see Cache).
	// It is not read with Force, and not used at all without a fixed
	// date or when Tool does not identify the program beyond its version
	// (see cacheUnused).
	Cache *Cache
}

// Run builds srcs and writes their PDFs with WriteAtomic, each as soon as
// its file is built, then updates the manifest. It calls emit once per
// source, in the order of srcs, from one goroutine at a time, as soon as
// the file and every file before it are done, so that emit can report
// progress as it goes.
//
// A file with errors writes no PDF, and when a PDF cannot be written the
// file's later PDF is not written either. No worker holds more than the
// file it is building.
//
// With Prune, when every file is done, Run also removes the PDFs of the
// content files in its shard that the manifest knows and that are gone,
// deleted or renamed, and emits a Removed result for each. It removes only PDFs still
// as they were built, never one changed by hand.
//
// When ctx is done, Run starts no more files. A file being built then is
// not written: it is emitted as Interrupted, and keeps its PDFs and its
// manifest entry; a file already writing its PDFs writes them all, each
// atomically, and is recorded, so that every entry of the manifest names
// PDFs on disk as they were built. Run then removes nothing. Run's error is
// only about the manifest, never about a content file.
//
// Before writing, Run checks each PDF's path with Replaceable: a file that
// would overwrite one of its inputs, or any file that is not a PDF, fails
// and writes nothing. Before building, it removes the temporary files
// that builds killed before they could (SIGKILL) left in the folders it
// writes in (see removeStaleTemps).
//
// With a Cache, a file that is not up to date is looked for in the cache
// first, and its PDFs copied from there (Cached); the PDFs of the files
// built are kept there; once every file is done, unless ctx is, the
// cache is brought within its size (Cache.Evict).
//
// Run's error is about the manifest and the cache: a manifest that could
// not be read, which costs a full rebuild, one that could not be written,
// a *ManifestError, and the files of the cache that could not be used or
// written, a *CacheError, which cost builds, never wrong PDFs.
func (b *Batch) Run(ctx context.Context, srcs []Source, emit func(Result)) error {
	b.removeStaleTemps(srcs)
	var dirs folders
	defer dirs.close()
	// A damaged manifest costs a full rebuild, not the build: the error
	// is returned, with an empty manifest to rebuild it.
	m, err := loadManifest(b.Manifest, b.Tool, b.Fingerprint())
	defer m.close()
	if why := b.cacheUnused(); why != "" {
		err = errors.Join(err, fmt.Errorf("the cache %s is not used: %s", b.Cache.dir, why))
	}
	built := map[string]entry{}
	seen := map[string]bool{}
	each(ctx, srcs, b.Jobs, func(s Source) Result { return b.one(ctx, s, m, &dirs) }, func(r Result) {
		if k, ok := m.key(r.Source); ok {
			seen[k] = true
			switch {
			case r.Status == Built || r.Status == Cached:
				built[k] = newEntry(r, m.dir)
			case r.reuse != nil:
				built[k] = *r.reuse
			}
		}
		emit(r)
	})
	var gone []string
	if b.Prune && ctx.Err() == nil {
		gone = m.prune(seen, b.Shard, emit)
	}
	if c := b.cache(); c != nil {
		var evictErr error
		if ctx.Err() == nil { // stopping: no time for it
			_, evictErr = c.Evict()
		}
		err = errors.Join(err, c.problems(evictErr))
	}
	if m == nil || len(built)+len(gone) == 0 {
		return err
	}
	return errors.Join(err, m.update(built, gone))
}

// cacheUnused says why b's Cache may not be used, or "" when it may, or
// there is none. The cache is shared by builds of every program and date:
// Tool must tell the program apart from other builds of its version (see
// ToolID), and the date must be fixed (Options.FixedTime), since a PDF
// carries its date.
func (b *Batch) cacheUnused() string {
	switch {
	case b.Cache == nil:
		return ""
	case b.Tool == "" || b.Tool == creator(b.Version):
		return "handout cannot read its own program file, which tells it from other builds of version " + b.Version
	case !b.FixedTime:
		return "without SOURCE_DATE_EPOCH each PDF carries the time it was built, so no PDF built before is the one this build would make"
	}
	return ""
}

// cache returns b's cache when it may be used (see cacheUnused), else nil.
func (b *Batch) cache() *Cache {
	if b.cacheUnused() != "" {
		return nil
	}
	return b.Cache
}

// Check decodes, validates and lays out srcs, Jobs at a time, writing
// nothing, with b's Options, so that it fails exactly where Run would:
// the editions asked for are laid out, and images are checked against the
// memory budget of a build in colour or gray. It calls emit as Run does,
// with status Checked or Failed (Interrupted for a file being checked when
// ctx is done), and like Run starts no more files once ctx is done.
func (b *Batch) Check(ctx context.Context, srcs []Source, emit func(Result)) {
	var dirs folders
	defer dirs.close()
	each(ctx, srcs, b.Jobs, func(s Source) Result {
		r := Result{Source: s, Status: Checked, Inputs: []string{s.Name}}
		data, own, err := s.readFrom(&dirs)
		defer own.close()
		if err == nil {
			var ins []Input
			ins, r.Warnings, err = checkIn(ctx, s.Name, own, data, b.Options)
			r.addInputs(ins)
		}
		switch {
		case err != nil && ctx.Err() != nil:
			r.Status = Interrupted
		case err != nil:
			r.Status, r.Err = Failed, err
		}
		return r
	}, emit)
}

// removeStaleTemps removes the temporary files that killed builds left in
// the output folder and the folders in it that srcs write in.
func (b *Batch) removeStaleTemps(srcs []Source) {
	folders := map[string][]string{} // output folder -> folders in it
	seen := map[[2]string]bool{}
	if b.Manifest != "" {
		dir := filepath.Dir(b.Manifest)
		folders[dir], seen[[2]string{dir, "."}] = []string{"."}, true
	}
	for _, s := range srcs {
		dir, rel := s.outPath(Output{Kind: Worksheet})
		if sub := filepath.Dir(rel); !seen[[2]string{dir, sub}] {
			seen[[2]string{dir, sub}] = true
			folders[dir] = append(folders[dir], sub)
		}
	}
	for dir, subs := range folders {
		removeStaleTemps(dir, subs)
	}
}

// one builds s, read through dirs, or skips it when m says it is up to
// date, or copies its PDFs from the cache when it has them. Once ctx is
// done, it writes nothing.
func (b *Batch) one(ctx context.Context, s Source, m *manifest, dirs *folders) Result {
	r := Result{Source: s, Inputs: []string{s.Name}}
	data, own, err := s.readFrom(dirs)
	defer own.close()
	if err != nil {
		return r.fail(err)
	}
	sum := hash(data)
	c := b.cache()
	if !b.Force {
		if f, w := m.upToDate(s, own, sum); w.Code == "" {
			r.Status, r.Outputs = Skipped, f.outs
			r.Inputs = append(r.Inputs, f.inputs...)
			r.Warnings = m.staleLeft(s, f.e)
			if f.adopted {
				r.reuse = &f.e
			}
			return r
		}
		if hit, ok := c.get(s, own, b.Tool, b.Options, sum, true); ok {
			r.addInputs(hit.inputs)
			r.Warnings = hit.warnings
			return b.write(ctx, r, m, Cached, sum, hit.inputs, hit.outs)
		}
	}
	outs, ins, warns, err := fileIn(ctx, s.Name, own, data, b.Options)
	r.addInputs(ins)
	r.Warnings = warns
	if err != nil && ctx.Err() != nil {
		r.Status = Interrupted // stopped while decoding or rendering
		return r
	}
	if err != nil {
		return r.fail(err)
	}
	r = b.write(ctx, r, m, Built, sum, ins, outs)
	if r.Status == Built {
		c.put(s, b.Tool, b.Options, sum, ins, outs, warns)
	}
	return r
}

// write writes outs, the PDFs of r's content file, whose SHA-256 is sum,
// made from the other files ins, and returns r with status, or failed.
func (b *Batch) write(ctx context.Context, r Result, m *manifest, status Status, sum string, ins []Input, outs []Rendered) Result {
	s := r.Source
	if err := replaceable(s, outs, r.Inputs); err != nil {
		return r.fail(err)
	}
	// The last moment to stop: once the first PDF is written, all are, so
	// that the file's PDFs and its manifest entry agree.
	if ctx.Err() != nil {
		r.Status = Interrupted
		return r
	}
	for _, o := range outs {
		w := Written{Output: o.Output, Path: s.Path(o.Output), Pages: o.Pages, Bytes: len(o.PDF), SHA256: hash(o.PDF), asked: o.asked}
		dir, rel := s.outPath(o.Output)
		if err := WriteAtomicIn(dir, rel, o.PDF); err != nil {
			return r.fail(err)
		}
		r.Outputs = append(r.Outputs, w)
	}
	r.Status = status
	r.sums = []string{sum}
	for _, in := range ins {
		r.sums = append(r.sums, in.SHA256)
	}
	var stale document.Errors
	r.Removed, r.left, stale = m.settle(s, r.Outputs, r.inputSums(), b.Options)
	r.Warnings = append(r.Warnings, stale...)
	return r
}

// replaceable checks, with Replaceable, every path that s's PDFs outs
// would be written to, before any is.
func replaceable(s Source, outs []Rendered, inputs []string) error {
	var errs []error
	for _, o := range outs {
		dir, rel := s.outPath(o.Output)
		errs = append(errs, Replaceable(dir, rel, inputs))
	}
	return errors.Join(errs...)
}

// addInputs appends the files ins to r.Inputs.
func (r *Result) addInputs(ins []Input) {
	for _, in := range ins {
		r.Inputs = append(r.Inputs, in.Path)
	}
}

// fail returns r as failed with err.
func (r Result) fail(err error) Result {
	r.Status, r.Err = Failed, err
	return r
}

// each calls do for every source, jobs at a time, and emit with the
// results in the order of srcs, from one goroutine at a time, as soon as
// a result and those before it are ready. Once ctx is done it starts no
// more sources: those started make a prefix of srcs, and are emitted.
func each(ctx context.Context, srcs []Source, jobs int, do func(Source) Result, emit func(Result)) {
	if jobs < 1 {
		jobs = DefaultJobs()
	}
	todo := make(chan int)
	go func() {
		defer close(todo)
		for i := range srcs {
			if ctx.Err() != nil {
				return
			}
			select {
			case todo <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	type done struct {
		i int
		r Result
	}
	results := make(chan done, jobs)
	var wg sync.WaitGroup
	for range min(jobs, len(srcs)) {
		wg.Go(func() {
			for i := range todo {
				results <- done{i, safely(do, srcs[i])}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	// Results come in any order; hold the early ones (a few words each,
	// no PDF bytes) until those before them are in.
	waiting := map[int]Result{}
	next := 0
	for d := range results {
		waiting[d.i] = d.r
		for r, ok := waiting[next]; ok; r, ok = waiting[next] {
			delete(waiting, next)
			emit(r)
			next++
		}
	}
}

// safely calls do(s), turning a panic into a failed result, so that one
// file cannot take the batch down.
func safely(do func(Source) Result, s Source) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Source: s, Status: Failed, Inputs: []string{s.Name}, Err: fmt.Errorf("internal error: %v", p)}
		}
	}()
	return do(s)
}

// hash returns the SHA-256 of data in lowercase hexadecimal.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
