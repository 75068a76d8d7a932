package diag

import (
	"archive/zip"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"syscall"

	"ipfund/internal/limits"
)

// The operating system, archive/zip, compress/flate and encoding/xml speak
// English; staff read Chinese. osReasons translates what they report into
// what a person can act on; the original text is never shown.
var osReasons = []struct {
	err error
	zh  string
}{
	{fs.ErrNotExist, "目录或文件不存在"},
	{fs.ErrPermission, "没有权限"},
	{fs.ErrExist, "文件已存在"},
	{limits.ErrNotRegular, "不是普通文件（是目录、设备、管道或套接字，不能作为文件读取）"},
	{syscall.ENOSPC, "磁盘空间不足"},
	{syscall.EDQUOT, "磁盘配额已用完"},
	{syscall.ENOTDIR, "路径中有一部分不是目录"},
	{syscall.EISDIR, "这是一个目录，不是文件"},
	{syscall.ELOOP, "符号链接层数过多（可能指向自己）"},
	{syscall.ENAMETOOLONG, "文件名或路径过长"},
	{syscall.EROFS, "磁盘是只读的"},
	{syscall.EMFILE, "同时打开的文件过多"},
	{syscall.ENFILE, "同时打开的文件过多"},
	{syscall.EIO, "磁盘读写出错（硬件或网络盘故障）"},
	{syscall.EBUSY, "文件或目录正被占用"},
	{syscall.EXDEV, "不能在不同磁盘之间移动"},
	{syscall.ENOTEMPTY, "目录不是空的"},
	{syscall.EAGAIN, "暂时无法读取（文件正被其他程序独占）"},
	{zip.ErrFormat, "不是有效的 zip 压缩文件（.docx、.xlsx 都是 zip 格式），或文件已损坏"},
	{zip.ErrAlgorithm, "使用了不支持的压缩方式"},
	{zip.ErrChecksum, "内容校验失败，文件已损坏"},
	{zip.ErrInsecurePath, "压缩包中有不安全的路径"},
	{io.ErrUnexpectedEOF, "文件不完整（意外结束），可能已损坏"},
}

// describe says in Chinese why err happened.
func describe(err error) string {
	var tl *limits.TooLargeError
	if errors.As(err, &tl) {
		if tl.Size >= 0 {
			return fmt.Sprintf("文件过大（%s），超过上限 %s", Size(tl.Size), Size(tl.Limit))
		}
		return "文件过大，超过上限 " + Size(tl.Limit)
	}
	// Windows' own codes first: a file held open by Word is a sharing
	// violation, not a permission problem.
	var code syscall.Errno
	if errors.As(err, &code) {
		if s, ok := platformCauses[code]; ok {
			return s
		}
	}
	for _, r := range osReasons {
		if errors.Is(err, r.err) {
			return r.zh
		}
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return "压缩数据已损坏，文件可能不完整"
	}
	var xe *xml.SyntaxError
	if errors.As(err, &xe) {
		return fmt.Sprintf("XML 格式错误（第 %d 行），文件可能已损坏", xe.Line)
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Sprintf("操作系统报告错误（错误号 %d）", uint(errno))
	}
	return "读写失败（原因不明）"
}

// Size renders a byte count for messages: 5.0 MB, 12.5 KB, 300 字节.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " 字节"
}
