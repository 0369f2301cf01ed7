package fonts

import (
	"fmt"
	"strings"
	"testing"
)

func TestChainSplit(t *testing.T) {
	sans, err := Face{Sans, Regular}.Font()
	if err != nil {
		t.Fatal(err)
	}
	serif, err := Face{Serif, Bold}.Font()
	if err != nil {
		t.Fatal(err)
	}
	cjk := cjkSample(t)
	name := map[*Font]string{sans: "sans", serif: "serif", cjk: "cjk", nil: "none"}
	for _, tc := range []struct {
		chain   Chain
		s       string
		runs    string // font:text, separated by |
		missing string
	}{
		{Chain{sans, cjk}, "", "", ""},
		{Chain{sans, cjk}, "Plain text.", "sans:Plain text.", ""},
		{Chain{sans, cjk}, "水的 water", "cjk:水的|sans: water", ""},
		{Chain{sans, cjk}, "“水”，的。", "sans:“|cjk:水|sans:”|cjk:，的。", ""},
		{Chain{cjk, sans}, "水 water", "cjk:水 |sans:water", ""},
		// A mark stays with its letter if that font has it.
		{Chain{sans, cjk}, "e\u0301 水\u0301", "sans:e\u0301 |cjk:水|sans:\u0301", ""},
		// Missing runes stay in the run before them.
		{Chain{sans, cjk}, "한국 水a", "sans:한국 |cjk:水|sans:a", "0:한 3:국"},
		{Chain{sans, cjk}, "水😀a", "cjk:水😀|sans:a", "3:😀"},
		{Chain{sans}, "水", "sans:水", "0:水"},
		{Chain{serif, sans}, "Ǻ", "serif:Ǻ", ""},
		{nil, "ab", "none:ab", "0:a 1:b"},
	} {
		runs, missing := tc.chain.Split(tc.s, nil, nil)
		var got []string
		end := 0
		for _, r := range runs {
			if r.Start != end || r.End <= r.Start {
				t.Errorf("%q: run %d-%d after %d", tc.s, r.Start, r.End, end)
			}
			end = r.End
			got = append(got, name[r.Font]+":"+tc.s[r.Start:r.End])
		}
		if end != len(tc.s) {
			t.Errorf("%q: runs end at %d", tc.s, end)
		}
		var miss []string
		for _, m := range missing {
			miss = append(miss, fmt.Sprintf("%d:%c", m.At, m.Rune))
		}
		if g := strings.Join(got, "|"); g != tc.runs || strings.Join(miss, " ") != tc.missing {
			t.Errorf("%q: runs %q missing %q, want %q and %q", tc.s, g, strings.Join(miss, " "), tc.runs, tc.missing)
		}
	}
}

func TestScript(t *testing.T) {
	for r, want := range map[rune]string{'a': "Latin", '水': "Han", 'あ': "Hiragana", 'ア': "Katakana", '한': "Hangul", 'ب': "Arabic", '1': "Common", '\u0301': "Inherited", 0x378: "Unknown"} {
		if got := Script(r); got != want {
			t.Errorf("Script(%U) = %q, want %q", r, got, want)
		}
	}
}
