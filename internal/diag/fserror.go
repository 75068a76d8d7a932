package diag

import (
	"errors"
	"io/fs"
	"syscall"
)

// FSError says in Chinese why a file or folder could not be written,
// moved or locked: IOError's cases, and the ones writing out/<year> meets
// (a read-only disk, a file where a folder should be, a file held open by
// Word). What it does not know it labels as the system's own words.
func FSError(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if s, ok := platformCauses[errno]; ok {
			return s
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EROFS):
		return "所在的磁盘是只读的"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（文件夹可能被设为只读，或属于其他用户）"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一项是文件而不是文件夹"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹而不是文件"
	case errors.Is(err, fs.ErrNotExist):
		return "目录或文件不存在"
	case errors.Is(err, fs.ErrExist), errors.Is(err, syscall.ENOTEMPTY):
		return "已有同名的文件或文件夹"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名或路径过长"
	case errors.Is(err, syscall.EBUSY):
		return "文件正被其它程序使用"
	case errors.Is(err, syscall.EIO):
		return "磁盘读写出错"
	case errors.Is(err, syscall.ELOOP):
		return "这是一个链接，程序不经过链接写文件"
	case errors.Is(err, syscall.EXDEV):
		return "不在同一个磁盘上，无法移动"
	}
	if errno != 0 {
		return "系统报告的错误：" + errno.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "系统报告的错误：" + pe.Err.Error()
	}
	return err.Error()
}
