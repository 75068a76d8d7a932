package outdir

import "golang.org/x/sys/unix"

// exchangeDirs swaps two directories at one instant (Linux 3.15 and later,
// on file systems that support it; the caller falls back otherwise).
func exchangeDirs(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
