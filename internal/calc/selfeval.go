package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/fund"
)

// SelfEvalResult is the filled-in project self-evaluation form
// (项目支出绩效自评表, 财预〔2020〕10号 附件) of a year.
type SelfEvalResult struct {
	Form                             *fund.SelfEval
	Project, Department, Implementer string
	// Funds are the rows of 项目资金: 年度资金总额, then 其中：当年财政拨款,
	// 上年结转资金, 其他资金.
	Funds []FundsRow
	// ExecutionPoints and ExecutionScore are the 分值 and 得分 of the
	// first funds row (预算执行率).
	ExecutionPoints, ExecutionScore decimal.Decimal
	Goals, Achieved                 []string
	Indicators                      []SelfEvalIndicator
	// Points is the form's full score (100); Total the 总分: the execution
	// score plus every indicator's score.
	Points, Total decimal.Decimal
	// Notes are the notes under the form: how each figure was scored, from
	// the rules in the data, then the data's own notes.
	Notes []string
}

// FundsRow is one row of the form's 项目资金 block, in 万元.
type FundsRow struct {
	Name string
	// Initial is the 年初预算数, Final the 全年预算数.
	Initial, Final decimal.Decimal
	// Spending is the 全年执行数, nil when the data does not split the
	// spending by source; Rate the 执行率 in percent, 2 places, nil when
	// unknown or the budget is 0.
	Spending, Rate *decimal.Decimal
}

// Funds rows' names as the form prints them.
const (
	FundsTotal     = "年度资金总额"
	FundsCurrent   = "其中：当年财政拨款"
	FundsCarryover = "上年结转资金"
	FundsOther     = "其他资金"
)

// SelfEvalIndicator is one indicator row of the form.
type SelfEvalIndicator struct {
	Target *fund.Target
	Status string // as the target table shows it (已完成, 未完成)
	Points decimal.Decimal
	Score  decimal.Decimal
	// Formula is the formula of a quantitative indicator
	// (fund.FormulaActualOverValue, …); Met tells that it scored full
	// points because the target was met. Grade is a qualitative one's.
	Formula string
	Met     bool
	Grade   string
}

// SelfEval fills in the self-evaluation form of a validated year; nil when
// the year has none. It assumes fund.Validate found no errors.
func SelfEval(y *fund.Year, budget, spending decimal.Decimal) *SelfEvalResult {
	se := y.SelfEval
	if se == nil || y.Targets == nil {
		return nil
	}
	f := y.Fund
	out := &SelfEvalResult{
		Form: se, Project: se.Project, Department: se.Department, Implementer: se.Implementer,
		ExecutionPoints: se.ExecutionPoints,
		Goals:           y.Targets.Goals, Achieved: se.Achieved,
		Points: decimal.NewFromInt(100),
	}
	if out.Project == "" {
		out.Project = f.Region + f.Name
	}
	if out.Department == "" {
		out.Department = f.Department
	}
	if out.Implementer == "" {
		out.Implementer = out.Department
	}
	initial := func(p *decimal.Decimal, final decimal.Decimal) decimal.Decimal {
		if p != nil {
			return *p
		}
		return final
	}
	initCur, initCarry := initial(se.InitialCurrent, f.BudgetCurrent), initial(se.InitialCarryover, f.BudgetCarryover)
	zero := decimal.Zero
	out.Funds = []FundsRow{
		fundsRow(FundsTotal, initCur.Add(initCarry), budget, &spending),
		fundsRow(FundsCurrent, initCur, f.BudgetCurrent, se.SpendingCurrent),
		fundsRow(FundsCarryover, initCarry, f.BudgetCarryover, se.SpendingCarryover),
		// The fund's budget is the year's money plus the carry-over; it
		// has no other money, so none of it was spent either.
		fundsRow(FundsOther, zero, zero, &zero),
	}
	out.ExecutionScore = RatioScore(spending, budget, se.ExecutionPoints, y.Scoring.ScoreFrom)
	out.Total = out.ExecutionScore
	for i := range y.Targets.Indicators {
		ind := selfEvalIndicator(se, &y.Targets.Indicators[i])
		out.Indicators = append(out.Indicators, ind)
		out.Total = out.Total.Add(ind.Score)
	}
	out.Notes = append(selfEvalNotes(se, y.Scoring.ScoreFrom), se.Notes...)
	for i := range out.Notes {
		out.Notes[i] = fmt.Sprintf("%d. %s", i+1, out.Notes[i])
	}
	return out
}

