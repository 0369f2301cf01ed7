package document

import (
	"fmt"
	"regexp"
	"strings"
)

// This file explains a table header with the wrong number of brackets, as
// [section] for [[section]], whether TOML refuses it (two of them) or the
// decoder does (a table where an array of tables must be).

// arrayTables are the arrays of tables of the format, and the names a
// file may give them by mistake, each with its header and what one of its
// tables is.
var arrayTables = map[string]struct{ header, noun string }{
	"section":       {"[[section]]", "section"},
	"section.block": {"[[section.block]]", "block"},
	"summary.panel": {"[[summary.panel]]", "panel"},
	"block":         {"[[section.block]]", "block"},
	"panel":         {"[[summary.panel]]", "panel"},
}

// header is a table header, as a line of TOML may hold one: [name] or
// [[name]], then perhaps a comment.
var header = regexp.MustCompile(`^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(\]\]?)[ \t]*(?:#.*)?\r?$`)

// parseHeader returns the table header on line, as written without its
// blanks, such as "[section]", its name, "section", and whether it has
// double brackets.
func parseHeader(line string) (written, name string, double, ok bool) {
	m := header.FindStringSubmatch(line)
	if m == nil || len(m[1]) != len(m[3]) {
		return "", "", false, false
	}
	name = strings.NewReplacer(" ", "", "\t", "").Replace(m[2])
	return m[1] + name + m[3], name, len(m[1]) == 2, true
}

// bracketsMessage says that written, a header with one bracket each side
// (or a [[block]] or [[panel]] at the top), must be the array of tables
// name's header.
func bracketsMessage(written, name string) string {
	a := arrayTables[name]
	how := ", with two brackets each side"
	switch name {
	case "block":
		how = ", under the [[section]] it belongs to"
	case "panel":
		how = ", after the [summary] it belongs to"
	}
	return fmt.Sprintf("%s must be %s%s: each %s starts with a %s of its own", written, a.header, how, a.noun, a.header)
}

// singleBrackets explains a table header of an array of tables written
// with single brackets, [section] for [[section]], which TOML refuses when
// there are two of them, or one and then [[section]]: at the first of
// them.
func singleBrackets(src, msg string, off int) (int, string) {
	if !strings.Contains(msg, "already been defined") && !strings.Contains(msg, "already created") {
		return 0, ""
	}
	start, end := lineAround(src, off)
	_, name, _, ok := parseHeader(src[start:end])
	if _, array := arrayTables[name]; !ok || !array {
		return 0, ""
	}
	for at := 0; at <= start; {
		line, _, _ := strings.Cut(src[at:], "\n")
		if written, n, double, ok := parseHeader(line); ok && n == name && !double {
			return at + len(line) - len(strings.TrimLeft(line, " \t")), bracketsMessage(written, name)
		}
		at += len(line) + 1
	}
	return 0, ""
}

// headerAt returns the table header on the line of p, and where it is.
func (d *decoder) headerAt(p Pos) (written, name string, double bool, at Pos, ok bool) {
	if p.Line < 1 || p.Line > len(d.ix.lines) {
		return "", "", false, Pos{}, false
	}
	start := d.ix.lines[p.Line-1]
	_, end := lineAround(d.ix.src, start)
	line := d.ix.src[start:end]
	written, name, double, ok = parseHeader(line)
	blanks := len(line) - len(strings.TrimLeft(line, " \t"))
	return written, name, double, Pos{Line: p.Line, Column: blanks + 1}, ok
}

// shapeError reports key's value v, which is not what want says, the table
// or array of tables whose header is name, such as "[[section]]": as a
// header with the wrong number of brackets, or a [[section.block]] before
// any [[section]], when it is written so, and else as a type error.
func (t *table) shapeError(key, want, name string, v any) {
	written, hname, double, at, ok := t.d.headerAt(t.keyPos(key))
	wantName, wantDouble := strings.Trim(name, "[]"), strings.HasPrefix(name, "[[")
	switch {
	case ok && hname == wantName && double != wantDouble && wantDouble:
		t.d.errorf(at, "%s", bracketsMessage(written, hname))
	case ok && hname == wantName && double != wantDouble:
		t.d.errorf(at, "%s must be %s, with one bracket each side", written, name)
	case ok && wantDouble && double && strings.HasPrefix(hname, wantName+"."):
		t.d.errorf(at, "%s comes before any %s: add a %s, with its heading, above it", written, name, name)
	default:
		t.typeError(key, want+" ("+name+")", v)
	}
}

// strayTables reports a [block] or [panel] table, or array of tables, at
// the top level: a [[section.block]] or [[summary.panel]] written short.
func (d *decoder) strayTables(t *table) {
	for _, key := range []string{"block", "panel"} {
		if !t.has(key) {
			continue
		}
		if written, name, _, at, ok := d.headerAt(t.keyPos(key)); ok && name == key {
			t.used[key] = true
			d.errorf(at, "%s", bracketsMessage(written, key))
		}
	}
}
