// Package workbook builds the Excel workbooks that go with a year's report:
// the scoring workbook (附件：绩效评价评分表), with a summary sheet, one
// 评分表 per sub-project and the 绩效目标表, and the factor-method
// allocation workbook (因素法分配表).
//
// Every figure that the workbook derives from others is a live formula, so
// that a reviewer can follow and re-check the arithmetic, and every formula
// cell also carries the figure computed by package calc or alloc as its
// cached value, so that the workbook shows the right numbers when opened
// without recalculation (LibreOffice, by default, does not recalculate an
// .xlsx on load).
//
// Conventions:
//
//   - In the scoring workbook rates and weights are percentages rounded to
//     2 places, as the report prints them and as calc computes them:
//     =ROUND(spending/budget*100,2) shown with the format 0.00"%" (87.39%).
//     A rate's score is =ROUND(rate*points/100,2) from that cell, the
//     printed rate (or, under score_from = "exact", the fraction's
//     =ROUND(spending/budget*points,2)), as calc.RatioScore computes it.
//     A weighted score never uses the rounded weight: it is
//     =ROUND(score*budget_i/budget,2), the exact share, as calc does.
//   - In the allocation workbook shares and ratios are unrounded fractions
//     (live quotients) shown as 0.0000%, because they feed further steps and
//     must add up to exactly 1.
//
// Output is deterministic: the same inputs give byte-identical files (see
// props.go).
package workbook

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"ipfund/internal/limits"
)

// sheet collects the cells of one worksheet in memory and then streams them
// out in row order. excelize's stream writer is the one excelize API that
// writes a formula together with a numeric cached value (<f> and <v> with no
// t="str"); its rows must be written in order, hence the collecting.
type sheet struct {
	name    string
	cells   map[int]map[int]excelize.Cell // row → column → cell
	heights map[int]float64
	merges  []span
	widths  []float64 // widths[i] is column i+1
	page    pageSetup
	// body, when set, streams the rows after the collected ones straight
	// to the stream writer, so that a long table is never held as cells;
	// bodyEnd is the last row it writes.
	body    func(w *rowStream) error
	bodyEnd int
	// charts are drawn over the sheet (charts.go).
	charts []chartSpec
}

// span is a merged range of cells.
type span struct{ c1, r1, c2, r2 int }

// portraitWidth is the widest sheet, in column-width units, printed in
// portrait: wider ones print landscape, so that fitting them to the page
// width does not shrink the text too much.
const portraitWidth = 125

// pageSetup is how a sheet prints and scrolls.
type pageSetup struct {
	titleRows   [2]int // first and last row repeated on every printed page; 0 for none
	freezeRows  int    // rows kept in view when scrolling
	freezeCols  int
	breaksAfter []int // rows after which a new printed page starts
	// labelCols are the columns whose merged labels repeat on every page
	// their group spans (paginate); totalRows the 小计/合计 rows, which
	// never start a page alone.
	labelCols []int
	totalRows map[int]bool
}

func newSheet(name string, widths ...float64) *sheet {
	return &sheet{name: name, cells: map[int]map[int]excelize.Cell{}, heights: map[int]float64{}, widths: widths}
}

func (s *sheet) cell(col, row int, c excelize.Cell) {
	if s.cells[row] == nil {
		s.cells[row] = map[int]excelize.Cell{}
	}
	s.cells[row][col] = c
}

// put writes a constant: a string, or a number as float64/int.
func (s *sheet) put(col, row int, v any, style int) {
	s.cell(col, row, excelize.Cell{Value: v, StyleID: style})
}

// formula writes a formula (without the leading "=") with its cached value.
func (s *sheet) formula(col, row int, f string, cached any, style int) {
	s.cell(col, row, excelize.Cell{Formula: f, Value: cached, StyleID: style})
}

// merge merges a range whose top-left cell is already written, giving the
// other cells the same style: a border drawn on a merged range is drawn from
// the styles of its edge cells.
func (s *sheet) merge(c1, r1, c2, r2 int, style int) {
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			s.cell(c, r, excelize.Cell{StyleID: style})
		}
	}
	if c1 != c2 || r1 != r2 {
		s.merges = append(s.merges, span{c1, r1, c2, r2})
	}
}

