package fund

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/sheet"
	"ipfund/internal/tomlx"
)

// Derived figures: a 小计, a 合计, a sub-project's spending (its detail
// table's spending column, in 万元), its balance (结余), the fund's budget
// and spending (the sums of the sub-projects'). The tool computes every one
// of them from the rows up, so a correction is one edit. Staff may still
// write one down, transcribed from the ledger or the printed report: a
// stated figure is a cross-check, never an input.
//
// A figure is a node of a small graph whose edges point to the figures it
// is computed from. Each node carries three values:
//
//   - value: computed from the rows all the way up (what the documents use);
//   - local: computed from its inputs as the data writes them;
//   - written: the stated figure, or else local.
//
// A stated figure that differs from both its value and its local value
// contradicts its own inputs: an error, said once, naming the stated and
// the computed figure and the rows that feed it. A stated figure that
// agrees with its inputs as written but not with the rows only follows an
// error further up; it is listed in that error's fix ("随之要改"), not
// reported again. So changing one row of a year whose
// subtotal, total, spending, balance and fund spending are all stated gives
// one message that says every number to change, not four waves of errors.
//
// To derive another figure (a total of a new form, rows read from another
// source): add a node after its inputs, with compute reading them through
// val, stated pointing at the data's field if the data may state it, and
// what/pos/key/feeds/from for the messages; evaluate and check treat it
// like the others, and derive stores its value where the documents read
// it. Rows themselves are inputs: wherever they come from, they are in the
// Detail before derive runs.

// node is one derived (or input) figure.
type node struct {
	// names gives what and key when a message needs them, for the nodes a
	// long table has thousands of (its 小计s).
	names func() (what, key string)
	what  string // how messages name it: 子项目4“…”的实际支出
	unit  string // 万元, 元, or "" for a count
	pos   diag.Pos
	// key is how the data writes it, for the fix: "total 中的 amount".
	key    string
	stated *decimal.Decimal
	// compute derives the figure from its inputs' values as given by val;
	// nil for an input, whose value is fixed.
	compute func(val func(*node) decimal.Decimal) decimal.Decimal
	inputs  []*node
	// feeds describes the inputs for messages, once values are known;
	// from names them briefly, for the fix: 各行, 各子项目的实际支出.
	feeds func() string
	from  string

	value, local, written decimal.Decimal
	// unknown: an input is missing (reported where it is missing), so
	// the figure cannot be checked.
	unknown bool
}

// derivation holds the nodes in an order where inputs come first.
type derivation struct {
	nodes []*node
}

func (g *derivation) add(n *node) *node {
	g.nodes = append(g.nodes, n)
	return n
}

// input is a figure written once, in the data (a row sum, a budget).
func (g *derivation) input(v decimal.Decimal) *node {
	return g.add(&node{value: v, local: v, written: v})
}

func (g *derivation) evaluate() {
	for _, n := range g.nodes {
		for _, in := range n.inputs {
			n.unknown = n.unknown || in.unknown
		}
		if n.compute == nil {
			continue
		}
		n.value = n.compute(func(m *node) decimal.Decimal { return m.value })
		n.local = n.compute(func(m *node) decimal.Decimal { return m.written })
		n.written = n.local
		if n.stated != nil {
			n.written = *n.stated
		}
	}
}

// root reports whether a stated figure contradicts the rows and its own
// inputs as written.
func (n *node) root() bool {
	return !n.unknown && n.stated != nil && !n.stated.Equal(n.value) && !n.stated.Equal(n.local)
}

// follows reports whether a stated figure agrees with its inputs as written
// but not with the rows: it only follows an error further up.
func (n *node) follows() bool {
	return !n.unknown && n.stated != nil && n.stated.Equal(n.local) && !n.stated.Equal(n.value)
}

// name fills what and key from names.
func (n *node) name() {
	if n.names != nil {
		n.what, n.key = n.names()
		n.names = nil
	}
}

func (n *node) show(d decimal.Decimal) string { return d.String() + n.unit }

