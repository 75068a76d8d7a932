package fund

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/suggest"
	"ipfund/internal/tomlx"
)

// Validate checks a year for contradictions. Hard ones (rows that do not add
// up to their stated total, a score above its points) are errors; soft ones
// (a figure in an indicator's text against the detail table, a subsidy off
// its policy rate) are warnings. It never changes the data.
func Validate(y *Year) diag.List {
	v := &validator{y: y}
	v.names()
	v.fund()
	v.documents()
	v.scoring()
	for i := range y.Subprojects {
		v.subproject(&y.Subprojects[i])
	}
	v.subprojectsTogether()
	v.report()
	if y.Targets != nil {
		v.targets()
	}
	if y.SelfEval != nil {
		v.selfEval()
	} else {
		v.noSelfEval()
	}
	return v.ds
}

type validator struct {
	y  *Year
	ds diag.List
}

func (v *validator) errorf(pos diag.Pos, format string, args ...any) {
	v.ds.Errorf(pos, format, args...)
}

func (v *validator) warnf(pos diag.Pos, format string, args ...any) {
	v.ds.Warnf(pos, format, args...)
}

// wan formats an amount in 万元 for messages.
func wan(d decimal.Decimal) string { return d.String() + "万元" }

func (v *validator) nonNegative(pos diag.Pos, what string, d decimal.Decimal) {
	if d.IsNegative() {
		v.errorf(pos, "%s不能为负数（这里写的是 %s）。请改正。", what, d)
	}
}

func (v *validator) fund() {
	f := v.y.Fund
	wrongDir := false
	if dirYear, err := strconv.Atoi(filepath.Base(v.y.Dir)); err == nil && dirYear != f.Year {
		v.errorf(f.At.Key("year"), "评价年度写的是 %d，但数据放在 %s 目录下。请改正年度，或把文件放到 %d 年的目录中。", f.Year, v.y.Dir, f.Year)
		wrongDir = true
	}
	switch {
	case wrongDir:
	case !f.Start.IsZero() && !f.End.IsZero() && f.End.Before(f.Start):
		v.errorf(f.At.Key("end"), "实施期限的结束日期 %s 早于开始日期 %s。请改正。", f.End, f.Start)
	case f.Start.Year > f.Year || (!f.End.IsZero() && f.End.Year < f.Year):
		v.errorf(f.At.Key("start"), "实施期限 %s-%s 不在评价年度 %d 年内（复制上一年度的数据后忘了改？）。请改正“start”和“end”。", f.Start, f.End, f.Year)
	case f.Start.Year != f.Year || f.End.Year != f.Year:
		v.warnf(f.At.Key("start"), "实施期限 %s-%s 跨出了评价年度 %d 年。如确属跨年度项目可不改，否则请核对“start”和“end”。", f.Start, f.End, f.Year)
	}
	// The budget and spending are the sub-projects' sums (derive.go): a
	// negative one is reported at the sub-project.
	if !f.Budget().IsPositive() {
		v.errorf(f.At.Key("budget_current"), "预算总额（本年度预算 + 上年结余）为 %s，必须大于 0：执行率和各子项目权重都以它为分母。", wan(f.Budget()))
	}
	if f.Spending.GreaterThan(f.Budget()) {
		v.errorf(f.At.Key("spending"), "实际支出 %s 超过预算总额 %s。请核对。", wan(f.Spending), wan(f.Budget()))
	}
}

func (v *validator) documents() {
	seen := map[string]Document{}
	for _, d := range v.y.Documents {
		if prev, ok := seen[d.ID]; ok {
			v.errorf(d.At.Key("id"), "文件代号“%s”重复：已在 %s 使用。请换一个代号。", d.ID, prev.At.Key("id"))
		}
		seen[d.ID] = d
		for i, u := range d.Uses {
			if !slices.Contains(DocumentUses, u) {
				v.errorf(d.At.Elem("uses", i), "文件用途“%s”无法识别。可用的用途有：%s。", u, strings.Join(DocumentUses, "、"))
			}
		}
	}
}

