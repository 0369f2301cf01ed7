package main

import (
	"encoding/json"
	"fmt"

	"handout/build"
)

// planReport is the JSON of handout plan --json (docs/ci.md, Plans).
type planReport struct {
	Handout string        `json:"handout"`         // handout's version
	Command string        `json:"command"`         // plan
	Shard   string        `json:"shard,omitempty"` // K/N, for a plan of one shard
	Files   []planFile    `json:"files"`
	Summary planSummary   `json:"summary"`
	Cache   *planCacheUse `json:"cache,omitempty"` // the cache, when one was given
}

// planFile is what the build would do with one content file.
type planFile struct {
	File    string       `json:"file"`
	Action  build.Action `json:"action"`  // build, copy, skip or remove
	Reason  string       `json:"reason"`  // a code (see build.Step)
	Detail  string       `json:"detail"`  // the reason as a sentence
	Outputs []string     `json:"outputs"` // the PDFs kept (skip), copied (copy) or removed (remove); none for build
}

// planSummary counts the files by action.
type planSummary struct {
	Files  int `json:"files"` // content files: build, copy and skip
	Build  int `json:"build"`
	Copy   int `json:"copy"`
	Skip   int `json:"skip"`
	Remove int `json:"remove"` // content files gone whose PDFs would be removed
}

// planCacheUse says which cache the plan looked in, and whether it could.
type planCacheUse struct {
	Dir  string `json:"dir"`
	Used bool   `json:"used"` // false without SOURCE_DATE_EPOCH: a build would not use it
}

// runPlan runs handout plan: it prints what handout build would do with
// the same flags and paths, and why, without building or writing
// anything.
func runPlan(args []string, e env) int {
	o, code := parseOptions("plan", args, e)
	if code >= 0 {
		return code
	}
	paths := o.paths
	if len(paths) == 0 {
		paths = []string{defaultContent}
	}
	b, err := batch(o, e.getenv)
	if err != nil {
		return usageError(e.stderr, "plan", err.Error())
	}
	srcs, err := build.Sources(paths, o.dir, b.Outputs()...)
	if err != nil {
		return usageError(e.stderr, "plan", err.Error())
	}
	if o.shard.N > 1 {
		srcs = o.shard.Of(srcs, o.dir)
	}
	b.Shard, b.Prune = o.shard, true
	r := planReport{Handout: version, Command: "plan", Files: []planFile{}}
	if o.shard.N > 1 {
		r.Shard = o.shard.String()
	}
	if o.cache != "" {
		r.Cache = &planCacheUse{Dir: escapeName(o.cache)}
		if e.getenv("SOURCE_DATE_EPOCH") == "" {
			fmt.Fprintf(e.stderr, "handout plan: warning: %s\n", escapeName(errNoEpoch(o.cache).Error()))
		} else {
			c, err := build.ReadCache(o.cache)
			if err != nil {
				fmt.Fprintf(e.stderr, "handout plan: %s\n", escapeName(err.Error()))
				return failure(err)
			}
			defer c.Close()
			b.Cache, r.Cache.Used = c, true
		}
	}
	for _, st := range b.Plan(srcs) {
		f := planFile{File: escapeName(st.Source.Name), Action: st.Action, Reason: st.Reason, Detail: escapeName(st.Detail), Outputs: []string{}}
		for _, p := range st.Outputs {
			f.Outputs = append(f.Outputs, escapeName(p))
		}
		r.Files = append(r.Files, f)
		r.Summary.add(st.Action)
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		return exitOK
	}
	for _, f := range r.Files {
		fmt.Fprintf(e.stdout, "%-6s %s: %s\n", f.Action, f.File, f.Detail)
	}
	if !o.quiet {
		fmt.Fprintln(e.stderr, r.Summary.line())
	}
	return exitOK
}

// add counts a step of action a.
func (s *planSummary) add(a build.Action) {
	switch a {
	case build.Build:
		s.Build++
	case build.Copy:
		s.Copy++
	case build.Skip:
		s.Skip++
	case build.Remove:
		s.Remove++
		return
	}
	s.Files++
}

// line returns the summary as a line, such as "plan: of 12 files, build 3,
// copy 2, skip 7; remove the PDFs of 1 file gone".
func (s planSummary) line() string {
	line := fmt.Sprintf("plan: of %s, build %d, copy %d, skip %d", plural(s.Files, "file"), s.Build, s.Copy, s.Skip)
	if s.Remove > 0 {
		line += fmt.Sprintf("; remove the PDFs of %s gone", plural(s.Remove, "file"))
	}
	return line
}
