package fund

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/safename"
	"ipfund/internal/sheet"
	"ipfund/internal/suggest"
	"ipfund/internal/tomlx"
)

// A detail table's rows may come from a spreadsheet staff already have
// (rows_from = "奖励名单.xlsx" or a .csv file, in the year's directory).
// The TOML file keeps the table's structure: its columns with their kinds,
// the unit, the grouping and spending columns. The spreadsheet's header row
// is matched to the columns by title (or by a column's from), and every
// cell is checked for its column's kind, as TOML rows are.
//
// Groups come from the grouping column: consecutive rows with the same
// label form a group. A row that says 小计 closes its group with stated
// subtotals, and a last row that says 合计 (or 总计) states the total;
// both are checked against the rows like a TOML file's subtotal and total,
// never added to them.

// Texts that mark a subtotal or total row of a spreadsheet.
var (
	subtotalWords = []string{"小计"}
	totalWords    = []string{"合计", "总计"}
)

// readSource reads the table's rows from its rows_from spreadsheet in dir.
func (d *Detail) readSource(dir, name string) diag.List {
	var ds diag.List
	if len(d.Groups) > 0 {
		ds.Errorf(d.At.Key("rows_from"), "%s的行已由“rows_from”指定从“%s”读取，又写了“[[detail.group]]”。两者只能选一：请删去“[[detail.group]]”各节，或删去“rows_from”。", name, d.RowsFrom)
		return ds
	}
	path, ok := sourcePath(dir, d.RowsFrom)
	if !ok {
		ds.Errorf(d.At.Key("rows_from"), "%s的“rows_from”写的是“%s”：只能写与数据文件放在同一目录下的文件名（如 \"奖励名单.xlsx\"），不能含有目录或盘符。请把表格文件复制到 %s 中，“rows_from”只写文件名。", name, d.RowsFrom, dir)
		return ds
	}
	if dev, bad := safename.Reserved(d.RowsFrom); bad {
		ds.Errorf(d.At.Key("rows_from"), "%s的“rows_from”写的是“%s”：%s 是 Windows 的设备名，不能用作文件名（在 Windows 上打开它会读到设备而不是文件）。请把表格文件改名（如“奖励名单.xlsx”），并把“rows_from”改为新文件名。", name, d.RowsFrom, dev)
		return ds
	}
	if d.HeaderRow < 0 {
		ds.Errorf(d.At.Key("header_row"), "%s的“header_row”（表头所在行）写的是 %d，应为从 1 开始的行号（不写则为 1）。", name, d.HeaderRow)
		return ds
	}
	if d.Sheet != "" && strings.EqualFold(filepath.Ext(path), ".csv") {
		ds.Errorf(d.At.Key("sheet"), "%s取自 CSV 文件“%s”，CSV 文件没有工作表，不需要“sheet”。请删去“sheet = \"%s\"”。", name, d.RowsFrom, d.Sheet)
		return ds
	}
	for _, c := range d.Columns {
		if c.Kind != ColSeq && c.Title == "" && c.From == "" {
			ds.Errorf(c.At.Pos(), "%s的“%s”列没有表头（“title”为空），无法在表格“%s”中找到它。请用“from = \"表格中的列名\"”写明它在表格中的列名。", name, c.Key, d.RowsFrom)
		}
	}
	if len(ds) > 0 {
		return ds
	}
	r := &sourceReader{d: d, name: name, headerRow: max(d.HeaderRow, 1), groupCol: -1, seen: map[string]int{}}
	for i, c := range d.Columns {
		if c.Kind == ColGroup {
			r.groupCol = i
		}
	}
	src, sds := sheet.Read(path, sheet.Options{Sheet: d.Sheet, HeaderRow: r.headerRow}, r.row)
	if src == nil {
		return append(ds, sds...)
	}
	ds = append(ds, r.named(sds)...)
	r.src = &Source{Source: *src, Name: d.RowsFrom}
	if r.matched {
		r.src.Columns, r.src.Headers = r.columns, r.headers
	}
	r.finish()
	for i := range r.ds {
		if p := &r.ds[i].Pos; p.File == "" {
			p.File, p.Sheet = src.Path, src.Sheet
		}
	}
	d.Source = r.src
	d.Groups = r.groups
	// A blank cell inside a merged range follows from the merge, which
	// is reported already (at its top-left cell, the one that holds
	// something).
	for _, p := range r.named(r.ds) {
		inMerge := false
		for _, m := range src.Merged {
			row, col := p.Pos.Line, p.Pos.Col-1
			if col >= 0 && m.Contains(row, col) && (row != m.FromRow || col != m.FromCol) {
				inMerge = true
			}
		}
		if !inMerge {
			ds = append(ds, p)
		}
	}
	return ds
}

