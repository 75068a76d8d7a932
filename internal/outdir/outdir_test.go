package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// snapshot describes a directory tree: each file by its contents, each
// folder, each link by its target. The manifest is left out (it is
// checked on its own).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case rel == "." || rel == ManifestName:
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			out[rel] = "link:" + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func same(a, b map[string]string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replace(t *testing.T, dir string, files ...File) *Report {
	t.Helper()
	rep, err := Replace(dir, files, Options{})
	if err != nil {
		t.Fatalf("Replace: %v", err)
	}
	return rep
}

func f(name, data string) File { return File{Name: name, Data: []byte(data)} }

// onlyYear checks that the parent of dir holds nothing but dir: no
// temporary folder, no lock file.
func onlyYear(t *testing.T, dir string) {
	t.Helper()
	if got := names(t, filepath.Dir(dir)); len(got) != 1 || got[0] != filepath.Base(dir) {
		t.Errorf("leftovers beside %s: %v", dir, got)
	}
}

func TestReplaceSwapsTheSetAndRemovesWhatItNoLongerMakes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "2019")
	replace(t, dir, f("a.txt", "1"), f("b.txt", "2"))
	rep := replace(t, dir, f("a.txt", "3"))
	if got := snapshot(t, dir); !same(got, map[string]string{"a.txt": "3"}) {
		t.Errorf("dir holds %v", got)
	}
	if fmt.Sprint(rep.Removed) != "[b.txt]" || len(rep.Kept) != 0 || len(rep.Notes) != 0 {
		t.Errorf("report %+v", rep)
	}
	want := "# ipfund 生成的文件清单：下列文件由程序生成，等号右边是生成时内容的 SHA-256 摘要。\n" +
		"# 重新生成时程序只替换、删除这里列出的文件；本文件夹中的其它文件、文件夹原样保留。\n" +
		"# 列出的文件生成后被改动过的，改动后的内容会另存一份，不会被覆盖。请勿修改或删除本文件。\n" +
		"[files]\n\"a.txt\" = \"4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce\"\n"
	if got := read(t, filepath.Join(dir, ManifestName)); got != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", got, want)
	}
	onlyYear(t, dir)
}

// The user's files, folders and links survive a replace untouched: the
// same file (not a copy), the same folder with its contents, the same link.
func TestTheUsersEntriesAreCarriedOverUntouched(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("报告.docx", "old"))
	scan := filepath.Join(dir, "盖章版扫描件.pdf")
	os.WriteFile(scan, []byte("scan"), 0o600)
	before, _ := os.Stat(scan)
	os.MkdirAll(filepath.Join(dir, "底稿", "子"), 0o755)
	os.WriteFile(filepath.Join(dir, "底稿", "子", "x.txt"), []byte("x"), 0o644)
	os.Symlink("../elsewhere", filepath.Join(dir, "链接"))
	rep := replace(t, dir, f("报告.docx", "new"))
	want := map[string]string{"报告.docx": "new", "盖章版扫描件.pdf": "scan", "底稿": "dir", filepath.Join("底稿", "子"): "dir",
		filepath.Join("底稿", "子", "x.txt"): "x", "链接": "link:../elsewhere"}
	if got := snapshot(t, dir); !same(got, want) {
		t.Errorf("dir holds %v\nwant %v", got, want)
	}
	after, _ := os.Stat(scan)
	if !os.SameFile(before, after) || after.Mode().Perm() != 0o600 || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the scan was not carried over as the same file: %v %v", before, after)
	}
	if got := fmt.Sprint(rep.Kept); got != "[{底稿 true false} {盖章版扫描件.pdf false false} {链接 false true}]" {
		t.Errorf("kept %s", got)
	}
	onlyYear(t, dir)
}

