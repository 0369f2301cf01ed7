package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"handout/document"
)

// The entries of a cache (see Cache): the keys a build is kept by, what
// their files record, and a build looked up (get) and recorded (put).

// inputsKey is what the list of files a content file reads besides itself
// depends on: the program that reads it, and the content file's bytes.
type inputsKey struct {
	Kind    string `json:"handout_cache"` // "inputs"
	Tool    string `json:"tool"`          // Batch.Tool: the program, by its build ID
	Content string `json:"content"`       // the content file's SHA-256
}

// buildKey is everything that decides the bytes of a content file's PDFs:
// the program (whose fonts are inside it), the build's options
// (Options.Fingerprint: the version, the creation date from
// SOURCE_DATE_EPOCH, the editions, the print flags), the
// content file's name (the crop marks' slug line gives it), its bytes, and
// every other file it reads, by path and bytes. Where the file is, the
// output folder, the shard and the machine do not matter.
type buildKey struct {
	Kind    string    `json:"handout_cache"` // "build"
	Tool    string    `json:"tool"`
	Options string    `json:"options"` // Options.Fingerprint
	Name    string    `json:"name"`    // the content file's name, without its folder
	Content string    `json:"content"` // its SHA-256
	Inputs  []fileSum `json:"inputs"`  // relative to its folder, with forward slashes
}

// inputsEntry is the file of an inputsKey in the cache.
type inputsEntry struct {
	Key    inputsKey `json:"key"`
	Inputs []string  `json:"inputs"` // relative to the content file's folder, with forward slashes
}

// buildEntry is the file of a buildKey in the cache.
type buildEntry struct {
	Key      buildKey        `json:"key"`
	Outputs  []cachedPDF     `json:"outputs"`
	Warnings []cachedWarning `json:"warnings"`
}

// cachedPDF is one PDF of a build in the cache.
type cachedPDF struct {
	Kind    string `json:"kind"`              // the name of its Kind, such as "answers"
	Version string `json:"version,omitempty"` // its Output's Version, if any
	Pages   int    `json:"pages"`
	Bytes   int    `json:"bytes"`
	SHA256  string `json:"sha256"`
}

// output returns the PDF that o records, and whether it is one handout
// writes, which validOutputs checks.
func (o cachedPDF) output() (Output, bool) { return parseOutput(o.Kind, o.Version) }

// cachedWarning is a warning of a build in the cache, at its place in the
// content file (see document.Document.Warnings).
type cachedWarning struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// keyName returns the name of the file of key k in the folder kind: the
// SHA-256 of k's JSON, in its two-digit subfolder.
func keyName(kind string, k any) string {
	data, err := json.Marshal(k)
	if err != nil {
		panic(err) // strings, numbers and lists of them always marshal
	}
	sum := sha256.Sum256(data)
	return blobName(kind, hex.EncodeToString(sum[:]), ".json")
}

// blobName returns the path in the cache of the file named sum, a SHA-256
// in lowercase hexadecimal, with extension ext, in the folder kind.
func blobName(kind, sum, ext string) string {
	return filepath.Join(cacheFormat, kind, sum[:2], sum+ext)
}

// cached is a build found in the cache: its PDFs, the files it read
// besides the content file, and its warnings.
type cached struct {
	outs     []Rendered
	inputs   []Input
	warnings document.Errors
}

// newInputsKey returns the key of the list of files that the content
// file whose bytes have the SHA-256 sum reads, for the program tool.
func newInputsKey(tool, sum string) inputsKey {
	return inputsKey{Kind: "inputs", Tool: tool, Content: sum}
}

// newBuildKey returns the key of the build of the content file s, whose
// bytes have the SHA-256 sum, with the options opt and the program tool,
// without its other files, which the caller appends.
func newBuildKey(s Source, tool string, opt Options, sum string) buildKey {
	return buildKey{Kind: "build", Tool: tool, Options: opt.Fingerprint(), Name: filepath.Base(s.Name), Content: sum, Inputs: []fileSum{}}
}

