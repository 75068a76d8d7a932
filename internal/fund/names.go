package fund

import (
	"ipfund/internal/diag"
	"ipfund/internal/safename"
)

// names checks every value that becomes part of an output file name (the
// region and the fund's name) or a key of figures.toml (indicator names at
// every level), and that the keys they make are distinct.
func (v *validator) names() {
	y := v.y
	v.name(y.Fund.At.Key("region"), "地区", y.Fund.Region, safename.MaxRegion)
	v.name(y.Fund.At.Key("name"), "专项资金名称", y.Fund.Name, safename.MaxFundName)
	for _, g := range y.Scoring.Groups {
		v.name(g.At.Key("name"), "一级指标名称", g.Name, safename.MaxName)
	}
	// A category's scores stand in figures.toml under its name alone.
	seen := map[string]diag.Pos{}
	for _, c := range y.Scoring.Categories {
		v.name(c.At.Key("name"), "二级指标名称", c.Name, safename.MaxName)
		if prev, dup := seen[c.Name]; dup {
			v.errorf(c.At.Key("name"), "二级指标名称“%s”重复（另见 %s）。计算结果按名称列出各二级指标，请改用不同的名称。", c.Name, prev)
		} else {
			seen[c.Name] = c.At.Key("name")
		}
		if c.Shared != nil && c.Shared.Name != "" {
			v.name(c.Shared.At.Key("name"), "三级指标名称", c.Shared.Name, safename.MaxName)
		}
	}
	for _, sp := range y.Subprojects {
		if sp.Detail != nil {
			v.detailNames(&sp)
		}
		for _, ind := range sp.Indicators {
			if ind.Name != "" {
				v.name(ind.At.Key("name"), "三级指标名称", ind.Name, safename.MaxName)
			}
		}
	}
	if y.Targets != nil {
		rows := map[[3]string]diag.Pos{}
		for i, t := range y.Targets.Indicators {
			v.name(t.At.Key("level1"), "一级指标", t.Level1, safename.MaxName)
			v.name(t.At.Key("level2"), "二级指标", t.Level2, safename.MaxName)
			v.name(t.At.Key("name"), "三级指标", t.Name, safename.MaxName)
			k := [3]string{t.Level1, t.Level2, t.Name}
			if prev, dup := rows[k]; dup {
				v.errorf(t.At.Key("name"), "绩效目标表第%d项“%s/%s/%s”与前面一项重复（见 %s）。同一二级指标下的三级指标名称不能重复，请改一个名称或删去一项。", i+1, t.Level1, t.Level2, t.Name, prev)
			} else {
				rows[k] = t.At.Key("name")
			}
		}
	}
}

// detailNames checks the names under which a detail table's 小计 and 合计
// stand in figures.toml: the labels of the groups with a subtotal and the
// names of the summed columns.
func (v *validator) detailNames(sp *Subproject) {
	d := sp.Detail
	labels := map[string]diag.Pos{}
	for i, g := range d.Groups {
		if g.Subtotal == nil || g.Label == "" {
			continue
		}
		pos := d.LabelPos(&d.Groups[i])
		v.name(pos, "明细表组名", g.Label, safename.MaxName)
		if prev, dup := labels[g.Label]; dup {
			v.errorf(pos, "%s的明细表第%d组的组名“%s”与前面一组相同（见 %s），两组都有小计。计算结果按组名列出小计，请改用不同的组名。", label(sp), i+1, g.Label, prev)
		} else {
			labels[g.Label] = pos
		}
	}
	cols := map[string]diag.Pos{}
	for _, c := range d.Columns {
		if !c.Sum {
			continue
		}
		what, pos := "明细表列标题", c.At.Key("title")
		if c.Title == "" {
			what, pos = "明细表列代号", c.At.Key("key")
		}
		v.name(pos, what, c.Name(), safename.MaxName)
		if prev, dup := cols[c.Name()]; dup {
			v.errorf(pos, "%s的明细表有两个合计列都叫“%s”（另见 %s）。计算结果按列名列出小计和合计，请改用不同的标题。", label(sp), c.Name(), prev)
		} else {
			cols[c.Name()] = pos
		}
	}
}

// name reports a value that cannot be part of a file name or key.
func (v *validator) name(pos diag.Pos, what, s string, max int) {
	if msg := safename.Explain(what, s, max); msg != "" {
		v.ds.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: msg})
	}
}
