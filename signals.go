package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// The exit statuses of a run stopped by a signal, as shells report a
// process killed by one: 128 and the signal's number.
const (
	exitInterrupted = 130 // SIGINT, Ctrl-C
	exitTerminated  = 143 // SIGTERM: a CI job cancelled, a pod evicted
)

// stopSignal is the cause of a context cancelled by a signal.
type stopSignal struct{ sig os.Signal }

func (s stopSignal) Error() string { return "stopped by " + signalName(s.sig) }

// status returns the exit status of a run stopped by s.
func (s stopSignal) status() int { return signalStatus(s.sig) }

// signalStatus returns the exit status of a run stopped by sig.
func signalStatus(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

// signalName names sig as people know it.
func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// onSignals returns a context that is cancelled, with a stopSignal as its
// cause, when the first signal arrives on sigs, and says so on stderr:
// handout then finishes what it is writing and stops. On a second signal it stops at once: it calls
// removeTemps (build.RemoveTemps: the temporary files of the writes in
// progress), says so on stderr and calls exit with the second signal's
// status. stop ends the watching; call it before returning.
func onSignals(parent context.Context, sigs <-chan os.Signal, stderr io.Writer, removeTemps func(), exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "handout: %s: finishing the PDFs being written; %[1]s again to stop at once\n", signalName(sig))
			cancel(stopSignal{sig})
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			removeTemps()
			fmt.Fprintf(stderr, "handout: %s again: stopped at once; the PDFs written last may be rebuilt next time\n", signalName(sig))
			exit(signalStatus(sig))
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		cancel(nil)
	}
}

// stopStatus returns the exit status of a run whose context is ctx: 0 when
// it was not stopped, else that of the signal that stopped it (130 when
// it was cancelled otherwise).
func stopStatus(ctx context.Context) int {
	if ctx.Err() == nil {
		return 0
	}
	var s stopSignal
	if errors.As(context.Cause(ctx), &s) {
		return s.status()
	}
	return exitInterrupted
}