func TestAFileEditedSinceItWasWrittenIsKeptAsACopy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("figures.toml", "a = 1\n"), f("旧表.xlsx", "old"), f("gone.txt", "g"))
	os.WriteFile(filepath.Join(dir, "figures.toml"), []byte("a = 2 # 手改\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "旧表.xlsx"), []byte("old, edited"), 0o644)
	rep := replace(t, dir, f("figures.toml", "a = 1\n"))
	want := map[string]string{"figures.toml": "a = 1\n", "figures（手工修改）.toml": "a = 2 # 手改\n", "旧表.xlsx": "old, edited"}
	if got := snapshot(t, dir); !same(got, want) {
		t.Errorf("dir holds %v", got)
	}
	if fmt.Sprint(rep.Saved) != "[{figures.toml figures（手工修改）.toml true}]" || fmt.Sprint(rep.Released) != "[旧表.xlsx]" || fmt.Sprint(rep.Removed) != "[gone.txt]" {
		t.Errorf("report %+v", rep)
	}
	// The copy and the released file are the user's now: the next run
	// keeps them, and a second edit gets the next free name.
	os.WriteFile(filepath.Join(dir, "figures.toml"), []byte("a = 3\n"), 0o644)
	rep = replace(t, dir, f("figures.toml", "a = 1\n"))
	if _, err := os.Stat(filepath.Join(dir, "figures（手工修改2）.toml")); err != nil || len(rep.Kept) != 2 {
		t.Errorf("second edit: %v %+v", err, rep)
	}
	// A checkout that turned the line ends into CRLF is not an edit.
	replace(t, dir, f("figures.toml", "a = 1\nb = 2\n"))
	os.WriteFile(filepath.Join(dir, "figures.toml"), []byte("a = 1\r\nb = 2\r\n"), 0o644)
	if rep = replace(t, dir, f("figures.toml", "a = 1\n")); len(rep.Saved) != 0 {
		t.Errorf("CRLF checkout saved as an edit: %+v", rep)
	}
	// An edit that happens to equal the new output is simply replaced.
	os.WriteFile(filepath.Join(dir, "figures.toml"), []byte("a = 9\n"), 0o644)
	if rep = replace(t, dir, f("figures.toml", "a = 9\n")); len(rep.Saved) != 0 {
		t.Errorf("identical edit saved: %+v", rep)
	}
}

func TestAFileOfTheUsersInTheWayOfANewOneIsRenamed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("mine"), 0o644)
	replace(t, dir, f("b.txt", "b")) // a.txt is foreign from here on
	rep := replace(t, dir, f("a.txt", "tool"), f("b.txt", "b"))
	want := map[string]string{"a.txt": "tool", "a（原有文件）.txt": "mine", "b.txt": "b"}
	if got := snapshot(t, dir); !same(got, want) || fmt.Sprint(rep.Saved) != "[{a.txt a（原有文件）.txt false}]" {
		t.Errorf("dir holds %v, report %+v", got, rep)
	}
	os.Remove(filepath.Join(dir, "b.txt"))
	os.MkdirAll(filepath.Join(dir, "b.txt"), 0o755)
	before := snapshot(t, dir)
	_, err := Replace(dir, []File{f("a.txt", "tool"), f("b.txt", "b")}, Options{})
	var oe *Error
	if !errors.As(err, &oe) || oe.State != Unchanged || oe.Msg != filepath.Join(dir, "b.txt")+" 是一个文件夹，与要生成的文件同名" || oe.Hint != "请把它改名或移走后重新运行。" {
		t.Fatalf("got %#v", err)
	}
	if !same(snapshot(t, dir), before) {
		t.Error("the refused run changed the directory")
	}
	onlyYear(t, dir)
}

// A directory written before manifests existed: files named like the new
// ones are taken as the tool's, everything else as the user's.
func TestADirectoryWithoutAManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "figures.toml"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dir, "old-name.docx"), []byte("old doc"), 0o644)
	rep := replace(t, dir, f("figures.toml", "new"))
	if got := snapshot(t, dir); !same(got, map[string]string{"figures.toml": "new", "old-name.docx": "old doc"}) || len(rep.Saved) != 0 {
		t.Errorf("dir holds %v, report %+v", got, rep)
	}
}

func TestAllocationAloneCarriesTheOtherJobsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023")
	replace(t, dir, f("report.docx", "r"), f("alloc.xlsx", "old"), f("alloc-old.toml", "x"))
	os.WriteFile(filepath.Join(dir, "report.docx"), []byte("r, edited"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	owns := func(name string) bool { return strings.HasPrefix(name, "alloc") }
	rep, err := Replace(dir, []File{f("alloc.xlsx", "new")}, Options{Owns: owns})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"report.docx": "r, edited", "alloc.xlsx": "new", "sub": "dir"}
	if got := snapshot(t, dir); !same(got, want) || fmt.Sprint(rep.Removed) != "[alloc-old.toml]" {
		t.Errorf("dir holds %v, report %+v", got, rep)
	}
	// report.docx is still the tool's, with the hash it was written with:
	// the next full build sees the edit.
	rep = replace(t, dir, f("report.docx", "r2"), f("alloc.xlsx", "new"))
	if fmt.Sprint(rep.Saved) != "[{report.docx report（手工修改）.docx true}]" {
		t.Errorf("report %+v", rep)
	}
}

// The writer's own defence: whatever the loaders let through, no output
// name leaves the directory or is unusable on Windows.
func TestTheWriterRefusesNamesOutsideTheDirectory(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out", "2019")
	for _, name := range []string{"../x.docx", "../../../../tmp/x/报告.docx", "/tmp/x.docx", "a/b.docx", `a\b.docx`, "..", ".", "",
		"CON.docx", "a:b.docx", "报告\n.docx", " 报告.docx", "报告.docx.", strings.Repeat("长", 90) + ".docx", ManifestName} {
		_, err := Replace(dir, []File{f("ok.txt", "1"), {Name: name, Data: []byte("x")}}, Options{})
		var oe *Error
		if !errors.As(err, &oe) || oe.State != Unchanged || !strings.HasPrefix(oe.Msg, "拒绝写入文件“") ||
			!strings.HasSuffix(oe.Msg, "；输出文件只能直接写在 "+dir+" 中") {
			t.Errorf("%q: %v", name, err)
		}
	}
	_, err := Replace(dir, []File{f("a.txt", "1"), f("A.txt", "2")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "“A.txt”：与另一个输出文件同名") {
		t.Errorf("case clash: %v", err)
	}
	if got := names(t, root); len(got) != 0 {
		t.Errorf("something was written: %v", got)
	}
}

func TestTheDirectoryMustBeAFolder(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "2019")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err := Replace(file, []File{f("a.txt", "1")}, Options{})
	if err == nil || err.Error() != file+" 是一个文件，不是文件夹" {
		t.Errorf("file: %v", err)
	}
	link := filepath.Join(root, "2020")
	os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755)
	os.Symlink("elsewhere", link)
	_, err = Replace(link, []File{f("a.txt", "1")}, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), link+" 是一个链接") {
		t.Errorf("link: %v", err)
	}
	if got := names(t, filepath.Join(root, "elsewhere")); len(got) != 0 {
		t.Errorf("written through the link: %v", got)
	}
	parentFile := filepath.Join(root, "outfile")
	os.WriteFile(parentFile, []byte("x"), 0o644)
	_, err = Replace(filepath.Join(parentFile, "2019"), []File{f("a.txt", "1")}, Options{})
	if err == nil || err.Error() != "无法建立文件夹 "+parentFile+"：路径中有一项是文件而不是文件夹" {
		t.Errorf("parent is a file: %v", err)
	}
}

func TestAReadOnlyDirectoryIsLeftAlone(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("permissions do not bind this user (see the command's test run as nobody)")
	}
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "old"))
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, err := Replace(dir, []File{f("a.txt", "new")}, Options{})
	var oe *Error
	if !errors.As(err, &oe) || oe.State != Unchanged || oe.Msg != dir+" 不能写入：没有权限（文件夹可能被设为只读，或属于其他用户）" {
		t.Errorf("got %v", err)
	}
	if read(t, filepath.Join(dir, "a.txt")) != "old" {
		t.Error("changed")
	}
	onlyYear(t, dir)
}

