package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
)

// The 图表 sheet of each workbook: a small table whose cells are links to
// the figures (formulas, with the figures cached), and native Excel charts
// bound to those cells, so that a corrected figure redraws its chart. The
// charts are those of the Word documents, with the same titles and series.

// chartSheetName is the name of the charts' sheet in both workbooks.
const chartSheetName = "图表"

// Chart titles and series names, as the Word documents have them
// (internal/report/charts.go).
const (
	fundingChartTitle     = "各子项目预算、实际到位与实际支出（万元）"
	scoresChartTitle      = "各子项目得分与权重"
	amountsChartTitle     = "各设区市分配金额"
	compositionChartTitle = "各设区市分配份额的因素构成"
)

// chartPalette colours the series as the Word charts do.
var chartPalette = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"}

// chartSpec is a chart anchored at the first cell of a row of its sheet,
// drawn over rows empty rows of the default height.
type chartSpec struct {
	row, rows int
	chart     *excelize.Chart
}

// chartRowPt is the height of the empty rows a chart is drawn over (the
// sheet's default row height).
const chartRowPt = 15

// Rows of a chart sheet.
const (
	chTitleRow  = 1
	chHeaderRow = 2
	chFirstRow  = 3
)

// barChart is a horizontal bar chart of the columns cols of rows first..last
// of the chart sheet, their names in the header row, categories in column
// 1: clustered, or stacked. Its size is in pixels.
func barChart(title string, first, last int, cols []int, stacked, labels bool, format string, width, height uint) *excelize.Chart {
	typ := excelize.Bar
	if stacked {
		typ = excelize.BarStacked
	}
	no := false
	axisFont := excelize.Font{Family: fontBody, Size: 9, Color: "000000"}
	c := &excelize.Chart{
		Type:       typ,
		VaryColors: &no,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
			Text: title, Font: &excelize.Font{Family: fontHeader, Size: 12, Bold: true, Color: "000000"},
		}}},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: fontBody, Size: 9, Color: "000000"}},
		Dimension: excelize.ChartDimension{Width: width, Height: height},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
		// The first category at the top, as in the table.
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:    excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: format}},
		PlotArea: excelize.ChartPlotArea{ShowVal: labels, NumFmt: excelize.ChartNumFmt{CustomNumFmt: format}},
	}
	if stacked {
		gap, overlap := uint(60), 100
		c.GapWidth, c.Overlap = &gap, &overlap
	}
	for k, col := range cols {
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       absCell(chartSheetName, col, chHeaderRow),
			Categories: absArea(chartSheetName, 1, first, 1, last),
			Values:     absArea(chartSheetName, col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{chartPalette[k%len(chartPalette)]}},
		})
	}
	return c
}

// absCell is 'Sheet'!$B$2.
func absCell(sheet string, col, row int) string {
	return fmt.Sprintf("%s!$%s$%d", quoteSheet(sheet), colName(col), row)
}

// absArea is 'Sheet'!$B$3:$B$7.
func absArea(sheet string, c1, r1, c2, r2 int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheet), colName(c1), r1, colName(c2), r2)
}

// chartHeight is the height in pixels of a chart of n categories of k bars.
func chartHeight(n, k int) uint {
	return uint(min(120+n*max(k, 2)*11, 900))
}

// chartWidth is the width in pixels of a chart as wide as the sheet's
// columns (a column-width unit is 7 pixels).
func chartWidth(s *sheet) uint { return uint(s.sumWidths(1, s.lastCol())*7) - 8 }

// placeCharts anchors the charts one below the other after row, each over
// empty rows of chartRowPt points, and returns the row after the last.
func placeCharts(s *sheet, row int, charts ...*excelize.Chart) int {
	for _, c := range charts {
		rows := int(float64(c.Dimension.Height)*0.75/chartRowPt) + 3
		s.charts = append(s.charts, chartSpec{row: row, rows: rows, chart: c})
		// The rows get their height written out: an application's own
		// default height differs, and the chart is anchored to them.
		for r := row; r < row+rows; r++ {
			s.cell(1, r, excelize.Cell{})
			s.height(r, chartRowPt)
		}
		row += rows
	}
	return row
}

// chartBreaks starts a new printed page before a chart that would not fit
// on the rest of the current one, so that no chart is cut in two.
func (s *sheet) chartBreaks() {
	capacity := s.pageCapacity()
	used, r := 0.0, 1
	for _, c := range s.charts {
		for ; r < c.row; r++ {
			used += s.rowHeight(r)
		}
		h := float64(c.rows) * chartRowPt
		if used+h > capacity && c.row > 1 {
			s.page.breaksAfter = append(s.page.breaksAfter, c.row-1)
			used = 0
		}
		used += h
		r = c.row + c.rows
	}
}

