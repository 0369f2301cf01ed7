package dist

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// root is the root of handout's module, from this package's folder.
const root = "../.."

// host is the target of the machine the tests run on.
var host = Target{runtime.GOOS, runtime.GOARCH}

func TestNotices(t *testing.T) {
	g := Go{Cmd: "go", Dir: root}
	for _, target := range []Target{{"linux", "amd64"}, {"windows", "arm64"}} {
		text, err := g.Notices(context.Background(), target, "1.2.0")
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		for _, want := range []string{
			"Third-party notices for handout 1.2.0 (" + target.String() + ")",
			"Go " + strings.TrimPrefix(runtime.Version(), "go") + " (standard library and runtime)",
			// What the binary links, each license in full.
			"codeberg.org/go-pdf/fpdf v", "github.com/BurntSushi/toml v", "github.com/fsnotify/fsnotify v",
			"golang.org/x/sync v", "golang.org/x/term v", "golang.org/x/text v",
			"github.com/go-fonts/liberation v0.3.3: LICENSE-SIL\n",
			"SIL OPEN FONT LICENSE Version 1.1",
			"Liberation Sans and Liberation Serif",
			"Permission is hereby granted, free of charge", // fpdf's MIT license
			"Redistribution and use in source and binary forms",
		} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: the notices do not say %q", target, want)
			}
		}
		// Not what only the tests use, nor anything of this machine.
		for _, not := range []string{"pdfcpu", "jsonschema", os.Getenv("HOME") + "/", filepath.Join("pkg", "mod")} {
			if strings.Contains(s, not) {
				t.Errorf("%s: the notices name %q", target, not)
			}
		}
	}
}

// TestBuild builds handout for this machine twice, as a release does, and
// checks that the two are the same bytes and that the version is set.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds handout twice")
	}
	g := Go{Cmd: "go", Dir: root}
	ctx := context.Background()
	a, err := g.Build(ctx, host, "9.8.7")
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.Build(ctx, host, "9.8.7")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two builds gave different binaries")
	}
	exe := filepath.Join(t.TempDir(), host.Exe())
	if err := os.WriteFile(exe, a, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(exe, "version").Output(); err != nil || string(out) != "handout 9.8.7\n" {
		t.Errorf("handout version = %q (%v), want handout 9.8.7", out, err)
	}
	out, err := exec.Command("go", "version", "-m", exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-trimpath=true", "CGO_ENABLED=0"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("go version -m does not say %s:\n%s", want, out)
		}
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("vcs.revision")) || bytes.Contains(a, []byte(abs)) {
		t.Errorf("the binary holds a commit or the path of the source:\n%s", out)
	}
}
