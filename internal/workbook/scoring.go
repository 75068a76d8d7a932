package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// Sheet names of the scoring workbook besides the sub-projects' own.
const (
	summarySheetName = "汇总"
	targetSheetName  = "绩效目标表"
)

// Columns of the summary sheet; the category columns follow sumFirstCat.
const (
	sumNo = iota + 1
	sumName
	sumBudget
	sumArrived
	sumSpending
	sumRate
	sumWeight
	sumScore
	sumFirstCat
)

// Rows of the summary sheet.
const (
	sumTitleRow = 1
	sumUnitRow  = 2
	sumHeadRow1 = 3 // 各类指标按权重得分
	sumHeadRow2 = 4 // 一级指标
	sumHeadRow3 = 5 // 二级指标
	sumFirstSub = 6
)

// Scoring builds the scoring workbook (附件：<年度>年度<专项资金名称>绩效评价评分表)
// of a computed year. Its sheets:
//
//   - 汇总: one row per sub-project (序号, 子项目, 预算, 实际到位, 实际支出,
//     预算执行率, 权重, 子项目得分, then its weighted score in each category
//     under 一级/二级 header rows), the fund's 合计 row, 总分 and 评价等级;
//   - "<序号> <子项目>": the sub-project's 评分表 in the official layout
//     (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评分标准 | 得分 |
//     评分依据/扣分原因) under a row with its 预算, 实际支出, 预算执行率 and 权重;
//   - 绩效目标表, when the year has targets: the provincial template;
//   - 绩效自评表, when the year has a self-evaluation form: the Ministry's
//     项目支出绩效自评表 (selfeval.go);
//   - "明细<序号> <子项目>" for each sub-project with a detail table: the
//     table as the report draws it, with 小计 and 合计 as formulas.
//
// The inputs (budgets, spending, judged scores) are constants typed in once;
// everything derived from them is a formula with calc's figure cached.
func Scoring(r *calc.Result) (_ []byte, err error) {
	defer stopOnInexact(&err)
	if r == nil || r.Year == nil {
		return nil, errors.New("没有计算结果，无法生成评分表")
	}
	if len(r.Subprojects) == 0 {
		return nil, errors.New("没有子项目，无法生成评分表")
	}
	st := newStyles()
	names, detailNames := sheetNames(r)
	subs := make([]*sheet, len(r.Subprojects))
	lays := make([]subLayout, len(r.Subprojects))
	for i := range r.Subprojects {
		subs[i], lays[i] = subSheet(r, i, st, names[i], sumFirstSub+i)
	}
	sheets := append([]*sheet{summarySheet(r, st, names, lays)}, subs...)
	if len(r.Targets) > 0 {
		sheets = append(sheets, targetSheet(r, st))
	}
	if r.SelfEval != nil {
		sheets = append(sheets, selfEvalSheet(r, st))
	}
	for i := range r.Subprojects {
		if detailNames[i] != "" {
			sheets = append(sheets, detailSheet(&r.Subprojects[i], st, detailNames[i]))
		}
	}
	sheets = append(sheets, fundChartSheet(r, st))
	if st.err != nil {
		return nil, st.err
	}
	f := r.Year.Fund
	return build(sheets, st, docProps{
		title:   scoringTitle(r),
		subject: fmt.Sprintf("%s%d年度%s绩效评价", f.Region, f.Year, f.Name),
		creator: f.Department,
	})
}

// ScoringFileName is the scoring workbook's file name, e.g.
// "附件-2019年度知识产权专项资金绩效评价评分表.xlsx". The report calls it
// "附件：…"; the full-width colon is replaced by a hyphen because a colon
// in a file name is awkward on some systems (archives, shells, Windows tools
// that normalise it to ":").
func ScoringFileName(r *calc.Result) string {
	return "附件-" + scoringTitle(r) + ".xlsx"
}

func scoringTitle(r *calc.Result) string {
	f := r.Year.Fund
	return fmt.Sprintf("%d年度%s绩效评价评分表", f.Year, f.Name)
}

