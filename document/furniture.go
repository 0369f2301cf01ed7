package document

import (
	"strconv"
)

// This file reads the page furniture of [worksheet]: the running header
// and footer, and the logo.

// Template is a parsed header or footer template: literal text with the
// placeholders {page}, {pages} and {title}.
type Template []TemplatePart

// TemplatePart is one piece of a template.
type TemplatePart struct {
	Text        string      // literal text, when Placeholder is None
	Placeholder Placeholder // what to substitute
}

// Placeholder is a value substituted into a template.
type Placeholder uint8

// The placeholders.
const (
	None  Placeholder = iota // literal text
	Page                     // {page}: this page's number, from 1
	Pages                    // {pages}: the number of pages in the PDF
	Title                    // {title}: the worksheet's title
)

// placeholders are the placeholders by name.
var placeholders = map[string]Placeholder{"{page}": Page, "{pages}": Pages, "{title}": Title}

// Expand returns the template's text for page n of total in a PDF whose
// title is title.
func (t Template) Expand(n, total int, title string) string {
	var b []byte
	for _, p := range t {
		switch p.Placeholder {
		case Page:
			b = strconv.AppendInt(b, int64(n), 10)
		case Pages:
			b = strconv.AppendInt(b, int64(total), 10)
		case Title:
			b = append(b, title...)
		default:
			b = append(b, p.Text...)
		}
	}
	return string(b)
}

// Running is a running header or footer: three templates, printed at the
// left, in the centre and at the right of the page. A header or footer
// written as one string is its Center alone.
type Running struct {
	Left, Center, Right Template
}

// IsZero reports whether r prints nothing.
func (r Running) IsZero() bool { return len(r.Left)+len(r.Center)+len(r.Right) == 0 }

// Parts returns r's templates, left, centre and right.
func (r Running) Parts() [3]Template { return [3]Template{r.Left, r.Center, r.Right} }

// parseTemplate parses a template. It returns the parts and the
// placeholders it does not know, such as "{date}", in order. A brace that
// does not open a {word} is literal text.
func parseTemplate(s string) (Template, []string) {
	f := Template{}
	var unknown []string
	text := ""
	for s != "" {
		n := placeholderLen(s)
		if n == 0 {
			text += s[:1]
			s = s[1:]
			continue
		}
		ph := s[:n]
		s = s[n:]
		p, ok := placeholders[ph]
		if !ok {
			unknown = append(unknown, ph)
			text += ph
			continue
		}
		if text != "" {
			f = append(f, TemplatePart{Text: text})
			text = ""
		}
		f = append(f, TemplatePart{Placeholder: p})
	}
	if text != "" {
		f = append(f, TemplatePart{Text: text})
	}
	return f, unknown
}

// placeholderLen returns the length of the {word} at the start of s, where
// a word is ASCII letters, digits and underscores, or 0 if there is none.
func placeholderLen(s string) int {
	if s[0] != '{' {
		return 0
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '}':
			if i == 1 {
				return 0
			}
			return i + 1
		case c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

// checkTemplate reports the unknown placeholders of s, the template at
// path in t written under key at def, and whether it has none.
func (d *decoder) checkTemplate(t *table, key, path, s string, def Pos) bool {
	_, unknown := parseTemplate(s)
	for _, ph := range unknown {
		d.errorf(d.find(path, ph, def), "unknown placeholder %q in %s: use {page}, {pages} or {title}", ph, key)
	}
	return len(unknown) == 0
}

// running reads key, a header or footer: a string, printed centred, or
// an array of three strings, printed at the left, in the centre and at
// the right. present is false without the key.
func (t *table) running(key string) (r Running, present bool) {
	v, present := t.get(key)
	if !present {
		return Running{}, false
	}
	switch v := v.(type) {
	case string:
		r.Center, _ = t.template(key, keyPath(t.path, key), v, t.keyPos(key), "")
	case []any:
		path := keyPath(t.path, key)
		at := make([]Pos, len(v))
		fine := true
		for i, e := range v {
			at[i] = t.elemPos(elemPath(path, i), key)
			if _, ok := e.(string); !ok {
				t.d.errorf(at[i], "item %d of %q must be a string, not %s", i+1, key, typeName(e))
				fine = false
			}
		}
		if !fine {
			return Running{}, true
		}
		if len(v) != 3 {
			t.errorf(key, "%s has %s: give one string, printed centred, or three, printed at the left, in the centre and at the right, such as [\"Year 9 History\", \"{title}\", \"{page}\"]", key, count(len(v), "part"))
			return Running{}, true
		}
		parts := [3]*Template{&r.Left, &r.Center, &r.Right}
		for i, e := range v {
			*parts[i], _ = t.template(key, elemPath(path, i), e.(string), at[i], []string{"left", "centre", "right"}[i]+" part of the ")
		}
	default:
		t.typeError(key, "a string or an array of three strings", v)
	}
	return r, true
}

// template reads s, a template written at path and pos under key, a
// part of it as what says ("left part of the "), or the whole.
func (t *table) template(key, path, s string, pos Pos, what string) (Template, bool) {
	v := t.d.newValue(path, s, func() Pos { return pos }, true)
	line := oneLine(v.text)
	if n, long := tooLong(line, MaxFooterChars); long {
		if what == "" {
			t.d.errorf(pos, "%s is %d characters long: a %s may have at most %d", key, n, key, MaxFooterChars)
		} else {
			t.d.errorf(pos, "the %s%s is %d characters long: each part may have at most %d", what, key, n, MaxFooterChars)
		}
		return nil, false
	}
	if !t.d.checkTemplate(t, key, path, line, pos) {
		return nil, false
	}
	tpl, _ := parseTemplate(line)
	return tpl, true
}

// logo reads the logo and logo_mm keys.
func (t *table) logo() (*Image, float64) {
	mm := float64(DefaultLogoMM)
	if v, ok := t.number("logo_mm", 5, 60); ok {
		mm = v
	}
	if !t.has("logo") {
		if t.has("logo_mm") {
			t.errorf("logo_mm", "logo_mm is set but there is no logo: add logo = \"images/logo.png\", or leave logo_mm out")
		}
		return nil, mm
	}
	m := &Image{PathPos: t.keyPos("logo"), Path: t.imagePath("logo"), Align: Left}
	if m.Path == "" {
		return nil, mm
	}
	return m, mm
}

// DefaultLogoMM is the height of the logo without logo_mm, in millimetres.
const DefaultLogoMM = 15
