package diag

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"ipfund/internal/limits"
)

func TestIOErrorSpeaksChinese(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fund.toml")
	os.WriteFile(file, []byte("x"), 0o644)
	_, notDir := os.ReadFile(filepath.Join(file, "x.toml"))
	_, missing := os.ReadFile(filepath.Join(dir, "none.toml"))
	_, notZip := zip.NewReader(bytes.NewReader([]byte("不是压缩包")), 12)
	_, corrupt := io.ReadAll(flate.NewReader(strings.NewReader("\xff\xff\xff")))
	_, big := limits.ReadFile(file, 0)
	_, dirRead := limits.ReadFile(dir, 10)
	cases := []struct {
		err  error
		want string
	}{
		{notDir, "路径中有一部分不是目录"},
		{missing, "目录或文件不存在"},
		{notZip, "不是有效的 zip 压缩文件（.docx、.xlsx 都是 zip 格式），或文件已损坏"},
		{corrupt, "压缩数据已损坏，文件可能不完整"},
		{big, "文件过大（1 字节），超过上限 0 字节"},
		{&limits.TooLargeError{Size: -1, Limit: 4 << 20}, "文件过大，超过上限 4.0 MB"},
		{dirRead, "不是普通文件（是目录、设备、管道或套接字，不能作为文件读取）"},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "磁盘空间不足"},
		{syscall.Errno(250), "操作系统报告错误（错误号 250）"},
		{errors.New("something else"), "读写失败（原因不明）"},
	}
	for _, c := range cases {
		if got := IOError(c.err); got != c.want {
			t.Errorf("IOError(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestNoTranslationLeavesEnglish(t *testing.T) {
	word := regexp.MustCompile(`[a-z]{4,}`)
	ext := regexp.MustCompile(`\.[a-z]+`) // .docx, .xlsx: parts of file names
	for _, r := range osReasons {
		if w := word.FindString(ext.ReplaceAllString(r.zh, "")); w != "" {
			t.Errorf("%q contains %q", r.zh, w)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{300: "300 字节", 12800: "12.5 KB", 5 << 20: "5.0 MB", 4<<20 + 1: "4.0 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
