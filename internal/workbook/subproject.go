package workbook

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// Columns of a sub-project's 评分表, the official layout.
const (
	scGroup = iota + 1 // 一级指标
	scGroupPoints
	scCategory // 二级指标
	scCategoryPoints
	scName // 三级指标
	scPoints
	scStandard // 评分标准
	scScore    // 得分
	scBasis    // 评分依据/扣分原因
)

// Rows of a sub-project's sheet.
const (
	subTitleRow  = 1
	subInfoRow   = 2 // 预算, 实际支出, 预算执行率, 权重
	subHeaderRow = 3
	subFirstRow  = 4
)

// Cells of the info row that formulas refer to.
const (
	infoBudget   = scGroupPoints
	infoSpending = scCategoryPoints
	infoRate     = scPoints
	infoWeight   = scScore
)

// subLayout is where a sub-project's sheet put its scores, for the summary's
// formulas.
type subLayout struct {
	// catRows[ci] is the first and last row of category ci (in calc order).
	catRows  [][2]int
	totalRow int
}

// subSheet builds the 评分表 of sub-project i. Its budget and spending are
// links to the summary's row sumRow, so that each figure is typed in once.
func subSheet(r *calc.Result, i int, st *styles, name string, sumRow int) (*sheet, subLayout) {
	s := &r.Subprojects[i]
	sh := newSheet(name, 9, 8, 10, 8, 18, 8, 30, 9, 50)
	sh.page = pageSetup{titleRows: [2]int{subHeaderRow, subHeaderRow}, freezeRows: subHeaderRow,
		labelCols: []int{scGroup, scGroupPoints, scCategory, scCategoryPoints}, totalRows: map[int]bool{}}
	last := sh.lastCol()
	lay := subLayout{catRows: make([][2]int, len(s.Categories))}

	title := fmt.Sprintf("子项目%d：%s绩效评价评分表", s.Sub.No, s.Sub.Name)
	sh.mergePut(1, subTitleRow, last, subTitleRow, title, st.title())
	sh.height(subTitleRow, 36)

	// The info row: the figures the execution-rate score is computed from.
	amt := fixedFormat(places(2, s.Budget, s.Spending))
	sh.put(scGroup, subInfoRow, "预算", st.label(center))
	sh.formula(infoBudget, subInfoRow, ref(summarySheetName, sumBudget, sumRow), num(s.Budget), st.number(amt))
	sh.put(scCategory, subInfoRow, "实际支出", st.label(center))
	sh.formula(infoSpending, subInfoRow, ref(summarySheetName, sumSpending, sumRow), num(s.Spending), st.number(amt))
	sh.put(scName, subInfoRow, "预算执行率", st.label(center))
	sh.formula(infoRate, subInfoRow, fmt.Sprintf("ROUND(%s/%s*100,2)", cellName(infoSpending, subInfoRow), cellName(infoBudget, subInfoRow)),
		num(s.ExecutionRate), st.number(fmtPercent))
	sh.put(scStandard, subInfoRow, "权重（子项目预算/专项资金预算）", st.label(center))
	sh.formula(infoWeight, subInfoRow, ref(summarySheetName, sumWeight, sumRow), num(s.WeightPercent), st.number(fmtPercent))
	sh.put(scBasis, subInfoRow, "金额单位：万元", st.text(right))

	headers := []string{"一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "得分", "评分依据/扣分原因"}
	for c, h := range headers {
		sh.put(c+1, subHeaderRow, h, st.header())
	}

	row := subFirstRow
	var groupPoints, catPoints, rowPoints decimal.Decimal
	for _, g := range groupedCategories(r) {
		gFirst := row
		for _, ci := range g.cats {
			c := &s.Categories[ci]
			cFirst := row
			for _, line := range indicatorLines(r, s, c) {
				sh.put(scName, row, line.name, st.text(center))
				sh.put(scPoints, row, num(line.points), st.numberCentered(fmtGeneral))
				sh.put(scStandard, row, line.standard, st.text(left))
				if line.formula != "" {
					sh.formula(scScore, row, line.formula, num(line.score), st.numberCentered(fmtScore))
				} else {
					sh.put(scScore, row, num(line.score), st.numberCentered(fmtScore))
				}
				sh.put(scBasis, row, line.basis, st.text(left))
				rowPoints = rowPoints.Add(line.points)
				row++
			}
			lay.catRows[ci] = [2]int{cFirst, row - 1}
			sh.put(scCategory, cFirst, c.Category.Name, st.text(center))
			sh.merge(scCategory, cFirst, scCategory, row-1, st.text(center))
			sh.put(scCategoryPoints, cFirst, num(c.Points), st.numberCentered(fmtGeneral))
			sh.merge(scCategoryPoints, cFirst, scCategoryPoints, row-1, st.numberCentered(fmtGeneral))
			catPoints = catPoints.Add(c.Points)
		}
		sh.put(scGroup, gFirst, g.group.Name, st.text(center))
		sh.merge(scGroup, gFirst, scGroup, row-1, st.text(center))
		sh.put(scGroupPoints, gFirst, num(g.group.Points), st.numberCentered(fmtGeneral))
		sh.merge(scGroupPoints, gFirst, scGroupPoints, row-1, st.numberCentered(fmtGeneral))
		groupPoints = groupPoints.Add(g.group.Points)
	}

	lay.totalRow = row
	sh.page.totalRows[row] = true
	sum := func(col int) string { return fmt.Sprintf("SUM(%s)", rangeRef(col, subFirstRow, col, row-1)) }
	sh.put(scGroup, row, "合计", st.label(center))
	sh.formula(scGroupPoints, row, sum(scGroupPoints), num(groupPoints), st.totalCentered(fmtGeneral))
	sh.put(scCategory, row, "", st.label(center))
	sh.formula(scCategoryPoints, row, sum(scCategoryPoints), num(catPoints), st.totalCentered(fmtGeneral))
	sh.put(scName, row, "", st.label(center))
	sh.formula(scPoints, row, sum(scPoints), num(rowPoints), st.totalCentered(fmtGeneral))
	sh.put(scStandard, row, "", st.label(center))
	sh.formula(scScore, row, sum(scScore), num(s.Total), st.totalCentered(fmtScore))
	sh.put(scBasis, row, fmt.Sprintf("各项指标得分之和；按权重计入“%s”表", summarySheetName), st.text(left))
	return sh, lay
}

// line is one row of a 评分表.
type line struct {
	name, standard, basis string
	points, score         decimal.Decimal
	formula               string // the score's formula, or "" for a constant
}

// indicatorLines gives the rows of one category of a sub-project: one per
// indicator (the parts of an indicator share its row, their texts one per
// line, so that the indicator's name and standard are not repeated), or one
// row saying why there is none.
func indicatorLines(r *calc.Result, s *calc.Sub, c *calc.SubCategory) []line {
	cat := c.Category
	switch {
	case cat.NotSet != "":
		return []line{{name: "未设置", standard: "—", basis: cat.NotSet, points: decimal.Zero, score: decimal.Zero}}
	case len(c.Indicators) == 0:
		return []line{{name: "（未填写该类指标）", standard: "—", points: c.Points, score: decimal.Zero,
			basis: fmt.Sprintf("本子项目未填写“%s”类指标，该类按0分计。", cat.Name)}}
	}
	var out []line
	for _, is := range c.Indicators {
		ln := line{name: is.Indicator.Name, standard: is.Indicator.Standard, points: is.Points, score: is.Score}
		if c.Auto && len(is.Items) == 1 && is.Items[0].Rule != nil && is.Items[0].Rule.Kind == fund.KindRatio {
			ln.formula = executionFormula(s, is.Points, r.Year.Scoring.ScoreFrom)
			if ln.standard == "" {
				n := is.Items[0].Rule.Name
				ln.standard = fmt.Sprintf("%s=实际支出/预算×100%%，得分=%s×%s分", n, n, is.Points)
			}
		}
		var parts []string
		for k, it := range is.Items {
			b := itemBasis(c, it, r.Year.Scoring.ScoreFrom)
			if len(is.Items) > 1 {
				b = fmt.Sprintf("（%d）%s", k+1, b)
			}
			parts = append(parts, b)
		}
		ln.basis = strings.Join(parts, "\n")
		out = append(out, ln)
	}
	return out
}

// executionFormula scores the sub-project's execution rate from the info
// row as calc.RatioScore does: the rate cell (already rounded) × points, or
// under score_from = "exact" spending/budget × points rounded once; capped
// at the points when spending exceeds the budget.
func executionFormula(s *calc.Sub, points decimal.Decimal, from string) string {
	f := ratioFormula(cellName(infoSpending, subInfoRow), cellName(infoBudget, subInfoRow), cellName(infoRate, subInfoRow), points, from)
	if s.Spending.GreaterThan(s.Budget) {
		f = fmt.Sprintf("MIN(%s,%s)", points, f)
	}
	return f
}

// itemBasis is the 评分依据 of one scored item: its text, how a rule
// computed the score (from the printed rate, or under score_from = "exact"
// from the fraction), the score, and the deduction reason when points were
// lost.
func itemBasis(c *calc.SubCategory, it calc.ItemScore, from string) string {
	text := strings.TrimRight(strings.TrimSpace(it.Text), "。；;，,")
	var calcText string
	switch {
	case it.Rule == nil:
		calcText = fmt.Sprintf("得%s分", it.Score)
	case it.Rule.Kind == fund.KindRatio:
		pct := it.Rate.StringFixed(2) + "%"
		what := it.Rule.Name + "=实际/计划"
		if c.Auto {
			what = it.Rule.Name + "=实际支出/预算"
		}
		switch {
		case it.Actual.GreaterThanOrEqual(it.Plan) && c.Auto:
			calcText = fmt.Sprintf("%s=%s/%s=%s，得满分%s分", what, it.Actual, it.Plan, pct, it.Points)
		case it.Actual.GreaterThanOrEqual(it.Plan):
			calcText = fmt.Sprintf("%s=%s/%s=%s，达到计划，得满分%s分", what, it.Actual, it.Plan, pct, it.Points)
		case from == fund.ScoreFromExact:
			calcText = fmt.Sprintf("%s=%s/%s=%s，得分=%s/%s×%s=%s分", what, it.Actual, it.Plan, pct, it.Actual, it.Plan, it.Points, it.Score)
		default:
			calcText = fmt.Sprintf("%s=%s/%s=%s，得分=%s×%s=%s分", what, it.Actual, it.Plan, pct, pct, it.Points, it.Score)
		}
	case it.Rule.Kind == fund.KindVariance:
		hi, lo := it.Plan, it.Actual
		if lo.GreaterThan(hi) {
			hi, lo = lo, hi
		}
		if text == "" && it.Item.Plan == nil && it.Item.Actual == nil {
			text = fmt.Sprintf("计划安排费用（预算）%s万元，实际支出%s万元", it.Plan, it.Actual)
		}
		calcText = fmt.Sprintf("变动程度=(%s-%s)/%s=%s%%%s，得%s分", hi, lo, it.Plan, it.Variance.StringFixed(2), bandText(it.Rule.Bands, it.Band), it.Score)
	default:
		calcText = fmt.Sprintf("得%s分", it.Score)
	}
	out := calcText
	if text != "" {
		sep := "，"
		if it.Rule != nil {
			sep = "；"
		}
		out = text + sep + calcText
	}
	if it.Score.LessThan(it.Points) && it.Item.Deduction != "" {
		out += "。扣分原因：" + strings.TrimRight(it.Item.Deduction, "。") + "。"
	} else {
		out += "。"
	}
	return out
}

// bandText is the comparison that placed a variance in band b, as the
// report writes it: "≤10%" for the first band, "＞10%" for the others.
func bandText(bands []fund.Band, b int) string {
	switch {
	case b < 0 || b >= len(bands):
		return ""
	case b == 0 && bands[0].Max != nil:
		return "≤" + bands[0].Max.String() + "%"
	case b > 0 && bands[b-1].Max != nil:
		return "＞" + bands[b-1].Max.String() + "%"
	}
	return ""
}

// ratioFormula scores a rate as calc.RatioScore does: from the rate cell,
// which holds the rounded percentage the sheet prints, or under
// score_from = "exact" from the fraction, rounded once.
func ratioFormula(actual, plan, rate string, points decimal.Decimal, from string) string {
	if from == fund.ScoreFromExact {
		return fmt.Sprintf("ROUND(%s/%s*%s,2)", actual, plan, points)
	}
	return fmt.Sprintf("ROUND(%s*%s/100,2)", rate, points)
}

// categoryGroup is a first-level indicator with its categories.
type categoryGroup struct {
	group *fund.Group
	cats  []int // indexes into calc.Result.Categories
}

// groupedCategories lists the categories under their first-level indicators,
// in the order of the groups and, within a group, of the categories: merged
// 一级指标 cells need a group's categories next to each other. A category
// whose group is unknown (never so in validated data) forms a group of its
// own at the end.
func groupedCategories(r *calc.Result) []categoryGroup {
	var out []categoryGroup
	placed := make([]bool, len(r.Categories))
	for gi := range r.Year.Scoring.Groups {
		cg := categoryGroup{group: &r.Year.Scoring.Groups[gi]}
		for ci, ct := range r.Categories {
			if ct.Group == cg.group {
				cg.cats = append(cg.cats, ci)
				placed[ci] = true
			}
		}
		if len(cg.cats) > 0 {
			out = append(out, cg)
		}
	}
	for ci, ct := range r.Categories {
		if !placed[ci] {
			g := ct.Group
			if g == nil {
				g = &fund.Group{Name: ct.Category.Group}
			}
			out = append(out, categoryGroup{group: g, cats: []int{ci}})
		}
	}
	return out
}

// maxSheetName is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetName = 31

// sheetNameReplacer swaps the characters Excel forbids in sheet names for
// their full-width forms, which read the same in Chinese text.
var sheetNameReplacer = strings.NewReplacer(
	":", "：", "/", "／", "\\", "＼", "?", "？", "*", "＊", "[", "［", "]", "］", "'", "’",
	"\n", " ", "\r", " ", "\t", " ",
)

// subSheetNames names each sub-project's sheet "<序号> <名称>", shortened
// to Excel's 31 characters and made unique (names are compared ignoring
// case, as Excel does) against each other and the other sheets.
func subSheetNames(r *calc.Result) []string {
	subs, _ := sheetNames(r)
	return subs
}

// sheetNames names the sub-projects' sheets (see subSheetNames) and their
// detail tables' sheets, "明细<序号> <名称>" ("" for a sub-project without a
// detail table, or with one of no columns), all unique.
func sheetNames(r *calc.Result) (subs, details []string) {
	taken := map[string]bool{
		strings.ToLower(summarySheetName):  true,
		strings.ToLower(targetSheetName):   true,
		strings.ToLower(selfEvalSheetName): true,
		strings.ToLower(chartSheetName):    true,
		"history":                          true, // reserved by Excel
	}
	unique := func(base string) string {
		name := truncateUTF16(base, maxSheetName)
		for k := 2; taken[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf("（%d）", k)
			name = truncateUTF16(base, maxSheetName-utf16Len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		return name
	}
	clean := func(s *calc.Sub) string { return strings.TrimSpace(sheetNameReplacer.Replace(s.Sub.Name)) }
	subs = make([]string, len(r.Subprojects))
	for i := range r.Subprojects {
		s := &r.Subprojects[i]
		subs[i] = unique(fmt.Sprintf("%d %s", s.Sub.No, clean(s)))
	}
	details = make([]string, len(r.Subprojects))
	for i := range r.Subprojects {
		if s := &r.Subprojects[i]; s.Sub.Detail != nil && len(s.Sub.Detail.Columns) > 0 {
			details[i] = unique(fmt.Sprintf("明细%d %s", s.Sub.No, clean(s)))
		}
	}
	return subs, details
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncateUTF16 cuts s to at most n UTF-16 units, at a character boundary,
// without leaving a trailing space.
func truncateUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		used += utf16.RuneLen(r)
		if used > n {
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}
