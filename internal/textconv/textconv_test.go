package textconv

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

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

// A detail table's CSV source saved by Excel on a Chinese Windows is GBK:
// git diff shows it in UTF-8, whatever its encoding.
func TestCSVTextIsUTF8(t *testing.T) {
	utf := "奖励类别,企业名称,金额\n授权专利奖励,南昌甲科技有限公司,24000\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(utf)
	if err != nil {
		t.Fatal(err)
	}
	firstGBK, _ := simplifiedchinese.GBK.NewEncoder().String("奖励类别,企业名称,金额\n")
	for name, in := range map[string]string{
		"utf8":  utf,
		"bom":   "\ufeff" + utf,
		"gbk":   gbk,
		"mixed": firstGBK + "授权专利奖励,南昌甲科技有限公司,24000\n",
		"mac":   strings.ReplaceAll(gbk, "\n", "\r") + "\x1a",
	} {
		if got, err := Text("名单.CSV", []byte(in)); err != nil || got != utf {
			t.Errorf("%s: %q %v, want %q", name, got, err, utf)
		}
	}
	if got, _ := Text("x.csv", []byte("a,\xff\xfe\n")); got != "a,\ufffd\ufffd\n" {
		t.Errorf("neither UTF-8 nor GBK: %q", got)
	}
}
