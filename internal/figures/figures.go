// Package figures writes every computed figure of a year to a plain-text
// file (TOML), one named figure per line in a fixed order, so that `git diff`
// after a data correction shows exactly which results moved.
package figures

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
)

// FileName is the name of the figures file inside out/<year>/.
const FileName = "figures.toml"

// Write renders the figures of a computed year.
func Write(r *calc.Result) []byte {
	w := &writer{}
	y := r.Year
	f := y.Fund
	w.comment("%s%d年度%s绩效评价 计算结果", f.Region, f.Year, f.Name)
	w.comment("由程序根据 data/%d 中的数据计算生成，请勿手工修改：改正数据后重新运行 make report。", f.Year)
	w.comment("金额单位：万元；执行率、权重、变动程度单位：%%；得分单位：分。")

	w.table("专项资金")
	w.amount("预算总额", r.Budget)
	w.amount("本年度预算", f.BudgetCurrent)
	w.amount("上年结余", f.BudgetCarryover)
	w.amount("实际支出", r.Spending)
	w.amount("未支出", r.Unspent)
	w.fixed("预算执行率", r.ExecutionRate)
	w.fixed("预算执行率得分", r.ExecutionScore)

	w.table("综合评价")
	for _, c := range r.Categories {
		w.fixed(c.Group.Name+"/"+c.Category.Name, c.Score)
	}
	w.fixed("总分", r.Total)
	w.str("等级", r.Grade)

	for _, s := range r.Subprojects {
		sp := s.Sub
		base := fmt.Sprintf("子项目%d", sp.No)
		w.table(base)
		w.str("名称", sp.Name)
		w.amount("预算", s.Budget)
		w.amount("实际到位", s.Arrived)
		w.amount("实际支出", s.Spending)
		w.amount("结余", s.Balance)
		w.amount("未支出", s.Unspent)
		w.fixed("预算执行率", s.ExecutionRate)
		w.fixed("权重", s.WeightPercent)
		w.str("权重（精确）", s.WeightNum.String()+"/"+s.WeightDen.String())
		w.fixed("总分", s.Total)
		w.table(base + ".各类得分")
		for _, c := range s.Categories {
			w.inline(c.Category.Name, "分值", c.Points, "得分", c.Score, "按权重得分", c.Weighted)
		}
		w.table(base + ".各指标得分")
		for _, c := range s.Categories {
			for _, is := range c.Indicators {
				key := c.Category.Name + "/" + is.Indicator.Name
				if len(is.Items) > 1 || is.Items[0].Item != is.Indicator {
					w.inline(key, "分值", is.Points, "得分", is.Score)
				}
				for i, it := range is.Items {
					k := key
					if len(is.Items) > 1 || it.Item != is.Indicator {
						k = fmt.Sprintf("%s/第%d项", key, i+1)
					}
					w.item(k, it)
				}
			}
		}
	}
	if len(r.Targets) > 0 {
		w.table("绩效目标完成情况")
		for _, tr := range r.Targets {
			t := tr.Target
			fmt.Fprintf(&w.buf, "%s = { %s = %s, %s = %s, %s = %s }\n", key(t.Level1+"/"+t.Level2+"/"+t.Name),
				key("年度指标值"), strconv.Quote(t.ValueText()), key("实际完成值"), strconv.Quote(t.ActualText()),
				key("完成情况"), strconv.Quote(tr.Status))
		}
	}
	return w.buf.Bytes()
}

type writer struct{ buf bytes.Buffer }

func (w *writer) comment(format string, args ...any) {
	fmt.Fprintf(&w.buf, "# %s\n", fmt.Sprintf(format, args...))
}

func (w *writer) table(path string) {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		parts[i] = key(p)
	}
	fmt.Fprintf(&w.buf, "\n[%s]\n", strings.Join(parts, "."))
}

func (w *writer) amount(k string, d decimal.Decimal) {
	fmt.Fprintf(&w.buf, "%s = %s\n", key(k), d.String())
}
func (w *writer) fixed(k string, d decimal.Decimal) {
	fmt.Fprintf(&w.buf, "%s = %s\n", key(k), d.StringFixed(2))
}
func (w *writer) str(k, v string) { fmt.Fprintf(&w.buf, "%s = %s\n", key(k), strconv.Quote(v)) }

// inline writes k = { name = value, … } with values in pairs.
func (w *writer) inline(k string, pairs ...any) {
	var fields []string
	for i := 0; i < len(pairs); i += 2 {
		d := pairs[i+1].(decimal.Decimal)
		v := d.StringFixed(2)
		if pairs[i] == "分值" {
			v = d.String()
		}
		fields = append(fields, fmt.Sprintf("%s = %s", key(pairs[i].(string)), v))
	}
	fmt.Fprintf(&w.buf, "%s = { %s }\n", key(k), strings.Join(fields, ", "))
}

func (w *writer) item(k string, it calc.ItemScore) {
	pairs := []any{"分值", it.Points, "得分", it.Score}
	if it.Rule != nil {
		fields := []string{
			fmt.Sprintf("%s = %s", key("分值"), it.Points.String()),
			fmt.Sprintf("%s = %s", key("得分"), it.Score.StringFixed(2)),
			fmt.Sprintf("%s = %s", key("规则"), strconv.Quote(it.Rule.Key)),
			fmt.Sprintf("%s = %s", key("计划"), it.Plan.String()),
			fmt.Sprintf("%s = %s", key("实际"), it.Actual.String()),
		}
		if it.Rule.Kind == "variance" {
			fields = append(fields, fmt.Sprintf("%s = %s", key("变动程度"), it.Variance.StringFixed(2)))
		}
		fmt.Fprintf(&w.buf, "%s = { %s }\n", key(k), strings.Join(fields, ", "))
		return
	}
	w.inline(k, pairs...)
}

// key quotes a TOML key unless it is a bare key.
func key(k string) string {
	for _, r := range k {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return strconv.Quote(k)
		}
	}
	return k
}
