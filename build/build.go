// Package build is handout's pipeline: content bytes in, PDF bytes out. It
// finds the content files to build and where their PDFs go (Sources),
// decodes a content file, lays out and renders its worksheet and summary
// sheet (File), builds many files at a time (Batch) and writes PDFs
// atomically (WriteAtomic). It knows nothing about the command line.
package build

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"handout/document"
	"handout/layout"
)

// Options are a build's settings.
type Options struct {
	Time time.Time // the PDFs' creation date
	// FixedTime says that Time is fixed, by SOURCE_DATE_EPOCH (see
	// SourceTime), not the time of the build: the PDFs' bytes then depend
	// on it, and so does the Fingerprint.
	FixedTime  bool
	Version    string // handout's version, for the PDFs' Creator
	Answers    bool   // also write the answer key, NAME-answers.pdf
	LargePrint bool   // also write the large-print edition, NAME-large.pdf
	// Accessible makes an image without alt an error, not a warning, so
	// that every PDF claims to be accessible (PDF/UA), as accessible =
	// true in a file's [worksheet] does (--accessible).
	Accessible bool
	// Print are the print-shop settings given on the command line; each
	// that is set overrides the content file's [print] table.
	Print PrintFlags
}

// Fingerprint returns what of o the PDFs' bytes, and which PDFs there
// are, depend on, for the manifest: a build with another fingerprint
// than the last rebuilds every file. It is handout's version, the
// creation date when it is fixed (without SOURCE_DATE_EPOCH a PDF's date
// is whenever it was built, and any will do), and the edition, print and
// accessible flags as they are given on the command line, such as
// "handout 0.1.0 SOURCE_DATE_EPOCH=1700000000 --answers --bleed 3".
func (o Options) Fingerprint() string {
	epoch := ""
	if o.FixedTime {
		epoch = strconv.FormatInt(o.Time.Unix(), 10)
	}
	s := []string{creator(o.Version), "SOURCE_DATE_EPOCH=" + epoch}
	if o.Answers {
		s = append(s, "--answers")
	}
	if o.LargePrint {
		s = append(s, "--large-print")
	}
	if o.Accessible {
		s = append(s, "--accessible")
	}
	if p := o.Print.String(); p != "" {
		s = append(s, p)
	}
	return strings.Join(s, " ")
}

// PrintFlags are print-shop settings from the command line (--bleed,
// --marks, --impose, --gray, --versions); a nil field is not given, and
// leaves the content file's setting.
type PrintFlags struct {
	BleedMM *float64
	Marks   *bool
	Impose  *document.Impose
	Gray    *bool
	// Versions is how many versions of a question paper to make, 0 for
	// none (see document.Print.Versions).
	Versions *int
}

// Over returns the file's print settings p with those of f that are set
// in their place: the command line overrides the content file.
func (f PrintFlags) Over(p document.Print) document.Print {
	if f.BleedMM != nil {
		p.BleedMM = *f.BleedMM
	}
	if f.Marks != nil {
		p.Marks = *f.Marks
	}
	if f.Impose != nil {
		p.Impose = *f.Impose
	}
	if f.Gray != nil {
		p.Gray = *f.Gray
	}
	if f.Versions != nil {
		p.Versions = *f.Versions
	}
	return p
}

// String returns the flags that are set, as they are given on the command
// line, such as "--bleed 3 --marks=true" (see Options.Fingerprint).
func (f PrintFlags) String() string {
	var s []string
	if f.BleedMM != nil {
		s = append(s, "--bleed "+strconv.FormatFloat(*f.BleedMM, 'g', -1, 64))
	}
	if f.Marks != nil {
		s = append(s, "--marks="+strconv.FormatBool(*f.Marks))
	}
	if f.Impose != nil {
		s = append(s, "--impose "+f.Impose.String())
	}
	if f.Gray != nil {
		s = append(s, "--gray="+strconv.FormatBool(*f.Gray))
	}
	if f.Versions != nil {
		s = append(s, versionsFlag(*f.Versions))
	}
	return strings.Join(s, " ")
}

// Rendered is one PDF made from a content file, not yet written.
type Rendered struct {
	Output
	PDF   []byte
	Pages int

	asked string // the flag that asked for it, such as "--answers"; "" when the content file did (see Options.askedBy)
}

// Check decodes, validates and lays out one content file, without
// rendering it, so that it fails exactly when File would fail on the
// content. Like File, it returns document.Errors for content errors.
func Check(name string, data []byte) error {
	_, _, err := check(context.Background(), name, data, Options{})
	return err
}

// check is Check, for a build with opt, which decides the editions laid
// out and the size at which images are embedded; it also returns the
// files other than the content file that it read, as LoadImages does,
// and the content's warnings, with the hints that only check gives
// (document.Document.Hints). It gives up with ctx's error once ctx is
// done.
func check(ctx context.Context, name string, data []byte, opt Options) ([]Input, document.Errors, error) {
	return checkIn(ctx, name, ownFolder(name), data, opt)
}

