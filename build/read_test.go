package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestReadNested reads content files in folders of the folder given,
// which are read through their own folder: those inside the folder given
// are read, a symbolic link to another of its folders too, and a link out
// of it, a file in a folder that is such a link, and a FIFO are refused,
// each reading nothing of what is outside.
func TestReadNested(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"secret.toml": []byte("key = 'AKIAIOSFODNN7EXAMPLE'"), "elsewhere/a.toml": []byte("key = 'AKIA'"),
		"content/sub/real.toml": []byte("# real"), "content/other/real.toml": []byte("# other")})
	content := filepath.Join(dir, "content")
	for link, target := range map[string]string{
		"sub/sibling.toml": "../other/real.toml", "sub/out.toml": filepath.Join(dir, "secret.toml"),
		"sub/up.toml": "../../secret.toml", "linked": filepath.Join(dir, "elsewhere"),
	} {
		symlinkOrSkip(t, target, filepath.Join(content, filepath.FromSlash(link)))
	}
	mkfifo(t, filepath.Join(content, "sub", "fifo.toml"))
	leadsOut := "not read: it is a symbolic link that leads out of " + content + string(filepath.Separator)
	for _, tt := range []struct{ name, want string }{
		{"sub/real.toml", "# real"},
		{"sub/sibling.toml", "# other"},
		{"sub/out.toml", leadsOut},
		{"sub/up.toml", leadsOut},
		{"linked/a.toml", leadsOut},
		{"sub/fifo.toml", "not read: it is a FIFO (named pipe), not a regular file"},
	} {
		s := Source{Name: filepath.Join(content, filepath.FromSlash(tt.name)), Root: content}
		var data []byte
		var err error
		within(t, 10*time.Second, tt.name, func() { data, err = s.Read() })
		switch {
		case err == nil && string(data) != tt.want:
			t.Errorf("%s: read %q, want an error saying %q", tt.name, data, tt.want)
		case err != nil && !strings.HasPrefix(err.Error(), s.Name+": "+tt.want):
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		case err != nil && strings.Contains(err.Error(), "AKIA"):
			t.Errorf("%s: the error quotes the file outside: %v", tt.name, err)
		}
	}
}
