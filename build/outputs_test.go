package build

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/document"
)

func TestKinds(t *testing.T) {
	tests := []struct {
		kind                  Kind
		suffix, name, errName string
		impose                document.Impose
	}{
		{Worksheet, "", "worksheet", "", document.NoImpose},
		{Summary, "-summary", "summary", "", document.NoImpose},
		{Answers, "-answers", "answers", "answer key (--answers)", document.NoImpose},
		{LargePrint, "-large", "large-print", "large-print edition (--large-print)", document.NoImpose},
		{TwoUp, "-2up", "2up", "imposed copy (2up)", document.TwoUp},
		{Booklet, "-booklet", "booklet", "imposed copy (booklet)", document.Booklet},
	}
	var all []Kind
	for _, tt := range tests {
		all = append(all, tt.kind)
		o := Output{Kind: tt.kind}
		if o.Suffix() != tt.suffix || tt.kind.String() != tt.name || o.String() != tt.name || o.errName() != tt.errName {
			t.Errorf("%d: suffix %q, name %q, %q, errName %q; want %q, %q, %q", tt.kind, o.Suffix(), tt.kind, o, o.errName(), tt.suffix, tt.name, tt.errName)
		}
		if k, ok := ParseKind(tt.name); !ok || k != tt.kind {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", tt.name, k, ok, tt.kind)
		}
		if !o.valid() {
			t.Errorf("%v is not valid", o)
		}
		if tt.kind.impose() != tt.impose {
			t.Errorf("%v: imposed %v, want %v", tt.kind, tt.kind.impose(), tt.impose)
		}
		if k, ok := imposedKind(tt.impose); ok != (tt.impose != document.NoImpose) || ok && k != tt.kind {
			t.Errorf("imposedKind(%v) = %v, %v", tt.impose, k, ok)
		}
	}
	if !slices.Equal(Kinds(), all) {
		t.Errorf("Kinds() = %v, want %v", Kinds(), all)
	}
	none := Kind(len(Kinds()))
	if none.String() != "kind6" || none.Suffix() != "-kind6" || (Output{Kind: none}).valid() {
		t.Errorf("a kind that is none: %q, suffix %q, valid %v", none, none.Suffix(), Output{Kind: none}.valid())
	}
	for _, name := range []string{"", "Worksheet", "large", "-2up", "kind6"} {
		if k, ok := ParseKind(name); ok {
			t.Errorf("ParseKind(%q) = %v, want none", name, k)
		}
	}
}

// TestOutputVersions checks the names of versions of a paper (NAME-A.pdf,
// NAME-A-answers.pdf), which a manifest may record, and that only a
// capital letter is a version.
func TestOutputVersions(t *testing.T) {
	tests := []struct {
		out          Output
		suffix, name string
		valid        bool
	}{
		{Output{Kind: Worksheet, Version: "A"}, "-A", "worksheet, version A", true},
		{Output{Kind: Answers, Version: "B"}, "-B-answers", "answers, version B", true},
		{Output{Kind: Booklet, Version: "Z"}, "-Z-booklet", "booklet, version Z", true},
		{Output{Kind: Answers, Version: "AB"}, "-AB-answers", "answers, version AB", false},
		{Output{Kind: Worksheet, Version: "a"}, "-a", "worksheet, version a", false},
		{Output{Kind: Worksheet, Version: "/"}, "-/", "worksheet, version /", false},
	}
	for _, tt := range tests {
		if tt.out.Suffix() != tt.suffix || tt.out.String() != tt.name || tt.out.valid() != tt.valid {
			t.Errorf("%#v: suffix %q, name %q, valid %v; want %q, %q, %v", tt.out, tt.out.Suffix(), tt.out, tt.out.valid(), tt.suffix, tt.name, tt.valid)
		}
	}
	for _, tt := range []struct {
		out  Output
		want string
	}{
		{Output{Kind: Answers, Version: "C"}, "answer key (--answers), version C"},
		{Output{Kind: Worksheet, Version: "B"}, "version B"},
		{Output{Kind: Booklet, Version: "A"}, "imposed copy (booklet), version A"},
	} {
		if got := tt.out.errName(); got != tt.want {
			t.Errorf("the errors of %v begin %q, want %q", tt.out, got, tt.want)
		}
	}
}

