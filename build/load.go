package build

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"handout/document"
	"handout/layout"
	"handout/render"
)

// load decodes a content file, reads the headers of the images it shows
// (see loadImages) and the fonts it names (see LoadFonts), returning its
// pictures, to be decoded once its pages are laid out, and the files other
// than the content file it read. With opt.Accessible, an image without alt
// is an error.
func load(ctx context.Context, name string, data []byte, opt Options) (*document.Document, pictures, []Input, error) {
	return loadIn(ctx, name, ownFolder(name), data, opt)
}

// warnVersions adds to d's warnings the one versions gives for a build
// of d with opt, if any.
func warnVersions(name string, d *document.Document, opt Options) {
	if _, w := versions(d, opt); w != nil {
		w.File = name
		d.Warnings = append(d.Warnings, w)
	}
}

// loadIn is load, with the images and fonts found in folder f.
func loadIn(ctx context.Context, name string, f Folder, data []byte, opt Options) (*document.Document, pictures, []Input, error) {
	d, err := document.DecodeWith(name, data, document.Options{Accessible: opt.Accessible})
	if err != nil {
		return nil, pictures{}, nil, err
	}
	pics, ins, err := loadImagesIn(ctx, name, f, d)
	if ctx.Err() != nil {
		return nil, pics, ins, ctx.Err()
	}
	fontIns, fontErr := loadFontsIn(name, f, d)
	ins = append(ins, fontIns...)
	if err = joinContentErrors(err, fontErr); err != nil {
		return nil, pics, ins, err
	}
	return d, pics, ins, nil
}

// decodePictures decodes the pictures of d, the content file of a build
// with opt, for the laid-out pages rs: ready for the PDF writer when embed
// is set (see pictures.decode), with their gray copies when the file is
// built in gray, else with the PNGs with transparency taken apart in the
// render.Prepared it returns. When the layout failed with layoutErr, the
// pictures are only checked, and the problems of both returned, the
// pictures' first.
func decodePictures(ctx context.Context, pics pictures, d *document.Document, opt Options, rs []*layout.Result, layoutErr error, embed bool) (*render.Prepared, error) {
	pr := opt.Print.Over(d.Print)
	cv := convert{embed: embed && layoutErr == nil, gray: pr.Gray}
	if cv.embed && !cv.gray {
		cv.prepared = render.NewPrepared()
	}
	err := pics.decode(ctx, cv, rs, pr.MaxPPI)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err := errors.Join(err, layoutErr); err != nil {
		return nil, err
	}
	return cv.prepared, nil
}

// joinContentErrors returns a and b, either of which may be nil, as one
// error: both document.Errors, in the order of their places in the file,
// when they are; else the first that is not nil.
func joinContentErrors(a, b error) error {
	var ea, eb document.Errors
	if !errors.As(a, &ea) || !errors.As(b, &eb) {
		if a != nil {
			return a
		}
		return b
	}
	es := slices.Concat(ea, eb)
	slices.SortStableFunc(es, func(x, y *document.Error) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column))
	})
	return es
}