// get returns the build of the content file s, whose bytes have the
// SHA-256 sum, with the options opt and the program tool, when the cache
// has it: the list of files the content file reads is looked up, each of
// them hashed, through own, s's own folder (see Source.readFrom), and the
// build of all of them looked up. Each file used is checked (see Cache)
// and marked used. With verify false, as for a plan,
// the PDFs are only checked to be there with their size, and nothing is
// marked. An entry that is there but cannot be used is counted for
// Problems; the build then goes on as without the cache, and its new
// entry replaces the one that could not be used.
func (c *Cache) get(s Source, own Folder, tool string, opt Options, sum string, verify bool) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	ik := newInputsKey(tool, sum)
	var ie inputsEntry
	var used []usedFile
	inputsName := keyName(cacheInputs, ik)
	if !c.readEntry(inputsName, &ie, &used) {
		return cached{}, false
	}
	if ie.Key != ik || len(ie.Inputs) > maxCacheInputs {
		c.cannotUse(fmt.Errorf("%s: the key it records is not its own", inputsName))
		return cached{}, false
	}
	dir := own.Dir
	bk := newBuildKey(s, tool, opt, sum)
	var hit cached
	if len(ie.Inputs) > 0 {
		root, done, err := own.open()
		if err != nil {
			return cached{}, false
		}
		defer done()
		for _, p := range ie.Inputs {
			rel := filepath.FromSlash(p)
			if !filepath.IsLocal(rel) {
				c.cannotUse(fmt.Errorf("%s: an input outside the content file's folder, %q", inputsName, p))
				return cached{}, false
			}
			// Not readable now: the build reports why.
			got, err := sumIn(root, rel, -1, maxImageBytes)
			if err != nil {
				return cached{}, false
			}
			bk.Inputs = append(bk.Inputs, fileSum{Path: p, SHA256: got})
			hit.inputs = append(hit.inputs, Input{Path: filepath.Join(dir, rel), SHA256: got})
		}
	}
	var be buildEntry
	buildName := keyName(cacheBuilds, bk)
	if !c.readEntry(buildName, &be, &used) {
		return cached{}, false
	}
	if !sameKey(be.Key, bk) || !validOutputs(be.Outputs) {
		c.cannotUse(fmt.Errorf("%s: not the entry of its key, or its PDFs are not as handout records them", buildName))
		return cached{}, false
	}
	for _, o := range be.Outputs {
		name := blobName(cachePDFs, o.SHA256, ".pdf")
		out, _ := o.output()
		if !verify {
			if fi, err := c.lstat(name); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(o.Bytes) {
				return cached{}, false
			}
			hit.outs = append(hit.outs, Rendered{Output: out, Pages: o.Pages})
			continue
		}
		pdf, ok := c.readPDF(name, o, &used)
		if !ok {
			return cached{}, false
		}
		hit.outs = append(hit.outs, Rendered{Output: out, PDF: pdf, Pages: o.Pages, asked: opt.askedBy(out)})
	}
	for _, w := range be.Warnings {
		hit.warnings = append(hit.warnings, &document.Error{File: s.Name, Line: w.Line, Column: w.Column, Msg: w.Message})
	}
	if verify {
		c.touch(used)
	}
	return hit, true
}

// sameKey reports whether the keys a and b are the same.
func sameKey(a, b buildKey) bool {
	return a.Kind == b.Kind && a.Tool == b.Tool && a.Options == b.Options && a.Name == b.Name &&
		a.Content == b.Content && slices.Equal(a.Inputs, b.Inputs)
}

// validOutputs reports whether outs are PDFs as handout records them: at
// least one, each of a kind handout writes, once, a size within the limit
// and a SHA-256 in lowercase hexadecimal.
func validOutputs(outs []cachedPDF) bool {
	seen := map[Output]bool{}
	for _, o := range outs {
		out, ok := o.output()
		if !ok || seen[out] || o.Bytes <= len(pdfMagic) || o.Bytes > maxCachedPDF ||
			o.Pages < 1 || !isSHA256(o.SHA256) {
			return false
		}
		seen[out] = true
	}
	return len(outs) > 0
}

// isSHA256 reports whether s is a SHA-256 in lowercase hexadecimal.
func isSHA256(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// put records in the cache the build of the content file s, whose bytes
// have the SHA-256 sum, with the options opt and the program tool: its
// PDFs outs, the files ins it read besides the content file, and its
// warnings. The PDFs are written first, then the build's entry, then the
// list of inputs, so that an entry found names files already there. A PDF
// already there with its bytes is only marked used. A build that cannot
// be written is counted for Problems: the PDFs in the output folder are
// what matters.
func (c *Cache) put(s Source, tool string, opt Options, sum string, ins []Input, outs []Rendered, warns document.Errors) {
	if c == nil {
		return
	}
	dir := filepath.Dir(s.Name)
	ie := inputsEntry{Key: newInputsKey(tool, sum), Inputs: []string{}}
	bk := newBuildKey(s, tool, opt, sum)
	for _, in := range ins {
		rel, err := filepath.Rel(dir, in.Path)
		if err != nil || !filepath.IsLocal(rel) {
			return // not a file its folder holds: not kept
		}
		ie.Inputs = append(ie.Inputs, filepath.ToSlash(rel))
		bk.Inputs = append(bk.Inputs, fileSum{Path: filepath.ToSlash(rel), SHA256: in.SHA256})
	}
	be := buildEntry{Key: bk, Outputs: []cachedPDF{}, Warnings: []cachedWarning{}}
	for _, w := range warns {
		if w.File != s.Name {
			return // a warning of another file: not kept
		}
		be.Warnings = append(be.Warnings, cachedWarning{Line: w.Line, Column: w.Column, Message: w.Msg})
	}
	for _, o := range outs {
		if len(o.PDF) > maxCachedPDF {
			return
		}
		sha := hash(o.PDF)
		be.Outputs = append(be.Outputs, cachedPDF{Kind: o.Kind.String(), Version: o.Version, Pages: o.Pages, Bytes: len(o.PDF), SHA256: sha})
		if err := c.writePDF(blobName(cachePDFs, sha, ".pdf"), sha, o.PDF); err != nil {
			c.notSaved(err)
			return
		}
	}
	for _, e := range []struct {
		name string
		v    any
	}{{keyName(cacheBuilds, bk), be}, {keyName(cacheInputs, ie.Key), ie}} {
		data, err := json.Marshal(e.v)
		if err == nil {
			err = c.write(e.name, append(data, '\n'))
		}
		if err != nil {
			c.notSaved(err)
			return
		}
	}
}
