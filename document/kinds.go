package document

import (
	"math"
	"path"
	"slices"
	"strings"
)

// This file holds the kinds of block of the kind table (block.go): each
// kind's type, with its reader beside it, and what they share.
//
// Every text of a block is marked up (see Inline). A block's main text,
// the value of its kind key, is split into paragraphs at blank lines;
// within a paragraph every run of white space, line breaks included, is
// one space, and there is no leading or trailing space.

// Bullet is a bulleted paragraph: bullet = "…".
type Bullet struct {
	Paragraphs []Inline // at least one
}

// readBullet reads a bullet block.
func readBullet(d *decoder, t *table) BlockBody {
	return &Bullet{Paragraphs: t.filled("bullet")}
}

// Text is plain paragraphs: text = "…".
type Text struct {
	Paragraphs []Inline // at least one
}

// readText reads a text block.
func readText(d *decoder, t *table) BlockBody {
	return &Text{Paragraphs: t.filled("text")}
}

// Quote is a quotation with its source: quote = "…", source = "…".
type Quote struct {
	Paragraphs []Inline // at least one
	Source     Inline   // the attribution; may be empty
}

// readQuote reads a quote block.
func readQuote(d *decoder, t *table) BlockBody {
	q := &Quote{Paragraphs: t.filled("quote")}
	q.Source, _ = t.text("source")
	return q
}

// Notes is the "Notes:" label and a prompt, then a box to write in:
// notes = "…", lines, min_lines, ruling, answer.
type Notes struct {
	Prompt   []Inline // the prompt's paragraphs; none for a box without one
	Lines    int      // the number of writing lines, 1..60
	Fill     bool     // lines = "fill": the box takes the rest of its page
	MinLines int      // the fewest lines fit_pages may leave; 0: the worksheet's
	Ruling   Ruling   // how the box is ruled
	Answer   Answer   // written on the box's lines in the answer key
}

// readNotes reads a notes block.
func readNotes(d *decoder, t *table) BlockBody {
	n := &Notes{}
	n.Prompt, _ = t.paragraphs("notes")
	n.Lines, n.Fill = t.lines()
	if v, ok := t.integer("min_lines", 1, 60); ok {
		n.MinLines = v
	}
	n.Ruling = t.ruling()
	n.Answer = t.answer()
	return n
}

// Task is a panel headed by its label, with the task's text and bulleted
// items: task = "…", label, items, answer.
type Task struct {
	Label      Inline   // default the labels' Task, "Task" in English
	Paragraphs []Inline // none when the task is all items
	Items      []Inline // bulleted items inside the panel
	Answer     Answer   // written on lines under the items in the answer key
}

// readTask reads a task block.
func readTask(d *decoder, t *table) BlockBody {
	k := &Task{Label: Plain(d.words.Task)}
	paras, ok := t.paragraphs("task")
	k.Paragraphs = paras
	if t.has("label") {
		k.Label = t.required("label")
	}
	k.Items, _ = t.textList("items", MaxItems, "a task")
	if ok && len(paras) == 0 && len(k.Items) == 0 {
		t.errorf("task", "key %q must not be empty unless the task has items", "task")
	}
	k.Answer = t.answer()
	return k
}

// Image is a JPEG or PNG picture with its caption: image = "path", alt,
// caption, width_mm, align.
type Image struct {
	// Path is the image file as written, relative to the content file's
	// folder, with forward slashes; Decode has checked that it is local
	// (see filepath.IsLocal) but not that it exists.
	Path    string
	PathPos Pos // where the image key is, for errors about the file
	// Alt is the picture's alternative text, what a reader hears in its
	// place in a tagged PDF, when HasAlt; "" with HasAlt is a picture
	// that is only decoration (alt = ""). Without alt the PDF cannot
	// claim to be accessible, and Decode warns, or with accessible = true
	// fails.
	Alt     string
	HasAlt  bool
	Caption Inline  // printed under the image; may be empty
	WidthMM float64 // the image's width in millimetres; 0 for the default
	Align   Align   // where the image sits across the text column
}

// Decorative reports whether the picture is only decoration, alt = "":
// not content of a tagged PDF.
func (m *Image) Decorative() bool { return m.HasAlt && m.Alt == "" }

// readImage reads an image block.
func readImage(d *decoder, t *table) BlockBody {
	m := &Image{PathPos: t.keyPos("image"), Path: t.imagePath("image")}
	if t.has("alt") {
		if v, ok := t.checked("alt", false); ok {
			m.Alt, m.HasAlt = oneLine(v.text), true
		}
	} else {
		d.noAlt(m)
	}
	m.Caption, _ = t.text("caption")
	if v, ok := t.number("width_mm", 10, maxWidthMM()); ok {
		if v > d.textMM+1e-9 {
			t.errorf("width_mm", "width_mm = %s is wider than the text column (%s mm between the margins): use at most %s, or leave width_mm out",
				fmtFloat(v), fmtFloat(math.Floor(d.textMM*10)/10), fmtFloat(math.Floor(d.textMM)))
		} else {
			m.WidthMM = v
		}
	}
	m.Align = t.align()
	return m
}

// ImageBlocks returns the image blocks of d, in file order.
func (d *Document) ImageBlocks() []*Image {
	var ms []*Image
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if m, ok := b.Body.(*Image); ok {
				ms = append(ms, m)
			}
		}
	}
	return ms
}

