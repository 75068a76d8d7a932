package report

import (
	"strconv"

	"github.com/shopspring/decimal"

	"ipfund/internal/cnfmt"
	"ipfund/internal/docx"
	"ipfund/internal/fund"
)

// TextWidth is the width of the type area of an A4 page with the GB/T
// 9704 margins (210 mm − 28 mm − 26 mm), in twips.
const TextWidth = 8845

// Table draws a sub-project's detail table: a header row (an empty column
// title joins the column before it), each group's rows with the group label
// merged down the first column, a 小计 row where the data states one, and a
// 合计 row over the summed columns. The rows after the header are drawn as
// the table is written (docx.Table.Body), so that a table of any length
// takes no memory of its own.
func Table(d *fund.Detail) *docx.Table {
	t := &docx.Table{Style: "TableText", HeaderStyle: "TableHead", Widths: widths(d)}
	t.Rows = append(t.Rows, header(d))
	t.Body = func(yield func(docx.Row) bool) { bodyRows(d, yield) }
	return t
}

// bodyRows yields the rows under the header; the cells are reused from row
// to row.
func bodyRows(d *fund.Detail, yield func(docx.Row) bool) {
	lead := leadColumns(d)
	cells := make([]docx.Cell, 0, len(d.Columns))
	seq := 0
	total := hasSums(d)
	for gi, g := range d.Groups {
		// A group's rows stay on one page with its label (when it is not
		// too long to), and the row before a 小计 or the 合计 with it: no
		// page starts with a blank label or a lone total.
		together := len(g.Rows) > 1 && len(g.Rows) <= keepGroupRows && d.Columns[0].Kind == fund.ColGroup
		totalNext := g.Subtotal != nil || (total && gi == len(d.Groups)-1)
		// A label whose neighbouring text column is empty in every row of
		// its group (授权专利奖励 has no 年度) spans both columns, as the
		// seed table draws it.
		wide := d.LabelSpansNext(g)
		for ri, row := range g.Rows {
			cells = cells[:0]
			for ci, c := range d.Columns {
				if wide && ci == 1 {
					continue
				}
				switch c.Kind {
				case fund.ColGroup:
					m := docx.MergeNone
					if len(g.Rows) > 1 {
						m = docx.MergeStart
						if ri > 0 {
							m = docx.MergeContinue
						}
					}
					span := 1
					if wide {
						span = 2
					}
					cells = append(cells, docx.Cell{Text: g.Label, Merge: m, Span: span})
				case fund.ColSeq:
					seq++
					cells = append(cells, docx.Cell{Text: strconv.Itoa(seq)})
				default:
					cells = append(cells, docx.Cell{Text: row.Cell(ci).Text})
				}
			}
			last := ri == len(g.Rows)-1
			if !yield(docx.Row{Cells: cells, KeepNext: (together && !last) || (totalNext && last)}) {
				return
			}
		}
		if g.Subtotal != nil {
			sub := sumRow(d, "小计", lead, func(key string) decimal.Decimal { return d.GroupSum(g, key) })
			sub.KeepNext = total && gi == len(d.Groups)-1
			if !yield(sub) {
				return
			}
		}
	}
	if hasSums(d) {
		yield(sumRow(d, "合计", lead, d.Sum))
	}
}

// keepGroupRows is the longest group a detail table keeps on one page.
const keepGroupRows = 20

func header(d *fund.Detail) docx.Row {
	var cells []docx.Cell
	for _, c := range d.Columns {
		if c.Title == "" && len(cells) > 0 {
			cells[len(cells)-1].Span = max(cells[len(cells)-1].Span, 1) + 1
			continue
		}
		cells = append(cells, docx.Cell{Text: c.Title})
	}
	return docx.Row{Header: true, Cells: cells}
}

// leadColumns counts the columns before the first numeric one: 小计 and 合计
// span them.
func leadColumns(d *fund.Detail) int {
	for i, c := range d.Columns {
		if c.Numeric() {
			return max(i, 1)
		}
	}
	return 1
}

func hasSums(d *fund.Detail) bool {
	for _, c := range d.Columns {
		if c.Sum {
			return true
		}
	}
	return false
}

func sumRow(d *fund.Detail, label string, lead int, sum func(string) decimal.Decimal) docx.Row {
	cells := []docx.Cell{{Text: label, Span: lead}}
	for _, c := range d.Columns[lead:] {
		text := ""
		if c.Sum {
			text = cnfmt.Amount(sum(c.Key))
		}
		cells = append(cells, docx.Cell{Text: text})
	}
	return docx.Row{Bold: true, Cells: cells}
}

// displayWidth measures text in half characters: a Chinese character is
// 2, a digit or Latin letter 1.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x2E80 {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// halfChar is the width of half a character of table text (小4, 12 pt).
const halfChar = 120

// widths shares the type area among the columns. Numbers and sequence
// numbers get what their widest value needs, so they never wrap; text
// columns share the rest by how much they hold, so long names wrap onto
// several lines rather than squeezing the figures.
func widths(d *fund.Detail) []int {
	need := make([]int, len(d.Columns))
	fixed, flexible := 0, 0
	for i, c := range d.Columns {
		// A header may wrap onto two lines, so it needs half its width.
		n := (displayWidth(c.Title) + 1) / 2
		for _, g := range d.Groups {
			if c.Kind == fund.ColGroup {
				n = max(n, displayWidth(g.Label)/2)
			}
			for _, r := range g.Rows {
				n = max(n, displayWidth(r.Cell(i).Text))
			}
		}
		if c.Sum && len(d.Groups) > 0 {
			// The 合计 is the widest sum (amounts are not negative).
			n = max(n, displayWidth(cnfmt.Amount(d.Sum(c.Key))))
		}
		switch {
		case c.Kind == fund.ColSeq:
			need[i] = 5
			fixed += need[i]
		case c.Numeric():
			need[i] = max(n+2, 8)
			fixed += need[i]
		default:
			need[i] = min(max(n+2, 8), 40)
			flexible += need[i]
		}
	}
	avail := TextWidth / halfChar
	out := make([]int, len(need))
	used := 0
	for i, c := range d.Columns {
		w := need[i]
		switch {
		case fixed+flexible <= avail || fixed >= avail:
			// Everything fits (spread the room) or nothing can: share
			// in proportion to need.
			w = TextWidth * need[i] / (fixed + flexible)
		case c.Kind == fund.ColSeq || c.Numeric():
			w = need[i] * halfChar
		default:
			w = (TextWidth - fixed*halfChar) * need[i] / flexible
		}
		out[i] = w
		used += w
	}
	out[len(out)-1] += TextWidth - used
	return out
}
