package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
)

// Sheet names of the allocation workbook.
const (
	inputSheetName  = "输入数据"
	workSheetName   = "计算过程"
	resultSheetName = "分配结果"
)

// Rows shared by the allocation sheets.
const (
	alTitleRow    = 1
	alSubtitleRow = 2
	alHeadRow1    = 3
	alHeadRow2    = 4
	alFirstCity   = 5
)

// remainderPlaces is the precision, in quanta, at which the workbook's
// formulas floor the exact amounts and compare the remainders: rounding
// there first keeps floating-point noise (7594.999999999999 quanta) from
// flooring a whole number of quanta down by one, and makes remainders that
// are equal in exact arithmetic equal in the workbook too.
const remainderPlaces = 6

// Allocation builds the factor-method allocation workbook (因素法分配表):
// 输入数据 (each city's indicator values and coefficients, the total and the
// factor weights), 计算过程 (one table per factor: indicator shares, their
// sum before the coefficients, the 因素得分 of 第八条 after them, 占比 and
// 按权重 — the terms of the report and the figures) and 分配结果 (shares,
// exact amounts and the largest-remainder rounding to whole quanta). title
// heads every sheet, e.g. "2020年度省级知识产权专项资金因素法分配表".
//
// Every derived figure is a formula with alloc's figure cached. The
// largest-remainder correction is a formula too: a city's rank among the
// remainders, RANK plus COUNTIF for ties in table order, decides whether it
// receives one of the leftover quanta.
func Allocation(title string, r *alloc.Result) (_ []byte, err error) {
	defer stopOnInexact(&err)
	if r == nil {
		return nil, errors.New("没有分配结果，无法生成分配表")
	}
	if len(r.Cities) == 0 || len(r.Factors) == 0 {
		return nil, errors.New("分配结果中没有设区市或分配因素，无法生成分配表")
	}
	for _, f := range r.Factors {
		if len(f.Indicators) == 0 {
			return nil, fmt.Errorf("分配因素“%s”没有指标，无法生成分配表", f.Name)
		}
	}
	st := newStyles()
	a := newAllocLayout(r)
	sheets := []*sheet{a.inputSheet(title, r, st), a.workSheet(title, r, st), a.resultSheet(title, r, st), a.allocationChartSheet(title, r, st)}
	if st.err != nil {
		return nil, st.err
	}
	return build(sheets, st, docProps{title: title, subject: "因素法分配"})
}

// allocLayout is where each sheet puts the figures the others refer to.
type allocLayout struct {
	nCities int
	// On 输入数据: the column of each factor's indicators, the coefficient
	// columns, and the rows of the parameters.
	indCol           [][]int
	perfCol, hardCol int
	// scoreCol and gradeCol hold the cities' evaluation results when the
	// 绩效调节系数 follow from them (0 otherwise); ruleRow describes the rule.
	scoreCol, gradeCol int
	ruleRow            int
	inTotalRow         int
	totalRow, quantRow int
	weightRow          []int
	// On 计算过程: the column and rows of each factor's weighted ratios.
	weightedCol []int
	blockFirst  []int
	// Amount format and the rounding places of the unit.
	amountFmt    string
	amountPlaces int
}

func newAllocLayout(r *alloc.Result) *allocLayout {
	a := &allocLayout{nCities: len(r.Cities)}
	col := 3
	for _, f := range r.Factors {
		var cols []int
		for range f.Indicators {
			cols = append(cols, col)
			col++
		}
		a.indCol = append(a.indCol, cols)
	}
	if r.Evaluation != nil {
		a.scoreCol, a.gradeCol = col, col+1
		col += 2
	}
	a.perfCol, a.hardCol = col, col+1
	a.inTotalRow = alFirstCity + a.nCities
	a.totalRow = a.inTotalRow + 3 // after a blank row and the parameters' header
	a.quantRow = a.totalRow + 1
	for i := range r.Factors {
		a.weightRow = append(a.weightRow, a.quantRow+1+i)
	}
	if r.Evaluation != nil {
		a.ruleRow = a.quantRow + len(r.Factors) + 2 // after the weights' sum
	}
	a.amountPlaces = places(0, r.Quantum)
	a.amountFmt = groupedFormat(a.amountPlaces)
	return a
}

