// Package benchmem measures the peak memory of one run of a benchmarked
// function, for the benchmarks of issue 7 (see docs/performance.md).
package benchmem

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// PeakMB runs f once and returns the process's peak resident memory during
// the run, in MB: the heap is collected and returned to the system, the
// kernel's high-water mark (VmHWM) reset through /proc/self/clear_refs, f
// run, and VmHWM read. It returns 0 where /proc is not available.
func PeakMB(f func()) float64 {
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		f()
		return 0
	}
	f()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				return 0
			}
			return float64(kb) / 1024
		}
	}
	return 0
}