// upstream lists the stated figures further up that contradict their own
// inputs (roots) and that n is computed from, each once.
func upstream(n *node) []*node {
	var out []*node
	seen := map[*node]bool{}
	var walk func(*node)
	walk = func(m *node) {
		for _, in := range m.inputs {
			if seen[in] {
				continue
			}
			seen[in] = true
			if in.root() {
				out = append(out, in)
			}
			walk(in)
		}
	}
	walk(n)
	return out
}

// check reports each stated figure that contradicts its inputs, with the
// figures further down that must change with it.
func (g *derivation) check(dir string) diag.List {
	also := map[*node][]string{}
	for _, m := range g.nodes {
		if !m.follows() {
			continue
		}
		m.name()
		for _, r := range upstream(m) {
			also[r] = append(also[r], fmt.Sprintf("%s %s → %s（%s）", m.what, m.show(*m.stated), m.show(m.value), relPos(m.pos, r.pos, dir)))
		}
	}
	var ds diag.List
	for _, n := range g.nodes {
		if !n.root() {
			continue
		}
		n.name()
		msg := fmt.Sprintf("%s写的是 %s，但按%s计算为 %s。", n.what, n.show(*n.stated), n.feeds(), n.show(n.value))
		hint := fmt.Sprintf("若%s无误，请把“%s”改为 %s（或删去这一项，由程序计算）", n.from, n.key, n.value)
		if a := also[n]; len(a) > 0 {
			hint += "；随之要改（或删去）的写明数字：" + strings.Join(a, "；")
		}
		hint += fmt.Sprintf("。若是%s有误，改正它即可。", n.from)
		ds.Add(diag.Diagnostic{Pos: n.pos, Severity: diag.Error, Msg: msg, Hint: hint})
	}
	return ds
}

