package outdir

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCRLFToLFAcrossBlocks(t *testing.T) {
	for _, c := range []struct {
		blocks []string
		want   string
	}{
		{[]string{"a\r\nb\r\n"}, "a\nb\n"},
		{[]string{"a\r", "\nb"}, "a\nb"},
		{[]string{"a\r", "b"}, "a\rb"},
		{[]string{"a\r", "", "\n"}, "a\n"},
		{[]string{"a\r\r\n"}, "a\r\n"},
		{[]string{"a\r"}, "a\r"},
		{[]string{"\r", "\r", "\n"}, "\r\n"},
	} {
		var out bytes.Buffer
		c2 := &crlfToLF{w: &out}
		for _, b := range c.blocks {
			c2.Write([]byte(b))
		}
		c2.flush()
		if out.String() != c.want {
			t.Errorf("%q: got %q, want %q", c.blocks, out.String(), c.want)
		}
	}
}

func TestFileAsWrittenAfterCRLFCheckout(t *testing.T) {
	dir := t.TempDir()
	// A '\r' right at the end of the first block of the stream.
	text := strings.Repeat("x", chunk-1) + "\n" + strings.Repeat("年度 = 2019\n", 50000)
	wrote := sum([]byte(text))
	for name, content := range map[string]string{
		"lf":   text,
		"crlf": strings.ReplaceAll(text, "\n", "\r\n"),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if ok, err := fileAsWritten(p, wrote); !ok || err != nil {
			t.Errorf("%s: %v %v, want true", name, ok, err)
		}
	}
	p := filepath.Join(dir, "edited")
	os.WriteFile(p, []byte(strings.Replace(text, "2019", "2020", 1)), 0o644)
	if ok, err := fileAsWritten(p, wrote); ok || err != nil {
		t.Errorf("edited: %v %v, want false", ok, err)
	}
}

func TestFileHoldsAndSameBytes(t *testing.T) {
	dir := t.TempDir()
	want := bytes.Repeat([]byte("0123456789"), chunk/4) // two and a half blocks
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	same := write("same", want)
	last := append(append([]byte(nil), want[:len(want)-1]...), 'x')
	diffLast := write("last", last)
	short := write("short", want[:len(want)-1])
	for _, c := range []struct {
		path string
		want bool
	}{{same, true}, {diffLast, false}, {short, false}} {
		if got, err := fileHolds(c.path, want); got != c.want || err != nil {
			t.Errorf("fileHolds(%s) = %v %v, want %v", filepath.Base(c.path), got, err, c.want)
		}
	}
	if !sameBytes(same, write("copy", want)) || sameBytes(same, diffLast) || sameBytes(same, short) {
		t.Error("sameBytes wrong")
	}
	if sameBytes(same, dir) {
		t.Error("a folder is not the same as a file")
	}
	if _, err := fileHolds(dir, want); err == nil {
		t.Error("fileHolds read a folder")
	}
}

// A user's file of gigabytes beside the outputs costs no copy of itself:
// it is compared block by block (or, with another size, not read), and
// carried over by streaming.
func TestLargeFilesAreStreamed(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "扫描件.pdf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	const size = 64 << 20
	if err := f.Truncate(size); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ok, err := fileAsWritten(big, sum([]byte("x")))
	if ok || err != nil {
		t.Fatalf("fileAsWritten: %v %v", ok, err)
	}
	if ok, err := fileHolds(big, []byte("x")); ok || err != nil {
		t.Fatalf("fileHolds: %v %v", ok, err)
	}
	if !sameBytes(big, big) {
		t.Fatal("a file differs from itself")
	}
	if err := copyFile(big, filepath.Join(dir, "copy.pdf")); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("allocated %d MB for a %d MB file", alloc>>20, size>>20)
	}
	if info, err := os.Stat(filepath.Join(dir, "copy.pdf")); err != nil || info.Size() != size {
		t.Errorf("copy: %v %v", info, err)
	}
}

// A copy that fails half way leaves nothing behind: a truncated file in
// the new set would be moved back into out/<year> when the run is undone.
func TestFailedCopyLeavesNoFile(t *testing.T) {
	// /proc/self/mem is a regular file whose first page cannot be read.
	const src = "/proc/self/mem"
	if _, err := os.Stat(src); err != nil {
		t.Skip("no /proc here")
	}
	dst := filepath.Join(t.TempDir(), "报告（手工修改）.docx")
	if err := copyFile(src, dst); err == nil {
		t.Fatal("copying an unreadable file succeeded")
	}
	if _, err := os.Lstat(dst); !os.IsNotExist(err) {
		t.Errorf("a partial copy was left: %v", err)
	}
}

// A symbolic link in out/<year> is not a copy of what an unfinished run
// left: drain keeps the file, here the very one the link points at.
func TestDrainKeepsAFileALinkPointsAt(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	from := filepath.Join(src, "扫描件.pdf")
	if err := os.WriteFile(from, []byte("用户的文件"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(from, filepath.Join(dst, "扫描件.pdf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	notes := drain(src, dst, map[string]bool{})
	if got, err := os.ReadFile(from); err != nil || string(got) != "用户的文件" {
		t.Fatalf("the file was deleted: %v", err)
	}
	want := []string{
		from + " 与 " + dst + " 中的同名项不同，未移动也未删除；请核对后手工处理。",
		"临时文件夹 " + src + " 因此未删除；下次运行时会再处理，也可以核对后手工删除。",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}
