package report

import (
	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/docx"
)

// Chart titles, the same in the report and the workbooks.
const (
	FundingChartTitle     = "各子项目预算、实际到位与实际支出（万元）"
	ScoresChartTitle      = "各子项目得分与权重"
	AmountsChartTitle     = "各设区市分配金额"
	CompositionChartTitle = "各设区市分配份额的因素构成"
)

// Series names of the charts.
const (
	SeriesBudget   = "预算"
	SeriesArrived  = "实际到位"
	SeriesSpending = "实际支出"
	SeriesScore    = "子项目得分（分）"
	SeriesWeight   = "权重（%）"
)

// FundCharts are the charts of the evaluation report: the sub-projects'
// money and their scores. Every value is a figure of package calc as the
// figures file holds it.
type FundCharts struct {
	// Funding: each sub-project's budget, arrived and spent money (万元).
	Funding *docx.Chart
	// Scores: each sub-project's own score and its weight in percent
	// (both between 0 and 100, so they share an axis).
	Scores *docx.Chart
}

// fundCharts draws the report's charts for a computed year.
func fundCharts(r *calc.Result) FundCharts {
	n := len(r.Subprojects)
	names := make([]string, n)
	budget, arrived, spending := make([]decimal.Decimal, n), make([]decimal.Decimal, n), make([]decimal.Decimal, n)
	score, weight := make([]decimal.Decimal, n), make([]decimal.Decimal, n)
	for i := range r.Subprojects {
		s := &r.Subprojects[i]
		names[i] = s.Sub.Name
		budget[i], arrived[i], spending[i] = s.Budget, s.Arrived, s.Spending
		score[i], weight[i] = s.Total, s.WeightPercent
	}
	// A bar per series and sub-project, with room for the labels.
	height := min(4+float64(n)*1.6, 20)
	return FundCharts{
		Funding: &docx.Chart{
			Title: FundingChartTitle, Categories: names, Horizontal: true, Labels: true,
			Series: []docx.ChartSeries{
				{Name: SeriesBudget, Values: budget}, {Name: SeriesArrived, Values: arrived}, {Name: SeriesSpending, Values: spending},
			},
			ValueTitle: "万元", Width: 15.5, Height: height,
		},
		Scores: &docx.Chart{
			Title: ScoresChartTitle, Categories: names, Horizontal: true, Labels: true,
			Series: []docx.ChartSeries{{Name: SeriesScore, Values: score}, {Name: SeriesWeight, Values: weight}},
			Width:  15.5, Height: min(4+float64(n)*1.2, 20),
		},
	}
}

// AllocationCharts are the charts of the allocation table.
type AllocationCharts struct {
	// Amounts: each city's allocated amount.
	Amounts *docx.Chart
	// Composition: each city's share of the total, stacked by factor
	// (a factor's 按权重: its 占比 × its weight).
	Composition *docx.Chart
}

// ShareChartPlaces is the precision of the shares the composition chart
// plots, that of the figures file (figures.AllocationPlaces).
const ShareChartPlaces = 6

func allocationCharts(r *alloc.Result) AllocationCharts {
	n := len(r.Cities)
	names := make([]string, n)
	amounts := make([]decimal.Decimal, n)
	byFactor := make([][]decimal.Decimal, len(r.Factors))
	for f := range r.Factors {
		byFactor[f] = make([]decimal.Decimal, n)
	}
	for i, c := range r.Cities {
		names[i] = c.Name
		amounts[i] = c.Amount
		for f, cf := range c.Factors {
			byFactor[f][i] = cf.Weighted.Dec(ShareChartPlaces)
		}
	}
	var parts []docx.ChartSeries
	for f, fac := range r.Factors {
		parts = append(parts, docx.ChartSeries{Name: fac.Name, Values: byFactor[f]})
	}
	height := min(4+float64(n)*0.75, 17)
	return AllocationCharts{
		Amounts: &docx.Chart{
			Title: AmountsChartTitle + "（" + r.Unit + "）", Categories: names, Horizontal: true, Labels: true,
			Series:     []docx.ChartSeries{{Name: "分配金额", Values: amounts}},
			ValueTitle: r.Unit, NumberFormat: numberFormat(moneyPlaces(r.Quantum)), Width: 22, Height: height,
		},
		Composition: &docx.Chart{
			Title: CompositionChartTitle, Categories: names, Horizontal: true, Stacked: true,
			Series: parts, NumberFormat: "0.00%", AxisFormat: "0%", Width: 22, Height: height,
		},
	}
}

// numberFormat is an Excel number format with the given decimals.
func numberFormat(places int32) string {
	if places <= 0 {
		return "0"
	}
	f := "0."
	for range places {
		f += "0"
	}
	return f
}
