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
// 一级 and 二级 merged down over their rows. A 一级 group stays on one page
// (its rows are kept together), so that no page starts under a blank
// merged label; a group too long for a page is cut, at a 二级 boundary
// where it can be, into blocks that each repeat the labels.
func targetsTable(rows []calc.TargetResult) *docx.Table {
	widths := shareOf(TextWidth, []int{15, 15, 32, 18, 16, 13})
	t := &docx.Table{Style: "TableText", HeaderStyle: "TableHead", Widths: widths}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: []docx.Cell{
		{Text: "一级指标"}, {Text: "二级指标"}, {Text: "三级指标"}, {Text: "年度指标值"}, {Text: "实际完成值"}, {Text: "完成情况"},
	}})
	for _, block := range targetBlocks(rows, widths) {
		for i, tr := range block {
			tg := tr.Target
			t.Rows = append(t.Rows, docx.Row{KeepNext: i < len(block)-1, Cells: []docx.Cell{
				{Text: tg.Level1, Merge: mergeState(block, i, func(t *fund.Target) string { return t.Level1 })},
				{Text: tg.Level2, Merge: mergeState(block, i, func(t *fund.Target) string { return t.Level1 + "\x00" + t.Level2 })},
				{Text: tg.Name, Align: "left"},
				{Text: tg.ValueText()},
				{Text: tg.ActualText()},
				{Text: tr.Status},
			}})
		}
	}
	return t
}

// blockHeight is the most a block of rows kept together may take, in
// twips: the type area (225 mm) less the header row and some room.
const blockHeight = 10000

// targetBlocks cuts the rows into the blocks kept on one page: a 一级 group
// each, or parts of one no taller than blockHeight.
func targetBlocks(rows []calc.TargetResult, widths []int) [][]calc.TargetResult {
	var out [][]calc.TargetResult
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Target.Level1 == rows[start].Target.Level1 {
			end++
		}
		out = append(out, cutGroup(rows[start:end], widths)...)
		start = end
	}
	return out
}

// cutGroup cuts one 一级 group into blocks of at most blockHeight, at 二级
// boundaries when a 二级 group fits in a block, else between rows.
func cutGroup(group []calc.TargetResult, widths []int) [][]calc.TargetResult {
	var out [][]calc.TargetResult
	var cur []calc.TargetResult
	h := 0
	for start := 0; start < len(group); {
		end := start
		sub := 0
		for end < len(group) && group[end].Target.Level2 == group[start].Target.Level2 {
			sub += rowHeight(group[end], widths)
			end++
		}
		if len(cur) > 0 && h+sub > blockHeight {
			out, cur, h = append(out, cur), nil, 0
		}
		for _, tr := range group[start:end] {
			rh := rowHeight(tr, widths)
			if len(cur) > 0 && h+rh > blockHeight {
				out, cur, h = append(out, cur), nil, 0
			}
			cur = append(cur, tr)
			h += rh
		}
		start = end
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// rowHeight estimates a target row's height in twips: the lines its
// fullest cell wraps to, at the table text's exact line spacing (15 pt)
// plus the paragraph spacing (2 pt before and after).
func rowHeight(tr calc.TargetResult, widths []int) int {
	tg := tr.Target
	lines := 1
	for i, text := range []string{tg.Level1, tg.Level2, tg.Name, tg.ValueText(), tg.ActualText(), tr.Status} {
		avail := max((widths[i]-170)/halfChar, 1) // the cell margins
		lines = max(lines, (displayWidth(text)+avail-1)/avail)
	}
	return lines*300 + 80
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
