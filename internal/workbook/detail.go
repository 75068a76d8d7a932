package workbook

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// Rows of a detail sheet.
const (
	dtTitleRow  = 1
	dtHeaderRow = 2
	dtFirstRow  = 3
)

// maxSumPieces is the most cells and ranges a 合计 formula adds up one by one
// (the 小计 cells, and the rows of groups without one). A table of more
// groups totals with SUBTOTAL instead: a list of thousands of cells would
// pass Excel's limit of 8192 characters a formula.
const maxSumPieces = 64

// detailSheet is a sub-project's spending detail table (支出明细表) laid out
// as the report draws it: a header row (an empty column title joins the
// column before it; amounts carry the table's unit), each group's rows with
// the group label merged down the first column, a 小计 row where the data
// states one and a 合计 row. 小计 and 合计 are formulas over the rows with
// the data's sums cached. Most tables add up with SUM: a 小计 over its
// group's rows, the 合计 over the 小计 cells and the rows of groups without
// one. A table of many groups uses SUBTOTAL(9,…) for both, which leaves the
// 小计 rows out of the 合计 by itself.
//
// The rows under the header are streamed as they are made (sheet.body): a
// table of 100 000 rows is never held as cells.
func detailSheet(s *calc.Sub, st *styles, name string) *sheet {
	d := s.Sub.Detail
	cols := d.Columns
	// The groups' sums and the table's, by column (Sum columns only), for
	// the cached values and the widths.
	sums := make([][]decimal.Decimal, len(d.Groups))
	total := make([]decimal.Decimal, len(cols))
	for gi, g := range d.Groups {
		sums[gi] = make([]decimal.Decimal, len(cols))
		for i, c := range cols {
			if c.Sum {
				sums[gi][i] = d.GroupSum(g, c.Key)
				total[i] = total[i].Add(sums[gi][i])
			}
		}
	}
	sh := newSheet(name, detailWidths(d, total)...)
	sh.page = pageSetup{titleRows: [2]int{dtHeaderRow, dtHeaderRow}, freezeRows: dtHeaderRow, labelCols: []int{1}}
	last := sh.lastCol()

	sh.mergePut(1, dtTitleRow, last, dtTitleRow, fmt.Sprintf("子项目%d：%s支出明细表", s.Sub.No, s.Sub.Name), st.title())
	sh.height(dtTitleRow, 36)

	// Header: a column without a title widens the one before it.
	for c := 0; c < len(cols); {
		span := 1
		for c+span < len(cols) && cols[c+span].Title == "" {
			span++
		}
		sh.mergePut(c+1, dtHeaderRow, c+span, dtHeaderRow, columnTitle(d, cols[c]), st.header())
		c += span
	}

	t := &detailTable{d: d, lead: detailLead(d), useSubtotal: detailPieces(d) > maxSumPieces, sums: sums, total: total}
	// Styles: counts as integers (or the decimals they have), amounts with
	// at least two decimals, per column.
	t.label, t.labelTotal = st.text(center), st.label(center)
	t.seq = st.numberCentered(fmtInt)
	t.styles = make([]int, len(cols))
	t.totals = make([]int, len(cols))
	for i, c := range cols {
		switch {
		case c.Numeric():
			p := 0
			if c.Kind == fund.ColAmount {
				p = 2
			}
			for _, g := range d.Groups {
				for _, r := range g.Rows {
					if v := r.Cell(i); v.IsNum {
						p = places(p, v.Num)
					}
				}
			}
			t.styles[i], t.totals[i] = st.number(fixedFormat(p)), st.total(fixedFormat(p))
		case c.Kind == fund.ColText:
			t.styles[i], t.totals[i] = st.text(left), t.labelTotal
		default:
			t.styles[i], t.totals[i] = st.text(center), t.labelTotal
		}
	}
	sh.bodyEnd = dtFirstRow - 1 + d.RowCount()
	for _, g := range d.Groups {
		if g.Subtotal != nil {
			sh.bodyEnd++
		}
	}
	if hasSumColumn(d) {
		sh.bodyEnd++
	}
	sh.body = t.write
	return sh
}

