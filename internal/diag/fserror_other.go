//go:build !windows

package diag

import "syscall"

// platformCauses are system error codes FSError names itself (none beyond
// the portable ones here).
var platformCauses = map[syscall.Errno]string{}
