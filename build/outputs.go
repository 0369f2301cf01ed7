package build

import (
	"strconv"

	"handout/document"
)

// Kind is what one of a content file's PDFs is: the worksheet, the summary
// sheet, an edition of the worksheet or an imposed copy of it.
type Kind uint8

// The kinds of PDF, in the order File makes them.
const (
	Worksheet  Kind = iota // NAME.pdf, the worksheet
	Summary                // NAME-summary.pdf, the summary sheet
	Answers                // NAME-answers.pdf, the worksheet's answer key (--answers)
	LargePrint             // NAME-large.pdf, the worksheet in large print (--large-print)
	TwoUp                  // NAME-2up.pdf, the worksheet two pages to a sheet (--impose 2up)
	Booklet                // NAME-booklet.pdf, the worksheet imposed as a booklet (--impose booklet)
)

// kinds says, for each Kind, its suffix, between a content file's output
// path and ".pdf"; its name, in the JSON report, the manifest and
// messages; for an edition or an imposed copy, the words that begin a
// content error only it has (Output.errName); the flag that asks for it,
// if one does (see Options.asks); and for an imposed copy, how its pages
// are imposed (printing.Settings.Impose).
var kinds = [...]struct {
	suffix, name, errName, flag string
	impose                      document.Impose
}{
	Worksheet:  {"", "worksheet", "", "", document.NoImpose},
	Summary:    {"-summary", "summary", "", "", document.NoImpose},
	Answers:    {"-answers", "answers", "answer key (--answers)", "--answers", document.NoImpose},
	LargePrint: {"-large", "large-print", "large-print edition (--large-print)", "--large-print", document.NoImpose},
	TwoUp:      {"-2up", "2up", "imposed copy (2up)", "--impose 2up", document.TwoUp},
	Booklet:    {"-booklet", "booklet", "imposed copy (booklet)", "--impose booklet", document.Booklet},
}

// Kinds returns all the kinds, in order.
func Kinds() []Kind {
	ks := make([]Kind, len(kinds))
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// Suffix returns k's suffix in file names, such as "-answers" for
// NAME-answers.pdf; "" for the worksheet.
func (k Kind) Suffix() string {
	if !k.valid() {
		return "-" + k.String() // never the worksheet's
	}
	return kinds[k].suffix
}

// String returns k's name: worksheet, summary, answers, large-print, 2up
// or booklet.
func (k Kind) String() string {
	if !k.valid() {
		return "kind" + strconv.Itoa(int(k))
	}
	return kinds[k].name
}

// valid reports whether k is one of Kinds.
func (k Kind) valid() bool { return int(k) < len(kinds) }

// ParseKind returns the kind named name (see Kind.String).
func ParseKind(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if kinds[k].name == name {
			return k, true
		}
	}
	return 0, false
}

// imposedKind returns the kind of the imposed copy that i makes: TwoUp
// or Booklet. It is false for NoImpose.
func imposedKind(i document.Impose) (Kind, bool) {
	for _, k := range Kinds() {
		if i != document.NoImpose && kinds[k].impose == i {
			return k, true
		}
	}
	return 0, false
}

// impose returns how k's pages are imposed: document.NoImpose but for an
// imposed copy.
func (k Kind) impose() document.Impose {
	if !k.valid() {
		return document.NoImpose
	}
	return kinds[k].impose
}

// An Output names one of the PDFs a content file makes: its kind and, for
// a paper made in versions, its version. It is comparable, and the key of
// a PDF in every list of them.
type Output struct {
	Kind Kind
	// Version is the letter, "A" to "Z", of one version of a paper made
	// in several, or "" for a file that is not (--versions, to come). It
	// goes before the kind's suffix: NAME-A.pdf, NAME-A-answers.pdf.
	Version string
}

// Suffix returns o's suffix in file names, between the content file's
// output path and ".pdf": the kind's, after the version's: "-answers",
// "-A-answers", "" for the worksheet, "-A" for its version A.
func (o Output) Suffix() string {
	if o.Version == "" {
		return o.Kind.Suffix()
	}
	return "-" + o.Version + o.Kind.Suffix()
}

// String returns o's name for messages: its kind's, then its version's,
// such as "answers" or "answers, version A".
func (o Output) String() string {
	if o.Version == "" {
		return o.Kind.String()
	}
	return o.Kind.String() + ", version " + o.Version
}

// valid reports whether o is an output handout writes: a kind that is one
// of Kinds and no version, or a version of one capital letter.
func (o Output) valid() bool {
	v := o.Version
	return o.Kind.valid() && (v == "" || len(v) == 1 && 'A' <= v[0] && v[0] <= 'Z')
}

// parseOutput returns the output of the kind named kind (see
// Kind.String) and the version given, as a manifest or the cache records
// it, and whether it is one handout writes (see Output.valid).
func parseOutput(kind, version string) (Output, bool) {
	k, ok := ParseKind(kind)
	out := Output{Kind: k, Version: version}
	return out, ok && out.valid()
}

// what returns o for the start of a message about one step of its
// making, after the step: "" for the worksheet, which is the file's own,
// else a space and o, as in "layout answers: …".
func (o Output) what() string {
	if o == (Output{}) {
		return ""
	}
	return " " + o.String()
}

// errName returns the words that begin a content error only o has, such
// as "answer key (--answers)" for an answer key past the most pages, or
// "version B" for a version of the worksheet that does not fit its
// fit_pages; "" for the worksheet and the summary sheet, whose errors are
// the file's own.
func (o Output) errName() string {
	if !o.Kind.valid() {
		return ""
	}
	e := kinds[o.Kind].errName
	switch {
	case o.Version == "":
		return e
	case e == "":
		return "version " + o.Version
	}
	return e + ", version " + o.Version
}

// Outputs returns every PDF a build with o may write for one content
// file: the worksheet, the summary sheet, the editions o asks for, and
// both imposed copies, since a file's own [print] table may ask for one,
// which is only known once it is read; then each of those but the
// summary sheet in each version that --versions asks for or, without it,
// that a file's [print] may ask for, A to Z.
func (o Options) Outputs() []Output {
	kinds := []Kind{Worksheet}
	if o.Answers {
		kinds = append(kinds, Answers)
	}
	if o.LargePrint {
		kinds = append(kinds, LargePrint)
	}
	kinds = append(kinds, TwoUp, Booklet)
	outs := []Output{{Kind: Worksheet}, {Kind: Summary}}
	for _, k := range kinds[1:] {
		outs = append(outs, Output{Kind: k})
	}
	n := document.MaxVersions
	if o.Print.Versions != nil {
		n = *o.Print.Versions
	}
	for v := 1; v <= n && n >= document.MinVersions; v++ {
		for _, k := range kinds {
			outs = append(outs, Output{Kind: k, Version: versionLetter(v)})
		}
	}
	return outs
}

// versionLetter returns the letter of version v of a paper, from 1: A,
// B …; "" for 0, the paper not made in versions.
func versionLetter(v int) string {
	if v < 1 {
		return ""
	}
	return document.ChoiceLetter(v - 1)
}

// versionsFlag returns the flag --versions with the value n.
func versionsFlag(n int) string { return "--versions " + strconv.Itoa(n) }