func (v *validator) scoring() {
	s := v.y.Scoring
	groupPoints := map[string]decimal.Decimal{}
	total := decimal.Zero
	for _, g := range s.Groups {
		if _, dup := groupPoints[g.Name]; dup {
			v.errorf(g.At.Key("name"), "一级指标“%s”重复。请删去重复的一节。", g.Name)
		}
		groupPoints[g.Name] = decimal.Zero
		v.nonNegative(g.At.Key("points"), "一级指标“"+g.Name+"”的分值", g.Points)
		total = total.Add(g.Points)
	}
	if len(s.Groups) > 0 && !total.Equal(decimal.NewFromInt(100)) {
		v.errorf(s.Groups[0].At.Pos(), "各一级指标分值合计为 %s 分，应为 100 分。请调整各一级指标的分值。", total)
	}
	keys := map[string]bool{}
	for _, c := range s.Categories {
		name := "二级指标“" + c.Name + "”"
		if keys[c.Key] {
			v.errorf(c.At.Key("key"), "二级指标代号“%s”重复。请换一个代号。", c.Key)
		}
		keys[c.Key] = true
		if _, ok := groupPoints[c.Group]; !ok {
			v.errorf(c.At.Key("group"), "%s所属的一级指标“%s”不存在。可用的一级指标：%s。", name, c.Group, strings.Join(groupNames(s), "、"))
		} else {
			groupPoints[c.Group] = groupPoints[c.Group].Add(c.Points)
		}
		v.nonNegative(c.At.Key("points"), name+"的分值", c.Points)
		if c.Points.IsZero() && c.NotSet == "" {
			v.errorf(c.At.Key("points"), "%s分值为 0，即本年度未设置该类指标。请在“not_set”中写明原因（报告中照录）。", name)
		}
		if !c.Points.IsZero() && c.NotSet != "" {
			v.errorf(c.At.Key("not_set"), "%s写了未设置原因，但分值为 %s。未设置的指标分值应为 0。", name, c.Points)
		}
		if c.Rule != "" {
			if r, ok := s.RuleByKey(c.Rule); !ok {
				v.errorf(c.At.Key("rule"), "%s的计分规则“%s”不存在。可用的规则：%s。", name, c.Rule, quoteList(ruleKeys(s)))
			} else if r.Kind != KindRatio {
				v.errorf(c.At.Key("rule"), "%s按规则“%s”自动计分，该规则须为“ratio”类型（实际支出/预算）。", name, c.Rule)
			}
			if c.Shared != nil {
				v.errorf(c.At.Key("shared"), "%s已按规则自动计分，不能再写共用指标“shared”。请删去其中一个。", name)
			}
		}
		if c.Shared != nil {
			sh := *c.Shared
			if sh.Points != nil && !sh.Points.Equal(c.Points) {
				v.errorf(c.Shared.At.Key("points"), "%s的共用指标分值 %s 应等于该二级指标的分值 %s。", name, sh.Points, c.Points)
			}
			if sh.Name == "" {
				v.errorf(c.Shared.At.Pos(), "%s的共用指标缺少三级指标名称“name”。", name)
			}
			v.item(nil, sh, c.Shared.At.Pos(), name+"的共用指标")
		}
	}
	for _, g := range s.Groups {
		if p, ok := groupPoints[g.Name]; ok && !p.Equal(g.Points) {
			v.errorf(g.At.Key("points"), "一级指标“%s”分值为 %s 分，但其下二级指标分值合计为 %s 分。请使两者一致。", g.Name, g.Points, p)
		}
	}
	if s.ScoreFrom != ScoreFromRoundedRate && s.ScoreFrom != ScoreFromExact {
		v.errorf(s.At.Key("score_from"), "比例计分的得分算法“score_from”写的是“%s”，无法识别。可用：“%s”（得分 = 四舍五入到两位小数的百分率 × 分值，默认）、“%s”（得分 = 实际/计划 × 分值，只舍入一次）。", s.ScoreFrom, ScoreFromRoundedRate, ScoreFromExact)
	}
	v.rules()
	v.grades()
}

func groupNames(s Scoring) []string {
	var out []string
	for _, g := range s.Groups {
		out = append(out, g.Name)
	}
	return out
}

// quoteList lists names as messages write them: “a”、“b”.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "（无）"
	}
	return "“" + strings.Join(names, "”、“") + "”"
}

func ruleKeys(s Scoring) []string {
	var out []string
	for _, r := range s.Rules {
		out = append(out, r.Key)
	}
	return out
}

func categoryKeys(s Scoring) []string {
	var out []string
	for _, c := range s.Categories {
		if c.Rule == "" && c.Shared == nil && c.NotSet == "" {
			out = append(out, "“"+c.Key+"”（"+c.Name+"）")
		}
	}
	return out
}

func (v *validator) rules() {
	seen := map[string]bool{}
	for _, r := range v.y.Scoring.Rules {
		if seen[r.Key] {
			v.errorf(r.At.Key("key"), "评分规则代号“%s”重复。请换一个代号。", r.Key)
		}
		seen[r.Key] = true
		switch r.Kind {
		case KindRatio:
			if len(r.Bands) > 0 {
				v.errorf(r.At.Key("bands"), "规则“%s”是“ratio”类型（按比例计分），不需要“bands”档次。请删去“bands”，或把类型改为“variance”。", r.Key)
			}
		case KindVariance:
			v.bands(r)
		default:
			v.errorf(r.At.Key("kind"), "规则“%s”的类型“%s”无法识别。可用的类型：“ratio”（按比例计分）、“variance”（按变动程度分档计分）。", r.Key, r.Kind)
		}
	}
}

