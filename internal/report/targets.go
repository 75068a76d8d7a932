package report

import (
	"bytes"
	"fmt"

	"ipfund/internal/calc"
	"ipfund/internal/docx"
	"ipfund/internal/fund"
)

// TargetsTemplateName is the template of the target table (绩效目标表).
const TargetsTemplateName = "targets.docx"

// TargetsFileName is the target table's file name in out/<year>/.
func TargetsFileName(r *calc.Result) string {
	return fmt.Sprintf("%d年度%s绩效目标表.docx", r.Year.Fund.Year, r.Year.Fund.Name)
}

// TargetsView is what the target-table template sees.
type TargetsView struct {
	Fund fund.Fund
	R    *calc.Result
	// Title is the 专项名称: the targets' own title or the fund's name.
	Title string
	Goals []string
	// Table is the indicator rows with their completion.
	Table *docx.Table
}

// BuildTargets makes the view of the target table; nil when the year has
// none.
func BuildTargets(r *calc.Result) *TargetsView {
	ts := r.Year.Targets
	if ts == nil {
		return nil
	}
	v := &TargetsView{Fund: r.Year.Fund, R: r, Title: ts.Title, Goals: ts.Goals}
	if v.Title == "" {
		v.Title = r.Year.Fund.Name
	}
	v.Table = targetsTable(r.Targets)
	return v
}

// targetsTable lays the indicators out as the provincial form does, with
// 一级 and 二级 merged down over their rows.
func targetsTable(rows []calc.TargetResult) *docx.Table {
	t := &docx.Table{Style: "TableText", HeaderStyle: "TableHead", Widths: shareOf(TextWidth, []int{15, 15, 32, 18, 16, 13})}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: []docx.Cell{
		{Text: "一级指标"}, {Text: "二级指标"}, {Text: "三级指标"}, {Text: "年度指标值"}, {Text: "实际完成值"}, {Text: "完成情况"},
	}})
	for i, tr := range rows {
		tg := tr.Target
		t.Rows = append(t.Rows, docx.Row{Cells: []docx.Cell{
			{Text: tg.Level1, Merge: mergeState(rows, i, func(t *fund.Target) string { return t.Level1 })},
			{Text: tg.Level2, Merge: mergeState(rows, i, func(t *fund.Target) string { return t.Level1 + "\x00" + t.Level2 })},
			{Text: tg.Name, Align: "left"},
			{Text: tg.ValueText()},
			{Text: tg.ActualText()},
			{Text: tr.Status},
		}})
	}
	return t
}

// mergeState merges a cell with its neighbours holding the same key.
func mergeState(rows []calc.TargetResult, i int, key func(*fund.Target) string) docx.Merge {
	k := key(rows[i].Target)
	prev := i > 0 && key(rows[i-1].Target) == k
	next := i+1 < len(rows) && key(rows[i+1].Target) == k
	switch {
	case prev:
		return docx.MergeContinue
	case next:
		return docx.MergeStart
	}
	return docx.MergeNone
}

// RenderTargets fills the target-table template.
func RenderTargets(name string, template []byte, r *calc.Result) ([]byte, error) {
	return fill(name, template, BuildTargets(r))
}

// fill parses a template and executes it with data.
func fill(name string, template []byte, data any) ([]byte, error) {
	t, err := docx.Parse(name, template, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
