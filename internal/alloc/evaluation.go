package alloc

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/suggest"
	"ipfund/internal/tomlx"
)

// Evaluation is how a year's 绩效调节系数 follow from the cities'
// performance-evaluation results: 第七条 adjusts each city's factor scores
// "根据各设区市专项资金绩效评价情况". The rule is data, as the province
// declares it in [evaluation]: a table grade → coefficient, or a linear
// function of the score with bounds.
type Evaluation struct {
	// Year is the evaluation year the results belong to, 0 when not said.
	Year int
	// Rule is RuleGrade or RuleLinear.
	Rule string
	// Grades are the grades, highest first, each from its Min score up;
	// under RuleGrade each has its Coefficient.
	Grades []EvalGrade
	// Linear is the function of RuleLinear.
	Linear *Linear
	// Source says where the results were read: SourceTable (the file's
	// [[evaluation.result]]) or SourceFiles (the cities' figures.toml in
	// Dir, relative to the allocation file).
	Source, Dir string
}

// Coefficient rules.
const (
	// RuleGrade looks the coefficient up by grade.
	RuleGrade = "grade"
	// RuleLinear computes it from the score.
	RuleLinear = "linear"
)

// Sources of the results.
const (
	SourceTable = "table"
	SourceFiles = "files"
)

// EvalGrade is one grade of the evaluation (优, 良, 中, 差).
type EvalGrade struct {
	Name        string
	Min         decimal.Decimal
	Coefficient *decimal.Decimal
}

// Linear is coefficient = Base + (score − BaseScore) × PerPoint, kept
// within [Min, Max].
type Linear struct {
	BaseScore, Base, PerPoint, Min, Max decimal.Decimal
}

// CityEvaluation is one city's evaluation result and the coefficient the
// rule gives for it.
type CityEvaluation struct {
	// Known is false for a city whose coefficient is typed by hand and
	// that has no result.
	Known bool
	Score decimal.Decimal
	Grade string
	// From is where the result was read: the allocation file's line, or a
	// city's figures file.
	From string
	// Coefficient is what the rule gives; the city's Performance, unless
	// Manual: then the typed coefficient was kept (performance_manual).
	Coefficient decimal.Decimal
	Manual      bool
}

// MaxEvaluationFiles bounds how many figures files an evaluation folder
// may hold (limits.EvaluationFiles).
const MaxEvaluationFiles = limits.EvaluationFiles

// GradeOf is the grade of a score: the first grade whose Min it reaches.
func (e *Evaluation) GradeOf(score decimal.Decimal) string {
	for _, g := range e.Grades {
		if score.GreaterThanOrEqual(g.Min) {
			return g.Name
		}
	}
	return ""
}

// CoefficientOf is the coefficient the rule gives a result.
func (e *Evaluation) CoefficientOf(score decimal.Decimal, grade string) decimal.Decimal {
	if e.Rule == RuleLinear && e.Linear != nil {
		l := e.Linear
		c := l.Base.Add(score.Sub(l.BaseScore).Mul(l.PerPoint))
		return decimal.Max(l.Min, decimal.Min(l.Max, c))
	}
	for _, g := range e.Grades {
		if g.Name == grade && g.Coefficient != nil {
			return *g.Coefficient
		}
	}
	return decimal.Zero
}

// Describe words the rule for a reader of the results: 按绩效评价等级确定：
// 优 1.10、良 1.00…, or 绩效调节系数 = 1.00 + (得分 − 90) × 0.01，….
func (e *Evaluation) Describe() string {
	if e.Rule == RuleLinear && e.Linear != nil {
		l := e.Linear
		return fmt.Sprintf("绩效调节系数=%s+（绩效评价得分−%s）×%s，不低于%s、不高于%s",
			coef(l.Base), l.BaseScore, l.PerPoint, coef(l.Min), coef(l.Max))
	}
	parts := make([]string, len(e.Grades))
	for i, g := range e.Grades {
		c := "—"
		if g.Coefficient != nil {
			c = coef(*g.Coefficient)
		}
		parts[i] = fmt.Sprintf("%s（%s）%s", g.Name, gradeRange(e.Grades, i), c)
	}
	return "按绩效评价等级确定：" + strings.Join(parts, "，")
}

// GradeStandard words the grades' score ranges: 优 90分及以上，良 80–90分….
func (e *Evaluation) GradeStandard() string {
	parts := make([]string, len(e.Grades))
	for i, g := range e.Grades {
		parts[i] = g.Name + " " + gradeRange(e.Grades, i)
	}
	return strings.Join(parts, "，")
}