// TestOptionsOutputs checks the PDFs a build may write for a file: those
// of the kinds the flags ask for, and of both imposed copies, then, in
// each version --versions asks for or, without it, that a file's [print]
// may ask for, those but the summary sheet.
func TestOptionsOutputs(t *testing.T) {
	tests := []struct {
		opt      Options
		want     []Kind
		versions int
	}{
		{Options{}, []Kind{Worksheet, Summary, TwoUp, Booklet}, 26},
		{Options{Answers: true}, []Kind{Worksheet, Summary, Answers, TwoUp, Booklet}, 26},
		{Options{LargePrint: true}, []Kind{Worksheet, Summary, LargePrint, TwoUp, Booklet}, 26},
		{Options{Answers: true, LargePrint: true}, []Kind{Worksheet, Summary, Answers, LargePrint, TwoUp, Booklet}, 26},
		{Options{Answers: true, Print: PrintFlags{Versions: ptr(3)}}, []Kind{Worksheet, Summary, Answers, TwoUp, Booklet}, 3},
		{Options{Print: PrintFlags{Versions: ptr(0)}}, []Kind{Worksheet, Summary, TwoUp, Booklet}, 0},
	}
	for _, tt := range tests {
		var want []Output
		for _, k := range tt.want {
			want = append(want, Output{Kind: k})
		}
		for v := range tt.versions {
			for _, k := range tt.want {
				if k != Summary {
					want = append(want, Output{Kind: k, Version: string(rune('A' + v))})
				}
			}
		}
		if got := tt.opt.Outputs(); !slices.Equal(got, want) {
			t.Errorf("%+v: Outputs\n%v\nwant\n%v", tt.opt, got, want)
		}
	}
}

// TestManifestKinds builds with every edition and a booklet: the results
// and the manifest name each PDF by its kind, and the next build, which
// skips every file, reports the same outputs, read back from the manifest.
func TestManifestKinds(t *testing.T) {
	p := newProject(t)
	p.b.Answers, p.b.LargePrint = true, true
	p.b.Print.Impose = ptr(document.Booklet)
	want := []Kind{Worksheet, Summary, Answers, LargePrint, Booklet}
	var first []Written
	for _, run := range []Status{Built, Skipped} {
		var got []Written
		p.b.Run(t.Context(), p.srcs[:1], func(r Result) {
			if r.Status != run {
				t.Errorf("%s: %s, want %s", r.Source.Name, r.Status, run)
			}
			got = r.Outputs
		})
		var kinds []Kind
		for _, w := range got {
			kinds = append(kinds, w.Kind)
			if w.Version != "" || w.Path != p.out("a"+w.Kind.Suffix()+".pdf") || !sameSum(w.Path, w.SHA256) {
				t.Errorf("%s: %+v is not the %v PDF on disk", run, w, w.Kind)
			}
		}
		if !slices.Equal(kinds, want) {
			t.Errorf("%s: outputs %v, want %v", run, kinds, want)
		}
		if run == Skipped && !slices.Equal(got, first) {
			t.Errorf("skipped: outputs %+v, built %+v", got, first)
		}
		first = got
	}
	m := readManifest(t, p.out(ManifestName))
	if m.Format != 4 || m.Options != p.b.Fingerprint() {
		t.Errorf("manifest format %d, options %q; want 4, %q", m.Format, m.Options, p.b.Fingerprint())
	}
	var recorded []string
	for _, o := range m.Files["a"].Outputs {
		recorded = append(recorded, strings.TrimSpace(o.Kind+" "+o.Path+" "+o.Asked))
	}
	w := []string{"worksheet a.pdf", "summary a-summary.pdf", "answers a-answers.pdf --answers",
		"large-print a-large.pdf --large-print", "booklet a-booklet.pdf --impose booklet"}
	if !slices.Equal(recorded, w) {
		t.Errorf("the manifest records %q, want %q", recorded, w)
	}
}

