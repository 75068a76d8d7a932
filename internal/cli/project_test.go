package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newProject makes a project folder as a user has it: data/ (a copy of
// testdata/base), and templates/ only when asked for. Its path has a space
// and Chinese characters.
func newProject(t *testing.T, withTemplates bool) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "我的 项目")
	copyDir(t, filepath.Join("testdata", "base"), filepath.Join(root, "data"))
	if withTemplates {
		copyDir(t, templates, filepath.Join(root, "templates"))
	}
	return root
}

// TestRunsFromAnyFolderOfTheProject runs the commands without any option,
// from the project folder and from folders inside it: data/, out/ and
// templates/ are the project's, and without templates/ the built-in
// templates make the same bytes as the project's.
func TestRunsFromAnyFolderOfTheProject(t *testing.T) {
	withFolder, builtIn := newProject(t, true), newProject(t, false)
	tmpl, err := filepath.Abs(templates)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(withFolder)
	code, stdout, stderr := run("build")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"已生成 2020 年度文件：\n  " + filepath.Join("out", "2020", "figures.toml") + "\n", "所用模板：“templates”文件夹中的模板。\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build lacks %q:\n%s", want, stdout)
		}
	}
	fromFolder := hashes(t, filepath.Join(withFolder, "out", "2020"))

	t.Chdir(filepath.Join(builtIn, "data", "2020"))
	code, stdout, stderr = run("build", "2020")
	if code != ExitOK {
		t.Fatalf("build from data/2020: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"  " + filepath.Join("..", "..", "out", "2020", "figures.toml") + "\n", "所用模板：程序内置的模板。\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build from data/2020 lacks %q:\n%s", want, stdout)
		}
	}
	got := hashes(t, filepath.Join(builtIn, "out", "2020"))
	if len(got) < 4 || !sameHashes(got, fromFolder) {
		t.Errorf("the built-in templates made other files than the project's:\n%v\n%v", got, fromFolder)
	}
	if _, err := os.Stat(filepath.Join(builtIn, "data", "2020", "out")); err == nil {
		t.Error("out/ was made inside data/2020")
	}

	// Other commands find the project the same way.
	t.Chdir(filepath.Join(builtIn, "out", "2020"))
	if code, stdout, _ := run("years"); code != ExitOK || stdout != "2020\n" {
		t.Errorf("years from out/2020: exit %d %q", code, stdout)
	}
	if code, stdout, _ := run("check"); code != ExitOK || !strings.Contains(stdout, "2020 年度数据检查通过") {
		t.Errorf("check from out/2020: exit %d %q", code, stdout)
	}
	if code, stdout, stderr := run("diff", "2020", filepath.Join("..", "2020", "figures.toml")); code != ExitOK || stdout != "两份结果完全相同。\n" {
		t.Errorf("diff 2020 from out/2020: exit %d %q %q", code, stdout, stderr)
	}
	// -templates names a folder of templates explicitly.
	t.Chdir(builtIn)
	code, stdout, stderr = run("build", "-templates", tmpl, "2020")
	if code != ExitOK || !strings.Contains(stdout, "所用模板：“"+tmpl+"”文件夹中的模板。\n") {
		t.Errorf("build -templates: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestOutsideAnyProjectTheDataFolderIsMissing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if projectDir() != "." {
		t.Skipf("a data folder above %s", dir)
	}
	code, stdout, stderr := run("build", "2019")
	want := "错误：无法读取数据目录 data：目录或文件不存在。请在项目文件夹（含“data”文件夹）或它的子文件夹中运行，或用 -data 指定数据目录。\n"
	if code != ExitIO || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a run outside a project left %v", entries)
	}
}
