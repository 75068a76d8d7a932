package outdir

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// Windows cannot remove a file another process has open.
const removeLockFile = false

// noFollow: Windows opens the link itself only with special flags; the
// regular-file check after opening covers it.
const noFollow = 0

// lockRange is the byte the lock is taken on: far past the process id at
// the start of the file, which other runs must still be able to read
// (Windows locks are mandatory).
var lockRange = windows.Overlapped{Offset: 0, OffsetHigh: 1}

// tryLock takes LockFileEx's exclusive lock without waiting.
func tryLock(f *os.File) (bool, error) {
	ol := lockRange
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

func unlockFile(f *os.File) {
	ol := lockRange
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
