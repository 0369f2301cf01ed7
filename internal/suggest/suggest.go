// Package suggest finds the word someone probably meant: the known key,
// command or flag closest to a misspelt one.
package suggest

import "strings"

// Closest returns the word of known closest to word, if one is within an
// edit distance of 2 (ignoring case) and closer than word's own length;
// otherwise "".
func Closest(word string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		d := Distance(strings.ToLower(word), strings.ToLower(k))
		if d < bestD && d < len([]rune(word)) {
			best, bestD = k, d
		}
	}
	return best
}

// Distance returns the Levenshtein distance between a and b, counting an
// exchange of two adjacent characters as one edit.
func Distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
