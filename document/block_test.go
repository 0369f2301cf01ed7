package document

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestKinds checks the kind table: every kind's example decodes to one
// block of that kind with text to print, a key is a kind key or owned by
// kinds but not both, every kind has a row in docs/format.md's table of
// kinds, and no wish is a key that exists.
func TestKinds(t *testing.T) {
	md, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, k := range Kinds() {
		if seen[k.Key] {
			t.Errorf("kind %q is in the table twice", k.Key)
		}
		seen[k.Key] = true
		d, err := Decode("x.toml", []byte(head+k.Example+"\n"))
		if err != nil {
			t.Errorf("%s: the example does not decode: %v", k.Key, err)
			continue
		}
		body := d.Sections[0].Blocks[0].Body
		if got := body.KindKey(); got != k.Key {
			t.Errorf("%s: the example's block is a %s block", k.Key, got)
		}
		printed := false
		for _, in := range body.Texts(true) {
			printed = printed || in.String() != ""
		}
		if !printed {
			t.Errorf("%s: the example's block has no text to print", k.Key)
		}
		for _, o := range k.Owns {
			if kindByKey(o) != nil {
				t.Errorf("%s owns %q, which is a kind key", k.Key, o)
			}
		}
		row := regexp.MustCompile("(?m)^\\| " + regexp.QuoteMeta(k.Key) + " +\\| `" + regexp.QuoteMeta(k.Key) + "` ")
		if !row.Match(md) {
			t.Errorf("%s: docs/format.md's table of kinds has no row for it", k.Key)
		}
	}
	for w := range wishes {
		if slices.Contains(blockKeys, w) {
			t.Errorf("%q is a key of blocks and a wish: take it out of wishes", w)
		}
	}
}

// TestBlockTexts checks that a block's texts are its printed texts, in
// reading order, with its model answer only when answers are printed.
func TestBlockTexts(t *testing.T) {
	src := head + "task = \"Do it.\"\nlabel = \"Main Task\"\nitems = [\"one\", \"two\"]\nanswer = \"Done.\"\n"
	d, err := Decode("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	body := d.Sections[0].Blocks[0].Body
	for _, c := range []struct {
		answers bool
		want    []string
	}{
		{false, []string{"Main Task", "Do it.", "one", "two"}},
		{true, []string{"Main Task", "Do it.", "one", "two", "Done."}},
	} {
		var got []string
		for _, in := range body.Texts(c.answers) {
			got = append(got, in.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Texts(%v) = %q, want %q", c.answers, got, c.want)
		}
	}
}
