package pdftool

import (
	"slices"
	"testing"
)

func TestOperators(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"gray fill and stroke", "0.5 g 0.2 G 1 0 0 1 10 10 cm", []string{"g", "G", "cm"}},
		{"rgb", "1 0 0 rg .5 .5 .5 RG", []string{"rg", "RG"}},
		{"cmyk", "0 0 0 1 k 0 0 0 1 K", []string{"k", "K"}},
		{"names are not operators", "/Pattern cs /P1 scn /F1 11 Tf", []string{"cs", "scn", "Tf"}},
		{"strings hide their words", `BT (1 0 0 rg \) k) Tj <0a0b> Tj ET`, []string{"BT", "Tj", "Tj", "ET"}},
		{"nested parentheses", "((rg) K) Tj", []string{"Tj"}},
		{"arrays and dictionaries", "[3 1] 0 d /Span <</MCID 0>> BDC EMC", []string{"d", "BDC", "EMC"}},
		{"comments", "% 1 0 0 rg\nq Q", []string{"q", "Q"}},
		{"binary in a string", "(\x00\xff rg\n) Tj", []string{"Tj"}},
	} {
		if got := operators([]byte(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("%s: operators(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}