// mergePut writes a value into a range and merges it.
func (s *sheet) mergePut(c1, r1, c2, r2 int, v any, style int) {
	s.put(c1, r1, v, style)
	s.merge(c1, r1, c2, r2, style)
}

// height fixes a row's height in points; fitRows sizes the other rows.
func (s *sheet) height(row int, pt float64) { s.heights[row] = pt }

// Row heights: a line of text takes lineSpacing × the font size (the CJK
// fonts, 仿宋_GB2312 or the Noto CJK fallback, are tall), plus padding.
const (
	lineSpacing = 1.4
	rowPadding  = 5
	maxRowPt    = 409 // Excel's limit
)

// fitRows gives every row without a fixed height the height its wrapped
// text needs. Spreadsheet applications do not do it reliably themselves:
// LibreOffice keeps the default height of an imported .xlsx row, which clips
// wrapped text, and no application sizes a row to a merged cell. A text in
// cells merged across rows that does not fit in those rows' heights adds
// the difference to the last of them.
func (s *sheet) fitRows(st *styles) {
	ends := map[[2]int]span{}
	for _, m := range s.merges {
		ends[[2]int{m.c1, m.r1}] = m
	}
	// tallText is a text merged over rows r1..r2 that needs h points.
	type tallText struct {
		r1, r2 int
		h      float64
	}
	need := map[int]float64{}
	var tall []tallText
	for r, row := range s.cells {
		need[r] = max(need[r], lineHeight(1, sizeBody))
		for c, cell := range row {
			text, ok := cell.Value.(string)
			if !ok || text == "" {
				continue
			}
			m, merged := ends[[2]int{c, r}]
			if !merged {
				m = span{c, r, c, r}
			}
			pt := st.fontSize(cell.StyleID)
			h := lineHeight(linesFor(text, s.sumWidths(m.c1, m.c2), pt), pt)
			if m.r1 == m.r2 {
				need[r] = max(need[r], h)
			} else {
				tall = append(tall, tallText{m.r1, m.r2, h})
			}
		}
	}
	for r, h := range need {
		if s.heights[r] == 0 {
			s.heights[r] = h
		}
	}
	// A fixed order, so that two texts ending on the same row give the same
	// heights on every run.
	slices.SortFunc(tall, func(a, b tallText) int {
		return cmp.Or(cmp.Compare(a.r1, b.r1), cmp.Compare(a.r2, b.r2), cmp.Compare(a.h, b.h))
	})
	for _, t := range tall {
		have := 0.0
		for r := t.r1; r <= t.r2; r++ {
			have += s.rowHeight(r)
		}
		if have < t.h {
			s.heights[t.r2] = s.rowHeight(t.r2) + t.h - have
		}
	}
	for r, h := range s.heights {
		// Whole quarter points keep the file free of float noise.
		s.heights[r] = roundHeight(h)
	}
}

// rowHeight is a row's height, the default for a row with no cells.
func (s *sheet) rowHeight(r int) float64 {
	if h := s.heights[r]; h > 0 {
		return h
	}
	return 15
}

// lineHeight is the height of a row of n lines of text.
func lineHeight(n int, pt float64) float64 {
	return float64(n)*pt*lineSpacing + rowPadding
}

// lastCol is the number of columns of the sheet.
func (s *sheet) lastCol() int { return len(s.widths) }