func (v *validator) bands(r Rule) {
	if len(r.Bands) == 0 {
		v.errorf(r.At.Key("kind"), "规则“%s”是“variance”类型，须用“bands”写出各档次。", r.Key)
		return
	}
	var prev *decimal.Decimal
	for i, b := range r.Bands {
		last := i == len(r.Bands)-1
		v.nonNegative(b.At.Key("score"), fmt.Sprintf("规则“%s”第%d档的得分", r.Key, i+1), b.Score)
		switch {
		case last && b.Max != nil:
			v.errorf(b.At.Key("max"), "规则“%s”的最后一档不应写“max”：它表示“超过以上各档”的情形。请删去最后一档的“max”，或再加一档“{ score = … }”。", r.Key)
		case !last && b.Max == nil:
			v.errorf(b.At.Pos(), "规则“%s”第%d档缺少“max”（变动程度上限，单位%%）。只有最后一档可以不写。", r.Key, i+1)
		case b.Max != nil && b.Max.IsNegative():
			v.errorf(b.At.Key("max"), "规则“%s”第%d档的上限不能为负数。", r.Key, i+1)
		case b.Max != nil && prev != nil && !b.Max.GreaterThan(*prev):
			v.errorf(b.At.Key("max"), "规则“%s”各档上限应从小到大书写：第%d档 %s%% 不大于上一档 %s%%。", r.Key, i+1, b.Max, prev)
		}
		if b.Max != nil {
			prev = b.Max
		}
	}
}

func (v *validator) grades() {
	gs := v.y.Scoring.Grades
	for i, g := range gs {
		if i > 0 && !g.Min.LessThan(gs[i-1].Min) {
			v.errorf(g.At.Key("min"), "评价等级应从高到低书写：“%s”的最低分 %s 不低于上一等级“%s”的 %s。", g.Name, g.Min, gs[i-1].Name, gs[i-1].Min)
		}
	}
	if len(gs) > 0 && !gs[len(gs)-1].Min.IsZero() {
		last := gs[len(gs)-1]
		v.errorf(last.At.Key("min"), "最后一个评价等级“%s”的最低分应为 0，否则低于 %s 分的总分没有等级。", last.Name, last.Min)
	}
}

// label names a sub-project in messages.
func label(sp *Subproject) string { return fmt.Sprintf("子项目%d“%s”", sp.No, sp.Name) }

func (v *validator) subproject(sp *Subproject) {
	name := label(sp)
	for _, f := range []struct {
		key, what string
		d         decimal.Decimal
	}{
		{"budget_current", "本年度预算", sp.BudgetCurrent},
		{"budget_carryover", "上年结余", sp.BudgetCarryover},
		{"arrived", "实际到位", sp.Arrived},
		{"spending", "实际支出", sp.Spending},
	} {
		v.nonNegative(sp.At.Key(f.key), name+"的"+f.what, f.d)
	}
	if !sp.Budget().IsPositive() {
		v.errorf(sp.At.Key("budget_current"), "%s的预算为 %s，必须大于 0：执行率以它为分母。", name, wan(sp.Budget()))
	}
	negative := sp.Arrived.IsNegative() || sp.Spending.IsNegative() || sp.BudgetCurrent.IsNegative() || sp.BudgetCarryover.IsNegative()
	if sp.OverspendReason == "" && !negative {
		if sp.Spending.GreaterThan(sp.Arrived) {
			v.errorf(sp.At.Key("spending"), "%s的实际支出 %s 超过实际到位 %s。请核对；如确属超支，请在“overspend_reason”中写明原因。", name, wan(sp.Spending), wan(sp.Arrived))
		}
		if sp.Arrived.GreaterThan(sp.Budget()) {
			v.errorf(sp.At.Key("arrived"), "%s的实际到位 %s 超过预算 %s。请核对；如确属超预算到位，请在“overspend_reason”中写明原因。", name, wan(sp.Arrived), wan(sp.Budget()))
		}
	}
	if sp.DirectPayment && !sp.Arrived.Equal(sp.Spending) {
		v.warnf(sp.At.Key("direct_payment"), "%s标明为财政直接支付，但实际到位 %s 与实际支出 %s 不同。请核对。", name, wan(sp.Arrived), wan(sp.Spending))
	}
	if sp.Detail != nil {
		v.detail(sp)
	}
	v.indicators(sp)
}

func (v *validator) subprojectsTogether() {
	y := v.y
	nos := map[int]*Subproject{}
	names := map[string]*Subproject{}
	for i := range y.Subprojects {
		sp := &y.Subprojects[i]
		if sp.No < 1 {
			v.errorf(sp.At.Key("no"), "子项目序号应为从 1 开始的整数，这里写的是 %d。", sp.No)
		}
		if prev, ok := nos[sp.No]; ok {
			v.errorf(sp.At.Key("no"), "子项目序号 %d 重复：%s也用了这个序号（%s）。请给每个子项目不同的序号。", sp.No, label(prev), prev.At.Key("no"))
		}
		nos[sp.No] = sp
		if prev, ok := names[sp.Name]; ok {
			v.errorf(sp.At.Key("name"), "子项目名称“%s”重复（另见 %s）。", sp.Name, prev.At.Key("name"))
		}
		names[sp.Name] = sp
	}
	for n := 1; n <= len(y.Subprojects); n++ {
		if _, ok := nos[n]; !ok && len(nos) == len(y.Subprojects) {
			last := &y.Subprojects[len(y.Subprojects)-1]
			v.errorf(last.At.Key("no"), "子项目序号应从 1 起连续编号，现有 %d 个子项目，但缺少序号 %d。增删子项目后请重新编号（报告中的“子项目N”和 a、b、c 按序号排列）。", len(y.Subprojects), n)
			break
		}
	}
}

