package document

import (
	"testing"
)

// printFile is a valid worksheet followed by a [print] table with lines.
func printFile(lines string) string {
	return "[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n[print]\n" + lines
}

func TestDecodePrint(t *testing.T) {
	tests := []struct {
		name, lines string
		want        Print
	}{
		{"none", "", Print{MaxPPI: 300}},
		{"all", "bleed_mm = 3\nmarks = true\nimpose = \"2up\"\ngray = true\nmax_ppi = 150\n",
			Print{BleedMM: 3, Marks: true, Impose: TwoUp, Gray: true, MaxPPI: 150}},
		{"booklet any case", "impose = \" Booklet \"\n", Print{Impose: Booklet, MaxPPI: 300}},
		{"decimal bleed", "bleed_mm = 2.5\n", Print{BleedMM: 2.5, MaxPPI: 300}},
		{"ends of the range", "bleed_mm = 20\nmarks = false\n", Print{BleedMM: 20, MaxPPI: 300}},
		{"max_ppi least", "max_ppi = 72\n", Print{MaxPPI: 72}},
		{"max_ppi most", "max_ppi = 1200\n", Print{MaxPPI: 1200}},
		{"every pixel", "max_ppi = 0\n", Print{}},
		{"versions", "gray = true\nversions = 26\n", Print{Gray: true, MaxPPI: 300, Versions: 26, VersionsPos: Pos{7, 1}}},
		{"fewest versions", "versions = 2\n", Print{MaxPPI: 300, Versions: 2, VersionsPos: Pos{6, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode("x.toml", []byte(printFile(tt.lines)))
			if err != nil {
				t.Fatal(err)
			}
			if d.Print != tt.want {
				t.Errorf("Print = %+v, want %+v", d.Print, tt.want)
			}
		})
	}
	// Without a [print] table, every setting is off, and pictures are
	// embedded at 300 pixels to the inch at most.
	d, err := Decode("x.toml", []byte("[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n"))
	if err != nil || d.Print != (Print{MaxPPI: DefaultMaxPPI}) {
		t.Errorf("no [print]: %+v, %v", d.Print, err)
	}
}

func TestDecodePrintErrors(t *testing.T) {
	tests := []struct{ name, lines, want string }{
		{"unknown key", "mark = true\n", `x.toml:6:1: unknown key "mark" in [print] (did you mean "marks"?)`},
		{"bleed too wide", "bleed_mm = 25\n", "x.toml:6:1: bleed_mm = 25 is out of range 0..20"},
		{"bleed negative", "marks = true\nbleed_mm = -1\n", "x.toml:7:1: bleed_mm = -1 is out of range 0..20"},
		{"bleed a string", "bleed_mm = \"3mm\"\n", `x.toml:6:1: key "bleed_mm" must be a number, not a string`},
		{"impose bad enum", "impose = \"4up\"\n", `x.toml:6:1: unknown impose "4up": use 2up or booklet`},
		{"impose none", "impose = \"none\"\n", `x.toml:6:1: unknown impose "none": use 2up or booklet`},
		{"gray not bool", "gray = \"yes\"\n", `x.toml:6:1: key "gray" must be a boolean, not a string`},
		{"marks not bool", "marks = 1\n", `x.toml:6:1: key "marks" must be a boolean, not an integer`},
		{"max_ppi too few", "max_ppi = 50\n", "x.toml:6:1: max_ppi = 50 is too few pixels to the inch: pictures would print as visible squares; use 72 or more (150 for a draft, 300 for print), or 0 to keep every pixel"},
		{"max_ppi too many", "max_ppi = 2400\n", "x.toml:6:1: max_ppi = 2400 is out of range 0..1200"},
		{"max_ppi negative", "max_ppi = -1\n", "x.toml:6:1: max_ppi = -1 is out of range 0..1200"},
		{"max_ppi a float", "max_ppi = 300.0\n", `x.toml:6:1: key "max_ppi" must be an integer, not a float`},
		{"one version", "versions = 1\n", "x.toml:6:1: versions = 1 is out of range 2..26"},
		{"too many versions", "versions = 27\n", "x.toml:6:1: versions = 27 is out of range 2..26"},
		{"versions a string", "versions = \"3\"\n", `x.toml:6:1: key "versions" must be an integer, not a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("x.toml", []byte(printFile(tt.lines)))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
	_, err := Decode("x.toml", []byte("print = 3\n[worksheet]\ntitle = \"T\"\n[[section]]\nheading = \"H\"\n"))
	if want := `x.toml:1:1: key "print" must be a table ([print]), not an integer`; err == nil || err.Error() != want {
		t.Errorf("print = 3: got %v, want %s", err, want)
	}
}

func TestParseImpose(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Impose
		ok   bool
	}{{"none", NoImpose, true}, {" 2UP", TwoUp, true}, {"booklet", Booklet, true}, {"4up", NoImpose, false}, {"", NoImpose, false}} {
		if got, ok := ParseImpose(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseImpose(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
