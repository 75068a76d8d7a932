//go:build unix

package soffice

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup runs the command in a process group of its own, which
// a cancellation kills as a whole (soffice and the soffice.bin it starts).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