// detailTable streams the body of a detail sheet.
type detailTable struct {
	d           *fund.Detail
	lead        int  // columns the 小计 and 合计 labels span
	useSubtotal bool // SUBTOTAL instead of SUM
	// sums[g][i] is group g's sum of column i, total[i] the table's.
	sums  [][]decimal.Decimal
	total []decimal.Decimal
	// Styles of the cells by column, of the figures of 小计 and 合计 rows,
	// of the group label, the 小计/合计 label and sequence numbers.
	styles, totals    []int
	label, labelTotal int
	seq               int
}

func (t *detailTable) write(w *rowStream) error {
	d, cols := t.d, t.d.Columns
	row, seq := dtFirstRow, 0
	var pieces [][2]int // what the 合计 adds up: 小计 rows, runs of groups without one
	runStart := 0       // first row of a run of groups without 小计, or 0
	cells := make([]excelize.Cell, len(cols))
	for gi, g := range d.Groups {
		first := row
		labelled := cols[0].Kind == fund.ColGroup
		// The label takes the empty text column after it too, as in the
		// report's table.
		lastCol := 1
		if labelled && d.LabelSpansNext(g) {
			lastCol = 2
		}
		merged := labelled && (len(g.Rows) > 1 || lastCol > 1)
		segment := row // the first row of the label's merge on this page
		have := 0.0    // the height of the segment's rows so far
		// The row before the group's 小计, or before the 合计, is kept on
		// the page of that total.
		after := 0.0
		switch {
		case g.Subtotal != nil:
			after = t.totalHeight(w)
			if gi == len(d.Groups)-1 && hasSumColumn(d) {
				after *= 2
			}
		case gi == len(d.Groups)-1 && hasSumColumn(d):
			after = t.totalHeight(w)
		}
		for ri, r := range g.Rows {
			h := lineHeight(1, sizeBody)
			for i, c := range cols {
				if i > 0 && i < lastCol {
					continue // covered by the label
				}
				if c.Kind == fund.ColGroup && !merged {
					h = max(h, w.fit(g.Label, 1, lastCol, t.styles[i]))
				} else if c.Kind != fund.ColGroup && c.Kind != fund.ColSeq {
					if v := r.Cell(i); v.Text != "" && !(v.IsNum && c.Numeric()) {
						h = max(h, w.fit(v.Text, i+1, i+1, t.styles[i]))
					}
				}
			}
			need := h
			if ri == len(g.Rows)-1 {
				need += after
			}
			if w.breakIfFull(row, need) && labelled && row > segment {
				// The label's merge ends with the page; the new page
				// repeats the label.
				if err := w.merge(1, segment, lastCol, row-1); err != nil {
					return err
				}
				segment, have = row, 0
			}
			for i, c := range cols {
				cell := excelize.Cell{StyleID: t.styles[i]}
				switch c.Kind {
				case fund.ColGroup:
					if row == segment {
						cell.Value = g.Label
					}
				case fund.ColSeq:
					seq++
					cell.Value, cell.StyleID = seq, t.seq
				default:
					v := r.Cell(i)
					switch {
					case v.IsNum && c.Numeric():
						cell.Value = num(v.Num)
					case v.Text != "":
						cell.Value = v.Text
						if c.Numeric() {
							cell.StyleID = t.label
						}
					}
				}
				cells[i] = cell
			}
			if merged && ri == len(g.Rows)-1 {
				// The label merged down the rows needs its height from all
				// of them (on this page); what they lack goes to the last.
				h = max(h, w.fit(g.Label, 1, lastCol, t.label)-have)
			}
			have += h
			if err := w.row(row, cells, roundHeight(h)); err != nil {
				return err
			}
			row++
		}
		if merged && row-1 >= segment && (row-1 > segment || lastCol > 1) {
			if err := w.merge(1, segment, lastCol, row-1); err != nil {
				return err
			}
		}
		if g.Subtotal == nil {
			if runStart == 0 && row > first {
				runStart = first
			}
			continue
		}
		if runStart > 0 {
			pieces = append(pieces, [2]int{runStart, first - 1})
			runStart = 0
		}
		if err := t.sumRow(w, row, "小计", func(col int) string {
			if row == first { // a group without rows
				return "0"
			}
			rng := rangeRef(col, first, col, row-1)
			if t.useSubtotal {
				return "SUBTOTAL(9," + rng + ")"
			}
			return "SUM(" + rng + ")"
		}, t.sums[gi]); err != nil {
			return err
		}
		pieces = append(pieces, [2]int{row, row})
		row++
	}
	if runStart > 0 {
		pieces = append(pieces, [2]int{runStart, row - 1})
	}
	if !hasSumColumn(d) {
		return nil
	}
	return t.sumRow(w, row, "合计", func(col int) string {
		switch {
		case row == dtFirstRow: // no rows at all
			return "0"
		case t.useSubtotal:
			return "SUBTOTAL(9," + rangeRef(col, dtFirstRow, col, row-1) + ")"
		}
		parts := make([]string, len(pieces))
		for k, p := range pieces {
			parts[k] = rangeRef(col, p[0], col, p[1])
		}
		return "SUM(" + strings.Join(parts, ",") + ")"
	}, t.total)
}