func gradeRange(gs []EvalGrade, i int) string {
	switch {
	case i == 0:
		return gs[0].Min.String() + "分及以上"
	case gs[i].Min.IsZero():
		return gs[i-1].Min.String() + "分以下"
	}
	return gs[i].Min.String() + "分至" + gs[i-1].Min.String() + "分"
}

// coef shows a coefficient with at least two decimals: 1.00, 0.90, 1.0541.
func coef(d decimal.Decimal) string { return d.StringFixed(max(2, -d.Exponent())) }

// The shapes of [evaluation] in allocation.toml.
type evaluationData struct {
	At      tomlx.At
	Year    int          `toml:"year" zh:"评价年度"`
	Rule    string       `toml:"rule,required" zh:"绩效调节系数规则"`
	Source  string       `toml:"source,required" zh:"评价结果来源"`
	Dir     string       `toml:"dir" zh:"评价结果文件目录"`
	Grades  []gradeData  `toml:"grades" zh:"评价等级"`
	Linear  *linearData  `toml:"linear" zh:"线性规则"`
	Results []resultData `toml:"result" zh:"各设区市评价结果"`
}

type gradeData struct {
	At          tomlx.At
	Name        string           `toml:"name,required" zh:"等级"`
	Min         decimal.Decimal  `toml:"min,required" zh:"最低分"`
	Coefficient *decimal.Decimal `toml:"coefficient" zh:"绩效调节系数"`
}

type linearData struct {
	At        tomlx.At
	BaseScore decimal.Decimal `toml:"base_score,required" zh:"基准得分"`
	Base      decimal.Decimal `toml:"base,required" zh:"基准系数"`
	PerPoint  decimal.Decimal `toml:"per_point,required" zh:"每分增减"`
	Min       decimal.Decimal `toml:"min,required" zh:"系数下限"`
	Max       decimal.Decimal `toml:"max,required" zh:"系数上限"`
}

type resultData struct {
	At    tomlx.At
	City  string          `toml:"city,required" zh:"设区市名称"`
	Score decimal.Decimal `toml:"score,required" zh:"绩效评价得分"`
	Grade string          `toml:"grade" zh:"评价等级"`
}

// result is one city's result wherever it was read.
type result struct {
	city         string
	score        decimal.Decimal
	grade        string
	from         string
	at, scoreAt  diag.Pos
	gradeAt      diag.Pos
	cityInFileAt diag.Pos
}

var hundredPoints = decimal.NewFromInt(100)

