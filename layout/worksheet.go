package layout

import "handout/document"

// Worksheet lays out the worksheet pages of d. (stub: replaced by the real engine)
func Worksheet(d *document.Document) (*Result, error) {
	p := d.Worksheet.Paper
	return &Result{Title: d.Worksheet.Title, Pages: []Page{{Width: p.Width, Height: p.Height}}}, nil
}

// Summary lays out the one-page summary sheet of d. (stub)
func Summary(d *document.Document) (*Result, error) {
	p := d.Summary.Paper
	return &Result{Title: d.Summary.Title, Pages: []Page{{Width: p.Width, Height: p.Height}}}, nil
}
