package fund

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/tomlx"
)

// SelfEval sets up the project self-evaluation form (项目支出绩效自评表,
// 财预〔2020〕10号 附件) of the year: who fills it in, what the year's other
// data does not say, and the form's scoring rules, which are data because a
// province or a later rule may change them.
//
// The form's indicators are the target table's (targets.toml): each target
// gives its points (分值) there, and a qualitative one its grade and score,
// so that a target is written once and both tables follow it. One form
// covers the whole fund: the targets were set, and the budget approved, for
// the fund as one project; its sub-projects have no targets of their own.
type SelfEval struct {
	At tomlx.At
	// Project and Department default to the fund's name and department.
	Project     string `toml:"project" zh:"项目名称"`
	Department  string `toml:"department" zh:"主管部门"`
	Implementer string `toml:"implementer,required" zh:"实施单位"`
	// InitialCurrent and InitialCarryover are the budget at the start of
	// the year (年初预算数) when it differs from the year's final budget
	// (全年预算数, the fund's budget_current and budget_carryover).
	InitialCurrent   *decimal.Decimal `toml:"initial_current" zh:"年初预算数（当年财政拨款）"`
	InitialCarryover *decimal.Decimal `toml:"initial_carryover" zh:"年初预算数（上年结转资金）"`
	// SpendingCurrent and SpendingCarryover split the year's spending by
	// source of money (全年执行数); both or neither, adding up to the
	// fund's spending. Without them the form leaves those cells "—".
	SpendingCurrent   *decimal.Decimal `toml:"spending_current" zh:"全年执行数（当年财政拨款）"`
	SpendingCarryover *decimal.Decimal `toml:"spending_carryover" zh:"全年执行数（上年结转资金）"`
	// Achieved is the 实际完成情况 beside the goals (年度总体目标).
	Achieved []string `toml:"achieved,required" zh:"年度总体目标实际完成情况"`
	// ExecutionPoints is the 分值 of the execution rate (预算执行率).
	ExecutionPoints decimal.Decimal   `toml:"execution_points,required" zh:"预算执行率分值"`
	Levels          []SelfEvalLevel   `toml:"level,required" zh:"一级指标分值"`
	Formulas        []SelfEvalFormula `toml:"formula,required" zh:"定量指标计分方法"`
	Grades          []SelfEvalGrade   `toml:"grade,required" zh:"定性指标达成档次"`
	// Notes are printed under the form after the notes drawn from the
	// rules (how each figure was scored).
	Notes []string `toml:"notes" zh:"补充说明"`
}

// SelfEvalLevel gives a first-level indicator (一级指标: 产出指标, 效益指标,
// 满意度指标) its points; the target table's level1 names it.
type SelfEvalLevel struct {
	At     tomlx.At
	Name   string          `toml:"name,required" zh:"一级指标"`
	Points decimal.Decimal `toml:"points,required" zh:"分值"`
}

// SelfEvalFormula says how a quantitative indicator with one of the
// comparators scores when its target is missed (a met target scores full
// points).
type SelfEvalFormula struct {
	At          tomlx.At
	Comparators []string `toml:"comparators,required" zh:"比较方式"`
	Formula     string   `toml:"formula,required" zh:"计分方法"`
}

// Formulas of a quantitative indicator.
const (
	// FormulaActualOverValue: 正向指标, 实际完成值/年度指标值 × 分值.
	FormulaActualOverValue = "actual/value"
	// FormulaValueOverActual: 反向指标, 年度指标值/实际完成值 × 分值.
	FormulaValueOverActual = "value/actual"
)

// Formulas lists the formulas a rule may name, with their Chinese wording.
var Formulas = []struct{ Key, Words string }{
	{FormulaActualOverValue, "实际完成值/年度指标值×该指标分值"},
	{FormulaValueOverActual, "年度指标值/实际完成值×该指标分值"},
}

// FormulaWords is how the form's notes word a formula.
func FormulaWords(key string) string {
	for _, f := range Formulas {
		if f.Key == key {
			return f.Words
		}
	}
	return key
}

// SelfEvalGrade is one grade of a qualitative indicator (定性指标): a score
// from Min percent of the indicator's points (inclusive) up to the previous
// grade's Min (exclusive), or up to 100 % for the first grade. Grades are
// written from the highest down and the last starts at 0.
type SelfEvalGrade struct {
	At   tomlx.At
	Name string          `toml:"name,required" zh:"档次"`
	Min  decimal.Decimal `toml:"min,required" zh:"最低得分比例（%）"`
}

