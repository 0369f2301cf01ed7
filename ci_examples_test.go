package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/internal/dist"
)

// TestCIExamples runs the handout build commands of docs/examples, as
// GitHub Actions and Kubernetes would, for every shard, and checks that
// together the shards build every file exactly once.
func TestCIExamples(t *testing.T) {
	gha := readDoc(t, "github-actions.yml")
	k8s := readDoc(t, "k8s-indexed-job.yaml")
	ghaShards := atoi(t, find(t, gha, `(?m)^\s+SHARDS: (\d+)$`))
	if matrix := find(t, gha, `(?m)^\s+shard: \[([\d, ]+)\]`); matrix != shardList(ghaShards) {
		t.Errorf("github-actions.yml: matrix shards [%s], want [%s] for SHARDS %d", matrix, shardList(ghaShards), ghaShards)
	}
	k8sShards := atoi(t, find(t, k8s, `(?m)^\s+completions: (\d+)`))
	tests := []struct {
		name   string
		shards int
		cmd    func(k int) string
	}{
		{"github-actions.yml", ghaShards, func(k int) string {
			r := strings.NewReplacer("${{ matrix.shard }}", strconv.Itoa(k), "${{ env.SHARDS }}", strconv.Itoa(ghaShards))
			return r.Replace(find(t, gha, `(?m)run: \./(handout build .*)$`))
		}},
		{"k8s-indexed-job.yaml", k8sShards, func(k int) string {
			line := find(t, k8s, `(?m)^\s+- (handout build .*)$`)
			return strings.NewReplacer(`"${JOB_COMPLETION_INDEX}`, strconv.Itoa(k), `/4"`, "/4").Replace(line)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var want []string
			for i := range 12 {
				name := fmt.Sprintf("year%d/sheet-%02d", 7+i%3, i)
				write(t, filepath.Join(dir, "content", name+".toml"), fixture(t, "worksheet-only.toml"))
				want = append(want, name+".pdf")
			}
			t.Chdir(dir)
			built := map[string]int{}
			for k := range tt.shards {
				args, stdoutFile := shellWords(t, tt.cmd(k))
				args = rewriteOut(args)
				var stdout, stderr bytes.Buffer
				code := run(args[1:], env{
					stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: fixedEnv,
					terminal: func(io.Writer) bool { return false }, ctx: t.Context(),
				})
				if code != 0 {
					t.Fatalf("shard %d: %q: exit %d\n%s", k, args, code, stderr.String())
				}
				for _, p := range wrotePaths(t, stdout.Bytes(), stdoutFile != "") {
					built[p]++
				}
			}
			var got []string
			for p, n := range built {
				if n != 1 {
					t.Errorf("%s built by %d shards, want 1", p, n)
				}
				got = append(got, p)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("the shards built %q, want %q", got, want)
			}
		})
	}
}

// TestReleaseExample checks docs/examples/release.yml against make dist:
// it runs on version tags, with the history git describe needs, builds with
// the Go release go.mod names, runs make dist, and publishes every file
// that make dist writes for the tag, and nothing else.
func TestReleaseExample(t *testing.T) {
	rel := readDoc(t, "release.yml")
	for _, want := range []string{
		"on:\n  push:\n    tags: [\"v*\"]\n",
		"permissions:\n  contents: write",
		"fetch-depth: 0",
		`go-version: "` + goRelease(t) + `"`,
		"- run: make dist\n",
	} {
		if !strings.Contains(rel, want) {
			t.Errorf("release.yml does not say %q", want)
		}
	}
	// make dist writes the archives into dist/.
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if recipe := find(t, string(mk), `(?m)^dist:\n((?:\t.*\n)+)`); !strings.Contains(recipe, "./internal/dist/gen") || !strings.Contains(recipe, "-o dist\n") {
		t.Errorf("make dist does not run internal/dist/gen -o dist:\n%s", recipe)
	}

	// What make dist writes for the tag v1.2.0.
	tag := "v1.2.0"
	files := dist.Release{Version: strings.TrimPrefix(tag, "v"), Targets: dist.Targets}.Names()
	dir := t.TempDir()
	for _, name := range files {
		write(t, filepath.Join(dir, "dist", name), "")
	}
	expand := strings.NewReplacer("${GITHUB_REF_NAME#v}", strings.TrimPrefix(tag, "v"), "$GITHUB_REF_NAME", tag).Replace
	if check := expand(find(t, rel, `(?m)run: test -f "(.*?)"`)); !slices.Contains(files, strings.TrimPrefix(check, "dist/")) {
		t.Errorf("release.yml checks for %s, which make dist does not write for %s", check, tag)
	}
	publish := strings.Fields(expand(find(t, rel, `(?m)run: (gh release create .*)$`)))
	if publish[3] != `"`+tag+`"` || !slices.Contains(publish, "--verify-tag") {
		t.Errorf("release.yml does not publish the release of the tag: %q", publish)
	}
	var published []string
	for _, w := range publish {
		if !strings.HasPrefix(w, "dist/") {
			continue
		}
		matches, err := filepath.Glob(filepath.Join(dir, w))
		if err != nil || len(matches) == 0 {
			t.Errorf("release.yml publishes %s, which matches none of %q", w, files)
		}
		for _, m := range matches {
			published = append(published, filepath.Base(m))
		}
	}
	slices.Sort(published)
	want := slices.Sorted(slices.Values(files))
	if !slices.Equal(published, want) {
		t.Errorf("release.yml publishes %q, want %q", published, want)
	}
}

// readDoc returns docs/examples/name.
func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("docs", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// find returns the first submatch of pattern in s.
func find(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no match for %s", pattern)
	}
	return m[1]
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// shardList returns "0, 1, ..., n-1".
func shardList(n int) string {
	var ks []string
	for k := range n {
		ks = append(ks, strconv.Itoa(k))
	}
	return strings.Join(ks, ", ")
}

// shellWords splits a simple command line (no quotes left) into its words
// and the file its stdout is redirected to, if any.
func shellWords(t *testing.T, line string) (args []string, stdout string) {
	t.Helper()
	if strings.ContainsAny(line, `"'$`) {
		t.Fatalf("command %q still has quotes or variables", line)
	}
	words := strings.Fields(line)
	if i := slices.Index(words, ">"); i >= 0 {
		return words[:i], words[i+1]
	}
	return words, ""
}

// rewriteOut puts an absolute -o folder, such as the Job's /out, under
// the current folder.
func rewriteOut(args []string) []string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "-o" && filepath.IsAbs(args[i+1]) {
			args[i+1] = "." + args[i+1]
		}
	}
	return args
}

// wrotePaths returns the PDFs a build reported, relative to its output
// folder: from its JSON report, or its "wrote" lines.
func wrotePaths(t *testing.T, stdout []byte, isJSON bool) []string {
	t.Helper()
	var paths []string
	if isJSON {
		var r report
		if err := json.Unmarshal(stdout, &r); err != nil {
			t.Fatalf("report: %v\n%s", err, stdout)
		}
		for _, f := range r.Files {
			for _, o := range f.Outputs {
				paths = append(paths, o.Path)
			}
		}
	} else {
		for _, line := range strings.Split(strings.TrimSpace(string(stdout)), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "wrote" {
				paths = append(paths, f[1])
			}
		}
	}
	for i, p := range paths {
		_, rel, _ := strings.Cut(filepath.ToSlash(p), "out/")
		paths[i] = rel
	}
	return paths
}
