//go:build !windows

package console

// OwnWindow is false: only Windows opens a console window for a program.
func OwnWindow() bool { return false }