// checkIn is check, with the content's images found in folder f.
func checkIn(ctx context.Context, name string, f Folder, data []byte, opt Options) ([]Input, document.Errors, error) {
	d, pics, ins, err := loadIn(ctx, name, f, data, opt)
	if err != nil {
		return ins, nil, err
	}
	warnVersions(name, d, opt)
	ps := parts(d, opt)
	rs := make([]*layout.Result, len(ps))
	errs := make([]error, len(ps))
	for i, p := range ps {
		if rs[i], errs[i] = p.layOut(name, d); errs[i] == nil {
			s := p.settings(name, d, opt)
			// Images are only decoded here, with no gray copies (see
			// decodePictures), and gray changes nothing but colours: it
			// cannot fail.
			s.Gray = false
			_, errs[i] = p.print(rs[i], s)
		}
	}
	_, err = decodePictures(ctx, pics, d, opt, rs, partErrors(ps, errs), false)
	warns := slices.Concat(d.Warnings, d.Hints)
	inFileOrder(warns)
	return ins, warns, err
}

// File builds every PDF of one content file: the worksheet when the file has
// sections, then the summary sheet when it has a [summary] table, then the
// answer key and the large-print edition of the worksheet when opt asks for
// them, then the imposed copy the print settings ask for, always in that
// order (see Kind). name is used in messages, and images are
// read relative to its folder (see LoadImages). It returns document.Errors
// for content errors, image problems included; other errors say which step
// failed. On any error it returns no outputs.
func File(name string, data []byte, opt Options) ([]Rendered, error) {
	return FileContext(context.Background(), name, data, opt)
}

// FileContext is File, giving up, with ctx's error, as soon as ctx is
// done: the decoding of an image or the rendering of a PDF then in
// progress finishes in the background, writing nothing.
func FileContext(ctx context.Context, name string, data []byte, opt Options) ([]Rendered, error) {
	outs, _, _, err := file(ctx, name, data, opt)
	return outs, err
}

// FileIn is FileContext for content that is not a file of its own, such
// as standard input: name names it in messages, and the files it names,
// its images, are found in folder f. It also returns the content's
// warnings, which fail nothing.
func FileIn(ctx context.Context, name string, f Folder, data []byte, opt Options) ([]Rendered, document.Errors, error) {
	outs, _, warns, err := fileIn(ctx, name, f, data, opt)
	return outs, warns, err
}

// file is FileContext, also returning the files other than the content
// file that it read, and the content's warnings.
func file(ctx context.Context, name string, data []byte, opt Options) ([]Rendered, []Input, document.Errors, error) {
	return fileIn(ctx, name, ownFolder(name), data, opt)
}

// fileIn is file, with the content's images found in folder f. It lays
// out every PDF of the file, then decodes its pictures once for all of
// them, at the size the largest page showing each needs, then applies
// each PDF's print settings and renders it.
func fileIn(ctx context.Context, name string, f Folder, data []byte, opt Options) ([]Rendered, []Input, document.Errors, error) {
	d, pics, ins, err := loadIn(ctx, name, f, data, opt)
	if err != nil {
		return nil, ins, nil, err
	}
	warnVersions(name, d, opt)
	ps := parts(d, opt)
	rs := make([]*layout.Result, len(ps))
	errs := make([]error, len(ps))
	// Each PDF costs tens of milliseconds of font embedding, so they are
	// made at the same time. Layout and render only read the document,
	// and the images decoded once for all of them.
	if err := together(ctx, len(ps), func(i int) { rs[i], errs[i] = ps[i].layOut(name, d) }); err != nil {
		return nil, ins, nil, err
	}
	prepared, err := decodePictures(ctx, pics, d, opt, rs, partErrors(ps, errs), true)
	if err != nil {
		return nil, ins, d.Warnings, err
	}
	outs := make([]Rendered, len(ps))
	if err := together(ctx, len(ps), func(i int) { outs[i], errs[i] = ps[i].pdf(name, rs[i], d, prepared, opt) }); err != nil {
		return nil, ins, nil, err
	}
	if err := partErrors(ps, errs); err != nil {
		return nil, ins, d.Warnings, err
	}
	return outs, ins, d.Warnings, nil
}

// together runs f(0), f(1), … f(n-1) at the same time, and waits until
// they are done, or ctx is, when it returns ctx's error at once, leaving
// them to finish in the background.
func together(ctx context.Context, n int, f func(i int)) error {
	done := make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { f(i) })
		}
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxEpoch is 9999-12-31T23:59:59Z: PDF dates have four-digit years.
const maxEpoch = 253402300799

// SourceTime returns the build time: SOURCE_DATE_EPOCH (decimal seconds
// since 1970-01-01 UTC, see reproducible-builds.org) as a UTC time when it
// is set and not empty, else now(). An invalid value is an error, not
// silently ignored, since it would make the build unreproducible.
func SourceTime(getenv func(string) string, now func() time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxEpoch || s[0] == '+' {
		return time.Time{}, fmt.Errorf("invalid SOURCE_DATE_EPOCH %q: want whole seconds since 1970-01-01 UTC, such as 1700000000", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
