package main

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// goRelease returns the Go release that go.mod's go line names, such as
// 1.26 for go 1.26.0.
func goRelease(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)(\.0)?$`).FindSubmatch(mod)
	if m == nil {
		t.Fatalf("go.mod has no go line of the form go 1.N or go 1.N.0")
	}
	return string(m[1])
}

// TestREADMEGoVersion checks that the README asks for the Go release that
// go.mod's go line names, the oldest the code and its dependencies build
// with.
func TestREADMEGoVersion(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "With Go " + goRelease(t) + " or later"; !bytes.Contains(readme, []byte(want)) {
		t.Errorf("README.md does not say %q", want)
	}
}
