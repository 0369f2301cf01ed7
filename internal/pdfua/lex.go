package pdfua

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// An op is one operator of a content stream with its operands.
type op struct {
	name string         // the operator, such as "BDC" or "Tj"; "BI" for a whole inline image
	args []types.Object // its operands, in order
	pos  int            // the byte offset of the operator in the decoded stream
}

// scan calls f with each operator of the content stream s, in order, and
// stops at the first error f returns. Operands that are names, strings,
// arrays and dictionaries are parsed by pdfcpu; numbers, keywords and
// operators are read here, since pdfcpu exposes no content tokenizer (its
// content parser only collects resource names). An inline image, BI ... ID
// data EI, is one op named "BI" whose operand is its dictionary.
func scan(s string, f func(op) error) error {
	var args []types.Object
	i := 0
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			break
		}
		switch c := s[i]; {
		case c == '/' || c == '(' || c == '<' || c == '[':
			rest := s[i:]
			o, err := model.ParseObject(&rest)
			if err != nil {
				return fmt.Errorf("byte %d: %w", i, err)
			}
			args = append(args, o)
			i = len(s) - len(rest)
		case isDelim(c):
			return fmt.Errorf("byte %d: unexpected %q", i, c)
		default:
			j := i
			for j < len(s) && !isSpace(s[j]) && !isDelim(s[j]) {
				j++
			}
			tok := s[i:j]
			if o, ok := operand(tok); ok {
				args = append(args, o)
				i = j
				continue
			}
			o := op{name: tok, args: args, pos: i}
			if tok == "BI" {
				var err error
				if o.args, j, err = inlineImage(s, j); err != nil {
					return fmt.Errorf("byte %d: inline image: %w", i, err)
				}
			}
			if err := f(o); err != nil {
				return err
			}
			args = nil
			i = j
		}
	}
	if len(args) > 0 {
		return errors.New("operands without an operator at the end")
	}
	return nil
}

// operand returns the number or keyword tok is, and whether it is one.
func operand(tok string) (types.Object, bool) {
	switch tok {
	case "true":
		return types.Boolean(true), true
	case "false":
		return types.Boolean(false), true
	case "null":
		return nil, true
	}
	if n, err := strconv.Atoi(tok); err == nil {
		return types.Integer(n), true
	}
	if strings.ContainsAny(tok[:1], "+-.0123456789") {
		if f, err := strconv.ParseFloat(tok, 64); err == nil {
			return types.Float(f), true
		}
	}
	return nil, false
}

// inlineImage reads an inline image's dictionary and data from s, which
// continue at i after its BI, and returns the dictionary and where the
// content goes on after EI.
func inlineImage(s string, i int) ([]types.Object, int, error) {
	d := types.Dict{}
	for {
		i = skipSpace(s, i)
		if strings.HasPrefix(s[i:], "ID") && (i+2 == len(s) || isSpace(s[i+2])) {
			break
		}
		if i >= len(s) || s[i] != '/' {
			return nil, 0, errors.New("no ID")
		}
		rest := s[i:]
		k, err := model.ParseObject(&rest)
		if err != nil {
			return nil, 0, err
		}
		v, err := model.ParseObject(&rest)
		if err != nil {
			// A value that is a bare number or keyword.
			r := strings.TrimLeft(rest, " \t\r\n\f\x00")
			n := strings.IndexFunc(r, func(c rune) bool { return c < 128 && (isSpace(byte(c)) || isDelim(byte(c))) })
			if n <= 0 {
				return nil, 0, err
			}
			v, _ = operand(r[:n])
			rest = r[n:]
		}
		if name, ok := k.(types.Name); ok {
			d[string(name)] = v
		}
		i = len(s) - len(rest)
	}
	// The data start after ID and one white-space character, and end at
	// an EI between white space (or the end).
	for j := i + 3; j+2 <= len(s); j++ {
		if s[j:j+2] == "EI" && isSpace(s[j-1]) && (j+2 == len(s) || isSpace(s[j+2])) {
			return []types.Object{d}, j + 2, nil
		}
	}
	return nil, 0, errors.New("no EI")
}

// skipSpace returns the position of the first byte at or after i that is
// neither white space nor in a comment.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case isSpace(s[i]):
			i++
		case s[i] == '%':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// isSpace reports whether c is white space (ISO 32000-1 table 1).
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// isDelim reports whether c is a delimiter (ISO 32000-1 table 2).
func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}
