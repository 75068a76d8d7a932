// Package fund is the domain model of one year of a special fund (专项资金):
// its budget, sub-projects, detail tables, indicators and report text, as
// bureau staff write them in data/<year>/*.toml. It loads and validates the
// files; it computes nothing (see package calc) and knows nothing of Word or
// Excel.
package fund

import (
	"github.com/shopspring/decimal"

	"ipfund/internal/tomlx"
)

// Year is everything known about one year, assembled from all its files.
type Year struct {
	Dir         string
	Fund        Fund
	Documents   []Document
	Scoring     Scoring
	Subprojects []Subproject // ordered by No
	Report      Report
	Targets     *Targets // optional: the target table is made when present
	// SelfEval is optional: the self-evaluation form is made when present.
	SelfEval *SelfEval
	// comments are the data files' comments, by file name, for the review
	// marks (marks.go); sources their text, for carrying the year over to
	// the next (carry.go).
	comments map[string]comments
	sources  map[string]string
}

// Fund is the special fund as a whole (专项资金).
type Fund struct {
	At                tomlx.At
	Name              string     `toml:"name,required" zh:"专项资金名称"`
	Year              int        `toml:"year,required" zh:"评价年度"`
	Region            string     `toml:"region,required" zh:"地区"`
	Department        string     `toml:"department,required" zh:"主管部门"`
	FinanceDepartment string     `toml:"finance_department" zh:"财政部门"`
	Start             tomlx.Date `toml:"start,required" zh:"实施期限开始日期"`
	End               tomlx.Date `toml:"end,required" zh:"实施期限结束日期"`
	// BudgetCurrent, BudgetCarryover and Spending are derived: the sums of
	// the sub-projects' (see derive.go). The Stated ones are what the data
	// writes, if anything: a cross-check, never an input.
	BudgetCurrent         decimal.Decimal  `toml:"-"`
	BudgetCarryover       decimal.Decimal  `toml:"-"`
	Spending              decimal.Decimal  `toml:"-"`
	StatedBudgetCurrent   *decimal.Decimal `toml:"budget_current" zh:"本年度预算"`
	StatedBudgetCarryover *decimal.Decimal `toml:"budget_carryover" zh:"上年结余"`
	StatedSpending        *decimal.Decimal `toml:"spending" zh:"实际支出"`
}

// Budget is the year's budget plus the carry-over (预算总额).
func (f Fund) Budget() decimal.Decimal { return f.BudgetCurrent.Add(f.BudgetCarryover) }

// Document is a policy document the report cites (依据文件).
type Document struct {
	At     tomlx.At
	ID     string   `toml:"id,required" zh:"代号"`
	Issuer string   `toml:"issuer" zh:"发文机关"`
	Title  string   `toml:"title,required" zh:"文件名称"`
	Number string   `toml:"number,required" zh:"文号"`
	Uses   []string `toml:"uses,required" zh:"用途"`
}

// Document uses: where in the report a document is cited.
const (
	UseBasis      = "立项依据"
	UsePlan       = "资金计划"
	UseNotice     = "评价通知"
	UseEvaluation = "评价依据"
)

// DocumentUses lists the uses a document may have, in report order.
var DocumentUses = []string{UseBasis, UsePlan, UseNotice, UseEvaluation}

// Scoring is the indicator system, the rules and the grades (评价指标体系).
type Scoring struct {
	At        tomlx.At
	Framework string `toml:"framework,required" zh:"指标体系框架"`
	// ScoreFrom says how a ratio rule turns its rate into a score
	// (ScoreFromRoundedRate, the default, or ScoreFromExact).
	ScoreFrom  string     `toml:"score_from" zh:"比例计分的得分算法"`
	Groups     []Group    `toml:"group,required" zh:"一级指标"`
	Categories []Category `toml:"category,required" zh:"二级指标"`
	Rules      []Rule     `toml:"rule" zh:"评分规则"`
	Grades     []Grade    `toml:"grade,required" zh:"评价等级"`
}

