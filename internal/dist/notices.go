package dist

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// Go builds handout and lists what it links with a go command.
type Go struct {
	Cmd string // the go command, such as "go"
	Dir string // the root of handout's module
}

// env returns the environment of a go command for t: cgo off, so that
// every target builds anywhere and links no C library, and nothing from
// GOFLAGS or the CPU level settings, which would change the binary.
func (t Target) env() []string {
	return append(os.Environ(),
		"GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0",
		"GOFLAGS=", "GOAMD64=v1", "GOARM64=v8.0",
	)
}

// Build builds handout for t with version set in it, and returns it. The
// build is reproducible: no paths (-trimpath) and no version control
// details (-buildvcs=false) go in, so its Go build ID, a hash of its
// inputs and of its bytes, is the same wherever it is built; handout reads
// that ID to know which program built a PDF (build.ToolID), where it would
// otherwise hash the whole executable on every run. The symbol table and
// debugging information are left out (-s -w).
func (g Go) Build(ctx context.Context, t Target, version string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "handout-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	exe := filepath.Join(tmp, t.Exe())
	ldflags := "-s -w -X main.version=" + version
	if _, err := g.run(ctx, t, "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", exe, "."); err != nil {
		return nil, err
	}
	return os.ReadFile(exe)
}

// run runs the go command with args for t and returns its output.
func (g Go) run(ctx context.Context, t Target, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, g.Cmd, args...)
	cmd.Dir, cmd.Env = g.Dir, t.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", args[0], err, stderr.Bytes())
	}
	return out, nil
}

// module is a Go module whose packages a binary links.
type module struct {
	path, version, dir string
}

// modules returns the modules but handout's own whose packages the binary
// for t links, sorted by path.
func (g Go) modules(ctx context.Context, t Target) ([]module, error) {
	out, err := g.run(ctx, t, "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{end}}{{end}}", ".")
	if err != nil {
		return nil, err
	}
	var mods []module
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 3 {
			continue // a package of the standard library
		}
		m := module{f[0], f[1], f[2]}
		if !slices.Contains(mods, m) {
			mods = append(mods, m)
		}
	}
	slices.SortFunc(mods, func(a, b module) int { return strings.Compare(a.path, b.path) })
	return mods, nil
}

// notes say what the binary holds of a module, where it matters for the
// licenses.
var notes = map[string]string{
	"github.com/go-fonts/liberation": `The fonts Liberation Sans and Liberation Serif (regular, bold, italic
and bold italic), which handout holds and embeds, in subsets, in the PDFs
it makes, are licensed under the SIL Open Font License, Version 1.1:
LICENSE-SIL below. The OFL does not apply to the documents made with them.
The Go code of the module that holds them is under its LICENSE below.`,
}

// component is a part of the binary and its license files.
type component struct {
	name, dir string
	files     []string
}

// Notices returns the text of NoticesName for the binary for t: the Go
// release and each module it links, with their license files in full.
func (g Go) Notices(ctx context.Context, t Target, version string) ([]byte, error) {
	out, err := g.run(ctx, t, "env", "GOROOT", "GOVERSION")
	if err != nil {
		return nil, err
	}
	goroot, goversion, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	mods, err := g.modules(ctx, t)
	if err != nil {
		return nil, err
	}
	parts := []component{{name: "Go " + strings.TrimPrefix(goversion, "go") + " (standard library and runtime)", dir: goroot, files: []string{"LICENSE", "PATENTS"}}}
	for _, m := range mods {
		files, err := licenseFiles(m.dir)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s %s has no license file in %s", m.path, m.version, m.dir)
		}
		parts = append(parts, component{name: m.path + " " + m.version, dir: m.dir, files: files})
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Third-party notices for handout %s (%s)\n\n", version, t)
	fmt.Fprintf(&b, "The handout program holds the following software and fonts, each under\nits own license, reproduced in full below.\n\n")
	tw := tabwriter.NewWriter(&b, 0, 8, 3, ' ', 0)
	for _, p := range parts {
		fmt.Fprintf(tw, "  %s\t%s\n", p.name, strings.Join(p.files, ", "))
	}
	tw.Flush()
	for _, m := range mods {
		if n, ok := notes[m.path]; ok {
			fmt.Fprintf(&b, "\n%s\n", n)
		}
	}
	rule := strings.Repeat("=", 72)
	for _, p := range parts {
		for _, f := range p.files {
			text, err := os.ReadFile(filepath.Join(p.dir, f))
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "\n%s\n%s: %s\n%s\n\n%s", rule, p.name, f, rule, text)
			if !bytes.HasSuffix(text, []byte("\n")) {
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes(), nil
}
