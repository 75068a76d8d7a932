// Package report turns a computed year into the data the Word template of
// the evaluation report (templates/report.docx) is filled with: the fund's
// figures, the narrative, each indicator's sentence as the report words it
// and the detail tables. The wording of fixed phrases lives in the
// template; every number comes from package calc.
package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/cnfmt"
	"ipfund/internal/fund"
)

// View is what the report template sees as its data (".").
type View struct {
	Fund   fund.Fund
	Report fund.Report
	R      *calc.Result
	// TitleLines is the report title, in the lines the cover shows.
	TitleLines []string
	// Period is the implementation period, e.g. 2019年1月1日-2019年12月31日.
	Period string
	// Notice, Plan: the documents cited for the evaluation notice and the
	// fund's spending plan (nil when none). Basis, Evaluation: the
	// documents the project rests on and the evaluation follows.
	Notice, Plan      *Doc
	Basis, Evaluation []Doc
	Subs              []Sub
	// Funds is the execution-rate section (四、（一）); Groups the other
	// first-level indicators in order.
	Funds  *Group
	Groups []Group
	// GroupNames lists the first-level indicators for 三、1.
	GroupNames string
	// SubScores is "知识产权奖励项目95.68分，…" for 三、1.
	SubScores string
	// DecisionNotes, ProcessNotes are the qualitative analyses of 四、（一）.
	DecisionNotes, ProcessNotes []fund.FundsNote
	Scoring                     fund.Scoring
	Other                       []Other
	// Attachment names the scoring workbook for the 附件 line; Signature
	// and Date close the report.
	Attachment, Signature, Date string
	// Charts are the report's native charts.
	Charts FundCharts
	// ExecutionScoreClause follows the printed execution rate in 四、（一）:
	// "得8.74分", a score a reader gets from the printed rate, or under
	// score_from = "exact" the fraction it comes from,
	// "得分=1741.66/2010×10=8.66分".
	ExecutionScoreClause string
}

// Doc is a cited document.
type Doc struct {
	fund.Document
	// Cite is how prose cites it: issuer《title》（number）.
	Cite string
}

// Sub is a sub-project as 一、（一）3. describes it.
type Sub struct {
	*calc.Sub
	No   int
	Name string
	// Funding is the sentence on budget, arrival, spending and rate.
	Funding string
	// Table is the detail table (nil when the sub-project has none).
	Table any
	Note  string
}

// Group is a first-level indicator section of 四、.
type Group struct {
	// Number is its Chinese ordinal in 四、: 一, 二…
	Number      string
	Name, Title string
	Points      decimal.Decimal
	Score       decimal.Decimal
	Categories  []Category
}

// Category is a second-level indicator section.
type Category struct {
	Name   string
	Points decimal.Decimal
	Score  decimal.Decimal
	// NotSet is the reason the category is not used this year.
	NotSet string
	// Shared is the one sentence of an indicator common to all
	// sub-projects ("所有项目均符合……，得15分。").
	Shared string
	Subs   []SubCategory
}

// SubCategory is one sub-project's part of a category section.
type SubCategory struct {
	Letter, Name string
	No           int
	Points       decimal.Decimal
	Score        decimal.Decimal
	Weighted     decimal.Decimal
	// Lines are the indicator paragraphs in order (headings included).
	Lines []string
	// Several tells whether the sub-project has more than one indicator
	// in the category; Summed whether the report sums the category up in
	// a line for it (always with several, or when the category asks).
	Several, Summed bool
}

// Other is a further explanation about a sub-project (七、).
type Other struct {
	Name       string
	Paragraphs []string
	// Closing is the last paragraph of the report's body, taken out of the
	// last Other's Paragraphs: the template keeps it with the signature
	// and the date, which must never stand on a page without body text.
	Closing string
}

