// Package document defines a worksheet as the rest of handout sees it, and
// decodes and validates it from the TOML content format (see docs/format.md).
//
// Decode is strict: unknown keys, wrong types, values out of range and
// characters the chosen font cannot draw are all errors, and every error
// names the file, line and column.
package document

import (
	"strings"

	"handout/fonts"
)

// Document is one validated content file: an optional worksheet and an
// optional summary sheet.
type Document struct {
	Worksheet Worksheet
	Style     Style
	// Fonts is the [fonts] table, the font files the text is set in; nil
	// without one. Decode does not read the files: the build does (see
	// build.LoadFonts), then calls CheckChars.
	Fonts    *Fonts
	Sections []Section // empty when the file makes only a summary sheet
	Summary  *Summary  // nil unless the file has a [summary] table
	Print    Print     // the [print] table; without one, every setting off and MaxPPI DefaultMaxPPI
	// Images holds the image files that image blocks show, by
	// Image.Path. Decode leaves it nil, as it reads no files; the
	// build fills it in (see build.LoadImages) before layout.
	Images map[string]*ImageFile
	// Labels are the words handout prints by itself, in the worksheet's
	// language and as [labels] changes them.
	Labels Labels
	// pending, when the file names font files, is its decoder, kept for
	// CheckChars to check the printed text once the fonts are read.
	pending *decoder
	// Warnings are problems that do not stop the build, such as a form
	// feed in text, in file order. Like errors, each names its file, line
	// and column.
	Warnings Errors
	// Hints are warnings that handout check gives and handout build does
	// not: advice about a file that builds as it is, such as a worksheet
	// without a language, whose PDFs say they are in English.
	Hints Errors
}

// ImageFile is an image file, read and checked, that an image block shows.
type ImageFile struct {
	Path          string // as the blocks give it, relative to the content file's folder
	Format        string // "jpeg" or "png"
	Width, Height int    // in pixels, as shown: turned the right way up
	// Data is what the PDF embeds: the file's bytes; or, for a picture
	// turned the right way up or resampled to fewer pixels (see
	// build.LoadImages), the picture made anew, a JPEG from a JPEG and a
	// PNG from a PNG; or, for a PNG the PDF writer cannot take as it is
	// (interlaced or 16 bits a sample), the same pixels encoded again as
	// a plain 8-bit PNG. In a file built in gray, a picture made anew is
	// made in gray only, and Data is Gray.
	Data []byte
	// Gray is what the gray edition embeds, in the same Format: made by
	// build from the pixels it decodes anyway, once for every PDF of the
	// file; nil when the file is not built in gray.
	Gray []byte
}

// Worksheet holds the [worksheet] table: what is printed around the content
// and the PDF's metadata.
type Worksheet struct {
	Title    Inline
	Subtitle Inline // may be empty
	Paper    Paper
	Author   string // PDF metadata only
	// Language is the PDF's /Lang, the language of its text, such as
	// "en-GB", which chooses the Labels: DefaultLanguage when the file
	// gives none.
	Language string
	// Accessible says that the PDFs must be able to claim to be
	// accessible (PDF/UA): a picture without alt is then an error
	// (accessible = true).
	Accessible bool
	// Header is printed at the top of every page, or of every page but
	// the first when FirstPageHeader is false; the zero Running for none.
	Header          Running
	FirstPageHeader bool
	// Footer is printed at the foot of every page; the zero Running for
	// none. Its default is the labels' Page.
	Footer     Running
	FooterLink string // when set, the footer is a link to this URL
	// Logo is a picture printed at the top left of the first page, beside
	// the title, LogoMM millimetres high; nil for none.
	Logo   *Image
	LogoMM float64
	// NameLine is the fields of the name line under the title, such as
	// "Name", "Class" and "Date", each followed by a line to write on;
	// none when it is nil.
	NameLine       []string
	NumberSections bool // print "1. ", "2. " before section headings
	// FitPages, when not 0, is the number of pages the worksheet must fit
	// on: the layout takes writing lines from the boxes, then tightens the
	// spacing, then shrinks the type until it does (see docs/format.md).
	FitPages int
	FitPos   Pos // where fit_pages is written
	// MinLines is the fewest writing lines fit_pages leaves in a notes
	// box that gives no min_lines of its own; default 3.
	MinLines int
	// NumberQuestions says whether questions are numbered 1, 2, 3 …
	// through the worksheet (number_questions, default true).
	NumberQuestions bool
	// ShowTotal says whether the title block shows the total of the
	// questions' marks, when some have marks (show_total, default true).
	ShowTotal bool
	// GradingTable asks for a table of the questions and their marks,
	// with a row for the scores, under the title (grading_table).
	GradingTable bool
	GradingPos   Pos // where grading_table is written
	// ShuffleQuestions says that the versions of the paper (see
	// Print.Versions) shuffle the questions of each run of questions in
	// a section too, not only their choices (shuffle_questions).
	ShuffleQuestions bool
	// GapMM is the width of the line of a gap ([[answer]]) in
	// millimetres, 10..100, default DefaultGapMM; the layout widens every
	// gap of the worksheet alike when an answer needs more.
	GapMM float64
}

// DefaultLanguage is the language of a worksheet that gives none: English.
const DefaultLanguage = "en"