// named gives a cell's position the title of its column, from the header
// row, where the position has none.
func (r *sourceReader) named(ds diag.List) diag.List {
	for i := range ds {
		p := &ds[i].Pos
		if p.Grid && p.Col > 0 && p.Header == "" && p.Line > r.headerRow && p.Col <= len(r.titles) {
			p.Header = r.titles[p.Col-1]
		}
	}
	return ds
}

// sourceReader turns the rows of a spreadsheet into a detail table's groups.
type sourceReader struct {
	d         *Detail
	name      string
	headerRow int
	groupCol  int // index in d.Columns of the grouping column, -1 when none
	src       *Source
	ds        diag.List
	dropped   int

	header, matched bool
	stop            bool
	columns         []int
	headers         []string
	// titles are the header row's cells, by spreadsheet column.
	titles []string

	groups []RowGroup
	// seen holds, for each group label but the current one's, the last
	// row of its group.
	seen      map[string]int
	rows      int
	totalLine int
	slab      []Cell
	// failed tells that the last data row had a problem: a 小计 after it
	// may well be its group's.
	failed bool
}

// pos is a row (col −1) or a cell of the spreadsheet; the file and sheet
// are filled in once sheet.Read has said which sheet it read.
func (r *sourceReader) pos(row, col int) diag.Pos {
	p := diag.Pos{Line: row, Grid: true}
	if col >= 0 && r.matched && r.columns[col] >= 0 {
		p.Col, p.Header = r.columns[col]+1, r.headers[col]
	}
	return p
}

// problem records an error, up to sheet.MaxProblems per table.
func (r *sourceReader) problem(pos diag.Pos, msg, hint string) {
	if len(r.ds) >= sheet.MaxProblems {
		r.dropped++
		return
	}
	r.ds.Add(diag.Diagnostic{Pos: pos, Msg: msg, Hint: hint})
}

// row takes one row of the spreadsheet: the header first, then the data.
func (r *sourceReader) row(row sheet.Row) {
	if r.stop {
		return
	}
	if !r.header {
		r.header = true
		if row.Num != r.headerRow {
			r.problem(r.pos(r.headerRow, -1), fmt.Sprintf("表头行（第%d行）是空的：程序在这一行按列名寻找各列。", r.headerRow),
				"请在“header_row”中写明列名所在的行号（不写则为第1行）。")
			r.stop = true
			return
		}
		r.matchHeader(row)
		if !r.matched {
			r.stop = true
		}
		return
	}
	if r.totalLine > 0 {
		r.problem(r.pos(row.Num, -1), fmt.Sprintf("合计行（第%d行）下面还有内容（第%d行）。合计行必须是表格的最后一行。", r.totalLine, row.Num),
			"请删去合计行以下的内容（说明文字请移到别的工作表），或把合计行移到最后。")
		r.stop = true
		return
	}
	m := marker(row)
	defer func() {
		if m != "" {
			r.failed = false
		}
	}()
	switch m {
	case "小计":
		r.subtotal(row)
	case "合计":
		r.total(row)
	default:
		r.data(row)
	}
}

// marker tells a 小计 or 合计 row by a cell that says so.
func marker(row sheet.Row) string {
	for _, c := range row.Cells {
		if c.Kind == sheet.Text && len(c.Text) <= 24 {
			if m := markerText(c.Text); m != "" {
				return m
			}
		}
	}
	return ""
}

// markerText tells whether a text says 小计 or 合计, spaces aside (小  计).
func markerText(s string) string {
	if !strings.Contains(s, "计") {
		return "" // the usual cell, told without allocating
	}
	t := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
	for _, w := range subtotalWords {
		if t == w {
			return "小计"
		}
	}
	for _, w := range totalWords {
		if t == w {
			return "合计"
		}
	}
	return ""
}