// Build makes the view of a computed year. table renders a detail table
// into what the template engine inserts as a block.
func Build(r *calc.Result, table func(*fund.Detail) any) *View {
	y := r.Year
	f := y.Fund
	v := &View{
		Fund:       f,
		Report:     y.Report,
		R:          r,
		TitleLines: []string{fmt.Sprintf("%s%d年度%s", f.Region, f.Year, f.Name), "绩效评价报告"},
		Period:     f.Start.String() + "-" + f.End.String(),
		Scoring:    y.Scoring,
		Attachment: fmt.Sprintf("%d年度%s绩效评价评分表", f.Year, f.Name),
		Signature:  y.Report.Signature,
	}
	if v.Signature == "" {
		v.Signature = f.Department
	}
	if y.Report.Date != nil {
		v.Date = y.Report.Date.String()
	}
	v.Charts = fundCharts(r)
	for _, n := range y.Report.FundsNotes {
		if n.Section == fund.SectionDecision {
			v.DecisionNotes = append(v.DecisionNotes, n)
		} else {
			v.ProcessNotes = append(v.ProcessNotes, n)
		}
	}
	if ds := docs(y, fund.UseNotice); len(ds) > 0 {
		v.Notice = &ds[0]
	}
	if ds := docs(y, fund.UsePlan); len(ds) > 0 {
		v.Plan = &ds[0]
	}
	v.ExecutionScoreClause = "得" + cnfmt.Score(r.ExecutionScore) + "分"
	if y.Scoring.ScoreFrom == fund.ScoreFromExact && r.Spending.LessThan(r.Budget) {
		v.ExecutionScoreClause = fmt.Sprintf("得分=%s/%s×%s=%s分", cnfmt.Amount(r.Spending), cnfmt.Amount(r.Budget), cnfmt.Amount(r.ExecutionPoints), cnfmt.Score(r.ExecutionScore))
	}
	v.Basis = docs(y, fund.UseBasis)
	v.Evaluation = docs(y, fund.UseEvaluation)
	var scores []string
	for i := range r.Subprojects {
		s := &r.Subprojects[i]
		sub := Sub{Sub: s, No: s.Sub.No, Name: s.Sub.Name, Funding: funding(s), Note: s.Sub.Note}
		if s.Sub.Detail != nil && table != nil {
			sub.Table = table(s.Sub.Detail)
		}
		v.Subs = append(v.Subs, sub)
		scores = append(scores, s.Sub.Name+cnfmt.Score(s.Total)+"分")
	}
	v.SubScores = strings.Join(scores, "，")
	var names []string
	for _, g := range y.Scoring.Groups {
		grp := group(r, g)
		grp.Number = cnfmt.ChineseNumber(len(names) + 1)
		names = append(names, g.Title)
		if isAuto(r, g.Name) && v.Funds == nil {
			v.Funds = &grp
			continue
		}
		v.Groups = append(v.Groups, grp)
	}
	v.GroupNames = strings.Join(trimEach(names, "情况"), "、")
	for _, o := range y.Report.Other {
		if sp, ok := y.SubprojectNamed(o.Subproject); ok {
			v.Other = append(v.Other, Other{Name: sp.Name, Paragraphs: o.Paragraphs})
		}
	}
	if n := len(v.Other); n > 0 {
		last := &v.Other[n-1]
		if k := len(last.Paragraphs); k > 0 {
			last.Closing = last.Paragraphs[k-1]
			last.Paragraphs = last.Paragraphs[: k-1 : k-1]
		}
	}
	return v
}

func trimEach(ss []string, suffix string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSuffix(s, suffix)
	}
	return out
}

// isAuto reports whether every category of the group is scored by rule
// (the 项目资金 group, which the report treats at fund level).
func isAuto(r *calc.Result, group string) bool {
	found := false
	for _, c := range r.Year.Scoring.Categories {
		if c.Group == group {
			if c.Rule == "" {
				return false
			}
			found = true
		}
	}
	return found
}

func docs(y *fund.Year, use string) []Doc {
	var out []Doc
	for _, d := range y.DocumentsFor(use) {
		out = append(out, Doc{Document: d, Cite: d.Issuer + "《" + d.Title + "》（" + d.Number + "）"})
	}
	return out
}

func wan(d decimal.Decimal) string { return cnfmt.Amount(d) + "万元" }

// pct shows a percentage figure (87.39 means 87.39 %) the same way
// everywhere in the report: two decimals, except whole numbers (100%, 30%),
// so 87.40% never turns up as 87.4% beside 87.39%.
func pct(p decimal.Decimal) string {
	if p.Equal(p.Truncate(0)) {
		return p.StringFixed(0) + "%"
	}
	return p.StringFixed(2) + "%"
}

// Pct is pct for the template: {{$.Pct .R.ExecutionRate}}.
func (v *View) Pct(p decimal.Decimal) string { return pct(p) }

func funding(s *calc.Sub) string {
	sp := s.Sub
	var b strings.Builder
	fmt.Fprintf(&b, "%s预算%s", sp.Name, wan(s.Budget))
	if sp.BudgetCarryover.IsPositive() {
		fmt.Fprintf(&b, "（其中：本年度预算为%s，上年结余%s）", wan(sp.BudgetCurrent), wan(sp.BudgetCarryover))
	}
	if sp.DirectPayment {
		fmt.Fprintf(&b, "，财政直接支付%s，预算执行率为%s。", wan(s.Spending), pct(s.ExecutionRate))
		return b.String()
	}
	fmt.Fprintf(&b, "。实际到位%s，实际支出%s，", wan(s.Arrived), wan(s.Spending))
	if sp.PrintsBalance() {
		fmt.Fprintf(&b, "结余金额%s，", wan(s.Balance))
	}
	fmt.Fprintf(&b, "预算执行率为%s。", pct(s.ExecutionRate))
	return b.String()
}