// scoreInText finds a score typed at the end of an indicator's text.
var scoreInText = regexp.MustCompile(`[，,；;]?\s*(共)?得\s*[0-9]+(\.[0-9]+)?\s*分[。；;，,]?\s*$`)

var columnKinds = []string{ColGroup, ColText, ColSeq, ColCount, ColAmount}

func (v *validator) detail(sp *Subproject) {
	d := sp.Detail
	name := label(sp) + "的明细表"
	if d.Unit != UnitWan && d.Unit != UnitYuan {
		v.errorf(d.At.Key("unit"), "%s的金额单位“%s”无法识别。请写“万元”或“元”。", name, d.Unit)
	}
	keys := map[string]bool{}
	hasGroupCol := false
	for i, c := range d.Columns {
		if keys[c.Key] {
			v.errorf(c.At.Key("key"), "%s的列代号“%s”重复。", name, c.Key)
		}
		keys[c.Key] = true
		switch {
		case !slices.Contains(columnKinds, c.Kind):
			v.errorf(c.At.Key("kind"), "%s第%d列的类型“%s”无法识别。可用的类型：“group”（分组名称）、“text”（文字）、“seq”（序号）、“count”（数量）、“amount”（金额）。", name, i+1, c.Kind)
		case c.Kind == ColGroup && i != 0:
			v.errorf(c.At.Key("kind"), "%s的分组列（“group”）只能是第一列。", name)
		case c.Sum && !c.Numeric():
			v.errorf(c.At.Key("sum"), "%s的“%s”列不是数量或金额列，不能合计。", name, c.Title)
		}
		hasGroupCol = hasGroupCol || c.Kind == ColGroup
	}
	for gi := range d.Groups {
		g := &d.Groups[gi]
		if hasGroupCol && g.Label == "" {
			v.errorf(g.At.Pos(), "%s第%d组缺少组名“label”（第一列是分组列）。", name, gi+1)
		}
		if !hasGroupCol && g.Label != "" {
			v.errorf(g.At.Key("label"), "%s没有分组列（“kind = \"group\"”），组名“%s”无处显示。请加上分组列或删去“label”。", name, g.Label)
		}
		for ri, row := range g.Rows {
			v.row(d, name, g, gi, ri, row)
		}
		v.sums(d, name, g.Subtotal, d.SubtotalPos(g), fmt.Sprintf("“%s”小计", g.Label))
	}
	// The figures of 小计 and 合计 and the spending they give are checked
	// against the rows where they are derived (derive.go).
	v.sums(d, name, d.Total, d.TotalPos(), "合计")
	if d.SpendingColumn != "" {
		if c, ok := d.Column(d.SpendingColumn); !ok || c.Kind != ColAmount {
			v.errorf(d.At.Key("spending_column"), "%s的支出金额列“%s”不是表中的金额列。", name, d.SpendingColumn)
		}
	}
	for _, rc := range d.RateChecks {
		v.rateCheck(d, name, rc)
	}
}

// row checks the cells of one row. A table read from a spreadsheet had
// each cell checked for its kind as it was read, with the reason in the
// spreadsheet's terms; only its signs are left to check.
func (v *validator) row(d *Detail, name string, g *RowGroup, gi, ri int, row Row) {
	for ci, c := range d.Columns {
		cell := row.Cell(ci)
		switch {
		case !c.Numeric():
		case !cell.IsNum && cell.Text != "" && d.Source == nil:
			v.errorf(d.RowPos(g, ri), "%s第%d组第%d行“%s”应为数字，这里写的是“%s”。数字不要加引号。", name, gi+1, ri+1, c.Title, cell.Text)
		case cell.IsNum && cell.Num.IsNegative() && d.Source == nil:
			v.errorf(d.RowPos(g, ri), "%s第%d组第%d行“%s”不能为负数（%s）。", name, gi+1, ri+1, c.Title, cell.Num)
		case cell.IsNum && cell.Num.IsNegative():
			v.errorf(d.CellPos(g, ri, ci), "%s中的金额、数量不能为负数（这里是 %s）。", name, cell.Num)
		}
	}
}

func dataColumnKeys(d *Detail) []string {
	var out []string
	for _, c := range d.Columns {
		if c.Kind != ColSeq && c.Kind != ColGroup {
			out = append(out, c.Key)
		}
	}
	return out
}

