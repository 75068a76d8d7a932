package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/fund"
)

// TestSelfEval2019 checks the self-evaluation form of the seed year against
// figures worked out by hand from the data:
//
//	funds: 2010 万元 budgeted (1700 + 310), 1756.58 spent;
//	       执行率 1756.58/2010 = 87.3920…% → 87.39 %; 得分 1756.58×10/2010 = 8.739… → 8.74
//	indicators: every quantitative target met → full points
//	       (3, 3, 2×7, 15 for 产出数量/质量, 10 for 成本 ≤ 2010: 1756.58, 10 for 满意度 ≥95: 95);
//	       the deadline missed (2020年2月 > 2019年12月31日), graded 部分达成 at 3.86 of 5;
//	       企业知识产权管理制度 完善 = 完善, graded 全部或基本达成 at 30 of 30
//	总分: 8.74 + 20 + 15 + 3.86 + 10 + 30 + 10 = 97.60
func TestSelfEval2019(t *testing.T) {
	r := load2019(t)
	se := r.SelfEval
	if se == nil {
		t.Fatal("no self-evaluation form for 2019")
	}
	if se.Project != "南昌市知识产权专项资金" || se.Department != "南昌市市场监督管理局（南昌市知识产权局）" || se.Implementer != se.Department {
		t.Errorf("header: %q / %q / %q", se.Project, se.Department, se.Implementer)
	}
	type row struct {
		name                           string
		initial, final, spending, rate string // "" for "—"
	}
	want := []row{
		{FundsTotal, "2010", "2010", "1756.58", "87.39"},
		{FundsCurrent, "1700", "1700", "", ""},
		{FundsCarryover, "310", "310", "", ""},
		{FundsOther, "0", "0", "0", ""},
	}
	if len(se.Funds) != len(want) {
		t.Fatalf("%d funds rows, want %d", len(se.Funds), len(want))
	}
	opt := func(p *decimal.Decimal) string {
		if p == nil {
			return ""
		}
		return p.String()
	}
	for i, w := range want {
		g := se.Funds[i]
		if g.Name != w.name || g.Initial.String() != w.initial || g.Final.String() != w.final || opt(g.Spending) != w.spending || opt(g.Rate) != w.rate {
			t.Errorf("funds row %d = %s %s %s %s %s, want %v", i, g.Name, g.Initial, g.Final, opt(g.Spending), opt(g.Rate), w)
		}
	}
	eq(t, "execution points", se.ExecutionPoints, "10")
	eq(t, "execution score", se.ExecutionScore, "8.74")

	scores := []struct{ name, points, score string }{
		{"发明专利授权量同比增长", "3", "3"},
		{"万人有效发明专利拥有量同比增长", "3", "3"},
		{"企业累计拥有国内外有效发明专利奖励", "2", "2"},
		{"知识产权贯标企业奖励", "2", "2"},
		{"知识产权行政执法案件", "2", "2"},
		{"开展知识产权宣传培训", "2", "2"},
		{"宣传培训参与人次", "2", "2"},
		{"培育优势示范企业", "2", "2"},
		{"知识产权质押融资补助企业", "2", "2"},
		{"项目符合专项资金管理办法比例", "15", "15"},
		{"奖励、补助资金支付完成时限", "5", "3.86"},
		{"专项资金实际支出", "10", "10"},
		{"企业知识产权管理制度", "30", "30"},
		{"服务对象满意度", "10", "10"},
	}
	if len(se.Indicators) != len(scores) {
		t.Fatalf("%d indicators, want %d", len(se.Indicators), len(scores))
	}
	for i, w := range scores {
		g := se.Indicators[i]
		if g.Target.Name != w.name {
			t.Errorf("indicator %d is %s, want %s", i, g.Target.Name, w.name)
		}
		eq(t, w.name+" points", g.Points, w.points)
		eq(t, w.name+" score", g.Score, w.score)
	}
	late := se.Indicators[10]
	if late.Grade != "部分达成并具有一定效果" || late.Status != StatusMissed || late.Target.Deviation == "" {
		t.Errorf("deadline row: grade %q, status %q, deviation %q", late.Grade, late.Status, late.Target.Deviation)
	}
	if cost := se.Indicators[11]; cost.Formula != fund.FormulaValueOverActual || !cost.Met {
		t.Errorf("cost row: formula %q met %v", cost.Formula, cost.Met)
	}
	eq(t, "full score", se.Points, "100")
	eq(t, "total", se.Total, "97.60")
	if len(se.Notes) != 6 || se.Notes[0] != "1. 预算执行率=全年执行数/全年预算数×100%，四舍五入保留两位小数；得分=预算执行率×10分，最高10分。" {
		t.Errorf("notes: %q", se.Notes)
	}
	if got := se.Notes[3]; got != "4. 定性指标根据指标完成情况分为全部或基本达成（分值的100%至80%（含））、部分达成并具有一定效果（分值的80%至60%（含））、未达成且效果较差（分值的60%至0%）3档，在所评档次的区间内确定得分。" {
		t.Errorf("grades note: %s", got)
	}
}

