package document

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Block is one [[section.block]]: where it is and what it holds.
type Block struct {
	Pos  Pos       // where the block's [[section.block]] header is
	Body BlockBody // its kind and content: *Bullet, *Text, *Quote, *Notes, *Task, *Image, *Table, *Question or *Match
	// PageBreak says that the block starts a new page (page_break = true),
	// a key of every kind (see commonKeys).
	PageBreak bool
}

// BlockBody is the content of a block, of one type per kind of block (see
// Kinds): *Bullet, *Text, *Quote, *Notes, *Task, *Image, *Table, *Question
// or *Match. Only this package's types implement it, so a switch over them
// can be exhaustive.
type BlockBody interface {
	// KindKey returns the key that names the block's kind in the content
	// format, such as "notes".
	KindKey() string
	// Texts returns the block's printed texts, in reading order; with
	// answers, its model answers too, which only the answer key prints.
	Texts(answers bool) []Inline
	blockBody()
}

// Kind is one kind of block: a row of the kind table, Kinds.
type Kind struct {
	// Key is the kind key, which says what a block is and holds its main
	// text, such as "notes".
	Key string
	// Owns is the other keys a block of this kind may have. A key may
	// belong to several kinds, such as "answer"; those every kind has
	// (commonKeys, such as "page_break") are not listed.
	Owns []string
	// Example is a small block of this kind, as the keys of a
	// [[section.block]] in TOML; the tests decode and lay out every kind
	// from it. An image example shows "images/example.png".
	Example string
	// read reads the keys of a block of this kind, once the decoder has
	// rejected those of other kinds.
	read func(d *decoder, t *table) BlockBody
}

// kinds is the kind table: every kind of block, in the order
// docs/format.md lists them. A new kind is a row here, a type with its
// reader (see kinds.go) and a layout (see package layout).
var kinds = []Kind{
	{Key: "bullet", Example: `bullet = "A bulleted point."`, read: readBullet},
	{Key: "text", Example: `text = "A paragraph."`, read: readText},
	{Key: "quote", Owns: []string{"source"},
		Example: "quote = \"A quotation.\"\nsource = \"Its source\"", read: readQuote},
	{Key: "notes", Owns: []string{"lines", "min_lines", "ruling", "answer"},
		Example: "notes = \"A prompt.\"\nlines = 2\nanswer = \"A model answer.\"", read: readNotes},
	{Key: "task", Owns: []string{"label", "items", "answer"},
		Example: "task = \"A task.\"\nitems = [\"A step.\"]\nanswer = \"A model answer.\"", read: readTask},
	{Key: "image", Owns: []string{"alt", "caption", "width_mm", "align"},
		Example: "image = \"images/example.png\"\nalt = \"An example.\"\ncaption = \"A caption.\"", read: readImage},
	{Key: "table", Owns: []string{"header", "rows", "widths", "blank_rows", "row_lines", "answers"},
		Example: "table = \"A caption.\"\nheader = [\"A\", \"B\"]\nrows = [[\"One\", \"\"]]\nanswers = [[\"\", \"Two\"]]", read: readTable},
	{Key: "question", Owns: []string{"marks", "lines", "space_mm", "answer_line", "ruling", "min_lines", "answer",
		"parts", "choices", "correct", "columns"},
		Example: "question = \"A question.\"\nmarks = 3\nparts = [\n  {text = \"A part.\", marks = 1, answer_line = true, answer = \"Yes.\"},\n" +
			"  {text = \"Another.\", marks = 2, choices = [\"One\", \"Two\"], correct = 2},\n]", read: readQuestion},
	{Key: "match", Owns: []string{"pairs", "marks"},
		Example: "match = \"Match them.\"\npairs = [[\"Left\", \"Right\"], [\"Up\", \"Down\"]]\nmarks = 2", read: readMatch},
}

// commonKeys are the keys that every kind of block has, besides those it
// owns; the block reader reads them (see Block).
var commonKeys = []string{"page_break"}