// fundChartSheet is the scoring workbook's 图表: for each sub-project its
// budget, arrived and spent money, its score and its weight, linked to the
// summary sheet; and the two charts of the report.
func fundChartSheet(r *calc.Result, st *styles) *sheet {
	sh := newSheet(chartSheetName, 26, 13, 14, 14, 12, 11)
	last := sh.lastCol()
	f := r.Year.Fund
	sh.mergePut(1, chTitleRow, last, chTitleRow, fmt.Sprintf("%d年度%s绩效评价图表", f.Year, f.Name), st.title())
	heads := []string{"子项目", "预算（万元）", "实际到位（万元）", "实际支出（万元）", "子项目得分", "权重（%）"}
	for c, h := range heads {
		sh.put(c+1, chHeaderRow, h, st.header())
	}
	n := len(r.Subprojects)
	for i := range r.Subprojects {
		s := &r.Subprojects[i]
		row, src := chFirstRow+i, sumFirstSub+i
		amt := st.number(fixedFormat(places(2, s.Budget, s.Arrived, s.Spending)))
		sh.formula(1, row, ref(summarySheetName, sumName, src), s.Sub.Name, st.text(left))
		sh.formula(2, row, ref(summarySheetName, sumBudget, src), num(s.Budget), amt)
		sh.formula(3, row, ref(summarySheetName, sumArrived, src), num(s.Arrived), amt)
		sh.formula(4, row, ref(summarySheetName, sumSpending, src), num(s.Spending), amt)
		sh.formula(5, row, ref(summarySheetName, sumScore, src), num(s.Total), st.number(fmtScore))
		sh.formula(6, row, ref(summarySheetName, sumWeight, src), num(s.WeightPercent), st.number(fmtScore))
	}
	lastRow := chFirstRow + n - 1
	w := chartWidth(sh)
	placeCharts(sh, lastRow+2,
		barChart(fundingChartTitle, chFirstRow, lastRow, []int{2, 3, 4}, false, true, "General", w, chartHeight(n, 3)),
		barChart(scoresChartTitle, chFirstRow, lastRow, []int{5, 6}, false, true, "General", w, chartHeight(n, 2)))
	return sh
}

// allocationChartSheet is the allocation workbook's 图表: each city's
// amount and its share by factor (按权重), linked to 分配结果; and the two
// charts of the allocation table.
func (a *allocLayout) allocationChartSheet(title string, r *alloc.Result, st *styles) *sheet {
	nf := len(r.Factors)
	widths := []float64{12, 14}
	for range nf {
		widths = append(widths, 12)
	}
	sh := newSheet(chartSheetName, widths...)
	last := sh.lastCol()
	sh.mergePut(1, chTitleRow, last, chTitleRow, title, st.title())
	sh.put(1, chHeaderRow, "设区市", st.header())
	sh.put(2, chHeaderRow, "分配金额（"+r.Unit+"）", st.header())
	for k, f := range r.Factors {
		sh.put(3+k, chHeaderRow, f.Name, st.header())
	}
	amountCol := 3 + nf + 6 // 分配结果's 分配金额 (resultSheet)
	for i, c := range r.Cities {
		row, src := chFirstRow+i, alFirstCity+i
		sh.formula(1, row, ref(resultSheetName, 2, src), c.Name, st.text(center))
		sh.formula(2, row, ref(resultSheetName, amountCol, src), num(c.Amount), st.number(a.amountFmt))
		for k := range r.Factors {
			sh.formula(3+k, row, ref(resultSheetName, 3+k, src), ratNum(c.Factors[k].Weighted.Rat()), st.number(fmtShare))
		}
	}
	lastRow := chFirstRow + len(r.Cities) - 1
	factorCols := make([]int, nf)
	for k := range factorCols {
		factorCols[k] = 3 + k
	}
	w := max(chartWidth(sh), 560)
	n := len(r.Cities)
	placeCharts(sh, lastRow+2,
		barChart(amountsChartTitle+"（"+r.Unit+"）", chFirstRow, lastRow, []int{2}, false, true, fixedFormat(a.amountPlaces), w, chartHeight(n, 1)),
		barChart(compositionChartTitle, chFirstRow, lastRow, factorCols, true, false, "0%", w, chartHeight(n, 1)))
	return sh
}
