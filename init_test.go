package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/schema"
)

// TestInit checks that handout init writes the starter and the schema,
// that the starter builds as it is, and that init never overwrites it.
func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runHandout(t, fixedEnv, "init", "water-cycle")
	if code != exitOK || stderr != "" {
		t.Fatalf("init: exit %d, stderr %q", code, stderr)
	}
	want := "wrote content/water-cycle.toml\nwrote schema/handout.schema.json\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("init printed %q, want it to start %q", stdout, want)
	}
	for path, data := range map[string][]byte{"content/water-cycle.toml": starter, "schema/handout.schema.json": schema.JSON} {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %v, or not what init should write", path, err)
		}
	}
	first, _, _ := strings.Cut(string(starter), "\n")
	if first != "#:schema ../"+schemaFile {
		t.Errorf("the starter's first line is %q: editors would not find the schema", first)
	}

	code, _, stderr = runHandout(t, fixedEnv, "build")
	if code != exitOK {
		t.Fatalf("build of the starter: exit %d\n%s", code, stderr)
	}
	for _, pdf := range []string{"out/water-cycle.pdf", "out/water-cycle-summary.pdf"} {
		if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", pdf, err)
		}
	}

	// Again, over an edited file: it is left as it is.
	edited := []byte("[worksheet]\ntitle = \"Mine\"\n[summary]\n")
	write(t, "content/water-cycle.toml", string(edited))
	code, stdout, stderr = runHandout(t, fixedEnv, "init", "water-cycle.toml")
	if code != exitFailed || stdout != "" || !strings.Contains(stderr, "content/water-cycle.toml already exists") {
		t.Errorf("init over an existing file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile("content/water-cycle.toml"); !bytes.Equal(got, edited) {
		t.Errorf("init changed an existing file")
	}

	// A second file leaves the schema alone, even one that differs.
	write(t, schemaFile, "{}")
	code, stdout, stderr = runHandout(t, fixedEnv, "init", "rivers")
	if code != exitOK || stdout != "wrote content/rivers.toml\nnext: edit content/rivers.toml, then run handout build\n" ||
		!strings.Contains(stderr, "warning: kept schema/handout.schema.json") {
		t.Errorf("init beside another schema: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(schemaFile); string(got) != "{}" {
		t.Errorf("init replaced a schema file")
	}
}

// TestInitUsage checks the names and arguments init refuses.
func TestInitUsage(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{nil, "want one NAME"},
		{[]string{"a", "b"}, "want one NAME"},
		{[]string{""}, "is empty"},
		{[]string{".toml"}, "is empty"},
		{[]string{"history/a"}, "without a folder"},
		{[]string{"../a"}, "without a folder"},
		{[]string{`a\b`}, "without a folder"},
		{[]string{".hidden"}, "must not start with"},
		{[]string{"-x"}, "must not start with"},
		{[]string{"a\tb"}, "control character"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			code, stdout, stderr := runHandout(t, fixedEnv, append([]string{"init"}, tt.args...)...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, tt.msg)
			}
			if _, err := os.Stat(filepath.Join("content")); err == nil {
				t.Errorf("init made content/")
			}
		})
	}
}
