package document

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// These tests keep schema/handout.schema.json in step with the decoder.
// They take the keys from the decoder's tables (topKeys, worksheetKeys, …)
// and try each key in a small file with values of every type, blank text,
// a value far out of range and an unknown value, reading its type, range
// and enumeration from what the decoder accepts and says, then check that
// the schema has the same and accepts and rejects the same values.
//
// To add a key: add it to the decoder's table and to the table's
// "properties" in the schema, with a description, its "type", and as
// needed "minimum" and "maximum", "default", and for an enumeration
// "anyOf": [{"enum": [...]}, {"pattern": ...}] (a failure prints the
// pattern). A key of a block kind also goes in that kind's "propertyNames"
// in the block's "oneOf" (every kind that owns it in the kind table, or
// every kind for a common key), and a sample value in ownedSamples. A key that takes several types, such as an
// integer or "fill", lists them all in its "type" (["integer", "string"]),
// which the test reads, and restricts them in "anyOf" or "oneOf". An
// enumeration that accepts a value its decoder's message does not list
// (align's "centre") has it in enumAliases, and a second pattern for it.
// One that also accepts values of a form (paper's "210x297mm"), which its
// message gives after its names and ", or ", has the pattern of the form
// in enumForms, and last in "anyOf".
// A new table goes in schemaTables.

// schemaPath is the JSON Schema of the content format, which editors use
// (docs/format.md, "Editor support").
const schemaPath = "../schema/handout.schema.json"

// schemaTable is one table of the content format: the decoder's keys for
// it, where the schema describes it, and a way to write a file that tries
// one of its keys.
type schemaTable struct {
	name string   // as the decoder's messages name it
	keys []string // the decoder's table of keys
	at   []string // the path of its object schema in the schema
	// file returns a valid file without key, in which line (such as
	// `key = 1`, or "") sets key in this table. Where line is appended,
	// positions before it do not move.
	file func(key, line string) string
}

const (
	wsTable      = "[worksheet]\ntitle = \"T\"\n"
	sectionTable = "[[section]]\nheading = \"H\"\n"
)

// without returns lines, each ending in "\n", but for the one setting key.
func without(key string, lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		if !strings.HasPrefix(l, key+" =") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// kindOf returns the first kind of block that may have key, which is a
// kind key, a key that a kind owns or a key common to every kind.
func kindOf(key string) string {
	for _, k := range kinds {
		if slices.Contains(k.Owns, key) || slices.Contains(commonKeys, key) {
			return k.Key
		}
	}
	return key
}

// accepts reports whether a block of kind k may have key, a key other
// than a kind key.
func (k Kind) accepts(key string) bool {
	return slices.Contains(k.Owns, key) || slices.Contains(commonKeys, key)
}

// kindLines are the lines of a small valid block of kind, to which a test
// adds a key: its kind key, for a table a header (a table needs one, or
// rows or blank rows), for a match block its pairs.
func kindLines(kind string) []string {
	lines := []string{kind + ` = "x"`}
	switch kind {
	case "table":
		lines = append(lines, `header = ["x"]`)
	case "match":
		lines = append(lines, `pairs = [["a", "b"], ["c", "d"]]`)
	}
	return lines
}

// ownedKeys returns the keys of blocks other than the kind keys.
func ownedKeys() []string {
	return slices.DeleteFunc(slices.Clone(blockKeys), func(key string) bool { return kindByKey(key) != nil })
}

// widestPage is a [worksheet] and [style] with the widest text column, so
// that any width_mm the decoder's range allows fits.
const widestPage = "[worksheet]\ntitle = \"T\"\npaper = \"1000x1000mm\"\n[style]\nmargin_mm = 10\n"

// schemaTables are the tables of the content format. A new table goes
// here; a new key of a table needs nothing here.
var schemaTables = []schemaTable{
	{"the top level", topKeys, nil, func(key, line string) string {
		parts := map[string]string{"worksheet": wsTable, "section": sectionTable}
		delete(parts, key) // a top-level key is set before every table
		return line + "\n" + parts["worksheet"] + parts["section"]
	}},
	{"[worksheet]", worksheetKeys, []string{"worksheet"}, func(key, line string) string {
		// A question with marks, for grading_table; a logo, for logo_mm.
		logo := ""
		if key == "logo_mm" {
			logo = "logo = \"logo.png\"\n"
		}
		return sectionTable + "[[section.block]]\nquestion = \"Q\"\nmarks = 1\n[worksheet]\n" + without(key, `title = "T"`) + logo + line
	}},
	{"[style]", styleKeys, []string{"style"}, func(key, line string) string {
		return wsTable + sectionTable + "[style]\n" + line
	}},
	{"[fonts]", fontsKeys, []string{"fonts"}, func(key, line string) string {
		if key == "regular" || key == "fallback" {
			return wsTable + sectionTable + "[fonts]\n" + line
		}
		return wsTable + sectionTable + "[fonts]\nregular = \"r.ttf\"\n" + line
	}},
	{"[[section]]", sectionKeys, []string{"section", "[]"}, func(key, line string) string {
		if key == "word_bank" || key == "distractors" {
			// A word bank needs a gap in the section, and distractors a word bank.
			return wsTable + "[[section]]\n" + without(key, `heading = "H"`, `block = [{text = "[[a]]"}]`, "word_bank = true") + line
		}
		return wsTable + "[[section]]\n" + without(key, `heading = "H"`) + line
	}},
	{"[[section.block]]", blockKeys, []string{"section", "[]", "block", "[]"}, func(key, line string) string {
		kind, page := kindOf(key), wsTable
		if kind == "image" {
			page = widestPage
		}
		return page + sectionTable + "[[section.block]]\n" + without(key, kindLines(kind)...) + companionLines(key) + line
	}},
	{"[summary]", summaryKeys, []string{"summary"}, func(key, line string) string {
		return wsTable + "[summary]\n" + line
	}},
	{"[labels]", labelNames, []string{"labels"}, func(key, line string) string {
		return wsTable + sectionTable + "[labels]\n" + line
	}},
	{"[print]", printKeys, []string{"print"}, func(key, line string) string {
		return wsTable + sectionTable + "[print]\n" + line
	}},
	{"[[summary.panel]]", panelKeys, []string{"summary", "panel", "[]"}, func(key, line string) string {
		return wsTable + "[summary]\n[[summary.panel]]\n" + without(key, `heading = "H"`) + line
	}},
}

// companions are the lines a block needs beside a key for the decoder to
// accept it: choices need correct and the other way round, and columns
// need choices.
var companions = map[string][]string{
	"choices": {"correct = 1"},
	"correct": {`choices = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]`},
	"columns": {`choices = ["a", "b"]`, "correct = 1"},
}

// companionLines returns the companions of keys, each a line, but for
// those that set one of keys themselves.
func companionLines(keys ...string) string {
	var b strings.Builder
	for i, k := range keys {
		if slices.Contains(keys[:i], k) {
			continue
		}
		for _, l := range companions[k] {
			set, _, _ := strings.Cut(l, " =")
			if !slices.Contains(keys, set) {
				b.WriteString(l + "\n")
			}
		}
	}
	return b.String()
}

// loadSchema returns the schema, compiled and as JSON.
func loadSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	sch, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return sch, raw
}

