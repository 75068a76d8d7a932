package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

func view2019(t *testing.T) *View {
	t.Helper()
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatalf("data/2019:\n%s", ds)
	}
	return Build(calc.Compute(y), nil)
}

// allLines gathers every generated sentence of the view.
func allLines(v *View) []string {
	var out []string
	for _, s := range v.Subs {
		out = append(out, s.Funding)
	}
	for _, g := range append([]Group{*v.Funds}, v.Groups...) {
		for _, c := range g.Categories {
			if c.Shared != "" {
				out = append(out, c.Shared)
			}
			for _, sc := range c.Subs {
				out = append(out, sc.Lines...)
			}
		}
	}
	return out
}

func TestSentencesWordTheSeedReport(t *testing.T) {
	v := view2019(t)
	lines := allLines(v)
	want := []string{
		"知识产权奖励项目预算1558万元（其中：本年度预算为1248万元，上年结余310万元）。实际到位1353万元，实际支出1352.2万元，预算执行率为86.79%。",
		"知识产权补助项目预算126万元，财政直接支付126万元，预算执行率为100%。",
		"知识产权保护中心运行经费项目预算300万元。实际到位278万元，实际支出270.53万元，结余金额7.47万元，预算执行率为90.18%。",
		"知识产权管理费项目预算16万元。实际到位4.85万元，实际支出4.85万元，预算执行率为30.31%。",
		"1）2019年受理专利授权奖励4487项，计划2000项，得2.5分；下达专利授权奖励资金666.9万元，下拨667.7万元，得2.5分；共得5分。",
		"4）按计划完成了2018年下半年贯标奖励资金支付，得2.5分；完成2019年贯标企业奖励181家，计划28家，得1.5分；完成当年度贯标企业奖励支付，得1分；共得5分。",
		"2019年完成质押融资补助5家，计划5家，得20分。",
		"1）2019年完成了维权智力援助案件资金案件0起，计划1起，得0分。",
		"2）提高专利快速预审数量和质量，强化对企服务。按计划完成年初制定的大部分绩效目标。1、租用incoPat全球科技分析运营平台；2、完成预审受理量341件；3、完成备案入册企业达349家；4、完成专利授权量95件；5、未完成预审流程管理软件租用；6、进行“百企行活动”，走访调研企事业单位106家。因未按计划完成预审流程管理软件租用，扣3分，得5分。",
		"所有项目均符合南昌市知识产权专项资金管理办法，得15分。",
		"奖励项目跨年度支付，于2020年2月支付完成，得4分。",
		"实际支出与计划安排费用的变动程度=（1558-1352.2）/1558*100%=13.21%＞10%，得8分。",
		"实际支出与计划安排费用的变动程度=（126-126）/126*100%=0%≤15%，得10分。",
		"实际支出与计划安排费用的变动程度=（10-3）/10*100%=70%＞40%，得0分。",
		"实际支出与计划安排费用的变动程度=（300-270.53）/300*100%=9.82%≤10%，得10分。",
		"实际支出与计划安排费用的变动程度=（16-4.85）/16*100%=69.69%＞40%，得0分。",
		"无形资产增加：",
		"1）发明专利授权量计划同比增长2%，2019年度发明专利授权量1223件，同比增长6.63%，得2.5分。",
		"帮助中小企业解决融资难问题：帮助5家以上企业解决融资难问题，得10分。",
		"各子项目社会公众或服务对象满意度，95％以上，得10分。",
	}
	joined := strings.Join(lines, "\n")
	for _, w := range want {
		if !strings.Contains("\n"+joined+"\n", "\n"+w+"\n") {
			t.Errorf("no line %q", w)
		}
	}
}

func TestViewCarriesTheScoresAndStructure(t *testing.T) {
	v := view2019(t)
	if got := strings.Join(v.TitleLines, "|"); got != "南昌市2019年度知识产权专项资金|绩效评价报告" {
		t.Errorf("title %q", got)
	}
	if v.SubScores != "知识产权奖励项目95.68分，知识产权补助项目99分，知识产权维权援助项目75分，知识产权保护中心运行经费项目94.02分，知识产权管理费项目81.03分" {
		t.Errorf("sub scores %q", v.SubScores)
	}
	if v.GroupNames != "项目资金、项目产出、项目效益、项目满意度" {
		t.Errorf("group names %q", v.GroupNames)
	}
	if v.Funds == nil || v.Funds.Name != "项目资金" || len(v.Groups) != 3 {
		t.Fatalf("funds %v, %d other groups", v.Funds, len(v.Groups))
	}
	if v.Notice == nil || v.Notice.Cite != "《南昌市财政局关于开展2019年度市级部门财政项目支出绩效评价工作的通知》（洪财办〔2020〕10号）" {
		t.Errorf("notice %+v", v.Notice)
	}
	if len(v.Basis) != 2 || v.Basis[1].Cite != "南昌市人民政府《关于印发南昌市国家知识产权示范城市创建工作的通知》（洪府发【2015】7号）" {
		t.Errorf("basis %+v", v.Basis)
	}
	if len(v.Evaluation) != 5 {
		t.Errorf("%d evaluation documents, want 5", len(v.Evaluation))
	}
	out := v.Groups[0]
	if out.Name != "产出" || !out.Score.Equal(decimal2("46.67")) {
		t.Errorf("产出 group %s %s", out.Name, out.Score)
	}
	q := out.Categories[0]
	if q.Name != "产出数量" || !q.Score.Equal(decimal2("19.49")) || len(q.Subs) != 5 || q.Subs[2].Letter != "c" {
		t.Errorf("产出数量 %+v", q)
	}
	if !q.Subs[0].Weighted.Equal(decimal2("15.5")) || !q.Subs[0].Several {
		t.Errorf("奖励 quantity %+v", q.Subs[0])
	}
	eco := v.Groups[1].Categories[2]
	if eco.Name != "生态效益" || eco.NotSet != "本项目不产生直接生态效益，未设置生态效益指标。" || len(eco.Subs) != 0 {
		t.Errorf("生态效益 %+v", eco)
	}
	if len(v.Other) != 3 || v.Other[0].Name != "知识产权维权援助项目" {
		t.Errorf("other %+v", v.Other)
	}
	if Letter(0) != "a" || Letter(25) != "z" || Letter(26) != "aa" || Letter(27) != "ab" {
		t.Errorf("letters %s %s %s", Letter(25), Letter(26), Letter(27))
	}
}

func decimal2(s string) decimal.Decimal { return decimal.RequireFromString(s) }
