package main

import (
	"flag"
	"io"
	"testing"

	"handout/build"
)

// TestPrintFlags parses the print flags among others, two of them numbers
// too: each sets its own setting, by its name, and a value that is not
// one of the flag's is a problem that says what it wants.
func TestPrintFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    string // the flags set, as PrintFlags.String gives them
		problem string
	}{
		{nil, "", ""},
		{[]string{"--bleed", "3"}, "--bleed 3", ""},
		{[]string{"--bleed=0", "--bleed", "2.5"}, "--bleed 2.5", ""},
		{[]string{"--marks"}, "--marks=true", ""},
		{[]string{"--marks=false", "--gray"}, "--marks=false --gray=true", ""},
		{[]string{"--impose", "booklet", "--gray=false"}, "--impose booklet --gray=false", ""},
		{[]string{"--impose=none"}, "--impose none", ""},
		{[]string{"--scale", "2.5", "--zoom=30"}, "", ""}, // other numbers are not the bleed
		{[]string{"--scale", "25"}, "", ""},
		{[]string{"--bleed", "25"}, "", "--bleed 25: want millimetres, 0 to 20"},
		{[]string{"--bleed=-1"}, "", "--bleed -1: want millimetres, 0 to 20"},
		{[]string{"--bleed", "3mm"}, "", `--bleed "3mm": want millimetres, 0 to 20`},
		{[]string{"--bleed", "NaN"}, "", `--bleed "NaN": want millimetres, 0 to 20`},
		{[]string{"--impose", "4up"}, "", `--impose "4up": want 2up, booklet or none`},
		{[]string{"--marks=maybe"}, "", `--marks "maybe": want true or false`},
		{[]string{"--gray=2"}, "", "--gray 2: want true or false"},
		{[]string{"--scale", "big"}, "", `--scale "big": want a number`},
		{[]string{"--versions", "3"}, "--versions 3", ""},
		{[]string{"--versions=26", "--gray"}, "--gray=true --versions 26", ""},
		{[]string{"--versions", "0"}, "--versions 0", ""},
		{[]string{"--versions", "1"}, "", "--versions 1: want a number of versions, 2 to 26, or 0 for none"},
		{[]string{"--versions", "27"}, "", "--versions 27: want a number of versions, 2 to 26, or 0 for none"},
		{[]string{"--versions", "two"}, "", `--versions "two": want a number of versions, 2 to 26, or 0 for none`},
	}
	for _, tt := range tests {
		fl := flag.NewFlagSet("build", flag.ContinueOnError)
		fl.SetOutput(io.Discard)
		fl.Float64("scale", 1, "")
		fl.Int("zoom", 100, "")
		var pf build.PrintFlags
		printFlags(fl, &pf)
		problem := ""
		if err := fl.Parse(tt.args); err != nil {
			problem = flagProblem(fl, err)
		}
		if problem != tt.problem || problem == "" && pf.String() != tt.want {
			t.Errorf("%q: flags %q, problem %q; want %q, %q", tt.args, pf.String(), problem, tt.want, tt.problem)
		}
	}
}
