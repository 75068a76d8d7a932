package alloc

import (
	"ipfund/internal/diag"
	"ipfund/internal/safename"
	"ipfund/internal/tomlx"
)

// checkNames reports factor, indicator and city names that cannot be keys
// of allocation-figures.toml (see package safename), and indicator names
// repeated within a factor (the key of each indicator's sum). Empty city
// names are left to Allocate's own check.
func checkNames(ds *diag.List, fs []factorData, cs []cityData) {
	bad := func(at tomlx.At, what, s string) {
		if msg := safename.Explain(what, s, safename.MaxName); msg != "" {
			ds.Add(diag.Diagnostic{Pos: at.Key("name"), Severity: diag.Error, Msg: msg})
		}
	}
	for _, f := range fs {
		bad(f.At, "因素名称", f.Name)
		seen := map[string]bool{}
		for _, ind := range f.Indicators {
			bad(ind.At, "指标名称", ind.Name)
			if seen[ind.Name] {
				ds.Errorf(ind.At.Key("name"), "因素“%s”中指标名称“%s”重复。结果中按名称列出各指标的合计，请改用不同的名称。", f.Name, ind.Name)
			}
			seen[ind.Name] = true
		}
	}
	for _, c := range cs {
		if c.Name != "" {
			bad(c.At, "设区市名称", c.Name)
		}
	}
}
