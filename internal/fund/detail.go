package fund

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
)

// Units a detail table may use.
const (
	UnitWan  = "万元"
	UnitYuan = "元"
)

var tenThousand = decimal.NewFromInt(10000)

// ToWan converts an amount in the table's unit to 万元.
func (d *Detail) ToWan(x decimal.Decimal) decimal.Decimal {
	if d.Unit == UnitYuan {
		return x.Div(tenThousand)
	}
	return x
}

// Column returns the column with the given key.
func (d *Detail) Column(key string) (Column, bool) {
	if i := d.ColumnIndex(key); i >= 0 {
		return d.Columns[i], true
	}
	return Column{}, false
}

// ColumnIndex returns the index of the column with the given key (the
// index of its cells in a Row), or -1.
func (d *Detail) ColumnIndex(key string) int {
	for i, c := range d.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// Cell returns the cell of column i, blank beyond the row's end.
func (r Row) Cell(i int) Cell {
	if i >= 0 && i < len(r) {
		return r[i]
	}
	return Cell{}
}

// IsBlank reports whether the cell holds nothing.
func (c Cell) IsBlank() bool { return !c.IsNum && c.Text == "" }

// numCell is a cell holding a number.
func numCell(n decimal.Decimal) Cell { return Cell{Text: n.String(), Num: n, IsNum: true} }

// sum adds up column i over the group's rows; blank cells count as 0.
func (g RowGroup) sum(i int) decimal.Decimal {
	var s decimalSum
	if i >= 0 {
		for _, r := range g.Rows {
			if i < len(r) && r[i].IsNum {
				s.add(r[i].Num)
			}
		}
	}
	return s.total()
}

// decimalSum adds decimals exactly. Figures of up to 18 digits, the usual
// case, are added as integers at a common exponent, which allocates
// nothing (decimal.Add allocates for every addition: a long table's sums
// were a third of a build); whatever does not fit is added as decimals.
type decimalSum struct {
	acc  int64 // the sum of the fitting figures, in units of 10^exp
	exp  int32
	n    int
	rest decimal.Decimal // the sum of the others
}

func (s *decimalSum) add(d decimal.Decimal) {
	if d.NumDigits() <= 18 {
		c, e := d.CoefficientInt64(), d.Exponent()
		if s.n == 0 {
			s.acc, s.exp, s.n = c, e, 1
			return
		}
		acc, exp, ok := s.acc, s.exp, true
		switch {
		case e > exp:
			c, ok = scale10(c, e-exp)
		case e < exp:
			acc, ok = scale10(acc, exp-e)
			exp = e
		}
		if sum := acc + c; ok && (c >= 0) == (sum >= acc) {
			s.acc, s.exp = sum, exp
			s.n++
			return
		}
	}
	s.rest = s.rest.Add(d)
}

func (s *decimalSum) total() decimal.Decimal {
	if s.n == 0 {
		return s.rest
	}
	return s.rest.Add(decimal.New(s.acc, s.exp))
}

// scale10 multiplies x by 10^k, reporting whether it fits in an int64.
func scale10(x int64, k int32) (int64, bool) {
	for ; k > 0; k-- {
		if x > math.MaxInt64/10 || x < math.MinInt64/10 {
			return 0, false
		}
		x *= 10
	}
	return x, true
}

// GroupSum adds up a numeric column over the rows of group g; blank
// cells count as 0.
func (d *Detail) GroupSum(g RowGroup, key string) decimal.Decimal {
	return g.sum(d.ColumnIndex(key))
}

// Sum adds up a numeric column over every row of the table.
func (d *Detail) Sum(key string) decimal.Decimal {
	i := d.ColumnIndex(key)
	var s decimalSum
	if i >= 0 {
		for _, g := range d.Groups {
			for _, r := range g.Rows {
				if i < len(r) && r[i].IsNum {
					s.add(r[i].Num)
				}
			}
		}
	}
	return s.total()
}

// RowCount is the number of rows of the table.
func (d *Detail) RowCount() int {
	n := 0
	for _, g := range d.Groups {
		n += len(g.Rows)
	}
	return n
}

// Lookup resolves a cell reference "组名:列代号" (the group's sum) or
// "组名/行中文字:列代号" (the row of the group holding that text) and
// describes the cell in words for messages.
func (d *Detail) Lookup(ref string) (decimal.Decimal, string, error) {
	where, key, ok := cutRef(ref)
	if !ok {
		return decimal.Zero, "", fmt.Errorf("引用“%s”应写成“组名:列代号”或“组名/行中文字:列代号”", ref)
	}
	col, found := d.Column(key)
	switch {
	case !found:
		return decimal.Zero, "", fmt.Errorf("引用“%s”中的列代号“%s”不在明细表的 columns 中（可引用的数字列：%s）", ref, key, d.numericKeys())
	case !col.Numeric():
		return decimal.Zero, "", fmt.Errorf("引用“%s”中的列“%s”（%s）不是数字列，无法核对（可引用的数字列：%s）", ref, key, col.Title, d.numericKeys())
	}
	label, rowText, byRow := strings.Cut(where, "/")
	ci := d.ColumnIndex(key)
	for _, g := range d.Groups {
		if g.Label != label {
			continue
		}
		if !byRow {
			return g.sum(ci), fmt.Sprintf("明细表“%s”的“%s”", label, col.Title), nil
		}
		for _, r := range g.Rows {
			for _, c := range r {
				if !c.IsNum && c.Text == rowText {
					return r.Cell(ci).Num, fmt.Sprintf("明细表“%s %s”的“%s”", label, rowText, col.Title), nil
				}
			}
		}
		return decimal.Zero, "", fmt.Errorf("引用“%s”：明细表“%s”组中没有写着“%s”的行", ref, label, rowText)
	}
	labels := make([]string, len(d.Groups))
	for i, g := range d.Groups {
		labels[i] = "“" + g.Label + "”"
	}
	return decimal.Zero, "", fmt.Errorf("引用“%s”：明细表中没有名为“%s”的组（各组：%s）", ref, label, strings.Join(labels, "、"))
}

// cutRef splits a cell reference at its colon (half- or full-width) into
// where (组名 or 组名/行中文字) and the column key.
func cutRef(ref string) (where, key string, ok bool) {
	if where, key, ok = strings.Cut(ref, ":"); !ok {
		where, key, ok = strings.Cut(ref, "：")
	}
	return where, key, ok
}

// SameAmount reports whether x, a figure written in the data, is the
// amount v that the reference ref found in the table: equal as written,
// or, for an amount column of a table in 元, equal to it in 万元, the unit
// of every other amount in the data.
func (d *Detail) SameAmount(ref string, v, x decimal.Decimal) bool {
	if v.Equal(x) {
		return true
	}
	_, key, _ := cutRef(ref)
	col, ok := d.Column(key)
	return ok && col.Kind == ColAmount && d.Unit == UnitYuan && d.ToWan(v).Equal(x)
}

// numericKeys lists the keys of the numeric columns with their titles,
// for messages: count（专利数量（件））、amount（奖励金额（元））; 无 when none.
func (d *Detail) numericKeys() string {
	var keys []string
	for _, c := range d.Columns {
		if c.Numeric() {
			keys = append(keys, c.Key+"（"+c.Title+"）")
		}
	}
	if len(keys) == 0 {
		return "无"
	}
	return strings.Join(keys, "、")
}

// RowPos is where row i of group g is written: its line in the TOML file,
// or its row in the spreadsheet the table's rows come from.
func (d *Detail) RowPos(g *RowGroup, i int) diag.Pos {
	if d.Source == nil || i >= len(g.Lines) {
		return g.At.Elem("rows", i)
	}
	return d.Source.pos(int(g.Lines[i]), -1)
}

// CellPos is where the cell of column col (an index of d.Columns) of row i
// of group g is written: in a spreadsheet, its row and column.
func (d *Detail) CellPos(g *RowGroup, i, col int) diag.Pos {
	if d.Source == nil || i >= len(g.Lines) {
		return g.At.Elem("rows", i)
	}
	return d.Source.pos(int(g.Lines[i]), col)
}

// LabelPos is where the group's label is written: its label key, or in a
// spreadsheet the grouping column of its first row.
func (d *Detail) LabelPos(g *RowGroup) diag.Pos {
	if d.Source == nil || len(g.Lines) == 0 {
		return g.At.Key("label")
	}
	for i, c := range d.Columns {
		if c.Kind == ColGroup {
			return d.CellPos(g, 0, i)
		}
	}
	return d.RowPos(g, 0)
}

// SubtotalPos is where the group's stated 小计 is written.
func (d *Detail) SubtotalPos(g *RowGroup) diag.Pos {
	if d.Source == nil || g.SubtotalLine == 0 {
		return g.At.Key("subtotal")
	}
	return d.Source.pos(g.SubtotalLine, -1)
}

// TotalPos is where the table's stated 合计 is written.
func (d *Detail) TotalPos() diag.Pos {
	if d.Source == nil || d.Source.TotalLine == 0 {
		return d.At.Key("total")
	}
	return d.Source.pos(d.Source.TotalLine, -1)
}

// Name is how the column is named in figures.toml: its title, or its key
// when it has none.
func (c Column) Name() string {
	if c.Title != "" {
		return c.Title
	}
	return c.Key
}

// GroupKey is how group i of a detail table is named in figures.toml: its
// label, or 第N组 when it has none.
func GroupKey(g RowGroup, i int) string {
	if g.Label != "" {
		return g.Label
	}
	return fmt.Sprintf("第%d组", i+1)
}