// objectAt returns the object schema at path: each element is a property
// name, or "[]" for an array's items.
func objectAt(raw map[string]any, path []string) (map[string]any, error) {
	s := raw
	for _, p := range path {
		next := s["items"]
		if p != "[]" {
			props, _ := s["properties"].(map[string]any)
			next = props[p]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("schema has no %s", strings.Join(path, "."))
		}
		s = m
	}
	return s, nil
}

// toJSON turns a value decoded from TOML into the JSON value an editor
// validates: integers stay integers, date-times become strings.
func toJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = toJSON(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = toJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = toJSON(e)
		}
		return out
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return v
}

// schemaCheck validates a content file against the schema. It returns nil
// for a valid file; a TOML syntax error is a test failure.
func schemaCheck(t *testing.T, sch *jsonschema.Schema, src string) error {
	t.Helper()
	var v any
	if _, err := toml.Decode(src, &v); err != nil {
		t.Fatalf("TOML does not parse: %v\n%s", err, src)
	}
	return sch.Validate(toJSON(v))
}

// decodeCheck decodes a content file, returning nil if it is valid.
func decodeCheck(src string) error {
	_, err := Decode("x.toml", []byte(src))
	return err
}

// verdict says whether an error means a file is accepted.
func verdict(err error) string {
	if err == nil {
		return "accepts"
	}
	return "rejects"
}

// brief is the first line of an error, for a failure message.
func brief(err error) string {
	if err == nil {
		return ""
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	if v, ok := err.(*jsonschema.ValidationError); ok {
		s = strings.ReplaceAll(strings.TrimSpace(fmt.Sprintf("%v", v)), "\n", " | ")
	}
	return " (" + s + ")"
}

// agree reports whether the decoder and the schema agree on src, and a
// message saying how they disagree.
func agree(t *testing.T, sch *jsonschema.Schema, src string) (bool, string) {
	t.Helper()
	d, s := decodeCheck(src), schemaCheck(t, sch, src)
	if (d == nil) == (s == nil) {
		return true, ""
	}
	return false, fmt.Sprintf("the decoder %s it%s but the schema %s it%s",
		verdict(d), brief(d), verdict(s), brief(s))
}

// typeSamples are a value of each TOML type but date-times (which JSON
// has not), with the JSON type an editor sees.
var typeSamples = []struct{ toml, json string }{
	{`"x"`, "string"},
	{`9`, "integer"},
	{`9.5`, "number"},
	{`true`, "boolean"},
	{`["x"]`, "array of string"},
	{`[9]`, "array of integer"},
	{`[{}]`, "array of object"},
	{`{}`, "object"},
}

// TestSchemaKeys checks that every table has the same keys in the decoder
// and in the schema, and that the schema forbids any other.
func TestSchemaKeys(t *testing.T) {
	_, raw := loadSchema(t)
	for _, tb := range schemaTables {
		obj, err := objectAt(raw, tb.at)
		if err != nil {
			t.Errorf("%s: %v", tb.name, err)
			continue
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: the schema must say \"additionalProperties\": false (the decoder is strict)", tb.name)
		}
		props, _ := obj["properties"].(map[string]any)
		for _, k := range tb.keys {
			if _, ok := props[k]; !ok {
				t.Errorf("%s: key %q is in the decoder but not in the schema", tb.name, k)
			}
		}
		for k, p := range props {
			if !slices.Contains(tb.keys, k) {
				t.Errorf("%s: key %q is in the schema but not in the decoder", tb.name, k)
			}
			if d, _ := p.(map[string]any)["description"].(string); d == "" {
				t.Errorf("%s: key %q has no description in the schema", tb.name, k)
			}
		}
	}
}

// TestSchemaAgrees tries each key of each table with values of every type,
// blank text, the values of its enumeration and the ends of its range,
// and checks that the decoder and the schema accept and reject the same
// ones, and that the schema's types, enumerations, ranges and defaults are
// the decoder's.
func TestSchemaAgrees(t *testing.T) {
	sch, raw := loadSchema(t)
	for _, tb := range schemaTables {
		obj, err := objectAt(raw, tb.at)
		if err != nil {
			t.Fatalf("%s: %v", tb.name, err)
		}
		props, _ := obj["properties"].(map[string]any)
		for _, key := range tb.keys {
			prop, _ := props[key].(map[string]any)
			if prop == nil {
				continue // TestSchemaKeys reports it
			}
			k := keyProbe{t: t, sch: sch, tb: tb, key: key, prop: prop}
			k.types()
			k.enum()
			k.limits()
			k.blank()
			k.defaults()
			if v, ok := ownedSamples[key]; ok && tb.name == "[[section.block]]" {
				k.try(v) // a valid value, which the samples of every type may not hold
			}
			if k.accepted == 0 && !schemaTakes(prop, "object") && !schemaTakes(prop, "array of object") {
				t.Errorf("%s %s: the decoder accepted no value tried: fix the table's file in schemaTables\n%s",
					tb.name, key, k.file(`"x"`))
			}
		}
	}
}

