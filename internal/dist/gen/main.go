// Command gen makes handout's release archives (make dist runs it):
//
//	go run ./internal/dist/gen [-o dist] [-version V] [-go go] [-only OS/ARCH]
//
// It builds handout for each target of dist.Targets (or only the one
// -only names), writes
// handout_VERSION_OS_ARCH.tar.gz (.zip for Windows) for each into the
// output folder, which must be empty or absent, and SHA256SUMS. Run it
// from the root of the module. The version is -version, or the file
// VERSION, or git describe; every file in the archives has the time
// SOURCE_DATE_EPOCH, or else that of the last commit. The same source, Go
// release, version and time give the same bytes.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"handout/internal/dist"
)

func main() {
	out := flag.String("o", "dist", "the `folder` to write the archives in")
	version := flag.String("version", "", "the `version` (default: the file VERSION, or git describe)")
	goCmd := flag.String("go", "go", "the go `command`")
	only := flag.String("only", "", "build only this `target`, such as linux/amd64")
	flag.Parse()
	targets, err := pick(*only)
	if err == nil {
		err = run(context.Background(), *out, *version, *goCmd, targets)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

// pick returns the targets to build: all of dist.Targets, or the one
// named only.
func pick(only string) ([]dist.Target, error) {
	if only == "" {
		return dist.Targets, nil
	}
	for _, t := range dist.Targets {
		if t.String() == only {
			return []dist.Target{t}, nil
		}
	}
	return nil, fmt.Errorf("-only %q is not a target of the release", only)
}

func run(ctx context.Context, out, version, goCmd string, targets []dist.Target) error {
	var err error
	if version == "" {
		if version, err = dist.Version(ctx, "."); err != nil {
			return err
		}
	}
	mtime, err := dist.SourceTime(ctx, ".", os.Getenv)
	if err != nil {
		return err
	}
	docs, err := dist.Docs(".")
	if err != nil {
		return err
	}
	r := dist.Release{
		Version: version, Time: mtime, Targets: targets, Docs: docs,
		Builder: dist.Go{Cmd: goCmd, Dir: "."},
		Log: func(name string, size int) {
			fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(out, name), size)
		},
	}
	_, err = r.Make(ctx, out)
	return err
}
