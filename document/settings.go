package document

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// This file reads the tables around the content, [style], [print] and
// [worksheet], and the keys other tables share with them (paper, ruling).

// style reads [style]. It comes first, as it says which font the text
// must be drawable in.
func (d *decoder) style(t *table) Style {
	s := Style{Size: 11, MarginMM: 18, RulingMM: 8}
	if i, ok := t.enum("font", fontNames); ok {
		s.Font = fontFamilies[i]
	}
	if v, ok := t.number("size", 8, 24); ok {
		s.Size = v
	}
	if v, ok := t.number("margin_mm", minMarginMM, 40); ok {
		s.MarginMM = v
	}
	if v, ok := t.number("ruling_mm", 5, 15); ok {
		s.RulingMM = v
	}
	if b, ok := t.boolean("smart_quotes"); ok {
		s.SmartQuotes, d.smart = b, b
	}
	t.finish()
	return s
}

// print reads [print], which is optional: without it every setting is off,
// and pictures are embedded at DefaultMaxPPI at most.
func (d *decoder) print(t *table) Print {
	p := Print{MaxPPI: DefaultMaxPPI}
	if v, ok := t.number("bleed_mm", 0, MaxBleedMM); ok {
		p.BleedMM = v
	}
	if b, ok := t.boolean("marks"); ok {
		p.Marks = b
	}
	if i, ok := t.enum("impose", imposeNames); ok {
		p.Impose = Impose(i + 1)
	}
	if b, ok := t.boolean("gray"); ok {
		p.Gray = b
	}
	if n, ok := t.integer("max_ppi", 0, MaxMaxPPI); ok {
		if n > 0 && n < MinMaxPPI {
			t.errorf("max_ppi", "max_ppi = %d is too few pixels to the inch: pictures would print as visible squares; use %d or more (150 for a draft, 300 for print), or 0 to keep every pixel", n, MinMaxPPI)
		} else {
			p.MaxPPI = n
		}
	}
	if n, ok := t.integer("versions", MinVersions, MaxVersions); ok {
		p.Versions, p.VersionsPos = n, t.keyPos("versions")
	}
	t.finish()
	return p
}

// worksheet reads [worksheet]; present says whether the file has one.
// Its language, lang, is read first (see document), as the defaults of
// the footer and name line come from its labels, l.
func (d *decoder) worksheet(t *table, present bool, lang string, l *Labels) Worksheet {
	w := Worksheet{NumberSections: true, MinLines: 3, NumberQuestions: true, ShowTotal: true, GapMM: DefaultGapMM,
		Language: lang, FirstPageHeader: true}
	if present {
		w.Title = t.required("title")
	}
	w.Subtitle, _ = t.text("subtitle")
	w.Paper = t.paper(0, false)
	w.Author = t.metadata("author")
	if w.Language == "" {
		w.Language = DefaultLanguage
		if present {
			t.d.hint(t.pos(), "[worksheet] has no language: the PDFs say their text is English (%q), which screen readers speak it as; give language = \"en-GB\", or the tag of the text's language", DefaultLanguage)
		}
	}
	w.Header, _ = t.running("header")
	if b, ok := t.boolean("first_page_header"); ok {
		w.FirstPageHeader = b
	}
	var ok bool
	if w.Footer, ok = t.running("footer"); !ok {
		w.Footer = Running{Center: mustTemplate(l.Page)}
	}
	w.FooterLink = t.link("footer_link")
	w.Logo, w.LogoMM = t.logo()
	w.NameLine, _ = t.nameLine("name_line", l.nameFields())
	if b, ok := t.boolean("number_sections"); ok {
		w.NumberSections = b
	}
	if n, ok := t.integer("fit_pages", 1, 99); ok {
		w.FitPages, w.FitPos = n, t.keyPos("fit_pages")
	}
	if n, ok := t.integer("min_lines", 1, 60); ok {
		w.MinLines = n
	}
	if b, ok := t.boolean("number_questions"); ok {
		w.NumberQuestions = b
	}
	if b, ok := t.boolean("show_total"); ok {
		w.ShowTotal = b
	}
	if b, ok := t.boolean("grading_table"); ok && b {
		w.GradingTable, w.GradingPos = true, t.keyPos("grading_table")
	}
	if v, ok := t.number("gap_mm", 10, 100); ok {
		w.GapMM = v
	}
	if b, ok := t.boolean("shuffle_questions"); ok {
		w.ShuffleQuestions = b
	}
	if b, ok := t.boolean("accessible"); ok && b {
		w.Accessible = true
		t.d.accessible = true
	}
	t.finish()
	return w
}