// How a ratio rule's score follows from its rate (Scoring.ScoreFrom).
const (
	// ScoreFromRoundedRate scores the rate as printed, rounded to 2
	// decimals of a percent: 86.65% × 10 = 8.665 → 8.67. A reader redoes
	// it from the printed rate, as the seed and most reviewers do.
	ScoreFromRoundedRate = "rounded_rate"
	// ScoreFromExact scores the exact ratio, rounded once:
	// 1741.66/2010 × 10 = 8.6649… → 8.66; the documents then print the
	// fraction (得分=1741.66/2010×10=8.66分).
	ScoreFromExact = "exact"
)

// Group is a first-level indicator (一级指标): 项目资金, 产出, 效益, 满意度.
type Group struct {
	At          tomlx.At
	Name        string          `toml:"name,required" zh:"名称"`
	Points      decimal.Decimal `toml:"points,required" zh:"分值"`
	Title       string          `toml:"title,required" zh:"报告小标题"`
	Description string          `toml:"description" zh:"说明"`
}

// Category is a second-level indicator (二级指标), the unit in which the
// report weights and sums sub-project scores.
type Category struct {
	At       tomlx.At
	Key      string          `toml:"key,required" zh:"代号"`
	Group    string          `toml:"group,required" zh:"所属一级指标"`
	Name     string          `toml:"name,required" zh:"名称"`
	Points   decimal.Decimal `toml:"points,required" zh:"分值"`
	Rule     string          `toml:"rule" zh:"自动计分规则"`
	Standard string          `toml:"standard" zh:"评分标准"`
	Shared   *Indicator      `toml:"shared" zh:"共用指标"`
	NotSet   string          `toml:"not_set" zh:"未设置原因"`
	// SubSummary asks for the line "X项目Y指标权重为N分，本次绩效评价实际得M分"
	// under every sub-project, not only those with several indicators.
	SubSummary bool `toml:"sub_summary" zh:"逐项小结"`
}

// Rule is a scoring rule declared in data (评分规则).
type Rule struct {
	At    tomlx.At
	Key   string `toml:"key,required" zh:"代号"`
	Name  string `toml:"name,required" zh:"名称"`
	Kind  string `toml:"kind,required" zh:"类型"`
	Bands []Band `toml:"bands" zh:"档次"`
}

// Rule kinds.
const (
	// KindRatio scores actual/plan × points, capped at full points.
	KindRatio = "ratio"
	// KindVariance scores |plan−actual|/plan against bands.
	KindVariance = "variance"
)

// Band is one step of a variance rule: up to Max percent scores Score. The
// last band has no Max and catches everything above.
type Band struct {
	At    tomlx.At
	Max   *decimal.Decimal `toml:"max" zh:"上限（%）"`
	Score decimal.Decimal  `toml:"score,required" zh:"得分"`
}

// Grade is one evaluation grade (评价等级) and its lower bound.
type Grade struct {
	At   tomlx.At
	Name string          `toml:"name,required" zh:"等级"`
	Min  decimal.Decimal `toml:"min,required" zh:"最低分"`
}

// Subproject is one sub-project (子项目) of the fund.
type Subproject struct {
	At              tomlx.At
	No              int             `toml:"no,required" zh:"子项目序号"`
	Name            string          `toml:"name,required" zh:"子项目名称"`
	BudgetCurrent   decimal.Decimal `toml:"budget_current,required" zh:"本年度预算"`
	BudgetCarryover decimal.Decimal `toml:"budget_carryover" zh:"上年结余"`
	Arrived         decimal.Decimal `toml:"arrived,required" zh:"实际到位"`
	// Spending is derived from the detail table's spending column when the
	// table has one, else it is StatedSpending (required then).
	Spending       decimal.Decimal  `toml:"-"`
	StatedSpending *decimal.Decimal `toml:"spending" zh:"实际支出"`
	DirectPayment  bool             `toml:"direct_payment" zh:"财政直接支付"`
	// The balance (结余 = Arrived − Spending) is always computed; the
	// report prints it when ShowBalance is set or the data states it
	// (StatedBalance, then checked).
	StatedBalance   *decimal.Decimal `toml:"balance" zh:"结余金额"`
	ShowBalance     bool             `toml:"show_balance" zh:"报告中写出结余金额"`
	OverspendReason string           `toml:"overspend_reason" zh:"超支说明"`
	Note            string           `toml:"note" zh:"支出说明"`
	// Detail and Indicators stand at the top level of a sub-project's file
	// ([detail], [[indicator]]) and are attached by the loader.
	Detail     *Detail     `toml:"-"`
	Indicators []Indicator `toml:"-"`
}

