package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffListsMovedFigures(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	os.WriteFile(a, []byte("[\"专项资金\"]\n\"实际支出\" = 1756.58\n\"预算执行率\" = 87.39\n"), 0o644)
	os.WriteFile(b, []byte("[\"专项资金\"]\n\"实际支出\" = 1756.68\n\"预算执行率\" = 87.40\n"), 0o644)
	code, stdout, _ := run("diff", a, b)
	want := "有 2 项结果不同：\n  专项资金.实际支出：1756.58 → 1756.68\n  专项资金.预算执行率：87.39 → 87.40\n"
	if code != ExitOK || stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout, want)
	}
	if code, stdout, _ := run("diff", a, a); code != ExitOK || stdout != "两份结果完全相同。\n" {
		t.Errorf("same file: exit %d, %q", code, stdout)
	}
	if code, _, stderr := run("diff", a, filepath.Join(dir, "missing.toml")); code != ExitIO || !strings.Contains(stderr, "无法读取") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
	if code, _, _ := run("diff", a); code != ExitUsage {
		t.Errorf("one argument: exit %d", code)
	}
}