// write adds the sheet to f; first reports whether it replaces the default
// "Sheet1" that every new excelize file starts with.
func (s *sheet) write(st *styles, first bool) error {
	f := st.f
	s.fitRows(st)
	if len(s.page.labelCols) > 0 && s.body == nil {
		s.paginate()
	}
	if len(s.charts) > 0 {
		s.chartBreaks()
	}
	if first {
		if err := f.SetSheetName("Sheet1", s.name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	if err := s.setupPage(f); err != nil {
		return err
	}
	// The used range, which the stream writer would leave at "A1" and some
	// readers trust to know how much of the sheet to read.
	maxRow, maxCol := 0, 0
	for r, row := range s.cells {
		maxRow = max(maxRow, r)
		for c := range row {
			maxCol = max(maxCol, c)
		}
	}
	if s.body != nil && s.bodyEnd > maxRow {
		maxRow, maxCol = s.bodyEnd, s.lastCol()
	}
	if maxRow > 0 {
		if err := f.SetSheetDimension(s.name, rangeRef(1, 1, maxCol, maxRow)); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	// The stream writer puts each new column width before the earlier ones;
	// going from the last column to the first gives the ascending order
	// that Excel requires.
	for c := len(s.widths); c >= 1; c-- {
		if err := sw.SetColWidth(c, c, s.widths[c-1]); err != nil {
			return err
		}
	}
	if s.page.freezeRows > 0 || s.page.freezeCols > 0 {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, XSplit: s.page.freezeCols, YSplit: s.page.freezeRows,
			TopLeftCell: cellName(s.page.freezeCols+1, s.page.freezeRows+1), ActivePane: activePane(s.page),
		}); err != nil {
			return err
		}
	}
	rows := make([]int, 0, len(s.cells))
	for r := range s.cells {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	for _, r := range rows {
		vals := make([]any, s.lastCol())
		for c, cell := range s.cells[r] {
			if c < 1 || c > len(vals) {
				return fmt.Errorf("工作表“%s”第%d行第%d列超出了表格的列数", s.name, r, c)
			}
			vals[c-1] = cell
		}
		opts := excelize.RowOpts{Height: s.heights[r]}
		if err := sw.SetRow(cellName(1, r), vals, opts); err != nil {
			return err
		}
	}
	if s.body != nil {
		last := 0
		if len(rows) > 0 {
			last = rows[len(rows)-1]
		}
		rs := &rowStream{s: s, st: st, sw: sw, last: last, vals: make([]any, s.lastCol())}
		if len(s.page.labelCols) > 0 {
			rs.paged, rs.capacity, rs.title, rs.pageStart = true, s.pageCapacity(), s.titleHeight(), 1
			for _, r := range rows {
				rs.used += s.rowHeight(r)
			}
		}
		if err := s.body(rs); err != nil {
			return err
		}
	}
	for _, m := range s.merges {
		if err := sw.MergeCell(cellName(m.c1, m.r1), cellName(m.c2, m.r2)); err != nil {
			return err
		}
	}
	for _, r := range s.page.breaksAfter {
		if err := sw.InsertPageBreak(cellName(1, r+1)); err != nil {
			return err
		}
	}
	// A chart joins the worksheet the stream writer holds until Flush.
	for _, c := range s.charts {
		if err := f.AddChart(s.name, cellName(1, c.row), c.chart); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// rowStream writes a sheet's body rows, in order, after its collected rows.
type rowStream struct {
	s    *sheet
	st   *styles
	sw   *excelize.StreamWriter
	last int   // the last row written
	vals []any // reused for every row
	// Page planning (see paginate), when the sheet has label columns:
	// the height a page holds, the repeated rows' height, the height used
	// on the current page and the row it starts with.
	paged                 bool
	capacity, title, used float64
	pageStart             int
}

// breakIfFull starts a new printed page before row r when a height of need
// points (the row, and what must stay on its page) does not fit on the
// current one, and reports whether it did.
func (w *rowStream) breakIfFull(r int, need float64) bool {
	if !w.paged || r <= w.pageStart || w.used+need <= w.capacity {
		return false
	}
	if err := w.sw.InsertPageBreak(cellName(1, r)); err != nil {
		return false // the cell name is valid: no error
	}
	w.used, w.pageStart = w.title, r
	return true
}

// row writes row r (after every row written so far) with the given
// height, 0 for the default.
func (w *rowStream) row(r int, cells []excelize.Cell, height float64) error {
	if r <= w.last {
		return fmt.Errorf("工作表“%s”第%d行写在第%d行之后", w.s.name, r, w.last)
	}
	if len(cells) > len(w.vals) {
		return fmt.Errorf("工作表“%s”第%d行超出了表格的列数", w.s.name, r)
	}
	w.last = r
	if w.paged {
		if height > 0 {
			w.used += height
		} else {
			w.used += w.s.rowHeight(r)
		}
	}
	clear(w.vals)
	for i := range cells {
		w.vals[i] = &cells[i] // a pointer: no copy of the cell per row
	}
	return w.sw.SetRow(cellName(1, r), w.vals[:len(cells)], excelize.RowOpts{Height: height})
}

// merge merges a range whose cells are written (with the same style).
func (w *rowStream) merge(c1, r1, c2, r2 int) error {
	return w.sw.MergeCell(cellName(c1, r1), cellName(c2, r2))
}

// fit is the height a text needs in the columns c1..c2 with the given
// style, as fitRows sizes rows.
func (w *rowStream) fit(text string, c1, c2, style int) float64 {
	pt := w.st.fontSize(style)
	if text == "" {
		return lineHeight(1, sizeBody)
	}
	return max(lineHeight(1, sizeBody), lineHeight(linesFor(text, w.s.sumWidths(c1, c2), pt), pt))
}

// roundHeight is a row height as the file holds it: whole quarter points,
// at most Excel's limit.
func roundHeight(h float64) float64 { return min(math.Ceil(h*4)/4, maxRowPt) }

func activePane(p pageSetup) string {
	switch {
	case p.freezeRows > 0 && p.freezeCols > 0:
		return "bottomRight"
	case p.freezeRows > 0:
		return "bottomLeft"
	}
	return "topRight"
}

// Page margins in inches: 1.5 cm at the sides and 2 cm top and bottom leave
// room for the page-number footer and fit a wide table on A4.
var (
	marginSide   = 0.6
	marginTop    = 0.8
	marginBottom = 0.8
	marginHF     = 0.3
)

// setupPage sets the print setup (A4, fit to one page wide, centred
// horizontally, page numbers) before the stream writer takes the sheet over:
// the sheet properties are written when the stream starts, the rest when it
// is flushed.
func (s *sheet) setupPage(f *excelize.File) error {
	yes := true
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	orientation := "portrait"
	if s.landscape() {
		orientation = "landscape"
	}
	a4, one, zero := 9, 1, 0
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: &marginSide, Right: &marginSide, Top: &marginTop, Bottom: &marginBottom,
		Header: &marginHF, Footer: &marginHF, Horizontally: &yes,
	}); err != nil {
		return err
	}
	return f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddFooter: "&C第 &P 页，共 &N 页",
	})
}

