package alloc

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Problem is one defect in an Input. The indexes and Field let a loader
// point at the line of its file that holds the bad value.
type Problem struct {
	City      int    // index into Input.Cities; -1 if not about one city
	Factor    int    // index into Input.Factors; -1 if not about one factor
	Indicator int    // index into that factor's Indicators; -1 if none
	Key       string // the City.Values key concerned, if any
	// Field names the Go field at fault: "Total", "Unit", "Quantum",
	// "Factors", "Cities", "Key", "Name", "Weight", "Indicators", "Values",
	// "Performance" or "Hardship"; "" when the fault is a combination of
	// values (a factor whose adjusted scores are all 0).
	Field string
	Msg   string // complete sentence in Chinese for the person fixing the data
}

// Error returns the message.
func (p Problem) Error() string { return p.Msg }

// Problems is every defect Allocate found; it is the error it returns.
type Problems []Problem

// Error joins the messages one per line.
func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Msg
	}
	return strings.Join(msgs, "\n")
}

var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
)

func percent(d decimal.Decimal) string { return d.Mul(hundred).String() + "%" }

func factorLabel(f Factor, i int) string {
	switch {
	case f.Name != "":
		return f.Name
	case f.Key != "":
		return f.Key
	}
	return fmt.Sprintf("第%d个因素", i+1)
}

func indicatorLabel(ind Indicator, i int) string {
	switch {
	case ind.Name != "":
		return ind.Name
	case ind.Key != "":
		return ind.Key
	}
	return fmt.Sprintf("第%d个指标", i+1)
}

func cityLabel(c City, i int) string {
	if c.Name != "" {
		return c.Name
	}
	return fmt.Sprintf("第%d个设区市", i+1)
}

// checked is what validate learnt besides the problems: which indicator
// columns are clean enough (every value present and not negative) for their
// sums to be tested against zero, and whether every coefficient is usable.
type checked struct {
	probs   Problems
	clean   [][]bool // clean[f][m]
	coefsOK bool
}