func (a *allocLayout) lastCity() int { return alFirstCity + a.nCities - 1 }

// The parameters as absolute references from the other sheets.
func (a *allocLayout) totalRef() string {
	return quoteSheet(inputSheetName) + fmt.Sprintf("!$C$%d", a.totalRow)
}
func (a *allocLayout) quantumRef() string {
	return quoteSheet(inputSheetName) + fmt.Sprintf("!$C$%d", a.quantRow)
}
func (a *allocLayout) weightRef(f int) string {
	return quoteSheet(inputSheetName) + fmt.Sprintf("!$C$%d", a.weightRow[f])
}

// inputSheet is 输入数据: the figures typed in, nothing computed but sums.
func (a *allocLayout) inputSheet(title string, r *alloc.Result, st *styles) *sheet {
	widths := []float64{6, 12}
	for _, f := range r.Factors {
		for range f.Indicators {
			widths = append(widths, 15)
		}
	}
	if r.Evaluation != nil {
		widths = append(widths, 11, 9)
	}
	widths = append(widths, 13, 13)
	sh := newSheet(inputSheetName, widths...)
	sh.page = pageSetup{titleRows: [2]int{alHeadRow1, alHeadRow2}, freezeRows: alHeadRow2, freezeCols: 2}
	last := sh.lastCol()
	sh.mergePut(1, alTitleRow, last, alTitleRow, title, st.title())
	sh.height(alTitleRow, 36)
	sh.mergePut(1, alSubtitleRow, last, alSubtitleRow, "表一　输入数据", st.subtitle(center))

	sh.mergePut(1, alHeadRow1, 1, alHeadRow2, "序号", st.header())
	sh.mergePut(2, alHeadRow1, 2, alHeadRow2, "设区市", st.header())
	for fi, f := range r.Factors {
		cols := a.indCol[fi]
		sh.mergePut(cols[0], alHeadRow1, cols[len(cols)-1], alHeadRow1, fmt.Sprintf("%s（权重%s%%）", f.Name, f.Weight.Shift(2)), st.header())
		for m, ind := range f.Indicators {
			sh.put(cols[m], alHeadRow2, withUnit(ind.Name, ind.Unit), st.header())
		}
	}
	if r.Evaluation != nil {
		sh.mergePut(a.scoreCol, alHeadRow1, a.scoreCol, alHeadRow2, "绩效评价得分", st.header())
		sh.mergePut(a.gradeCol, alHeadRow1, a.gradeCol, alHeadRow2, "评价等级", st.header())
	}
	sh.mergePut(a.perfCol, alHeadRow1, a.perfCol, alHeadRow2, "绩效调节系数", st.header())
	sh.mergePut(a.hardCol, alHeadRow1, a.hardCol, alHeadRow2, "财政困难程度系数", st.header())

	// Each indicator column gets the decimals its values need.
	indFmt := make([][]string, len(r.Factors))
	for fi, f := range r.Factors {
		for m := range f.Indicators {
			var vals []decimal.Decimal
			for _, c := range r.Cities {
				vals = append(vals, c.Factors[fi].Indicators[m].Value)
			}
			indFmt[fi] = append(indFmt[fi], groupedFormat(places(0, vals...)))
		}
	}
	var perf, hard []decimal.Decimal
	for _, c := range r.Cities {
		perf, hard = append(perf, c.Performance), append(hard, c.Hardship)
	}
	coefFmt := fixedFormat(places(2, append(perf, hard...)...))

	for i, c := range r.Cities {
		row := alFirstCity + i
		sh.put(1, row, i+1, st.numberCentered(fmtInt))
		sh.put(2, row, c.Name, st.text(center))
		for fi := range r.Factors {
			for m, ci := range c.Factors[fi].Indicators {
				sh.put(a.indCol[fi][m], row, num(ci.Value), st.number(indFmt[fi][m]))
			}
		}
		if r.Evaluation != nil {
			a.evaluationCells(sh, st, r.Evaluation, c, row, coefFmt)
		} else {
			sh.put(a.perfCol, row, num(c.Performance), st.numberCentered(coefFmt))
		}
		sh.put(a.hardCol, row, num(c.Hardship), st.numberCentered(coefFmt))
	}
	tr := a.inTotalRow
	sh.mergePut(1, tr, 2, tr, "合计", st.label(center))
	for fi, f := range r.Factors {
		for m := range f.Indicators {
			c := a.indCol[fi][m]
			sh.formula(c, tr, fmt.Sprintf("SUM(%s)", rangeRef(c, alFirstCity, c, a.lastCity())),
				num(f.IndicatorSums[m]), st.total(indFmt[fi][m]))
		}
	}
	for _, c := range []int{a.scoreCol, a.gradeCol, a.perfCol, a.hardCol} {
		if c > 0 {
			sh.put(c, tr, "—", st.totalCentered(fmtGeneral))
		}
	}

	// The parameters: the total, the quantum, the weights.
	ph := a.totalRow - 1
	sh.mergePut(1, ph, 2, ph, "分配参数", st.header())
	sh.put(3, ph, "数值", st.header())
	sh.mergePut(4, ph, last, ph, "说明", st.header())
	param := func(row int, label string, v any, format, note string) {
		sh.mergePut(1, row, 2, row, label, st.label(center))
		sh.put(3, row, v, st.number(format))
		sh.mergePut(4, row, last, row, note, st.text(left))
	}
	param(a.totalRow, "分配总额", num(r.Total), a.amountFmt, fmt.Sprintf("因素法分配的专项资金总额（%s）", r.Unit))
	param(a.quantRow, "最小金额单位", num(r.Quantum), fixedFormat(a.amountPlaces),
		fmt.Sprintf("分配金额取整到该单位（%s），共 %s 个单位", r.Unit, r.Quanta))
	weightSum := decimal.Zero
	for fi, f := range r.Factors {
		var names []string
		for _, ind := range f.Indicators {
			names = append(names, ind.Name)
		}
		weightSum = weightSum.Add(f.Weight)
		param(a.weightRow[fi], f.Name+"权重", num(f.Weight), percentFormat(f.Weight), "指标："+strings.Join(names, "、"))
	}
	wr := a.weightRow[len(a.weightRow)-1] + 1
	sh.mergePut(1, wr, 2, wr, "权重合计", st.label(center))
	sh.formula(3, wr, fmt.Sprintf("SUM(%s)", rangeRef(3, a.weightRow[0], 3, wr-1)), num(weightSum), st.total(percentFormat(weightSum)))
	sh.mergePut(4, wr, last, wr, "各因素权重之和，应为100%", st.text(left))
	if e := r.Evaluation; e != nil {
		a.ruleRows(sh, st, r, last)
	}
	return sh
}

