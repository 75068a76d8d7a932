package workbook

import (
	"fmt"
	"strings"

	"ipfund/internal/calc"
)

// Rows of the target sheet: the form at the top follows the provincial
// template (省级知识产权专项资金绩效目标表, appended to 江西省省级知识产权专项资金管理办法).
const (
	tgTitleRow  = 1
	tgYearRow   = 2
	tgNameRow   = 3 // 专项名称
	tgDeptRow   = 4 // 财政部门 | 主管部门
	tgAmountRow = 5 // 资金安排情况: 年度金额, 其中：本年度预算, 上年结余
	tgGoalRow   = 8 // 年度目标
	tgHeaderRow = 9
	tgFirstRow  = 10
)

// targetSheet is the 绩效目标表: the fund, its money, its goals, and each
// target indicator with its value, the actual value and whether it was met.
func targetSheet(r *calc.Result, st *styles) *sheet {
	y := r.Year
	f := y.Fund
	hasNotes := false
	for _, t := range r.Targets {
		hasNotes = hasNotes || t.Target.Note != ""
	}
	widths := []float64{12, 17, 32, 15, 15, 11}
	if hasNotes {
		widths = append(widths, 32)
	}
	sh := newSheet(targetSheetName, widths...)
	sh.page = pageSetup{titleRows: [2]int{tgHeaderRow, tgHeaderRow}, labelCols: []int{1, 2}}
	last := sh.lastCol()

	sh.mergePut(1, tgTitleRow, last, tgTitleRow, "绩效目标表", st.title())
	sh.height(tgTitleRow, 36)
	sh.mergePut(1, tgYearRow, last, tgYearRow, fmt.Sprintf("（%d年度）", f.Year), st.subtitle(center))

	name := f.Name
	if y.Targets != nil && y.Targets.Title != "" {
		name = y.Targets.Title
	}
	sh.put(1, tgNameRow, "专项名称", st.label(center))
	sh.mergePut(2, tgNameRow, last, tgNameRow, name, st.text(left))

	sh.put(1, tgDeptRow, "财政部门", st.label(center))
	sh.mergePut(2, tgDeptRow, 3, tgDeptRow, f.FinanceDepartment, st.text(left))
	sh.put(4, tgDeptRow, "主管部门", st.label(center))
	sh.mergePut(5, tgDeptRow, last, tgDeptRow, f.Department, st.text(left))

	amt := fixedFormat(places(2, f.BudgetCurrent, f.BudgetCarryover))
	cur, carry := cellName(3, tgAmountRow+1), cellName(3, tgAmountRow+2)
	sh.mergePut(1, tgAmountRow, 1, tgAmountRow+2, "资金安排情况", st.label(center))
	sh.put(2, tgAmountRow, "年度金额（万元）", st.text(left))
	sh.formula(3, tgAmountRow, cur+"+"+carry, num(r.Budget), st.numberCentered(amt))
	sh.merge(3, tgAmountRow, last, tgAmountRow, st.numberCentered(amt))
	sh.put(2, tgAmountRow+1, "其中：本年度预算", st.text(left))
	sh.mergePut(3, tgAmountRow+1, last, tgAmountRow+1, num(f.BudgetCurrent), st.numberCentered(amt))
	sh.put(2, tgAmountRow+2, "　　　上年结余", st.text(left))
	sh.mergePut(3, tgAmountRow+2, last, tgAmountRow+2, num(f.BudgetCarryover), st.numberCentered(amt))

	var goals []string
	if y.Targets != nil {
		for i, g := range y.Targets.Goals {
			goals = append(goals, fmt.Sprintf("目标%d：%s", i+1, strings.TrimSpace(g)))
		}
	}
	goalText := strings.Join(goals, "\n")
	sh.put(1, tgGoalRow, "年度目标", st.label(center))
	sh.mergePut(2, tgGoalRow, last, tgGoalRow, goalText, st.text(left))

	headers := []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成情况"}
	if hasNotes {
		headers = append(headers, "说明")
	}
	for c, h := range headers {
		sh.put(c+1, tgHeaderRow, h, st.header())
	}

	row := tgFirstRow
	l1Start, l2Start := row, row
	for i, tr := range r.Targets {
		t := tr.Target
		sh.put(3, row, t.Name, st.text(left))
		sh.put(4, row, t.ValueText(), st.text(center))
		sh.put(5, row, t.ActualText(), st.text(center))
		sh.put(6, row, tr.Status, st.text(center))
		if hasNotes {
			sh.put(7, row, t.Note, st.text(left))
		}
		// Merge 一级 and 二级 over runs of equal values, as the template does.
		next := i + 1
		endL1 := next == len(r.Targets) || r.Targets[next].Target.Level1 != t.Level1
		endL2 := endL1 || r.Targets[next].Target.Level2 != t.Level2
		if endL2 {
			sh.mergePut(2, l2Start, 2, row, t.Level2, st.text(center))
			l2Start = row + 1
		}
		if endL1 {
			sh.mergePut(1, l1Start, 1, row, t.Level1, st.text(center))
			l1Start = row + 1
		}
		row++
	}
	return sh
}
