package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"math"

	"codeberg.org/go-pdf/fpdf"

	"handout/layout"
)

// images registers with pdf every image file the pages of r show, each
// once even when shown twice or under two names, in the order of first
// use, as prepared, when it was (see Prepared). It returns the name each
// Ref is registered under.
func images(pdf *fpdf.Fpdf, r *layout.Result, prepared *Prepared) (map[string]string, error) {
	names := map[string]string{}
	byContent := map[[sha256.Size]byte]string{}
	var widths []float64 // of the images registered, in order
	for _, page := range r.Pages {
		for _, it := range page.Items {
			im, ok := it.(layout.Image)
			if !ok || names[im.Ref] != "" {
				continue
			}
			f := r.Images[im.Ref]
			sum := sha256.Sum256(f.Data)
			if name, ok := byContent[sum]; ok {
				names[im.Ref] = name
				continue
			}
			name := fmt.Sprintf("image%d", len(byContent)+1)
			var info *fpdf.ImageInfoType
			if rec := prepared.record(f); rec != nil {
				var err error
				if info, err = registerPrepared(pdf, name, rec); err != nil {
					return nil, fmt.Errorf("render: image %q: %w", im.Ref, err)
				}
			} else {
				info = pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: f.Format}, bytes.NewReader(f.Data))
				if err := pdf.Error(); err != nil || info == nil {
					return nil, fmt.Errorf("render: image %q: the PDF writer cannot embed it: %v", im.Ref, err)
				}
			}
			if err := distinctWidth(info, widths); err != nil {
				return nil, fmt.Errorf("render: image %q: %w", im.Ref, err)
			}
			widths = append(widths, info.Width())
			byContent[sum] = name
			names[im.Ref] = name
		}
	}
	return names, nil
}

// distinctWidth makes the pixel width that fpdf records for info differ
// from those of the images registered before it, by less than a pixel.
//
// fpdf writes its images in the order of their widths, starting from the
// random order of a map: two images of the same width would come out in
// either order, and the PDF would differ from one run to the next. The
// width it writes in the PDF is the whole number of pixels, so a
// fraction added to the n-th image of a width sorts it after the others,
// changing nothing else. fpdf offers no setter, but it does offer gob
// encoding of the whole record, whose fields it lists in def.go.
func distinctWidth(info *fpdf.ImageInfoType, widths []float64) error {
	w := info.Width()
	same := 0
	for _, o := range widths {
		if math.Floor(o) == math.Floor(w) {
			same++
		}
	}
	if same == 0 {
		return nil
	}
	buf, err := info.GobEncode()
	if err != nil {
		return err
	}
	var rec imageRecord
	dec := gob.NewDecoder(bytes.NewReader(buf))
	for _, f := range rec.fields() {
		if err := dec.Decode(f); err != nil {
			return fmt.Errorf("cannot read the PDF writer's image record: %w", err)
		}
	}
	if rec.W != math.Floor(w) {
		return errors.New("the PDF writer's image record is not as expected")
	}
	rec.W += float64(same) / 1024
	out, err := rec.encode()
	if err != nil {
		return err
	}
	return info.GobDecode(out)
}

// imageRecord holds the fields of fpdf.ImageInfoType in the order its
// GobEncode writes them.
type imageRecord struct {
	Data, Smask []byte
	N           int
	W, H        float64
	CS          string
	Pal         []byte
	BPC         int
	F, DP       string
	Trns        []int
	Scale, DPI  float64
}

func (r *imageRecord) fields() []any {
	return []any{&r.Data, &r.Smask, &r.N, &r.W, &r.H, &r.CS, &r.Pal, &r.BPC, &r.F, &r.DP, &r.Trns, &r.Scale, &r.DPI}
}

// encode returns r as fpdf.ImageInfoType's GobDecode reads it.
func (r *imageRecord) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	for _, f := range r.fields() {
		if err := enc.Encode(f); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}
