package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/cnfmt"
	"ipfund/internal/docx"
	"ipfund/internal/fund"
)

// SelfEvalTemplateName is the template of the project self-evaluation form
// (项目支出绩效自评表).
const SelfEvalTemplateName = "selfeval.docx"

// SelfEvalFileName is the form's file name in out/<year>/.
func SelfEvalFileName(r *calc.Result) string {
	return fmt.Sprintf("%d年度%s项目支出绩效自评表.docx", r.Year.Fund.Year, r.Year.Fund.Name)
}

// SelfEvalView is what the self-evaluation template sees.
type SelfEvalView struct {
	Fund fund.Fund
	R    *calc.Result
	S    *calc.SelfEvalResult
	// Head is the top of the form (项目名称 … 年度总体目标); Table the
	// indicators with the 总分, whose header row repeats on every page.
	Head, Table *docx.Table
	Notes       []string
}

// The form's column widths in proportion. The top (headParts): a label
// column, the funds rows' names, 年初预算数, 全年预算数, 全年执行数, 分值,
// 执行率, 得分. The indicators (tableParts): 一级, 二级, 三级指标, 年度指标值,
// 实际完成值, 分值, 得分, 偏差原因分析及改进措施.
var (
	headParts  = []int{7, 24, 14, 14, 14, 7, 11, 9}
	tableParts = []int{7, 8, 19, 11, 11, 7, 9, 28}
)

// BuildSelfEval makes the view of the form; nil when the year has none.
func BuildSelfEval(r *calc.Result) *SelfEvalView {
	se := r.SelfEval
	if se == nil {
		return nil
	}
	return &SelfEvalView{
		Fund: r.Year.Fund, R: r, S: se,
		Head:  selfEvalHead(se),
		Table: selfEvalTable(se),
		Notes: se.Notes,
	}
}

// Form tables use their own, smaller text styles (五号) so that the
// columns fit the type area; the template defines them.
const (
	formText = "FormText"
	formHead = "FormHead"
)

// flushLeft aligns text to the left without stretching it to the cell's
// width (docx's "left" justifies, which spreads a narrow cell's words).
const flushLeft = "start"

// selfEvalHead draws 项目名称, 主管部门 and 实施单位, the 项目资金（万元）
// block and the 年度总体目标 block.
func selfEvalHead(se *calc.SelfEvalResult) *docx.Table {
	t := &docx.Table{Style: formText, HeaderStyle: formHead, Widths: shareOf(TextWidth, headParts)}
	label := func(s string, span int) docx.Cell { return docx.Cell{Text: s, Span: span, Head: true} }
	t.Rows = append(t.Rows,
		docx.Row{Cells: []docx.Cell{label("项目名称", 2), {Text: se.Project, Span: 6, Align: flushLeft}}},
		docx.Row{Cells: []docx.Cell{label("主管部门", 2), {Text: se.Department, Span: 2, Align: flushLeft}, label("实施单位", 0), {Text: se.Implementer, Span: 3, Align: flushLeft}}},
	)
	head := []docx.Cell{{Text: "项目资金（万元）", Merge: docx.MergeStart, Head: true}, label("", 0)}
	for _, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"} {
		head = append(head, label(h, 0))
	}
	t.Rows = append(t.Rows, docx.Row{Cells: head})
	for i, f := range se.Funds {
		cells := []docx.Cell{{Merge: docx.MergeContinue}, {Text: f.Name, Align: flushLeft},
			{Text: cnfmt.Amount(f.Initial)}, {Text: cnfmt.Amount(f.Final)}, {Text: optionalAmount(f.Spending)}}
		if i == 0 {
			cells = append(cells, docx.Cell{Text: cnfmt.Amount(se.ExecutionPoints)}, docx.Cell{Text: optionalRate(f.Rate)},
				docx.Cell{Text: cnfmt.Fixed(se.ExecutionScore, 2)})
		} else {
			cells = append(cells, docx.Cell{Text: "—"}, docx.Cell{Text: optionalRate(f.Rate)}, docx.Cell{Text: "—"})
		}
		t.Rows = append(t.Rows, docx.Row{Cells: cells})
	}
	n := max(len(se.Goals), len(se.Achieved))
	t.Rows = append(t.Rows, docx.Row{Cells: []docx.Cell{
		{Text: "年度总体目标", Merge: docx.MergeStart, Head: true}, label("预期目标", 3), label("实际完成情况", 4)}})
	for i := 0; i < n; i++ {
		t.Rows = append(t.Rows, docx.Row{Cells: []docx.Cell{{Merge: docx.MergeContinue},
			{Text: numbered(se.Goals, i), Span: 3, Align: flushLeft}, {Text: numbered(se.Achieved, i), Span: 4, Align: flushLeft}}})
	}
	return t
}

// selfEvalTable draws the 绩效指标 block and the 总分 row. Its two header
// rows (绩效指标, then the column titles) repeat on every page, and every
// row names its 一级 and 二级 indicator rather than leaving them to a cell
// merged down the rows: a merged label stays on the page where its rows
// begin, and a reader of the next page could not tell what its rows are.
func selfEvalTable(se *calc.SelfEvalResult) *docx.Table {
	t := &docx.Table{Style: formText, HeaderStyle: formHead, Widths: shareOf(TextWidth, tableParts)}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: []docx.Cell{{Text: "绩效指标", Span: len(tableParts)}}})
	var head []docx.Cell
	for _, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		head = append(head, docx.Cell{Text: h})
	}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: head})
	for _, ind := range se.Indicators {
		tg := ind.Target
		t.Rows = append(t.Rows, docx.Row{Cells: []docx.Cell{
			{Text: tg.Level1},
			{Text: tg.Level2},
			{Text: tg.Name, Align: flushLeft},
			{Text: tg.ValueText()},
			{Text: tg.ActualText()},
			{Text: cnfmt.Amount(ind.Points)},
			{Text: cnfmt.Fixed(ind.Score, 2)},
			{Text: tg.Deviation, Align: flushLeft},
		}})
	}
	t.Rows = append(t.Rows, docx.Row{Bold: true, Cells: []docx.Cell{
		{Text: "总分", Span: 5}, {Text: cnfmt.Amount(se.Points)}, {Text: cnfmt.Fixed(se.Total, 2)}, {},
	}})
	return t
}

func numbered(list []string, i int) string {
	if i < len(list) {
		return fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(list[i]))
	}
	return ""
}

func optionalAmount(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return cnfmt.Amount(*d)
}

func optionalRate(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.StringFixed(2) + "%"
}

// RenderSelfEval fills the self-evaluation template.
func RenderSelfEval(name string, template []byte, r *calc.Result) ([]byte, error) {
	return fill(name, template, BuildSelfEval(r))
}
