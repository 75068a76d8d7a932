package workbook

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// selfEvalSheetName is the sheet of the project self-evaluation form.
const selfEvalSheetName = "绩效自评表"

// Columns of the self-evaluation sheet: a label column, then the indicator
// table's columns; the funds block lays its columns over the same grid.
const (
	seLabel     = iota + 1 // 项目资金 / 年度总体目标 / 绩效指标
	seLevel1               // 一级指标; the funds rows' names over this and the next
	seLevel2               // 二级指标
	seName                 // 三级指标; 年初预算数
	seValue                // 年度指标值; 全年预算数
	seActual               // 实际完成值; 全年执行数
	sePoints               // 分值
	seScore                // 得分; 执行率
	seDeviation            // 偏差原因分析及改进措施; 得分
)

// Fixed rows of the self-evaluation sheet; the goals, indicators and notes
// follow.
const (
	seTitleRow  = 1
	seYearRow   = 2
	seNameRow   = 3
	seDeptRow   = 4
	seFundsHead = 5
	seFundsRow  = 6 // 年度资金总额; the three 其中 rows follow
	seGoalsHead = seFundsRow + 4
)

// selfEvalSheet is the 项目支出绩效自评表 as the Ministry's form lays it
// out: header, 项目资金, 年度总体目标, 绩效指标 and 总分, with the notes
// under it. The budget figures and the qualitative scores are constants
// from the data; the execution rate and its score, each quantitative
// indicator's score and the totals are formulas with calc's figures cached.
func selfEvalSheet(r *calc.Result, st *styles) *sheet {
	se := r.SelfEval
	sh := newSheet(selfEvalSheetName, 9, 9, 10, 22, 12, 12, 7, 9, 24)
	last := sh.lastCol()
	sh.mergePut(1, seTitleRow, last, seTitleRow, "项目支出绩效自评表", st.title())
	sh.height(seTitleRow, 36)
	sh.mergePut(1, seYearRow, last, seYearRow, fmt.Sprintf("（%d年度）", r.Year.Fund.Year), st.subtitle(center))

	sh.mergePut(seLabel, seNameRow, seLevel2, seNameRow, "项目名称", st.label(center))
	sh.mergePut(seName, seNameRow, last, seNameRow, se.Project, st.text(left))
	sh.mergePut(seLabel, seDeptRow, seLevel2, seDeptRow, "主管部门", st.label(center))
	sh.mergePut(seName, seDeptRow, seActual, seDeptRow, se.Department, st.text(left))
	sh.mergePut(sePoints, seDeptRow, seScore, seDeptRow, "实施单位", st.label(center))
	sh.put(seDeviation, seDeptRow, se.Implementer, st.text(left))

	selfEvalFunds(sh, r, st)
	row := selfEvalGoals(sh, se, st)
	row = selfEvalIndicators(sh, se, st, row)
	for _, n := range se.Notes {
		sh.mergePut(1, row, last, row, n, st.note())
		row++
	}
	return sh
}

// selfEvalFunds writes the 项目资金（万元） block.
func selfEvalFunds(sh *sheet, r *calc.Result, st *styles) {
	se := r.SelfEval
	first, lastRow := seFundsRow, seFundsRow+len(se.Funds)-1
	sh.mergePut(seLabel, seFundsHead, seLabel, lastRow, "项目资金\n（万元）", st.label(center))
	sh.mergePut(seLevel1, seFundsHead, seLevel2, seFundsHead, "", st.header())
	for c, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"} {
		sh.put(seName+c, seFundsHead, h, st.header())
	}
	var amounts []decimal.Decimal
	for _, f := range se.Funds {
		amounts = append(amounts, f.Initial, f.Final)
		if f.Spending != nil {
			amounts = append(amounts, *f.Spending)
		}
	}
	amt := st.numberCentered(fixedFormat(places(0, amounts...)))
	dash := st.text(center)
	for i, f := range se.Funds {
		row := first + i
		sh.mergePut(seLevel1, row, seLevel2, row, f.Name, st.text(left))
		if i == 0 {
			// The total row adds up its parts.
			sum := func(col int) string { return fmt.Sprintf("SUM(%s)", rangeRef(col, first+1, col, lastRow)) }
			sh.formula(seName, row, sum(seName), num(f.Initial), amt)
			sh.formula(seValue, row, sum(seValue), num(f.Final), amt)
			sh.put(seActual, row, num(*f.Spending), amt)
			sh.put(sePoints, row, num(se.ExecutionPoints), st.numberCentered(fmtGeneral))
			spend, budget, pts := cellName(seActual, row), cellName(seValue, row), cellName(sePoints, row)
			sh.formula(seScore, row, fmt.Sprintf("ROUND(%s/%s*100,2)", spend, budget), num(*f.Rate), st.numberCentered(fmtPercent))
			score := ratioFormula(spend, budget, cellName(seScore, row), se.ExecutionPoints, r.Year.Scoring.ScoreFrom)
			sh.formula(seDeviation, row, fmt.Sprintf("IF(%s>=%s,%s,%s)", spend, budget, pts, score),
				num(se.ExecutionScore), st.numberCentered(fmtScore))
			continue
		}
		sh.put(seName, row, num(f.Initial), amt)
		sh.put(seValue, row, num(f.Final), amt)
		if f.Spending != nil {
			sh.put(seActual, row, num(*f.Spending), amt)
		} else {
			sh.put(seActual, row, "—", dash)
		}
		sh.put(sePoints, row, "—", dash)
		if f.Rate != nil {
			sh.formula(seScore, row, fmt.Sprintf("ROUND(%s/%s*100,2)", cellName(seActual, row), cellName(seValue, row)), num(*f.Rate), st.numberCentered(fmtPercent))
		} else {
			sh.put(seScore, row, "—", dash)
		}
		sh.put(seDeviation, row, "—", dash)
	}
}

