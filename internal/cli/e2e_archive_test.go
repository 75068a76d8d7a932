package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ipfund/internal/outdir"
)

// The archive's safety against other processes and the system: concurrent
// runs, a kill at the worst moment, a read-only folder. These run the
// command as a process.

// exitCode runs a command and returns its exit code (-1 when killed by a
// signal), stdout and stderr.
func exitCode(t *testing.T, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stdout.String(), stderr.String()
	}
	t.Fatalf("%v: %v", cmd.Args, err)
	return 0, "", ""
}

// TestConcurrentBuildsOfOneYear runs 4 builds of 2019 at once, 25 times:
// every run succeeds (or, had one waited past the bound, would say the
// lock is held, in Chinese); out/2019 never disappears, and after each
// round equals a known-good build with the user's file, and nothing is
// left beside it.
func TestConcurrentBuildsOfOneYear(t *testing.T) {
	bin := binary(t)
	root := t.TempDir()
	data, out := filepath.Join(root, "data"), filepath.Join(root, "out")
	copyDir(t, filepath.Join("..", "testdata", "seed", "2019"), filepath.Join(data, "2019"))
	// Dated as data/2019 is, so that only the original's two slips warn.
	editFile(t, filepath.Join(data, "2019", "report.toml"), "# date = 2020-04-30", "date = 2020-04-30")
	args := []string{"build", "-data", data, "-out", out, "-templates", templates, "2019"}
	if code, _, stderr := exitCode(t, exec.Command(bin, args...)); code != 0 {
		t.Fatalf("first build: %d\n%s", code, stderr)
	}
	year := filepath.Join(out, "2019")
	os.WriteFile(filepath.Join(year, scan), []byte("%PDF 盖章版"), 0o644)
	known := tree(t, year)
	if _, ok := known[outdir.ManifestName]; !ok || known["figures.toml"] == "" || len(known) < 6 {
		t.Fatalf("known-good build holds %v", known)
	}
	var missing atomic.Int64
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.Lstat(year); err != nil {
				missing.Add(1)
			}
		}
	}()
	locked := 0
	for round := 0; round < 25; round++ {
		var wg sync.WaitGroup
		results := make([][3]string, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, stdout, stderr := exitCode(t, exec.Command(bin, args...))
				results[i] = [3]string{fmt.Sprint(code), stdout, stderr}
			}()
		}
		wg.Wait()
		for _, r := range results {
			switch {
			case r[0] == "0" && strings.Contains(r[1], "已生成 2019 年度文件（有 2 条警告，见上）：") && strings.Contains(r[1], "保留了 1 个不是本程序生成的文件："+scan+"\n"):
			case r[0] == "3" && strings.Contains(r[2], "错误：另一个生成过程正在写 "+year+"（进程 "):
				locked++
			default:
				t.Fatalf("round %d: exit %s\n%s%s", round, r[0], r[1], r[2])
			}
		}
		if got := tree(t, year); !sameHashes(got, known) {
			t.Fatalf("round %d: out/2019 differs from the known-good build: %v", round, treeDiff(known, got))
		}
		if got := dirNames(t, out); got != "2019" {
			t.Fatalf("round %d: out/ holds %s", round, got)
		}
	}
	close(stop)
	<-watched
	if n := missing.Load(); n > 0 {
		t.Errorf("out/2019 was missing %d times while the builds ran", n)
	}
	t.Logf("runs that reported the lock: %d of 100", locked)
}

