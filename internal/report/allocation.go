package report

import (
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/cnfmt"
	"ipfund/internal/docx"
)

// AllocationTemplateName is the template of the allocation table (分配表).
const AllocationTemplateName = "allocation.docx"

// AllocationFileName is the allocation table's file name in out/<year>/.
const AllocationFileName = "因素法分配表.docx"

// AllocationView is what the allocation template sees.
type AllocationView struct {
	Plan *alloc.Plan
	R    *alloc.Result
	Unit string
	// Total, Quantum: the money to allocate and its unit of payment.
	Total, Quantum string
	// Factors words the factors and weights: 专利运用因素40%、…
	Factors string
	Rows    []AllocationRow
	// Sum is the totals row.
	Sum AllocationRow
	// Corrected names the cities that received a leftover unit.
	Corrected string
	// Detail is the factor-by-factor working, a table with one column
	// group per factor.
	Detail *docx.Table
	// Charts are the allocation's native charts.
	Charts AllocationCharts
	// Evaluation shows how the 绩效调节系数 follow from the cities'
	// evaluation results; nil when they are typed in.
	Evaluation *AllocationEvaluation
}

// AllocationRow is one city's line of the allocation table, formatted.
type AllocationRow struct {
	No                    int
	Name                  string
	Performance, Hardship string
	// Share is the exact share in percent to 4 places; Exact the unrounded
	// amount to 4 places beyond the quantum; Correction and Amount at the
	// quantum's precision.
	Share, Exact, Floor, Correction, Amount string
}

// sharePlaces is how many decimals the percentages shares show.
const sharePlaces = 4

// BuildAllocation makes the view of an allocation.
func BuildAllocation(p *alloc.Plan, r *alloc.Result) *AllocationView {
	places := moneyPlaces(r.Quantum)
	money := func(d decimal.Decimal) string { return d.StringFixed(places) }
	v := &AllocationView{Plan: p, R: r, Unit: r.Unit, Total: cnfmt.Amount(r.Total), Quantum: cnfmt.Amount(r.Quantum)}
	var fs []string
	for _, f := range r.Factors {
		fs = append(fs, f.Name+cnfmt.Amount(f.Weight.Shift(2))+"%")
	}
	v.Factors = strings.Join(fs, "、")
	var corrected []string
	correction := decimal.Zero
	for i, c := range r.Cities {
		v.Rows = append(v.Rows, AllocationRow{
			No: i + 1, Name: c.Name,
			Performance: coefficient(c.Performance), Hardship: coefficient(c.Hardship),
			Share: cnfmt.Fixed(c.Share.Percent(sharePlaces), sharePlaces) + "%",
			Exact: c.Exact.Dec(places + 4).StringFixed(places + 4),
			Floor: money(c.Floor), Correction: money(c.Correction), Amount: money(c.Amount),
		})
		if c.Correction.IsPositive() {
			corrected = append(corrected, c.Name)
		}
		correction = correction.Add(c.Correction)
	}
	v.Sum = AllocationRow{
		Name:  "合计",
		Share: cnfmt.Fixed(r.ShareSum.Percent(sharePlaces), sharePlaces) + "%",
		Exact: r.ExactSum.Dec(places + 4).StringFixed(places + 4),
		Floor: money(r.FloorTotal), Correction: money(correction), Amount: money(r.AmountSum),
	}
	v.Corrected = strings.Join(corrected, "、")
	v.Detail = allocationDetail(r)
	v.Charts = allocationCharts(r)
	v.Evaluation = allocationEvaluation(r)
	return v
}

// moneyPlaces is the number of decimals the quantum needs (2 for 0.01).
func moneyPlaces(q decimal.Decimal) int32 {
	var p int32
	for p < 8 && !q.Shift(p).IsInteger() {
		p++
	}
	return p
}

// allocationDetail shows, per city and factor, the score after the
// coefficients (第八条) and its share of the factor (第七条).
func allocationDetail(r *alloc.Result) *docx.Table {
	n := len(r.Factors)
	parts := []int{14}
	for range r.Factors {
		parts = append(parts, 12, 12)
	}
	t := &docx.Table{Style: "TableText", HeaderStyle: "TableHead", Widths: shareOf(LandscapeTextWidth, parts)}
	top := []docx.Cell{{Text: "设区市", Merge: docx.MergeStart}}
	sub := []docx.Cell{{Merge: docx.MergeContinue}}
	for _, f := range r.Factors {
		top = append(top, docx.Cell{Text: f.Name + "（" + cnfmt.Amount(f.Weight.Shift(2)) + "%）", Span: 2})
		sub = append(sub, docx.Cell{Text: "因素得分"}, docx.Cell{Text: "占比"})
	}
	t.Rows = append(t.Rows, docx.Row{Header: true, Cells: top}, docx.Row{Header: true, Cells: sub})
	for i, c := range r.Cities {
		cells := make([]docx.Cell, 0, 1+2*n)
		cells = append(cells, docx.Cell{Text: c.Name})
		for _, cf := range c.Factors {
			cells = append(cells,
				docx.Cell{Text: cf.Adjusted.Dec(6).StringFixed(6)},
				docx.Cell{Text: cnfmt.Fixed(cf.Ratio.Percent(sharePlaces), sharePlaces) + "%"})
		}
		// On one page when it fits (its header repeats when it does not).
		t.Rows = append(t.Rows, docx.Row{Cells: cells, KeepNext: i < len(r.Cities)-1})
	}
	return t
}

// LandscapeTextWidth is the type area's width on a landscape A4 page with
// the GB/T 9704 margins turned with it (297 mm − 35 mm − 37 mm), in twips.
const LandscapeTextWidth = 12756

// shareOf divides a width in the given proportions.
func shareOf(width int, parts []int) []int {
	total := 0
	for _, p := range parts {
		total += p
	}
	out := make([]int, len(parts))
	used := 0
	for i, p := range parts {
		out[i] = width * p / total
		used += out[i]
	}
	out[len(out)-1] += width - used
	return out
}

// RenderAllocation fills the allocation template.
func RenderAllocation(name string, template []byte, p *alloc.Plan, r *alloc.Result) ([]byte, error) {
	return fill(name, template, BuildAllocation(p, r))
}

// coefficient shows a coefficient with at least two decimals, so a column
// reads 1.00, 0.90, 1.05 rather than 1, 0.9, 1.05.
func coefficient(d decimal.Decimal) string {
	return d.StringFixed(max(2, -d.Exponent()))
}