// summarySheet is 汇总: one row per sub-project with its figures and its
// weighted contribution to each category, then the fund's totals, the total
// score and the grade.
func summarySheet(r *calc.Result, st *styles, names []string, lays []subLayout) *sheet {
	groups := groupedCategories(r)
	var cats []int // category columns, in group order
	for _, g := range groups {
		cats = append(cats, g.cats...)
	}
	widths := []float64{6, 20, 11, 11, 11, 10, 9, 9}
	for range cats {
		widths = append(widths, 9)
	}
	sh := newSheet(summarySheetName, widths...)
	sh.page = pageSetup{titleRows: [2]int{sumHeadRow1, sumHeadRow3}, freezeRows: sumHeadRow3, freezeCols: sumName}
	last := sh.lastCol()
	f := r.Year.Fund

	sh.mergePut(1, sumTitleRow, last, sumTitleRow, fmt.Sprintf("%d年度%s绩效评价评分汇总表", f.Year, f.Name), st.title())
	sh.height(sumTitleRow, 36)
	sh.mergePut(1, sumUnitRow, last, sumUnitRow, "金额单位：万元", st.subtitle(right))

	// Header: the fixed columns span the three header rows.
	fixed := []string{"序号", "子项目", "预算\n（万元）", "实际到位\n（万元）", "实际支出\n（万元）", "预算执行率", "权重", "子项目得分"}
	for c, h := range fixed {
		sh.mergePut(c+1, sumHeadRow1, c+1, sumHeadRow3, h, st.header())
	}
	sh.mergePut(sumFirstCat, sumHeadRow1, last, sumHeadRow1, "各类指标按权重得分（子项目得分×子项目预算/专项资金预算）", st.header())
	col := sumFirstCat
	for _, g := range groups {
		h := fmt.Sprintf("%s（%s分）", g.group.Name, g.group.Points)
		if len(g.cats) == 1 {
			// One column: break before the points rather than inside them.
			h = fmt.Sprintf("%s\n（%s分）", g.group.Name, g.group.Points)
		}
		sh.mergePut(col, sumHeadRow2, col+len(g.cats)-1, sumHeadRow2, h, st.header())
		col += len(g.cats)
	}
	for k, ci := range cats {
		ct := r.Categories[ci]
		h := fmt.Sprintf("%s\n（%s分）", ct.Category.Name, ct.Points)
		if ct.Category.NotSet != "" {
			h = ct.Category.Name + "\n（未设置）"
		}
		sh.put(sumFirstCat+k, sumHeadRow3, h, st.header())
	}

	n := len(r.Subprojects)
	totalRow := sumFirstSub + n
	fundBudget := fmt.Sprintf("%s$%d", colName(sumBudget), totalRow) // the fund's budget, fixed when copied down
	var budgets, arrived, spendings []decimal.Decimal
	for _, s := range r.Subprojects {
		budgets = append(budgets, s.Budget)
		arrived = append(arrived, s.Arrived)
		spendings = append(spendings, s.Spending)
	}
	amt := fixedFormat(places(2, append(append(budgets, arrived...), spendings...)...))
	arrivedSum := decimal.Zero
	for i := range r.Subprojects {
		s := &r.Subprojects[i]
		row := sumFirstSub + i
		arrivedSum = arrivedSum.Add(s.Arrived)
		sh.put(sumNo, row, s.Sub.No, st.numberCentered(fmtInt))
		sh.put(sumName, row, s.Sub.Name, st.text(left))
		sh.put(sumBudget, row, num(s.Budget), st.number(amt))
		sh.put(sumArrived, row, num(s.Arrived), st.number(amt))
		sh.put(sumSpending, row, num(s.Spending), st.number(amt))
		sh.formula(sumRate, row, fmt.Sprintf("ROUND(%s/%s*100,2)", cellName(sumSpending, row), cellName(sumBudget, row)),
			num(s.ExecutionRate), st.number(fmtPercent))
		sh.formula(sumWeight, row, fmt.Sprintf("ROUND(%s/%s*100,2)", cellName(sumBudget, row), fundBudget),
			num(s.WeightPercent), st.number(fmtPercent))
		sh.formula(sumScore, row, ref(names[i], scScore, lays[i].totalRow), num(s.Total), st.number(fmtScore))
		for k, ci := range cats {
			rows := lays[i].catRows[ci]
			score := quoteSheet(names[i]) + "!" + rangeRef(scScore, rows[0], scScore, rows[1])
			if rows[0] != rows[1] {
				score = "SUM(" + score + ")"
			}
			sh.formula(sumFirstCat+k, row, fmt.Sprintf("ROUND(%s*%s/%s,2)", score, cellName(sumBudget, row), fundBudget),
				num(s.Categories[ci].Weighted), st.number(fmtScore))
		}
	}

	// The fund's row: sums, its own execution rate, the category totals.
	lastSub := totalRow - 1
	colSum := func(c int) string { return fmt.Sprintf("SUM(%s)", rangeRef(c, sumFirstSub, c, lastSub)) }
	sh.mergePut(sumNo, totalRow, sumName, totalRow, "合计（专项资金）", st.label(center))
	sh.formula(sumBudget, totalRow, colSum(sumBudget), num(r.Budget), st.total(amt))
	sh.formula(sumArrived, totalRow, colSum(sumArrived), num(arrivedSum), st.total(amt))
	sh.formula(sumSpending, totalRow, colSum(sumSpending), num(r.Spending), st.total(amt))
	sh.formula(sumRate, totalRow, fmt.Sprintf("ROUND(%s/%s*100,2)", cellName(sumSpending, totalRow), cellName(sumBudget, totalRow)),
		num(r.ExecutionRate), st.total(fmtPercent))
	sh.formula(sumWeight, totalRow, fmt.Sprintf("ROUND(%s/%s*100,2)", colSum(sumBudget), cellName(sumBudget, totalRow)),
		100.0, st.total(fmtPercent))
	firstCat, lastCat := cellName(sumFirstCat, totalRow), cellName(last, totalRow)
	sh.formula(sumScore, totalRow, fmt.Sprintf("SUM(%s:%s)", firstCat, lastCat), num(r.Total), st.total(fmtScore))
	var autoNames []string
	for k, ci := range cats {
		ct := r.Categories[ci]
		c := sumFirstCat + k
		if ct.Category.Rule != "" {
			// calc scores the fund's own execution rate here (1756.58/2010 →
			// 8.74), not the sum of the sub-projects' weighted rates.
			sh.formula(c, totalRow, ratioFormula(cellName(sumSpending, totalRow), cellName(sumBudget, totalRow), cellName(sumRate, totalRow), ct.Points, r.Year.Scoring.ScoreFrom),
				num(ct.Score), st.total(fmtScore))
			autoNames = append(autoNames, ct.Category.Name)
			continue
		}
		sh.formula(c, totalRow, colSum(c), num(ct.Score), st.total(fmtScore))
	}

	// 总分 and 评价等级.
	scoreRow, gradeRow := totalRow+1, totalRow+2
	total := cellName(sumScore, scoreRow)
	sh.mergePut(sumNo, scoreRow, sumWeight, scoreRow, "总分", st.label(center))
	sh.formula(sumScore, scoreRow, cellName(sumScore, totalRow), num(r.Total), st.total(fmtScore))
	sh.mergePut(sumFirstCat, scoreRow, last, scoreRow, "各类指标得分之和", st.text(left))
	sh.mergePut(sumNo, gradeRow, sumWeight, gradeRow, "评价等级", st.label(center))
	sh.formula(sumScore, gradeRow, gradeFormula(r.Year.Scoring.Grades, total), r.Grade, st.totalCentered(fmtGeneral))
	sh.mergePut(sumFirstCat, gradeRow, last, gradeRow, gradeStandard(r.Year.Scoring.Grades), st.text(left))

	// Notes on how the figures are computed.
	notes := []string{
		"注：1. 预算执行率=实际支出/预算×100%；权重=子项目预算/专项资金预算×100%，均四舍五入保留两位小数。",
		"2. 按权重得分=子项目该类指标得分×子项目预算/专项资金预算，四舍五入保留两位小数；计算用预算的精确比例，不用四舍五入后的权重。各类指标得分为各子项目按权重得分之和，总分为各类指标得分之和。",
	}
	if len(autoNames) > 0 {
		how := "四舍五入到两位小数的预算执行率×分值，再四舍五入保留两位小数"
		if r.Year.Scoring.ScoreFrom == fund.ScoreFromExact {
			how = "实际支出/预算×分值，四舍五入保留两位小数"
		}
		notes = append(notes, fmt.Sprintf("3. 专项资金的“%s”得分按专项资金整体计算（%s），不是各子项目按权重得分之和。",
			strings.Join(autoNames, "”“"), how))
	}
	row := gradeRow + 1
	for _, note := range notes {
		sh.mergePut(1, row, last, row, note, st.note())
		row++
	}
	return sh
}

