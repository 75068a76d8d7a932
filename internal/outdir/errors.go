package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"syscall"

	"ipfund/internal/diag"
	"ipfund/internal/safename"
)

// State says what a failed Replace left in out/<year>.
type State int

const (
	// Unchanged: nothing was changed.
	Unchanged State = iota
	// Restored: the swap had begun and was undone; the old set is back.
	Restored
	// Incomplete: even undoing failed; Msg says where everything is, and
	// the next run restores it.
	Incomplete
)

// Error is a failure to replace out/<year>, in Chinese: what failed and
// why (Msg), what state the directory is in (State) and what to do (Hint).
type Error struct {
	State State
	Msg   string
	Hint  string
	Err   error // the system's error, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// failed wraps a system error: what was being done, the cause in Chinese,
// and the hint that fits the cause.
func failed(s State, what string, err error) *Error {
	return &Error{State: s, Err: err, Msg: what + "：" + cause(err), Hint: hint(err)}
}

func cause(err error) string { return diag.FSError(err) }

// hint says what to do about a cause.
func hint(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), diag.FSError(err) == "磁盘空间不足":
		return "请清理磁盘空间后重新运行。"
	case errors.Is(err, syscall.EROFS):
		return "请把项目放在可以写入的磁盘上再运行。"
	case errors.Is(err, fs.ErrPermission) && runtime.GOOS == "windows":
		// Windows also says "access denied" for a folder holding a file
		// that Word or Excel has open.
		return "请关闭打开着其中文件的程序（Word、Excel、WPS 等），并检查文件夹是否设为只读，然后重新运行。"
	case errors.Is(err, fs.ErrPermission):
		return "请检查 out 文件夹及其中年度文件夹的写入权限（是否设为只读、是否属于其他用户）后重新运行。"
	case errors.Is(err, syscall.ENOTDIR):
		return "请把挡在路径上的同名文件改名或移走后重新运行。"
	}
	return "请检查磁盘和写入权限后重新运行。"
}

// LockedError says another run holds the year past the wait.
type LockedError struct {
	Dir string
	PID int // 0 when unknown
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("另一个生成过程正在写 %s（%s），请稍后再试", e.Dir, pidText(e.PID))
}

func pidText(pid int) string {
	if pid <= 0 {
		return "进程号未知"
	}
	return fmt.Sprintf("进程 %d", pid)
}

// checkName refuses a name that is not a plain, portable file name.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return errors.New("不是文件名")
	case len(name) > safename.MaxFileNameBytes:
		return fmt.Errorf("文件名过长（%d 字节，最多 %d 字节）", len(name), safename.MaxFileNameBytes)
	}
	if probs := safename.Problems(name, safename.MaxFileNameBytes); len(probs) > 0 {
		return fmt.Errorf("文件名%s", probs[0])
	}
	return nil
}

func showName(name string) string { return safename.Show(name) }