// TestAKillAtEachRenameLeavesAWholeSet kills a build (strace fault
// injection) at each rename it makes — the manifest, moving the user's
// folder, the swap — with the atomic exchange and with the two-rename
// fallback (the exchange made to fail): afterwards the next run of any
// kind, even one that fails on bad data, finds out/2020 holding the old
// or the new set, complete, with the user's file and folder.
func TestAKillAtEachRenameLeavesAWholeSet(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("未安装 strace，跳过按系统调用注入的中断测试（outdir 包的测试在每一步模拟了中断）")
	}
	if out, err := exec.Command(strace, "-f", "-qq", "-o", os.DevNull, "true").CombinedOutput(); err != nil {
		t.Skipf("strace 无法运行（%v：%s），跳过", err, out)
	}
	bin := binary(t)
	e := newArchiveEnv(t)
	os.MkdirAll(filepath.Join(e.year, "底稿"), 0o755)
	os.WriteFile(filepath.Join(e.year, "底稿", "记录.txt"), []byte("记录"), 0o644)
	args := func(cmd string, rest ...string) []string { return append([]string{bin}, e.args(cmd, rest...)...) }
	old := tree(t, e.year)
	sub := filepath.Join(e.data, "2020", "subproject-1.toml")
	oldData, _ := os.ReadFile(sub)
	newData := bytes.Replace(oldData, []byte("actual = 3\n"), []byte("actual = 4\n"), 1)
	os.WriteFile(sub, newData, 0o644)
	if code, _, stderr := exitCode(t, exec.Command(bin, e.args("build", "2020")...)); code != 0 {
		t.Fatal(stderr)
	}
	neu := tree(t, e.year)
	if sameHashes(old, neu) {
		t.Fatal("the new data does not change the set")
	}
	restore := func() {
		os.WriteFile(sub, oldData, 0o644)
		if code, _, stderr := exitCode(t, exec.Command(bin, e.args("build", "2020")...)); code != 0 || !sameHashes(tree(t, e.year), old) {
			t.Fatalf("restoring the old set: %d %s %v", code, stderr, treeDiff(old, tree(t, e.year)))
		}
		os.WriteFile(sub, newData, 0o644)
	}
	// strace counts invocations per thread, and Go moves a goroutine
	// between threads, so a kill "at the Nth rename" is aimed by path (-P)
	// where it can be: only the first rename of a run, the one moving the
	// user's folder, the one moving out/2020 aside and the exchange are
	// picked out that way. For the second rename of the fallback, the
	// first is held at its exit (delay_exit) and the build is killed
	// there, once out/2020 has been moved aside: the state a kill at the
	// second rename leaves.
	folder := filepath.Join(e.year, "底稿")
	noExchange := []string{"-e", "inject=renameat2:error=EINVAL"}
	cases := []struct {
		name    string
		fault   []string
		between bool
	}{
		{"exchange: the manifest's rename", []string{"-e", "inject=renameat:signal=SIGKILL:when=1"}, false},
		{"exchange: moving the user's folder", []string{"-P", folder, "-e", "inject=renameat:signal=SIGKILL"}, false},
		{"exchange: the swap", []string{"-e", "inject=renameat2:signal=SIGKILL"}, false},
		{"fallback: moving the user's folder", append([]string{"-P", folder, "-P", e.year, "-e", "inject=renameat:signal=SIGKILL"}, noExchange...), false},
		{"fallback: first rename of the swap", append([]string{"-P", e.year, "-e", "inject=renameat:signal=SIGKILL"}, noExchange...), false},
		{"fallback: second rename of the swap", append([]string{"-P", e.year, "-e", "inject=renameat:delay_exit=4000000"}, noExchange...), true},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			restore()
			cmd := exec.Command(strace, append(append([]string{"-f", "-qq", "-o", os.DevNull}, c.fault...), args("build", "2020")...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if c.between {
				killBetweenRenames(t, e.year)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != -1 {
				t.Fatalf("the build was not killed: %v\n%s%s", err, stdout.String(), stderr.String())
			}
			// The next run: a check, or a build that fails on bad data.
			next := exec.Command(bin, e.args("check", "2020")...)
			want := 0
			if i%2 == 1 {
				e.edit(t, "fund.toml", `region = "测试市"`, `region = "a/b"`)
				defer e.edit(t, "fund.toml", `region = "a/b"`, `region = "测试市"`)
				next, want = exec.Command(bin, e.args("build", "2020")...), ExitData
			}
			code, _, nextErr := exitCode(t, next)
			if code != want {
				t.Fatalf("next run: exit %d\n%s", code, nextErr)
			}
			got := tree(t, e.year)
			if !sameHashes(got, old) && !sameHashes(got, neu) {
				t.Fatalf("out/2020 is neither the old nor the new set: old %v, new %v\n%s", treeDiff(old, got), treeDiff(neu, got), nextErr)
			}
			if names := dirNames(t, e.out); names != "2020" {
				t.Errorf("out/ holds %s", names)
			}
			t.Logf("after the kill: %v\n%s", map[bool]string{true: "old set", false: "new set"}[sameHashes(got, old)], nextErr)
		})
	}
}

