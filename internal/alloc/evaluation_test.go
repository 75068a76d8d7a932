package alloc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The evaluation test year (testdata/evaluation), worked by hand. Factor 甲
// (60 %) splits 指标甲 1 : 1 : 2, factor 乙 (40 %) splits 指标乙 1 : 1 : 1;
// every 财政困难程度系数 is 1 and the 绩效调节系数 are 1.10, 1.00, 0.90.
//
//	因素甲 adjusted: 0.25×1.1 = 0.275, 0.25, 0.5×0.9 = 0.45; sum 0.975
//	因素乙 adjusted: 1.1/3, 1/3, 0.9/3; sum 1
//	甲市 share = 0.6×0.275/0.975 + 0.4×1.1/3 = 11/65 + 11/75 = 308/975
//	乙市 share = 0.6×0.25/0.975 + 0.4×1/3   = 2/13 + 2/15   = 280/975
//	丙市 share = 0.6×0.45/0.975 + 0.4×0.9/3 = 18/65 + 3/25  = 387/975
//	× 1000 元: 315.897…, 287.179…, 396.923…; floors 315 + 287 + 396 = 998;
//	the 2 元 left go to the largest remainders, 丙市 (.923) and 甲市 (.897):
//	316 + 287 + 397 = 1000.
var evaluationAmounts = []string{"316", "287", "397"}