// totalHeight is the height of a 小计 or 合计 row.
func (t *detailTable) totalHeight(w *rowStream) float64 {
	return roundHeight(w.fit("合计", 1, t.lead, t.labelTotal))
}

// sumRow writes a 小计 or 合计 row: the label across the lead columns, then
// the summed columns' formulas with their sums cached.
func (t *detailTable) sumRow(w *rowStream, row int, label string, formula func(col int) string, sums []decimal.Decimal) error {
	cols := t.d.Columns
	cells := make([]excelize.Cell, len(cols))
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: t.labelTotal}
	}
	cells[0].Value = label
	for i, c := range cols[t.lead:] {
		k := t.lead + i
		cells[k].StyleID = t.totals[k]
		if c.Sum {
			cells[k].Formula, cells[k].Value = formula(k+1), num(sums[k])
		}
	}
	h := roundHeight(w.fit(label, 1, t.lead, t.labelTotal))
	w.breakIfFull(row, h)
	if err := w.row(row, cells, h); err != nil {
		return err
	}
	if t.lead > 1 {
		return w.merge(1, row, t.lead, row)
	}
	return nil
}

// detailPieces counts what a SUM 合计 would list: each 小计 cell, and each
// run of groups without one.
func detailPieces(d *fund.Detail) int {
	n, run := 0, false
	for _, g := range d.Groups {
		switch {
		case g.Subtotal != nil:
			n, run = n+1, false
		case !run:
			n, run = n+1, true
		}
	}
	return n
}

// columnTitle is a column's header; an amount's carries the table's unit.
func columnTitle(d *fund.Detail, c fund.Column) string {
	if c.Kind == fund.ColAmount && !strings.Contains(c.Title, "（"+d.Unit+"）") && !strings.Contains(c.Title, "("+d.Unit+")") {
		return c.Title + "（" + d.Unit + "）"
	}
	return c.Title
}

// detailLead counts the columns before the first numeric one, which the
// 小计 and 合计 labels span (as in the report's table).
func detailLead(d *fund.Detail) int {
	for i, c := range d.Columns {
		if c.Numeric() {
			return max(i, 1)
		}
	}
	return 1
}

func hasSumColumn(d *fund.Detail) bool {
	for _, c := range d.Columns {
		if c.Sum {
			return true
		}
	}
	return false
}

// detailWidths sizes the columns by what they hold: numbers never wrap,
// text wraps beyond 40 units (about 20 Chinese characters).
func detailWidths(d *fund.Detail, total []decimal.Decimal) []float64 {
	out := make([]float64, len(d.Columns))
	for i, c := range d.Columns {
		// A header may wrap onto two lines, a figure's short one not.
		hw := textWidth(columnTitle(d, c), sizeBody)
		w := hw/2 + 1
		if c.Numeric() && hw <= 20 {
			w = hw
		}
		switch c.Kind {
		case fund.ColGroup:
			for _, g := range d.Groups {
				w = max(w, min(textWidth(g.Label, sizeBody), 24))
			}
		case fund.ColSeq:
			w = max(w, float64(len(fmt.Sprint(d.RowCount())))+2)
		default:
			for _, g := range d.Groups {
				for _, r := range g.Rows {
					w = max(w, textWidth(r.Cell(i).Text, sizeBody))
				}
			}
			if c.Sum {
				w = max(w, textWidth(total[i].String(), sizeBody)+2)
			}
		}
		lo, hi := 8.0, 40.0
		if c.Numeric() {
			lo, hi = 10, 24
		}
		out[i] = float64(int(min(max(w+2, lo), hi)*2+0.5)) / 2 // half units
	}
	return out
}
