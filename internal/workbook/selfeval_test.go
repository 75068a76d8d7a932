package workbook

import (
	"testing"

	"ipfund/internal/calc"
	"ipfund/internal/tomlx"
)

// selfEvalMissed is the seed year with two quantitative targets missed, so
// that their scores come from the formulas: 知识产权行政执法案件 ≥50 with 45
// done scores 45/50 × 2 = 1.80; 专项资金实际支出 ≤2010 with 2500 spent
// scores 2010/2500 × 10 = 8.04. Total: 97.60 − 0.20 − 1.96 = 95.44.
func selfEvalMissed(t testing.TB) *calc.Result {
	t.Helper()
	r := result2019(t)
	y := r.Year
	for i := range y.Targets.Indicators {
		tg := &y.Targets.Indicators[i]
		switch tg.Name {
		case "知识产权行政执法案件":
			tg.Actual = &tomlx.Scalar{Text: "45", Num: d("45"), IsNum: true}
		case "专项资金实际支出":
			tg.Actual = &tomlx.Scalar{Text: "2500", Num: d("2500"), IsNum: true}
		}
	}
	return calc.Compute(y)
}

func TestSelfEvalSheet2019(t *testing.T) {
	r := result2019(t)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	rows := bk.rows(selfEvalSheetName)
	if rows[0][0] != "项目支出绩效自评表" || rows[1][0] != "（2019年度）" {
		t.Errorf("title rows: %q %q", rows[0][0], rows[1][0])
	}
	if rows[2][3] != "南昌市知识产权专项资金" || rows[3][8] != "南昌市市场监督管理局（南昌市知识产权局）" {
		t.Errorf("header: %q", rows[2:4])
	}
	// The funds block: 年初, 全年, 执行, 分值, 执行率, 得分.
	want := [][]string{
		{"年度资金总额", "", "2010", "2010", "1756.58", "10", "87.39", "8.74"},
		{"其中：当年财政拨款", "", "1700", "1700", "—", "—", "—", "—"},
		{"上年结转资金", "", "310", "310", "—", "—", "—", "—"},
		{"其他资金", "", "0", "0", "0", "—", "—", "—"},
	}
	for i, w := range want {
		got := rows[seFundsRow-1+i][seLevel1-1:]
		for j := range w {
			if j >= len(got) || got[j] != w[j] {
				t.Errorf("funds row %d = %q, want %q", i, got, w)
				break
			}
		}
	}
	if f := bk.formula(selfEvalSheetName, "I6"); f != "IF(F6>=E6,G6,ROUND(H6*10/100,2))" {
		t.Errorf("execution score formula %q", f)
	}
	if f := bk.formula(selfEvalSheetName, "H6"); f != "ROUND(F6/E6*100,2)" {
		t.Errorf("execution rate formula %q", f)
	}
	head := findRow(t, rows, 1, "绩效指标")
	if rows[head-1][8] != "偏差原因分析及改进措施" {
		t.Errorf("indicator header %q", rows[head-1])
	}
	late := findRow(t, rows, 4, "奖励、补助资金支付完成时限") - 1
	if rows[late][4] != "2019年12月31日" || rows[late][5] != "2020年2月" || rows[late][6] != "5" || rows[late][7] != "3.86" || rows[late][8] == "" {
		t.Errorf("deadline row %q", rows[late])
	}
	total := findRow(t, rows, 1, "总分") - 1
	wantNum(t, "满分", rows[total][6], "100")
	wantNum(t, "总分", rows[total][7], "97.60")
	if f := bk.formula(selfEvalSheetName, cellName(seScore, total+1)); f != "I6+SUM(H16:H29)" {
		t.Errorf("total formula %q", f)
	}
	// The indicator header repeats on every printed page.
	names := bk.f.GetDefinedName()
	found := false
	for _, n := range names {
		found = found || (n.Scope == selfEvalSheetName && n.Name == "_xlnm.Print_Titles" && n.RefersTo == "'绩效自评表'!$15:$15")
	}
	if !found {
		t.Errorf("no print titles on the form: %+v", names)
	}
	bk.wantMerges(t, selfEvalSheetName, "A5:A9", "A15:A29")
	if rows[23][1] != "产出指标" || rows[23][2] != "数量指标" {
		t.Errorf("row 24 does not name its category: %q", rows[23])
	}
}

func TestSelfEvalSheetScoresMissedTargetsByFormula(t *testing.T) {
	r := selfEvalMissed(t)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	rows := bk.rows(selfEvalSheetName)
	for _, c := range []struct{ name, score, formula string }{
		{"知识产权行政执法案件", "1.8", "MIN(G20,ROUND(G20*45/50,2))"},
		{"专项资金实际支出", "8.04", "MIN(G27,ROUND(G27*2010/2500,2))"},
		{"发明专利授权量同比增长", "3", "G16"},
	} {
		row := findRow(t, rows, 4, c.name)
		wantNum(t, c.name, rows[row-1][7], c.score)
		if f := bk.formula(selfEvalSheetName, cellName(seScore, row)); f != c.formula {
			t.Errorf("%s formula %q, want %q", c.name, f, c.formula)
		}
	}
	total := findRow(t, rows, 1, "总分") - 1
	wantNum(t, "总分", rows[total][7], "95.44")
}

// checkSelfEvalCSV compares LibreOffice's recalculation of the form with
// calc's figures, to the cent.
func checkSelfEvalCSV(t *testing.T, se *calc.SelfEvalResult, rows [][]string) {
	t.Helper()
	f := rows[seFundsRow-1]
	wantCent(t, "自评表 年初预算数", f[seName-1], se.Funds[0].Initial.String())
	wantCent(t, "自评表 全年预算数", f[seValue-1], se.Funds[0].Final.String())
	wantCent(t, "自评表 执行率", f[seScore-1], se.Funds[0].Rate.String())
	wantCent(t, "自评表 执行率得分", f[seDeviation-1], se.ExecutionScore.String())
	for _, ind := range se.Indicators {
		row := findRow(t, rows, seName, ind.Target.Name) - 1
		wantCent(t, "自评表 "+ind.Target.Name, rows[row][seScore-1], ind.Score.String())
	}
	total := findRow(t, rows, 1, "总分") - 1
	wantCent(t, "自评表 满分", rows[total][sePoints-1], se.Points.String())
	wantCent(t, "自评表 总分", rows[total][seScore-1], se.Total.String())
}
