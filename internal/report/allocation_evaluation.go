package report

import (
	"fmt"
	"strconv"
	"strings"

	"ipfund/internal/alloc"
	"ipfund/internal/cnfmt"
	"ipfund/internal/docx"
)

// AllocationEvaluation is the part of the allocation table that shows the
// 绩效调节系数 coming from the cities' evaluation results (第七条).
type AllocationEvaluation struct {
	// Text states the rule: 绩效调节系数按各设区市2022年度专项资金绩效评价
	// 结果确定：….
	Text string
	// Table lists per city the score, the grade, the coefficient and
	// where it came from.
	Table *docx.Table
}

// allocationEvaluation builds the part; nil when the coefficients are
// typed in.
func allocationEvaluation(r *alloc.Result) *AllocationEvaluation {
	e := r.Evaluation
	if e == nil {
		return nil
	}
	year := ""
	if e.Year != 0 {
		year = strconv.Itoa(e.Year) + "年度"
	}
	text := fmt.Sprintf("绩效调节系数根据各设区市%s专项资金绩效评价结果确定（第七条）：%s。", year, e.Describe())
	t := &docx.Table{Style: "TableText", HeaderStyle: "TableHead", Widths: shareOf(LandscapeTextWidth*3/4, []int{7, 18, 15, 12, 15, 33})}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: []docx.Cell{
		{Text: "序号"}, {Text: "设区市"}, {Text: "绩效评价得分"}, {Text: "评价等级"}, {Text: "绩效调节系数"}, {Text: "系数来源"}}})
	var manual []string
	for i, c := range r.Cities {
		score, grade, from := "—", "—", "按绩效评价结果"
		if ev := c.Evaluation; ev != nil {
			if ev.Known {
				score, grade = cnfmt.Amount(ev.Score), ev.Grade
			}
			if ev.Manual {
				from = "手工指定"
				if ev.Known {
					from += "（按评价结果应为" + coefficient(ev.Coefficient) + "）"
				}
				manual = append(manual, c.Name)
			}
		}
		t.Rows = append(t.Rows, docx.Row{Cells: []docx.Cell{
			{Text: strconv.Itoa(i + 1)}, {Text: c.Name}, {Text: score}, {Text: grade},
			{Text: coefficient(c.Performance)}, {Text: from, Align: "left"}}})
	}
	if len(manual) > 0 {
		text += strings.Join(manual, "、") + "的绩效调节系数为手工指定。"
	}
	return &AllocationEvaluation{Text: text, Table: t}
}
