package build

import (
	"reflect"
	"testing"
	"time"

	"handout/document"
)

// TestFingerprint changes one setting of a build at a time: the
// fingerprint changes exactly when the PDFs' bytes, or which PDFs there
// are, may change. Every field of Options and PrintFlags must have a row.
func TestFingerprint(t *testing.T) {
	base := Options{Time: time.Unix(1700000000, 0).UTC(), FixedTime: true, Version: "1.0"}
	three, four, yes, no := 3.0, 4.0, true, false
	two, booklet, none := document.TwoUp, document.Booklet, document.NoImpose
	tests := []struct {
		field   string // the field of Options or PrintFlags the row changes
		change  func(*Options)
		changes bool
	}{
		{"Time", func(o *Options) { o.Time = o.Time.Add(time.Second) }, true},
		{"Time", func(o *Options) { o.Time = o.Time.In(time.FixedZone("X", 3600)) }, false}, // the same instant
		{"FixedTime", func(o *Options) { o.FixedTime = false }, true},
		{"FixedTime", func(o *Options) { o.FixedTime, o.Time = false, time.Now() }, true},
		{"Version", func(o *Options) { o.Version = "1.1" }, true},
		{"Answers", func(o *Options) { o.Answers = true }, true},
		{"LargePrint", func(o *Options) { o.LargePrint = true }, true},
		{"Accessible", func(o *Options) { o.Accessible = true }, true},
		{"BleedMM", func(o *Options) { o.Print.BleedMM = &three }, true},
		{"Marks", func(o *Options) { o.Print.Marks = &yes }, true},
		{"Marks", func(o *Options) { o.Print.Marks = &no }, true}, // --marks=false overrides [print]
		{"Impose", func(o *Options) { o.Print.Impose = &two }, true},
		{"Impose", func(o *Options) { o.Print.Impose = &none }, true},
		{"Gray", func(o *Options) { o.Print.Gray = &yes }, true},
		{"Versions", func(o *Options) { o.Print.Versions = ptr(3) }, true},
		{"Versions", func(o *Options) { o.Print.Versions = ptr(0) }, true}, // --versions 0 overrides [print]
		{"Print", func(o *Options) { o.Print = PrintFlags{} }, false},
	}
	fields := map[string]bool{}
	for _, tt := range tests {
		fields[tt.field] = true
		o := base
		tt.change(&o)
		if changed := o.Fingerprint() != base.Fingerprint(); changed != tt.changes {
			t.Errorf("%s: fingerprint %q, was %q: changed %v, want %v", tt.field, o.Fingerprint(), base.Fingerprint(), changed, tt.changes)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Options](), reflect.TypeFor[PrintFlags]()} {
		for f := range typ.Fields() {
			if !fields[f.Name] {
				t.Errorf("%s.%s: no row says whether it changes the fingerprint", typ.Name(), f.Name)
			}
		}
	}

	// Without SOURCE_DATE_EPOCH a PDF's date is whenever it was built:
	// the time is no part of the fingerprint.
	a, b := Options{Time: time.Unix(1, 0)}, Options{Time: time.Now()}
	if a.Fingerprint() != b.Fingerprint() {
		t.Errorf("times not fixed: fingerprints %q and %q differ", a.Fingerprint(), b.Fingerprint())
	}
	// Pointers to the same values are the same flags.
	c, d := base, base
	c.Print = PrintFlags{BleedMM: &three, Impose: &booklet}
	alsoThree := 3.0
	d.Print = PrintFlags{BleedMM: &alsoThree, Impose: &booklet}
	if c.Fingerprint() != d.Fingerprint() {
		t.Errorf("the same flags: fingerprints %q and %q differ", c.Fingerprint(), d.Fingerprint())
	}
	d.Print.BleedMM = &four
	if c.Fingerprint() == d.Fingerprint() {
		t.Errorf("bleeds 3 and 4: the same fingerprint %q", c.Fingerprint())
	}
	want := "handout 1.0 SOURCE_DATE_EPOCH=1700000000 --answers --bleed 3 --impose booklet --versions 2"
	c.Answers, c.Print.Versions = true, ptr(2)
	if got := c.Fingerprint(); got != want {
		t.Errorf("fingerprint %q, want %q", got, want)
	}
}