// Kinds returns a copy of the kind table: every kind of block, in the
// order docs/format.md lists them.
func Kinds() []Kind {
	ks := slices.Clone(kinds)
	for i := range ks {
		ks[i].Owns = slices.Clone(ks[i].Owns)
	}
	return ks
}

// wishes are keys that a [[section.block]] may be given in the hope of a
// kind of block, or a feature, that handout does not have yet, each with
// what it would be; an unknown key among them says so. A wish that comes
// true leaves this list.
var wishes = map[string]string{
	"math": "mathematics",
	"qr":   "QR codes",
}

// blockKeyList returns every key a block may have: the kind keys, then the
// keys the kinds own, each once, in the order of the kind table, then the
// common keys.
func blockKeyList() []string {
	var keys []string
	for _, k := range kinds {
		keys = append(keys, k.Key)
	}
	for _, k := range kinds {
		for _, o := range k.Owns {
			if !slices.Contains(keys, o) {
				keys = append(keys, o)
			}
		}
	}
	return append(keys, commonKeys...)
}

// kindKeys returns the keys of the kind table, in order.
func kindKeys() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Key
	}
	return names
}

// kindByKey returns the row of the kind table whose key is key.
func kindByKey(key string) *Kind {
	for i := range kinds {
		if kinds[i].Key == key {
			return &kinds[i]
		}
	}
	return nil
}

// owners returns the keys of the kinds that own key, as "a, b or c".
func owners(key string) string {
	var names []string
	for _, k := range kinds {
		if slices.Contains(k.Owns, key) {
			names = append(names, k.Key)
		}
	}
	return orList(names)
}

// block reads one [[section.block]]: it finds the block's one kind key,
// rejects the keys of other kinds, and has the kind's reader read the rest.
func (d *decoder) block(t *table) Block {
	b := Block{Pos: t.pos()}
	var keys []string
	for _, k := range kinds {
		if t.has(k.Key) {
			keys = append(keys, k.Key)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool { return before(t.keyPos(keys[i]), t.keyPos(keys[j])) })
	wished := d.wishes(t)
	b.PageBreak, _ = t.boolean("page_break")
	switch len(keys) {
	case 0:
		if !wished {
			d.errorf(t.pos(), "block has no kind: give one of %s", strings.Join(kindKeys(), ", "))
		}
	case 1:
		k := kindByKey(keys[0])
		d.rejectOthers(t, k)
		b.Body = k.read(d, t)
	default:
		quoted := make([]string, len(keys))
		for i, k := range keys {
			quoted[i] = strconv.Quote(k)
		}
		t.errorf(keys[1], "block has more than one kind (%s): give only one", list(quoted, "and"))
	}
	for k := range t.m {
		if slices.Contains(blockKeys, k) {
			t.used[k] = true // already reported, or not worth reporting
		}
	}
	t.finish()
	return b
}

// wishes reports each key of t that wishes for what handout does not have
// yet (see wishes), naming the kinds of block it has, and says whether
// there was one.
func (d *decoder) wishes(t *table) bool {
	var keys []string
	for key := range t.m {
		if _, ok := wishes[key]; ok {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		t.used[key] = true
		t.errorf(key, "unknown key %q in %s: handout has no %s yet; a block is one of %s (see docs/format.md)",
			key, t.name, wishes[key], orList(kindKeys()))
	}
	return len(keys) > 0
}

// before reports whether p comes before q in the file.
func before(p, q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Column < q.Column
}

// rejectOthers reports every key of t that belongs to kinds other than k.
func (d *decoder) rejectOthers(t *table, k *Kind) {
	for _, key := range blockKeys {
		if kindByKey(key) != nil || slices.Contains(k.Owns, key) || slices.Contains(commonKeys, key) || !t.has(key) {
			continue
		}
		t.used[key] = true
		t.errorf(key, "key %q is not allowed in %s block (only in %s blocks)", key, withArticle(k.Key), owners(key))
	}
}

// withArticle returns "a " or "an " and the kind key.
func withArticle(key string) string {
	if strings.ContainsRune("aeiou", rune(key[0])) {
		return "an " + key
	}
	return "a " + key
}