func fundsRow(name string, initial, final decimal.Decimal, spending *decimal.Decimal) FundsRow {
	row := FundsRow{Name: name, Initial: initial, Final: final, Spending: spending}
	if spending != nil && final.IsPositive() {
		rate := Percent(*spending, final)
		row.Rate = &rate
	}
	return row
}

// selfEvalIndicator scores one indicator by the form's rules: a met
// quantitative target scores full points, a missed one its formula's ratio
// × points (四舍五入 to 2 places, at most the points, 0 when the ratio is
// not positive); a qualitative one scores what the data gives within its
// grade's band (checked by fund.Validate).
func selfEvalIndicator(se *fund.SelfEval, t *fund.Target) SelfEvalIndicator {
	ind := SelfEvalIndicator{Target: t, Status: status(t), Points: *t.Points, Met: t.Met()}
	if !t.Quantitative() {
		ind.Grade = t.Grade
		if t.Score != nil {
			ind.Score = *t.Score
		}
		return ind
	}
	ind.Formula = se.FormulaFor(t.Comparator)
	if ind.Met {
		ind.Score = ind.Points
		return ind
	}
	num, den := t.Actual.Num, t.Value.Num
	if ind.Formula == fund.FormulaValueOverActual {
		num, den = den, num
	}
	ind.Score = decimal.Zero
	if num.IsPositive() && den.IsPositive() {
		ind.Score = decimal.Min(ind.Points, Quo(ind.Points.Mul(num), den, 2))
	}
	return ind
}

// selfEvalNotes words the form's rules as the notes under it; the execution
// score follows the scoring system's score_from, as the report's does.
func selfEvalNotes(se *fund.SelfEval, scoreFrom string) []string {
	execution := fmt.Sprintf("预算执行率=全年执行数/全年预算数×100%%，四舍五入保留两位小数；得分=预算执行率×%s分，最高%s分。", se.ExecutionPoints, se.ExecutionPoints)
	if scoreFrom == fund.ScoreFromExact {
		execution = fmt.Sprintf("预算执行率=全年执行数/全年预算数×100%%，四舍五入保留两位小数；得分=全年执行数/全年预算数×%s分，四舍五入保留两位小数，最高%s分。", se.ExecutionPoints, se.ExecutionPoints)
	}
	notes := []string{execution}
	for _, f := range se.Formulas {
		cs := make([]string, len(f.Comparators))
		for i, c := range f.Comparators {
			cs[i] = "“" + c + "”"
		}
		kind := "正向指标"
		if f.Formula == fund.FormulaValueOverActual {
			kind = "反向指标"
		}
		notes = append(notes, fmt.Sprintf("定量指标年度指标值为%s的（%s），完成年度指标值的得该指标全部分值；未完成的，得分=%s，四舍五入保留两位小数。",
			strings.Join(cs, ""), kind, fund.FormulaWords(f.Formula)))
	}
	bands := make([]string, len(se.Grades))
	for i, g := range se.Grades {
		lo, hi, _, _ := se.GradeBand(g.Name)
		b := fmt.Sprintf("%s（分值的%s%%至%s%%", g.Name, hi, lo)
		if lo.IsPositive() {
			b += "（含）"
		}
		bands[i] = b + "）"
	}
	notes = append(notes, fmt.Sprintf("定性指标根据指标完成情况分为%s%d档，在所评档次的区间内确定得分。", strings.Join(bands, "、"), len(se.Grades)))
	return append(notes, "总分=预算执行率得分+各绩效指标得分，满分100分；未完成年度指标值或未得满分的指标须说明偏差原因及改进措施。")
}
