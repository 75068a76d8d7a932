package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/docx"
	"ipfund/internal/fund"
)

func renderText(t *testing.T, fill func(name string, tmpl []byte) ([]byte, error), tmplName string) string {
	t.Helper()
	path := filepath.Join("..", "..", "templates", tmplName)
	tmpl, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := fill(path, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := docx.Text(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(txt, "{{") {
		t.Error("an action was left unfilled")
	}
	return txt
}

func TestTargetTable2019(t *testing.T) {
	y, _ := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	r := calc.Compute(y)
	txt := renderText(t, func(n string, b []byte) ([]byte, error) { return RenderTargets(n, b, r) }, TargetsTemplateName)
	for _, want := range []string{
		"知识产权专项资金绩效目标表\n（2019年度）\n",
		"专项名称\t知识产权专项资金\n",
		"财政部门\t南昌市财政局\t主管部门\t南昌市市场监督管理局（南昌市知识产权局）\n",
		"资金安排情况\t年度金额\t2010万元\n",
		"\t其中：本年度预算\t1700万元\n",
		"\t上年结余\t310万元\n",
		"年度目标\t目标1：发明专利授权量同比增长2%，万人有效发明专利量增长15%。 目标2：",
		"一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t完成情况\n",
		"产出指标\t数量指标\t发明专利授权量同比增长\t≥2%\t6.63%\t已完成\n",
		"\t\t知识产权贯标企业奖励\t≥28家\t181家\t已完成\n",
		"\t时效指标\t奖励、补助资金支付完成时限\t2019年12月31日\t2020年2月\t未完成\n",
		"\t成本指标\t专项资金实际支出\t≤2010万元\t1756.58万元\t已完成\n",
		"满意度指标\t服务满意度指标\t服务对象满意度\t≥95%\t95%\t已完成\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("target table lacks %q", want)
		}
	}
}

func TestAllocationTableSample(t *testing.T) {
	p, ds := alloc.Load(filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	txt := renderText(t, func(n string, b []byte) ([]byte, error) { return RenderAllocation(n, b, p, r) }, AllocationTemplateName)
	for _, want := range []string{
		"【示例数据，非官方数字】本表数字为示例，不得用于实际分配。\n",
		"序号\t设区市\t绩效调节系数\t财政困难程度系数\t分配份额\t精确金额（万元）\t尾差调整（万元）\t分配金额（万元）\n",
		"1\t南昌市\t1.05\t0.90\t25.8553%\t517.105809\t0.01\t517.11\n",
		"12\t赣江新区\t1.05\t0.90\t4.6423%\t92.845947\t0.01\t92.85\n",
		"合计\t\t\t100.0000%\t2000.000000\t0.05\t2000.00\n",
		"剩余的5个单位按余数从大到小依次补给南昌市、萍乡市、赣州市、宜春市、赣江新区各1个单位（尾差调整）",
		"设区市\t专利运用（40%）\t专利创造（16%）\t专利执法（24%）\t重点工作（20%）\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("allocation table lacks %q", want)
		}
	}
	// The 12 cities' rows, from the row loop.
	if n := strings.Count(txt, "市\t1") + strings.Count(txt, "区\t1"); n < 12 {
		t.Logf("%d city rows", n)
	}
}
