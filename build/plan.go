package build

import (
	"path/filepath"
	"sync"
)

// An Action is what a build would do with a content file (see Batch.Plan).
type Action string

// The actions of a plan.
const (
	Build  Action = "build"  // build its PDFs
	Copy   Action = "copy"   // copy its PDFs from the cache
	Skip   Action = "skip"   // leave its PDFs, which are up to date
	Remove Action = "remove" // remove the PDFs of a content file that is gone
)

// The reasons of a plan's steps, besides those of a build (the codes of a
// why: "new", "forced", "settings", "content", "input", "output",
// "unreadable").
const (
	ReasonUpToDate = "up-to-date" // Skip
	ReasonCached   = "cached"     // Copy
	ReasonGone     = "gone"       // Remove
)

// A Step is what a build would do with one content file, and why.
type Step struct {
	Source Source // for Remove, only its Name: the content file that is gone
	Action Action
	Reason string // a code: ReasonUpToDate, ReasonCached, ReasonGone, or why it is built
	Detail string // the reason as a sentence, naming what changed
	// Outputs are the PDFs that a Skip leaves, a Copy copies or a Remove
	// removes; none for a Build, whose PDFs are known once it is built.
	Outputs []string
}

// Plan returns what Run would do with srcs, and why, without building,
// writing or removing anything, in the order Run reports it: one step for
// each source, in order, then, with Prune, one for each content file gone
// whose PDFs Run would remove. It reads what Run reads to decide: each
// content file, the manifests, the files and PDFs that up-to-date entries
// name, and, with a Cache, its entries; a PDF found in the cache is not
// hashed, only found with its size, and nothing in the cache is marked
// used.
func (b *Batch) Plan(srcs []Source) []Step {
	m, err := loadManifest(b.Manifest, b.Tool, b.Fingerprint())
	defer m.close()
	var unread *why
	if err != nil {
		unread = &why{whySettings, err.Error() + "; every file is built"}
	}
	steps := make([]Step, len(srcs))
	seen := map[string]bool{}
	for _, s := range srcs {
		if k, ok := m.key(s); ok {
			seen[k] = true
		}
	}
	jobs := b.Jobs
	if jobs < 1 {
		jobs = DefaultJobs()
	}
	var dirs folders
	defer dirs.close()
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(jobs, len(srcs)) {
		wg.Go(func() {
			for i := range next {
				steps[i] = b.step(srcs[i], m, &dirs, unread)
			}
		})
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()
	if b.Prune {
		steps = append(steps, m.plannedRemovals(seen, b.Shard)...)
	}
	return steps
}

// step returns what Run would do with s, read through dirs, given the
// manifest m, which is empty, and unread says why, when it could not be
// read.
func (b *Batch) step(s Source, m *manifest, dirs *folders, unread *why) Step {
	st := Step{Source: s, Action: Build}
	data, own, err := s.readFrom(dirs)
	defer own.close()
	if err != nil {
		st.Reason, st.Detail = whyRead, "cannot be read, and the build will fail: "+err.Error()
		return st
	}
	sum := hash(data)
	if b.Force {
		st.Reason, st.Detail = whyForced, "--force rebuilds every file"
		return st
	}
	f, w := m.upToDate(s, own, sum)
	if w.Code == "" {
		st.Action, st.Reason, st.Detail = Skip, ReasonUpToDate, "its PDFs are up to date"
		st.Outputs = paths(f.outs)
		return st
	}
	if hit, ok := b.cache().get(s, own, b.Tool, b.Options, sum, false); ok {
		st.Action, st.Reason, st.Detail = Copy, ReasonCached, "its PDFs are in the cache "+b.Cache.dir
		for _, o := range hit.outs {
			st.Outputs = append(st.Outputs, s.Path(o.Output))
		}
		return st
	}
	if unread != nil {
		w = *unread
	}
	st.Reason, st.Detail = w.Code, w.Detail
	return st
}

// paths returns the paths of outs.
func paths(outs []Written) []string {
	var ps []string
	for _, o := range outs {
		ps = append(ps, o.Path)
	}
	return ps
}

// plannedRemovals returns the steps that prune would take: the content
// files gone in shard sh, other than those seen, with their PDFs that are
// as they were built.
func (m *manifest) plannedRemovals(seen map[string]bool, sh Shard) []Step {
	var steps []Step
	for _, g := range m.gone(seen, sh) {
		st := Step{Source: Source{Name: m.source(g.e)}, Action: Remove, Reason: ReasonGone}
		st.Detail = st.Source.Name + " is gone"
		for _, p := range g.e.pdfs() {
			if o := p.pdfSum; m.isBuilt(g.key, o) {
				st.Outputs = append(st.Outputs, filepath.Join(m.dir, filepath.FromSlash(o.Path)))
			}
		}
		if g.own || len(st.Outputs) > 0 {
			steps = append(steps, st)
		}
	}
	return steps
}
