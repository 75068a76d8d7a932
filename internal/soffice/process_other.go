//go:build !unix

package soffice

import "os/exec"

// ownProcessGroup: elsewhere (Windows) the default cancellation, killing
// soffice, is all there is; WaitDelay still bounds the wait.
func ownProcessGroup(cmd *exec.Cmd) {}