func TestFullDiskLeavesTheOldSet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.docx", "old a"), f("b.xlsx", "old b"))
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	before := snapshot(t, dir)
	written := 0
	writeFile = func(path string, data []byte) error {
		if written == 2 { // the manifest, a.docx, then b.xlsx finds the disk full
			os.WriteFile(path, data[:len(data)/2], 0o644)
			return syscall.ENOSPC
		}
		written++
		return writeSynced(path, data)
	}
	defer func() { writeFile = writeSynced }()
	_, err := Replace(dir, []File{f("a.docx", "new a"), f("b.xlsx", "new b")}, Options{})
	var oe *Error
	if !errors.As(err, &oe) || oe.State != Unchanged || oe.Msg != "写入 b.xlsx 失败：磁盘空间不足" || oe.Hint != "请清理磁盘空间后重新运行。" {
		t.Fatalf("got %#v", err)
	}
	if !same(snapshot(t, dir), before) {
		t.Errorf("old set changed: %v", snapshot(t, dir))
	}
	onlyYear(t, dir)
}

// crash stops a run dead at a checkpoint, as a kill would: no clean-up
// runs (the lock goes, as the system releases it when a process dies).
type crash struct{}

func crashAt(step string) func(string) {
	return func(s string) {
		if s == step {
			panic(crash{})
		}
	}
}

func replaceCrashing(t *testing.T, dir string, step string, files ...File) (crashed bool) {
	t.Helper()
	checkpoint = crashAt(step)
	defer func() {
		checkpoint = func(string) {}
		if r := recover(); r != nil {
			if _, ok := r.(crash); !ok {
				panic(r)
			}
			crashed = true
		}
	}()
	if _, err := Replace(dir, files, Options{}); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return false
}

// TestAKillAtAnyStepLeavesOneWholeSet stops a replace at every step, with
// the atomic exchange and with the two-rename fallback: out/<year> then
// holds the old set or the new one (after Recover, which every run does
// first), with the user's entries in it, and nothing is left beside it.
func TestAKillAtAnyStepLeavesOneWholeSet(t *testing.T) {
	for _, mode := range []string{"exchange", "fallback", "no hard links"} {
		for _, step := range []string{"manifest", "files", "linked", "moved", "between-renames", "swapped"} {
			if step == "between-renames" && mode != "fallback" {
				continue
			}
			t.Run(mode+"/"+step, func(t *testing.T) {
				switch mode {
				case "fallback":
					exchange = func(a, b string) error { return errors.ErrUnsupported }
					defer func() { exchange = exchangeDirs }()
				case "no hard links":
					link = func(a, b string) error { return &os.LinkError{Op: "link", Old: a, New: b, Err: syscall.EPERM} }
					defer func() { link = os.Link }()
				}
				dir := filepath.Join(t.TempDir(), "2019")
				replace(t, dir, f("a.docx", "old a"), f("b.xlsx", "old b"), f("stale.txt", "s"), f("edited.txt", "e"))
				os.WriteFile(filepath.Join(dir, "edited.txt"), []byte("e, edited"), 0o644)
				os.WriteFile(filepath.Join(dir, "盖章版扫描件.pdf"), []byte("scan"), 0o644)
				os.MkdirAll(filepath.Join(dir, "底稿"), 0o755)
				os.WriteFile(filepath.Join(dir, "底稿", "x"), []byte("x"), 0o644)
				os.Symlink("a.docx", filepath.Join(dir, "link"))
				old := snapshot(t, dir)
				user := map[string]string{"盖章版扫描件.pdf": "scan", "底稿": "dir", filepath.Join("底稿", "x"): "x", "link": "link:a.docx"}
				neu := map[string]string{"a.docx": "new a", "b.xlsx": "new b", "edited.txt": "e", "edited（手工修改）.txt": "e, edited"}
				for k, v := range user {
					neu[k] = v
				}
				if !replaceCrashing(t, dir, step, f("a.docx", "new a"), f("b.xlsx", "new b"), f("edited.txt", "e")) {
					t.Fatalf("never reached %s", step)
				}
				notes, err := Recover(dir, Options{})
				if err != nil {
					t.Fatal(err)
				}
				got := snapshot(t, dir)
				switch {
				case same(got, old):
				case same(got, neu):
				default:
					t.Fatalf("after a kill at %s and Recover: %v (notes %v)", step, got, notes)
				}
				if len(notes) == 0 {
					t.Error("Recover said nothing")
				}
				onlyYear(t, dir)
				// The next run finishes the job.
				replace(t, dir, f("a.docx", "new a"), f("b.xlsx", "new b"), f("edited.txt", "e"))
				if got := snapshot(t, dir); !same(got, neu) {
					t.Errorf("next run: %v", got)
				}
				onlyYear(t, dir)
			})
		}
	}
}

