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
// together the shards build every file exactly once; then runs them again
// into fresh output folders, as on new runners, which copy every file from
// the cache; and merges the shards' reports as the GitHub example does.
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
			slices.Sort(want)
			for round, status := range []string{"built", "cached"} {
				if round > 0 {
					// A new runner: the output folder is gone, the cache
					// is restored.
					if err := os.RemoveAll("out"); err != nil {
						t.Fatal(err)
					}
				}
				built := map[string]int{}
				for k := range tt.shards {
					for _, p := range runShard(t, tt.cmd(k), status) {
						built[p]++
					}
				}
				var got []string
				for p, n := range built {
					if n != 1 {
						t.Errorf("%s written by %d shards, want 1", p, n)
					}
					got = append(got, p)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("round %d: the shards wrote %q, want %q", round, got, want)
				}
			}
		})
	}
	t.Run("github-actions.yml merge", func(t *testing.T) {
		testMergeExample(t, gha, ghaShards)
	})
	t.Run("k8s-indexed-job.yaml retries", func(t *testing.T) {
		testRetryPolicy(t, k8s)
	})
}

// runShard runs the command line cmd of an example, whose files must have
// the given status, and returns the PDFs it wrote, relative to its output
// folder. Its stdout goes where the command line sends it, if anywhere.
func runShard(t *testing.T, cmd, status string) []string {
	t.Helper()
	args, stdoutFile := shellWords(t, cmd)
	args = rewriteOut(args)
	var stdout, stderr bytes.Buffer
	code := run(args[1:], env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: fixedEnv,
		terminal: func(io.Writer) bool { return false }, ctx: t.Context(),
	})
	if code != 0 {
		t.Fatalf("%q: exit %d\n%s", args, code, stderr.String())
	}
	if stdoutFile != "" {
		write(t, stdoutFile, stdout.String())
		var r report
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Files {
			if string(f.Status) != status {
				t.Errorf("%q: %s is %s, want %s", args, f.File, f.Status, status)
			}
		}
	} else if got := strings.Count(stdout.String(), "from the cache)\n"); (status == "cached") != (got > 0) {
		t.Errorf("%q: %d PDFs from the cache, want them %s:\n%s", args, got, status, stdout.String())
	}
	return wrotePaths(t, stdout.Bytes(), stdoutFile != "")
}

// testMergeExample runs the GitHub example's report merge over the
// reports its shards wrote, as the publish job finds them: one report of
// every file, exit status 0. It checks that the cache is shared: the
// restore keys go from the shard's own saves to any shard's.
func testMergeExample(t *testing.T, gha string, shards int) {
	key := find(t, gha, `(?m)^\s+key: (handout-cache-.*)$`)
	restore := regexp.MustCompile(`(?m)^\s+(handout-cache-.*)$`).FindAllStringSubmatch(gha, -1)
	if len(restore) != 2 || !strings.HasPrefix(key, restore[0][1]) || !strings.HasPrefix(restore[0][1], restore[1][1]) || strings.Contains(restore[1][1], "${{") {
		t.Errorf("github-actions.yml: key %q, restore-keys %q; want the shard's own saves first, then any shard's", key, restore)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "a.toml"), fixture(t, "worksheet-only.toml"))
	write(t, filepath.Join(dir, "content", "b.toml"), fixture(t, "worksheet-only.toml"))
	t.Chdir(dir)
	r := strings.NewReplacer("${{ env.SHARDS }}", strconv.Itoa(shards))
	build := find(t, gha, `(?m)run: \./(handout build .*)$`)
	for k := range shards {
		cmd := strings.NewReplacer("${{ matrix.shard }}", strconv.Itoa(k)).Replace(r.Replace(build))
		cmd = strings.Replace(cmd, "> report-", "> handouts/report-", 1) // where download-artifact puts them
		runShard(t, cmd, "built")
	}
	args, stdoutFile := shellWords(t, find(t, gha, `(?m)run: \./(handout report merge .*)$`))
	var expanded []string
	for _, a := range args[1:] {
		if strings.Contains(a, "*") {
			matches, _ := filepath.Glob(a)
			expanded = append(expanded, matches...)
			continue
		}
		expanded = append(expanded, a)
	}
	var stdout, stderr bytes.Buffer
	code := run(expanded, env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: fixedEnv,
		terminal: func(io.Writer) bool { return false }, ctx: t.Context()})
	var merged report
	if err := json.Unmarshal(stdout.Bytes(), &merged); err != nil || code != 0 || len(merged.Files) != 2 || stdoutFile != "report.json" {
		t.Errorf("%q: exit %d, %d files, stdout to %q (%v)\n%s", expanded, code, len(merged.Files), stdoutFile, err, stderr.String())
	}
}

// testRetryPolicy checks the Kubernetes example's podFailurePolicy: it
// fails a shard at once on any exit status but exitRetry, which it leaves
// to backoffLimitPerIndex, and ignores disruptions.
func testRetryPolicy(t *testing.T, k8s string) {
	policy := find(t, k8s, `(?s)podFailurePolicy:\n(.*?)\n  template:`)
	for _, want := range []string{
		"- action: Ignore\n        onPodConditions:\n          - type: DisruptionTarget",
		"- action: FailIndex\n        onExitCodes:\n          containerName: handout\n          operator: NotIn\n          values: [" + strconv.Itoa(exitRetry) + "]",
	} {
		if !strings.Contains(policy, want) {
			t.Errorf("k8s-indexed-job.yaml: podFailurePolicy does not say\n%s\nit says\n%s", want, policy)
		}
	}
	if find(t, k8s, `(?m)^\s+backoffLimitPerIndex: (\d+)`) == "0" || !strings.Contains(k8s, "- name: handout\n") {
		t.Error("k8s-indexed-job.yaml: no retries, or no container named handout")
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

// rewriteOut puts an absolute -o or --cache folder, such as the Job's
// /out, under the current folder.
func rewriteOut(args []string) []string {
	for i := 0; i+1 < len(args); i++ {
		if (args[i] == "-o" || args[i] == "--cache") && filepath.IsAbs(args[i+1]) {
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