// workSheet is 计算过程: one table per factor, each on its own printed
// page, from the indicator values to the factor's weighted ratio.
func (a *allocLayout) workSheet(title string, r *alloc.Result, st *styles) *sheet {
	maxInd := 0
	for _, f := range r.Factors {
		maxInd = max(maxInd, len(f.Indicators))
	}
	widths := []float64{6, 12}
	for range 2*maxInd + 5 {
		widths = append(widths, 13)
	}
	sh := newSheet(workSheetName, widths...)
	sh.page = pageSetup{freezeCols: 2}
	last := sh.lastCol()
	sh.mergePut(1, alTitleRow, last, alTitleRow, title, st.title())
	sh.height(alTitleRow, 36)
	sh.mergePut(1, alSubtitleRow, last, alSubtitleRow, "表二　计算过程", st.subtitle(center))
	sh.mergePut(1, 3, last, 3, "说明：指标占比=该市指标值/各市合计；指标占比之和=该因素各指标占比之和（未乘系数）；综合系数=绩效调节系数×财政困难程度系数；"+
		"因素得分=指标占比之和×综合系数（第八条）；占比=因素得分/各市该因素得分合计；按权重=占比×因素权重。", st.note())

	row := 5
	a.weightedCol = make([]int, len(r.Factors))
	a.blockFirst = make([]int, len(r.Factors))
	for fi, f := range r.Factors {
		if fi > 0 {
			sh.page.breaksAfter = append(sh.page.breaksAfter, row-1)
		}
		head := row
		sh.mergePut(1, head, last, head, fmt.Sprintf("%s、%s（权重%s%%）", chineseOrdinal(fi+1), f.Name, f.Weight.Shift(2)), st.heading())
		hr := head + 1
		first := hr + 1
		lastRow := first + a.nCities - 1
		totalRow := lastRow + 1
		a.blockFirst[fi] = first

		col := 3
		sh.put(1, hr, "序号", st.header())
		sh.put(2, hr, "设区市", st.header())
		valCol := make([]int, len(f.Indicators))
		shareCol := make([]int, len(f.Indicators))
		for m, ind := range f.Indicators {
			valCol[m], shareCol[m] = col, col+1
			sh.put(col, hr, withUnit(ind.Name, ind.Unit), st.header())
			sh.put(col+1, hr, ind.Name+"占比", st.header())
			col += 2
		}
		rawCol, coefCol, adjCol, ratioCol, wCol := col, col+1, col+2, col+3, col+4
		a.weightedCol[fi] = wCol
		// The terms of 第八条, as the report and the figures use them: its
		// 因素得分 already includes the coefficients.
		for k, h := range []string{"指标占比之和", "综合系数", "因素得分", "占比", "按权重"} {
			sh.put(rawCol+k, hr, h, st.header())
		}

		valFmt := make([]string, len(f.Indicators))
		for m := range f.Indicators {
			var vals []decimal.Decimal
			for _, c := range r.Cities {
				vals = append(vals, c.Factors[fi].Indicators[m].Value)
			}
			valFmt[m] = groupedFormat(places(0, vals...))
		}
		for i, c := range r.Cities {
			row := first + i
			cf := c.Factors[fi]
			sh.put(1, row, i+1, st.numberCentered(fmtInt))
			sh.put(2, row, c.Name, st.text(center))
			var shares []string
			for m, ci := range cf.Indicators {
				sh.formula(valCol[m], row, ref(inputSheetName, a.indCol[fi][m], alFirstCity+i), num(ci.Value), st.number(valFmt[m]))
				sh.formula(shareCol[m], row, fmt.Sprintf("%s/SUM(%s)", cellName(valCol[m], row), absRange(valCol[m], first, lastRow)),
					ratNum(ci.Share.Rat()), st.number(fmtShare))
				shares = append(shares, cellName(shareCol[m], row))
			}
			sh.formula(rawCol, row, strings.Join(shares, "+"), ratNum(cf.Raw.Rat()), st.number(fmtExact))
			sh.formula(coefCol, row, ref(inputSheetName, a.perfCol, alFirstCity+i)+"*"+ref(inputSheetName, a.hardCol, alFirstCity+i),
				ratNum(c.Coefficient.Rat()), st.number(fmtExact))
			sh.formula(adjCol, row, cellName(rawCol, row)+"*"+cellName(coefCol, row), ratNum(cf.Adjusted.Rat()), st.number(fmtExact))
			sh.formula(ratioCol, row, fmt.Sprintf("%s/SUM(%s)", cellName(adjCol, row), absRange(adjCol, first, lastRow)),
				ratNum(cf.Ratio.Rat()), st.number(fmtShare))
			sh.formula(wCol, row, cellName(ratioCol, row)+"*"+a.weightRef(fi), ratNum(cf.Weighted.Rat()), st.number(fmtShare))
		}
		sum := func(c int) string { return fmt.Sprintf("SUM(%s)", rangeRef(c, first, c, lastRow)) }
		sh.mergePut(1, totalRow, 2, totalRow, "合计", st.label(center))
		for m := range f.Indicators {
			sh.formula(valCol[m], totalRow, sum(valCol[m]), num(f.IndicatorSums[m]), st.total(valFmt[m]))
			sh.formula(shareCol[m], totalRow, sum(shareCol[m]), 1.0, st.total(fmtShare))
		}
		sh.formula(rawCol, totalRow, sum(rawCol), ratNum(f.RawSum.Rat()), st.total(fmtExact))
		sh.put(coefCol, totalRow, "—", st.totalCentered(fmtGeneral))
		sh.formula(adjCol, totalRow, sum(adjCol), ratNum(f.AdjustedSum.Rat()), st.total(fmtExact))
		sh.formula(ratioCol, totalRow, sum(ratioCol), 1.0, st.total(fmtShare))
		sh.formula(wCol, totalRow, sum(wCol), ratNum(f.WeightedSum.Rat()), st.total(fmtShare))
		row = totalRow + 2
	}
	return sh
}