// evaluate derives the cities' 绩效调节系数 from their results by the rule
// of [evaluation], reporting every problem; it fills p.Input's coefficients
// and the evaluation it used, and reports whether it could.
func (p *Plan) evaluate(ds *diag.List, ed *evaluationData, cities []cityData) bool {
	before := len(ds.Errors())
	e := &Evaluation{Year: ed.Year, Rule: ed.Rule, Source: ed.Source, Dir: ed.Dir}
	ruleOK := p.evaluationRule(ds, ed, e)
	var results []result
	switch ed.Source {
	case SourceTable:
		if ed.At.Has("dir") {
			ds.Errorf(ed.At.Key("dir"), "评价结果来源是“table”（本文件中的 [[evaluation.result]]），不需要“dir”。请删去“dir”，或把“source”改为“files”。")
		}
		for _, r := range ed.Results {
			results = append(results, result{city: r.City, score: r.Score, grade: r.Grade,
				from: r.At.Pos().String(), at: r.At.Pos(), scoreAt: r.At.Key("score"), gradeAt: r.At.Key("grade"), cityInFileAt: r.At.Key("city")})
		}
	case SourceFiles:
		if len(ed.Results) > 0 {
			ds.Errorf(ed.At.Key("result"), "评价结果来源是“files”（从 %s 目录读取各设区市的 figures.toml），本文件中的 [[evaluation.result]] 不会被使用。请删去它们，或把“source”改为“table”。", ed.Dir)
		}
		results = readEvaluationFiles(ds, p.File, ed)
	default:
		ds.Errorf(ed.At.Key("source"), "评价结果来源“%s”无法识别。可用：“table”（写在本文件的 [[evaluation.result]] 中）、“files”（从“dir”目录读取各设区市的 figures.toml）。", ed.Source)
	}
	names := make([]string, len(cities))
	for i, c := range cities {
		names[i] = c.Name
	}
	byCity := map[string]result{}
	for _, r := range results {
		if prev, dup := byCity[r.city]; dup {
			ds.Errorf(r.cityInFileAt, "设区市“%s”的绩效评价结果重复（另见 %s）。每个设区市只能有一个评价结果，请删去其中一个。", r.city, prev.from)
			continue
		}
		byCity[r.city] = r
		if !slices.Contains(names, r.city) {
			hint := ""
			if best := suggest.Closest(r.city, names); best != "" {
				hint = "是不是“" + best + "”？"
			}
			ds.Errorf(r.cityInFileAt, "绩效评价结果中的设区市“%s”不在本文件的 [[city]] 中。%s设区市名称须与 [[city]] 的“name”一致：%s。", r.city, hint, strings.Join(names, "、"))
		}
		if r.score.IsNegative() || r.score.GreaterThan(hundredPoints) {
			ds.Errorf(r.scoreAt, "设区市“%s”的绩效评价得分 %s 不在 0–100 分之间。请按评价结果改正。", r.city, r.score)
			continue
		}
		if !ruleOK || len(e.Grades) == 0 {
			continue
		}
		want := e.GradeOf(r.score)
		switch {
		case r.grade == "":
		case !slices.ContainsFunc(e.Grades, func(g EvalGrade) bool { return g.Name == r.grade }):
			ds.Errorf(r.gradeAt, "设区市“%s”的评价等级“%s”不在 [evaluation] 的等级中（%s）。请改正等级，或在“grades”中加上它。", r.city, r.grade, gradeNames(e.Grades))
		case r.grade != want:
			ds.Errorf(r.gradeAt, "设区市“%s”的评价等级写的是“%s”，但得分 %s 按等级标准（%s）应为“%s”。请核对得分和等级。", r.city, r.grade, r.score, e.GradeStandard(), want)
		}
	}
	if len(ds.Errors()) > before {
		return false
	}
	for i, c := range cities {
		r, has := byCity[c.Name]
		ce := &CityEvaluation{Known: has}
		if has {
			ce.Score, ce.Grade, ce.From = r.score, r.grade, r.from
			if ce.Grade == "" {
				ce.Grade = e.GradeOf(r.score)
			}
			ce.Coefficient = e.CoefficientOf(ce.Score, ce.Grade)
		}
		switch {
		case c.PerformanceManual && c.Performance == nil:
			ds.Errorf(c.At.Key("performance_manual"), "设区市“%s”写了“performance_manual = true”，但没有写“performance”（手工指定的绩效调节系数）。请补上“performance”，或删去“performance_manual”。", c.Name)
		case c.PerformanceManual:
			ce.Manual = true
			p.Input.Cities[i].Performance = *c.Performance
		case c.Performance != nil:
			ds.Add(diag.Diagnostic{Pos: c.At.Key("performance"),
				Msg:  fmt.Sprintf("设区市“%s”手工写了绩效调节系数“performance = %s”，但本年度的绩效调节系数按绩效评价结果计算（[evaluation]）。", c.Name, c.Performance),
				Hint: "如确需手工指定，请再写一行“performance_manual = true”（手工系数优先于评价结果）；否则请删去“performance”。"})
		case !has:
			where := "本文件的 [[evaluation.result]] 中补上“city = \"" + c.Name + "\"”的得分"
			if ed.Source == SourceFiles {
				where = " " + ed.Dir + " 目录中放入该市的 figures.toml"
			}
			ds.Add(diag.Diagnostic{Pos: c.At.Pos(),
				Msg:  fmt.Sprintf("设区市“%s”没有绩效评价结果，无法得出绩效调节系数。", c.Name),
				Hint: "请在" + where + "；如确需手工指定系数，写“performance”和“performance_manual = true”。"})
		default:
			p.Input.Cities[i].Performance = ce.Coefficient
		}
		p.Input.Cities[i].Evaluation = ce
	}
	if len(ds.Errors()) > before {
		return false
	}
	p.Evaluation, p.Input.Evaluation = e, e
	return true
}