// killBetweenRenames waits until the build (held at the exit of its first
// rename) has moved out/2020 aside, and kills it there.
func killBetweenRenames(t *testing.T, year string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		olds, _ := filepath.Glob(filepath.Join(filepath.Dir(year), ".2020.old-*"))
		if _, err := os.Lstat(year); os.IsNotExist(err) && len(olds) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the build never moved out/2020 aside")
		}
		time.Sleep(5 * time.Millisecond)
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(year), ".2020.lock"))
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		t.Fatalf("no process id in the lock file: %v %q", err, b)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
}

// asUser runs the command as an unprivileged user: nobody when the tests
// run as root (permissions do not bind root), else the current user.
// Everything under root is handed to that user first.
func asUser(t *testing.T, root, bin string) func(args ...string) *exec.Cmd {
	t.Helper()
	if os.Geteuid() != 0 {
		return func(args ...string) *exec.Cmd { return exec.Command(bin, args...) }
	}
	const nobody = 65534
	filepath.Walk(root, func(p string, _ os.FileInfo, _ error) error { return os.Lchown(p, nobody, nobody) })
	os.Chmod(filepath.Dir(bin), 0o755)
	return func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		return cmd
	}
}

// TestAReadOnlyYearFolderIsLeftAlone: with out/2020 made read-only (as an
// unprivileged user), a build says so, changes nothing, leaves nothing
// behind, says the same the next time, and works again once writable.
// The same for a read-only out/.
func TestAReadOnlyYearFolderIsLeftAlone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows 的只读属性对文件夹不起作用")
	}
	bin := binary(t)
	root, err := os.MkdirTemp("", "ipfund-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(root, func(p string, info os.FileInfo, _ error) error {
			if info != nil && info.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(root)
	})
	os.Chmod(root, 0o755)
	data, out := filepath.Join(root, "data"), filepath.Join(root, "out")
	copyDir(t, filepath.Join("testdata", "base"), data)
	copyDir(t, templates, filepath.Join(root, "templates"))
	cmd := asUser(t, root, bin)
	args := []string{"build", "-data", data, "-out", out, "-templates", filepath.Join(root, "templates"), "2020"}
	if code, _, stderr := exitCode(t, cmd(args...)); code != 0 {
		t.Fatalf("first build: %d\n%s", code, stderr)
	}
	year := filepath.Join(out, "2020")
	sub := filepath.Join(data, "2020", "subproject-1.toml")
	b, _ := os.ReadFile(sub)
	os.WriteFile(sub, bytes.Replace(b, []byte("actual = 3\n"), []byte("actual = 4\n"), 1), 0o644)
	for _, c := range []struct{ readOnly, want string }{
		{year, "错误：写入 " + year + " 失败：" + year + " 不能写入：没有权限（文件夹可能被设为只读，或属于其他用户）。" + year + " 保持原样，未做任何改动。请检查 out 文件夹及其中年度文件夹的写入权限（是否设为只读、是否属于其他用户）后重新运行。\n"},
		{out, "错误：写入 " + year + " 失败：无法在 " + out + " 中建立锁文件 .2020.lock：没有权限（文件夹可能被设为只读，或属于其他用户）。" + year + " 保持原样，未做任何改动。请检查 out 文件夹及其中年度文件夹的写入权限（是否设为只读、是否属于其他用户）后重新运行。\n"},
	} {
		os.Chmod(c.readOnly, 0o555)
		before := tree(t, root)
		for i := 0; i < 2; i++ {
			code, stdout, stderr := exitCode(t, cmd(args...))
			if code != ExitIO || stdout != "" || stderr != c.want {
				t.Errorf("%s read-only, run %d: exit %d\n%s%s\nwant:\n%s", c.readOnly, i+1, code, stdout, stderr, c.want)
			}
			if d := treeDiff(before, tree(t, root)); len(d) > 0 {
				t.Errorf("%s read-only, run %d changed %v", c.readOnly, i+1, d)
			}
		}
		os.Chmod(c.readOnly, 0o755)
	}
	if code, _, stderr := exitCode(t, cmd(args...)); code != 0 {
		t.Errorf("writable again: exit %d\n%s", code, stderr)
	}
	if got := dirNames(t, out); got != "2020" {
		t.Errorf("out/ holds %s", got)
	}
}
