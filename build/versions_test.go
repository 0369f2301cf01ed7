package build

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handout/document"
)

// paper returns testdata/paper.toml, a question paper with every kind of
// question, followed by more.
func paper(t *testing.T, more string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "paper.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return append(data, more...)
}

// outputNames returns the names of outs, as "answers, version A".
func outputNames(outs []Rendered) []string {
	var names []string
	for _, o := range outs {
		names = append(names, o.Output.String())
	}
	return names
}

// TestVersionsParts builds a question paper in versions, with every
// edition and an imposed copy: each PDF of the worksheet is made once in
// each version, A, B …, kind after kind, and the paper itself is not
// made; each answer key has the pages of its version. --versions
// overrides the file's [print] versions, and --versions 0 takes them away.
func TestVersionsParts(t *testing.T) {
	booklet, two, three, none := ptr(document.Booklet), ptr(2), ptr(3), ptr(0)
	tests := []struct {
		name  string
		more  string // after the paper
		flags PrintFlags
		want  []string
	}{
		{"--versions 2", "", PrintFlags{Versions: two, Impose: booklet}, []string{"worksheet, version A", "worksheet, version B",
			"answers, version A", "answers, version B", "large-print, version A", "large-print, version B",
			"booklet, version A", "booklet, version B"}},
		{"[print] versions = 3", "[print]\nversions = 3\n", PrintFlags{}, []string{"worksheet, version A", "worksheet, version B",
			"worksheet, version C", "answers, version A", "answers, version B", "answers, version C",
			"large-print, version A", "large-print, version B", "large-print, version C"}},
		{"--versions 2 over [print]", "[print]\nversions = 3\n", PrintFlags{Versions: two}, []string{"worksheet, version A", "worksheet, version B",
			"answers, version A", "answers, version B", "large-print, version A", "large-print, version B"}},
		{"--versions 0 over [print]", "[print]\nversions = 3\n", PrintFlags{Versions: none}, []string{"worksheet", "answers", "large-print"}},
		{"with a summary", "[summary]\n", PrintFlags{Versions: two}, []string{"worksheet, version A", "worksheet, version B", "summary",
			"answers, version A", "answers, version B", "large-print, version A", "large-print, version B"}},
		{"three versions asked for", "", PrintFlags{Versions: three}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Time: testTime, Version: "test", Answers: true, LargePrint: true, Print: tt.flags}
			outs, err := File("p.toml", paper(t, tt.more), opt)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				for _, o := range outs {
					tt.want = append(tt.want, o.Output.String())
				}
				if len(outs) != 9 || outs[2].Version != "C" {
					t.Errorf("outputs %q, want three versions of each", tt.want)
				}
			}
			if got := outputNames(outs); !slices.Equal(got, tt.want) {
				t.Errorf("outputs\n%q\nwant\n%q", got, tt.want)
			}
			pages := map[string]int{}
			for _, o := range outs {
				if o.Kind == Worksheet {
					pages[o.Version] = o.Pages
				}
			}
			for _, o := range outs {
				if o.Kind == Answers && o.Pages != pages[o.Version] {
					t.Errorf("the key of version %q has %d pages, its version %d", o.Version, o.Pages, pages[o.Version])
				}
			}
		})
	}
}