// evaluationRule checks and converts the rule; it reports whether the rule
// can be applied.
func (p *Plan) evaluationRule(ds *diag.List, ed *evaluationData, e *Evaluation) bool {
	before := len(ds.Errors())
	switch ed.Rule {
	case RuleGrade:
		if len(ed.Grades) == 0 {
			ds.Errorf(ed.At.Key("rule"), "按评价等级确定系数（“rule = \"grade\"”）须在“grades”中写出各等级及其系数，如“{ name = \"优\", min = 90, coefficient = 1.10 }”。")
		}
		if ed.Linear != nil {
			ds.Errorf(ed.At.Key("linear"), "“rule = \"grade\"”按等级查表，不用“linear”。请删去“linear”，或把“rule”改为“linear”。")
		}
	case RuleLinear:
		if ed.Linear == nil {
			ds.Errorf(ed.At.Key("rule"), "按得分线性计算系数（“rule = \"linear\"”）须写“linear = { base_score = …, base = …, per_point = …, min = …, max = … }”。")
			break
		}
		l := ed.Linear
		e.Linear = &Linear{BaseScore: l.BaseScore, Base: l.Base, PerPoint: l.PerPoint, Min: l.Min, Max: l.Max}
		switch {
		case l.Min.IsNegative():
			ds.Errorf(l.At.Key("min"), "线性规则的系数下限 %s 不能为负数。", l.Min)
		case l.Min.GreaterThan(l.Max):
			ds.Errorf(l.At.Key("max"), "线性规则的系数上限 %s 低于下限 %s。请改正。", l.Max, l.Min)
		}
	default:
		ds.Errorf(ed.At.Key("rule"), "绩效调节系数规则“%s”无法识别。可用：“grade”（按评价等级查表）、“linear”（按评价得分线性计算）。", ed.Rule)
	}
	seen := map[string]bool{}
	for i, g := range ed.Grades {
		e.Grades = append(e.Grades, EvalGrade{Name: g.Name, Min: g.Min, Coefficient: g.Coefficient})
		if seen[g.Name] {
			ds.Errorf(g.At.Key("name"), "评价等级“%s”重复。", g.Name)
		}
		seen[g.Name] = true
		switch {
		case g.Min.IsNegative() || g.Min.GreaterThan(hundredPoints):
			ds.Errorf(g.At.Key("min"), "评价等级“%s”的最低分 %s 不在 0–100 分之间。", g.Name, g.Min)
		case i > 0 && !g.Min.LessThan(ed.Grades[i-1].Min):
			ds.Errorf(g.At.Key("min"), "评价等级应从高到低书写：“%s”的最低分 %s 不低于上一等级“%s”的 %s。", g.Name, g.Min, ed.Grades[i-1].Name, ed.Grades[i-1].Min)
		case i == len(ed.Grades)-1 && !g.Min.IsZero():
			ds.Errorf(g.At.Key("min"), "最后一个评价等级“%s”的最低分应为 0，否则低于 %s 分的得分没有等级。", g.Name, g.Min)
		}
		switch {
		case ed.Rule == RuleGrade && g.Coefficient == nil:
			ds.Errorf(g.At.Pos(), "评价等级“%s”缺少“coefficient”（该等级的绩效调节系数）。", g.Name)
		case ed.Rule == RuleLinear && g.Coefficient != nil:
			ds.Errorf(g.At.Key("coefficient"), "“rule = \"linear\"”按得分计算系数，评价等级“%s”不需要“coefficient”。请删去，或把“rule”改为“grade”。", g.Name)
		case g.Coefficient != nil && g.Coefficient.IsNegative():
			ds.Errorf(g.At.Key("coefficient"), "评价等级“%s”的绩效调节系数 %s 不能为负数。", g.Name, g.Coefficient)
		}
	}
	return len(ds.Errors()) == before
}

func gradeNames(gs []EvalGrade) string {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Name
	}
	return strings.Join(names, "、")
}

// readEvaluationFiles reads the results from the figures files that the
// cities' own runs wrote (out/<year>/figures.toml of each city), placed in
// dir next to the allocation file, directly or one folder down
// (evaluations/南昌市/figures.toml). Each names its region and year in
// [专项资金] and its total and grade in [综合评价].
func readEvaluationFiles(ds *diag.List, allocFile string, ed *evaluationData) []result {
	at := ed.At.Key("dir")
	// dir becomes a path: only a folder below the allocation file's.
	if ed.Dir == "" || !filepath.IsLocal(ed.Dir) {
		ds.Errorf(at, "评价结果目录“dir” = \"%s\" 须是本文件所在目录下的子目录名（如 \"evaluations\"），不能为空、不能是绝对路径，也不能含“..”。", ed.Dir)
		return nil
	}
	base := filepath.Dir(allocFile)
	dir := filepath.Join(base, ed.Dir)
	paths, ok := evaluationPaths(ds, at, dir)
	if !ok {
		return nil
	}
	var out []result
	for _, path := range paths {
		if r, ok := readEvaluationFile(ds, path, ed.Year); ok {
			out = append(out, r)
		}
	}
	return out
}

