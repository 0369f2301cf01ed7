package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"handout/build"
)

// discover looks for content files not known yet in the folders Run was
// given, and adds them, to be built. A folder that has no content files
// now is reported; the others are still searched. Folders removed were
// reported when they were.
func (s *session) discover() {
	outs := s.b.Outputs()
	taken := map[string]string{} // PDF path -> content file
	for _, src := range s.srcs {
		for _, o := range outs {
			taken[abs(src.Path(o))] = src.Name
		}
	}
	for _, p := range s.paths {
		if _, ok := s.roots[abs(p)]; !ok || !s.watched[abs(p)] {
			continue
		}
		found, err := build.Sources([]string{p}, s.dir, outs...)
		if err != nil {
			s.warn(err)
			continue
		}
		for _, src := range found {
			if s.known[abs(src.Name)] {
				continue
			}
			if err := clash(src, outs, taken); err != nil {
				s.warn(err)
				continue
			}
			s.add(src)
			s.pending[abs(src.Name)] = true
		}
	}
}

// clash reports whether src would write one of the PDFs outs, every PDF
// the batch may make, that another content file writes, by taken, and
// takes its PDFs when not.
func clash(src build.Source, outs []build.Output, taken map[string]string) error {
	for _, o := range outs {
		if other, ok := taken[abs(src.Path(o))]; ok {
			return fmt.Errorf("%s and %s would both write %s; not building %[2]s", other, src.Name, src.Path(o))
		}
	}
	for _, o := range outs {
		taken[abs(src.Path(o))] = src.Name
	}
	return nil
}

// add makes src known, as its own only input until it is built.
func (s *session) add(src build.Source) {
	key := abs(src.Name)
	s.srcs = append(s.srcs, src)
	s.known[key] = true
	s.use(key, []string{key})
}

// record notes the inputs of the build r and watches their folders. A
// failed build may have stopped before reading every input, so the inputs
// of the build before are kept too: fixing any of them rebuilds the file.
func (s *session) record(r build.Result) {
	key := abs(r.Source.Name)
	ins := []string{key}
	if r.Status == build.Failed {
		ins = append(ins, s.inputs[key]...)
	}
	for _, in := range r.Inputs {
		ins = append(ins, abs(in))
	}
	s.use(key, ins)
	for _, in := range ins {
		if err := s.watch(filepath.Dir(in)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			s.warn(err)
		}
	}
}

// use records that content file src reads ins, and nothing else.
func (s *session) use(src string, ins []string) {
	for _, in := range s.inputs[src] {
		delete(s.users[in], src)
		if len(s.users[in]) == 0 {
			delete(s.users, in)
		}
	}
	s.inputs[src] = nil
	for _, in := range ins {
		if s.users[in] == nil {
			s.users[in] = map[string]bool{}
		}
		if !s.users[in][src] {
			s.users[in][src] = true
			s.inputs[src] = append(s.inputs[src], in)
		}
	}
}

// watch watches folder dir, unless it is already.
func (s *session) watch(dir string) error {
	if s.watched[dir] {
		return nil
	}
	if err := s.fsw.Add(dir); err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	s.watched[dir] = true
	return nil
}

// watchTree watches folder root and its subfolders, but not those whose
// names start with "." nor the output folder, as build.Sources skips them.
// Like build.Sources, it follows root when it is a symbolic link, but no
// link inside it. Subfolders removed meanwhile are not an error.
func (s *session) watchTree(root string) error {
	resolved, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("watching %s: %w", root, err)
	}
	return filepath.WalkDir(resolved, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path != resolved && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return fmt.Errorf("watching %s: %w", root, err)
		}
		if !d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(resolved, path)
		if err != nil {
			return err
		}
		dir := filepath.Join(root, rel)
		if path != resolved && !s.inTree(dir) {
			return filepath.SkipDir
		}
		if err := s.watch(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
}

// inTree reports whether path is inside a folder Run was given, where new
// content files are looked for: not in a folder or file whose name starts
// with ".", nor in the output folder when that is inside.
func (s *session) inTree(path string) bool {
	for root := range s.roots {
		if path == root || !within(path, root) {
			continue
		}
		if within(s.out, root) && s.out != root && within(path, s.out) {
			return false
		}
		rel, _ := filepath.Rel(root, path)
		return !hasDotPart(rel)
	}
	return false
}

// within reports whether path is dir or is under it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// hasDotPart reports whether any element of the relative path rel starts
// with ".".
func hasDotPart(rel string) bool {
	for part := range strings.SplitSeq(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// isTOML reports whether path names a .toml file, in any case.
func isTOML(path string) bool { return strings.EqualFold(filepath.Ext(path), ".toml") }

// abs returns path absolute and clean; if the working folder is unknown,
// only clean.
func abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return filepath.Clean(path)
}