// keyProbe compares the decoder and the schema on one key.
type keyProbe struct {
	t    *testing.T
	sch  *jsonschema.Schema
	tb   schemaTable
	key  string
	prop map[string]any // the key's schema
	// accepted counts the values the decoder accepted: when it is 0 the
	// test's file for the table is wrong, and proves nothing.
	accepted int
}

// file returns the table's file with key set to value.
func (k *keyProbe) file(value string) string {
	return k.tb.file(k.key, k.key+" = "+value+"\n")
}

// decoderSays returns the decoder's message about key = value, or "".
func (k *keyProbe) decoderSays(value string) string {
	err := decodeCheck(k.file(value))
	if err == nil {
		return ""
	}
	return err.Error()
}

// try checks that the decoder and the schema agree on key = value.
func (k *keyProbe) try(value string) {
	k.t.Helper()
	if decodeCheck(k.file(value)) == nil {
		k.accepted++
	}
	if ok, msg := agree(k.t, k.sch, k.file(value)); !ok {
		k.t.Errorf("%s %s = %s: %s", k.tb.name, k.key, value, msg)
	}
}

// types checks that the key takes values of the same types.
func (k *keyProbe) types() {
	k.t.Helper()
	typeErr := regexp.MustCompile(`(key|item 1 of) "` + regexp.QuoteMeta(k.key) + `" must be `)
	for _, s := range typeSamples {
		decoder := !typeErr.MatchString(k.decoderSays(s.toml))
		if schema := schemaTakes(k.prop, s.json); decoder != schema {
			k.t.Errorf("%s %s: the decoder takes %s %s: %v, the schema: %v (its type: %v, items: %v)",
				k.tb.name, k.key, article(s.json), s.json, decoder, schema, k.prop["type"], k.prop["items"])
		}
		k.try(s.toml)
	}
}

// article returns "a" or "an" for word.
func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// schemaTakes reports whether a property's schema takes a value of the
// JSON type typ ("array of string" for an array whose items are strings).
func schemaTakes(prop map[string]any, typ string) bool {
	var types []string
	switch v := prop["type"].(type) {
	case string:
		types = []string{v}
	case []any:
		for _, e := range v {
			s, _ := e.(string)
			types = append(types, s)
		}
	}
	base, item, isArray := strings.Cut(typ, " of ")
	switch {
	case isArray:
		items, _ := prop["items"].(map[string]any)
		return slices.Contains(types, "array") && (items == nil || schemaTakes(items, item))
	case base == "integer":
		return slices.Contains(types, "integer") || slices.Contains(types, "number")
	}
	return slices.Contains(types, base)
}

// enumValues returns the values of an enumerated key as the decoder's
// message for an unknown value lists them, or nil.
func (k *keyProbe) enumValues() []string {
	msg := k.decoderSays(`"zzz"`)
	m := regexp.MustCompile(`unknown ` + regexp.QuoteMeta(k.key) + ` "zzz": use (.*)`).FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	// A key that also takes values of a form (enumForms) says so after
	// its names: "use A4, A5 or A3, or a size such as …".
	names, _, _ := strings.Cut(m[1], ", or ")
	return regexp.MustCompile(`, | or `).Split(names, -1)
}

// enumForm is a form of value that an enumerated key accepts besides its
// names, such as paper's custom sizes: the schema has a pattern for it,
// after those of the names and aliases. The pattern checks only the form:
// the decoder may still refuse a value of that form, such as a paper too
// small, so the samples tried are all of the right range, or of a wrong
// form.
type enumForm struct {
	pattern string   // the schema's pattern, less the surrounding spaces
	samples []string // values to try, each a TOML string
}

// enumForms are the forms of value of the enumerated keys that have one.
var enumForms = map[string]enumForm{
	"paper": {
		pattern: `[0-9]+(?:\.[0-9]+)?[ \t]*[Xx][ \t]*[0-9]+(?:\.[0-9]+)?[ \t]*(?:[Mm][Mm]|[Ii][Nn])`,
		samples: []string{`"210x297mm"`, `"297x210mm"`, `"8.5x11in"`, `" 210 X 297 MM\t"`, `"80x1000mm"`, `"100.5x150.25mm"`,
			`"210 x"`, `"210x297"`, `"210x297cm"`, `"210x297mmx"`, `"x297mm"`, `"1.x2mm"`, `"210 by 297mm"`, `"210x297 m m"`},
	},
}

// formPattern returns the whole pattern of a form, as the schema has it:
// the form, with any white space around it.
func formPattern(f enumForm) string {
	sp := spaceClass()
	return "^" + sp + "*" + f.pattern + sp + "*$"
}

// enumAliases are the values an enumerated key accepts besides those
// its decoder's message lists: the schema has a pattern of its own for
// them, after the pattern of the listed values.
var enumAliases = map[string][]string{
	"align": {"centre"},
}