func loadEvaluation(t *testing.T, name string) (*Plan, *Result) {
	t.Helper()
	p, ds := Load(filepath.Join("testdata", "evaluation", name))
	if ds.HasErrors() || p == nil {
		t.Fatalf("%s: %s", name, ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	return p, r
}

func TestCoefficientsFromEvaluationGiveTheTypedAmounts(t *testing.T) {
	for _, name := range []string{"typed.toml", "grade.toml", "linear.toml", "files.toml", "manual.toml"} {
		t.Run(name, func(t *testing.T) {
			p, r := loadEvaluation(t, name)
			sum := decimal.Zero
			for i, c := range r.Cities {
				if !c.Amount.Equal(decimal.RequireFromString(evaluationAmounts[i])) {
					t.Errorf("%s gets %s, want %s", c.Name, c.Amount, evaluationAmounts[i])
				}
				sum = sum.Add(c.Amount)
				want := []string{"1.1", "1", "0.9"}[i]
				if !c.Performance.Equal(decimal.RequireFromString(want)) {
					t.Errorf("%s 绩效调节系数 %s, want %s", c.Name, c.Performance, want)
				}
			}
			if !sum.Equal(decimal.NewFromInt(1000)) || !r.AmountSum.Equal(sum) {
				t.Errorf("amounts add up to %s (%s), want 1000", sum, r.AmountSum)
			}
			wantShares := []string{"308/975", "280/975", "387/975"}
			for i, c := range r.Cities {
				if got := c.Share.Rat().RatString(); got != reduce(wantShares[i]) {
					t.Errorf("%s share %s, want %s", c.Name, got, wantShares[i])
				}
			}
			if (name == "typed.toml") != (p.Evaluation == nil) || (r.Evaluation != p.Evaluation) {
				t.Errorf("evaluation %v / %v", p.Evaluation, r.Evaluation)
			}
		})
	}
}

func reduce(frac string) string {
	var a, b int64
	fmt.Sscanf(frac, "%d/%d", &a, &b)
	g := gcd(a, b)
	return fmt.Sprintf("%d/%d", a/g, b/g)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func TestEvaluationResultsAreKeptWithTheCities(t *testing.T) {
	_, r := loadEvaluation(t, "linear.toml")
	want := []struct{ score, grade, coef string }{{"95", "优", "1.1"}, {"85", "良", "1"}, {"70", "中", "0.9"}}
	for i, c := range r.Cities {
		e := c.Evaluation
		if e == nil || !e.Known || e.Score.String() != want[i].score || e.Grade != want[i].grade || e.Coefficient.String() != want[i].coef || e.Manual {
			t.Errorf("%s: %+v, want %v", c.Name, e, want[i])
		}
	}
	if got := r.Evaluation.Describe(); got != "绩效调节系数=1.00+（绩效评价得分−85）×0.01，不低于0.90、不高于1.20" {
		t.Errorf("linear rule: %s", got)
	}
	_, g := loadEvaluation(t, "grade.toml")
	if got := g.Evaluation.Describe(); got != "按绩效评价等级确定：优（90分及以上）1.10，良（80分至90分）1.00，中（60分至80分）0.90，差（60分以下）0.80" {
		t.Errorf("grade rule: %s", got)
	}
	// 丙市 wrote no grade: it follows from the score.
	if c := g.Cities[2].Evaluation; c.Grade != "中" || !strings.Contains(c.From, "grade.toml:") {
		t.Errorf("丙市 %+v", c)
	}
	_, f := loadEvaluation(t, "files.toml")
	if from := f.Cities[1].Evaluation.From; from != filepath.Join("testdata", "evaluation", "evaluations", "乙市", "figures.toml") {
		t.Errorf("乙市 read from %s", from)
	}
	if s := f.Cities[0].Evaluation.Score.String(); s != "95" {
		t.Errorf("甲市 score %s", s)
	}
	_, m := loadEvaluation(t, "manual.toml")
	if e := m.Cities[1].Evaluation; !e.Manual || e.Coefficient.String() != "1.1" || !m.Cities[1].Performance.Equal(decimal.NewFromInt(1)) {
		t.Errorf("乙市 manual: %+v, performance %s", e, m.Cities[1].Performance)
	}
}

// evalCase writes an allocation file of the test year with edits and the
// given evaluation folder files, and loads it.
func evalCase(t *testing.T, base string, edits []string, files map[string]string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "evaluation", base))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("%s has no %q", base, edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	dir := filepath.Join(t.TempDir(), "case") // not a year: no year check
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		f := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, ds := Load(path)
	if ds.HasErrors() == (p != nil) {
		t.Errorf("plan %v with errors %v", p != nil, ds.HasErrors())
	}
	var out []string
	for _, d := range ds.Errors() {
		out = append(out, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
	}
	return out
}

func figuresFile(region string, year int, score, grade string) string {
	return fmt.Sprintf("[\"专项资金\"]\n\"地区\" = %q\n\"年度\" = %d\n\n[\"综合评价\"]\n\"总分\" = %s\n\"等级\" = %q\n", region, year, score, grade)
}

func TestEvaluationFilesProblems(t *testing.T) {
	ok := map[string]string{
		"evaluations/甲市.toml": figuresFile("甲市", 2022, "95.00", "优"),
		"evaluations/乙市.toml": figuresFile("乙市", 2022, "85.00", "良"),
		"evaluations/丙市.toml": figuresFile("丙市", 2022, "70.00", "中"),
	}
	with := func(name, content string) map[string]string {
		m := map[string]string{}
		for k, v := range ok {
			m[k] = v
		}
		if content == "" {
			delete(m, name)
		} else {
			m[name] = content
		}
		return m
	}
	cases := []struct {
		name  string
		edits []string
		files map[string]string
		want  string
	}{
		{"dir outside", []string{`dir = "evaluations"`, `dir = "../evaluations"`}, ok,
			"allocation.toml:42:1：错误：评价结果目录“dir” = \"../evaluations\" 须是本文件所在目录下的子目录名（如 \"evaluations\"），不能为空、不能是绝对路径，也不能含“..”。"},
		{"dir absolute", []string{`dir = "evaluations"`, `dir = "/etc"`}, ok,
			"allocation.toml:42:1：错误：评价结果目录“dir” = \"/etc\" 须是本文件所在目录下的子目录名"},
		{"dir missing", []string{`dir = "evaluations"`, `dir = "results"`}, ok,
			"allocation.toml:42:1：错误：无法读取评价结果目录 "},
		{"a city's file missing", nil, with("evaluations/丙市.toml", ""),
			"allocation.toml:33:1：错误：设区市“丙市”没有绩效评价结果，无法得出绩效调节系数。请在 evaluations 目录中放入该市的 figures.toml；如确需手工指定系数，写“performance”和“performance_manual = true”。"},
		{"wrong year", nil, with("evaluations/丙市.toml", figuresFile("丙市", 2021, "70.00", "中")),
			"evaluations/丙市.toml：错误：这是丙市 2021 年度的评价结果，但 [evaluation] 写的评价年度是 2022。"},
		{"two files of one city", nil, with("evaluations/丙市-2.toml", figuresFile("丙市", 2022, "70.00", "中")),
			"evaluations/丙市.toml：错误：设区市“丙市”的绩效评价结果重复（另见 "},
		{"not a figures file", nil, with("evaluations/说明.toml", "note = \"各市结果\"\n"),
			"evaluations/说明.toml：错误：不是绩效评价的计算结果文件：缺少 [专项资金] 中的“地区”。"},
		{"grade not matching the province's standard", nil, with("evaluations/丙市.toml", figuresFile("丙市", 2022, "70.00", "良")),
			"evaluations/丙市.toml：错误：设区市“丙市”的评价等级写的是“良”，但得分 70 按等级标准（优 90分及以上，良 80分至90分，中 60分至80分，差 60分以下）应为“中”。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := evalCase(t, "files.toml", c.edits, c.files)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
				t.Errorf("errors:\n%s\nwant one starting with:\n%s", strings.Join(errs, "\n"), c.want)
			}
		})
	}
}

func TestEvaluationFolderLimit(t *testing.T) {
	// At the limit the files are read (each names an unknown city); one
	// more and none is read: the count is checked first.
	for _, n := range []int{MaxEvaluationFiles, MaxEvaluationFiles + 1} {
		files := map[string]string{}
		for i := range n {
			files[fmt.Sprintf("evaluations/%03d.toml", i)] = "这不是 TOML"
		}
		errs := evalCase(t, "files.toml", nil, files)
		refused := len(errs) == 1 && strings.Contains(errs[0], fmt.Sprintf("中的 .toml 文件超过 %d 个。", MaxEvaluationFiles))
		if refused != (n > MaxEvaluationFiles) {
			t.Errorf("%d files: %d errors, first %q", n, len(errs), errs[0])
		}
		if n == MaxEvaluationFiles && len(errs) < n {
			t.Errorf("%d files: %d errors, want one per file at least", n, len(errs))
		}
	}
}

func TestEvaluationFolderRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "secret.toml")
	os.WriteFile(target, []byte(figuresFile("甲市", 2022, "95", "优")), 0o644)
	src, _ := os.ReadFile(filepath.Join("testdata", "evaluation", "files.toml"))
	root := filepath.Join(t.TempDir(), "case")
	os.MkdirAll(root, 0o755)
	os.WriteFile(filepath.Join(root, FileName), src, 0o644)
	os.MkdirAll(filepath.Join(root, "evaluations"), 0o755)
	if err := os.Symlink(target, filepath.Join(root, "evaluations", "甲市.toml")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	_, ds := Load(filepath.Join(root, FileName))
	found := false
	for _, d := range ds.Errors() {
		found = found || strings.Contains(d.Msg, "是链接。程序不跟随链接读取文件")
	}
	if !found {
		t.Errorf("a link was followed: %s", ds)
	}
}

