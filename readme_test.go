package main

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// TestREADMEGoVersion checks that the README asks for the Go release that
// go.mod's go line names, the oldest the code and its dependencies build
// with.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)(\.0)?$`).FindSubmatch(mod)
	if m == nil {
		t.Fatalf("go.mod has no go line of the form go 1.N or go 1.N.0")
	}
	want := "With Go " + string(m[1]) + " or later"
	if !bytes.Contains(readme, []byte(want)) {
		t.Errorf("README.md does not say %q (go.mod: go %s%s)", want, m[1], m[2])
	}
}
