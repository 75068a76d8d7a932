package console

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// OwnWindow reports whether this program is the only process attached to
// its console: Windows opened the window for it (a double-click in
// Explorer), rather than a command prompt the user typed in.
func OwnWindow() bool {
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