// TestSampleFromEvaluationResultsMatchesTheTypedSample: the 2023 sample
// with its coefficients derived from evaluation scores (linear rule, 1.00 +
// (score − 90) × 0.01; 95 → 1.05, 85 → 0.95, 92 → 1.02 …) allocates every
// city the same amount as the frozen sample with the coefficients typed.
func TestSampleFromEvaluationResultsMatchesTheTypedSample(t *testing.T) {
	typed, ds := Load(samplePath)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want, err := typed.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	_, got := loadEvaluation(t, "sample-2023.toml")
	if len(got.Cities) != len(want.Cities) {
		t.Fatalf("%d cities, want %d", len(got.Cities), len(want.Cities))
	}
	for i, c := range got.Cities {
		w := want.Cities[i]
		if c.Name != w.Name || !c.Performance.Equal(w.Performance) || !c.Amount.Equal(w.Amount) || c.Share.Cmp(w.Share) != 0 {
			t.Errorf("%s: 系数 %s, 金额 %s; typed: %s %s %s", c.Name, c.Performance, c.Amount, w.Name, w.Performance, w.Amount)
		}
	}
	if !got.AmountSum.Equal(got.Total) {
		t.Errorf("amounts add up to %s, total %s", got.AmountSum, got.Total)
	}
}
