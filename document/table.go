package document

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"handout/internal/suggest"
)

// table reads one TOML table of a content file: it checks the type of each
// key it is asked for, remembers which keys were read, and in finish
// reports the keys nobody asked for.
type table struct {
	d       *decoder
	path    string // the table's path in the index, "" for the top level
	name    string // the table as messages name it, such as "[worksheet]"
	m       map[string]any
	allowed []string // every key the table may have, for suggestions
	used    map[string]bool
}

// newTable returns a reader for m, the table at path.
func (d *decoder) newTable(path, name string, m map[string]any, allowed []string) *table {
	if m == nil {
		m = map[string]any{}
	}
	return &table{d: d, path: path, name: name, m: m, allowed: allowed, used: map[string]bool{}}
}

// pos returns where the table starts: its header, or the key that made it.
func (t *table) pos() Pos {
	if p, ok := t.d.ix.pos[t.path]; ok {
		return p
	}
	return Pos{1, 1}
}

// keyPos returns where key is written in the table.
func (t *table) keyPos(key string) Pos {
	if p, ok := t.d.ix.pos[keyPath(t.path, key)]; ok {
		return p
	}
	return t.pos()
}

// elemPos returns where the array element at path ep, of key, is written.
func (t *table) elemPos(ep, key string) Pos {
	if p, ok := t.d.ix.pos[ep]; ok {
		return p
	}
	return t.keyPos(key)
}

// has reports whether the table has key.
func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// get returns key's value and marks it read.
func (t *table) get(key string) (any, bool) {
	v, ok := t.m[key]
	if ok {
		t.used[key] = true
	}
	return v, ok
}

// errorf reports a problem with key, at the key.
func (t *table) errorf(key, format string, args ...any) {
	t.d.errorf(t.keyPos(key), format, args...)
}

// typeError reports that key's value v is not of the type want.
func (t *table) typeError(key, want string, v any) {
	t.errorf(key, "key %q must be %s, not %s", key, want, typeName(v))
}

// rawString returns key's string value as written, without normalising it.
// ok is false if the key is missing or not a string.
func (t *table) rawString(key string) (s string, ok bool) {
	v, present := t.get(key)
	if !present {
		return "", false
	}
	s, ok = v.(string)
	if !ok {
		t.typeError(key, "a string", v)
		return "", false
	}
	if n, long := tooLong(s, MaxTextChars); long {
		t.errorf(key, "%s", textLimitMessage(fmt.Sprintf("key %q", key), n))
		return "", false
	}
	return s, true
}

// textLimitMessage says that what is n characters long, more than
// MaxTextChars.
func textLimitMessage(what string, n int) string {
	return fmt.Sprintf("%s is %d characters long: a text may have at most %d characters; split it into several blocks", what, n, MaxTextChars)
}

// value is a string value of the file: as TOML decoded it and as
// cleaned for printing (see clean).
type value struct {
	path string     // its path in the index
	raw  string     // as TOML decoded it
	text string     // raw cleaned
	offs []int      // for each byte of text, its offset in raw; nil when text is raw
	def  func() Pos // where to report what cannot be found in the source
	// noGaps, when set, says what the value is, such as "a heading",
	// in which gaps ([[answer]]) are errors (see gapFree).
	noGaps string
}

// rawOffset returns the offset in v.raw of what wrote byte i of v.text.
func (v *value) rawOffset(i int) int {
	if v.offs == nil {
		return i
	}
	if i >= len(v.offs) {
		return len(v.raw)
	}
	return v.offs[i]
}

// newValue cleans s, the value at path, and reports the characters that
// may not be in it; printed says whether the font must be able to draw
// them.
func (d *decoder) newValue(path, s string, def func() Pos, printed bool) *value {
	v := &value{path: path, raw: s, def: def}
	v.text, v.offs = clean(s, d.ideographic)
	d.checkText(v, printed)
	if printed {
		d.noteFormFeed(v)
	}
	return v
}

// checked returns key's string value, cleaned, after reporting the
// characters that may not be in it; printed says whether the font must be
// able to draw them.
func (t *table) checked(key string, printed bool) (*value, bool) {
	s, ok := t.rawString(key)
	if !ok {
		return nil, false
	}
	v := t.d.newValue(keyPath(t.path, key), s, func() Pos { return t.keyPos(key) }, printed)
	v.noGaps = gapFree[key]
	return v, true
}

