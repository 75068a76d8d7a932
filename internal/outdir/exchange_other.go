//go:build !linux && !darwin

package outdir

import "errors"

// exchangeDirs: no atomic exchange on this system; the caller uses two
// renames, whose crash window Recover closes.
func exchangeDirs(a, b string) error { return errors.ErrUnsupported }