// headerKey is how a column title is compared: without spaces and line
// breaks, full-width letters, digits and brackets as half-width, in lower
// case (支付金额(万元) matches 支付金额（万元）).
func headerKey(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			continue
		case c >= '！' && c <= '～':
			c = c - '！' + '!'
		case c == '【':
			c = '['
		case c == '】':
			c = ']'
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// matchHeader finds each column of the table in the header row.
func (r *sourceReader) matchHeader(row sheet.Row) {
	cols := r.d.Columns
	r.columns = make([]int, len(cols))
	r.headers = make([]string, len(cols))
	var titles []string
	byKey := map[string][]int{}
	for j, c := range row.Cells {
		r.titles = append(r.titles, strings.TrimSpace(c.Text))
		if c.IsBlank() {
			continue
		}
		t := strings.TrimSpace(c.Text)
		titles = append(titles, fmt.Sprintf("%s列“%s”", sheet.ColumnName(j), t))
		byKey[headerKey(t)] = append(byKey[headerKey(t)], j)
	}
	ok := true
	usedBy := map[int]int{}
	for i, c := range cols {
		r.columns[i] = -1
		if c.Kind == ColSeq {
			continue
		}
		want, at := c.Title, c.At.Key("title")
		if c.From != "" {
			want, at = c.From, c.At.Key("from")
		}
		found := byKey[headerKey(want)]
		switch {
		case len(found) == 0:
			ok = false
			r.ds.Add(diag.Diagnostic{Pos: at,
				Msg:  fmt.Sprintf("%s的“%s”列在表格“%s”的表头（第%d行）中找不到：没有名为“%s”的列。%s表头各列：%s。", r.name, c.Key, r.d.RowsFrom, row.Num, want, r.didYouMean(want, row), strings.Join(titles, "、")),
				Hint: "请改正“title”，或用“from = \"表格中的列名\"”写明该列在表格中的名称（空格、全角半角括号不计）；若表头不在第1行，请用“header_row”写明行号。"})
		case len(found) > 1:
			ok = false
			var where []string
			for _, j := range found {
				where = append(where, sheet.ColumnName(j)+"列")
			}
			r.ds.Add(diag.Diagnostic{Pos: r.pos(row.Num, -1),
				Msg:  fmt.Sprintf("表头中有 %d 列都叫“%s”（%s），程序无法确定“%s”列读哪一列。", len(found), want, strings.Join(where, "、"), c.Key),
				Hint: "请修改表格的表头，使各列名称不同。"})
		default:
			j := found[0]
			if prev, dup := usedBy[j]; dup {
				ok = false
				r.ds.Add(diag.Diagnostic{Pos: at,
					Msg:  fmt.Sprintf("%s的“%s”列和“%s”列对应的是表格的同一列：%s列“%s”。", r.name, cols[prev].Key, c.Key, sheet.ColumnName(j), strings.TrimSpace(row.Cell(j).Text)),
					Hint: "每一列须对应表格中不同的列：请改正其中一列的“title”，或用“from”写明它在表格中的列名。"})
				continue
			}
			usedBy[j] = i
			r.columns[i], r.headers[i] = j, strings.TrimSpace(row.Cell(j).Text)
		}
	}
	r.matched = ok
}

// didYouMean suggests the header cell nearest to a title not found: one
// that holds it or is held in it (支出金额 for 支出金额（元）), or else one a
// few typos away.
func (r *sourceReader) didYouMean(want string, row sheet.Row) string {
	var names []string
	for _, c := range row.Cells {
		if !c.IsBlank() {
			names = append(names, strings.TrimSpace(c.Text))
		}
	}
	best := ""
	for _, n := range names {
		if k, w := headerKey(n), headerKey(want); strings.Contains(k, w) || strings.Contains(w, k) {
			best = n
			break
		}
	}
	if best == "" {
		best = suggest.Closest(want, names)
	}
	if best != "" {
		return "是不是“" + best + "”？"
	}
	return ""
}

// cells allocates a row's cells from a slab, so that a long table makes a
// few large allocations instead of one per row.
func (r *sourceReader) cells() Row {
	n := len(r.d.Columns)
	if len(r.slab) < n {
		r.slab = make([]Cell, n*1024)
	}
	row := Row(r.slab[:n:n])
	r.slab = r.slab[n:]
	return row
}

// data reads one data row into its group.
func (r *sourceReader) data(row sheet.Row) {
	out := r.cells()
	ok := true
	label := ""
	for i, c := range r.d.Columns {
		j := r.columns[i]
		if j < 0 {
			continue
		}
		cell := row.Cell(j)
		switch c.Kind {
		case ColGroup:
			if p := badText(cell); p != nil {
				ok = false
				r.problem(r.pos(row.Num, i), p.Msg, p.Hint)
				continue
			}
			label = textOf(cell)
			if label == "" {
				ok = false
				r.problem(r.pos(row.Num, i), fmt.Sprintf("分组列“%s”是空的：每一行都要写明它属于哪一组。", r.headers[i]),
					"请在每一行都填上组名（不要合并单元格；可以复制上一行的组名）。")
			}
		case ColText:
			if p := badText(cell); p != nil {
				ok = false
				r.problem(r.pos(row.Num, i), p.Msg, p.Hint)
				continue
			}
			out[i] = Cell{Text: textOf(cell)}
		case ColCount, ColAmount:
			if cell.IsBlank() {
				continue
			}
			n, p := number(cell)
			if p != nil {
				ok = false
				r.problem(r.pos(row.Num, i), p.Msg, p.Hint)
				continue
			}
			out[i] = Cell{Text: numberText(cell.Text, n), Num: n, IsNum: true}
		}
	}
	r.failed = !ok
	if !ok {
		return
	}
	r.rows++
	g := r.current()
	if g == nil || g.Label != label || g.SubtotalLine != 0 {
		if g != nil {
			r.seen[g.Label] = int(g.Lines[len(g.Lines)-1])
		}
		if last, dup := r.seen[label]; dup && r.groupCol >= 0 {
			first := ""
			if g != nil && g.Label == label {
				first = fmt.Sprintf("该组已在第%d行小计，", g.SubtotalLine)
			}
			r.problem(r.pos(row.Num, r.groupCol), fmt.Sprintf("组“%s”的行不连续：%s第%d行又出现了这一组（上一次到第%d行为止）。", label, first, row.Num, last),
				"同一组的各行须排在一起，小计行放在该组最后。请在 Excel 中按分组列排序（或移动这些行）后保存。")
			return
		}
		r.groups = append(r.groups, RowGroup{At: r.d.At, Label: label})
		g = r.current()
	}
	g.Rows = append(g.Rows, out)
	g.Lines = append(g.Lines, int32(row.Num))
}

func (r *sourceReader) current() *RowGroup {
	if len(r.groups) == 0 {
		return nil
	}
	return &r.groups[len(r.groups)-1]
}

// number is a cell's number, refused as a TOML file's is when it has
// more digits than the workbook can keep (limits.Digits).
func number(c sheet.Cell) (decimal.Decimal, *sheet.Problem) {
	n, p := sheet.Number(c)
	if p != nil {
		return n, p
	}
	if digits := tomlx.Digits(n); digits > limits.Digits {
		return n, sheet.TooManyDigits(n.String(), digits)
	}
	return n, nil
}

// numberText is how a number read from text prints: the text itself when
// it is already the number's shortest form (400000, 1352.2: no copy for
// the usual cell), else the number's.
func numberText(text string, n decimal.Decimal) string {
	t := strings.TrimSpace(text)
	if canonical(t) && len(t) <= 15 {
		return t
	}
	return n.String()
}

// canonical reports whether s is a decimal written as decimal.String
// writes it: no plus sign, no leading or trailing zeros, no exponent.
func canonical(s string) bool {
	neg := strings.HasPrefix(s, "-")
	whole, frac, point := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	switch {
	case whole == "", len(whole) > 1 && whole[0] == '0', point && (frac == "" || frac[len(frac)-1] == '0'), neg && whole == "0" && !point:
		return false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}

// textOf is a cell as text: a number in its shortest form, a date as
// 2019年3月5日.
func textOf(c sheet.Cell) string {
	if c.Kind == sheet.Numeric {
		if n, p := sheet.Number(c); p == nil {
			return n.String()
		}
	}
	return strings.TrimSpace(c.Text)
}

// badText reports a text cell that holds a formula error, a formula
// without a result, or an invisible control character (which a TOML file
// cannot hold and a Word document cannot show: it would be dropped
// without a word).
func badText(c sheet.Cell) *sheet.Problem {
	if c.Kind == sheet.Error || c.Kind == sheet.NoValue {
		_, p := sheet.Number(c)
		return &sheet.Problem{Msg: strings.Replace(p.Msg, "，不是数字", "", 1), Hint: p.Hint}
	}
	if r, before, bad := tomlx.FindControl(c.Text); bad {
		return &sheet.Problem{Msg: fmt.Sprintf("有看不见的控制字符（U+%04X，在第%d个字之后）。", r, before),
			Hint: "多半是从别的系统复制来的文字带进来的。请在 Excel 中重新输入这一格（或用 CLEAN 函数去掉它）后保存。"}
	}
	return nil
}

// stated reads the figures of a 小计 or 合计 row: the summed columns'
// numbers, blank ones left to the tool.
func (r *sourceReader) stated(row sheet.Row, what string) (map[string]tomlx.Scalar, bool) {
	out := map[string]tomlx.Scalar{}
	ok := true
	for i, c := range r.d.Columns {
		j := r.columns[i]
		if j < 0 || !c.Numeric() {
			continue
		}
		cell := row.Cell(j)
		if cell.IsBlank() {
			continue
		}
		n, p := number(cell)
		switch {
		case p != nil:
			ok = false
			r.problem(r.pos(row.Num, i), p.Msg, p.Hint)
		case !c.Sum:
			ok = false
			r.problem(r.pos(row.Num, i), fmt.Sprintf("%s行的“%s”列有数字 %s，但该列不合计（“columns”中没有“sum = true”）。", what, r.headers[i], n),
				"如需合计，请在该列加上“sum = true”；否则请删去这个数字。")
		default:
			out[c.Key] = tomlx.Scalar{Text: n.String(), Num: n, IsNum: true}
		}
	}
	return out, ok
}

// subtotal reads a 小计 row: it closes the group above it.
func (r *sourceReader) subtotal(row sheet.Row) {
	g := r.current()
	switch {
	case r.groupCol < 0:
		r.problem(r.pos(row.Num, -1), fmt.Sprintf("第%d行是小计行，但明细表没有分组列（“kind = \"group\"”），无从小计。", row.Num),
			"请删去小计行（合计由程序计算），或在“columns”中加上分组列。")
		return
	case r.failed:
		// Its group's rows had a problem, reported already.
		return
	case g == nil || g.SubtotalLine != 0:
		r.problem(r.pos(row.Num, -1), fmt.Sprintf("第%d行是小计行，但上面没有属于它的明细行。", row.Num),
			"小计行应紧接在它所小计的那一组各行之后；请删去多余的小计行。")
		return
	}
	cell := row.Cell(r.columns[r.groupCol])
	if p := badText(cell); p != nil {
		// Said as it is, not as a label unlike the group's that looks the same.
		r.problem(r.pos(row.Num, r.groupCol), p.Msg, p.Hint)
		return
	}
	if label := textOf(cell); label != "" && label != g.Label && markerText(label) == "" {
		r.problem(r.pos(row.Num, r.groupCol), fmt.Sprintf("第%d行的小计写的组名是“%s”，但上面各行属于组“%s”。", row.Num, label, g.Label),
			"请改正组名：小计行的组名应与它上面各行相同（或空着）。")
		return
	}
	sub, ok := r.stated(row, "小计")
	if ok {
		g.Subtotal, g.SubtotalLine = sub, row.Num
	}
}

// total reads the 合计 row, which must be the last.
func (r *sourceReader) total(row sheet.Row) {
	if r.rows == 0 {
		r.problem(r.pos(row.Num, -1), fmt.Sprintf("第%d行是合计行，但上面没有明细行。", row.Num), "请确认“header_row”写的是表头所在的行。")
		return
	}
	if r.d.Total != nil {
		r.problem(r.pos(row.Num, -1), fmt.Sprintf("表格第%d行是合计行，数据文件中又写了“total”。", row.Num),
			"合计只需写在一处：请删去数据文件中的“total”（程序会用表格的合计行核对各行）。")
		return
	}
	total, ok := r.stated(row, "合计")
	r.totalLine = row.Num
	if ok {
		r.d.Total = total
	}
}

// finish checks what only the whole table shows.
func (r *sourceReader) finish() {
	r.src.TotalLine = r.totalLine
	r.src.Rows = r.rows
	if r.dropped > 0 {
		// Counted as the problems it stands for, and listed after them.
		d := diag.Omitted("", r.dropped, diag.Error)
		d.Pos = r.pos(0, -1)
		r.ds.Add(d)
	}
	switch {
	case !r.header:
		r.ds.Add(diag.Diagnostic{Pos: r.pos(r.headerRow, -1), Msg: fmt.Sprintf("表格是空的：从第%d行（表头行）起没有任何内容。", r.headerRow),
			Hint: "请确认“rows_from”指向的文件和“sheet”指定的工作表正确，“header_row”写的是表头所在的行。"})
	case r.matched && r.rows == 0 && len(r.ds) == 0:
		r.ds.Add(diag.Diagnostic{Pos: r.pos(r.headerRow, -1), Msg: fmt.Sprintf("表头（第%d行）以下没有数据行。", r.headerRow),
			Hint: "请确认选对了文件和工作表。"})
	}
}
