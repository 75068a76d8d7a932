package figures

import (
	"fmt"

	"ipfund/internal/alloc"
)

// AllocationPlaces is the number of decimal places to which the exact
// rational figures of the factor method (因素得分, 占比, 份额, 精确金额…)
// are rounded, half away from zero, for display. The money actually paid
// is shown at the precision of the quantum.
const AllocationPlaces = 6

// allocationTable is the top-level table of the allocation section. Every
// figure lives below it, so the section can follow the year's figures file
// (专项资金, 综合评价, 子项目N, …) without a key clash.
const allocationTable = "因素法分配"

// WriteAllocation renders the factor-method allocation (第七条–第八条) of a
// plan as a TOML section: valid on its own, and valid appended to the file
// Write produces. One figure per line, in a fixed order: the totals, each
// factor, then each city in the order of the data file.
func WriteAllocation(p *alloc.Plan, r *alloc.Result) []byte {
	w := &writer{places: quantumPlaces(r.Quantum)}
	w.comment("因素法分配（《江西省省级知识产权专项资金管理办法》第七条、第八条）：%s", p.Title)
	if p.Sample {
		w.comment("【%s】本节数字是示例，不得用于实际分配。", p.Note)
	}
	w.comment("由程序根据 data/%d/%s 计算生成，请勿手工修改：改正数据后重新生成。", p.Year, alloc.FileName)
	w.comment("金额单位：%s；权重单位：%%。因素得分、占比、按权重、份额和精确金额是精确计算结果四舍五入到 %d 位小数的显示值，", r.Unit, AllocationPlaces)
	w.comment("合计按精确值相加后显示；分配金额按最小分配单位 %s%s 取整（最大余额法），各设区市分配金额之和恰好等于总额。", r.Quantum, r.Unit)
	w.comment("各设区市：因素得分 = 第八条的因素得分（已乘绩效调节系数和财政困难程度系数）；占比 = 因素得分 / 各设区市该因素得分之和；")
	w.comment("按权重 = 占比 × 权重；份额 = 各因素按权重之和；精确金额 = 份额 × 总额；取整金额 = 精确金额按最小分配单位向下取整；")
	w.comment("尾差调整：取整后剩下的“尾差个数”个最小分配单位，按余数从大到小（余数名次）每市补 1 个；分配金额 = 取整金额 + 尾差调整。")

	w.table(allocationTable)
	w.str("标题", p.Title)
	w.str("地区", p.Region)
	w.raw("年度", fmt.Sprint(p.Year))
	w.raw("示例数据", fmt.Sprint(p.Sample))
	if p.Note != "" {
		w.str("说明", p.Note)
	}
	w.raw("采用第七条默认因素", fmt.Sprint(p.RuleFactors))
	if e := r.Evaluation; e != nil {
		if e.Year != 0 {
			w.raw("绩效评价年度", fmt.Sprint(e.Year))
		}
		w.str("绩效调节系数规则", e.Describe())
	}
	w.str("金额单位", r.Unit)
	w.num("总额", r.Total)
	w.num("最小分配单位", r.Quantum)
	w.num("最小分配单位个数", r.Quanta)
	w.raw("尾差个数", fmt.Sprint(r.Leftover))
	w.exact("份额合计", r.ShareSum)
	w.exact("精确金额合计", r.ExactSum)
	w.money("分配金额合计", r.AmountSum)

	w.table(allocationTable + "\x00分配因素")
	for _, f := range r.Factors {
		w.num(path(f.Name, "权重"), f.Weight.Shift(2))
		w.exact(path(f.Name, "金额"), f.Amount)
		for m, ind := range f.Indicators {
			w.num(path(f.Name, ind.Name, "合计"), f.IndicatorSums[m])
		}
	}

	for _, c := range r.Cities {
		w.table(allocationTable + "\x00设区市\x00" + c.Name)
		writeCityEvaluation(w, c.Evaluation)
		w.num("绩效调节系数", c.Performance)
		w.num("财政困难程度系数", c.Hardship)
		for f, cf := range c.Factors {
			name := r.Factors[f].Name
			w.exact(path(name, "因素得分"), cf.Adjusted)
			w.exact(path(name, "占比"), cf.Ratio)
			w.exact(path(name, "按权重"), cf.Weighted)
		}
		w.exact("份额", c.Share)
		w.exact("精确金额", c.Exact)
		w.money("取整金额", c.Floor)
		w.raw("余数名次", fmt.Sprint(c.Rank))
		w.money("尾差调整", c.Correction)
		w.money("分配金额", c.Amount)
	}
	return w.buf.Bytes()
}

// writeCityEvaluation writes a city's evaluation result and where its
// 绩效调节系数 came from, when the coefficients follow from the results.
func writeCityEvaluation(w *writer, e *alloc.CityEvaluation) {
	if e == nil {
		return
	}
	if e.Known {
		w.num("绩效评价得分", e.Score)
		w.str("绩效评价等级", e.Grade)
	}
	if e.Manual {
		w.str("绩效调节系数来源", "手工指定")
		if e.Known {
			w.num("按评价结果的绩效调节系数", e.Coefficient)
		}
		return
	}
	w.str("绩效调节系数来源", "按绩效评价结果")
}
