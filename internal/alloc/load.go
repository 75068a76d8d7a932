package alloc

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/tomlx"
)

// Plan is one year's factor-method allocation as read from
// data/<year>/allocation.toml: what a reader of the result must know about
// it, and the Input to compute.
type Plan struct {
	File   string // the file it was read from
	Title  string
	Region string
	Year   int
	// Sample marks made-up figures (示例数据); Note then says so in words
	// ("示例数据，非官方数字" unless the file says otherwise), and every
	// output must carry it.
	Sample bool
	Note   string
	// RuleFactors is set when the file has no [[factor]] and the four
	// factors and weights of 第七条 (DefaultFactors) were used.
	RuleFactors bool
	// Evaluation is the rule that derived the 绩效调节系数 from the
	// cities' evaluation results ([evaluation]); nil when they are typed.
	Evaluation *Evaluation

	Input Input // weights as fractions; Quantum filled in from Unit if the file has none

	at places // where each part of Input stands in File
}

// SampleNote is the note of a sample data set that does not write its own.
const SampleNote = "示例数据，非官方数字"

// places records where the parts of an Input stand in the file, so that
// every Problem of Allocate can name its line.
type places struct {
	header     tomlx.At
	root       tomlx.At
	quantum    bool         // quantum was written (else it was derived from unit)
	factors    []tomlx.At   // per Input.Factors; empty when RuleFactors
	indicators [][]tomlx.At // per factor and indicator
	cities     []tomlx.At   // per Input.Cities
	values     []tomlx.At   // each city's values table, for the position of each value
}

// Load reads data/<year>/allocation.toml (or any file of that format),
// checks it and returns the plan. All problems come back at once, sorted by
// line, each with the position of the key to fix: what TOML decoding finds
// (syntax, unknown keys, wrong types, missing keys), then the file's own
// rules (the year must match the directory), then every Problem of
// Allocate mapped back to its line. The plan is nil when there is any
// error; it may come with warnings. A plan without errors always allocates.
func Load(path string) (*Plan, diag.List) {
	src, d := tomlx.ReadFile(path)
	if d != nil {
		return nil, diag.List{*d}
	}
	return load(path, src)
}

// cityCount bounds the [[city]] tables, before the file is parsed.
var cityCount = map[string]tomlx.Count{"city": {
	Max:  limits.Cities,
	Msg:  "设区市超过 %d 个，超过分配数据的上限（从这里起是多出的部分）。",
	Hint: "一个省的设区市不过二十几个，县级也只有一两百个；请确认没有重复粘贴 [[city]] 小节。",
}}

// load checks and converts the contents of the file named path.
func load(path string, src []byte) (*Plan, diag.List) {
	var ds diag.List
	if onlyComments(string(src)) {
		ds.Errorf(diag.Pos{File: path}, "文件是空的（没有任何数据）。请参照 data/2023/%s 填写。", FileName)
		return nil, ds
	}
	var f fileData
	if fds := tomlx.DecodeCounted(path, src, &f, cityCount); len(fds) > 0 {
		// Checking what could not be read would only add noise.
		return nil, fds.Sorted()
	}
	var vp valuesPlaces
	_ = tomlx.Decode(path, src, &vp)

	h := f.Allocation
	p := &Plan{
		File: path, Title: h.Title, Region: h.Region, Year: h.Year,
		Sample: h.Sample, Note: h.Note,
		Input: Input{Total: h.Total, Unit: h.Unit},
		at:    places{header: h.At, root: f.At},
	}
	checkYear(&ds, path, h)
	if p.Sample {
		if p.Note == "" {
			p.Note = SampleNote
		}
		if !strings.Contains(p.Title, "示例") {
			ds.Warnf(h.At.Key("title"), "本文件标为示例数据（“sample = true”），但标题“%s”中没有写明“示例”。请在标题中注明“%s”，以免被当作正式数字。", p.Title, SampleNote)
		}
	} else if strings.Contains(p.Title, "示例") || strings.Contains(p.Note, "示例") {
		ds.Warnf(h.At.Key("title"), "本文件标为正式数据（“sample = false”），但标题或说明中仍写着“示例”。换成真实数据后，请删去标题和“note”中的“示例”字样。")
	}

	switch {
	case h.Quantum != nil:
		p.Input.Quantum, p.at.quantum = *h.Quantum, true
	case h.Unit == UnitYuan:
		p.Input.Quantum = decimal.NewFromInt(1)
	case h.Unit == UnitWanYuan:
		p.Input.Quantum = decimal.New(1, -2)
	}

	if f.At.Has("factor") {
		p.factorsFromFile(&ds, f.Factors)
	} else {
		p.RuleFactors = true
		p.Input.Factors = DefaultFactors()
		ds.Add(diag.Diagnostic{
			Pos: h.At.Pos(), Severity: diag.Warning,
			Msg:  "文件中没有 [[factor]]，按管理办法第七条的默认因素和权重计算：" + describeFactors(p.Input.Factors) + "。",
			Hint: "如本年度因素或权重有调整，请在本文件中写明各 [[factor]]（写法见 data/2023/" + FileName + "）。",
		})
	}

	checkNames(&ds, f.Factors, f.Cities)
	for i, c := range f.Cities {
		city := City{Name: c.Name, Values: c.Values, Hardship: c.Hardship}
		if c.Performance != nil {
			city.Performance = *c.Performance
		}
		p.Input.Cities = append(p.Input.Cities, city)
		p.at.cities = append(p.at.cities, c.At)
		var values tomlx.At
		if i < len(vp.Cities) {
			values = vp.Cities[i].Values.At
		}
		p.at.values = append(p.at.values, values)
	}
	probe := p.Input
	evaluated := false
	if f.Evaluation != nil {
		evaluated = p.evaluate(&ds, f.Evaluation, f.Cities)
		if !evaluated {
			// Check the rest with stand-in coefficients, so that the other
			// problems show now rather than after these are fixed.
			probe.Cities = slices.Clone(p.Input.Cities)
			for i := range probe.Cities {
				probe.Cities[i].Performance = one
			}
		}
	} else {
		for _, c := range f.Cities {
			switch {
			case c.Performance == nil:
				ds.Add(diag.Diagnostic{Pos: c.At.Pos(), Msg: fmt.Sprintf("设区市“%s”缺少“performance”（绩效调节系数）。", c.Name),
					Hint: "请填写省市场监管局提供的绩效调节系数，或在 [evaluation] 中写明按各设区市绩效评价结果计算系数的规则（写法见 data/2023/" + FileName + "）。"})
			case c.PerformanceManual:
				ds.Errorf(c.At.Key("performance_manual"), "设区市“%s”写了“performance_manual”，但本文件没有 [evaluation]：绩效调节系数本来就是手工填写的。请删去“performance_manual”。", c.Name)
			}
		}
	}
	for i, c := range f.Cities {
		for _, coef := range []struct {
			key, name string
			v         decimal.Decimal
		}{{"performance", "绩效调节系数", p.Input.Cities[i].Performance}, {"hardship", "财政困难程度系数", c.Hardship}} {
			if coef.v.IsZero() && (coef.key == "hardship" || c.Performance != nil || evaluated) {
				pos := c.At.Key(coef.key)
				if ev := p.Input.Cities[i].Evaluation; coef.key == "performance" && ev != nil && !ev.Manual {
					pos = c.At.Pos()
				}
				ds.Warnf(pos, "设区市“%s”的%s为 0，它不参加因素法分配（分得 0）。如非有意，请核对。", c.Name, coef.name)
			}
		}
	}

	if _, err := Allocate(probe); err != nil {
		var probs Problems
		if errors.As(err, &probs) {
			ds.Add(p.diagnose(probs)...)
		} else {
			ds.Errorf(h.At.Pos(), "无法计算分配：%v。", err) // Allocate returns only Problems; kept for safety
		}
	}
	ds = ds.Sorted().Capped(limits.Messages)
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}

