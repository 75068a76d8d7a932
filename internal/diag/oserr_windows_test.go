package diag

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A file another program holds open without sharing (as Word does) cannot
// be written or renamed; both messages say so instead of blaming the disk
// or permissions. CI runs this under wine (.ci/run).
func TestMessagesSayTheFileIsOpenElsewhere(t *testing.T) {
	// Not t.TempDir: wine 8, where CI runs this, cannot os.RemoveAll.
	dir, err := os.MkdirTemp("", "ipfund-diag-")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "报告.docx")
	defer os.Remove(dir)
	defer os.Remove(p)
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	name, _ := syscall.UTF16PtrFromString(p)
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ, syscall.FILE_SHARE_READ, nil, syscall.OPEN_EXISTING, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.CloseHandle(h)
	const want = "文件正被其它程序打开（例如在 Word、Excel 或 WPS 中），请关闭后重试"
	for _, err := range []error{os.WriteFile(p, []byte("y"), 0o644), os.Rename(p, p+".old")} {
		if got := IOError(err); got != want {
			t.Errorf("IOError(%v) = %q", err, got)
		}
		if got := FSError(err); got != want {
			t.Errorf("FSError(%v) = %q", err, got)
		}
	}
}
