//go:build unix

package benchmem

import (
	"syscall"
	"time"
)

// CPUTime is the processor time the process has used so far, user and
// system, all threads: a measure of work that, unlike wall time, does not
// grow when other programs share the machine's cores.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