// Allocate computes the plan's allocation. It cannot fail for a plan that
// Load returned; should Input have been changed since, the error is a
// diag.List naming the lines of File that hold the offending values.
func (p *Plan) Allocate() (*Result, error) {
	r, err := Allocate(p.Input)
	if err == nil {
		return r, nil
	}
	var probs Problems
	if errors.As(err, &probs) {
		return nil, p.diagnose(probs).Sorted()
	}
	return nil, err
}

// checkYear compares the year with the directory the file stands in.
func checkYear(ds *diag.List, path string, h *headerData) {
	dir := filepath.Dir(path)
	if dirYear, err := strconv.Atoi(filepath.Base(dir)); err == nil && dirYear != h.Year {
		ds.Errorf(h.At.Key("year"), "年度写的是 %d，但文件放在 %s 目录下。请改正年度，或把文件放到 %d 年的目录中。", h.Year, dir, h.Year)
	}
}

// factorsFromFile converts the [[factor]] tables: weights from percent to
// fractions. Their own checks are left to Allocate, except the one the
// results file depends on: factor names must differ, being its keys.
func (p *Plan) factorsFromFile(ds *diag.List, fs []factorData) {
	names := map[string]int{}
	for f, fd := range fs {
		if first, dup := names[fd.Name]; dup {
			ds.Errorf(fd.At.Key("name"), "因素名称“%s”重复：第%d个和第%d个因素同名。结果中按名称列出各因素，请改用不同的名称。", fd.Name, first+1, f+1)
		} else {
			names[fd.Name] = f
		}
		fac := Factor{Key: fd.Key, Name: fd.Name, Weight: fd.Weight.Shift(-2)}
		ats := make([]tomlx.At, len(fd.Indicators))
		for m, ind := range fd.Indicators {
			fac.Indicators = append(fac.Indicators, Indicator{Key: ind.Key, Name: ind.Name, Unit: ind.Unit})
			ats[m] = ind.At
		}
		p.Input.Factors = append(p.Input.Factors, fac)
		p.at.factors = append(p.at.factors, fd.At)
		p.at.indicators = append(p.at.indicators, ats)
	}
}

// describeFactors lists factors as staff write them: 专利运用 40%（transfers、pledge）….
func describeFactors(fs []Factor) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		keys := make([]string, len(f.Indicators))
		for m, ind := range f.Indicators {
			keys[m] = ind.Key
		}
		parts[i] = fmt.Sprintf("%s %s%%（“%s”）", f.Name, f.Weight.Mul(hundred), strings.Join(keys, "”、“"))
	}
	return strings.Join(parts, "，")
}

// onlyComments reports whether src holds nothing but blanks and comments.
func onlyComments(src string) bool {
	for _, line := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}
