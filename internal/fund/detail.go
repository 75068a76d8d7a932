package fund

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
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
	for _, c := range d.Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Column{}, false
}

// Sum adds up a numeric column over the group's rows; blank cells count as 0.
func (g RowGroup) Sum(key string) decimal.Decimal {
	sum := decimal.Zero
	for _, r := range g.Rows {
		if c, ok := r[key]; ok && c.IsNum {
			sum = sum.Add(c.Num)
		}
	}
	return sum
}

// Sum adds up a numeric column over every row of the table.
func (d *Detail) Sum(key string) decimal.Decimal {
	sum := decimal.Zero
	for _, g := range d.Groups {
		sum = sum.Add(g.Sum(key))
	}
	return sum
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
	where, key, ok := strings.Cut(ref, ":")
	if !ok {
		where, key, ok = strings.Cut(ref, "：")
	}
	if !ok {
		return decimal.Zero, "", fmt.Errorf("引用“%s”应写成“组名:列代号”或“组名/行中文字:列代号”", ref)
	}
	col, found := d.Column(key)
	if !found || !col.Numeric() {
		return decimal.Zero, "", fmt.Errorf("引用“%s”中的列“%s”不是明细表中的数字列", ref, key)
	}
	label, rowText, byRow := strings.Cut(where, "/")
	for _, g := range d.Groups {
		if g.Label != label {
			continue
		}
		if !byRow {
			return g.Sum(key), fmt.Sprintf("明细表“%s”的“%s”", label, col.Title), nil
		}
		for _, r := range g.Rows {
			for _, c := range r {
				if !c.IsNum && c.Text == rowText {
					return r[key].Num, fmt.Sprintf("明细表“%s %s”的“%s”", label, rowText, col.Title), nil
				}
			}
		}
		return decimal.Zero, "", fmt.Errorf("引用“%s”：明细表“%s”组中没有写着“%s”的行", ref, label, rowText)
	}
	return decimal.Zero, "", fmt.Errorf("引用“%s”：明细表中没有名为“%s”的组", ref, label)
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
