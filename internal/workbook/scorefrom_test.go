package workbook

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// halfYear is the seed year with the management sub-project spending
// spend5 of its full 16 万元 budget, so that the fund's execution rate sits
// just under a half at the third decimal of its score (spend5 = 1.9: 1753.63
// of 2010 is 87.2453…%, printed 87.25%: 8.725 → 8.73 from the printed rate,
// 8.7245… → 8.72 exact), under the given score_from.
func halfYear(t testing.TB, spend5, from string) *calc.Result {
	t.Helper()
	y := result2019(t).Year
	sp := &y.Subprojects[4]
	old := sp.Spending
	sp.Arrived, sp.Spending = decimal.NewFromInt(16), decimal.RequireFromString(spend5)
	y.Fund.Spending = y.Fund.Spending.Sub(old).Add(sp.Spending)
	y.Scoring.ScoreFrom = from
	return calc.Compute(y)
}

func TestScoreFromRoundedRateScoresThePrintedRate(t *testing.T) {
	r := halfYear(t, "1.9", fund.ScoreFromRoundedRate)
	if !r.ExecutionRate.Equal(decimal.RequireFromString("87.25")) || !r.ExecutionScore.Equal(decimal.RequireFromString("8.73")) {
		t.Fatalf("rate %s score %s, want 87.25 and 8.73", r.ExecutionRate, r.ExecutionScore)
	}
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	wantFormula(t, bk, "汇总", "I11", "ROUND(F11*10/100,2)")
	wantNum(t, "汇总 I11", bk.value("汇总", "I11"), "8.73")
	s := "5 知识产权管理费项目"
	wantFormula(t, bk, s, "H4", "ROUND(F2*10/100,2)")
	if got := bk.value(s, "I4"); got != "预算执行率=实际支出/预算=1.9/16=11.88%，得分=11.88%×10=1.19分。" {
		t.Errorf("%s I4 = %q", s, got)
	}
	if got := bk.value("汇总", "A16"); !strings.Contains(got, "四舍五入到两位小数的预算执行率×分值") {
		t.Errorf("汇总 note 3 = %q", got)
	}
}

func TestScoreFromExactScoresTheFraction(t *testing.T) {
	r := halfYear(t, "1.9", fund.ScoreFromExact)
	if !r.ExecutionRate.Equal(decimal.RequireFromString("87.25")) || !r.ExecutionScore.Equal(decimal.RequireFromString("8.72")) {
		t.Fatalf("rate %s score %s, want 87.25 and 8.72", r.ExecutionRate, r.ExecutionScore)
	}
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	wantFormula(t, bk, "汇总", "I11", "ROUND(E11/C11*10,2)")
	wantNum(t, "汇总 I11", bk.value("汇总", "I11"), "8.72")
	s := "5 知识产权管理费项目"
	wantFormula(t, bk, s, "H4", "ROUND(D2/B2*10,2)")
	if got := bk.value(s, "I4"); got != "预算执行率=实际支出/预算=1.9/16=11.88%，得分=1.9/16×10=1.19分。" {
		t.Errorf("%s I4 = %q", s, got)
	}
	if got := bk.value("汇总", "A16"); !strings.Contains(got, "实际支出/预算×分值") {
		t.Errorf("汇总 note 3 = %q", got)
	}
}
