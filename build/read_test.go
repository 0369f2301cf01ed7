package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/document"
)

// TestReadContent reads content files just at and just past
// document.MaxFileBytes: the second is refused before it is read, with an
// error that names the file and the limit.
func TestReadContent(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		size int
		want string // "" for none
	}{
		{"small", 100, ""},
		{"at", document.MaxFileBytes, ""},
		{"past", document.MaxFileBytes + 1, ": file is more than 2 MB: a content file may be at most 2 MB (2097152 bytes); split it into several files"},
		{"far past", 50 * document.MaxFileBytes, ": file is 100 MB: a content file may be at most 2 MB (2097152 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".toml")
			if err := os.WriteFile(path, []byte(strings.Repeat("#", tt.size)), 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := ReadContent(path)
			if tt.want == "" {
				if err != nil || len(data) != tt.size {
					t.Fatalf("%d bytes, error %v; want %d bytes", len(data), err, tt.size)
				}
				return
			}
			var errs document.Errors
			if !errors.As(err, &errs) || !strings.HasPrefix(err.Error(), path+tt.want) {
				t.Errorf("error %v, want it to start %q", err, path+tt.want)
			}
			// The batch reports it as the file's error.
			b := &Batch{Options: Options{}, Jobs: 1}
			var got []Result
			b.Check(t.Context(), []Source{{Name: path}}, func(r Result) { got = append(got, r) })
			if len(got) != 1 || got[0].Status != Failed || !strings.Contains(got[0].Err.Error(), tt.want) {
				t.Errorf("Check: %+v, want it to fail with %q", got, tt.want)
			}
		})
	}
}

// TestPipelineAtLimits builds whole files at the limits, worksheet and
// summary to PDF bytes, and checks that each takes a few seconds at most.
func TestPipelineAtLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	para := strings.Repeat("The Purges slowed down during 1938 and Yezhov was dismissed. ", 8)
	var most strings.Builder // MaxSections sections and MaxBlocks blocks of text
	most.WriteString("[worksheet]\ntitle = \"Limits\"\n[summary]\n")
	for range document.MaxSections {
		most.WriteString("[[section]]\nheading = \"Section\"\n")
		for range document.MaxBlocks / document.MaxSections {
			most.WriteString("[[section.block]]\ntext = \"" + para[:200] + "\"\n")
		}
	}
	var text strings.Builder // blocks of the longest text, up to 2 MB
	text.WriteString("[worksheet]\ntitle = \"Limits\"\n[[section]]\nheading = \"Section\"\n")
	long := strings.Repeat("word ", document.MaxTextChars/5)
	for text.Len()+len(long)+40 < document.MaxFileBytes {
		text.WriteString("[[section.block]]\ntext = \"" + long + "\"\n")
	}
	tests := []struct {
		name, src string
		want      string // the error, "" for none
	}{
		{"most blocks", most.String(), ""},
		{"2 MB of text", text.String(), ""},
		{"2 MB of one line", "[worksheet]\ntitle = \"" + strings.Repeat("x", document.MaxFileBytes-30) + "\"\n", "is 2097122 characters long"},
		{"2 MB of brackets", "a = " + strings.Repeat("[", document.MaxFileBytes-8), "nested more than 10 deep"},
		{"2 MB of keys", strings.Repeat("a = 1\n", document.MaxFileBytes/6-1), "has already been defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := File("x.toml", []byte(tt.src), Options{})
			pages := 0
			for _, o := range outs {
				pages += o.Pages
			}
			t.Logf("%d bytes: %d pages", len(tt.src), pages)
			if tt.want == "" && err != nil {
				t.Fatalf("error %v", err)
			}
			if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}