// relPos names where another figure stands: "第12行" in the same file,
// "fund.toml 第21行" in another file of the year.
func relPos(p, from diag.Pos, dir string) string {
	line := ""
	if p.Line > 0 {
		line = fmt.Sprintf("第%d行", p.Line)
	}
	if p.File == from.File {
		return line
	}
	name := p.File
	if rel, ok := strings.CutPrefix(p.File, dir); ok {
		name = strings.TrimLeft(rel, `/\`)
	}
	return strings.TrimSpace(name + " " + line)
}

// derive computes the year's derived figures, stores them in the model and
// reports the stated ones that contradict what they derive from. It runs
// before Validate, whose checks (overspending, targets taken from the
// fund's figures) use the derived values.
func (y *Year) derive() diag.List {
	g := &derivation{}
	type subNodes struct{ spending, balance *node }
	subs := make([]subNodes, len(y.Subprojects))
	var ds diag.List
	for i := range y.Subprojects {
		sp := &y.Subprojects[i]
		name := label(sp)
		spending := g.detail(sp)
		if spending == nil {
			if sp.StatedSpending == nil {
				ds.Errorf(sp.At.Pos(), "%s缺少“spending”（实际支出，万元）。没有明细表（或明细表没有写“spending_column”）时，实际支出须直接填写。", name)
				spending = g.input(decimal.Zero)
				spending.unknown = true
			} else {
				spending = g.input(*sp.StatedSpending)
			}
		}
		arrived := sp.Arrived
		balance := g.add(&node{
			what: name + "的结余金额", unit: "万元", pos: sp.At.Key("balance"), key: "balance", stated: sp.StatedBalance,
			inputs: []*node{spending}, from: "实际到位和实际支出",
			compute: func(val func(*node) decimal.Decimal) decimal.Decimal { return arrived.Sub(val(spending)) },
			feeds: func() string {
				return fmt.Sprintf("实际到位 %s万元 减实际支出 %s万元", arrived, spending.value)
			},
		})
		subs[i] = subNodes{spending, balance}
	}
	f := &y.Fund
	sum := func(key, what string, stated *decimal.Decimal, part func(*Subproject) decimal.Decimal) *node {
		var ins []*node
		for i := range y.Subprojects {
			ins = append(ins, g.input(part(&y.Subprojects[i])))
		}
		return g.fundSum(f, key, what, stated, ins)
	}
	current := sum("budget_current", "本年度预算", f.StatedBudgetCurrent, func(s *Subproject) decimal.Decimal { return s.BudgetCurrent })
	carry := sum("budget_carryover", "上年结余", f.StatedBudgetCarryover, func(s *Subproject) decimal.Decimal { return s.BudgetCarryover })
	var spendings []*node
	for _, s := range subs {
		spendings = append(spendings, s.spending)
	}
	spending := g.fundSum(f, "spending", "实际支出", f.StatedSpending, spendings)
	g.evaluate()
	ds = append(ds, g.check(y.Dir)...)
	for i := range y.Subprojects {
		y.Subprojects[i].Spending = subs[i].spending.value
	}
	f.BudgetCurrent, f.BudgetCarryover, f.Spending = current.value, carry.value, spending.value
	return ds
}

// fundSum is a fund figure: the sum of the sub-projects' figures ins.
func (g *derivation) fundSum(f *Fund, key, what string, stated *decimal.Decimal, ins []*node) *node {
	return g.add(&node{
		what: "专项资金" + what, unit: "万元", pos: f.At.Key(key), key: key, stated: stated, inputs: ins,
		from: "各子项目的" + what,
		compute: func(val func(*node) decimal.Decimal) decimal.Decimal {
			s := decimal.Zero
			for _, in := range ins {
				s = s.Add(val(in))
			}
			return s
		},
		feeds: func() string {
			parts := make([]string, len(ins))
			for i, in := range ins {
				parts[i] = in.value.String()
			}
			return fmt.Sprintf("各子项目%s之和（%s）", what, strings.Join(parts, " + "))
		},
	})
}

// detail adds the nodes of a sub-project's detail table: each stated 小计,
// the 合计 of every summed column and, when the table names its spending
// column, the sub-project's spending, which it returns (nil otherwise).
// A table whose unit, columns or cells are broken derives nothing: the
// validator reports those, and sums over them would only repeat it.
func (g *derivation) detail(sp *Subproject) *node {
	d := sp.Detail
	if d == nil || !d.summable() {
		return nil
	}
	name := label(sp) + "的明细表"
	totals := map[string]*node{}
	for _, c := range d.Columns {
		if !c.Numeric() || (!c.Sum && c.Key != d.SpendingColumn) {
			continue
		}
		var parts []*node // one per group: its 小计 or its rows
		for gi := range d.Groups {
			grp := &d.Groups[gi]
			rows := g.input(d.GroupSum(*grp, c.Key))
			if grp.Subtotal == nil {
				parts = append(parts, rows)
				continue
			}
			parts = append(parts, g.add(&node{
				names: func() (string, string) {
					return fmt.Sprintf("%s“%s”小计“%s”", name, grp.Label, c.Title), d.statedKey("subtotal", grp.SubtotalLine, c)
				},
				unit: d.unitOf(c), pos: d.SubtotalPos(grp), stated: statedCell(grp.Subtotal, c.Key), inputs: []*node{rows}, from: "该组各行",
				compute: func(val func(*node) decimal.Decimal) decimal.Decimal { return val(rows) },
				feeds:   func() string { return "该组各行相加（" + d.rowSpan(grp) + "）" },
			}))
		}
		totalLine := 0
		if d.Source != nil {
			totalLine = d.Source.TotalLine
		}
		totals[c.Key] = g.add(&node{
			what: fmt.Sprintf("%s合计“%s”", name, c.Title), unit: d.unitOf(c), pos: d.TotalPos(),
			key: d.statedKey("total", totalLine, c), stated: statedCell(d.Total, c.Key), inputs: parts, from: "明细各行",
			compute: func(val func(*node) decimal.Decimal) decimal.Decimal {
				s := decimal.Zero
				for _, p := range parts {
					s = s.Add(val(p))
				}
				return s
			},
			feeds: func() string { return "各行相加（" + d.tableSpan() + "）" },
		})
	}
	col, ok := d.Column(d.SpendingColumn)
	if d.SpendingColumn == "" || !ok || col.Kind != ColAmount {
		return nil
	}
	total := totals[col.Key]
	return g.add(&node{
		what: label(sp) + "的实际支出", unit: "万元", pos: sp.At.Key("spending"), key: "spending", stated: sp.StatedSpending,
		inputs: []*node{total}, from: "明细表的合计",
		compute: func(val func(*node) decimal.Decimal) decimal.Decimal { return d.ToWan(val(total)) },
		feeds: func() string {
			if d.Unit == UnitYuan {
				return fmt.Sprintf("明细表“%s”合计 %s元 换算成万元", col.Title, total.value)
			}
			return fmt.Sprintf("明细表“%s”合计", col.Title)
		},
	})
}

// unitOf is the unit a column's figures are shown in.
func (d *Detail) unitOf(c Column) string {
	if c.Kind == ColAmount {
		return d.Unit
	}
	return ""
}

// summable reports whether the table's sums mean anything: a known unit,
// and a number in every numeric cell (a row of a TOML file may hold text
// there, which the validator reports).
func (d *Detail) summable() bool {
	if d.Unit != UnitWan && d.Unit != UnitYuan {
		return false
	}
	for i, c := range d.Columns {
		if !c.Numeric() {
			continue
		}
		for _, g := range d.Groups {
			for _, r := range g.Rows {
				if cell := r.Cell(i); (!cell.IsNum && cell.Text != "") || (cell.IsNum && cell.Num.IsNegative()) {
					return false
				}
			}
		}
	}
	return true
}

// statedKey names a stated figure of a 小计 or 合计 for the fix: "subtotal
// 中的 amount" in a TOML file; in a spreadsheet its row and column.
func (d *Detail) statedKey(key string, line int, c Column) string {
	ci := d.ColumnIndex(c.Key)
	if d.Source == nil || line == 0 || ci < 0 || ci >= len(d.Source.Columns) || d.Source.Columns[ci] < 0 {
		return key + " 中的 " + c.Key
	}
	what := "小计"
	if key == "total" {
		what = "合计"
	}
	return fmt.Sprintf("表格第%d行（%s）%s列的数字", line, what, sheet.ColumnName(d.Source.Columns[ci]))
}

// statedCell is the stated figure of a column in a 小计 or 合计, nil when
// the data leaves it to the tool (or writes something else there, which
// the validator reports).
func statedCell(m map[string]tomlx.Scalar, key string) *decimal.Decimal {
	if c, ok := m[key]; ok && c.IsNum {
		n := c.Num
		return &n
	}
	return nil
}

// rowSpan describes a group's rows for messages: "2行，第61–62行" (of
// the TOML file, or of the spreadsheet the rows come from).
func (d *Detail) rowSpan(g *RowGroup) string {
	n := len(g.Rows)
	if n == 0 {
		return "没有行"
	}
	return span(fmt.Sprintf("%d行", n), d.RowPos(g, 0).Line, d.RowPos(g, n-1).Line)
}

// tableSpan describes a table's rows for messages: "4组11行，第34–55行".
func (d *Detail) tableSpan() string {
	rows, first, last := 0, 0, 0
	for gi := range d.Groups {
		g := &d.Groups[gi]
		if n := len(g.Rows); n > 0 {
			if rows == 0 {
				first = d.RowPos(g, 0).Line
			}
			rows += n
			last = d.RowPos(g, n-1).Line
		}
	}
	return span(fmt.Sprintf("%d组%d行", len(d.Groups), rows), first, last)
}

func span(what string, first, last int) string {
	switch {
	case first == 0:
		return what
	case first == last:
		return fmt.Sprintf("%s，第%d行", what, first)
	}
	return fmt.Sprintf("%s，第%d–%d行", what, first, last)
}
