package linebreak

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// show returns s with its breaks marked: "|" between characters, "_" for
// a space, "^" for a zero-width space and "~" for a soft hyphen.
func show(s string) string {
	var b strings.Builder
	at := 0
	for _, br := range Append(nil, s) {
		b.WriteString(s[at:br.At])
		b.WriteString([...]string{Space: "_", Zero: "^", Soft: "~", Between: "|"}[br.Kind])
		at = br.At + br.N
	}
	b.WriteString(s[at:])
	return b.String()
}

func TestAppend(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Latin text: spaces, zero-width spaces and soft hyphens only.
		{"", ""},
		{"word", "word"},
		{"The quick brown fox", "The_quick_brown_fox"},
		{"two  spaces", "two__spaces"},
		{" edges ", "_edges_"},
		{"well-known and/or so", "well-known_and/or_so"},
		{"hyphen\u00adated zero\u200bwidth", "hyphen~ated_zero^width"},
		{"no\u00a0break", "no\u00a0break"},
		{"Ελληνικά και Кириллица", "Ελληνικά_και_Кириллица"},
		// Chinese: between characters, but not before closing punctuation
		// nor after opening punctuation.
		{"水的一是", "水|的|一|是"},
		{"我们是学生。你呢？", "我|们|是|学|生。|你|呢？"},
		{"他说：「你好」，然后走了。", "他|说：|「你|好」，|然|后|走|了。"},
		{"（注意）下面", "（注|意）|下|面"},
		{"一、二、三", "一、|二、|三"},
		// Japanese: small kana and the prolonged sound mark stay with the
		// character before them.
		{"ちょっとコーヒー", "ちょっ|と|コー|ヒー"},
		{"東京タワー。", "東|京|タ|ワー。"},
		// Korean: between syllables, and at spaces.
		{"한국어 문장", "한|국|어_문|장"},
		// Mixed: never inside a Latin word, nor before Latin punctuation.
		{"Hello 世界", "Hello_世|界"},
		{"世界Hello, world", "世|界|Hello,_world"},
		{"用 Go 写的 well-known 程序", "用_Go_写|的_well-known_程|序"},
		{"水\u200b的\u00ad水", "水^的~水"},
		{"中文 。", "中|文 。"},
		{"第3章", "第|3|章"},
	} {
		if got := show(tc.in); got != tc.want {
			t.Errorf("%q: breaks %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBreaksInOrder checks that breaks are in order, inside the text and
// at rune boundaries, for text of every kind mixed.
func TestBreaksInOrder(t *testing.T) {
	parts := []string{"水", "的", "。", "「", "」", "ー", "ょ", " ", "  ", "a", "word", "-", "\u00ad", "\u200b", "é", "e\u0301", "한", "！", "1", "("}
	for i := range 5000 {
		var b strings.Builder
		for j := range 1 + i%12 {
			b.WriteString(parts[(i*7+j*13+i/5)%len(parts)])
		}
		s := b.String()
		prev := 0
		for _, br := range Append(nil, s) {
			between := br.Kind == Between && (br.At == 0 || br.At == len(s) || br.N != 0)
			if br.At < prev || br.At+br.N > len(s) || between || br.At < len(s) && !utf8.RuneStart(s[br.At]) {
				t.Fatalf("%q: break %+v after %d", s, br, prev)
			}
			prev = br.At + br.N
		}
	}
}

func BenchmarkAppend(b *testing.B) {
	for _, tc := range []struct{ name, s string }{
		{"latin", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20)},
		{"chinese", strings.Repeat("他说：「你好」，然后走了。我们是学生。", 20)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var dst []Break
			b.SetBytes(int64(len(tc.s)))
			for b.Loop() {
				dst = Append(dst[:0], tc.s)
			}
		})
	}
}