// enum checks that an enumerated key has the same values, and that the
// schema, like the decoder, matches them ignoring case and surrounding
// white space.
func (k *keyProbe) enum() {
	k.t.Helper()
	names := k.enumValues()
	var enum []any
	var patterns []string
	anyOf, _ := k.prop["anyOf"].([]any)
	for _, b := range anyOf {
		b, _ := b.(map[string]any)
		if e, ok := b["enum"].([]any); ok {
			enum = e
		}
		if p, ok := b["pattern"].(string); ok {
			patterns = append(patterns, p)
		}
	}
	aliases := enumAliases[k.key]
	if names == nil {
		if enum != nil || k.prop["enum"] != nil {
			k.t.Errorf("%s %s: the schema has an enum but the decoder has none", k.tb.name, k.key)
		}
		return
	}
	want := make([]any, len(names))
	for i, n := range names {
		want[i] = n
	}
	if !reflect.DeepEqual(enum, want) {
		k.t.Errorf("%s %s: the schema's enum is %v, the decoder's %v: the schema needs \"anyOf\": [{\"enum\": [...]}, {\"pattern\": ...}]",
			k.tb.name, k.key, enum, names)
	}
	wantPatterns := []string{enumPattern(names)}
	if aliases != nil {
		wantPatterns = append(wantPatterns, enumPattern(aliases))
	}
	form, hasForm := enumForms[k.key]
	if hasForm {
		wantPatterns = append(wantPatterns, formPattern(form))
	}
	if !slices.Equal(patterns, wantPatterns) {
		k.t.Errorf("%s %s: the schema's patterns for %v ignoring case and spaces are wrong; they should be, in order,\n%s",
			k.tb.name, k.key, append(names, aliases...), strings.Join(jsonStrings(wantPatterns), "\n"))
	}
	for _, n := range append(names, aliases...) {
		for _, v := range []string{n, strings.ToUpper(n), strings.ToLower(n), " " + n + "\t", n + "x"} {
			k.try(strconv.Quote(v))
		}
	}
	for _, v := range form.samples {
		k.try(v)
	}
}

// jsonStrings returns each of ss as a JSON string.
func jsonStrings(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = jsonString(s)
	}
	return out
}

// spaceClass is a regular expression character class of the characters
// strings.TrimSpace trims, which the decoder ignores around an enum value.
func spaceClass() string {
	var b strings.Builder
	b.WriteString("[")
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		end := r
		for unicode.IsSpace(end + 1) {
			end++
		}
		b.WriteRune(r)
		if end > r+1 {
			b.WriteString("-")
		}
		if end > r {
			b.WriteRune(end)
		}
		r = end
	}
	b.WriteString("]")
	return b.String()
}

// enumPattern returns the pattern that matches the names as the decoder
// does: ignoring case (Unicode simple folding, as strings.EqualFold) and
// surrounding white space.
func enumPattern(names []string) string {
	alts := make([]string, len(names))
	for i, n := range names {
		var b strings.Builder
		for _, r := range n {
			orbit := []rune{r}
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				orbit = append(orbit, f)
			}
			if len(orbit) == 1 {
				b.WriteString(regexp.QuoteMeta(string(r)))
				continue
			}
			slices.Sort(orbit)
			b.WriteString("[" + string(orbit) + "]")
		}
		alts[i] = b.String()
	}
	sp := spaceClass()
	return "^" + sp + "*(?:" + strings.Join(alts, "|") + ")" + sp + "*$"
}

// jsonString returns s as a JSON string in ASCII, as the schema file
// writes it.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r > 0x7e:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// limits checks that a number's range is the same, and tries its ends.
func (k *keyProbe) limits() {
	k.t.Helper()
	lo, hi, ok := k.decoderRange()
	min, hasMin := k.prop["minimum"].(float64)
	max, hasMax := k.prop["maximum"].(float64)
	if !ok {
		if hasMin || hasMax {
			k.t.Errorf("%s %s: the schema has a minimum or maximum but the decoder has no range", k.tb.name, k.key)
		}
		return
	}
	if !hasMin || !hasMax || min != lo || max != hi {
		k.t.Errorf("%s %s: the decoder's range is %s..%s, the schema's minimum %v, maximum %v",
			k.tb.name, k.key, fmtFloat(lo), fmtFloat(hi), k.prop["minimum"], k.prop["maximum"])
	}
	for _, v := range []float64{lo, hi, lo - 1, hi + 1, lo - 0.5, hi + 0.5, math.Floor((lo+hi)/2) + 0.5} {
		s := fmtFloat(v)
		if v != math.Trunc(v) && !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		k.try(s)
	}
}

// decoderRange returns the range the decoder's message for a value far
// out of range gives, if it gives one.
func (k *keyProbe) decoderRange() (lo, hi float64, ok bool) {
	re := regexp.MustCompile(`out of range (-?[0-9.]+)\.\.(-?[0-9.]+)`)
	for _, v := range []string{"1000000000", "-1000000000"} {
		m := re.FindStringSubmatch(k.decoderSays(v))
		if m == nil {
			continue
		}
		lo, err1 := strconv.ParseFloat(m[1], 64)
		hi, err2 := strconv.ParseFloat(m[2], 64)
		return lo, hi, err1 == nil && err2 == nil
	}
	return 0, 0, false
}

// blank tries empty and blank text.
func (k *keyProbe) blank() {
	k.t.Helper()
	for _, v := range []string{`""`, `" "`, `"\n\t"`, `"\u00a0"`, `["x", " "]`, `[]`} {
		k.try(v)
	}
}

// defaults checks that setting a key to the schema's default changes
// nothing.
func (k *keyProbe) defaults() {
	k.t.Helper()
	def, ok := k.prop["default"]
	if !ok {
		return
	}
	value, err := tomlValue(def)
	if err != nil {
		k.t.Errorf("%s %s: default %v: %v", k.tb.name, k.key, def, err)
		return
	}
	want, err1 := Decode("x.toml", []byte(k.tb.file(k.key, "")))
	got, err2 := Decode("x.toml", []byte(k.file(value)))
	if err1 != nil || err2 != nil {
		k.t.Errorf("%s %s = %s: %v %v", k.tb.name, k.key, value, err1, err2)
		return
	}
	if !reflect.DeepEqual(got, want) {
		k.t.Errorf("%s %s: the schema's default %s is not the decoder's: with it the file decodes to\n%+v\nwithout it to\n%+v",
			k.tb.name, k.key, value, got, want)
	}
}

// tomlValue writes a JSON value as a TOML value.
func tomlValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v), nil
	case float64:
		return fmtFloat(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case []any:
		if len(v) == 0 {
			return "[]", nil
		}
	}
	return "", fmt.Errorf("cannot write %T as TOML", v)
}

