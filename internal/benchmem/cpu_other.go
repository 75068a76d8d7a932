//go:build !unix

package benchmem

import "time"

// CPUTime is not measured here (no getrusage): benchmarks report 0 and
// docs/performance.md's processor times come from Linux.
func CPUTime() time.Duration { return 0 }
