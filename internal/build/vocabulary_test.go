package build_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ipfund/internal/build"
	"ipfund/internal/textconv"
)

// TestAllocationSpeaksOneVocabulary reads the texts of the three outputs of
// the 2023 allocation: 因素得分 is, everywhere, the score of 第八条 after
// the coefficients (南昌市 专利运用 0.690469); the sum of the indicator
// shares before them (0.730655) appears only in the workbook, under its own
// name; no output uses another word for either.
func TestAllocationSpeaksOneVocabulary(t *testing.T) {
	root := benchRoot(t)
	out, ds := build.Run(build.Options{DataDir: benchData(t), TemplatesDir: filepath.Join(root, "templates"), Year: 2023, Job: build.Allocation})
	if out == nil {
		t.Fatal(ds)
	}
	texts := map[string]string{}
	for _, f := range out.Files {
		s, err := textconv.Text(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		texts[f.Name] = s
	}
	fig, xlsx, doc := texts[build.AllocationFigures], texts[build.AllocationWorkbook], texts["因素法分配表.docx"]
	if fig == "" || xlsx == "" || doc == "" {
		t.Fatalf("outputs: %v", len(texts))
	}
	for name, s := range texts {
		for _, old := range []string{"调整后得分", "加权比例", "分配比例", "测算金额", "余数排名", "剩余单位数"} {
			if strings.Contains(s, old) {
				t.Errorf("%s still says %q", name, old)
			}
		}
	}
	// The figures: the city's 因素得分 and 占比.
	if !strings.Contains(fig, `"专利运用/因素得分" = 0.690469`) || !strings.Contains(fig, `"专利运用/占比" = 0.335014`) {
		t.Error("figures lack 南昌市's 因素得分 0.690469 and 占比 0.335014")
	}
	// The Word table: 因素得分 and 占比 under each factor.
	if !strings.Contains(doc, "\t因素得分\t占比\t因素得分\t占比") || !strings.Contains(doc, "南昌市\t0.690469\t33.5014%") {
		t.Error("the Word table does not show 因素得分 0.690469 and 占比 33.5014% for 南昌市")
	}
	// The workbook: the columns of 表二 in that order, and 南昌市's row.
	head := regexp.MustCompile(`指标占比之和\t综合系数\t因素得分\t占比\t按权重\n`)
	if n := len(head.FindAllString(xlsx, -1)); n != 4 {
		t.Errorf("表二 has %d factor tables headed 指标占比之和/综合系数/因素得分/占比/按权重, want 4", n)
	}
	if !strings.Contains(xlsx, "南昌市\t3,200\t32.7869%\t185,000.50\t40.2787%\t0.730655\t0.945000\t0.690469\t33.5014%\t13.4006%") {
		t.Error("表二's row of 南昌市 does not read 指标占比之和 0.730655, 因素得分 0.690469, 占比 33.5014%")
	}
	for _, want := range []string{"分配份额\t精确金额\t取整金额\t余数（最小金额单位）\t余数名次\t尾差调整\t分配金额", "尾差个数"} {
		if !strings.Contains(xlsx, want) {
			t.Errorf("表三 lacks %q", want)
		}
	}
	if !strings.Contains(doc, "分配份额\t精确金额（万元）\t尾差调整（万元）\t分配金额（万元）") {
		t.Error("the Word table's columns are not 分配份额, 精确金额, 尾差调整, 分配金额")
	}
}
