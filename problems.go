package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"handout/build"
	"handout/document"
)

// annotate prints p as a GitHub workflow command, under GitHub Actions.
// Workflow commands are read from stdout, unless the JSON report or the
// PDF has it; the runner reads stderr too.
func (c *console) annotate(p problem) {
	if !c.github {
		return
	}
	w := c.stdout
	if c.json || c.pipe {
		w = c.stderr
	}
	fmt.Fprintln(w, p.annotation())
}

// problem is one error or warning of a content file: where it is, when
// known, and what it is.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`   // from 1; 0 when unknown
	Column  int    `json:"column"` // from 1; 0 when unknown
	Message string `json:"message"`
	warning bool   // a warning, which fails nothing
}

// String returns the problem as file:line:column: message, leaving out
// what is unknown, with "warning: " before the message of a warning, and
// control characters escaped (see escapeName). A relative name that starts
// with "::", which would begin a GitHub workflow command, is given as
// "./::…".
func (p problem) String() string {
	p = p.escaped()
	if strings.HasPrefix(p.File, "::") {
		p.File = "." + string(filepath.Separator) + p.File
	}
	msg := p.Message
	if p.warning {
		msg = "warning: " + msg
	}
	e := document.Error{File: p.File, Line: p.Line, Column: p.Column, Msg: msg}
	return e.Error()
}

// escaped returns p with the control characters of its name and message
// escaped (see escapeName), as the JSON report gives it.
func (p problem) escaped() problem {
	p.File, p.Message = escapeName(p.File), escapeName(p.Message)
	return p
}

// annotation returns the problem as a GitHub Actions workflow command,
// which annotates the file and line in a pull request. The file is named
// as it is, escaped as the runner expects (%0A for a newline, and so on),
// so that the annotation lands on it; so is the message, whose other
// control characters are escaped for people first (see escapeName).
func (p problem) annotation() string {
	p.Message = escapeControls(p.Message, true)
	props := "file=" + escapeProperty(p.File)
	if p.Line > 0 {
		props += fmt.Sprintf(",line=%d", p.Line)
		if p.Column > 0 {
			props += fmt.Sprintf(",col=%d", p.Column)
		}
	}
	cmd := "::error "
	if p.warning {
		cmd = "::warning "
	}
	return cmd + props + "::" + escapeData(p.Message)
}

// escapeData escapes a workflow command's message, as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// warningsOf returns r's warnings as problems.
func warningsOf(r build.Result) []problem {
	ps := make([]problem, len(r.Warnings))
	for i, e := range r.Warnings {
		ps[i] = problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg, warning: true}
	}
	return ps
}

// flatten returns err, an error of the content file name, as problems:
// content errors one each, with where they are; any other error as one
// problem of the file. Names and messages are as they are: each way of
// printing a problem escapes them (String, escaped, annotation).
func flatten(name string, err error) []problem {
	if err == nil {
		return nil
	}
	// Both PDFs may fail, each for its own reason.
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var ps []problem
		for _, e := range j.Unwrap() {
			ps = append(ps, flatten(name, e)...)
		}
		return ps
	}
	var errs document.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		ps := make([]problem, len(errs))
		for i, e := range errs {
			ps[i] = problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg}
		}
		return ps
	}
	var e *document.Error
	if errors.As(err, &e) {
		return []problem{{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg}}
	}
	return []problem{{File: name, Message: err.Error()}}
}
