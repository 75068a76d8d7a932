package alloc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/suggest"
	"ipfund/internal/tomlx"
)

// diagnose turns the Problems of Allocate into diagnostics on the lines of
// the plan's file, each with a hint on what to do.
func (p *Plan) diagnose(probs Problems) diag.List {
	var ds diag.List
	for _, pr := range probs {
		if pr.Field == "Quantum" && !p.at.quantum && p.Input.Unit != UnitYuan && p.Input.Unit != UnitWanYuan {
			// No quantum written and the unit unknown: the unit's message
			// is the one to act on.
			continue
		}
		ds.Add(diag.Diagnostic{Pos: p.locate(pr), Msg: pr.Msg + "。", Hint: p.hint(pr)})
	}
	return ds
}

// locate finds the line that holds the value a Problem is about.
func (p *Plan) locate(pr Problem) diag.Pos {
	a := p.at
	if pr.City >= 0 && pr.City < len(a.cities) {
		city := a.cities[pr.City]
		switch pr.Field {
		case "Name":
			return city.Key("name")
		case "Performance":
			return city.Key("performance")
		case "Hardship":
			return city.Key("hardship")
		case "Values":
			// The value itself; a missing one is to be added on the values line.
			if _, ok := p.Input.Cities[pr.City].Values[pr.Key]; ok && a.values[pr.City].Has(pr.Key) {
				return a.values[pr.City].Key(pr.Key)
			}
			return city.Key("values")
		}
		return city.Pos()
	}
	switch pr.Field {
	case "Total":
		return a.header.Key("total")
	case "Unit":
		return a.header.Key("unit")
	case "Quantum":
		if a.quantum {
			return a.header.Key("quantum")
		}
		return a.header.Key("unit")
	case "Factors":
		if a.root.Has("factor") {
			return a.root.Key("factor")
		}
	case "Cities":
		if a.root.Has("city") {
			return a.root.Key("city")
		}
	case "Weight":
		f := pr.Factor
		if f < 0 {
			f = 0 // the sum: point at the first weight, the hint lists them all
		}
		if at, ok := a.factor(f); ok {
			return at.Key("weight")
		}
	case "Indicators":
		if at, ok := a.factor(pr.Factor); ok {
			return at.Key("indicators")
		}
	case "Key":
		if pr.Indicator >= 0 {
			if at, ok := a.indicator(pr.Factor, pr.Indicator); ok {
				return at.Key("key")
			}
		} else if at, ok := a.factor(pr.Factor); ok {
			return at.Key("key")
		}
	case "Values":
		// An indicator whose values add up to 0: the top of its column.
		for i, c := range p.Input.Cities {
			if _, ok := c.Values[pr.Key]; ok && i < len(a.values) && a.values[i].Has(pr.Key) {
				return a.values[i].Key(pr.Key)
			}
		}
	case "":
		// A factor whose adjusted scores are all 0: the first coefficient
		// that zeroes a city's score.
		for i, c := range p.Input.Cities {
			if i >= len(a.cities) {
				break
			}
			switch {
			case c.Performance.IsZero():
				return a.cities[i].Key("performance")
			case c.Hardship.IsZero():
				return a.cities[i].Key("hardship")
			}
		}
		if at, ok := a.factor(pr.Factor); ok {
			return at.Pos()
		}
	}
	return a.header.Pos()
}

func (a places) factor(f int) (tomlx.At, bool) {
	if f < 0 || f >= len(a.factors) {
		return tomlx.At{}, false
	}
	return a.factors[f], true
}

func (a places) indicator(f, m int) (tomlx.At, bool) {
	if f < 0 || f >= len(a.indicators) || m < 0 || m >= len(a.indicators[f]) {
		return tomlx.At{}, false
	}
	return a.indicators[f][m], true
}

// refused closes the message of a division by zero that the rules do not
// define: the program refuses rather than guess.
const refused = "程序因此拒绝这次分配，不计算任何金额（不会以 0 作除数）。"

// hint says what to do about a Problem, in the words of the file.
func (p *Plan) hint(pr Problem) string {
	in := p.Input
	switch pr.Field {
	case "Total":
		if in.Total.Sign() > 0 {
			return "请核对总额的小数位数，或改小“quantum”（最小分配单位）。"
		}
		return "请填写大于 0 的总额。"
	case "Unit":
		return "" // the message says it all
	case "Quantum":
		return "元通常写 1，万元通常写 0.01（即 100 元）；不写“quantum”时按“unit”取这两个值。"
	case "Factors":
		return "请写明各 [[factor]]，或删去“factor”这一项以按第七条的默认因素和权重计算。"
	case "Cities":
		return "请为每个设区市写一节 [[city]]。"
	case "Weight":
		if pr.Factor >= 0 {
			return "权重按百分数填写：40 表示 40%。"
		}
		parts := make([]string, len(in.Factors))
		sum := decimal.Zero
		for f, fac := range in.Factors {
			parts[f] = fmt.Sprintf("%s %s", factorLabel(fac, f), fac.Weight.Mul(hundred))
			sum = sum.Add(fac.Weight)
		}
		h := "各因素权重：" + strings.Join(parts, "、") + "。"
		if sum.Equal(one.Div(hundred)) {
			h += "权重按百分数填写（40 表示 40%），不要写成小数（0.4）。"
		} else {
			h += "请调整，使合计恰好为 100。"
		}
		return h
	case "Indicators":
		return "请在“indicators”中至少写一个指标“{ key = …, name = …, unit = … }”。"
	case "Key":
		return "请改用不同的代码；各设区市的“values”按代码填写数值。"
	case "Name":
		if pr.City >= 0 {
			if first, ok := p.firstCityNamed(in.Cities[pr.City].Name, pr.City); ok {
				return fmt.Sprintf("同名的设区市已写在第%d行。请删去重复的一节，或改正名称。", first.Line)
			}
			return "请填写名称。"
		}
	case "Performance":
		return "请按省市场监管局提供的绩效评价情况改正。"
	case "Hardship":
		return "请按省财政厅提供的财政困难程度情况改正。"
	case "Values":
		if pr.City < 0 {
			return refused
		}
		if _, ok := in.Cities[pr.City].Values[pr.Key]; !ok {
			return fmt.Sprintf("请在这一设区市的“values”中补上“%s = 数值”；没有发生的写 0。", pr.Key)
		}
		if !p.known(pr.Key) {
			h := ""
			if best := suggest.Closest(pr.Key, p.indicatorKeys()); best != "" {
				h = "是不是“" + best + "”？"
			}
			return h + "可用的指标代码有：“" + strings.Join(p.indicatorKeys(), "”、“") + "”。"
		}
		return "请改正；没有发生的写 0。"
	case "":
		return refused
	}
	return ""
}

// firstCityNamed finds the first city before index before with the name.
func (p *Plan) firstCityNamed(name string, before int) (diag.Pos, bool) {
	for i := 0; i < before && i < len(p.at.cities); i++ {
		if p.Input.Cities[i].Name == name {
			return p.at.cities[i].Key("name"), true
		}
	}
	return diag.Pos{}, false
}

func (p *Plan) indicatorKeys() []string {
	var keys []string
	for _, f := range p.Input.Factors {
		for _, ind := range f.Indicators {
			keys = append(keys, ind.Key)
		}
	}
	return keys
}

func (p *Plan) known(key string) bool {
	for _, k := range p.indicatorKeys() {
		if k == key {
			return true
		}
	}
	return false
}
