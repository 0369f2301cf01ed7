package pdftool_test

import (
	"strings"
	"testing"

	"handout/internal/pdftool"
)

func TestRun(t *testing.T) {
	if got := pdftool.Run(t, "sh", "-c", "echo hi"); strings.TrimSpace(got) != "hi" {
		t.Errorf("Run(sh -c 'echo hi') = %q, want hi", got)
	}
}
