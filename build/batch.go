package build

import (
	"os"
	"runtime"
	"sync"
)

// DefaultJobs is how many files All builds at a time when not told: half
// the CPUs Go may use, since each file's worksheet and summary are
// themselves made at the same time, and at least one.
func DefaultJobs() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// All builds the content files srcs, jobs at a time (DefaultJobs when jobs
// is less than 1), and writes their PDFs with WriteAtomic. It handles the
// files in the order of srcs: as soon as a file and every file before it
// are built, it writes the file's PDFs, worksheet first, and calls emit
// with the source, the outputs written and the error that stopped it, if
// any. So emit is called once per source, in order, from one goroutine at
// a time, and it can report progress as it goes.
//
// A file with errors writes no PDF, and when a PDF cannot be written the
// file's later PDF is not written either. All returns when every file is
// done.
func All(srcs []Source, opt Options, jobs int, emit func(Source, []Output, error)) {
	if jobs < 1 {
		jobs = DefaultJobs()
	}
	// At most 2*jobs files are built ahead of the one being written, so
	// that a slow file does not make All hold every other file's PDFs.
	ahead := make(chan struct{}, 2*jobs)
	todo := make(chan int)
	go func() {
		defer close(todo)
		for i := range srcs {
			ahead <- struct{}{}
			todo <- i
		}
	}()
	done := make([]chan result, len(srcs))
	for i := range done {
		done[i] = make(chan result, 1)
	}
	var wg sync.WaitGroup
	for range min(jobs, len(srcs)) {
		wg.Go(func() {
			for i := range todo {
				done[i] <- buildSource(srcs[i], opt)
			}
		})
	}
	for i, s := range srcs {
		r := <-done[i]
		if r.err == nil {
			r.outs, r.err = write(s, r.outs)
		}
		emit(s, r.outs, r.err)
		<-ahead
	}
	wg.Wait()
}

// result is one source's outputs, or the error that stopped it.
type result struct {
	outs []Output
	err  error
}

// buildSource reads and builds one content file.
func buildSource(s Source, opt Options) result {
	data, err := os.ReadFile(s.Name)
	if err != nil {
		return result{err: err}
	}
	outs, err := File(s.Name, data, opt)
	return result{outs, err}
}

// write writes s's outputs in order, stopping at the first that fails. It
// returns the outputs written and that failure.
func write(s Source, outs []Output) ([]Output, error) {
	for k, o := range outs {
		if err := WriteAtomic(s.Path(o.Suffix), o.PDF); err != nil {
			return outs[:k], err
		}
	}
	return outs, nil
}