// line returns key's printed text, normalised to one line, with no markup
// (the footer, which is a template of its own).
func (t *table) line(key string) (string, bool) {
	v, ok := t.checked(key, true)
	if !ok {
		return "", false
	}
	return oneLine(v.text), true
}

// text returns key's printed text, normalised to one line, with its markup
// parsed.
func (t *table) text(key string) (Inline, bool) {
	v, ok := t.checked(key, true)
	if !ok {
		return nil, false
	}
	return t.d.inline(v, oneLine(v.text), 0, false), true
}

// paragraphs returns key's printed text split into paragraphs, with
// their markup parsed.
func (t *table) paragraphs(key string) ([]Inline, bool) {
	v, ok := t.checked(key, true)
	if !ok {
		return nil, false
	}
	paras := splitParagraphs(v.text)
	if len(paras) == 0 {
		return nil, true
	}
	out := make([]Inline, 0, len(paras))
	for i, p := range paras {
		out = append(out, t.d.inline(v, p, i, true))
	}
	return out, true
}

// required returns key's printed text, reporting a missing or empty value.
func (t *table) required(key string) Inline {
	if !t.has(key) {
		t.d.errorf(t.pos(), "%s has no %s: add %s = \"...\"", t.name, key, key)
		return nil
	}
	s, ok := t.text(key)
	if ok && len(s) == 0 {
		t.errorf(key, "key %q must not be empty", key)
	}
	return s
}

// integer returns key's integer value, which must be in lo..hi.
func (t *table) integer(key string, lo, hi int) (int, bool) {
	v, present := t.get(key)
	if !present {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.typeError(key, "an integer", v)
		return 0, false
	}
	if n < int64(lo) || n > int64(hi) {
		t.errorf(key, "%s = %d is out of range %d..%d", key, n, lo, hi)
		return 0, false
	}
	return int(n), true
}

// number returns key's value, an integer or a float, which must be in
// lo..hi.
func (t *table) number(key string, lo, hi float64) (float64, bool) {
	v, present := t.get(key)
	if !present {
		return 0, false
	}
	f, ok := asNumber(v)
	if !ok {
		t.typeError(key, "a number", v)
		return 0, false
	}
	if !(f >= lo && f <= hi) {
		t.errorf(key, "%s = %s is out of range %s..%s", key, fmtFloat(f), fmtFloat(lo), fmtFloat(hi))
		return 0, false
	}
	return f, true
}

// asNumber returns v, an integer or a float, as a float.
func asNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// fmtFloat formats f as briefly as possible.
func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// boolean returns key's boolean value.
func (t *table) boolean(key string) (bool, bool) {
	v, present := t.get(key)
	if !present {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		t.typeError(key, "a boolean", v)
	}
	return b, ok
}

// enum returns the index in names of key's value, matched ignoring case.
func (t *table) enum(key string, names []string) (int, bool) {
	s, ok := t.rawString(key)
	if !ok {
		return 0, false
	}
	for i, n := range names {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return i, true
		}
	}
	t.errorf(key, "unknown %s %q: use %s", key, s, orList(names))
	return 0, false
}

// orList returns names as "a, b or c".
func orList(names []string) string { return list(names, "or") }

// list returns names as "a, b conj c".
func list(names []string, conj string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

// finish reports every key that was not read.
func (t *table) finish() {
	var keys []string
	for k := range t.m {
		if !t.used[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	where := "in " + t.name
	if t.name == "" {
		where = "at the top level"
	}
	for _, k := range keys {
		msg := fmt.Sprintf("unknown key %q %s", k, where)
		if s := suggest.Closest(k, t.allowed); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		t.errorf(k, "%s", msg)
	}
}

// typeName names the TOML type of v, with an article: "a string".
func typeName(v any) string {
	switch a := v.(type) {
	case []map[string]any:
		return "an array of tables"
	case []any:
		if len(a) == 0 {
			return "an array"
		}
		first := plural(a[0])
		for _, e := range a[1:] {
			if plural(e) != first {
				return "an array"
			}
		}
		return "an array of " + first
	}
	return singular(v)
}

// singular names the type of a TOML value with an article.
func singular(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return "a value"
}

// plural names the type of a TOML value in the plural.
func plural(v any) string {
	s := singular(v)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "an "), "a ")
	return s + "s"
}
