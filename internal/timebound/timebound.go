// Package timebound lets a test (above all a fuzz target) fail when one
// input takes too long, instead of hanging the run: a bound on the time
// per input is what turns "no crash in three minutes" into "no input
// that takes minutes".
package timebound

import (
	"testing"
	"time"
)

// PerInput is the time one fuzz input may take. Inputs are kilobytes and
// take milliseconds; a second leaves room for a loaded machine and still
// catches anything quadratic or stuck.
const PerInput = time.Second

// Run runs f and fails t if it has not returned within limit. f runs on
// its own goroutine, which is left behind when it overruns: the test is
// failing anyway, and the fuzzer records the input.
func Run(t testing.TB, limit time.Duration, input []byte, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		t.Fatalf("one input took over %v (%d bytes): %.200q", limit, len(input), input)
	}
}