// sums checks that a stated 小计 or 合计, written at pos, names summed
// columns and numbers.
func (v *validator) sums(d *Detail, name string, stated map[string]tomlx.Scalar, pos diag.Pos, what string) {
	for _, col := range sortedKeys(stated) {
		cell := stated[col]
		c, ok := d.Column(col)
		switch {
		case !ok || !c.Sum:
			v.errorf(pos, "%s%s中的“%s”不是需要合计的列（“sum = true”）。", name, what, col)
		case !cell.IsNum:
			v.errorf(pos, "%s%s中“%s”应为数字。", name, what, c.Title)
		}
	}
}

func (v *validator) rateCheck(d *Detail, name string, rc RateCheck) {
	base, okB := d.Column(rc.Base)
	res, okR := d.Column(rc.Result)
	if !okB || !base.Numeric() || !okR || !res.Numeric() {
		v.errorf(rc.At.Pos(), "%s的补贴政策核对：“base”和“result”须为表中的数字列（这里是“%s”“%s”）。", name, rc.Base, rc.Result)
		return
	}
	n := 0
	bi, ci := d.ColumnIndex(rc.Base), d.ColumnIndex(rc.Result)
	for gi := range d.Groups {
		g := &d.Groups[gi]
		for ri, row := range g.Rows {
			n++
			b, r := row.Cell(bi), row.Cell(ci)
			if !b.IsNum || !r.IsNum {
				continue
			}
			exact := b.Num.Mul(rc.Rate)
			want := exact.Round(2)
			capped := ""
			if rc.Cap != nil && want.GreaterThan(*rc.Cap) {
				want, capped = *rc.Cap, fmt.Sprintf("，超过上限按 %s 计", rc.Cap)
			}
			if !r.Num.Equal(want) {
				v.warnf(d.RowPos(g, ri), "%s第%d行%s“%s”为 %s，按政策（%s）应为 %s（%s × %s%% = %s%s）。请核对。",
					name, n, rowTitle(d, row), res.Title, r.Num, rc.Policy, want, b.Num, rc.Rate.Mul(decimal.NewFromInt(100)), exact, capped)
			}
		}
	}
}

// rowTitle names a row by its first text cell, for messages.
func rowTitle(d *Detail, row Row) string {
	for i, c := range d.Columns {
		if t := row.Cell(i).Text; c.Kind == ColText && t != "" {
			return "“" + t + "”"
		}
	}
	return ""
}

func (v *validator) indicators(sp *Subproject) {
	s := v.y.Scoring
	points := map[string]decimal.Decimal{}
	first := map[string]diag.Pos{}
	names := map[string]diag.Pos{}
	miscategorised := false
	for _, ind := range sp.Indicators {
		name := fmt.Sprintf("%s的指标“%s”", label(sp), ind.Name)
		if prev, dup := names[ind.Category+"\x00"+ind.Name]; dup && ind.Name != "" {
			v.errorf(ind.At.Key("name"), "%s与同类的另一条指标同名（见 %s）。同一类中的三级指标名称不能重复，请改一个名称。", name, prev)
		}
		names[ind.Category+"\x00"+ind.Name] = ind.At.Key("name")
		cat, ok := s.CategoryByKey(ind.Category)
		switch {
		case ind.Category == "":
			miscategorised = true
			v.errorf(ind.At.Pos(), "%s缺少“category”（所属二级指标）。可用的代号：%s。", name, strings.Join(categoryKeys(s), "、"))
		case !ok:
			miscategorised = true
			v.errorf(ind.At.Key("category"), "%s的所属二级指标“%s”不存在。可用的代号：%s。", name, ind.Category, strings.Join(categoryKeys(s), "、"))
		case cat.Rule != "":
			v.errorf(ind.At.Key("category"), "二级指标“%s”由程序按规则自动计分，子项目中不要填写该类指标。", cat.Name)
		case cat.Shared != nil:
			v.errorf(ind.At.Key("category"), "二级指标“%s”是各子项目共用的指标（写在 scoring.toml 中），子项目中不要再填写。", cat.Name)
		case cat.NotSet != "":
			v.errorf(ind.At.Key("category"), "二级指标“%s”本年度未设置（分值为 0），不能填写指标。", cat.Name)
		default:
			points[cat.Key] = points[cat.Key].Add(ind.TotalPoints())
			if _, seen := first[cat.Key]; !seen {
				first[cat.Key] = ind.At.Pos()
			}
		}
		if ind.Name == "" {
			v.errorf(ind.At.Pos(), "%s的一条指标缺少“name”（三级指标名称）。", label(sp))
		}
		if len(ind.Parts) == 0 {
			v.item(sp, ind, ind.At.Pos(), name)
			continue
		}
		for _, key := range []string{"rule", "score", "plan", "actual", "text", "deduction", "check", "check_plan"} {
			if ind.At.Has(key) {
				v.errorf(ind.At.Key(key), "%s分项计分（写了 [[indicator.part]]），“%s”应写在各分项中，不要写在指标本身。", name, key)
			}
		}
		if ind.Points != nil && !ind.Points.Equal(ind.TotalPoints()) {
			v.errorf(ind.At.Key("points"), "%s的分值 %s 不等于各分项分值之和 %s。请改正，或删去指标本身的“points”。", name, ind.Points, ind.TotalPoints())
		}
		for i, p := range ind.Parts {
			for _, key := range []string{"category", "name", "heading", "standard"} {
				if p.At.Has(key) {
					v.errorf(p.At.Key(key), "%s第%d项：“%s”应写在指标本身，不要写在分项中。", name, i+1, key)
				}
			}
			if len(p.Parts) > 0 {
				v.errorf(p.At.Pos(), "%s第%d项：分项中不能再分项。", name, i+1)
			}
			v.item(sp, p, p.At.Pos(), fmt.Sprintf("%s第%d项", name, i+1))
		}
	}
	for _, c := range s.Categories {
		if c.Rule != "" || c.Shared != nil || c.NotSet != "" {
			continue
		}
		got, ok := points[c.Key]
		switch {
		case !ok && !miscategorised:
			v.warnf(sp.At.Pos(), "%s没有“%s”类指标，该类按 0 分计（满分 %s 分）。如有遗漏请补上“category = \"%s\"”的指标。", label(sp), c.Name, c.Points, c.Key)
		case !got.Equal(c.Points):
			v.errorf(first[c.Key], "%s“%s”类各指标分值合计 %s 分，应为 %s 分（见 scoring.toml）。请调整各指标的“points”。", label(sp), c.Name, got, c.Points)
		}
	}
}