// TestVersionsFewer builds papers in more versions than they have: one
// with nothing to shuffle is made once, without versions; one that has
// only two different versions is made in those two; either with a
// warning that says so, at [print] versions when the file asks.
func TestVersionsFewer(t *testing.T) {
	head := "[worksheet]\ntitle = \"T\"\nlanguage = \"en\"\n[[section]]\nheading = \"H\"\n"
	plain := head + "[[section.block]]\nquestion = \"Why?\"\nlines = 2\n"
	trueFalse := head + "[[section.block]]\nquestion = \"Is it?\"\nchoices = [\"True\", \"False\"]\ncorrect = 1\n"
	nothing := ": nothing in this worksheet is shuffled (no question has choices, no matching exercise has three pairs or more, " +
		"and shuffle_questions is off or no two questions are next to each other), so it is made once, without versions"
	tests := []struct {
		name, src string
		flags     PrintFlags
		want      []string
		warning   string
	}{
		{"nothing, --versions", plain, PrintFlags{Versions: ptr(2)}, []string{"worksheet"}, "x.toml: warning: --versions 2" + nothing},
		{"nothing, [print]", plain + "[print]\nversions = 4\n", PrintFlags{}, []string{"worksheet"}, "x.toml:10:1: warning: versions = 4" + nothing},
		{"two of three", trueFalse, PrintFlags{Versions: ptr(3)}, []string{"worksheet, version A", "worksheet, version B"},
			"x.toml: warning: --versions 3: this paper can be shuffled in only 2 different ways, so only versions A to B are made"},
		{"two of two", trueFalse, PrintFlags{Versions: ptr(2)}, []string{"worksheet, version A", "worksheet, version B"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Time: testTime, Print: tt.flags}
			outs, warns, err := FileIn(t.Context(), "x.toml", Folder{Dir: t.TempDir()}, []byte(tt.src), opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := outputNames(outs); !slices.Equal(got, tt.want) {
				t.Errorf("outputs %q, want %q", got, tt.want)
			}
			var got []string
			for _, w := range warns {
				got = append(got, strings.Replace(w.Error(), ": ", ": warning: ", 1))
			}
			if want := []string{tt.warning}; tt.warning == "" && len(got) > 0 || tt.warning != "" && !slices.Equal(got, want) {
				t.Errorf("warnings\n%q\nwant\n%q", got, tt.warning)
			}
			// check warns alike.
			_, cw, err := check(t.Context(), "x.toml", []byte(tt.src), opt)
			if err != nil || len(cw) != len(warns) {
				t.Errorf("check: warnings %v, error %v; want %v", cw, err, warns)
			}
		})
	}
}

// TestVersionsErrors checks that an error of every version, and of their
// answer keys, is reported once, as the file's own.
func TestVersionsErrors(t *testing.T) {
	src := paper(t, "")
	long := strings.Repeat("A model answer far too long for one answer line. ", 4)
	src = []byte(strings.Replace(string(src), `answer = "crushed"`, `answer = "`+long+`"`, 1))
	_, err := File("p.toml", src, Options{Time: testTime, Answers: true, Print: PrintFlags{Versions: ptr(3)}})
	var es document.Errors
	if !errors.As(err, &es) || len(es) != 1 || strings.Contains(es[0].Msg, "version") {
		t.Errorf("error %v, want one error of the file's own", err)
	}
}

// TestErrNameOf checks how a content error that some PDFs of a file have
// is named: by what they share.
func TestErrNameOf(t *testing.T) {
	w, ans, large := Output{Kind: Worksheet}, Output{Kind: Answers}, Output{Kind: LargePrint}
	v := func(o Output, letter string) Output { o.Version = letter; return o }
	tests := []struct {
		outs []Output
		want string
	}{
		{[]Output{w}, ""},
		{[]Output{w, ans}, ""},
		{[]Output{ans}, "answer key (--answers)"},
		{[]Output{large}, "large-print edition (--large-print)"},
		{[]Output{v(w, "A"), v(w, "B"), v(ans, "A"), v(ans, "B")}, ""},
		{[]Output{v(w, "B"), v(ans, "B")}, "version B"},
		{[]Output{v(large, "A"), v(large, "C")}, "large-print edition (--large-print)"},
		{[]Output{v(large, "C")}, "large-print edition (--large-print), version C"},
	}
	for _, tt := range tests {
		if got := errNameOf(tt.outs); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.outs, got, tt.want)
		}
	}
}