// selfEvalForm is the form set-up of the 2019 data: ≥ ＞ = positive, ≤ ＜
// negative.
func selfEvalForm() *fund.SelfEval {
	return &fund.SelfEval{
		Formulas: []fund.SelfEvalFormula{
			{Comparators: []string{"≥", "＞", "="}, Formula: fund.FormulaActualOverValue},
			{Comparators: []string{"≤", "＜"}, Formula: fund.FormulaValueOverActual},
		},
	}
}

func TestSelfEvalQuantitativeRules(t *testing.T) {
	cases := []struct {
		name          string
		cmp           string
		value, actual string
		points, want  string
	}{
		// ≥: actual/value × points when missed.
		{"≥ missed", "≥", "4", "3", "2", "1.50"},
		{"≥ missed, rounded half up", "≥", "3", "2", "10", "6.67"},
		{"≥ missed, half up at the third place", "≥", "8", "1", "0.5", "0.06"}, // 0.0625 → 0.06
		{"≥ missed, 0.005 rounds up", "≥", "200", "1", "1", "0.01"},            // 0.005 → 0.01
		// Capping: met or exceeded scores the points, never more.
		{"≥ exceeded is capped", "≥", "28", "181", "2", "2"},
		{"≥ met exactly", "≥", "95", "95", "10", "10"},
		// ≤: value/actual × points when missed.
		{"≤ missed", "≤", "2010", "2500", "10", "8.04"},
		{"≤ met scores full, not value/actual", "≤", "2010", "1756.58", "10", "10"},
		{"≤ met at zero", "≤", "5", "0", "4", "4"},
		{"＜ missed", "＜", "5", "8", "4", "2.50"},
		// =: by the formula its rule names (actual/value here).
		{"= missed below", "=", "100", "90", "15", "13.50"},
		// A ratio that is not positive scores 0.
		{"≥ missed with a negative actual", "≥", "2", "-3", "5", "0"},
	}
	se := selfEvalForm()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := d(c.points)
			tg := &fund.Target{Comparator: c.cmp, Value: *num(c.value), Actual: num(c.actual), Points: &p}
			got := selfEvalIndicator(se, tg)
			eq(t, "score", got.Score, c.want)
			if got.Formula == "" {
				t.Error("no formula recorded")
			}
		})
	}
}

func TestSelfEvalQualitativeScoreIsTheGivenOne(t *testing.T) {
	p, s := d("5"), d("3.86")
	tg := &fund.Target{Value: *date(2019, 12, 31), Actual: date(2020, 2, 1), Points: &p, Grade: "部分达成并具有一定效果", Score: &s}
	got := selfEvalIndicator(selfEvalForm(), tg)
	eq(t, "score", got.Score, "3.86")
	if got.Grade != "部分达成并具有一定效果" || got.Formula != "" || got.Status != StatusMissed {
		t.Errorf("grade %q formula %q status %q", got.Grade, got.Formula, got.Status)
	}
}

func TestSelfEvalFundsRowsWithSplitSpending(t *testing.T) {
	r := load2019(t)
	y := r.Year
	se := *y.SelfEval
	cur, carry, ic := d("1446.58"), d("310"), d("1600")
	se.SpendingCurrent, se.SpendingCarryover, se.InitialCurrent = &cur, &carry, &ic
	y2 := *y
	y2.SelfEval = &se
	got := SelfEval(&y2, r.Budget, r.Spending)
	// 1446.58/1700 = 85.0929…% → 85.09; 310/310 = 100 %.
	if f := got.Funds[1]; f.Initial.String() != "1600" || f.Spending.String() != "1446.58" || f.Rate.String() != "85.09" {
		t.Errorf("当年财政拨款 row: %s %v %v", f.Initial, f.Spending, f.Rate)
	}
	if f := got.Funds[2]; f.Rate.String() != "100" {
		t.Errorf("上年结转资金 rate %v", f.Rate)
	}
	// 年初预算数 of the total row follows its parts: 1600 + 310.
	eq(t, "total initial", got.Funds[0].Initial, "1910")
}
