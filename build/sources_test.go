package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSources(t *testing.T) {
	t.Chdir(t.TempDir())
	for name, data := range map[string]string{
		"content/a.toml":               "a",
		"content/B.TOML":               "b",
		"content/history/c.toml":       "c",
		"content/history/README.md":    "not content",
		"content/.drafts/d.toml":       "hidden",
		"content/.#a.toml":             "an editor's lock file",
		"elsewhere/e.toml":             "e",
		"elsewhere/notes.txt":          "not content",
		"empty/notes.txt":              "not content",
		"same/a.toml":                  "a again",
		"pair/x.toml":                  "x",
		"pair/x-summary.toml":          "x's summary's name",
		"pair-ok/x.toml":               "x",
		"pair-ok/x-summary-sheet.toml": "a near miss",
	} {
		mustWrite(t, name, data)
	}
	if err := os.Symlink("content", "lnk"); err != nil {
		t.Fatal(err)
	}
	tree := []nameOut{
		{"content/B.TOML", "out/B"},
		{"content/a.toml", "out/a"},
		{"content/history/c.toml", "out/history/c"},
	}
	tests := []struct {
		name    string
		paths   []string
		want    []nameOut
		wantErr string
	}{
		{name: "file", paths: []string{"content/a.toml"}, want: []nameOut{{"content/a.toml", "out/a"}}},
		{name: "folder", paths: []string{"content"}, want: tree},
		{name: "folder with a slash", paths: []string{"content/"}, want: tree},
		{name: "symlinked folder", paths: []string{"lnk"}, want: []nameOut{
			{"lnk/B.TOML", "out/B"}, {"lnk/a.toml", "out/a"}, {"lnk/history/c.toml", "out/history/c"},
		}},
		{name: "symlinked folder with a slash", paths: []string{"lnk/"}, want: []nameOut{
			{"lnk/B.TOML", "out/B"}, {"lnk/a.toml", "out/a"}, {"lnk/history/c.toml", "out/history/c"},
		}},
		{name: "hidden folder given", paths: []string{"content/.drafts"}, want: []nameOut{{"content/.drafts/d.toml", "out/d"}}},
		{name: "subfolder", paths: []string{"content/history"}, want: []nameOut{{"content/history/c.toml", "out/c"}}},
		{name: "in the order given", paths: []string{"elsewhere/e.toml", "content"}, want: append([]nameOut{{"elsewhere/e.toml", "out/e"}}, tree...)},
		{name: "a file twice", paths: []string{"content", "./content/a.toml", "content/a.toml"}, want: tree},
		{name: "near miss", paths: []string{"pair-ok"}, want: []nameOut{{"pair-ok/x-summary-sheet.toml", "out/x-summary-sheet"}, {"pair-ok/x.toml", "out/x"}}},
		{name: "missing", paths: []string{"nope.toml"}, wantErr: "nope.toml: no such file or folder"},
		{name: "not toml", paths: []string{"elsewhere/notes.txt"}, wantErr: "elsewhere/notes.txt: not a .toml file"},
		{name: "no toml files", paths: []string{"empty"}, wantErr: "no .toml files in empty"},
		{name: "one name", paths: []string{"content/a.toml", "same/a.toml"}, wantErr: "content/a.toml and same/a.toml would both write out/a.pdf"},
		{name: "one name, mirrored", paths: []string{"content", "lnk"}, wantErr: "content/B.TOML and lnk/B.TOML would both write out/B.pdf"},
		{name: "a summary and a worksheet, one name", paths: []string{"pair"}, wantErr: "pair/x-summary.toml and pair/x.toml would both write out/x-summary.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sources(tt.paths, "out")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Sources(%q) = %v, %v; want an error saying %q", tt.paths, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Sources(%q): %v", tt.paths, err)
			}
			if !slices.Equal(namesOuts(got), slashed(tt.want)) {
				t.Errorf("Sources(%q) =\n  %v, want\n  %v", tt.paths, got, tt.want)
			}
		})
	}
}

// nameOut is a Source's name and output path.
type nameOut struct{ Name, Out string }

// namesOuts returns the names and output paths of srcs.
func namesOuts(srcs []Source) []nameOut {
	out := make([]nameOut, len(srcs))
	for i, s := range srcs {
		out[i] = nameOut{s.Name, s.Out}
	}
	return out
}

// slashed returns srcs with their paths in the system's form.
func slashed(srcs []nameOut) []nameOut {
	out := make([]nameOut, len(srcs))
	for i, s := range srcs {
		out[i] = nameOut{filepath.FromSlash(s.Name), filepath.FromSlash(s.Out)}
	}
	return out
}

func TestSourcePath(t *testing.T) {
	s := Source{Name: "content/a.toml", Out: filepath.Join("out", "a")}
	for o, want := range map[Output]string{
		{Kind: Worksheet}: "a.pdf", {Kind: Summary}: "a-summary.pdf", {Kind: LargePrint}: "a-large.pdf",
		{Kind: Worksheet, Version: "A"}: "a-A.pdf", {Kind: Answers, Version: "B"}: "a-B-answers.pdf",
	} {
		if got := s.Path(o); got != filepath.Join("out", want) {
			t.Errorf("Path(%v) = %q, want %q", o, got, filepath.Join("out", want))
		}
	}
}