// item checks one scored item: an indicator without parts, a part, or a
// shared indicator (sp nil).
func (v *validator) item(sp *Subproject, it Indicator, pos diag.Pos, name string) {
	if it.Points == nil {
		v.errorf(pos, "%s缺少“points”（分值）。", name)
		return
	}
	pts := *it.Points
	if !pts.IsPositive() {
		v.errorf(it.At.Key("points"), "%s的分值应大于 0（这里是 %s）。", name, pts)
	} else if !pts.Equal(pts.Round(2)) {
		v.errorf(it.At.Key("points"), "%s的分值 %s 超过两位小数。分值最多保留两位小数。", name, pts)
	}
	switch {
	case it.Rule != "" && it.Score != nil:
		v.errorf(it.At.Key("score"), "%s同时写了“rule”（按规则计分）和“score”（给定得分），只能选一种。", name)
	case it.Rule == "" && it.Score == nil:
		v.errorf(pos, "%s既没有“rule”也没有“score”。请写“score = 得分”（评价人员给定），或“rule = \"completion\"”等按规则计分。", name)
	case it.Score != nil:
		sc := *it.Score
		switch {
		case sc.Exponent() < -2 && !sc.Equal(sc.Round(2)):
			v.errorf(it.At.Key("score"), "%s的得分 %s 超过两位小数。得分最多保留两位小数。", name, sc)
		case sc.IsNegative():
			v.errorf(it.At.Key("score"), "%s的得分 %s 不能为负数。", name, sc)
		case sc.GreaterThan(pts):
			v.errorf(it.At.Key("score"), "%s的得分 %s 超过分值 %s。得分不能高于分值，请改正。", name, sc, pts)
		case sc.LessThan(pts) && strings.TrimSpace(it.Deduction) == "":
			v.errorf(it.At.Key("score"), "%s得 %s 分，低于分值 %s 分，须在“deduction”中写明扣分原因（写入评分表）。", name, sc, pts)
		default:
			v.deduction(it, name, pts.Sub(sc))
		}
		if strings.TrimSpace(it.Text) == "" {
			v.errorf(pos, "%s是评价人员给定的得分，须在“text”中写明评分依据。", name)
		}
	case it.Rule != "":
		v.ruleItem(sp, it, pos, name)
	}
	if scoreInText.MatchString(it.Text) {
		v.errorf(it.At.Key("text"), "%s的文字结尾写了得分（“%s”）。程序会根据得分自动接上“，得X分”，文字中不要再写，否则报告里会出现两次。", name, scoreInText.FindString(it.Text))
	}
	for _, ph := range placeholderRe.FindAllString(it.Text, -1) {
		switch {
		case ph == PlaceholderPlan && it.Plan == nil:
			v.errorf(it.At.Key("text"), "%s的文字用了 %s，但没有写“plan”（计划数）。", name, ph)
		case ph == PlaceholderActual && it.Actual == nil:
			v.errorf(it.At.Key("text"), "%s的文字用了 %s，但没有写“actual”（实际数）。", name, ph)
		case strings.ContainsAny(ph, "｛｝"):
			v.errorf(it.At.Key("text"), "%s的文字中的占位符 %s 用了中文大括号。请改为英文大括号：%s 或 %s。", name, ph, PlaceholderPlan, PlaceholderActual)
		case ph != PlaceholderPlan && ph != PlaceholderActual && !slices.Contains(TextPlaceholders, ph):
			v.errorf(it.At.Key("text"), "%s的文字中有无法识别的占位符 %s。只能用 %s 和 %s（以及 %s）。", name, ph, PlaceholderPlan, PlaceholderActual, strings.Join(TextPlaceholders, "、"))
		}
	}
	v.crossCheck(sp, it, "check", it.Check, it.Actual, "实际数", name)
	v.crossCheck(sp, it, "check_plan", it.CheckPlan, it.Plan, "计划数", name)
}

