package workbook

import (
	"slices"
	"strconv"
)

// Printed tables that run over several pages must let the reader of any
// page tell which category a row belongs to. A label merged down its
// group's rows (一级指标 产出, 二级指标 产出数量) prints once, on the page
// where the merged range starts; so the workbook sets the page breaks
// itself and, where a break falls inside a labelled group, splits the merge
// there and repeats the label on the new page. A 小计 or 合计 row never
// starts a page alone.
//
// The breaks must come before the spreadsheet application's own, which
// depend on how far it shrinks a sheet to fit the page width. That differs:
// Excel measures a column-width unit as about 5.25 pt (the digit width of
// Calibri 11), LibreOffice as about 7 pt. The pages are planned for the
// least shrinking (widthUnitPt below Excel's own), so every application
// fits at least as many rows on a page as planned and breaks where the
// workbook says.

// A4 in points, and the printable area left by the margins of setupPage.
const (
	a4Short = 8.27 * 72
	a4Long  = 11.69 * 72
)

// widthUnitPt is the width a column-width unit prints at, at full size, in
// Excel (7 pixels of 0.75 pt); no application prints it narrower.
const widthUnitPt = 5.25

// pageFill is the share of the printable height planned to be used: room
// for borders and rounding.
const pageFill = 0.97

// pageCapacity is the height of sheet rows, in points, one printed page
// holds at the scale that fits the sheet to the page width.
func (s *sheet) pageCapacity() float64 {
	w, h := a4Short, a4Long
	if s.landscape() {
		w, h = h, w
	}
	w -= 72 * 2 * marginSide
	h -= 72 * (marginTop + marginBottom)
	scale := min(1, w/(s.sumWidths(1, s.lastCol())*widthUnitPt))
	return h / scale * pageFill
}

// landscape reports whether the sheet prints in landscape (setupPage).
func (s *sheet) landscape() bool { return s.sumWidths(1, s.lastCol()) > portraitWidth }

// titleHeight is the height of the rows repeated at the top of every page.
func (s *sheet) titleHeight() float64 {
	h := 0.0
	if s.page.titleRows[0] > 0 {
		for r := s.page.titleRows[0]; r <= s.page.titleRows[1]; r++ {
			h += s.rowHeight(r)
		}
	}
	return h
}

// paginate plans the page breaks of a sheet whose rows are all collected
// (after fitRows) and repeats the labels of page.labelCols where a break
// cuts their merged range. The sheet's own breaks (page.breaksAfter) are
// kept.
func (s *sheet) paginate() {
	last := 0
	for r := range s.cells {
		last = max(last, r)
	}
	capacity, title := s.pageCapacity(), s.titleHeight()
	manual := map[int]bool{}
	for _, b := range s.page.breaksAfter {
		manual[b] = true
	}
	var breaks []int
	start, used := 1, 0.0
	for r := 1; r <= last; r++ {
		h := s.rowHeight(r)
		if r > start && used+h > capacity {
			b := s.breakBefore(r, start)
			breaks = append(breaks, b)
			start, used = b+1, title
			for k := start; k < r; k++ {
				used += s.rowHeight(k)
			}
		}
		used += h
		if manual[r] && r < last {
			breaks = append(breaks, r)
			start, used = r+1, title
		}
	}
	slices.Sort(breaks)
	s.page.breaksAfter = slices.Compact(breaks)
	s.splitLabels()
}

// breakBefore chooses where a page that overflows at row r ends: after
// r-1, or earlier so that no merge other than a label is cut and no 合计
// or 小计 row starts the next page alone; never before the page's first
// row.
func (s *sheet) breakBefore(r, start int) int {
	b := r - 1
	for moved := true; moved; {
		moved = false
		for _, m := range s.merges {
			if m.r1 <= b && b < m.r2 && !s.isLabel(m) && m.r1-1 >= start {
				b, moved = m.r1-1, true
			}
		}
		if s.page.totalRows[b+1] && b-1 >= start {
			b, moved = b-1, true
		}
	}
	return b
}

// isLabel reports whether a merge is a repeatable label of the body.
func (s *sheet) isLabel(m span) bool {
	return m.c1 == m.c2 && m.r1 > s.page.titleRows[1] && slices.Contains(s.page.labelCols, m.c1)
}

// splitLabels cuts the label merges at the page breaks and writes the
// label again at the top of each part. A number (a 分值) is repeated as
// text, so that the column's SUM still counts it once.
func (s *sheet) splitLabels() {
	var out []span
	for _, m := range s.merges {
		if !s.isLabel(m) {
			out = append(out, m)
			continue
		}
		top := s.cells[m.r1][m.c1]
		r1 := m.r1
		for _, b := range s.page.breaksAfter {
			if b < r1 || b >= m.r2 {
				continue
			}
			out = append(out, span{m.c1, r1, m.c2, b})
			r1 = b + 1
			c := top
			switch v := c.Value.(type) {
			case float64:
				c.Value = strconv.FormatFloat(v, 'f', -1, 64)
			case int:
				c.Value = strconv.Itoa(v)
			}
			s.cell(m.c1, r1, c)
		}
		out = append(out, span{m.c1, r1, m.c2, m.r2})
	}
	s.merges = out[:0:0]
	for _, m := range out {
		if m.r1 != m.r2 || m.c1 != m.c2 {
			s.merges = append(s.merges, m)
		}
	}
}
