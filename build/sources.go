package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source is one content file to build and where its PDFs go.
type Source struct {
	Name string // the file as the user gave it, or as found under a folder they gave
	Out  string // the output path without suffix and ".pdf": dir/NAME

	// Root is the folder the file is read through (see Source.Read): the
	// folder given that it was found in, or, for a file given by itself,
	// its own folder. "" is Name's folder.
	Root string
	// OutDir is the output folder, which Out is inside: PDFs are written
	// and removed through it, never through a symbolic link (see
	// WriteAtomicIn). "" is Out's folder.
	OutDir string
}

// Path returns the path of s's PDF o, such as dir/NAME-summary.pdf for
// the summary sheet.
func (s Source) Path(o Output) string { return s.Out + o.Suffix() + ".pdf" }

// inRoot returns the folder s is read through and its path in it.
func (s Source) inRoot() (dir, rel string) {
	if s.Root == "" {
		return filepath.Dir(s.Name), filepath.Base(s.Name)
	}
	rel, err := filepath.Rel(s.Root, s.Name)
	if err != nil {
		return filepath.Dir(s.Name), filepath.Base(s.Name)
	}
	return s.Root, rel
}

// outPath returns the output folder of s and the path in it of s's PDF o.
func (s Source) outPath(o Output) (dir, rel string) {
	if s.OutDir == "" {
		return filepath.Dir(s.Out), filepath.Base(s.Path(o))
	}
	rel, err := filepath.Rel(s.OutDir, s.Path(o))
	if err != nil {
		return filepath.Dir(s.Out), filepath.Base(s.Path(o))
	}
	return s.OutDir, rel
}

// Sources expands paths, each a .toml file or a folder searched recursively,
// into the content files to build, with their PDFs under dir. The order is
// deterministic: the paths in the order given, each folder's files sorted; a
// file found twice is built once. A single file's PDFs go directly into dir;
// a folder's files are mirrored under dir, so content/history/a.toml, from
// the folder content, goes to dir/history/a. Inside a folder, entries whose
// names start with "." (.git, editor backups) are skipped. A folder given
// as a symbolic link is followed, with or without a trailing slash; links
// to folders inside it are not searched. Each content file is read through
// the folder given that it was found in, or its own folder when given by
// itself (Source.Root; see Source.Read): one that is a symbolic link
// leading out of that folder is an error when it is read.
//
// A missing path, a file that is not .toml, a folder without .toml files and
// two files that would write the same PDF are errors; Sources checks every
// PDF a file could write, each of outputs (Options.Outputs; none: those of
// the zero Options), since which it writes is only known once it is read.
func Sources(paths []string, dir string, outputs ...Output) ([]Source, error) {
	var srcs []Source
	seen := map[string]bool{}
	for _, p := range paths {
		found, err := expand(p, dir)
		if err != nil {
			return nil, err
		}
		for _, s := range found {
			if key := filepath.Clean(s.Name); !seen[key] {
				seen[key] = true
				srcs = append(srcs, s)
			}
		}
	}
	if len(outputs) == 0 {
		outputs = Options{}.Outputs()
	}
	if err := clash(srcs, outputs); err != nil {
		return nil, err
	}
	return srcs, nil
}

// expand returns the content files that path p names, with their PDFs
// under dir.
func expand(p, dir string) ([]Source, error) {
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file or folder", p)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	if fi.IsDir() {
		return walk(p, dir)
	}
	if !isTOML(p) {
		return nil, fmt.Errorf("%s: not a .toml file", p)
	}
	return []Source{{Name: p, Out: filepath.Join(dir, trimExt(filepath.Base(p))), Root: filepath.Dir(p), OutDir: dir}}, nil
}

// walk returns the content files under folder root, sorted, mirrored under
// dir. The files are named under root as given, even when root is a
// symbolic link, which is followed; links inside root are not.
func walk(root, dir string) ([]Source, error) {
	resolved, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", root, err)
	}
	var srcs []Source
	err = filepath.WalkDir(resolved, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != resolved && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir // .git and the like
			}
			return nil // editor files such as .#a.toml
		}
		if d.IsDir() || !isTOML(path) {
			return nil
		}
		rel, err := filepath.Rel(resolved, path)
		if err != nil {
			return err
		}
		srcs = append(srcs, Source{Name: filepath.Join(root, rel), Out: filepath.Join(dir, trimExt(rel)), Root: root, OutDir: dir})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", root, err)
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("no .toml files in %s", root)
	}
	return srcs, nil
}

// clash reports two content files that would write the same PDF, any of
// outputs: two files of the same name from different places, or a.toml,
// whose summary sheet is a-summary.pdf, and a-summary.toml, whose worksheet
// is too (likewise a-answers.toml, a-large.toml, a-2up.toml and
// a-booklet.toml with --answers, --large-print and --impose, and
// a-A.toml and a-B-answers.toml with versions). The PDF of a version,
// dir/NAME-A….pdf, can only have the name of another file's PDF when the
// other's output path begins with the one's, or the one's with the
// other's and "-" (see crowded), so the PDFs of versions, 26 times as
// many as the others, are only checked for those.
func clash(srcs []Source, outputs []Output) error {
	near := crowded(srcs)
	byPath := map[string]string{} // PDF path -> content file
	for _, s := range srcs {
		for _, o := range outputs {
			if o.Version != "" && !near[s.Out] {
				continue
			}
			path := s.Path(o)
			if other, ok := byPath[path]; ok {
				return fmt.Errorf("%s and %s would both write %s", other, s.Name, path)
			}
			byPath[path] = s.Name
		}
	}
	return nil
}

// crowded returns the output paths (Source.Out) of srcs that another's
// begins, followed by "-", and those others: a.toml's and a-A.toml's.
func crowded(srcs []Source) map[string]bool {
	outs := make([]string, len(srcs))
	for i, s := range srcs {
		outs[i] = s.Out
	}
	slices.Sort(outs)
	near := map[string]bool{}
	for _, o := range outs {
		// Those that begin with o and "-" follow one another.
		i, _ := slices.BinarySearch(outs, o+"-")
		for _, p := range outs[i:] {
			if !strings.HasPrefix(p, o+"-") {
				break
			}
			near[o], near[p] = true, true
		}
	}
	return near
}

// isTOML reports whether path names a .toml file, in any case.
func isTOML(path string) bool { return strings.EqualFold(filepath.Ext(path), ".toml") }

// trimExt returns path without its extension.
func trimExt(path string) string { return strings.TrimSuffix(path, filepath.Ext(path)) }

// Check reads and checks the content file s, as Check does.
func (s Source) Check() error {
	data, err := s.Read()
	if err != nil {
		return err
	}
	return Check(s.Name, data)
}