// ownedSamples are a valid value of each key that a kind owns.
var ownedSamples = map[string]string{
	"source":      `"S"`,
	"lines":       `"fill"`,
	"min_lines":   `2`,
	"ruling":      `"grid"`,
	"label":       `"L"`,
	"items":       `["I"]`,
	"answer":      `"A"`,
	"alt":         `"A picture."`,
	"caption":     `"C"`,
	"width_mm":    `50`,
	"align":       `"right"`,
	"header":      `["H"]`,
	"rows":        `[["R"]]`,
	"widths":      `[2.5]`,
	"blank_rows":  `2`,
	"row_lines":   `3`,
	"answers":     `[]`,
	"page_break":  `true`,
	"marks":       `4`,
	"space_mm":    `20`,
	"answer_line": `true`,
	"parts":       `[{text = "P"}]`,
	"choices":     `["A", "B"]`,
	"correct":     `1`,
	"columns":     `2`,
	"pairs":       `[["a", "b"], ["c", "d"]]`,
}

// TestSchemaKinds tries each key that a kind owns on each kind of block,
// and checks that the decoder and the schema accept it on the kinds that
// own it in the kind table, and only on those, and the common keys on
// every kind.
func TestSchemaKinds(t *testing.T) {
	sch, _ := loadSchema(t)
	for _, key := range ownedKeys() {
		value, ok := ownedSamples[key]
		if !ok {
			t.Errorf("key %q has no sample value in ownedSamples", key)
			continue
		}
		for _, k := range kinds {
			src := wsTable + sectionTable + "[[section.block]]\n" + without(key, kindLines(k.Key)...) + key + " = " + value + "\n" + companionLines(key)
			want := k.accepts(key)
			d, s := decodeCheck(src), schemaCheck(t, sch, src)
			if (d == nil) != want || (s == nil) != want {
				t.Errorf("%s = %s on a %s block: want both to %s it; the decoder %s it%s, the schema %s it%s",
					key, value, k.Key, strings.TrimSuffix(verdict(errOr(want)), "s"), verdict(d), brief(d), verdict(s), brief(s))
			}
		}
	}
}

// TestSchemaPanels checks that the schema allows as many summary panels
// as the decoder.
func TestSchemaPanels(t *testing.T) {
	_, raw := loadSchema(t)
	panel, err := objectAt(raw, []string{"summary", "panel"})
	if err != nil {
		t.Fatal(err)
	}
	if panel["minItems"] != 1.0 || panel["maxItems"] != float64(MaxPanels) {
		t.Errorf("[summary] panel: the schema's minItems %v, maxItems %v; the decoder's 1, %d",
			panel["minItems"], panel["maxItems"], MaxPanels)
	}
}

// TestSchemaFiles checks that the decoder and the schema agree on every
// content file, the example in docs/format.md, the starter file of
// handout init and the test files, and that all but the bad test files
// are valid.
func TestSchemaFiles(t *testing.T) {
	sch, _ := loadSchema(t)
	var files []string
	for _, pattern := range []string{"../content/*.toml", "../content/*/*.toml", "../build/testdata/*.toml", "../layout/testdata/*.toml", "testdata/*.toml", "../testdata/*.toml", "../*.toml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	srcs := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = string(data)
	}
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(examples) == 0 {
		t.Fatal("docs/format.md has no ```toml example")
	}
	srcs["docs/format.md, the complete example"] = examples[0][1]
	for name, src := range srcs {
		if ok, msg := agree(t, sch, src); !ok {
			t.Errorf("%s: %s", name, msg)
		}
		if err := schemaCheck(t, sch, src); err != nil && !strings.Contains(name, "bad") {
			t.Errorf("%s: the schema rejects it%s", name, brief(err))
		}
	}
}