// mustTemplate parses s, a template whose placeholders are known to be
// valid, such as a label checked as it was read.
func mustTemplate(s string) Template {
	tpl, _ := parseTemplate(s)
	return tpl
}

// paper reads the paper and orientation keys, which default to
// paperNames[def] and landscape.
func (t *table) paper(def int, landscape bool) Paper {
	if i, ok := t.enum("orientation", orientationNames); ok {
		landscape = i == 1
	}
	if s, ok := t.rawString("paper"); ok {
		p, err := ParsePaper(s, landscape)
		if err == nil {
			return p
		}
		t.errorf("paper", "%s", paperMessage(s, err))
	}
	p, _ := PaperSize(paperNames[def], landscape)
	return p
}

// checkTextArea reports, at t's paper key, a paper p that leaves less than
// MinTextMM each way inside margins of marginMM. Only a custom paper can:
// A5, the smallest named paper, leaves 68 mm inside the widest margins.
func (t *table) checkTextArea(p Paper, marginMM float64) {
	w, h := p.TextArea(marginMM)
	if w >= MinTextMM-1e-9 && h >= MinTextMM-1e-9 || !t.has("paper") {
		return
	}
	t.errorf("paper", "paper %q leaves %s x %s mm inside margins of %s mm: the text needs at least %d mm each way; use a larger paper or a smaller margin_mm",
		p.Name, fmtFloat(round1(w)), fmtFloat(round1(h)), fmtFloat(marginMM), MinTextMM)
}

// paperMessage explains why ParsePaper refused the paper s.
func paperMessage(s string, err error) string {
	const sizes = `"210x297mm" or "8.5x11in"`
	switch {
	case errors.Is(err, ErrPaperFormat):
		return fmt.Sprintf("paper %q is not a paper size: write the width, \"x\", the height and mm or in, such as %s", s, sizes)
	case errors.Is(err, ErrPaperRange):
		return fmt.Sprintf("paper %q is too small or too large: each side must be from %d to %d mm (%s to %s in)",
			s, MinPaperMM, MaxPaperMM, fmtFloat(round2(MinPaperMM/25.4)), fmtFloat(round2(MaxPaperMM/25.4)))
	}
	return fmt.Sprintf("unknown paper %q: use %s, or a size such as %s", s, orList(paperNames), sizes)
}

// round2 rounds f to two decimal places.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// language reads the language key, which must look like a BCP 47 tag.
func (t *table) language() string {
	s, ok := t.rawString("language")
	s = strings.TrimSpace(s)
	if ok && s != "" && !validLanguage(s) {
		t.errorf("language", "invalid language %q: use a language tag such as \"en-GB\"", s)
		return ""
	}
	return s
}

// link reads key as an absolute http or https URL.
func (t *table) link(key string) string {
	s, ok := t.rawString(key)
	s = strings.TrimSpace(s)
	if !ok || s == "" {
		return ""
	}
	if len(s) > MaxURLBytes {
		t.errorf(key, "%s is %d characters long: a URL may have at most %d", key, len(s), MaxURLBytes)
		return ""
	}
	if !validURL(s) {
		t.errorf(key, "%s %q is not an absolute http:// or https:// URL", key, s)
		return ""
	}
	if !t.encodableURL(key, s) {
		return ""
	}
	return s
}

// ruling reads the ruling key, which defaults to Lines.
func (t *table) ruling() Ruling {
	i, _ := t.enum("ruling", rulingNames)
	return Ruling(i)
}