// Budget is the sub-project's budget plus its carry-over.
func (s Subproject) Budget() decimal.Decimal { return s.BudgetCurrent.Add(s.BudgetCarryover) }

// PrintsBalance tells whether the report states the balance (结余金额).
func (s Subproject) PrintsBalance() bool { return s.ShowBalance || s.StatedBalance != nil }

// Detail is a sub-project's spending detail table (支出明细表). Its rows are
// written in the TOML file ([[detail.group]]) or read from a spreadsheet
// next to it (RowsFrom, see rowsfrom.go); either way they end up in Groups.
type Detail struct {
	At             tomlx.At
	Unit           string   `toml:"unit,required" zh:"金额单位"`
	Columns        []Column `toml:"columns,required" zh:"各列"`
	SpendingColumn string   `toml:"spending_column" zh:"支出金额列"`
	// Total states figures of the 合计 row to check against the rows; the
	// row itself is always computed and shown when a column is summed.
	Total      map[string]tomlx.Scalar `toml:"total" zh:"合计"`
	RateChecks []RateCheck             `toml:"rate_check" zh:"补贴政策核对"`
	Groups     []RowGroup              `toml:"group" zh:"各组"`
	// RowsFrom names a spreadsheet (.xlsx or .csv) in the year's directory
	// holding the rows; Sheet picks a worksheet (the first by default) and
	// HeaderRow the row of its column titles (1 by default).
	RowsFrom  string `toml:"rows_from" zh:"明细行取自"`
	Sheet     string `toml:"sheet" zh:"工作表"`
	HeaderRow int    `toml:"header_row" zh:"表头所在行"`
	// Source describes the spreadsheet the rows were read from; nil when
	// they are written in the TOML file.
	Source *Source `toml:"-"`
}

// Column kinds of a detail table.
const (
	ColGroup  = "group"
	ColText   = "text"
	ColSeq    = "seq"
	ColCount  = "count"
	ColAmount = "amount"
)

// Column is one column of a detail table.
type Column struct {
	At    tomlx.At
	Key   string `toml:"key,required" zh:"列代号"`
	Title string `toml:"title" zh:"表头"`
	Kind  string `toml:"kind,required" zh:"类型"`
	Sum   bool   `toml:"sum" zh:"是否合计"`
	// From is the column's title in the rows_from spreadsheet when it
	// differs from Title.
	From string `toml:"from" zh:"表格中的列名"`
}

// Numeric reports whether the column holds numbers.
func (c Column) Numeric() bool { return c.Kind == ColCount || c.Kind == ColAmount }

// RowGroup is a group of rows sharing a label (merged in the first column),
// optionally closed by a subtotal row (小计).
type RowGroup struct {
	At    tomlx.At
	Label string `toml:"label" zh:"组名"`
	// Subtotal asks for a 小计 row (computed from the rows): `subtotal = {}`,
	// or with the printed figures to check, `subtotal = { amount = 666.9 }`.
	// nil: the group has no 小计 row. A spreadsheet's 小计 row gives it.
	Subtotal map[string]tomlx.Scalar `toml:"subtotal" zh:"小计"`
	// Rows are the group's rows. The TOML file writes them as tables keyed
	// by column (WrittenRows); the loader turns them into Rows and drops
	// them.
	WrittenRows []map[string]tomlx.Scalar `toml:"rows,required" zh:"各行"`
	Rows        []Row                     `toml:"-"`
	// Lines are the spreadsheet rows the Rows were read from, and
	// SubtotalLine that of its 小计 row (0 when none), when the table has
	// a Source.
	Lines        []int32 `toml:"-"`
	SubtotalLine int     `toml:"-"`
}