// selfEvalGoals writes the 年度总体目标 block, each goal beside its
// achievement; it returns the next free row.
func selfEvalGoals(sh *sheet, se *calc.SelfEvalResult, st *styles) int {
	n := max(len(se.Goals), len(se.Achieved))
	sh.mergePut(seLabel, seGoalsHead, seLabel, seGoalsHead+n, "年度总体目标", st.label(center))
	sh.mergePut(seLevel1, seGoalsHead, seActual, seGoalsHead, "预期目标", st.header())
	sh.mergePut(sePoints, seGoalsHead, seDeviation, seGoalsHead, "实际完成情况", st.header())
	at := func(list []string, i int) string {
		if i < len(list) {
			return fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(list[i]))
		}
		return ""
	}
	for i := 0; i < n; i++ {
		row := seGoalsHead + 1 + i
		sh.mergePut(seLevel1, row, seActual, row, at(se.Goals, i), st.text(left))
		sh.mergePut(sePoints, row, seDeviation, row, at(se.Achieved, i), st.text(left))
	}
	return seGoalsHead + n + 1
}

// selfEvalIndicators writes the 绩效指标 block from its header row and the
// 总分 row; it returns the next free row.
func selfEvalIndicators(sh *sheet, se *calc.SelfEvalResult, st *styles, head int) int {
	sh.page.titleRows = [2]int{head, head}
	first := head + 1
	lastRow := head + len(se.Indicators)
	sh.mergePut(seLabel, head, seLabel, lastRow, "绩效指标", st.label(center))
	for c, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		sh.put(seLevel1+c, head, h, st.header())
	}
	score := st.numberCentered(fmtScore)
	for i, ind := range se.Indicators {
		t, row := ind.Target, first+i
		// Every row names its 一级 and 二级 indicator: a label merged down
		// the rows would stay on the page where they begin.
		sh.put(seLevel1, row, t.Level1, st.text(center))
		sh.put(seLevel2, row, t.Level2, st.text(center))
		sh.put(seName, row, t.Name, st.text(left))
		sh.put(seValue, row, t.ValueText(), st.text(center))
		sh.put(seActual, row, t.ActualText(), st.text(center))
		sh.put(sePoints, row, num(ind.Points), st.numberCentered(fmtGeneral))
		pts := cellName(sePoints, row)
		switch {
		case !t.Quantitative():
			sh.put(seScore, row, num(ind.Score), score)
		case ind.Met:
			sh.formula(seScore, row, pts, num(ind.Score), score)
		default:
			n, d := t.Actual.Num, t.Value.Num
			if ind.Formula == fund.FormulaValueOverActual {
				n, d = d, n
			}
			if n.IsPositive() && d.IsPositive() {
				sh.formula(seScore, row, fmt.Sprintf("MIN(%s,ROUND(%s*%s/%s,2))", pts, pts, n, d), num(ind.Score), score)
			} else {
				sh.put(seScore, row, num(ind.Score), score)
			}
		}
		sh.put(seDeviation, row, t.Deviation, st.text(left))
	}
	total := lastRow + 1
	sh.mergePut(seLabel, total, seActual, total, "总分", st.label(center))
	sh.formula(sePoints, total, fmt.Sprintf("%s+SUM(%s)", cellName(sePoints, seFundsRow), rangeRef(sePoints, first, sePoints, lastRow)),
		num(se.Points), st.totalCentered(fmtGeneral))
	sh.formula(seScore, total, fmt.Sprintf("%s+SUM(%s)", cellName(seDeviation, seFundsRow), rangeRef(seScore, first, seScore, lastRow)),
		num(se.Total), st.totalCentered(fmtScore))
	sh.put(seDeviation, total, "", st.text(left))
	return total + 1
}
