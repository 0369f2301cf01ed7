package main

import (
	"flag"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"handout/internal/suggest"
)

// usageHint ends every usage error, in place of the whole help.
const usageHint = "run 'handout help' for usage"

// commands are handout's commands, for suggestions.
var commands = []string{"build", "check", "watch", "plan", "report", "init", "version", "help"}

// unknownCommand returns the message for cmd, which is not a command,
// with the command it may be a misspelling of.
func unknownCommand(cmd string) string {
	msg := fmt.Sprintf("unknown command %q", cmd)
	if s := suggest.Closest(cmd, commands); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return msg
}

// dashed returns the flag name as the help writes it: -o, --answers.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// invalidValue matches the flag package's message for a value that does
// not parse.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): (.*)$`)

// flagProblem returns the message for err, an error of fl.Parse, naming
// the flag as the help does and, for an unknown flag, the flag it may be
// a misspelling of.
func flagProblem(fl *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fl.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		msg = "unknown flag " + dashed(name)
		if s := suggest.Closest(name, names); s != "" {
			msg += " (did you mean " + dashed(s) + "?)"
		}
		return msg
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return dashed(name) + " needs a value"
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		f := fl.Lookup(m[2])
		value, reason := m[1], m[3]
		if v, err := strconv.Unquote(value); err == nil && isNumeral(v) {
			value = v // --bleed 25, not "25"
		}
		switch {
		case f == nil:
			return msg
		case isNumber(f):
			reason = "want a number"
		case isBool(f):
			reason = "want true or false"
		}
		return fmt.Sprintf("%s %s: %s", dashed(m[2]), value, reason)
	}
	return msg
}

// isNumeral reports whether s is a decimal number, such as 25 or -1.5.
func isNumeral(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && strings.Trim(s, "+-.0123456789") == ""
}

// isBool reports whether f is a boolean flag, which takes no value or
// =true or =false.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isNumber reports whether f's value is a number.
func isNumber(f *flag.Flag) bool {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	switch g.Get().(type) {
	case int, float64:
		return true
	}
	return false
}

// attachedJobs matches -j with its number attached, as make takes it: -j4.
var attachedJobs = regexp.MustCompile(`^--?j(\d+)$`)

// splitJobs returns args with -jN written as -j N, which the flag package
// wants apart (-j N and -j=N it takes as they are). It leaves alone the
// values of flags and everything after "--".
func splitJobs(fl *flag.FlagSet, args []string) []string {
	out := make([]string, 0, len(args)+1)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if m := attachedJobs.FindStringSubmatch(a); m != nil {
			out = append(out, "-j", m[1])
			continue
		}
		out = append(out, a)
		if takesValue(fl, a) && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return out
}

// takesValue reports whether arg is a flag of fl that takes its value
// from the next argument: -o DIR, but not --force or -o=DIR.
func takesValue(fl *flag.FlagSet, arg string) bool {
	name, ok := strings.CutPrefix(arg, "-")
	if !ok || strings.Contains(name, "=") {
		return false
	}
	f := fl.Lookup(strings.TrimPrefix(name, "-"))
	if f == nil {
		return false
	}
	b, isBool := f.Value.(interface{ IsBoolFlag() bool })
	return !isBool || !b.IsBoolFlag()
}