// TestSchemaCases checks whole files on which the schema and the decoder
// must agree, chiefly the rules about several keys at once.
func TestSchemaCases(t *testing.T) {
	sch, _ := loadSchema(t)
	block := func(lines string) string { return wsTable + sectionTable + "[[section.block]]\n" + lines + "\n" }
	panels := func(n int) string {
		return wsTable + "[summary]\n" + strings.Repeat("[[summary.panel]]\nheading = \"P\"\n", n)
	}
	tests := []struct {
		name string
		src  string
		ok   bool
	}{
		{"unknown key", block(`qoute = "Misspelt."`), false},
		{"fonts: a school's own", wsTable + sectionTable + "[fonts]\nregular = \"fonts/a.ttf\"\nbold = \"fonts/b.ttf\"\nfallback = [\"fonts/c.ttf\", \" Sans \"]\n", true},
		{"fonts: fallbacks only, with [style] font", wsTable + sectionTable + "[style]\nfont = \"serif\"\n[fonts]\nfallback = [\"c.ttf\"]\n", true},
		{"fonts: bold without regular", wsTable + sectionTable + "[fonts]\nbold = \"b.ttf\"\n", false},
		{"fonts: regular and [style] font", wsTable + sectionTable + "[style]\nfont = \"sans\"\n[fonts]\nregular = \"a.ttf\"\n", false},
		{"fonts: a built-in font as regular", wsTable + sectionTable + "[fonts]\nregular = \"serif\"\n", false},
		{"fonts: a Windows path", wsTable + sectionTable + "[fonts]\nfallback = ['C:\\Windows\\Fonts\\simsun.ttf']\n", false},
		{"fonts: a fallback that leads out", wsTable + sectionTable + "[fonts]\nfallback = [\"../x.ttf\"]\n", false},
		{"fonts: nine fallbacks", wsTable + sectionTable + "[fonts]\nfallback = [" + strings.Repeat("\"f.ttf\", ", 8) + "\"f.ttf\"]\n", false},
		{"unknown top-level key", "colour = \"red\"\n" + wsTable + sectionTable, false},
		{"wrong enum", wsTable + sectionTable + "[style]\nfont = \"comic\"\n", false},
		{"enum in another case, spaced", "[worksheet]\ntitle = \"T\"\npaper = \" letter \"\norientation = \"LANDSCAPE\"\n" + sectionTable, true},
		{"out of range", wsTable + sectionTable + "[style]\nsize = 7.5\n", false},
		{"lines out of range", block("notes = \"\"\nlines = 61"), false},
		{"no worksheet", sectionTable, false},
		{"no title", "[worksheet]\n" + sectionTable, false},
		{"nothing to build", wsTable, false},
		{"no sections, no summary", wsTable + "section = []\n", false},
		{"no sections, a summary", "section = []\n" + wsTable + "[summary]\n", true},
		{"summary only", wsTable + "[summary]\n", true},
		{"a heading alone", wsTable + sectionTable, true},
		{"block with no kind", block(`source = "S"`), false},
		{"block with two kinds", block("bullet = \"B\"\ntext = \"T\""), false},
		{"key of another kind", block("bullet = \"B\"\nsource = \"S\""), false},
		{"lines on a task", block("task = \"T\"\nlines = 3"), false},
		{"quote with source", block("quote = \"Q\"\nsource = \"S\""), true},
		{"notes without prompt", block("notes = \"\"\nruling = \"grid\"\nlines = 60"), true},
		{"empty bullet", block(`bullet = "  "`), false},
		{"task of items only", block("task = \"\"\nlabel = \"Main Task\"\nitems = [\"One\"]"), true},
		{"task with nothing", block(`task = ""`), false},
		{"task with no items", block("task = \" \"\nitems = []"), false},
		{"blank item", block("task = \"T\"\nitems = [\"One\", \"\"]"), false},
		{"blank label", block("task = \"T\"\nlabel = \"\""), false},
		{"empty block array", wsTable + "[[section]]\nheading = \"H\"\nblock = []\n", true},
		{"no panels", wsTable + "[summary]\npanel = []\n", false},
		{"12 panels", panels(12), true},
		{"13 panels", panels(13), false},
		{"panel without heading", wsTable + "[summary]\n[[summary.panel]]\nprompt = \"P\"\n", false},
		{"inline tables", "worksheet = {title = \"T\"}\nsection = [{heading = \"H\", block = [{text = \"x\"}]}]\n", true},
		{"language", wsTable[:len(wsTable)-1] + "\nlanguage = \"en-GB\"\n" + sectionTable, true},
		{"bad language", wsTable + "language = \"english\"\n" + sectionTable, false},
		{"empty language", wsTable + "language = \" \"\n" + sectionTable, true},
		{"footer link", wsTable + "footer_link = \" HTTPS://example.org/a?b#c \"\n" + sectionTable, true},
		{"relative footer link", wsTable + "footer_link = \"/about\"\n" + sectionTable, false},
		{"footer link with a space", wsTable + "footer_link = \"http://a b\"\n" + sectionTable, false},
		{"ftp footer link", wsTable + "footer_link = \"ftp://example.org\"\n" + sectionTable, false},
		{"smart quotes", wsTable + sectionTable + "[style]\nsmart_quotes = true\n", true},
		{"smart quotes as a string", wsTable + sectionTable + "[style]\nsmart_quotes = \"yes\"\n", false},
		{"max_ppi 0, every pixel", wsTable + sectionTable + "[print]\nmax_ppi = 0\n", true},
		{"max_ppi 150", wsTable + sectionTable + "[print]\nmax_ppi = 150\n", true},
		{"max_ppi 1, too few", wsTable + sectionTable + "[print]\nmax_ppi = 1\n", false},
		{"max_ppi 71, too few", wsTable + sectionTable + "[print]\nmax_ppi = 71\n", false},
		{"fit pages", wsTable + "fit_pages = 2\nmin_lines = 1\n" + sectionTable, true},
		{"fit pages 0", wsTable + "fit_pages = 0\n" + sectionTable, false},
		{"fit pages 100", wsTable + "fit_pages = 100\n" + sectionTable, false},
		{"worksheet min lines 61", wsTable + "min_lines = 61\n" + sectionTable, false},
		{"lines fill", block("notes = \"N\"\nlines = \"fill\""), true},
		{"lines fill, any case, spaced", block("notes = \"N\"\nlines = \" Fill \""), true},
		{"lines full", block("notes = \"N\"\nlines = \"full\""), false},
		{"lines 0", block("notes = \"N\"\nlines = 0"), false},
		{"lines true", block("notes = \"N\"\nlines = true"), false},
		{"notes with answer and min lines", block("notes = \"N\"\nlines = 4\nmin_lines = 2\nanswer = \"*A* [b](https://example.org)\""), true},
		{"min lines 0", block("notes = \"N\"\nmin_lines = 0"), false},
		{"task with answer", block("task = \"T\"\nanswer = \"A\""), true},
		{"answer on a bullet", block("bullet = \"B\"\nanswer = \"A\""), false},
		{"answer on an image", block("image = \"a.png\"\nanswer = \"A\""), false},
		{"min lines on a task", block("task = \"T\"\nmin_lines = 2"), false},
		{"answer not a string", block("notes = \"N\"\nanswer = 3"), false},
		{"image", block(`image = "images/a.png"`), true},
		{"image with caption", block("image = \"images/a.png\"\ncaption = \"A *diagram*.\"\nwidth_mm = 80\nalign = \"left\""), true},
		{"image centre", block("image = \"a.png\"\nalign = \" Centre \""), true},
		{"image align bad", block("image = \"a.png\"\nalign = \"middle\""), false},
		{"image width 5", block("image = \"a.png\"\nwidth_mm = 5"), false},
		{"image width 981", widestPage + sectionTable + "[[section.block]]\nimage = \"a.png\"\nwidth_mm = 981\n", false},
		{"image width 980 on the largest paper", widestPage + sectionTable + "[[section.block]]\nimage = \"a.png\"\nwidth_mm = 980\n", true},
		{"image empty", block(`image = ""`), false},
		{"image blank", block(`image = " \u00a0"`), false},
		{"image absolute", block(`image = "/home/t/a.png"`), false},
		{"image drive", block(`image = "c:/a.png"`), false},
		{"image backslash", block(`image = 'images\a.png'`), false},
		{"image parent", block(`image = "../a.png"`), false},
		{"image parent after dot", block(`image = "./../a.png"`), false},
		{"image parent alone", block(`image = ".."`), false},
		{"image in and out", block(`image = "images/../a.png"`), true},
		{"image dots in a name", block(`image = "..a/b..png"`), true},
		{"image with a kind", block("image = \"a.png\"\ntext = \"T\""), false},
		{"caption on notes", block("notes = \"N\"\ncaption = \"C\""), false},
		{"image with lines", block("image = \"a.png\"\nlines = 3"), false},
		{"table", block("table = \"Causes\"\nheader = [\"A\", \"B\"]\nrows = [[\"a\", \"\"], [\"\", \"\"]]\nwidths = [2, 1.5]\nblank_rows = 3\nrow_lines = 2\nanswers = [[\"\", \"b\"], [\"\", \"\"], [\"\", \"\"], [\"\", \"\"], [\"\", \"\"]]\npage_break = true"), true},
		{"table of rows", block("table = \"\"\nrows = [[\"a\"]]"), true},
		{"table of blank rows", block("table = \"\"\nblank_rows = 2\nwidths = [1, 1]"), true},
		{"empty table", block(`table = "T"`), false},
		{"table of no rows", block("table = \"T\"\nrows = []"), false},
		{"table of no blank rows", block("table = \"T\"\nblank_rows = 0\nwidths = [1]"), false},
		{"table of blank rows without widths", block("table = \"T\"\nblank_rows = 2"), false},
		{"table with an empty header", block("table = \"T\"\nheader = []"), false},
		{"table with an empty row", block("table = \"T\"\nheader = [\"A\"]\nrows = [[]]"), false},
		{"table of 13 columns", block("table = \"T\"\nheader = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\", \"11\", \"12\", \"13\"]"), false},
		{"table with a zero width", block("table = \"T\"\nheader = [\"A\"]\nwidths = [0]"), false},
		{"table with a number in a cell", block("table = \"T\"\nrows = [[1]]"), false},
		{"header on a notes block", block("notes = \"N\"\nheader = [\"A\"]"), false},
		{"page break on a bullet", block("bullet = \"B\"\npage_break = true"), true},
		{"page break alone", block("page_break = true"), false},
		{"page break not a boolean", block("text = \"T\"\npage_break = \"yes\""), false},
		{"new page", wsTable + "[[section]]\nheading = \"H\"\nnew_page = true\n", true},
		{"question", block("question = \"Q?\"\nmarks = 4\nlines = 6\nruling = \"dotted\"\nanswer = \"A\""), true},
		{"question with no space", block(`question = "Discuss."`), true},
		{"empty question", block(`question = " "`), false},
		{"empty question with parts", block("question = \"\"\nparts = [{text = \"P\"}]"), true},
		{"question with no parts", block("question = \"Q\"\nparts = []"), false},
		{"question with parts of parts", block("question = \"Q\"\nparts = [{text = \"P\", marks = 2, parts = [{text = \"S\", lines = 2, marks = 2}]}]"), true},
		{"parts four deep", block("question = \"Q\"\nparts = [{text = \"P\", parts = [{text = \"S\", parts = [{text = \"T\"}]}]}]"), false},
		{"part without text", block("question = \"Q\"\nparts = [{marks = 2}]"), false},
		{"empty part with parts", block("question = \"Q\"\nparts = [{text = \"\", parts = [{text = \"S\"}]}]"), true},
		{"empty part", block("question = \"Q\"\nparts = [{text = \"\"}]"), false},
		{"unknown key in a part", block("question = \"Q\"\nparts = [{text = \"P\", txt = \"P\"}]"), false},
		{"part with a kind key", block("question = \"Q\"\nparts = [{text = \"P\", bullet = \"B\"}]"), false},
		{"lines and space_mm", block("question = \"Q\"\nlines = 2\nspace_mm = 20"), false},
		{"lines and answer_line", block("question = \"Q\"\nlines = 2\nanswer_line = true"), false},
		{"lines and answer_line false", block("question = \"Q\"\nlines = 2\nanswer_line = false"), true},
		{"space_mm and answer_line in a part", block("question = \"Q\"\nparts = [{text = \"P\", space_mm = 20, answer_line = true}]"), false},
		{"space_mm 4", block("question = \"Q\"\nspace_mm = 4"), false},
		{"marks 101", block("question = \"Q\"\nmarks = 101"), false},
		{"choices", block("question = \"Q\"\nchoices = [\"A\", \"B\", \"C\"]\ncorrect = [1, 3]\ncolumns = 3\nlines = 2"), true},
		{"choices without correct", block("question = \"Q\"\nchoices = [\"A\", \"B\"]"), false},
		{"correct without choices", block("question = \"Q\"\ncorrect = 1"), false},
		{"columns without choices", block("question = \"Q\"\ncolumns = 2"), false},
		{"one choice", block("question = \"Q\"\nchoices = [\"A\"]\ncorrect = 1"), false},
		{"13 choices", block("question = \"Q\"\nchoices = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\"]\ncorrect = 1"), false},
		{"correct twice", block("question = \"Q\"\nchoices = [\"A\", \"B\"]\ncorrect = [1, 1]"), false},
		{"correct empty", block("question = \"Q\"\nchoices = [\"A\", \"B\"]\ncorrect = []"), false},
		{"choices with answer_line", block("question = \"Q\"\nchoices = [\"A\", \"B\"]\ncorrect = 1\nanswer_line = true"), false},
		{"choices in a part", block("question = \"Q\"\nparts = [{text = \"P\", choices = [\"T\", \"F\"], correct = 2}]"), true},
		{"choices without correct in a part", block("question = \"Q\"\nparts = [{text = \"P\", choices = [\"T\", \"F\"]}]"), false},
		{"match", block("match = \"M\"\npairs = [[\"a\", \"1\"], [\"b\", \"2\"]]\nmarks = 2"), true},
		{"match without pairs", block(`match = "M"`), false},
		{"empty match", block("match = \"\"\npairs = [[\"a\", \"1\"], [\"b\", \"2\"]]"), false},
		{"one pair", block("match = \"M\"\npairs = [[\"a\", \"1\"]]"), false},
		{"a pair of three", block("match = \"M\"\npairs = [[\"a\", \"1\"], [\"b\", \"2\", \"3\"]]"), false},
		{"an empty text in a pair", block("match = \"M\"\npairs = [[\"a\", \"1\"], [\"b\", \" \"]]"), false},
		{"lines on a match", block("match = \"M\"\npairs = [[\"a\", \"1\"], [\"b\", \"2\"]]\nlines = 2"), false},
		{"question keys on notes", block("notes = \"N\"\nmarks = 2"), false},
		{"question settings", "[worksheet]\ntitle = \"T\"\nnumber_questions = false\nshow_total = false\ngrading_table = true\nshuffle_questions = true\n" + sectionTable +
			"[[section.block]]\nquestion = \"Q\"\nmarks = 2\n[print]\nversions = 3\n", true},
		{"one version", "[worksheet]\ntitle = \"T\"\n" + sectionTable + "[[section.block]]\nquestion = \"Q\"\n[print]\nversions = 1\n", false},
		{"shuffle_questions a string", "[worksheet]\ntitle = \"T\"\nshuffle_questions = \"yes\"\n" + sectionTable + "[[section.block]]\nquestion = \"Q\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, s := decodeCheck(tt.src), schemaCheck(t, sch, tt.src)
			if (d == nil) != tt.ok || (s == nil) != tt.ok {
				t.Errorf("want both to %s it; the decoder %s it%s, the schema %s it%s\n%s",
					strings.TrimSuffix(verdict(errOr(tt.ok)), "s"), verdict(d), brief(d), verdict(s), brief(s), tt.src)
			}
		})
	}
}