// deductionRe finds a deduction stated in words: 扣1分, 扣除2分, 扣减0.5分.
var deductionRe = regexp.MustCompile(`扣(?:除|减|掉)?\s*([0-9]+(?:\.[0-9]+)?)\s*分`)

// deduction checks what the texts of a judgement score say was deducted
// against what was: a text that states an amount (扣1分) must state
// points − score, and a full score has no deduction reason to give.
func (v *validator) deduction(it Indicator, name string, lost decimal.Decimal) {
	for _, f := range []struct{ key, what, text string }{{"deduction", "扣分原因", it.Deduction}, {"text", "评分依据", it.Text}} {
		ms := deductionRe.FindAllStringSubmatch(f.text, -1)
		if len(ms) == 0 {
			continue
		}
		said := decimal.Zero
		var quoted []string
		for _, m := range ms {
			n, _ := decimal.NewFromString(m[1])
			said = said.Add(n)
			quoted = append(quoted, m[0])
		}
		if !said.Equal(lost) {
			v.errorf(it.At.Key(f.key), "%s的%s写“%s”（共扣 %s 分），但分值 %s − 得分 %s = 扣 %s 分。请使两者一致：改正“score”或文字。", name, f.what, strings.Join(quoted, "”“"), said, it.Points, it.Score, lost)
		}
	}
	if lost.IsZero() && strings.TrimSpace(it.Deduction) != "" {
		v.warnf(it.At.Key("deduction"), "%s得满分 %s 分，却写了扣分原因“%s”：满分时扣分原因不会写入评分表。请删去“deduction”，或核对得分。", name, it.Points, it.Deduction)
	}
}

func (v *validator) ruleItem(sp *Subproject, it Indicator, pos diag.Pos, name string) {
	r, ok := v.y.Scoring.RuleByKey(it.Rule)
	if !ok {
		v.errorf(it.At.Key("rule"), "%s的计分规则“%s”不存在。可用的规则：%s（见 scoring.toml）。", name, it.Rule, quoteList(ruleKeys(v.y.Scoring)))
		return
	}
	switch r.Kind {
	case KindRatio:
		if it.Plan == nil || it.Actual == nil {
			v.errorf(pos, "%s按规则“%s”计分，须同时写“plan”（计划数）和“actual”（实际数）。", name, r.Name)
			return
		}
		if !it.Plan.IsPositive() {
			v.errorf(it.At.Key("plan"), "%s的计划数为 %s：按完成比例计分时计划数必须大于 0。", name, it.Plan)
		}
		if it.Actual.IsNegative() {
			v.errorf(it.At.Key("actual"), "%s的实际数 %s 不能为负数。", name, it.Actual)
		}
		if strings.TrimSpace(it.Text) == "" {
			v.errorf(pos, "%s缺少“text”（报告中的表述）。", name)
		}
	case KindVariance:
		if sp == nil && (it.Plan == nil || it.Actual == nil) {
			v.errorf(pos, "%s按规则“%s”计分，须写“plan”和“actual”。", name, r.Name)
		}
		if it.Plan != nil && !it.Plan.IsPositive() {
			v.errorf(it.At.Key("plan"), "%s的计划数必须大于 0。", name)
		}
		for _, b := range r.Bands {
			if b.Score.GreaterThan(*it.Points) {
				v.errorf(it.At.Key("rule"), "%s分值为 %s，但规则“%s”的档次最高给 %s 分，超过分值。请换用合适的规则或调整分值。", name, it.Points, r.Name, b.Score)
				break
			}
		}
	}
}

func (v *validator) crossCheck(sp *Subproject, it Indicator, key, ref string, val *decimal.Decimal, what, name string) {
	if ref == "" {
		return
	}
	if sp == nil || sp.Detail == nil {
		v.errorf(it.At.Key(key), "%s写了 %s，但没有明细表可供核对。", name, key)
		return
	}
	if val == nil {
		v.errorf(it.At.Key(key), "%s写了 %s，但没有写%s。", name, key, what)
		return
	}
	cell, desc, err := sp.Detail.Lookup(ref)
	if err != nil {
		v.errorf(it.At.Key(key), "%s：%s。", name, err)
		return
	}
	if !sp.Detail.SameAmount(ref, cell, *val) {
		v.ds.Add(diag.Diagnostic{
			Pos:      it.At.Key(key),
			Severity: diag.Warning,
			Msg:      fmt.Sprintf("%s写%s %s，%s为 %s，两者不一致。", name, what, val, desc, cell),
			Hint:     "请核对（数据照原样保留）；如两者本来口径不同，可删去这一行核对。",
		})
	}
}