// Row is one row of a detail table: a cell per column of the table, in
// the table's column order. The group and sequence columns' cells are
// blank (the group's label and the running number stand elsewhere).
type Row []Cell

// Cell is a cell of a detail table: a number (count or amount), text, or
// blank (neither IsNum nor any text).
type Cell struct {
	// Text is the text, or the number in its shortest decimal form
	// (1352.2), as the documents print it.
	Text  string
	Num   decimal.Decimal
	IsNum bool
}

// RateCheck is a policy to check each row against: Result should equal
// Base × Rate rounded to cents, capped at Cap (e.g. an interest subsidy).
type RateCheck struct {
	At     tomlx.At
	Base   string           `toml:"base,required" zh:"依据列"`
	Result string           `toml:"result,required" zh:"结果列"`
	Rate   decimal.Decimal  `toml:"rate,required" zh:"比例"`
	Cap    *decimal.Decimal `toml:"cap" zh:"上限"`
	Policy string           `toml:"policy,required" zh:"政策说明"`
}

// Indicator is a third-level indicator (三级指标) of a sub-project, or a
// part of one when an indicator is scored in several parts.
type Indicator struct {
	At        tomlx.At
	Category  string           `toml:"category" zh:"所属二级指标"`
	Heading   string           `toml:"heading" zh:"小标题"`
	Name      string           `toml:"name" zh:"三级指标名称"`
	Standard  string           `toml:"standard" zh:"评分标准"`
	Points    *decimal.Decimal `toml:"points" zh:"分值"`
	Text      string           `toml:"text" zh:"报告表述"`
	Rule      string           `toml:"rule" zh:"计分规则"`
	Plan      *decimal.Decimal `toml:"plan" zh:"计划数"`
	Actual    *decimal.Decimal `toml:"actual" zh:"实际数"`
	Score     *decimal.Decimal `toml:"score" zh:"得分"`
	Deduction string           `toml:"deduction" zh:"扣分原因"`
	Check     string           `toml:"check" zh:"实际数核对"`
	CheckPlan string           `toml:"check_plan" zh:"计划数核对"`
	Parts     []Indicator      `toml:"part" zh:"分项"`
}

// Report holds the narrative of the report (报告文字).
type Report struct {
	At                 tomlx.At
	Preamble           string      `toml:"preamble,required" zh:"开头段落"`
	Background         string      `toml:"background,required" zh:"立项背景"`
	Content            []string    `toml:"content,required" zh:"项目主要内容"`
	Organization       []string    `toml:"organization,required" zh:"项目组织管理情况"`
	OverallTargetIntro string      `toml:"overall_target_intro" zh:"总目标引言"`
	OverallTarget      string      `toml:"overall_target,required" zh:"项目绩效总目标"`
	StageTarget        string      `toml:"stage_target,required" zh:"项目阶段性目标"`
	Purpose            string      `toml:"purpose,required" zh:"评价目的、对象和范围"`
	Method             string      `toml:"method,required" zh:"评价方法和标准"`
	Stages             []Stage     `toml:"stage,required" zh:"评价工作过程"`
	Result             Result      `toml:"result,required" zh:"综合评价"`
	FundsNotes         []FundsNote `toml:"funds_note" zh:"项目资金定性分析"`
	Experience         []string    `toml:"experience,required" zh:"主要经验及做法"`
	Problems           []string    `toml:"problems,required" zh:"存在的问题"`
	Improvements       []string    `toml:"improvements,required" zh:"改进措施"`
	Suggestions        []string    `toml:"suggestions,required" zh:"结果应用建议"`
	OtherIntro         string      `toml:"other_intro" zh:"其他说明引言"`
	Other              []Other     `toml:"other" zh:"其他需说明的问题"`
	// Signature and Date close the report (署名、成文日期); the signature
	// defaults to the department.
	Signature string      `toml:"signature" zh:"署名"`
	Date      *tomlx.Date `toml:"date" zh:"成文日期"`
}

