package fonts

import (
	"os"
	"testing"
)

// BenchmarkParseDroid reads Droid Sans Fallback (4 MB, 49,382 glyphs):
// what a build pays once for each fallback font file.
func BenchmarkParseDroid(b *testing.B) {
	data, err := os.ReadFile(droidPath)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(droidPath, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubset cuts the subsets a worksheet needs: of Liberation Sans,
// a page of Latin text's runes; of Droid Sans Fallback, 1,000 Chinese
// characters.
func BenchmarkSubset(b *testing.B) {
	sans, err := Faces[0].Font()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("latin", func(b *testing.B) {
		runes := []rune(latinText)
		for b.Loop() {
			if _, err := sans.Subset(runes); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("chinese", func(b *testing.B) {
		droid := droid(b)
		runes := []rune(cjkText)[:1000]
		for b.Loop() {
			if _, err := droid.Subset(runes); err != nil {
				b.Fatal(err)
			}
		}
	})
}
