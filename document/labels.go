package document

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	cldr "golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"handout/internal/suggest"
)

// Labels are the words handout prints by itself, rather than the file: the
// "Notes:" before a notes prompt, the fields of the name line, the marks
// and the grading table of a question paper, the answer key's label, the
// default footer, and so on. They come from the built-in set of the
// worksheet's language (see BuiltinLabels), changed by the file's
// [labels] table, and the document's texts that default to one of them (a
// task's label, the summary's panels, the footer, the name line) are set
// from them as the file is decoded: the layout prints what it finds here.
type Labels struct {
	Notes string // before a notes block's prompt: "Notes:"; may be ""
	Task  string // a task panel's label when it gives none: "Task"
	// Name, Class and Date are the fields of name_line = true.
	Name, Class, Date string
	Marks             Plural // the unit of marks after a number: "1 mark", "4 marks"
	Total             string // before the total of the marks, "Total: 40 marks"; the grading table's last column
	Question          string // the grading table's row of question numbers
	MarksRow          string // its row of what each question is worth
	Score             string // its empty row for the scores
	AnswerKey         string // on the first page of the answer key: "Answer key"
	Answers           string // after the title in the answer key's PDF title: "(answers)"
	WordBank          string // heading a section's word bank
	Version           string // before the letter of a version of a paper made in several: "Version A"
	// Page is the default footer, a template with {page} and {pages}:
	// "Page {page} of {pages}".
	Page string
	// Causes, Course and Effects are the headings of the summary's panels
	// when it gives none.
	Causes, Course, Effects string
	// Blank is what a screen reader says for a gap in the student's copy
	// of a tagged PDF, and Correct for the tick of a right choice in the
	// answer key: "blank", "correct answer". They are not printed.
	Blank, Correct string
	// Colon is what comes between a label and what it introduces, as in
	// "Total: 40 marks": ": ", or in French a no-break space and ": ".
	Colon string
	// rule is the language whose plural rule chooses the form of Marks.
	rule language.Tag
}

// Plural is a word in each of the forms that a number may ask for: the
// plural categories of the Unicode CLDR, which each language uses some
// of. English uses One and Other ("1 mark", "2 marks"); French One for 0
// and 1 too ("0 point"); Polish One, Few and Many ("1 punkt", "2 punkty",
// "5 punktów"); Welsh all six. A form left "" is Other.
type Plural struct {
	One, Other           string
	Zero, Two, Few, Many string
}

// MarksOf returns n marks in words, in the form n asks for in the
// worksheet's language: "1 mark", "4 marks".
func (l *Labels) MarksOf(n int) string {
	return strconv.Itoa(n) + " " + l.Marks.of(l.rule, n)
}

// TotalOf returns the line of the title block that gives the total of
// the marks: "Total: 40 marks".
func (l *Labels) TotalOf(n int) string { return l.Total + l.Colon + l.MarksOf(n) }

// of returns the form of p that n asks for by the plural rule of lang.
func (p Plural) of(lang language.Tag, n int) string {
	var s string
	switch cldr.Cardinal.MatchPlural(lang, n, 0, 0, 0, 0) {
	case cldr.Zero:
		s = p.Zero
	case cldr.One:
		s = p.One
	case cldr.Two:
		s = p.Two
	case cldr.Few:
		s = p.Few
	case cldr.Many:
		s = p.Many
	}
	if s == "" {
		s = p.Other
	}
	return s
}

// labelKey is a key of [labels]: the label it sets.
type labelKey struct {
	key   string
	field func(*Labels) *string
}