// resultSheet is 分配结果: each city's share, exact amount, and the
// largest-remainder rounding to whole quanta.
func (a *allocLayout) resultSheet(title string, r *alloc.Result, st *styles) *sheet {
	nf := len(r.Factors)
	widths := []float64{6, 12}
	for range nf {
		widths = append(widths, 12)
	}
	widths = append(widths, 12, 15, 15, 13, 9, 11, 15)
	sh := newSheet(resultSheetName, widths...)
	sh.page = pageSetup{titleRows: [2]int{alHeadRow1, alHeadRow2}, freezeRows: alHeadRow2, freezeCols: 2}
	last := sh.lastCol()
	shareCol := 3 + nf
	exactCol, floorCol, remCol, rankCol, corrCol, amountCol := shareCol+1, shareCol+2, shareCol+3, shareCol+4, shareCol+5, shareCol+6
	u := r.Unit

	sh.mergePut(1, alTitleRow, last, alTitleRow, title, st.title())
	sh.height(alTitleRow, 36)
	sh.mergePut(1, alSubtitleRow, last, alSubtitleRow, fmt.Sprintf("表三　分配结果（金额单位：%s）", u), st.subtitle(center))
	sh.mergePut(1, alHeadRow1, 1, alHeadRow2, "序号", st.header())
	sh.mergePut(2, alHeadRow1, 2, alHeadRow2, "设区市", st.header())
	sh.mergePut(3, alHeadRow1, 2+nf, alHeadRow1, "各因素按权重", st.header())
	for fi, f := range r.Factors {
		sh.put(3+fi, alHeadRow2, f.Name, st.header())
	}
	for k, h := range []string{"分配份额", "精确金额", "取整金额", "余数（最小金额单位）", "余数名次", "尾差调整", "分配金额"} {
		sh.mergePut(shareCol+k, alHeadRow1, shareCol+k, alHeadRow2, h, st.header())
	}

	tr := alFirstCity + a.nCities
	leftRow := tr + 2 // 尾差个数
	q := a.quantumRef()
	p := a.amountPlaces
	for i, c := range r.Cities {
		row := alFirstCity + i
		sh.put(1, row, i+1, st.numberCentered(fmtInt))
		sh.put(2, row, c.Name, st.text(center))
		for fi := range r.Factors {
			sh.formula(3+fi, row, ref(workSheetName, a.weightedCol[fi], a.blockFirst[fi]+i), ratNum(c.Factors[fi].Weighted.Rat()), st.number(fmtShare))
		}
		exact := cellName(exactCol, row)
		quanta := fmt.Sprintf("ROUND(%s/%s,%d)", exact, q, remainderPlaces)
		sh.formula(shareCol, row, fmt.Sprintf("SUM(%s)", rangeRef(3, row, 2+nf, row)), ratNum(c.Share.Rat()), st.number(fmtShare))
		sh.formula(exactCol, row, cellName(shareCol, row)+"*"+a.totalRef(), ratNum(c.Exact.Rat()), st.number(fmtExact))
		sh.formula(floorCol, row, fmt.Sprintf("ROUND(ROUNDDOWN(%s,0)*%s,%d)", quanta, q, p), num(c.Floor), st.number(a.amountFmt))
		sh.formula(remCol, row, fmt.Sprintf("ROUND(MOD(%s,1),%d)", quanta, remainderPlaces), num(c.Remainder.Dec(remainderPlaces)), st.number(fmtExact))
		rem := cellName(remCol, row)
		sh.formula(rankCol, row, fmt.Sprintf("RANK(%s,%s,0)+COUNTIF(%s:%s,%s)-1", rem, absRange(remCol, alFirstCity, a.lastCity()),
			"$"+colName(remCol)+"$"+fmt.Sprint(alFirstCity), rem, rem), c.Rank, st.numberCentered(fmtInt))
		sh.formula(corrCol, row, fmt.Sprintf("IF(%s<=%s,%s,0)", cellName(rankCol, row), "$C$"+fmt.Sprint(leftRow), q),
			num(c.Correction), st.number(a.amountFmt))
		sh.formula(amountCol, row, fmt.Sprintf("ROUND(%s+%s,%d)", cellName(floorCol, row), cellName(corrCol, row), p), num(c.Amount), st.number(a.amountFmt))
	}

	sum := func(c int) string { return fmt.Sprintf("SUM(%s)", rangeRef(c, alFirstCity, c, a.lastCity())) }
	sh.mergePut(1, tr, 2, tr, "合计", st.label(center))
	for fi, f := range r.Factors {
		sh.formula(3+fi, tr, sum(3+fi), ratNum(f.WeightedSum.Rat()), st.total(fmtShare))
	}
	sh.formula(shareCol, tr, sum(shareCol), ratNum(r.ShareSum.Rat()), st.total(fmtShare))
	sh.formula(exactCol, tr, sum(exactCol), ratNum(r.ExactSum.Rat()), st.total(fmtExact))
	sh.formula(floorCol, tr, fmt.Sprintf("ROUND(%s,%d)", sum(floorCol), p), num(r.FloorTotal), st.total(a.amountFmt))
	sh.formula(remCol, tr, fmt.Sprintf("ROUND(%s,%d)", sum(remCol), remainderPlaces), float64(r.Leftover), st.total(fmtExact))
	sh.put(rankCol, tr, "—", st.totalCentered(fmtGeneral))
	sh.formula(corrCol, tr, fmt.Sprintf("ROUND(%s,%d)", sum(corrCol), p), num(r.Quantum.Mul(decimal.NewFromInt(int64(r.Leftover)))), st.total(a.amountFmt))
	sh.formula(amountCol, tr, fmt.Sprintf("ROUND(%s,%d)", sum(amountCol), p), num(r.AmountSum), st.total(a.amountFmt))

	// The checks under the table.
	check := func(row int, label, formula string, cached any, format, note string) {
		sh.mergePut(1, row, 2, row, label, st.label(center))
		sh.formula(3, row, formula, cached, st.number(format))
		sh.mergePut(4, row, last, row, note, st.text(left))
	}
	check(tr+1, "分配总额", a.totalRef(), num(r.Total), a.amountFmt, "见“输入数据”表")
	check(leftRow, "尾差个数", fmt.Sprintf("ROUND((%s-%s)/%s,0)", a.totalRef(), cellName(floorCol, tr), q), r.Leftover, fmtInt,
		"（分配总额−取整金额合计）/最小金额单位：向下取整后剩余的最小金额单位个数")
	check(leftRow+1, "核对", fmt.Sprintf("ROUND(%s-%s,%d)", cellName(amountCol, tr), a.totalRef(), p), 0.0, a.amountFmt,
		"分配金额合计−分配总额，应为0")

	noteRow := leftRow + 3
	left := cellName(3, leftRow)
	largest := fmt.Sprintf("按最大余额法调整：先按精确金额向下取整到最小金额单位，剩余的 %d 个单位依次分给余数最大的设区市（余数相同时按表中顺序）", r.Leftover)
	notes := []struct {
		formula string
		text    string
	}{
		{"", "说明：1. 分配份额=各因素按权重之和（见“计算过程”表），各市合计为1；精确金额=分配份额×分配总额。"},
		{fmt.Sprintf(`"2. 按最大余额法调整：先按精确金额向下取整到最小金额单位，剩余的 "&%s&" 个单位依次分给余数最大的设区市（余数相同时按表中顺序）。"`, left),
			"2. " + largest + "。"},
		{"", fmt.Sprintf("3. 余数以最小金额单位（%s%s）计，保留%d位小数后比较；余数名次在前“尾差个数”位的设区市尾差调整为一个最小金额单位，其余为0；分配金额=取整金额+尾差调整，合计等于分配总额。",
			r.Quantum, u, remainderPlaces)},
	}
	for k, n := range notes {
		row := noteRow + k
		if n.formula != "" {
			sh.formula(1, row, n.formula, n.text, st.note())
			sh.merge(1, row, last, row, st.note())
		} else {
			sh.mergePut(1, row, last, row, n.text, st.note())
		}
	}
	return sh
}