func (v *validator) report() {
	r := v.y.Report
	if r.Date == nil {
		v.warnf(r.At.Pos(), "报告没有写成文日期：报告末尾将只有署名，没有日期（GB/T 9704 要求署名下编排成文日期）。请在 [report] 中写“date = 2020-06-30”（不加引号）。")
	}
	for _, n := range r.FundsNotes {
		if n.Section != SectionDecision && n.Section != SectionProcess {
			v.errorf(n.At.Key("section"), "项目资金定性分析的所属部分“%s”无法识别。请写“%s”或“%s”。", n.Section, SectionDecision, SectionProcess)
		}
	}
	seen := map[string]diag.Pos{}
	for _, o := range r.Other {
		if _, ok := v.y.SubprojectNamed(o.Subproject); !ok {
			hint := ""
			if best := suggest.Closest(o.Subproject, v.subprojectNames()); best != "" {
				hint = "是不是“" + best + "”？"
			}
			v.errorf(o.At.Key("subproject"), "“其他需说明的问题”所写的子项目“%s”不存在。%s子项目名称须与“subproject-*.toml”中的“name”一致：%s。", o.Subproject, hint, strings.Join(v.subprojectNames(), "、"))
		}
		if prev, dup := seen[o.Subproject]; dup {
			v.errorf(o.At.Key("subproject"), "“其他需说明的问题”中子项目“%s”写了两次（另见 %s）。请把两段说明合并到一节。", o.Subproject, prev)
		}
		seen[o.Subproject] = o.At.Key("subproject")
	}
}

func (v *validator) subprojectNames() []string {
	var out []string
	for _, sp := range v.y.Subprojects {
		out = append(out, sp.Name)
	}
	return out
}

func sortedKeys(m map[string]tomlx.Scalar) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (v *validator) targets() {
	for i, t := range v.y.Targets.Indicators {
		name := fmt.Sprintf("绩效目标表第%d项“%s”", i+1, t.Name)
		badFrom := false
		for _, from := range []struct{ key, val string }{{"value_from", t.ValueFrom}, {"actual_from", t.ActualFrom}} {
			if from.val != "" && from.val != FromBudget && from.val != FromSpending {
				v.errorf(t.At.Key(from.key), "%s的“%s”写的是“%s”，只能是“%s”（预算总额）或“%s”（实际支出）。", name, from.key, from.val, FromBudget, FromSpending)
				badFrom = true
			}
		}
		if badFrom {
			continue
		}
		if t.ValueFrom != "" && t.At.Has("value") {
			v.errorf(t.At.Key("value"), "%s同时写了“value”和“value_from”，只能写一个。", name)
		}
		if t.ActualFrom != "" && t.At.Has("actual") {
			v.errorf(t.At.Key("actual"), "%s同时写了“actual”和“actual_from”，只能写一个。", name)
		}
		if !t.At.Has("value") && t.ValueFrom == "" {
			v.errorf(t.At.Pos(), "%s缺少年度指标值“value”（或“value_from”）。", name)
			continue
		}
		switch {
		case t.Comparator != "" && !slices.Contains(Comparators, t.Comparator):
			v.errorf(t.At.Key("comparator"), "%s的比较方式“%s”无法识别。可用：%s；定性指标和完成时限不写。", name, t.Comparator, strings.Join(Comparators, " "))
		case t.Comparator != "" && !t.Value.IsNum:
			v.errorf(t.At.Key("value"), "%s写了比较方式“%s”，年度指标值应为数字（不加引号），这里是“%s”。", name, t.Comparator, t.Value.Text)
		case t.Comparator == "" && t.Value.IsNum:
			v.errorf(t.At.Key("comparator"), "%s的年度指标值是数字，须写比较方式“comparator”（≥、≤、= 等）。", name)
		}
		if t.Actual == nil {
			v.warnf(t.At.Pos(), "%s没有填写实际完成值“actual”，完成情况将显示为“未填写”。", name)
			continue
		}
		a := *t.Actual
		switch {
		case t.Value.IsNum && !a.IsNum:
			v.errorf(t.At.Key("actual"), "%s的年度指标值是数字，实际完成值也应为数字（不加引号），这里是“%s”。", name, a.Text)
		case t.Value.IsDate && !a.IsDate:
			v.errorf(t.At.Key("actual"), "%s的年度指标值是完成时限（日期），实际完成值也应为日期（如 2019-12-31，不加引号）。", name)
		case !t.Value.IsNum && !t.Value.IsDate && (a.IsNum || a.IsDate):
			v.errorf(t.At.Key("actual"), "%s是定性指标（“%s”），实际完成值也应为文字（加引号）。", name, t.Value.Text)
		}
	}
}
