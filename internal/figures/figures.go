// Package figures writes every computed figure of a year to a plain-text
// file (TOML), one named figure per line in a fixed order, so that `git diff`
// after a data correction shows exactly which results moved.
package figures

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
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
	// Region and year name whose figures these are, for a reader that
	// gathers several bureaus' files (the provincial allocation).
	w.str("地区", f.Region)
	w.raw("年度", fmt.Sprint(f.Year))
	w.num("预算总额", r.Budget)
	w.num("本年度预算", f.BudgetCurrent)
	w.num("上年结余", f.BudgetCarryover)
	w.num("实际支出", r.Spending)
	w.num("未支出", r.Unspent)
	w.fixed("预算执行率", r.ExecutionRate)
	w.fixed("预算执行率得分", r.ExecutionScore)

	w.table("综合评价")
	for _, c := range r.Categories {
		w.fixed(path(c.Group.Name, c.Category.Name), c.Score)
	}
	w.fixed("总分", r.Total)
	w.str("等级", r.Grade)

	for _, s := range r.Subprojects {
		sp := s.Sub
		base := fmt.Sprintf("子项目%d", sp.No)
		w.table(base)
		w.str("名称", sp.Name)
		w.num("预算", s.Budget)
		w.num("实际到位", s.Arrived)
		w.num("实际支出", s.Spending)
		w.num("结余", s.Balance)
		w.num("未支出", s.Unspent)
		w.fixed("预算执行率", s.ExecutionRate)
		w.fixed("权重", s.WeightPercent)
		w.str("权重（精确）", s.WeightNum.String()+"/"+s.WeightDen.String())
		w.fixed("总分", s.Total)
		if d := sp.Detail; d != nil {
			// The detail table's 小计 and 合计: derived, so a corrected row
			// shows here with everything that follows from it.
			w.table(base + "\x00明细表")
			for i, g := range d.Groups {
				if g.Subtotal != nil {
					sums(w, d, []string{fund.GroupKey(g, i), "小计"}, func(key string) decimal.Decimal { return d.GroupSum(g, key) })
				}
			}
			sums(w, d, []string{"合计"}, d.Sum)
		}
		w.table(base + "\x00各类得分")
		for _, c := range s.Categories {
			w.inline(path(c.Category.Name), "分值", c.Points.String(), "得分", fixed2(c.Score), "按权重得分", fixed2(c.Weighted))
		}
		w.table(base + "\x00各指标得分")
		for _, c := range s.Categories {
			for _, is := range c.Indicators {
				key := path(c.Category.Name, is.Indicator.Name)
				if len(is.Items) > 1 || is.Items[0].Item != is.Indicator {
					w.inline(key, "分值", is.Points.String(), "得分", fixed2(is.Score))
				}
				for i, it := range is.Items {
					k := key
					if len(is.Items) > 1 || it.Item != is.Indicator {
						k = path(c.Category.Name, is.Indicator.Name, fmt.Sprintf("第%d项", i+1))
					}
					w.item(k, it)
				}
			}
		}
	}
	for _, s := range r.Subprojects {
		if d := s.Sub.Detail; d != nil && d.Source != nil {
			w.source(fmt.Sprintf("子项目%d\x00明细表来源", s.Sub.No), d)
		}
	}
	if len(r.Targets) > 0 {
		w.table("绩效目标完成情况")
		for _, tr := range r.Targets {
			t := tr.Target
			w.inline(path(t.Level1, t.Level2, t.Name), "年度指标值", tomlString(t.ValueText()),
				"实际完成值", tomlString(t.ActualText()), "完成情况", tomlString(tr.Status))
		}
	}
	if r.SelfEval != nil {
		w.writeSelfEval(r.SelfEval)
	}
	return w.buf.Bytes()
}

func fixed2(d decimal.Decimal) string { return d.StringFixed(2) }

// sums writes the summed columns of a detail table's 小计 or 合计 row,
// each under the key parts then the column's name.
func sums(w *writer, d *fund.Detail, parts []string, sum func(string) decimal.Decimal) {
	for _, c := range d.Columns {
		if c.Sum {
			w.num(path(append(append([]string(nil), parts...), c.Name())...), sum(c.Key))
		}
	}
}

// item writes how one scored item got its score.
func (w *writer) item(k string, it calc.ItemScore) {
	pairs := []string{"分值", it.Points.String(), "得分", fixed2(it.Score)}
	if it.Rule != nil {
		pairs = append(pairs, "规则", tomlString(it.Rule.Key), "计划", it.Plan.String(), "实际", it.Actual.String())
		if it.Rule.Kind == fund.KindRatio {
			pairs = append(pairs, "比率", fixed2(it.Rate))
		}
		if it.Rule.Kind == fund.KindVariance {
			pairs = append(pairs, "变动程度", fixed2(it.Variance))
		}
	}
	w.inline(k, pairs...)
}

// source records where a detail table's rows were read from: the file, its
// SHA-256, the rows and the sums of its numeric columns, so that a changed
// source list shows in git diff even where no result moves.
func (w *writer) source(table string, d *fund.Detail) {
	src := d.Source
	w.table(table)
	w.str("文件", src.Name)
	if src.Sheet != "" {
		w.str("工作表", src.Sheet)
	}
	if src.Encoding != "" {
		w.str("编码", src.Encoding)
	}
	w.str("SHA256", src.SHA256)
	w.raw("行数", strconv.Itoa(src.Rows))
	// By column key: unique in a table, where titles need not be.
	var pairs []string
	for _, c := range d.Columns {
		if c.Numeric() {
			pairs = append(pairs, c.Key, tomlNumber(d.Sum(c.Key).String()))
		}
	}
	if len(pairs) > 0 {
		w.inline("各列合计", pairs...)
	}
}