func (c *checked) add(city, factor, ind int, key, field, format string, args ...any) {
	c.probs = append(c.probs, Problem{City: city, Factor: factor, Indicator: ind,
		Key: key, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// validate finds every structural defect of in. The checks that need sums
// (an indicator or adjusted-score column adding up to 0) are done by
// checkSums once the columns are known to be clean.
func validate(in Input) *checked {
	c := &checked{coefsOK: true}
	validateMoney(c, in)
	validateFactors(c, in)
	validateCities(c, in)
	return c
}

func validateMoney(c *checked, in Input) {
	unitOK := in.Unit == UnitYuan || in.Unit == UnitWanYuan
	unit := ""
	if unitOK {
		unit = in.Unit
	}
	if in.Total.Sign() <= 0 {
		c.add(-1, -1, -1, "", "Total", "因素法分配专项资金总额为%s%s，必须大于0", in.Total, unit)
	}
	switch {
	case in.Unit == "":
		c.add(-1, -1, -1, "", "Unit", "金额单位未填写，只能是“元”或“万元”")
	case !unitOK:
		c.add(-1, -1, -1, "", "Unit", "金额单位“%s”无法识别，只能是“元”或“万元”", in.Unit)
	}
	if in.Quantum.Sign() <= 0 {
		c.add(-1, -1, -1, "", "Quantum", "最小金额单位为%s%s，必须大于0", in.Quantum, unit)
		return
	}
	// Money is paid in 分 at the finest; a finer quantum would produce
	// amounts nobody can pay.
	if unitOK {
		fen := decimal.NewFromInt(100)
		if in.Unit == UnitWanYuan {
			fen = decimal.NewFromInt(1000000)
		}
		if !in.Quantum.Mul(fen).IsInteger() {
			c.add(-1, -1, -1, "", "Quantum", "最小金额单位为%s%s，不是1分（0.01元）的整数倍，无法按此精度拨付", in.Quantum, unit)
		}
	}
	if in.Total.Sign() > 0 && !new(big.Rat).Quo(ratOf(in.Total), ratOf(in.Quantum)).IsInt() {
		c.add(-1, -1, -1, "", "Total", "因素法分配专项资金总额%s%s不是最小金额单位%s%s的整数倍，无法在按该单位取整的同时使合计等于总额",
			in.Total, unit, in.Quantum, unit)
	}
}

func validateFactors(c *checked, in Input) {
	c.clean = make([][]bool, len(in.Factors))
	if len(in.Factors) == 0 {
		c.add(-1, -1, -1, "", "Factors", "未设置分配因素，至少需要一个因素")
		return
	}
	type place struct{ f, m int }
	factorSeen := map[string]int{}
	indSeen := map[string]place{}
	sum := decimal.Zero
	for f, fac := range in.Factors {
		label := factorLabel(fac, f)
		if fac.Key == "" {
			c.add(-1, f, -1, "", "Key", "第%d个因素（%s）的代码为空", f+1, label)
		} else if first, dup := factorSeen[fac.Key]; dup {
			c.add(-1, f, -1, "", "Key", "因素代码“%s”重复：第%d个和第%d个因素都使用了它", fac.Key, first+1, f+1)
		} else {
			factorSeen[fac.Key] = f
		}
		if fac.Weight.Sign() <= 0 || fac.Weight.GreaterThan(one) {
			c.add(-1, f, -1, "", "Weight", "因素“%s”的权重为%s，必须大于0且不超过100%%", label, percent(fac.Weight))
		}
		sum = sum.Add(fac.Weight)
		if len(fac.Indicators) == 0 {
			c.add(-1, f, -1, "", "Indicators", "因素“%s”未设置指标，第八条的因素得分无从计算", label)
		}
		c.clean[f] = make([]bool, len(fac.Indicators))
		for m, ind := range fac.Indicators {
			if ind.Key == "" {
				c.add(-1, f, m, "", "Key", "因素“%s”的第%d个指标（%s）的代码为空", label, m+1, indicatorLabel(ind, m))
				continue
			}
			c.clean[f][m] = true
			first, dup := indSeen[ind.Key]
			switch {
			case !dup:
				indSeen[ind.Key] = place{f, m}
			case first.f == f:
				c.add(-1, f, m, ind.Key, "Key", "因素“%s”中指标代码“%s”重复（第%d个和第%d个指标），各设区市的指标值按代码录入，无法区分",
					label, ind.Key, first.m+1, m+1)
			default:
				c.add(-1, f, m, ind.Key, "Key", "指标代码“%s”重复（因素“%s”和因素“%s”中都有），各设区市的指标值按代码录入，无法区分",
					ind.Key, factorLabel(in.Factors[first.f], first.f), label)
			}
		}
	}
	if !sum.Equal(one) {
		diff := "少"
		if sum.GreaterThan(one) {
			diff = "多"
		}
		c.add(-1, -1, -1, "", "Weight", "各因素权重合计为%s，应恰好为100%%（%s%s个百分点）",
			percent(sum), diff, one.Sub(sum).Abs().Mul(hundred))
	}
}

func validateCities(c *checked, in Input) {
	if len(in.Cities) == 0 {
		c.add(-1, -1, -1, "", "Cities", "未录入任何设区市")
		return
	}
	known := map[string]bool{}
	for _, fac := range in.Factors {
		for _, ind := range fac.Indicators {
			known[ind.Key] = true
		}
	}
	seen := map[string]int{}
	for i, city := range in.Cities {
		label := cityLabel(city, i)
		if city.Name == "" {
			c.add(i, -1, -1, "", "Name", "第%d个设区市的名称为空", i+1)
		} else if first, dup := seen[city.Name]; dup {
			c.add(i, -1, -1, "", "Name", "设区市“%s”重复：第%d个和第%d个设区市同名", city.Name, first+1, i+1)
		} else {
			seen[city.Name] = i
		}
		if city.Performance.Sign() < 0 {
			c.add(i, -1, -1, "", "Performance", "设区市“%s”的绩效调节系数为%s，不能为负数", label, city.Performance)
			c.coefsOK = false
		}
		if city.Hardship.Sign() < 0 {
			c.add(i, -1, -1, "", "Hardship", "设区市“%s”的财政困难程度系数为%s，不能为负数", label, city.Hardship)
			c.coefsOK = false
		}
		for f, fac := range in.Factors {
			for m, ind := range fac.Indicators {
				if ind.Key == "" {
					continue // already reported; looking it up would only add noise
				}
				v, ok := city.Values[ind.Key]
				switch {
				case !ok:
					c.add(i, f, m, ind.Key, "Values", "设区市“%s”缺少因素“%s”的指标“%s”的数值",
						label, factorLabel(fac, f), indicatorLabel(ind, m))
					c.clean[f][m] = false
				case v.Sign() < 0:
					c.add(i, f, m, ind.Key, "Values", "设区市“%s”的指标“%s”数值为%s，不能为负数",
						label, indicatorLabel(ind, m), v)
					c.clean[f][m] = false
				}
			}
		}
		if len(in.Factors) == 0 {
			continue // every value would be "undefined"; the missing factors are the one problem
		}
		extra := make([]string, 0)
		for k := range city.Values {
			if !known[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra) // map order must not change the message order
		for _, k := range extra {
			c.add(i, -1, -1, k, "Values", "设区市“%s”录入了未定义的指标“%s”，请核对指标代码", label, k)
		}
	}
}

// zeroIndicatorSum reports an indicator whose column adds up to 0.
func (c *checked) zeroIndicatorSum(in Input, f, m int) {
	fac, ind := in.Factors[f], in.Factors[f].Indicators[m]
	c.add(-1, f, m, ind.Key, "Values",
		"因素“%s”的指标“%s”各设区市合计为0，第八条公式除以该合计，分配无定义；请核对数据，或去掉该因素并调整其余因素权重",
		factorLabel(fac, f), indicatorLabel(ind, m))
}

// zeroAdjustedSum reports a factor whose adjusted scores are all 0.
func (c *checked) zeroAdjustedSum(in Input, f int) {
	c.add(-1, f, -1, "", "",
		"因素“%s”各设区市因素得分（指标占比之和×绩效调节系数×财政困难程度系数）合计为0，第七条公式除以该合计，分配无定义；请核对绩效调节系数和财政困难程度系数，或去掉该因素并调整其余因素权重",
		factorLabel(in.Factors[f], f))
}
