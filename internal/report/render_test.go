package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/calc"
	"ipfund/internal/docx"
	"ipfund/internal/fund"
)

var templatePath = filepath.Join("..", "..", "templates", TemplateName)

func render2019(t *testing.T) []byte {
	t.Helper()
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatalf("data/2019:\n%s", ds)
	}
	tmpl, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(templatePath, tmpl, calc.Compute(y))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReport2019HasEverySectionTableAndFigure(t *testing.T) {
	txt, err := docx.Text(render2019(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(txt, "\n") {
		lines[l] = true
	}
	headings := []string{
		"南昌市2019年度知识产权专项资金", "绩效评价报告",
		"一、项目基本情况", "（一）项目概况", "1．立项背景", "2．项目内容和实施期限", "3．资金投入和使用情况",
		"（1）知识产权奖励项目", "（2）知识产权补助项目", "（3）知识产权维权援助项目", "（4）知识产权保护中心运行经费项目", "（5）知识产权管理费项目",
		"4．项目组织管理情况", "（二）项目绩效目标", "1．项目绩效总目标", "2．项目阶段性目标",
		"二、绩效评价工作开展情况", "（一）绩效评价目的、对象和范围", "（二）绩效评价原则、评价指标体系、评价方法和标准",
		"1．绩效评价原则", "2．评价指标体系", "3．评价方法和标准", "（三）绩效评价工作过程",
		"1．工作准备阶段（3月31日前）", "2．数据采集阶段（4月10日前）", "3．评价阶段（4月30日前）",
		"三、综合评价情况及结论", "1．评分结果", "2．主要结论",
		"四、绩效评价指标分析情况", "（一）项目资金情况（10分）", "1．项目决策情况（10分）", "2．项目过程情况",
		"（二）项目产出情况（50分）", "1．产出数量（20分）", "2．产出质量（15分）", "3．产出时效（5分）", "4．产出成本（10分）",
		"（三）项目效益情况（30分）", "1．经济效益（10分）", "2．社会效益（10分）", "3．生态效益", "4．可持续影响（10分）",
		"（四）项目满意度情况（10分）", "1．满意度（10分）",
		"五、项目实施经验及做法、存在的问题和改进措施", "（一）主要经验及做法", "（二）存在的问题及原因分析", "（三）改进措施",
		"六、绩效评价结果应用建议", "七、其他需说明的问题",
		"（一）知识产权维权援助项目", "（二）知识产权保护中心运行经费项目", "（三）知识产权管理费项目",
	}
	tables := []string{
		// 奖励: header (项目 spans two columns), a group with two rows, subtotals, total.
		"项目\t单位数量（家）\t奖励数量（件）\t支付金额（万元）",
		"授权专利奖励\t410\t4479\t666.9",
		"贯标企业奖励\t2018年度\t18\t\t180",
		"\t2019年度\t181\t\t355.3",
		"小计\t199\t0\t535.3",
		"合计\t622\t4579\t1352.2",
		// 补助
		"序号\t企业名称\t质押知识产权\t贷款利率\t贷款金额（万元）\t产生利息（万元）\t本次补贴金额（万元）",
		"3\t江西中德生物工程股份有限公司\t6个发明专利\t5.66%\t300\t17.3961\t5.2",
		"4\t江西巴菲特化工有限公司\t5个实用新型专利\t定价基准利率+1.78%\t1450\t100.324294\t30.1",
		"合计\t17250\t\t126",
		// 维权援助 (元)
		"维权援助平台运行\t12330平台电信费\t2000",
		"\t房租及物业费\t28000",
		"合计\t30000",
		// 保护中心 (元)
		"提高专利预审数量和质量，强化对企业服务\tincoPat全球科技分析运营平台租用\t99000",
		"\t维修费\t7000",
		"合计\t2705300",
	}
	figures := []string{
		"依据《关于调整2019年南昌市知识产权专项资金使用计划的批复》（洪府厅字[2019]458号）文件精神，2019年知识产权专项资金2010万元（其中：本年度预算为1700万元，上年结余310万元），实际支出1756.58万元，预算执行率87.39%。具体使用情况如下：",
		"预算资金执行率=1756.58/2010*100%=87.39%，得8.74分。",
		"项目资金指标权重10分，本次绩效评价实际得8.74分。",
		"产出数量指标权重20分，本次绩效评价实际得19.49分。",
		"产出质量指标权重15分，本次绩效评价实际得15分。",
		"产出时效指标权重5分，本次绩效评价实际得3.86分。",
		"产出成本指标权重10分，本次绩效评价实际得8.32分。",
		"经济效益指标权重10分，本次绩效评价实际得10分。",
		"满意度指标权重10分，本次绩效评价实际得10分。",
		"按项目权重比例，该子项目得分为15.5分。",
		"按项目权重比例，该子项目得分为0.02分。",
		"实际支出与计划安排费用的变动程度=（1558-1352.2）/1558*100%=13.21%＞10%，得8分。",
		"综合权重部门评价得分为95.41分，主管部门评价分为95.41分。评价等级为优。",
		"本项目不产生直接生态效益，未设置生态效益指标。",
		// The seed sums up each sub-project's 效益 categories, even with one
		// indicator (sub_summary in scoring.toml).
		"知识产权补助项目经济效益指标权重为10分，本次绩效评价实际得10分。",
		"知识产权管理费项目可持续影响指标权重为10分，本次绩效评价实际得10分。",
		// 附件说明 and 署名 (the seed states no date, so none is printed).
		"附件：2019年度知识产权专项资金绩效评价评分表",
		"南昌市市场监督管理局（南昌市知识产权局）",
	}
	for _, group := range [][]string{headings, tables, figures} {
		for _, want := range group {
			if !lines[want] {
				t.Errorf("report lacks the line %q", want)
			}
		}
	}
	for _, want := range []string{
		"知识产权奖励项目95.68分，知识产权补助项目99分，知识产权维权援助项目75分，知识产权保护中心运行经费项目94.02分，知识产权管理费项目81.03分。",
		"1．知识产权奖励项目绩效评价占知识产权专项资金绩效评价总分权重的77.51%；2．知识产权补助项目绩效评价占知识产权专项资金绩效评价总分权重的6.27%；3．知识产权维权援助项目绩效评价占知识产权专项资金绩效评价总分权重的0.50%；",
		"【页脚1】\n— 1 —",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(txt, "{{") || strings.Contains(txt, "}}") {
		t.Error("an action was left unfilled")
	}
}

func TestReportIsByteIdenticalAndCarriesNoRunTime(t *testing.T) {
	a, b := render2019(t), render2019(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Modified.Year() != 1980 {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
		if !strings.HasPrefix(f.Name, "docProps/") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		for _, bad := range []string{"dcterms:created", "dcterms:modified", "unioffice", "excelize", "Go ", "ipfund"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", f.Name, bad)
			}
		}
	}
}
