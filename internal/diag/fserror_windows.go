package diag

import "syscall"

// platformCauses are Windows error codes FSError names itself.
var platformCauses = map[syscall.Errno]string{
	19:  "所在的磁盘是只读的（写保护）",                            // ERROR_WRITE_PROTECT
	32:  "文件正被其它程序打开（例如在 Word、Excel 或 WPS 中），请关闭后重试", // ERROR_SHARING_VIOLATION
	33:  "文件正被其它程序打开（例如在 Word、Excel 或 WPS 中），请关闭后重试", // ERROR_LOCK_VIOLATION
	39:  "磁盘空间不足",                                    // ERROR_HANDLE_DISK_FULL
	112: "磁盘空间不足",                                    // ERROR_DISK_FULL
	206: "文件名或路径过长",                                  // ERROR_FILENAME_EXCED_RANGE
	267: "路径中有一项是文件而不是文件夹",                           // ERROR_DIRECTORY
}
