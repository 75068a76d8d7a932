package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// allocationFixture adds the sample allocation (moved to 2020) to the base
// year.
func allocationFixture(t *testing.T) (data, out string) {
	t.Helper()
	data, out = fixture(t)
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "2023", "allocation.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("year = 2023"), []byte("year = 2020"), 1)
	os.WriteFile(filepath.Join(data, "2020", "allocation.toml"), b, 0o644)
	return data, out
}

func TestBuildRunsBothJobsAndAllocateOnlyItsOwn(t *testing.T) {
	data, out := allocationFixture(t)
	code, stdout, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"figures.toml", "allocation-figures.toml", "综合得分 89.50 分，评价等级：良。", "因素法分配（示例数据，非官方数字）：总额 2000万元 分给 12 个地区",
		"保留了 1 个不是本程序生成的文件：previous.txt\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build output lacks %q:\n%s", want, stdout)
		}
	}
	// previous.txt is not in the manifest: the user's, kept byte for byte.
	if b, _ := os.ReadFile(filepath.Join(out, "2020", "previous.txt")); string(b) != "上次的结果" {
		t.Errorf("previous.txt now %q", b)
	}
	cityBefore, _ := os.ReadFile(filepath.Join(out, "2020", "figures.toml"))
	allocBefore, _ := os.ReadFile(filepath.Join(out, "2020", "allocation-figures.toml"))

	// Correct one city's figure and rebuild the allocation alone.
	path := filepath.Join(data, "2020", "allocation.toml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("performance = 1.05"), []byte("performance = 1.15"), 1), 0o644)
	code, stdout, stderr = run("allocate", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitOK || strings.Contains(stdout, string(filepath.Separator)+"figures.toml") || strings.Contains(stdout, "综合得分") {
		t.Fatalf("allocate: exit %d\n%s%s", code, stdout, stderr)
	}
	cityAfter, _ := os.ReadFile(filepath.Join(out, "2020", "figures.toml"))
	allocAfter, _ := os.ReadFile(filepath.Join(out, "2020", "allocation-figures.toml"))
	if !bytes.Equal(cityBefore, cityAfter) {
		t.Error("allocate changed the evaluation's figures")
	}
	if bytes.Equal(allocBefore, allocAfter) {
		t.Error("allocate did not update the allocation's figures")
	}

	// Without allocation.toml the next full build no longer makes the
	// allocation's files: they go, the user's file stays.
	os.Remove(path)
	code, stdout, stderr = run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	want := "删除了 3 个上次生成、这次不再生成的文件：allocation-figures.toml、因素法分配测算表.xlsx、因素法分配表.docx\n"
	if code != ExitOK || !strings.Contains(stdout, want) {
		t.Fatalf("exit %d, stdout lacks %q:\n%s%s", code, want, stdout, stderr)
	}
	if got := dirNames(t, filepath.Join(out, "2020")); got != ".ipfund-manifest.toml 2020年度测试专项资金绩效目标表.docx figures.toml previous.txt 测试市2020年度测试专项资金绩效评价报告.docx 附件-2020年度测试专项资金绩效评价评分表.xlsx" {
		t.Errorf("out/2020 holds %s", got)
	}
}

// dirNames lists a directory's entries, sorted, space-separated.
func dirNames(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

func TestAllocateWithoutAllocationData(t *testing.T) {
	data, out := fixture(t)
	code, _, stderr := run("allocate", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitData || !strings.Contains(stderr, "该年度没有因素法分配数据 allocation.toml。") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	assertOutUntouched(t, out)
}

func TestWithoutAYearEveryYearIsBuilt(t *testing.T) {
	data, out := allocationFixture(t)
	copyDir(t, filepath.Join(data, "2020"), filepath.Join(data, "2021"))
	for _, f := range []string{"fund.toml", "allocation.toml"} {
		p := filepath.Join(data, "2021", f)
		b, _ := os.ReadFile(p)
		b = bytes.ReplaceAll(b, []byte("2020"), []byte("2021"))
		os.WriteFile(p, b, 0o644)
	}
	code, stdout, stderr := run("build", "-data", data, "-out", out, "-templates", templates)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"== 2020 年度 ==\n", "== 2021 年度 ==\n", filepath.Join(out, "2021", "figures.toml")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if code, stdout, _ := run("build", "-h"); code != ExitOK || !strings.Contains(stdout, "用法：ipfund") {
		t.Errorf("-h: exit %d %q", code, stdout)
	}
}
