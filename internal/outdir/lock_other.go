//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package outdir

import "os"

const removeLockFile = false

const noFollow = 0

// tryLock: no advisory lock on this system; runs of the same year are not
// kept apart (the README says so).
func tryLock(f *os.File) (bool, error) { return true, nil }

func unlockFile(f *os.File) {}