// TestAsks: a flag asks for the answer key, the large-print edition and
// the imposed copy it names, of every version, and --versions for the
// versions it makes, and the manifest records them; nothing else is
// asked for by a flag.
func TestAsks(t *testing.T) {
	two, booklet, none := document.TwoUp, document.Booklet, document.NoImpose
	outs := []Output{{Kind: Worksheet}, {Kind: Summary}, {Kind: Answers}, {Kind: LargePrint}, {Kind: TwoUp},
		{Kind: Booklet}, {Kind: Answers, Version: "A"}, {Kind: Worksheet, Version: "A"}, {Kind: Worksheet, Version: "C"},
		{Kind: Booklet, Version: "B"}}
	tests := []struct {
		opt  Options
		want []string // askedBy of each of outs
	}{
		{Options{}, []string{"", "", "", "", "", "", "", "", "", ""}},
		{Options{Answers: true}, []string{"", "", "--answers", "", "", "", "--answers", "", "", ""}},
		{Options{LargePrint: true}, []string{"", "", "", "--large-print", "", "", "", "", "", ""}},
		{Options{Print: PrintFlags{Impose: &two}}, []string{"", "", "", "", "--impose 2up", "", "", "", "", ""}},
		{Options{Print: PrintFlags{Impose: &booklet}}, []string{"", "", "", "", "", "--impose booklet", "", "", "", "--impose booklet"}},
		{Options{Print: PrintFlags{Impose: &none}}, []string{"", "", "", "", "", "", "", "", "", ""}},
		{Options{Print: PrintFlags{Versions: ptr(3)}}, []string{"", "", "", "", "", "", "", "--versions 3", "--versions 3", "--versions 3"}},
		{Options{Print: PrintFlags{Versions: ptr(2)}}, []string{"", "", "", "", "", "", "", "--versions 2", "", "--versions 2"}},
		{Options{Print: PrintFlags{Versions: ptr(0)}}, []string{"", "", "", "", "", "", "", "", "", ""}},
		{Options{Answers: true, Print: PrintFlags{Versions: ptr(2), Impose: &booklet}},
			[]string{"", "", "--answers", "", "", "--impose booklet", "--versions 2 --answers", "--versions 2", "", "--versions 2 --impose booklet"}},
		{Options{Answers: true, Print: PrintFlags{Versions: ptr(2), Impose: &two}},
			[]string{"", "", "--answers", "", "--impose 2up", "", "--versions 2 --answers", "--versions 2", "", ""}},
	}
	for _, tt := range tests {
		var got []string
		for _, o := range outs {
			got = append(got, tt.opt.askedBy(o))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%+v: asked by\n%q\nwant\n%q", tt.opt, got, tt.want)
		}
	}
}

// TestManifestVersion gives a's manifest entry the answer key of a
// version, as --versions will make: it is read back with its version, and
// removed when a build no longer makes it.
func TestManifestVersion(t *testing.T) {
	p := newProject(t)
	p.run()
	data := []byte("%PDF-1.4 version A's answer key")
	mustWrite(t, p.out("a-A-answers.pdf"), string(data))
	m := readManifest(t, p.out(ManifestName))
	e := m.Files["a"]
	e.Outputs = append(e.Outputs, pdfSum{Kind: "answers", Version: "A", Path: "a-A-answers.pdf", Pages: 1, Bytes: len(data), SHA256: hash(data)})
	m.Files["a"] = e
	writeManifest(t, p.out(ManifestName), m)

	var outs []Written
	p.b.Run(t.Context(), p.srcs[:1], func(r Result) { outs = r.Outputs })
	if len(outs) != 3 || outs[2].Output != (Output{Kind: Answers, Version: "A"}) || outs[2].Path != p.out("a-A-answers.pdf") {
		t.Fatalf("skipped a: outputs %+v, want its worksheet, summary and version A's answer key", outs)
	}
	p.b.Force = true
	var removed []string
	p.b.Run(t.Context(), p.srcs[:1], func(r Result) { removed = r.Removed })
	if !slices.Equal(removed, []string{p.out("a-A-answers.pdf")}) {
		t.Errorf("rebuilt a: removed %q, want version A's answer key", removed)
	}
}