// absRange is "$C$5:$C$16".
func absRange(col, row1, row2 int) string {
	c := "$" + colName(col) + "$"
	return fmt.Sprintf("%s%d:%s%d", c, row1, c, row2)
}

// withUnit is a header with its unit: "专利转让和许可次数（次）".
func withUnit(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + "（" + unit + "）"
}

// percentFormat shows a fraction as a percentage with the decimals it
// needs: 0.4 → "0%", 0.125 → "0.0%".
func percentFormat(w decimal.Decimal) string {
	return "0" + decimalsSuffix(places(0, w.Shift(2))) + "%"
}

// chineseOrdinal is 一, 二, … for the factor tables' headings.
func chineseOrdinal(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	case n < 100 && n%10 == 0:
		return digits[n/10] + "十"
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return fmt.Sprint(n)
}

// evaluationCells writes a city's evaluation result and its 绩效调节系数:
// a formula of the result by the rule, or the typed coefficient where the
// data keeps it by hand (performance_manual).
func (a *allocLayout) evaluationCells(sh *sheet, st *styles, e *alloc.Evaluation, c alloc.CityResult, row int, coefFmt string) {
	ev := c.Evaluation
	if ev == nil || !ev.Known {
		sh.put(a.scoreCol, row, "—", st.text(center))
		sh.put(a.gradeCol, row, "—", st.text(center))
	} else {
		sh.put(a.scoreCol, row, num(ev.Score), st.numberCentered(fixedFormat(places(0, ev.Score))))
		sh.put(a.gradeCol, row, ev.Grade, st.text(center))
	}
	if ev == nil || ev.Manual || !ev.Known {
		sh.put(a.perfCol, row, num(c.Performance), st.numberCentered(coefFmt))
		return
	}
	sh.formula(a.perfCol, row, coefficientFormula(e, cellName(a.scoreCol, row), cellName(a.gradeCol, row)), num(c.Performance), st.numberCentered(coefFmt))
}