// Pictures returns every picture d shows: its logo, when it has one, then
// its image blocks, in file order.
func (d *Document) Pictures() []*Image {
	ms := d.ImageBlocks()
	if d.Worksheet.Logo != nil {
		ms = append([]*Image{d.Worksheet.Logo}, ms...)
	}
	return ms
}

// Answer is the model answer of a block, printed only in the answer key.
// The zero Answer is none.
type Answer struct {
	Paragraphs []Inline // split like a block's main text
	Pos        Pos      // where the answer key is written
}

// KindKey implements BlockBody.
func (*Bullet) KindKey() string { return "bullet" }

// KindKey implements BlockBody.
func (*Text) KindKey() string { return "text" }

// KindKey implements BlockBody.
func (*Quote) KindKey() string { return "quote" }

// KindKey implements BlockBody.
func (*Notes) KindKey() string { return "notes" }

// KindKey implements BlockBody.
func (*Task) KindKey() string { return "task" }

// KindKey implements BlockBody.
func (*Image) KindKey() string { return "image" }

// Texts implements BlockBody.
func (b *Bullet) Texts(bool) []Inline { return b.Paragraphs }

// Texts implements BlockBody.
func (b *Text) Texts(bool) []Inline { return b.Paragraphs }

// Texts implements BlockBody.
func (q *Quote) Texts(bool) []Inline { return append(slices.Clone(q.Paragraphs), q.Source) }

// Texts implements BlockBody.
func (n *Notes) Texts(answers bool) []Inline { return n.Answer.with(n.Prompt, answers) }

// Texts implements BlockBody.
func (k *Task) Texts(answers bool) []Inline {
	texts := append(append([]Inline{k.Label}, k.Paragraphs...), k.Items...)
	return k.Answer.with(texts, answers)
}

// Texts implements BlockBody.
func (m *Image) Texts(bool) []Inline { return []Inline{m.Caption} }

// with returns texts, followed, when answers is true, by the answer's
// paragraphs.
func (a Answer) with(texts []Inline, answers bool) []Inline {
	if !answers {
		return texts
	}
	return append(slices.Clone(texts), a.Paragraphs...)
}

func (*Bullet) blockBody() {}
func (*Text) blockBody()   {}
func (*Quote) blockBody()  {}
func (*Notes) blockBody()  {}
func (*Task) blockBody()   {}
func (*Image) blockBody()  {}

// filled returns the paragraphs of key, a kind key whose text must not be
// empty.
func (t *table) filled(key string) []Inline {
	paras, ok := t.paragraphs(key)
	if ok && len(paras) == 0 {
		t.errorf(key, "key %q must not be empty", key)
	}
	return paras
}

// lines reads a notes block's lines key: 1 to 60 writing lines (default
// 6), or "fill" for a box that takes the rest of its page.
func (t *table) lines() (n int, fill bool) {
	v, ok := t.get("lines")
	if !ok {
		return 6, false
	}
	if s, isString := v.(string); isString {
		if strings.EqualFold(strings.TrimSpace(s), "fill") {
			return 6, true
		}
		t.errorf("lines", "lines = %q: use a number of writing lines, 1 to 60, or \"fill\"", s)
		return 6, false
	}
	if n, ok := t.integer("lines", 1, 60); ok {
		return n, false
	}
	return 6, false
}

// answer reads the answer key of a block: its paragraphs, none when it is
// missing or blank, and where it is written.
func (t *table) answer() Answer {
	paras, ok := t.paragraphs("answer")
	if !ok {
		return Answer{}
	}
	return Answer{Paragraphs: paras, Pos: t.keyPos("answer")}
}

// minMarginMM is the narrowest margin_mm.
const minMarginMM = 10

// maxWidthMM returns the widest an image may be on any page: the text
// column of the largest paper, a custom one MaxPaperMM wide, with the
// narrowest margins (980 mm). A width up to it may still be wider than
// the text column of the file's own paper, which readImage reports on
// its own.
func maxWidthMM() float64 {
	widest := float64(MaxPaperMM)
	for _, p := range papers {
		widest = max(widest, p.w, p.h)
	}
	return widest - 2*minMarginMM
}

// imagePath reads key as the path of an image file: relative to the
// content file's folder, written with forward slashes, and not leading out
// of that folder. It returns the path cleaned, or "" after an error.
func (t *table) imagePath(key string) string {
	if t.windowsImage(key) {
		return ""
	}
	v, ok := t.checked(key, false)
	if !ok {
		return ""
	}
	s := v.raw // a path is not cleaned: a file's name is as it is
	if why := localPath(s, imagePaths); why != "" {
		t.errorf(key, "image %q %s", s, why)
		return ""
	}
	return path.Clean(s)
}

// driveLetter reports whether s starts with a Windows drive, such as "C:".
func driveLetter(s string) bool {
	return len(s) >= 2 && s[1] == ':' && ('a' <= s[0]|0x20 && s[0]|0x20 <= 'z')
}

// align reads the align key, which defaults to Center; "centre" is
// accepted too.
func (t *table) align() Align {
	if s, ok := t.m["align"].(string); ok && strings.EqualFold(strings.TrimSpace(s), "centre") {
		t.used["align"] = true
		return Center
	}
	i, _ := t.enum("align", alignNames)
	return Align(i)
}
