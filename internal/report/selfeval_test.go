package report

import (
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

func TestSelfEvalForm2019(t *testing.T) {
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r := calc.Compute(y)
	if got := SelfEvalFileName(r); got != "2019年度知识产权专项资金项目支出绩效自评表.docx" {
		t.Errorf("file name %q", got)
	}
	txt := renderText(t, func(n string, b []byte) ([]byte, error) { return RenderSelfEval(n, b, r) }, SelfEvalTemplateName)
	for _, want := range []string{
		"项目支出绩效自评表\n（2019年度）\n",
		"项目名称\t南昌市知识产权专项资金\n",
		"主管部门\t南昌市市场监督管理局（南昌市知识产权局）\t实施单位\t南昌市市场监督管理局（南昌市知识产权局）\n",
		"项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n",
		"\t年度资金总额\t2010\t2010\t1756.58\t10\t87.39%\t8.74\n",
		"\t其中：当年财政拨款\t1700\t1700\t—\t—\t—\t—\n",
		"\t上年结转资金\t310\t310\t—\t—\t—\t—\n",
		"\t其他资金\t0\t0\t0\t—\t—\t—\n",
		"年度总体目标\t预期目标\t实际完成情况\n",
		"\t1. 发明专利授权量同比增长2%，万人有效发明专利量增长15%。\t1. 2019年度发明专利授权量1223件，同比增长6.63%；",
		"绩效指标\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n",
		"产出指标\t数量指标\t发明专利授权量同比增长\t≥2%\t6.63%\t3\t3.00\t\n",
		"产出指标\t时效指标\t奖励、补助资金支付完成时限\t2019年12月31日\t2020年2月\t5\t3.86\t奖励项目和质押融资补助项目资金跨年度支付",
		"产出指标\t成本指标\t专项资金实际支出\t≤2010万元\t1756.58万元\t10\t10.00\t\n",
		"效益指标\t社会效益指标\t企业知识产权管理制度\t完善\t完善\t30\t30.00\t\n",
		"总分\t100\t97.60\t\n",
		"1. 预算执行率=全年执行数/全年预算数×100%，四舍五入保留两位小数；得分=预算执行率×10分，最高10分。\n",
		"6. 年初预算数：报告未列调整前的年初预算",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	// Every indicator row names its category (no label merged out of sight).
	if n := strings.Count(txt, "产出指标\t数量指标\t"); n != 9 {
		t.Errorf("%d rows name 产出指标/数量指标, want 9", n)
	}
}

func TestSelfEvalFormAbsentWithoutItsData(t *testing.T) {
	y, _ := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	y.SelfEval = nil
	if v := BuildSelfEval(calc.Compute(y)); v != nil {
		t.Error("a form was built for a year without [selfeval]")
	}
}

// checkSelfEvalPDF reads the form's PDF: a page or two, each page with
// indicator rows under the repeated header, the total on the last page.
func checkSelfEvalPDF(t *testing.T, text func(string) (string, int)) {
	t.Helper()
	se, pages := text("selfeval")
	if pages < 1 || pages > 3 {
		t.Errorf("the form has %d pages, expected 1–3", pages)
	}
	for i, page := range strings.Split(strings.TrimRight(se, "\f"), "\f") {
		flat := strings.Join(strings.Fields(page), "")
		if strings.Contains(flat, "产出指标数量指标") && !strings.Contains(flat, "三级指标") {
			t.Errorf("page %d has indicator rows without the header", i+1)
		}
	}
	flat := strings.Join(strings.Fields(se), "")
	for _, want := range []string{"项目支出绩效自评表", "1756.58", "87.39%", "8.74", "总分10097.60"} {
		if !strings.Contains(flat, want) {
			t.Errorf("form PDF lacks %q", want)
		}
	}
}
