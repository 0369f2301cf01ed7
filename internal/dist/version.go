package dist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"handout/build"
)

// Version returns the version of the source in the folder dir: the
// contents of its file VERSION if it has one, otherwise what
// git describe --tags --always --dirty says of it (v1.2.0, or
// v1.2.0-3-g1a2b3c4 three commits later, with -dirty for changes not
// committed), in both cases without a leading v.
func Version(ctx context.Context, dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "VERSION"))
	if err == nil {
		return strings.TrimPrefix(strings.TrimSpace(string(data)), "v"), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	out, err := git(ctx, dir, "describe", "--tags", "--always", "--dirty")
	if err != nil {
		return "", fmt.Errorf("no VERSION file, and %w", err)
	}
	return strings.TrimPrefix(out, "v"), nil
}

// SourceTime returns the time to give every file of a release:
// SOURCE_DATE_EPOCH if getenv has it, otherwise the time of the last
// commit of the repository in the folder dir.
func SourceTime(ctx context.Context, dir string, getenv func(string) string) (time.Time, error) {
	if getenv("SOURCE_DATE_EPOCH") != "" {
		return build.SourceTime(getenv, time.Now)
	}
	out, err := git(ctx, dir, "log", "-1", "--format=%ct")
	if err != nil {
		return time.Time{}, fmt.Errorf("no SOURCE_DATE_EPOCH, and %w", err)
	}
	n, err := strconv.ParseInt(out, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: commit time %q: %w", out, err)
	}
	return time.Unix(n, 0).UTC(), nil
}

// git runs git with args in the folder dir and returns its output, trimmed.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}