// GradeBand returns the band of a grade in percent of the points: from min
// (inclusive) to max (inclusive only for the first grade); ok is false for
// a grade that is not declared.
func (s *SelfEval) GradeBand(name string) (lo, hi decimal.Decimal, top, ok bool) {
	for i, g := range s.Grades {
		if g.Name == name {
			if i == 0 {
				return g.Min, decimal.NewFromInt(100), true, true
			}
			return g.Min, s.Grades[i-1].Min, false, true
		}
	}
	return decimal.Zero, decimal.Zero, false, false
}

// FormulaFor returns the formula of a comparator, "" when none names it.
func (s *SelfEval) FormulaFor(comparator string) string {
	for _, f := range s.Formulas {
		if slices.Contains(f.Comparators, comparator) {
			return f.Formula
		}
	}
	return ""
}

// Level returns the points of a first-level indicator.
func (s *SelfEval) Level(name string) (SelfEvalLevel, bool) {
	for _, l := range s.Levels {
		if l.Name == name {
			return l, true
		}
	}
	return SelfEvalLevel{}, false
}

// Quantitative reports whether a target is measured by a number against a
// comparator (定量指标), as opposed to a wording or a deadline (定性指标).
func (t Target) Quantitative() bool { return t.Comparator != "" && t.Value.IsNum }

// Met reports whether the actual value reaches the target: numbers by the
// comparator, a deadline by date (done on or before it), a qualitative
// value by equal wording. A target without an actual value is not met.
func (t Target) Met() bool {
	if t.Actual == nil {
		return false
	}
	a, v := *t.Actual, t.Value
	switch {
	case v.IsNum && a.IsNum:
		c := a.Num.Cmp(v.Num)
		switch t.Comparator {
		case "≥":
			return c >= 0
		case "≤":
			return c <= 0
		case "=":
			return c == 0
		case "＞":
			return c > 0
		case "＜":
			return c < 0
		}
		return false
	case v.IsDate && a.IsDate:
		return !v.Date.Before(a.Date)
	}
	return a.Text == v.Text
}

// selfEval checks the form's set-up and every target's part in it.
func (v *validator) selfEval() {
	se := v.y.SelfEval
	ts := v.y.Targets
	if ts == nil {
		v.errorf(se.At.Pos(), "有 [selfeval]（项目支出绩效自评表）但没有 [targets] 绩效目标表。自评表的绩效指标取自绩效目标表，请先填写 targets.toml，或删去 [selfeval]。")
		return
	}
	v.nonNegative(se.At.Key("execution_points"), "预算执行率分值", se.ExecutionPoints)
	total := se.ExecutionPoints
	levels := map[string]bool{}
	for _, l := range se.Levels {
		if levels[l.Name] {
			v.errorf(l.At.Key("name"), "自评表一级指标“%s”重复。请删去重复的一节。", l.Name)
		}
		levels[l.Name] = true
		v.nonNegative(l.At.Key("points"), "自评表一级指标“"+l.Name+"”的分值", l.Points)
		total = total.Add(l.Points)
	}
	if !total.Equal(decimal.NewFromInt(100)) {
		v.errorf(se.At.Key("execution_points"), "自评表预算执行率分值 %s 与各一级指标分值（%s）合计为 %s 分，应为 100 分。请调整。", se.ExecutionPoints, levelList(se.Levels), total)
	}
	v.selfEvalFormulas(se)
	gradesOK := v.selfEvalGrades(se)
	switch {
	case len(se.Achieved) == 0:
		v.errorf(se.At.Key("achieved"), "自评表“年度总体目标”的实际完成情况“achieved”是空的。请对照绩效目标表的年度目标逐条写明实际完成情况。")
	case len(se.Achieved) != len(ts.Goals):
		v.warnf(se.At.Key("achieved"), "自评表的实际完成情况“achieved”有 %d 条，绩效目标表的年度目标“goals”有 %d 条，表中按顺序逐条并排。如非有意，请逐条对应。", len(se.Achieved), len(ts.Goals))
	}
	if (se.SpendingCurrent == nil) != (se.SpendingCarryover == nil) {
		v.errorf(se.At.Pos(), "“spending_current”（当年财政拨款执行数）和“spending_carryover”（上年结转资金执行数）要么都写，要么都不写。")
	} else if se.SpendingCurrent != nil {
		v.nonNegative(se.At.Key("spending_current"), "当年财政拨款执行数", *se.SpendingCurrent)
		v.nonNegative(se.At.Key("spending_carryover"), "上年结转资金执行数", *se.SpendingCarryover)
		if sum := se.SpendingCurrent.Add(*se.SpendingCarryover); !sum.Equal(v.y.Fund.Spending) {
			v.errorf(se.At.Key("spending_current"), "自评表按资金来源分列的执行数合计 %s（%s + %s），与专项资金实际支出 %s 不一致。请核对。", wan(sum), se.SpendingCurrent, se.SpendingCarryover, wan(v.y.Fund.Spending))
		}
	}
	for _, d := range []struct {
		key, what string
		p         *decimal.Decimal
	}{{"initial_current", "年初预算数（当年财政拨款）", se.InitialCurrent}, {"initial_carryover", "年初预算数（上年结转资金）", se.InitialCarryover}} {
		if d.p != nil {
			v.nonNegative(se.At.Key(d.key), d.what, *d.p)
		}
	}

	points := map[string]decimal.Decimal{}
	complete := true
	for i := range ts.Indicators {
		t := &ts.Indicators[i]
		v.selfEvalTarget(se, t, i, levels, gradesOK)
		if t.Points != nil {
			points[t.Level1] = points[t.Level1].Add(*t.Points)
		}
		// A sum with a target left out or filed under an unknown level
		// would only restate that mistake.
		complete = complete && t.Points != nil && levels[t.Level1]
	}
	for _, l := range se.Levels {
		if !complete {
			break
		}
		if got := points[l.Name]; !got.Equal(l.Points) {
			v.errorf(l.At.Key("points"), "自评表一级指标“%s”分值为 %s 分，但绩效目标表中该类各指标分值合计为 %s 分。请调整 targets.toml 中各指标的“points”，使两者一致。", l.Name, l.Points, got)
		}
	}
}

