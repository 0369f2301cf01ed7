package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"bullet", "text", "quote", "notes", "task", "source", "lines", "ruling", "label", "items"}
	commands := []string{"build", "check", "watch", "init", "version", "help"}
	flags := []string{"o", "j", "force", "answers", "large-print", "bleed", "marks", "impose", "gray", "shard", "report", "q", "quiet"}
	tests := []struct {
		word  string
		known []string
		want  string
	}{
		{"qoute", keys, "quote"},
		{"Quote", keys, "quote"},
		{"bulet", keys, "bullet"},
		{"line", keys, "lines"},
		{"note", keys, "notes"},
		{"rulling", keys, "ruling"},
		{"zzz", keys, ""},
		{"x", keys, ""},
		{"paragraph", keys, ""},
		{"biuld", commands, "build"},
		{"Build", commands, "build"},
		{"chekc", commands, "check"},
		{"wach", commands, "watch"},
		{"versoin", commands, "version"},
		{"make", commands, ""},
		{"anwsers", flags, "answers"},
		{"forse", flags, "force"},
		{"largeprint", flags, "large-print"},
		{"grey", flags, "gray"},
		{"x", flags, ""},
		{"output", flags, ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, tt.known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"build", "build", 0},
		{"biuld", "build", 1}, // an exchange of neighbours is one edit
		{"bild", "build", 1},
		{"buildd", "build", 1},
		{"kitten", "sitting", 3},
		{"année", "annee", 1}, // counts characters, not bytes
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