// TestVersionsStale builds a paper in versions with their keys, then
// without --versions, then with fewer versions: the versions a flag asked
// for are left when it is not given, and once the paper changes, each
// build warns of them; the paper itself, which the content file asks for,
// is removed when versions are made instead; versions that the file's
// [print] asked for are removed when it no longer does.
func TestVersionsStale(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content", "p.toml")
	mustWrite(t, content, string(paper(t, "")))
	out := filepath.Join(dir, "out")
	srcs, err := Sources([]string{filepath.Join(dir, "content")}, out)
	if err != nil {
		t.Fatal(err)
	}
	b := Batch{Options: Options{Time: testTime, FixedTime: true, Version: "test"}, Jobs: 1,
		Manifest: filepath.Join(out, ManifestName), Tool: "handout test"}
	build := func(step string, answers bool, versions *int) Result {
		t.Helper()
		b.Answers, b.Print.Versions = answers, versions
		var r Result
		if err := b.Run(t.Context(), srcs, func(res Result) { r = res }); err != nil {
			t.Fatal(err)
		}
		if r.Err != nil {
			t.Fatalf("%s: %v", step, r.Err)
		}
		return r
	}
	names := func(paths []string) []string {
		var ns []string
		for _, p := range paths {
			ns = append(ns, filepath.Base(p))
		}
		return ns
	}
	written := func(r Result) []string {
		var ns []string
		for _, w := range r.Outputs {
			ns = append(ns, filepath.Base(w.Path))
		}
		return ns
	}
	warned := func(r Result) []string {
		var ws []string
		for _, w := range r.Warnings {
			ws = append(ws, strings.ReplaceAll(w.Msg, dir+string(filepath.Separator), ""))
		}
		return ws
	}
	check := func(step string, r Result, status Status, outs, removed, warns []string) {
		t.Helper()
		if r.Status != status || !slices.Equal(written(r), outs) || !slices.Equal(names(r.Removed), removed) || !slices.Equal(warned(r), warns) {
			t.Errorf("%s: %s, outputs %q, removed %q, warnings %q;\nwant %s, %q, %q, %q",
				step, r.Status, written(r), names(r.Removed), warned(r), status, outs, removed, warns)
		}
	}
	versions := []string{"p-A.pdf", "p-B.pdf", "p-A-answers.pdf", "p-B-answers.pdf"}
	check("--versions 2 --answers", build("1", true, ptr(2)), Built, versions, nil, nil)
	m := readManifest(t, b.Manifest)
	var asked []string
	for _, o := range m.Files["p"].Outputs {
		asked = append(asked, o.Path+" "+o.Kind+" "+o.Version+" "+o.Asked)
	}
	if want := []string{"p-A.pdf worksheet A --versions 2", "p-B.pdf worksheet B --versions 2",
		"p-A-answers.pdf answers A --versions 2 --answers", "p-B-answers.pdf answers B --versions 2 --answers"}; !slices.Equal(asked, want) {
		t.Errorf("the manifest records %q, want %q", asked, want)
	}
	check("no flags", build("2", false, nil), Built, []string{"p.pdf"}, nil, nil)
	mustWrite(t, content, string(paper(t, "\n# changed\n")))
	var warns []string
	for _, v := range versions {
		flag := "--versions 2"
		if strings.HasSuffix(v, "-answers.pdf") {
			flag += " --answers"
		}
		warns = append(warns, stale(v, "p.toml", flag))
	}
	check("changed, no flags", build("3", false, nil), Built, []string{"p.pdf"}, nil, warns)
	check("changed, up to date", build("4", false, nil), Skipped, []string{"p.pdf"}, nil, warns)
	check("--versions 2 --answers again", build("5", true, ptr(2)), Built, versions, []string{"p.pdf"}, nil)
	check("--versions 3", build("6", false, ptr(3)), Built, []string{"p-A.pdf", "p-B.pdf", "p-C.pdf"}, nil, nil)
	// The file asks for 2 versions: they are its own, C is left, and
	// when it asks for none they are removed.
	mustWrite(t, content, string(paper(t, "[print]\nversions = 2\n")))
	left := []string{stale("p-C.pdf", "p.toml", "--versions 3"), stale("p-A-answers.pdf", "p.toml", "--versions 2 --answers"),
		stale("p-B-answers.pdf", "p.toml", "--versions 2 --answers")}
	check("[print] versions = 2", build("7", false, nil), Built, []string{"p-A.pdf", "p-B.pdf"}, nil, left)
	mustWrite(t, content, string(paper(t, "")))
	check("no [print] versions", build("8", false, nil), Built, []string{"p.pdf"}, []string{"p-A.pdf", "p-B.pdf"}, left)
	for _, name := range []string{"p-A.pdf", "p-B.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there: %v", name, err)
		}
	}
}