// Style holds the [style] table.
type Style struct {
	Font     fonts.Family
	Size     float64 // body size in points, 8..24
	MarginMM float64 // page margin on every side, in millimetres
	RulingMM float64 // gap between writing lines, in millimetres
	// SmartQuotes says whether straight quotes were made curly and "--"
	// and "---" dashes in the text (smart_quotes = true); the text is
	// already so.
	SmartQuotes bool
}

// Section is one [[section]]: a heading and its blocks.
type Section struct {
	Heading Inline
	Blocks  []Block
	Pos     Pos  // where the [[section]] header is
	NewPage bool // new_page = true: the section starts on a new page
	// WordBank is, for a section with word_bank = true, the words of the
	// word bank printed under its heading, in order: the answers of its
	// gaps and its distractors, each once, alphabetically (see
	// sortWords). It is nil for a section without one.
	WordBank []string
}

// Align says where something narrower than the text column sits in it.
type Align uint8

// The alignments.
const (
	Center Align = iota // centred (the default)
	Left                // against the left margin
	Right               // against the right margin
)

// String returns the alignment's name in the content format.
func (a Align) String() string {
	switch a {
	case Center:
		return "center"
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return "align"
}

// Ruling says how a writing area is ruled.
type Ruling uint8

// The rulings.
const (
	Lines  Ruling = iota // solid writing lines (the default)
	Dotted               // dotted writing lines
	Grid                 // a square grid, ruling_mm on a side
	Blank                // no lines: an empty box
)

// String returns the ruling's name in the content format.
func (r Ruling) String() string {
	switch r {
	case Lines:
		return "lines"
	case Dotted:
		return "dotted"
	case Grid:
		return "grid"
	case Blank:
		return "blank"
	}
	return "ruling"
}

// Summary holds the [summary] table: a one-page sheet of panels for students
// to fill in, written as NAME-summary.pdf.
type Summary struct {
	Title Inline
	Paper Paper // default A3 landscape
	// NameLine is the fields of the name line, as the worksheet's; by
	// default the worksheet's fields, or the labels' Name, Class and Date.
	NameLine []string
	Panels   []Panel
}

// Panel is one [[summary.panel]]. When a file gives none, the panels are
// Causes, Course and Effects.
type Panel struct {
	Heading Inline
	Prompt  Inline // optional hint under the heading
	Ruling  Ruling
}

// Print holds the [print] table: how the PDFs are prepared for a print
// shop (docs/print.md). The command line's flags override it, setting by
// setting (build.PrintFlags).
type Print struct {
	BleedMM float64 // bleed_mm: the bleed on every side, 0..20 mm; 0 for none
	Marks   bool    // marks: crop marks and a slug line outside the trim
	Impose  Impose  // impose: also write an imposed copy; NoImpose for none
	Gray    bool    // gray: every colour becomes a gray
	// MaxPPI is max_ppi: a picture that would print at more pixels to
	// the inch is embedded resampled to this many; 0 embeds every
	// pixel. Decode makes it DefaultMaxPPI when the file does not give
	// it.
	MaxPPI int
	// Versions is how many versions of the question paper to make,
	// MinVersions to MaxVersions, each with its choices, matching
	// columns and, with shuffle_questions, questions in another order;
	// 0 for none.
	Versions    int
	VersionsPos Pos // where versions is written
}

// The fewest and the most versions of a question paper: A and B, to A to Z.
const MinVersions, MaxVersions = 2, 26

// MaxBleedMM is the widest bleed, in millimetres.
const MaxBleedMM = 20

// DefaultMaxPPI is max_ppi when a file does not give it: 300 pixels to
// the inch, as much as a laser printer or a print shop's press shows.
const DefaultMaxPPI = 300

// MinMaxPPI and MaxMaxPPI are the least and the most max_ppi may be,
// but for 0: fewer than 72 pixels to the inch print as visible squares,
// and more than 1200 are more than any printer shows.
const (
	MinMaxPPI = 72
	MaxMaxPPI = 1200
)

// Impose says how pages are imposed on sheets for printing.
type Impose uint8

// The impositions.
const (
	NoImpose Impose = iota // no imposed copy (the default)
	TwoUp                  // "2up": two pages side by side on a sheet twice the size, NAME-2up.pdf
	Booklet                // "booklet": saddle-stitch order, folded sheets, NAME-booklet.pdf
)

// String returns the imposition's name in the content format, "none" for
// NoImpose.
func (i Impose) String() string {
	switch i {
	case NoImpose:
		return "none"
	case TwoUp:
		return "2up"
	case Booklet:
		return "booklet"
	}
	return "impose"
}

// ParseImpose returns the imposition called name ("none", "2up" or
// "booklet", in any case, surrounding spaces ignored); ok is false for any
// other name.
func ParseImpose(name string) (i Impose, ok bool) {
	name = strings.TrimSpace(name)
	for _, c := range []Impose{NoImpose, TwoUp, Booklet} {
		if strings.EqualFold(name, c.String()) {
			return c, true
		}
	}
	return NoImpose, false
}

// Pos is a position in a content file, counted from 1. A zero Pos is unknown.
type Pos struct {
	Line, Column int
}
