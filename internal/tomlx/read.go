package tomlx

import (
	"errors"
	"fmt"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

// ReadFile reads a data file for Decode within limits.DataFile: a file
// over it, or anything but a regular file (a directory, /dev/zero, a
// FIFO), is refused before it is read whole, with the reason in Chinese.
func ReadFile(name string) ([]byte, *diag.Diagnostic) {
	src, err := limits.ReadFile(name, limits.DataFile)
	if err == nil {
		return src, nil
	}
	d := &diag.Diagnostic{Pos: diag.Pos{File: name}}
	var tl *limits.TooLargeError
	switch {
	case errors.As(err, &tl) && tl.Size >= 0:
		d.Msg = fmt.Sprintf("文件过大（%s），超过数据文件上限 %s。", diag.Size(tl.Size), diag.Size(limits.DataFile))
		d.Hint = "数据文件只应包含文字和数字；请确认没有误放其它文件。很长的明细表（如上十万行的名单）请保存为 .xlsx 或 .csv 表格，用“rows_from”读取（见 README“明细行取自表格文件”）。"
	case errors.As(err, &tl):
		d.Msg = fmt.Sprintf("文件在读取时超过了数据文件上限 %s（可能正被其它程序写入）。", diag.Size(limits.DataFile))
		d.Hint = "请等写入结束后再运行；数据文件只应包含文字和数字。"
	case errors.Is(err, limits.ErrNotRegular):
		d.Msg = "这不是普通文件（而是目录、设备、管道或套接字），不能作为数据文件读取。"
		d.Hint = "请把它移出数据目录，或换成真正的数据文件。"
	default:
		d.Msg = "无法读取文件：" + diag.IOError(err) + "。"
	}
	return nil, d
}
