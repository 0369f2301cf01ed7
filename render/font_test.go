package render

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"handout/fonts"
)

// TestRegister checks that a font fpdf cannot parse is an error, although
// fpdf itself only prints a message.
func TestRegister(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A4", "")
	if err := register(pdf, "bad", []byte("this is not a font")); err == nil {
		t.Error("no error for a bad font")
	}
	if err := register(pdf, "good", fonts.Faces[0].TTF()); err != nil {
		t.Error(err)
	}
}
