package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"handout/document"
)

// TestAnnotation formats problems as workflow commands, escaped as the
// Actions runner (and @actions/core) expects.
func TestAnnotation(t *testing.T) {
	tests := []struct {
		p    problem
		want string
	}{
		{problem{File: "a.toml", Line: 7, Column: 1, Message: "block has no kind"}, "::error file=a.toml,line=7,col=1::block has no kind"},
		{problem{File: "a.toml", Line: 7, Message: "no column"}, "::error file=a.toml,line=7::no column"},
		{problem{File: "a.toml", Message: "render summary: boom"}, "::error file=a.toml::render summary: boom"},
		{problem{File: "a.toml", Column: 3, Message: "column without line"}, "::error file=a.toml::column without line"},
		{problem{File: "c:/x,y%z\r\n.toml", Line: 1, Column: 2, Message: "100% sure:\r\nno, really"},
			"::error file=c%3A/x%2Cy%25z%0D%0A.toml,line=1,col=2::100%25 sure:%0D%0Ano, really"},
		{problem{File: "<stdin>", Line: 7, Column: 1, Message: "a::b"}, "::error file=<stdin>,line=7,col=1::a::b"},
	}
	for _, tt := range tests {
		if got := tt.p.annotation(); got != tt.want {
			t.Errorf("%+v.annotation() = %q, want %q", tt.p, got, tt.want)
		}
	}
	for in, want := range map[string]string{"": "", "plain": "plain", "%0A": "%250A", "a,b:c": "a,b:c", "x\ry\nz": "x%0Dy%0Az"} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"": "", "plain": "plain", "%": "%25", "a,b:c": "a%2Cb%3Ac", "x\ry\nz": "x%0Dy%0Az"} {
		if got := escapeProperty(in); got != want {
			t.Errorf("escapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFlatten(t *testing.T) {
	content := document.Errors{
		{File: "x.toml", Line: 3, Column: 1, Msg: "first"},
		{File: "x.toml", Line: 9, Column: 5, Msg: "second"},
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"content errors", content, "x.toml:3:1: first\nx.toml:9:5: second\n"},
		{"wrapped content errors", fmt.Errorf("layout: %w", content), "x.toml:3:1: first\nx.toml:9:5: second\n"},
		{"one content error", fmt.Errorf("layout: %w", content[1]), "x.toml:9:5: second\n"},
		{"other error", errors.New("render summary: boom"), "x.toml: render summary: boom\n"},
		{"both PDFs failed", errors.Join(fmt.Errorf("layout: %w", content[:1]), errors.New("render summary: boom")),
			"x.toml:3:1: first\nx.toml: render summary: boom\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, p := range flatten("x.toml", tt.err) {
				fmt.Fprintln(&b, p)
			}
			if b.String() != tt.want {
				t.Errorf("flatten gives %q, want %q", b.String(), tt.want)
			}
		})
	}
}