// Stage is one stage of the evaluation work (绩效评价工作过程).
type Stage struct {
	At    tomlx.At
	Title string   `toml:"title,required" zh:"阶段名称"`
	Text  string   `toml:"text,required" zh:"内容"`
	Items []string `toml:"items" zh:"材料清单"`
}

// Result is the text around the scores (综合评价情况及结论).
type Result struct {
	At         tomlx.At
	Plan       string `toml:"plan,required" zh:"实施方案名称"`
	Conclusion string `toml:"conclusion,required" zh:"主要结论"`
}

// FundsNote is a qualitative analysis under 项目资金情况.
type FundsNote struct {
	At      tomlx.At
	Section string `toml:"section,required" zh:"所属部分"`
	Title   string `toml:"title,required" zh:"标题"`
	Text    string `toml:"text,required" zh:"内容"`
}

// Funds-note sections, in report order.
const (
	SectionDecision = "项目决策情况"
	SectionProcess  = "项目过程情况"
)

// Other is a further explanation about one sub-project (其他需说明的问题).
type Other struct {
	At tomlx.At
	// Subproject is the name of the sub-project the explanation is about:
	// a name, unlike a number, survives renumbering.
	Subproject string   `toml:"subproject,required" zh:"子项目名称"`
	Paragraphs []string `toml:"paragraphs,required" zh:"段落"`
}

// Targets is the performance-target table (绩效目标表) of the provincial
// template: the year's goals and its indicators with their target values.
type Targets struct {
	At         tomlx.At
	Title      string   `toml:"title" zh:"专项名称"`
	Goals      []string `toml:"goals,required" zh:"年度目标"`
	Indicators []Target `toml:"indicator,required" zh:"绩效指标"`
}

// Target is one indicator row of the target table.
type Target struct {
	At     tomlx.At
	Level1 string `toml:"level1,required" zh:"一级指标"`
	Level2 string `toml:"level2,required" zh:"二级指标"`
	Name   string `toml:"name,required" zh:"三级指标"`
	// Comparator is one of ≥ ≤ = ＞ ＜, or empty for a qualitative value
	// (完善, 提升) or a deadline (a date: done on or before it).
	Comparator string        `toml:"comparator" zh:"比较方式"`
	Value      tomlx.Scalar  `toml:"value" zh:"年度指标值"`
	Unit       string        `toml:"unit" zh:"单位"`
	Actual     *tomlx.Scalar `toml:"actual" zh:"实际完成值"`
	// ValueFrom and ActualFrom take the value from the fund's own figures
	// (FromBudget, FromSpending) instead of repeating them, so that a
	// correction in fund.toml reaches the target table too.
	ValueFrom  string `toml:"value_from" zh:"年度指标值取自"`
	ActualFrom string `toml:"actual_from" zh:"实际完成值取自"`
	// ActualShown is how the table shows the actual value when the data
	// holds it more exactly than known (a date known only to the month).
	ActualShown string `toml:"actual_shown" zh:"实际完成值的写法"`
	Note        string `toml:"note" zh:"说明"`
	// Points, Grade, Score and Deviation are the target's part in the
	// self-evaluation form (see SelfEval): its 分值; for a qualitative
	// target the grade of achievement and the score given; the 偏差原因分析
	// 及改进措施 of a missed target.
	Points    *decimal.Decimal `toml:"points" zh:"分值"`
	Grade     string           `toml:"grade" zh:"达成档次"`
	Score     *decimal.Decimal `toml:"score" zh:"得分"`
	Deviation string           `toml:"deviation" zh:"偏差原因分析及改进措施"`
}

// Fund figures a target may take its value from.
const (
	FromBudget   = "budget"
	FromSpending = "spending"
)

// Comparators a target may use.
var Comparators = []string{"≥", "≤", "=", "＞", "＜"}