func group(r *calc.Result, g fund.Group) Group {
	out := Group{Name: g.Name, Title: g.Title, Points: g.Points, Score: decimal.Zero}
	for ci, ct := range r.Categories {
		if ct.Group == nil || ct.Group.Name != g.Name {
			continue
		}
		c := ct.Category
		cat := Category{Name: c.Name, Points: c.Points, Score: ct.Score, NotSet: c.NotSet}
		out.Score = out.Score.Add(ct.Score)
		for si := range r.Subprojects {
			s := &r.Subprojects[si]
			sc := s.Categories[ci]
			if sc.Shared {
				cat.Shared = itemSentence(sc.Indicators[0].Items[0]) + "。"
				continue
			}
			if sc.Auto || c.NotSet != "" {
				continue
			}
			cat.Subs = append(cat.Subs, subCategory(si, s, sc))
		}
		out.Categories = append(out.Categories, cat)
	}
	return out
}

// Letter is the report's a, b, c… for the n-th sub-project (0-based),
// continuing aa, ab… past z.
func Letter(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return Letter(i/26-1) + Letter(i%26)
}

func subCategory(si int, s *calc.Sub, sc calc.SubCategory) SubCategory {
	out := SubCategory{
		Letter: Letter(si), Name: s.Sub.Name, No: s.Sub.No,
		Points: sc.Points, Score: sc.Score, Weighted: sc.Weighted,
		Several: len(sc.Indicators) > 1,
	}
	out.Summed = out.Several || sc.Category.SubSummary
	if len(sc.Indicators) == 0 {
		out.Lines = []string{"本子项目未设置该类指标，得0分。"}
	}
	heading := ""
	for i, is := range sc.Indicators {
		ind := is.Indicator
		lead := ""
		if ind.Heading != "" && ind.Heading != heading {
			if out.Several {
				out.Lines = append(out.Lines, ind.Heading+"：")
			} else {
				lead = ind.Heading + "："
			}
		}
		heading = ind.Heading
		number := ""
		if out.Several {
			number = fmt.Sprintf("%d）", i+1)
		}
		out.Lines = append(out.Lines, number+lead+indicatorSentence(is))
	}
	return out
}

// indicatorSentence words an indicator and its score as the report does.
func indicatorSentence(is calc.IndicatorScore) string {
	if len(is.Items) == 1 {
		return itemSentence(is.Items[0]) + "。"
	}
	parts := make([]string, len(is.Items))
	for i, it := range is.Items {
		parts[i] = itemSentence(it)
	}
	return strings.Join(parts, "；") + "；共得" + cnfmt.Score(is.Score) + "分。"
}

func itemSentence(it calc.ItemScore) string {
	if it.Rule != nil && it.Rule.Kind == fund.KindVariance {
		return variance(it)
	}
	return clause(it.Text) + "，得" + cnfmt.Score(it.Score) + "分"
}

// clause drops the closing punctuation of a text so a score can follow.
func clause(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "。；;，,.")
}

// variance words a cost-variance computation:
// 实际支出与计划安排费用的变动程度=（1558-1352.2）/1558*100%=13.21%＞10%，得8分
func variance(it calc.ItemScore) string {
	r := it.Rule
	cmp := ""
	if b := r.Bands[it.Band]; it.Band == 0 && b.Max != nil {
		cmp = "≤" + cnfmt.Amount(*b.Max) + "%"
	} else if it.Band > 0 && r.Bands[it.Band-1].Max != nil {
		cmp = "＞" + cnfmt.Amount(*r.Bands[it.Band-1].Max) + "%"
	}
	diff := cnfmt.Amount(it.Plan) + "-" + cnfmt.Amount(it.Actual)
	if it.Actual.GreaterThan(it.Plan) {
		diff = cnfmt.Amount(it.Actual) + "-" + cnfmt.Amount(it.Plan)
	}
	name := it.Item.Name
	if name == "" {
		name = r.Name
	}
	return fmt.Sprintf("%s=（%s）/%s*100%%=%s%s，得%s分", name, diff, cnfmt.Amount(it.Plan), pct(it.Variance), cmp, cnfmt.Score(it.Score))
}
