// Command gen writes a corpus of content files for benchmarks:
//
//	go run ./internal/corpus/gen -n 1000 -o /tmp/corpus [SEED]
//
// SEED defaults to content/end-of-the-purges.toml.
package main

import (
	"flag"
	"fmt"
	"os"

	"handout/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "how many content files")
	dir := flag.String("o", "corpus", "the folder to write them in")
	flag.Parse()
	seed := "content/end-of-the-purges.toml"
	if flag.NArg() > 0 {
		seed = flag.Arg(0)
	}
	data, err := os.ReadFile(seed)
	if err == nil {
		_, err = corpus.Write(*dir, data, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
