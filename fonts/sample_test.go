package fonts_test

import (
	"bytes"
	"os"
	"testing"

	"handout/fonts/internal/cjksample"
)

const droidPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// TestCJKSampleIsFresh checks that testdata/cjk-sample.ttf is what its
// generator makes of Droid Sans Fallback (go generate ./fonts/ remakes it).
func TestCJKSampleIsFresh(t *testing.T) {
	droid, err := os.ReadFile(droidPath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (CI installs fonts-droid-fallback: see .ci/run)", err)
		}
		t.Skipf("skipping: %v: apt-get install fonts-droid-fallback", err)
	}
	want, err := cjksample.Make(droid)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("testdata/cjk-sample.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("testdata/cjk-sample.ttf (%d bytes) is not what the generator makes (%d bytes): run go generate ./fonts/", len(have), len(want))
	}
	if len(have) > 200<<10 {
		t.Errorf("testdata/cjk-sample.ttf is %d KB, more than 200 KB", len(have)>>10)
	}
}