// labelKeys are the keys of [labels], in the order docs/format.md lists
// them.
var labelKeys = []labelKey{
	{"notes", func(l *Labels) *string { return &l.Notes }},
	{"task", func(l *Labels) *string { return &l.Task }},
	{"name", func(l *Labels) *string { return &l.Name }},
	{"class", func(l *Labels) *string { return &l.Class }},
	{"date", func(l *Labels) *string { return &l.Date }},
	{"mark", func(l *Labels) *string { return &l.Marks.One }},
	{"marks", func(l *Labels) *string { return &l.Marks.Other }},
	{"marks_zero", func(l *Labels) *string { return &l.Marks.Zero }},
	{"marks_two", func(l *Labels) *string { return &l.Marks.Two }},
	{"marks_few", func(l *Labels) *string { return &l.Marks.Few }},
	{"marks_many", func(l *Labels) *string { return &l.Marks.Many }},
	{"total", func(l *Labels) *string { return &l.Total }},
	{"question", func(l *Labels) *string { return &l.Question }},
	{"marks_row", func(l *Labels) *string { return &l.MarksRow }},
	{"score", func(l *Labels) *string { return &l.Score }},
	{"answer_key", func(l *Labels) *string { return &l.AnswerKey }},
	{"answers", func(l *Labels) *string { return &l.Answers }},
	{"word_bank", func(l *Labels) *string { return &l.WordBank }},
	{"version", func(l *Labels) *string { return &l.Version }},
	{"page", func(l *Labels) *string { return &l.Page }},
	{"causes", func(l *Labels) *string { return &l.Causes }},
	{"course", func(l *Labels) *string { return &l.Course }},
	{"effects", func(l *Labels) *string { return &l.Effects }},
	{"blank", func(l *Labels) *string { return &l.Blank }},
	{"correct", func(l *Labels) *string { return &l.Correct }},
}

// labelNames are the keys of [labels], in order.
var labelNames = func() []string {
	names := make([]string, len(labelKeys))
	for i, k := range labelKeys {
		names[i] = k.key
	}
	return names
}()

// LabelKeys returns the keys of [labels], in the order docs/format.md
// lists them.
func LabelKeys() []string { return slices.Clone(labelNames) }

// Label returns the label that key of [labels] sets, and whether there is
// such a key.
func (l *Labels) Label(key string) (string, bool) {
	for _, k := range labelKeys {
		if k.key == key {
			return *k.field(l), true
		}
	}
	return "", false
}

// MaxLabelChars is the most characters a label may have.
const MaxLabelChars = 100

// BuiltinLabels returns the built-in labels of the language of tag, a
// language tag such as "fr-CA" or "" for none: those of its primary
// subtag, ignoring case. ok is false for a language without a built-in
// set, which gets English; so does "".
func BuiltinLabels(tag string) (l Labels, ok bool) {
	primary, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	set, ok := labelSets[strings.ToLower(primary)]
	if !ok {
		set = labelSets["en"]
	}
	l = *set
	l.rule = language.English
	if ok {
		l.rule = pluralRule(tag)
	}
	return l, ok
}

// BuiltinLanguages returns the primary subtags of the languages with
// built-in labels, sorted.
func BuiltinLanguages() []string {
	langs := make([]string, 0, len(labelSets))
	for k := range labelSets {
		langs = append(langs, k)
	}
	sort.Strings(langs)
	return langs
}

// pluralRule returns the language whose plural rule applies to text in
// the language tag: tag itself, so that pt-PT has its own rule, or
// English when golang.org/x/text does not know it.
func pluralRule(tag string) language.Tag {
	t, err := language.Parse(strings.TrimSpace(tag))
	if err != nil {
		return language.English
	}
	return t
}

// labels reads [labels], t, over the built-in labels of the worksheet's
// language lang, written at langPos. A language without a built-in set
// gets English, with a warning that names [labels] unless the file gives
// every label there.
func (d *decoder) labels(t *table, lang string, langPos Pos) Labels {
	l, builtin := BuiltinLabels(lang)
	givesMarks := false
	var missing []string
	for _, k := range labelKeys {
		if !t.has(k.key) {
			if !optionalForm(k.key) {
				missing = append(missing, k.key)
			}
			continue
		}
		s, ok := t.label(k.key)
		switch {
		case !ok:
			continue
		case s == "" && k.key != "notes":
			t.errorf(k.key, "label %q must not be empty", k.key)
			continue
		}
		if n, long := tooLong(s, MaxLabelChars); long {
			t.errorf(k.key, "label %q is %d characters long: a label may have at most %d", k.key, n, MaxLabelChars)
			continue
		}
		if k.key == "page" && !d.checkTemplate(t, k.key, keyPath(t.path, k.key), s, t.keyPos(k.key)) {
			continue
		}
		*k.field(&l) = s
		givesMarks = givesMarks || strings.HasPrefix(k.key, "mark")
	}
	if !builtin && givesMarks {
		l.rule = pluralRule(lang)
	}
	d.unknownLabels(t)
	t.finish()
	if builtin || lang == "" || len(missing) == 0 {
		return l
	}
	if len(missing) == len(labelKeys)-4 {
		d.warnf(langPos, "language %q has no built-in labels: the words handout prints by itself (Notes:, Name, Class, Date, Total, marks, …) are printed in English; give them in this language under [labels], such as notes = \"…\" (see Languages in docs/format.md)", lang)
	} else {
		d.warnf(langPos, "language %q has no built-in labels, and [labels] leaves %s printed in English: give %s too (see Languages in docs/format.md)",
			lang, count(len(missing), "label"), list(missing, "and"))
	}
	return l
}

