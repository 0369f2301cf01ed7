// Package layout measures a document with the font metrics and places its
// text, rules, boxes and links on pages.
//
// Layout is pure and deterministic: the same document gives the same pages,
// and nothing here draws or writes. Its output, a Result of placed pages, is
// the boundary between measuring and drawing; tests inspect it directly.
//
// Each kind of block is set by a file of its own (bullet.go, notes.go, …),
// found through one exhaustive switch, kindOf in kinds.go: a new kind of
// block is a new file and a new case there.
//
// Errors do not say "layout": the caller, which knows which PDF it is
// making, says so.
package layout
