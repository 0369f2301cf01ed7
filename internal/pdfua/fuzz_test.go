package pdfua

import "testing"

// FuzzCheck checks that Check answers any input with violations or an
// error, never a panic or a hang. The seeds are the fixture and each of its
// mutations, without the font program, which would only make them large.
func FuzzCheck(f *testing.F) {
	small := func(fx *fixture) []byte {
		fx.stream("fontfile", "", "Length1", "0")
		return fx.bytes()
	}
	f.Add(small(newFixture(f)))
	for _, m := range mutations {
		fx := newFixture(f)
		m.change(fx)
		f.Add(small(fx))
	}
	f.Fuzz(func(t *testing.T, pdf []byte) {
		if _, err := Check(pdf); err != nil {
			t.Skip(err) // pdfcpu cannot read it: not the checker's concern
		}
	})
}