func levelList(ls []SelfEvalLevel) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.Name + " " + l.Points.String()
	}
	return strings.Join(parts, "、")
}

func (v *validator) selfEvalFormulas(se *SelfEval) {
	seen := map[string]bool{}
	for _, f := range se.Formulas {
		known := false
		for _, k := range Formulas {
			known = known || k.Key == f.Formula
		}
		if !known {
			v.errorf(f.At.Key("formula"), "定量指标计分方法“%s”无法识别。可用：%s（正向指标）、%s（反向指标）。", f.Formula, FormulaActualOverValue, FormulaValueOverActual)
		}
		for i, c := range f.Comparators {
			switch {
			case !slices.Contains(Comparators, c):
				v.errorf(f.At.Elem("comparators", i), "计分方法中的比较方式“%s”无法识别。可用：%s。", c, strings.Join(Comparators, " "))
			case seen[c]:
				v.errorf(f.At.Elem("comparators", i), "比较方式“%s”出现在两个计分方法中。每种比较方式只能对应一种计分方法。", c)
			}
			seen[c] = true
		}
	}
}

// selfEvalGrades checks the grades; it reports whether their bands are
// well formed (else the targets' scores are not checked against them).
func (v *validator) selfEvalGrades(se *SelfEval) bool {
	before := len(v.ds.Errors())
	names := map[string]bool{}
	for i, g := range se.Grades {
		if names[g.Name] {
			v.errorf(g.At.Key("name"), "定性指标档次“%s”重复。", g.Name)
		}
		names[g.Name] = true
		switch {
		case g.Min.IsNegative() || g.Min.GreaterThan(decimal.NewFromInt(100)):
			v.errorf(g.At.Key("min"), "定性指标档次“%s”的最低得分比例 %s%% 应在 0 到 100 之间。", g.Name, g.Min)
		case i > 0 && !g.Min.LessThan(se.Grades[i-1].Min):
			v.errorf(g.At.Key("min"), "定性指标档次应从高到低书写：“%s”的最低得分比例 %s%% 不低于上一档“%s”的 %s%%。", g.Name, g.Min, se.Grades[i-1].Name, se.Grades[i-1].Min)
		}
	}
	if n := len(se.Grades); n > 0 && !se.Grades[n-1].Min.IsZero() {
		last := se.Grades[n-1]
		v.errorf(last.At.Key("min"), "最后一个定性指标档次“%s”的最低得分比例应为 0，否则得分低于 %s%% 的指标没有档次。", last.Name, last.Min)
	}
	return len(v.ds.Errors()) == before
}