// evaluationPaths lists the *.toml files of dir and of its folders, sorted;
// it refuses links and more than MaxEvaluationFiles files before reading
// any.
func evaluationPaths(ds *diag.List, at diag.Pos, dir string) ([]string, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		ds.Errorf(at, "无法读取评价结果目录 %s：%s。请建立该目录，把各设区市的 figures.toml 放在里面（每市一个文件，或每市一个子目录）。", dir, diag.IOError(err))
		return nil, false
	}
	var paths []string
	add := func(path string, e os.DirEntry) bool {
		switch {
		case e.Type()&os.ModeSymlink != 0:
			ds.Errorf(diag.Pos{File: path}, "评价结果目录中的 %s 是链接。程序不跟随链接读取文件：请把文件本身复制到这里。", path)
			return false
		case e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".toml"):
			paths = append(paths, path)
		}
		return true
	}
	ok := true
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			ok = add(path, e) && ok
			continue
		}
		sub, err := os.ReadDir(path)
		if err != nil {
			ds.Errorf(diag.Pos{File: path}, "无法读取目录：%s。", diag.IOError(err))
			ok = false
			continue
		}
		for _, se := range sub {
			if !se.IsDir() {
				ok = add(filepath.Join(path, se.Name()), se) && ok
			}
		}
		if len(paths) > MaxEvaluationFiles {
			break
		}
	}
	switch {
	case !ok:
		return nil, false
	case len(paths) > MaxEvaluationFiles:
		ds.Errorf(at, "评价结果目录 %s 中的 .toml 文件超过 %d 个。这里只应放各设区市的 figures.toml：请确认目录没有选错。", dir, MaxEvaluationFiles)
		return nil, false
	case len(paths) == 0:
		ds.Errorf(at, "评价结果目录 %s 中没有 .toml 文件。请把各设区市的 figures.toml 放在里面。", dir)
		return nil, false
	}
	sort.Strings(paths)
	return paths, true
}

// readEvaluationFile reads one city's figures file, within the limits of a
// data file.
func readEvaluationFile(ds *diag.List, path string, year int) (result, bool) {
	pos := diag.Pos{File: path}
	src, d := tomlx.ReadFile(path)
	if d != nil {
		ds.Add(*d)
		return result{}, false
	}
	var m map[string]any
	if fds := tomlx.Decode(path, src, &m); len(fds) > 0 {
		ds.Add(fds...)
		ds.Errorf(pos, "不是有效的计算结果文件。请放入各设区市“make report”生成的 out/<年度>/figures.toml，不要手工修改。")
		return result{}, false
	}
	missing := func(what string) (result, bool) {
		ds.Errorf(pos, "不是绩效评价的计算结果文件：缺少 %s。请放入各设区市“make report”生成的 out/<年度>/figures.toml。", what)
		return result{}, false
	}
	fund, _ := m["专项资金"].(map[string]any)
	eval, _ := m["综合评价"].(map[string]any)
	region, ok := fund["地区"].(string)
	if !ok || region == "" {
		return missing("[专项资金] 中的“地区”")
	}
	fileYear, ok := fund["年度"].(int64)
	if !ok {
		return missing("[专项资金] 中的“年度”")
	}
	score, ok := tomlDecimal(eval["总分"])
	if !ok {
		return missing("[综合评价] 中的“总分”")
	}
	grade, _ := eval["等级"].(string)
	if year != 0 && int(fileYear) != year {
		ds.Errorf(pos, "这是%s %d 年度的评价结果，但 [evaluation] 写的评价年度是 %d。请放入 %d 年度的 figures.toml，或改正“year”。", region, fileYear, year, year)
		return result{}, false
	}
	return result{city: region, score: score, grade: grade, from: path, at: pos, scoreAt: pos, gradeAt: pos, cityInFileAt: pos}, true
}

// tomlDecimal converts a decoded TOML number. A float's shortest decimal
// form is the number as the figures file writes it (95.41, 97.60 → 97.6).
func tomlDecimal(v any) (decimal.Decimal, bool) {
	switch n := v.(type) {
	case int64:
		return decimal.NewFromInt(n), true
	case float64:
		return decimal.NewFromFloat(n), true
	}
	return decimal.Decimal{}, false
}
