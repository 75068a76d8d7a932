package textconv

import (
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
	"ipfund/internal/workbook"
)

func TestWorkbookTextIsOneLinePerRow(t *testing.T) {
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	data, err := workbook.Scoring(calc.Compute(y))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := Text("评分表.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"【汇总】\n", "3\t序号\t子项目\t预算 （万元）\t", "95.41", "【1 知识产权奖励项目】\n"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(txt), "\n") {
		if !strings.HasPrefix(line, "【") && !strings.Contains(line, "\t") {
			t.Errorf("a row split over lines: %q", line)
		}
	}
	if plain, _ := Text("a.toml", []byte("x = 1\n")); plain != "x = 1\n" {
		t.Errorf("other files should pass through, got %q", plain)
	}
	if _, err := Text("bad.xlsx", []byte("不是表格")); err == nil || !strings.Contains(err.Error(), "不是有效的 Excel 文件") {
		t.Errorf("broken workbook: %v", err)
	}
}