// label returns the label key of [labels], t, normalised to one line:
// one that is printed, checked against the fonts, or one that a screen
// reader says and that is not printed (blank, correct), which needs no
// font.
func (t *table) label(key string) (string, bool) {
	if key != "blank" && key != "correct" {
		return t.line(key)
	}
	v, ok := t.checked(key, false)
	if !ok {
		return "", false
	}
	return oneLine(v.text), true
}

// optionalForm reports whether key is the form of marks of a plural
// category that some languages do not use.
func optionalForm(key string) bool {
	return key == "marks_zero" || key == "marks_two" || key == "marks_few" || key == "marks_many"
}

// unknownLabels reports each key of [labels] that is no label, with the
// list of those there are.
func (d *decoder) unknownLabels(t *table) {
	var keys []string
	for k := range t.m {
		if !slices.Contains(labelNames, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.used[k] = true
		msg := fmt.Sprintf("unknown label %q in [labels]", k)
		if s := suggest.Closest(k, labelNames); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		t.errorf(k, "%s: the labels are %s", msg, list(labelNames, "and"))
	}
}

// nameLine reads key, a name line: true for the fields def, false for
// none, or an array of 1 to MaxNameFields field names. present is false
// without the key.
func (t *table) nameLine(key string, def []string) (fields []string, present bool) {
	v, present := t.get(key)
	if !present {
		return nil, false
	}
	switch v := v.(type) {
	case bool:
		if v {
			return def, true
		}
		return nil, true
	case []any:
		return t.nameFields(key, v), true
	}
	t.typeError(key, "true, false or an array of field names", v)
	return nil, true
}

// MaxNameFields is the most fields a name line may have.
const MaxNameFields = 6

// nameFields reads the array of field names arr of key.
func (t *table) nameFields(key string, arr []any) []string {
	if len(arr) == 0 {
		t.errorf(key, "%s = [] has no fields: give their names, such as [\"Name\", \"Form\"], or write %s = false for none", key, key)
		return nil
	}
	path := keyPath(t.path, key)
	fields := make([]string, 0, len(arr))
	for i, e := range arr {
		ep := elemPath(path, i)
		at := t.elemPos(ep, key)
		if i == MaxNameFields {
			t.d.errorf(at, "too many fields: this is field %d of %d in %q, and a name line may have at most %d", i+1, len(arr), key, MaxNameFields)
			break
		}
		s, ok := e.(string)
		if !ok {
			t.d.errorf(at, "item %d of %q must be a string, not %s", i+1, key, typeName(e))
			continue
		}
		v := t.d.newValue(ep, s, func() Pos { return at }, true)
		line := oneLine(v.text)
		switch n, long := tooLong(line, MaxLabelChars); {
		case line == "":
			t.d.errorf(at, "item %d of %q is empty", i+1, key)
		case long:
			t.d.errorf(at, "item %d of %q is %d characters long: a field name may have at most %d", i+1, key, n, MaxLabelChars)
		default:
			fields = append(fields, line)
		}
	}
	return fields
}

// nameFields returns the fields of name_line = true: Name, Class, Date.
func (l *Labels) nameFields() []string { return []string{l.Name, l.Class, l.Date} }
