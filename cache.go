package main

import (
	"flag"
	"fmt"

	"handout/build"
)

// cacheVar is the environment variable that names the cache when --cache
// is not given.
const cacheVar = "HANDOUT_CACHE"

// cacheFlags defines --cache, whose default is $HANDOUT_CACHE, and
// --cache-max, for build and plan, and returns the value of --cache-max.
func cacheFlags(fl *flag.FlagSet, cmd string, o *options, getenv func(string) string) *string {
	max := new("")
	if cmd == "build" || cmd == "plan" {
		fl.StringVar(&o.cache, "cache", getenv(cacheVar), "the cache `DIR`")
		fl.StringVar(max, "cache-max", "", "keep at most `SIZE` bytes in the cache")
	}
	return max
}

// parseCacheMax returns the bytes that --cache-max s asks for, or a
// problem with it; 0 when it is not given.
func parseCacheMax(s, cache string) (int64, string) {
	if s == "" {
		return 0, ""
	}
	if cache == "" {
		return 0, "--cache-max needs a cache: --cache DIR, or " + cacheVar
	}
	n, err := build.ParseSize(s)
	if err != nil {
		return 0, "--cache-max: " + err.Error()
	}
	return n, ""
}

// useCache opens the cache that o names, if any, for b, a build of paths.
// Without SOURCE_DATE_EPOCH the cache is not used, and the warning says
// so: each PDF then carries the time it was built, so no PDF built before
// is the one this build would make. A cache that cannot be opened stops
// handout, with the status that failure returns for it; code is -1 when
// handout goes on.
func useCache(b *build.Batch, o options, e env, paths []string) (code int, warning error) {
	if o.cmd != "build" || o.cache == "" {
		return -1, nil
	}
	if e.getenv("SOURCE_DATE_EPOCH") == "" {
		return -1, errNoEpoch(o.cache)
	}
	c, err := build.OpenCache(o.cache, o.cacheMax, paths...)
	if err != nil {
		fmt.Fprintf(e.stderr, "handout %s: %s\n", o.cmd, escapeName(err.Error()))
		return failure(err), nil
	}
	b.Cache = c
	return -1, nil
}

// failure returns the exit status of err, a failure that stops handout
// before any file is built: exitRetry when a retry may cure it (see
// build.Retryable), else exitFailed.
func failure(err error) int {
	if build.Retryable(err) {
		return exitRetry
	}
	return exitFailed
}

// errNoEpoch is the warning of the cache dir, not used for want of
// SOURCE_DATE_EPOCH.
func errNoEpoch(dir string) error {
	return fmt.Errorf("the cache %s is not used: without SOURCE_DATE_EPOCH each PDF carries the time it was built, so no PDF built before is the one this build would make; set SOURCE_DATE_EPOCH (see docs/ci.md)", dir)
}