// setPrintTitles repeats the sheet's header rows on every printed page. It
// must run after all sheets exist: the defined name is scoped by sheet index.
func (s *sheet) setPrintTitles(f *excelize.File) error {
	if s.page.titleRows[0] == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(s.name), s.page.titleRows[0], s.page.titleRows[1]),
		Scope:    s.name,
	})
}

// build writes the sheets into a new workbook and returns its bytes, made
// deterministic by finish.
func build(sheets []*sheet, st *styles, props docProps) (_ []byte, err error) {
	f := st.f
	defer func() {
		// Close removes the stream writer's temporary files, if any.
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	for i, s := range sheets {
		if err := s.write(st, i == 0); err != nil {
			return nil, err
		}
	}
	for _, s := range sheets {
		if err := s.setPrintTitles(f); err != nil {
			return nil, err
		}
	}
	// The first sheet is excelize's Sheet1, renamed: it is the active one
	// already. (SetActiveSheet would read every streamed sheet back and
	// marshal it again, only for the stream to be written instead.)
	f.ZipWriter = newLevelZip
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return finish(buf.Bytes(), props)
}

// cellName is the A1 reference of a cell.
func cellName(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

// colName is a column's letters.
func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// quoteSheet is a sheet name as formulas refer to it: always quoted, with
// quotes doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// ref is a reference to a cell on another sheet.
func ref(sheetName string, col, row int) string {
	return quoteSheet(sheetName) + "!" + cellName(col, row)
}

// rangeRef is "A1:A9", or "A1" for a single cell.
func rangeRef(col1, row1, col2, row2 int) string {
	if col1 == col2 && row1 == row2 {
		return cellName(col1, row1)
	}
	return cellName(col1, row1) + ":" + cellName(col2, row2)
}

// quoteText is a string literal inside a formula.
func quoteText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// num is a decimal as a cached or constant cell value. excelize writes a
// float64 as its shortest decimal text, cut to 15 significant digits; a
// decimal of at most limits.Digits significant digits comes back from that
// text exactly, and no other is ever written: num stops the workbook
// (through stopOnInexact) rather than write a number other than the
// figures file's. The loaders refuse such numbers where they are typed;
// this guards what is computed from them (a sum one digit longer).
func num(d decimal.Decimal) float64 {
	f := d.InexactFloat64()
	text := strconv.FormatFloat(f, 'f', -1, 64)
	if significant(text) > limits.Digits {
		panic(inexactError{d: d, digits: significant(text)})
	}
	if back, err := decimal.NewFromString(text); err != nil || !back.Equal(d) {
		panic(inexactError{d: d, digits: limits.Digits + 1})
	}
	return f
}

// significant counts the significant digits of a number's text: 0.0012 has
// 2, 1352.2 has 5, 100 has 3. It runs for every figure of a workbook (a
// 100 000-row detail sheet has 200 000), so it allocates nothing: two
// strings.NewReplacer per call were 1.7 GB for a 10 000-row sheet.
func significant(text string) int {
	text = strings.TrimPrefix(text, "-")
	if strings.IndexByte(text, '.') < 0 {
		// Zeros at the end of an integer are digits.
		return len(strings.TrimLeft(text, "0"))
	}
	first, last, n := -1, -1, 0 // among the digits, the point skipped
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '.':
			continue
		case c != '0':
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}

// inexactError is a figure no cell can hold exactly.
type inexactError struct {
	d      decimal.Decimal
	digits int
}

func (e inexactError) Error() string {
	v := e.d.String()
	if len(v) > 40 {
		v = v[:20] + "……"
	}
	return fmt.Sprintf("其中的数 %s 超过 %d 位有效数字，Excel 无法精确保存，写入后会变成别的数；请减少数据中相关金额的位数", v, limits.Digits)
}

// stopOnInexact turns num's panic into the workbook's error.
func stopOnInexact(err *error) {
	if r := recover(); r != nil {
		ie, ok := r.(inexactError)
		if !ok {
			panic(r)
		}
		*err = ie
	}
}

// ratNum is an exact rational as a cached value: the nearest float64.
func ratNum(r *big.Rat) float64 {
	f, _ := r.Float64()
	return f
}

// places is the number of decimals a set of figures needs, at least min.
func places(min int, ds ...decimal.Decimal) int {
	p := min
	for _, d := range ds {
		// String drops trailing zeros: 1.50 needs 1 place, not 2.
		s := d.String()
		if i := strings.IndexByte(s, '.'); i >= 0 {
			p = max(p, len(s)-i-1)
		}
	}
	return p
}

// fixedFormat is a number format with the given decimals: 0, 0.00, 0.000…
func fixedFormat(p int) string { return "0" + decimalsSuffix(p) }

// groupedFormat is fixedFormat with thousands separators: #,##0.00.
func groupedFormat(p int) string { return "#,##0" + decimalsSuffix(p) }

// decimalsSuffix is ".00" for 2 places, "" for none.
func decimalsSuffix(p int) string {
	if p <= 0 {
		return ""
	}
	return "." + strings.Repeat("0", p)
}

// textWidth estimates how many column-width units (the width of a digit of
// the default 11pt font) a line of text takes at the given font size: a CJK
// character is one em, about two units at 11pt. The estimate errs on the
// wide side, so that a row is rather a little too tall than clipped.
func textWidth(s string, pt float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 1.05
		} else {
			w += 2.0
		}
	}
	return w * pt / 11
}

// linesFor estimates how many lines a text wraps to in a cell width.
func linesFor(text string, width, pt float64) int {
	usable := max(width-0.8, 1) // the cell's padding
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += int(textWidth(line, pt)/usable) + 1
	}
	return n
}

// sumWidths is the width of columns c1..c2.
func (s *sheet) sumWidths(c1, c2 int) float64 {
	w := 0.0
	for c := c1; c <= c2; c++ {
		w += s.widths[c-1]
	}
	return w
}