// TestManifestOlderFormats gives the output folder a manifest of format
// 2, which recorded suffixes, or of format 3, which recorded suffixes and
// the flag that asked for each PDF, as handout wrote them before kinds,
// with the same tool and flags, of a build with --answers. Then a
// becomes a worksheet alone, and a build without --answers rebuilds
// every file once, skipping none on the old manifest's word. Over format
// 3 it removes a's summary sheet, no longer made, and leaves the answer
// keys, a's stale; over format 2, which cannot tell a PDF that a flag
// asked for from one no longer made, it removes nothing and warns of
// nothing.
func TestManifestOlderFormats(t *testing.T) {
	for _, format := range []int{2, 3} {
		t.Run(strconv.Itoa(format), func(t *testing.T) {
			p := newProject(t)
			p.editionsRun("--answers")
			m := readManifest(t, p.out(ManifestName))
			old := map[string]any{"handout_manifest": format, "tool": m.Tool, "flags": m.Options}
			files := map[string]any{}
			for k, e := range m.Files {
				var outs []map[string]any
				for _, o := range e.Outputs {
					out, _ := o.output()
					pdf := map[string]any{"suffix": out.Suffix(), "path": o.Path, "pages": o.Pages, "bytes": o.Bytes, "sha256": o.SHA256}
					if format == 3 && o.Asked != "" {
						pdf["asked"] = o.Asked
					}
					outs = append(outs, pdf)
				}
				files[k] = map[string]any{"source": e.Source, "inputs": e.Inputs, "outputs": outs}
			}
			old["files"] = files
			writeManifest(t, p.out(ManifestName), old)
			copyTestdata(t, "worksheet-only.toml", p.content("a.toml"))

			// Over format 3, a's summary sheet, no longer made, is removed,
			// and its answer key, left, is older than a.
			var removed, warned []string
			if format == 3 {
				removed = []string{p.out("a-summary.pdf")}
				warned = []string{stale("a-answers.pdf", "a.toml", "--answers")}
			}
			for _, step := range []struct {
				name    string
				status  Status
				removed []string
			}{{"over a manifest of format " + strconv.Itoa(format), Built, removed}, {"the manifest rewritten", Skipped, nil}} {
				for name, r := range p.editionsRun() {
					want, warns := step.removed, warned
					if name != "a" {
						want, warns = nil, nil
					}
					if r.Status != step.status || !slices.Equal(r.Removed, want) || !slices.Equal(p.warned(r), warns) {
						t.Errorf("%s: %s %s, removed %q, warnings %q; want %s, removed %q, warnings %q",
							step.name, name, r.Status, r.Removed, p.warned(r), step.status, want, warns)
					}
				}
			}
			for _, name := range []string{"a-answers.pdf", "b-answers.pdf", "c-answers.pdf"} {
				if _, err := os.Stat(p.out(name)); err != nil {
					t.Errorf("over a manifest of format %d: %v", format, err)
				}
			}
			if m := readManifest(t, p.out(ManifestName)); m.Format != 4 {
				t.Errorf("the manifest rewritten is of format %d, want 4", m.Format)
			}
		})
	}
}

// writeManifest writes m as the manifest at path.
func writeManifest(t *testing.T, path string, m any) {
	t.Helper()
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, path, string(data))
}
