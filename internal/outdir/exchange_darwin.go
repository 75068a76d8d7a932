package outdir

import "golang.org/x/sys/unix"

// exchangeDirs swaps two directories at one instant (APFS; the caller falls
// back elsewhere).
func exchangeDirs(a, b string) error { return unix.RenamexNp(a, b, unix.RENAME_SWAP) }