// coefficientFormula is the rule as a formula of a city's score and grade.
func coefficientFormula(e *alloc.Evaluation, score, grade string) string {
	if e.Rule == alloc.RuleLinear && e.Linear != nil {
		l := e.Linear
		return fmt.Sprintf("MIN(%s,MAX(%s,%s+(%s-%s)*%s))", l.Max, l.Min, l.Base, score, l.BaseScore, l.PerPoint)
	}
	expr := "NA()" // a grade outside the table shows as an error, never as a number
	for i := len(e.Grades) - 1; i >= 0; i-- {
		g := e.Grades[i]
		if g.Coefficient != nil {
			expr = fmt.Sprintf("IF(%s=%s,%s,%s)", grade, quoteText(g.Name), g.Coefficient, expr)
		}
	}
	return expr
}

// ruleRows states the coefficient rule under the parameters, and names the
// cities whose coefficient is typed by hand.
func (a *allocLayout) ruleRows(sh *sheet, st *styles, r *alloc.Result, last int) {
	e := r.Evaluation
	label := "绩效调节系数"
	text := "按各设区市"
	if e.Year != 0 {
		text += fmt.Sprintf("%d年度", e.Year)
	}
	text += "专项资金绩效评价结果确定（第七条）：" + e.Describe() + "。"
	var manual []string
	for _, c := range r.Cities {
		if c.Evaluation != nil && c.Evaluation.Manual {
			manual = append(manual, c.Name)
		}
	}
	if len(manual) > 0 {
		text += strings.Join(manual, "、") + "的绩效调节系数为手工指定（不按评价结果计算）。"
	}
	sh.mergePut(1, a.ruleRow, 2, a.ruleRow, label, st.label(center))
	sh.mergePut(3, a.ruleRow, last, a.ruleRow, text, st.text(left))
}
