package document

import (
	"errors"
	"strings"
	"testing"
)

// TestMetadataCharacters rejects, at their place, the characters of the
// author and of footer_link that the PDF writer cannot encode, which
// render would refuse only when writing the PDF.
func TestMetadataCharacters(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"emoji in author", "[worksheet]\ntitle = \"T\"\nauthor = \"Ms \U0001F600 Smith\"\n",
			"x.toml:3:14: character \"\U0001F600\" (U+1F600) in author is beyond U+FFFF, which a PDF's metadata cannot hold; leave it out"},
		{"escaped emoji in author", "[worksheet]\ntitle = \"T\"\nauthor = \"Ms \\U0001F600\"\n",
			"x.toml:3:14: character \"\U0001F600\" (U+1F600) in author is beyond U+FFFF"},
		{"emoji in footer_link", "[worksheet]\ntitle = \"T\"\nfooter_link = \"https://e.com/\U0001F600\"\n",
			"x.toml:3:1: footer_link: character \"\U0001F600\" (U+1F600) is beyond U+FFFF, which the PDF writer cannot encode; write it percent-encoded, as %F0%9F%98%80"},
		{"author of the BMP", "[worksheet]\ntitle = \"T\"\nauthor = \"Zoë Ω 中文\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(tt.src+"\n[[section]]\nheading = \"H\"\n\n[[section.block]]\ntext = \"x\"\n"))
			var es Errors
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.want == "":
			case !errors.As(err, &es) || len(es) != 1:
				t.Fatalf("error %v, want one: %s", err, tt.want)
			case !strings.HasPrefix(es[0].Error(), tt.want):
				t.Errorf("error\n%s\nwant\n%s", es[0], tt.want)
			}
		})
	}
}
