package figures

import (
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
)

// selfEvalTable is the top-level table of the self-evaluation form.
const selfEvalTable = "项目支出绩效自评表"

// writeSelfEval writes the figures of the self-evaluation form: the header,
// each funds row, each indicator's points and score, and the 总分.
func (w *writer) writeSelfEval(se *calc.SelfEvalResult) {
	w.table(selfEvalTable)
	w.str("项目名称", se.Project)
	w.str("主管部门", se.Department)
	w.str("实施单位", se.Implementer)
	w.num("满分", se.Points)
	w.fixed("总分", se.Total)

	w.table(selfEvalTable + "\x00项目资金")
	for i, f := range se.Funds {
		pairs := []string{"年初预算数", tomlNumber(f.Initial.String()), "全年预算数", tomlNumber(f.Final.String()),
			"全年执行数", optional(f.Spending, decimal.Decimal.String), "执行率", optional(f.Rate, fixed2)}
		if i == 0 {
			pairs = append(pairs, "分值", tomlNumber(se.ExecutionPoints.String()), "得分", fixed2(se.ExecutionScore))
		}
		w.inline(strings.TrimPrefix(f.Name, "其中："), pairs...)
	}

	w.table(selfEvalTable + "\x00绩效指标")
	for _, ind := range se.Indicators {
		t := ind.Target
		pairs := []string{"年度指标值", tomlString(t.ValueText()), "实际完成值", tomlString(t.ActualText()),
			"分值", tomlNumber(ind.Points.String()), "得分", fixed2(ind.Score)}
		switch {
		case ind.Grade != "":
			pairs = append(pairs, "档次", tomlString(ind.Grade))
		case !ind.Met:
			pairs = append(pairs, "计分方法", tomlString(ind.Formula))
		}
		w.inline(path(t.Level1, t.Level2, t.Name), pairs...)
	}
}

// optional renders a figure the data may not give: "—" when it does not.
func optional(d *decimal.Decimal, format func(decimal.Decimal) string) string {
	if d == nil {
		return tomlString("—")
	}
	return tomlNumber(format(*d))
}
