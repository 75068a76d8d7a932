package cli

import (
	"path/filepath"
	"strings"
	"testing"
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