func TestAFailedSecondRenameRestoresTheOldSet(t *testing.T) {
	exchange = func(a, b string) error { return errors.ErrUnsupported }
	defer func() { exchange, rename = exchangeDirs, os.Rename }()
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "old"))
	os.MkdirAll(filepath.Join(dir, "底稿"), 0o755)
	before := snapshot(t, dir)
	n := 0
	rename = func(from, to string) error {
		if strings.HasPrefix(filepath.Base(from), ".2019.new-") && to == dir {
			n++
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	}
	_, err := Replace(dir, []File{f("a.txt", "new")}, Options{})
	var oe *Error
	if !errors.As(err, &oe) || oe.State != Restored || oe.Msg != "替换 "+dir+" 时失败：磁盘读写出错" || n != 1 {
		t.Fatalf("got %#v", err)
	}
	if !same(snapshot(t, dir), before) {
		t.Errorf("not restored: %v", snapshot(t, dir))
	}
	onlyYear(t, dir)

	// If even moving the old set back fails, the error says where
	// everything is, and the next run puts it back.
	rename = func(from, to string) error {
		if to == dir {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	}
	_, err = Replace(dir, []File{f("a.txt", "new")}, Options{})
	if !errors.As(err, &oe) || oe.State != Incomplete || !strings.Contains(oe.Msg, "原有文件现在在 "+filepath.Join(filepath.Dir(dir), ".2019.old-")) {
		t.Fatalf("got %#v", err)
	}
	rename = os.Rename
	notes, err := Recover(dir, Options{})
	if err != nil || !same(snapshot(t, dir), before) || len(notes) == 0 || notes[0] != "上次的生成过程在替换文件时被中断，已把原有文件放回 "+dir+"。" {
		t.Errorf("recover: %v %v %v", err, notes, snapshot(t, dir))
	}
	onlyYear(t, dir)
}

func TestRecoverWithoutLeftoversTouchesNothing(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "2019")
	if notes, err := Recover(dir, Options{}); err != nil || notes != nil {
		t.Errorf("%v %v", notes, err)
	}
	if got := names(t, root); len(got) != 0 {
		t.Errorf("Recover wrote %v", got)
	}
}

func TestASecondRunWaitsForTheLockThenGivesUp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "1"))
	held, err := lock(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var waited []int
	start := time.Now()
	_, err = Replace(dir, []File{f("a.txt", "2")}, Options{Wait: 300 * time.Millisecond, OnWait: func(pid int) { waited = append(waited, pid) }})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || err.Error() != fmt.Sprintf("另一个生成过程正在写 %s（进程 %d），请稍后再试", dir, os.Getpid()) {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) < 300*time.Millisecond || fmt.Sprint(waited) != fmt.Sprint([]int{os.Getpid()}) {
		t.Errorf("waited %v, told %v", time.Since(start), waited)
	}
	if read(t, filepath.Join(dir, "a.txt")) != "1" {
		t.Error("written under another's lock")
	}
	// Released in time, the waiting run goes ahead.
	go func() { time.Sleep(200 * time.Millisecond); held.release() }()
	if _, err := Replace(dir, []File{f("a.txt", "3")}, Options{Wait: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dir, "a.txt")) != "3" {
		t.Error("not written")
	}
	onlyYear(t, dir)
}

