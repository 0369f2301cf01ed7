// Command mkcjksample writes fonts/testdata/cjk-sample.ttf, the subset of
// Droid Sans Fallback the fonts package tests with: see package cjksample.
//
// Usage: mkcjksample [-font DroidSansFallbackFull.ttf] -o cjk-sample.ttf
package main

import (
	"flag"
	"fmt"
	"os"

	"handout/fonts/internal/cjksample"
)

func main() {
	font := flag.String("font", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "Droid Sans Fallback (Debian: fonts-droid-fallback)")
	out := flag.String("o", "", "the font file to write")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*font, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkcjksample:", err)
		os.Exit(1)
	}
}

func run(font, out string) error {
	droid, err := os.ReadFile(font)
	if err != nil {
		return err
	}
	ttf, err := cjksample.Make(droid)
	if err != nil {
		return err
	}
	return os.WriteFile(out, ttf, 0o644)
}