// errOr returns nil if ok, else an error.
func errOr(ok bool) error {
	if ok {
		return nil
	}
	return fmt.Errorf("rejected")
}

// TestSchemaLooser pins down where the schema, as docs/format.md says,
// accepts what the decoder rejects: JSON Schema cannot tell 6.0 from 6,
// nor a date-time from a string, nor which characters a font has.
func TestSchemaLooser(t *testing.T) {
	sch, _ := loadSchema(t)
	block := wsTable + sectionTable + "[[section.block]]\nnotes = \"\"\n"
	tests := []struct{ name, src string }{
		{"a float for an integer", block + "lines = 6.0\n"},
		{"a date-time for a string", "[worksheet]\ntitle = 1979-05-27T07:32:00Z\n" + sectionTable},
		{"an unknown footer placeholder", wsTable + "footer = \"{chapter}\"\n" + sectionTable},
		{"a character not in the font", wsTable + "subtitle = \"\u4e2d\"\n" + sectionTable},
		{"a control character", wsTable + "subtitle = \"\\u0007\"\n" + sectionTable},
		{"an image path that leads out past a folder", wsTable + sectionTable + "[[section.block]]\nimage = \"a/../../b.png\"\n"},
		{"emphasis left open", wsTable + sectionTable + "[[section.block]]\ntext = \"an *unclosed phrase\"\n"},
		{"an image wider than its paper's text column", wsTable + sectionTable + "[[section.block]]\nimage = \"a.png\"\nwidth_mm = 175\n"},
		{"a custom paper with a side of 0", wsTable + "paper = \"0x297mm\"\n" + sectionTable},
		{"a custom paper too large", wsTable + "paper = \"1001x297mm\"\n" + sectionTable},
		{"a custom paper too small for the margins", wsTable + "paper = \"60x297mm\"\n" + sectionTable},
		{"a ragged table row", wsTable + sectionTable + "[[section.block]]\ntable = \"T\"\nrows = [[\"a\", \"b\"], [\"c\"]]\n"},
		{"table widths of another length", wsTable + sectionTable + "[[section.block]]\ntable = \"T\"\nheader = [\"A\", \"B\"]\nwidths = [1]\n"},
		{"table answers of another shape", wsTable + sectionTable + "[[section.block]]\ntable = \"T\"\nrows = [[\"\"]]\nanswers = []\n"},
		{"an answer for a cell with text", wsTable + sectionTable + "[[section.block]]\ntable = \"T\"\nrows = [[\"a\"]]\nanswers = [[\"b\"]]\n"},
		{"marks that are not their parts' total", wsTable + sectionTable + "[[section.block]]\nquestion = \"Q\"\nmarks = 3\nparts = [{text = \"P\", marks = 2}]\n"},
		{"a correct choice past the last", wsTable + sectionTable + "[[section.block]]\nquestion = \"Q\"\nchoices = [\"A\", \"B\"]\ncorrect = 3\n"},
		{"a grading table with no marks", wsTable + "grading_table = true\n" + sectionTable + "[[section.block]]\nquestion = \"Q\"\n"},
		{"a gap where gaps are not allowed", wsTable + "[[section]]\nheading = \"The [[end]]\"\n"},
		{"a word bank without gaps", wsTable + sectionTable + "word_bank = true\n"},
		{"a distractor that is an answer", wsTable + sectionTable + "word_bank = true\ndistractors = [\"A\"]\n[[section.block]]\ntext = \"[[a]]\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := decodeCheck(tt.src); err == nil {
				t.Errorf("the decoder accepts it")
			}
			if err := schemaCheck(t, sch, tt.src); err != nil {
				t.Errorf("the schema now rejects it%s: update docs/format.md, \"Editor support\", and this test", brief(err))
			}
		})
	}
}
