package diag

import (
	"errors"
	"syscall"
)

// Windows refuses to replace or rename a file, or a folder holding one,
// that another program (Word, WPS) has open.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

// inUse reports whether err says another program has the file open.
func inUse(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