// gradeFormula is the grade of the score in cell total, by the data's
// grades (highest first, each with its lower bound), as calc.GradeOf
// decides it: IF(total>=90,"优",IF(total>=80,"良",…)).
func gradeFormula(grades []fund.Grade, total string) string {
	if len(grades) == 0 {
		return `""`
	}
	lastG := grades[len(grades)-1]
	expr := quoteText(lastG.Name)
	if lastG.Min.IsPositive() {
		expr = fmt.Sprintf("IF(%s>=%s,%s,\"\")", total, lastG.Min, quoteText(lastG.Name))
	}
	for i := len(grades) - 2; i >= 0; i-- {
		expr = fmt.Sprintf("IF(%s>=%s,%s,%s)", total, grades[i].Min, quoteText(grades[i].Name), expr)
	}
	return expr
}

// gradeStandard describes the grades in words: "90分（含）以上为优，
// 80分（含）至90分为良，…，60分以下为差".
func gradeStandard(grades []fund.Grade) string {
	var parts []string
	for i, g := range grades {
		switch {
		case i == 0:
			parts = append(parts, fmt.Sprintf("%s分（含）以上为%s", g.Min, g.Name))
		case g.Min.IsZero() || !g.Min.IsPositive():
			parts = append(parts, fmt.Sprintf("%s分以下为%s", grades[i-1].Min, g.Name))
		default:
			parts = append(parts, fmt.Sprintf("%s分（含）至%s分为%s", g.Min, grades[i-1].Min, g.Name))
		}
	}
	return "评价等级：" + strings.Join(parts, "，") + "。"
}