func TestConcurrentReplacesOfOneYear(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "0"))
	os.WriteFile(filepath.Join(dir, "mine.pdf"), []byte("mine"), 0o644)
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Replace(dir, []File{f("a.txt", "1"), f("b.txt", "2")}, Options{})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := snapshot(t, dir); !same(got, map[string]string{"a.txt": "1", "b.txt": "2", "mine.pdf": "mine"}) {
		t.Errorf("dir holds %v", got)
	}
	onlyYear(t, dir)
}

// Without hard links the user's file is moved (still the same file), the
// tool's files are copied; nothing is left behind.
func TestWithoutHardLinks(t *testing.T) {
	link = func(a, b string) error { return &os.LinkError{Op: "link", Old: a, New: b, Err: syscall.EPERM} }
	defer func() { link = os.Link }()
	dir := filepath.Join(t.TempDir(), "2023")
	replace(t, dir, f("report.docx", "r"), f("alloc.xlsx", "old"))
	scan := filepath.Join(dir, "scan.pdf")
	os.WriteFile(scan, []byte("scan"), 0o644)
	before, _ := os.Stat(scan)
	owns := func(name string) bool { return name == "alloc.xlsx" }
	if _, err := Replace(dir, []File{f("alloc.xlsx", "new")}, Options{Owns: owns}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(scan)
	if got := snapshot(t, dir); !same(got, map[string]string{"report.docx": "r", "alloc.xlsx": "new", "scan.pdf": "scan"}) || !os.SameFile(before, after) {
		t.Errorf("dir holds %v; same scan: %v", got, os.SameFile(before, after))
	}
	onlyYear(t, dir)
}

func TestAManifestThatCannotBeUsedIsIgnoredWithANote(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "1"))
	os.WriteFile(filepath.Join(dir, "passwd"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, ManifestName), []byte("[files]\n\"../passwd\" = \"0000000000000000000000000000000000000000000000000000000000000000\"\n"), 0o644)
	rep := replace(t, dir, f("a.txt", "2"))
	if got := snapshot(t, dir); !same(got, map[string]string{"a.txt": "2", "passwd": "mine"}) {
		t.Errorf("dir holds %v", got)
	}
	want := dir + " 中的文件清单 .ipfund-manifest.toml 无法读取（bad entry \"../passwd\"），已按没有清单处理：与本次生成的文件同名的文件视为本程序生成的。"
	if len(rep.Notes) != 1 || rep.Notes[0] != want {
		t.Errorf("notes %q", rep.Notes)
	}
}

// A manifest over its limit is not read, and the note says so in Chinese.
func TestAManifestTooLargeIsIgnoredWithANote(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2019")
	replace(t, dir, f("a.txt", "1"))
	os.WriteFile(filepath.Join(dir, ManifestName), bytes.Repeat([]byte("#\n"), maxManifest), 0o644)
	rep := replace(t, dir, f("a.txt", "2"))
	want := dir + " 中的文件清单 .ipfund-manifest.toml 无法读取（文件过大（2.0 MB），超过上限 1.0 MB），已按没有清单处理：与本次生成的文件同名的文件视为本程序生成的。"
	if len(rep.Notes) != 1 || rep.Notes[0] != want {
		t.Errorf("notes %q", rep.Notes)
	}
}

// A link planted under the lock file's name is not followed: the file it
// points at is left as it was, and the run says what is wrong.
func TestTheLockFileIsNeverALink(t *testing.T) {
	root := t.TempDir()
	victim := filepath.Join(root, "victim.txt")
	os.WriteFile(victim, []byte("important"), 0o644)
	dir := filepath.Join(root, "out", "2019")
	os.MkdirAll(filepath.Dir(dir), 0o755)
	os.Symlink(victim, filepath.Join(root, "out", ".2019.lock"))
	_, err := Replace(dir, []File{f("a.txt", "1")}, Options{})
	if err == nil || err.Error() != "无法在 "+filepath.Join(root, "out")+" 中建立锁文件 .2019.lock：这是一个链接，程序不经过链接写文件" {
		t.Errorf("got %v", err)
	}
	if read(t, victim) != "important" {
		t.Error("the link was followed")
	}
}
