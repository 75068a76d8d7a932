package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/sheettest"
)

func TestTextPrintsTheReportsWords(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := run("build", "-data", filepath.Join("..", "testdata", "seed"), "-out", out, "-templates", templates, "2019"); code != ExitOK {
		t.Fatalf("build: %s", stderr)
	}
	matches, _ := filepath.Glob(filepath.Join(out, "2019", "*绩效评价报告.docx"))
	if len(matches) != 1 {
		t.Fatalf("no report: %v", matches)
	}
	code, stdout, stderr := run("text", matches[0])
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"【正文】\n南昌市2019年度知识产权专项资金\n绩效评价报告\n", "综合权重部门评价得分为95.41分", "合计\t622\t4579\t1352.2\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if code, _, stderr := run("text", "no-such.docx"); code != ExitIO || !strings.Contains(stderr, "无法读取 no-such.docx") {
		t.Errorf("missing file: exit %d %s", code, stderr)
	}
	if code, _, _ := run("text"); code != ExitUsage {
		t.Errorf("no argument: exit %d", code)
	}
}

// TestTextPrintsASourceWorkbook: `ipfund text` shows a detail table's
// source workbook row by row, so that git diff on data/ shows a changed
// list as it shows a changed output.
func TestTextPrintsASourceWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "奖励名单.xlsx")
	if err := sheettest.Awards2019().XLSX(path); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("text", path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"【说明】\n【奖励】\n1\t南昌市2019年度知识产权奖励资金支付情况\n2\t项目\t年度\t单位数量（家）\t奖励数量（件）\t支付金额（万元）\n",
		"8\t贯标企业奖励\t2019年度\t181\t\t355.3\n9\t贯标企业奖励\t小计\t199\t0\t535.3\n",
		"12\t合计\t\t622\t4579\t1352.2\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, stdout)
		}
	}
}