// selfEvalTarget checks one target's points, grade, score and deviation.
func (v *validator) selfEvalTarget(se *SelfEval, t *Target, i int, levels map[string]bool, gradesOK bool) {
	name := fmt.Sprintf("绩效目标表第%d项“%s”", i+1, t.Name)
	if !levels[t.Level1] {
		var names []string
		for _, l := range se.Levels {
			names = append(names, l.Name)
		}
		v.errorf(t.At.Key("level1"), "%s的一级指标“%s”不在自评表的一级指标中（%s）。请改正“level1”，或在 [selfeval] 中加上这个一级指标及其分值。", name, t.Level1, strings.Join(names, "、"))
	}
	if t.Points == nil {
		v.errorf(t.At.Pos(), "%s缺少“points”（自评表中的分值）。有 [selfeval] 时每个指标都要写分值。", name)
		return
	}
	pts := *t.Points
	switch {
	case !pts.IsPositive():
		v.errorf(t.At.Key("points"), "%s的分值应大于 0（这里是 %s）。", name, pts)
		return
	case !pts.Equal(pts.Round(2)):
		v.errorf(t.At.Key("points"), "%s的分值 %s 超过两位小数。", name, pts)
	}
	if t.Actual == nil {
		v.errorf(t.At.Pos(), "%s没有实际完成值“actual”，自评表无法计分。请填写实际完成值。", name)
		return
	}
	met := t.Met()
	full := true
	if t.Quantitative() {
		for _, key := range []string{"grade", "score"} {
			if t.At.Has(key) {
				v.errorf(t.At.Key(key), "%s是定量指标（%s），得分由程序按实际完成值与年度指标值计算，不要写 %s。", name, t.ValueText(), key)
			}
		}
		formula := se.FormulaFor(t.Comparator)
		if formula == "" {
			v.errorf(t.At.Key("comparator"), "%s的比较方式“%s”没有对应的计分方法。请在 [selfeval] 的 [[selfeval.formula]] 中为它指定 %s 或 %s。", name, t.Comparator, FormulaActualOverValue, FormulaValueOverActual)
		}
		full = met
	} else {
		full = v.selfEvalGrade(se, t, name, pts, gradesOK)
	}
	switch {
	case strings.TrimSpace(t.Deviation) != "":
	case !met:
		v.errorf(t.At.Pos(), "%s未完成年度指标值（年度指标值 %s，实际完成值 %s），须在“deviation”中写明偏差原因分析及改进措施（写入自评表）。", name, t.ValueText(), t.ActualText())
	case !full:
		v.errorf(t.At.Key("score"), "%s得分低于分值 %s 分，须在“deviation”中写明偏差原因分析及改进措施（写入自评表）。", name, pts)
	}
}

// selfEvalGrade checks a qualitative target's grade and score against the
// grade's band (when the bands are well formed); it reports whether the
// score is the full points, or true when the score is wrong anyway.
func (v *validator) selfEvalGrade(se *SelfEval, t *Target, name string, pts decimal.Decimal, gradesOK bool) bool {
	if t.Grade == "" {
		v.errorf(t.At.Pos(), "%s是定性指标，须写“grade”（达成档次：%s）和“score”（得分）。", name, gradeNames(se))
		return true
	}
	lo, hi, top, ok := se.GradeBand(t.Grade)
	if !ok {
		v.errorf(t.At.Key("grade"), "%s的达成档次“%s”无法识别。可用：%s。", name, t.Grade, gradeNames(se))
		return true
	}
	if t.Score == nil {
		v.errorf(t.At.Pos(), "%s是定性指标，评为“%s”后还须写“score”（得分，分值 %s 的 %s%%–%s%%）。", name, t.Grade, pts, lo, hi)
		return true
	}
	sc := *t.Score
	if !gradesOK {
		return true
	}
	hundred := decimal.NewFromInt(100)
	least, most := pts.Mul(lo).Div(hundred), pts.Mul(hi).Div(hundred)
	switch {
	case !sc.Equal(sc.Round(2)):
		v.errorf(t.At.Key("score"), "%s的得分 %s 超过两位小数。得分最多保留两位小数。", name, sc)
		return true
	case sc.LessThan(least) || sc.GreaterThan(most) || (!top && sc.Equal(most)):
		upper := "含"
		if !top {
			upper = "不含"
		}
		v.errorf(t.At.Key("score"), "%s评为“%s”，得分应在分值 %s 分的 %s%%（含）至 %s%%（%s）之间，即 %s 至 %s 分（%s），这里写的是 %s 分。请改正得分或档次。",
			name, t.Grade, pts, lo, hi, upper, least, most, upper, sc)
		return true
	}
	return sc.Equal(pts)
}

func gradeNames(se *SelfEval) string {
	names := make([]string, len(se.Grades))
	for i, g := range se.Grades {
		names[i] = "“" + g.Name + "”"
	}
	return strings.Join(names, "、")
}

// noSelfEval warns about self-evaluation figures written in the target
// table of a year without [selfeval]: nothing would use them.
func (v *validator) noSelfEval() {
	if v.y.Targets == nil {
		return
	}
	for _, t := range v.y.Targets.Indicators {
		for _, key := range []string{"points", "grade", "score", "deviation"} {
			if t.At.Has(key) {
				v.warnf(t.At.Key(key), "绩效目标表的指标“%s”写了自评表的 %s，但本年度没有 [selfeval]，不生成项目支出绩效自评表，这一项不会被使用。如要生成自评表，请添加 [selfeval]（写法见 data/2019/selfeval.toml）。", t.Name, key)
				return
			}
		}
	}
}
