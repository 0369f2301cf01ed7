package document

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestSplitParagraphs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" \n\t\n ", nil},
		{"one", []string{"one"}},
		{"  a  b\tc \n d  ", []string{"a b c d"}},
		{"\na\nb\n\nc\n \t \nd\n\n\n", []string{"a b", "c", "d"}},
		{"a\r\nb\r\n\r\nc", []string{"a b", "c"}},
		{"no\u00a0break  \u00a0 kept", []string{"no\u00a0break \u00a0 kept"}},
		{`"straight" and “curly”`, []string{`"straight" and “curly”`}},
	}
	for _, tt := range tests {
		if got := splitParagraphs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := oneLine("a\n\nb  c"); got != "a b c" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestParseTemplate(t *testing.T) {
	tests := []struct {
		in      string
		want    Template
		unknown []string
	}{
		{"", Template{}, nil},
		{"{page}", Template{{Placeholder: Page}}, nil},
		{"p. {page}/{pages}", Template{{Text: "p. "}, {Placeholder: Page}, {Text: "/"}, {Placeholder: Pages}}, nil},
		{"{ page} {} {x-y} {", Template{{Text: "{ page} {} {x-y} {"}}, nil},
		{"{date} {Page}{page}", Template{{Text: "{date} {Page}"}, {Placeholder: Page}}, []string{"{date}", "{Page}"}},
		{"{title}: {page}", Template{{Placeholder: Title}, {Text: ": "}, {Placeholder: Page}}, nil},
	}
	for _, tt := range tests {
		got, unknown := parseTemplate(tt.in)
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(unknown, tt.unknown) {
			t.Errorf("parseTemplate(%q) = %+v, %q, want %+v, %q", tt.in, got, unknown, tt.want, tt.unknown)
		}
	}
}

func TestValidLanguage(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "en-GB": true, "fra": true, "zh-Hant-TW": true, "de-1996": true,
		"e": false, "engl": false, "en_GB": false, "en-": false, "-en": false,
		"en-abcdefghi": false, "1en": false, "en GB": false,
	} {
		if got := validLanguage(tag); got != want {
			t.Errorf("validLanguage(%q) = %v, want %v", tag, got, want)
		}
	}
}

func TestValidURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://www.activehistory.co.uk": true, "http://a.b/c?d=e": true, "HTTPS://X.ORG": true,
		"www.example.com": false, "ftp://x.org": false, "https://": false, "https://a b.com": false,
		"mailto:a@b.c": false, "/relative": false,
	} {
		if got := validURL(u); got != want {
			t.Errorf("validURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// splitParagraphsSlow is splitParagraphs as first written, the definition
// the one-pass version must agree with.
func splitParagraphsSlow(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras, cur []string
	flush := func() {
		if p := strings.Join(strings.FieldsFunc(strings.Join(cur, " "), isSpace), " "); p != "" {
			paras = append(paras, p)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimFunc(line, isSpace) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}

func TestSplitParagraphsAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{" ", "\t", "\n", "\r", "\r\n", "a", "bc", "é", "\u00a0", "—"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := splitParagraphs(s), splitParagraphsSlow(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("splitParagraphs(%q) = %q, want %q", s, got, want)
		}
	}
}
