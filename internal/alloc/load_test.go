package alloc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

var samplePath = filepath.Join("..", "testdata", "seed", "2023", FileName)

// wantSampleAmounts checks a result against the independently verified
// amounts of the Jiangxi sample (sampleWant, in sample_test.go).
func wantSampleAmounts(t *testing.T, r *Result) {
	t.Helper()
	if len(r.Cities) != len(sampleWant) {
		t.Fatalf("%d cities, want %d", len(r.Cities), len(sampleWant))
	}
	sum := decimal.Zero
	for i, w := range sampleWant {
		c := r.Cities[i]
		if c.Name != w.name {
			t.Fatalf("city %d = %s, want %s", i, c.Name, w.name)
		}
		wantDec(t, w.name+" amount", c.Amount, w.amount)
		wantDec(t, w.name+" correction", c.Correction, w.correction)
		wantDec(t, w.name+" exact", c.Exact.Dec(6), w.approx)
		sum = sum.Add(c.Amount)
	}
	wantDec(t, "Σ amounts", sum, "2000")
	wantDec(t, "AmountSum", r.AmountSum, "2000")
	wantExact(t, "Σ shares", r.ShareSum, "1")
	wantExact(t, "Σ exact amounts", r.ExactSum, "2000")
}

func TestLoadSampleGivesTheVerifiedAmounts(t *testing.T) {
	p, ds := Load(samplePath)
	if len(ds) > 0 {
		t.Fatalf("the sample should load without any diagnostic:\n%s", ds)
	}
	if p.Year != 2023 || p.Region != "江西省" || !p.Sample || p.Note != SampleNote || p.RuleFactors {
		t.Errorf("plan header: %+v", p)
	}
	if !strings.Contains(p.Title, SampleNote) {
		t.Errorf("title %q does not say %s", p.Title, SampleNote)
	}
	src, _ := os.ReadFile(samplePath)
	if !strings.Contains(strings.SplitN(string(src), "\n", 3)[1], SampleNote) {
		t.Errorf("the sample's first lines do not say %s", SampleNote)
	}

	// The file holds exactly the figures of jiangxiSample, whose amounts
	// were verified independently; the weights written in percent are
	// those of DefaultFactors.
	want := jiangxiSample()
	in := p.Input
	if !in.Total.Equal(want.Total) || in.Unit != want.Unit || !in.Quantum.Equal(want.Quantum) {
		t.Errorf("money: %s %s %s", in.Total, in.Unit, in.Quantum)
	}
	if fmt.Sprint(in.Factors) != fmt.Sprint(want.Factors) {
		t.Errorf("factors:\n got %v\nwant %v", in.Factors, want.Factors)
	}
	if fmt.Sprint(in.Cities) != fmt.Sprint(want.Cities) {
		t.Errorf("cities:\n got %v\nwant %v", in.Cities, want.Cities)
	}

	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	wantSampleAmounts(t, r)
}

// Without [[factor]] the four factors of 第七条 are used, with a warning
// that names them, so the change is never silent.
func TestLoadWithoutFactorsUsesTheRulesDefaults(t *testing.T) {
	p, ds := Load(filepath.Join("testdata", "ok", "rule-factors.toml"))
	want := "testdata/ok/rule-factors.toml:20:1：警告：文件中没有 [[factor]]，按管理办法第七条的默认因素和权重计算：" +
		"专利运用 40%（“transfers”、“pledge”），专利创造 16%（“inventions”），专利执法 24%（“cases”），重点工作 20%（“keywork”）。" +
		"如本年度因素或权重有调整，请在本文件中写明各 [[factor]]（写法见 data/2023/allocation.toml）。"
	if len(ds) != 1 || ds[0].String() != want {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", ds, want)
	}
	if p == nil || !p.RuleFactors {
		t.Fatal("no plan, or RuleFactors not set")
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	wantSampleAmounts(t, r)
}

// Each file in testdata/bad is a small valid data set (testdata/ok would
// be its twin) with one thing broken. Every diagnostic is asserted in
// full: position, message and hint.
func TestLoadReportsBrokenFilesWithTheirLines(t *testing.T) {
	const refusal = "程序因此拒绝这次分配，不计算任何金额（不会以 0 作除数）。"
	cases := []struct {
		file string
		want []string
	}{
		{"bad/weights-not-100.toml", []string{
			":13:1：错误：各因素权重合计为95%，应恰好为100%（少5个百分点）。各因素权重：专利运用 60、专利执法 35。请调整，使合计恰好为 100。",
		}},
		{"bad/weights-as-fractions.toml", []string{
			":13:1：错误：各因素权重合计为1%，应恰好为100%（少99个百分点）。各因素权重：专利运用 0.6、专利执法 0.4。权重按百分数填写（40 表示 40%），不要写成小数（0.4）。",
		}},
		{"bad/negative-value.toml", []string{
			":35:42：错误：设区市“乙市”的指标“行政案件数”数值为-8，不能为负数。请改正；没有发生的写 0。",
		}},
		{"bad/negative-coefficient.toml", []string{
			":43:1：错误：设区市“丙市”的财政困难程度系数为-1.2，不能为负数。请按省财政厅提供的财政困难程度情况改正。",
		}},
		{"bad/missing-indicator.toml", []string{
			":29:1：错误：设区市“甲市”缺少因素“专利运用”的指标“专利质押融资登记金额”的数值。请在这一设区市的“values”中补上“pledge = 数值”；没有发生的写 0。",
		}},
		{"bad/zero-indicator-sum.toml", []string{
			":29:42：错误：因素“专利执法”的指标“行政案件数”各设区市合计为0，第八条公式除以该合计，分配无定义；请核对数据，或去掉该因素并调整其余因素权重。" + refusal,
		}},
		{"bad/zero-adjusted-sum.toml", []string{
			":30:1：警告：设区市“甲市”的绩效调节系数为 0，它不参加因素法分配（分得 0）。如非有意，请核对。",
			":30:1：错误：因素“专利执法”各设区市因素得分（指标占比之和×绩效调节系数×财政困难程度系数）合计为0，第七条公式除以该合计，分配无定义；请核对绩效调节系数和财政困难程度系数，或去掉该因素并调整其余因素权重。" + refusal,
		}},
		{"bad/duplicate-city.toml", []string{
			":40:1：错误：设区市“甲市”重复：第1个和第3个设区市同名。同名的设区市已写在第28行。请删去重复的一节，或改正名称。",
		}},
		{"bad/duplicate-factor-name.toml", []string{
			":21:1：错误：因素名称“专利运用”重复：第1个和第2个因素同名。结果中按名称列出各因素，请改用不同的名称。",
		}},
		{"bad/total-not-positive.toml", []string{
			":7:1：错误：因素法分配专项资金总额为0万元，必须大于0。请填写大于 0 的总额。",
		}},
		{"bad/total-not-multiple.toml", []string{
			":7:1：错误：因素法分配专项资金总额100.005万元不是最小金额单位0.01万元的整数倍，无法在按该单位取整的同时使合计等于总额。请核对总额的小数位数，或改小“quantum”（最小分配单位）。",
		}},
		{"bad/quantum-too-fine.toml", []string{
			":9:1：错误：最小金额单位为0.0000001万元，不是1分（0.01元）的整数倍，无法按此精度拨付。元通常写 1，万元通常写 0.01（即 100 元）；不写“quantum”时按“unit”取这两个值。",
		}},
		{"bad/unknown-unit.toml", []string{
			// Only the unit: the quantum it would have given is not reported too.
			":8:1：错误：金额单位“千元”无法识别，只能是“元”或“万元”。",
		}},
		{"bad/unknown-indicator.toml", []string{
			":35:1：错误：设区市“乙市”缺少因素“专利执法”的指标“行政案件数”的数值。请在这一设区市的“values”中补上“cases = 数值”；没有发生的写 0。",
			":35:42：错误：设区市“乙市”录入了未定义的指标“case”，请核对指标代码。是不是“cases”？可用的指标代码有：“transfers”、“pledge”、“cases”。",
		}},
		{"2024/allocation.toml", []string{
			":5:1：错误：年度写的是 2023，但文件放在 testdata/2024 目录下。请改正年度，或把文件放到 2023 年的目录中。",
		}},
		{"bad/syntax-error.toml", []string{
			":34:11：错误：TOML 格式错误：文字没有在本行结束（缺少右引号？多行文字请用三个引号 \"\"\" 括起来）。请对照上下行的写法改正（文字用英文双引号括起来，每行一个“键 = 值”，数组用 [ ] 括起来并以逗号分隔）。",
		}},
		{"bad/unknown-key.toml", []string{
			":33:1：错误：“city[1]”缺少必填项“hardship（财政困难程度系数）”。请补上这一项。",
			":37:1：错误：未知的键“hardshp”：程序不认识这个名字，写在这里的数据不会被使用。请检查拼写（是不是“hardship”？）；这里可以写的键有：“name”、“values”、“performance”、“performance_manual”、“hardship”。",
		}},
		{"bad/text-in-number.toml", []string{
			":41:42：错误：“cases”应为数字，这里写的是带引号的文字“五”。数字不要加引号，也不要写单位或千分位逗号，例如 1352.2。",
		}},
		{"bad/evaluation-missing-result.toml", []string{
			":33:1：错误：设区市“丙市”没有绩效评价结果，无法得出绩效调节系数。请在本文件的 [[evaluation.result]] 中补上“city = \"丙市\"”的得分；如确需手工指定系数，写“performance”和“performance_manual = true”。",
		}},
		{"bad/evaluation-grade-unknown.toml", []string{
			":52:1：错误：设区市“甲市”的评价等级“特优”不在 [evaluation] 的等级中（优、良、中、差）。请改正等级，或在“grades”中加上它。",
		}},
		{"bad/evaluation-score-out-of-range.toml", []string{
			":51:1：错误：设区市“甲市”的绩效评价得分 105 不在 0–100 分之间。请按评价结果改正。",
		}},
		{"bad/evaluation-typed-without-manual.toml", []string{
			":31:1：错误：设区市“乙市”手工写了绩效调节系数“performance = 1.05”，但本年度的绩效调节系数按绩效评价结果计算（[evaluation]）。如确需手工指定，请再写一行“performance_manual = true”（手工系数优先于评价结果）；否则请删去“performance”。",
		}},
		{"bad/evaluation-unknown-city.toml", []string{
			":60:1：错误：绩效评价结果中的设区市“丙 市”不在本文件的 [[city]] 中。是不是“丙市”？设区市名称须与 [[city]] 的“name”一致：甲市、乙市、丙市。",
		}},
		{"bad/empty.toml", []string{
			"：错误：文件是空的（没有任何数据）。请参照 data/2023/allocation.toml 填写。",
		}},
	}
	tested := map[string]bool{}
	for _, c := range cases {
		tested[c.file] = true
		t.Run(strings.TrimSuffix(c.file, ".toml"), func(t *testing.T) {
			path := filepath.Join("testdata", filepath.FromSlash(c.file))
			p, ds := Load(path)
			if p != nil {
				t.Error("a plan came back despite errors")
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			var want []string
			for _, w := range c.want {
				want = append(want, path+w)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	bad, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.toml"))
	for _, b := range bad {
		if name := "bad/" + filepath.Base(b); !tested[name] {
			t.Errorf("%s is not tested", name)
		}
	}
	if len(cases) < 12 {
		t.Errorf("only %d broken files", len(cases))
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join("testdata", "2023", FileName)
	_, ds := Load(path)
	if want := path + "：错误：无法读取文件：目录或文件不存在。"; len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %s, want %s", ds, want)
	}
}

// A plan whose Input is changed after loading still reports its problems on
// the lines of its file.
func TestPlanAllocateNamesTheLineOfAChangedValue(t *testing.T) {
	p, ds := Load(samplePath)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p.Input.Cities[6].Values["cases"] = d("-310")                        // 赣州市
	p.Input.Cities[11].Hardship = d("-0.9")                              // 赣江新区
	p.Input.Factors[1].Weight = p.Input.Factors[1].Weight.Add(d("0.01")) // 专利创造 17
	_, err := p.Allocate()
	var got diag.List
	if !errors.As(err, &got) {
		t.Fatalf("error %v is not a diag.List", err)
	}
	src, _ := os.ReadFile(samplePath)
	lines := strings.Split(string(src), "\n")
	lineOf := func(after, prefix string) int {
		seen := after == ""
		for i, l := range lines {
			if !seen {
				seen = strings.Contains(l, after)
				continue
			}
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line %q after %q", prefix, after)
		return 0
	}
	want := []diag.Pos{
		{File: samplePath, Line: lineOf("", "weight = 40"), Col: 1}, // the sum: first weight
		{File: samplePath, Line: lineOf(`name = "赣州市"`, "values = "), Col: strings.Index(lines[lineOf(`name = "赣州市"`, "values = ")-1], "cases") + 1},
		{File: samplePath, Line: lineOf(`name = "赣江新区"`, "hardship = "), Col: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%s", got)
	}
	for i, w := range want {
		if got[i].Pos != w {
			t.Errorf("diagnostic %d at %v, want %v: %s", i, got[i].Pos, w, got[i])
		}
	}
}

func TestRealDataStillTitledSampleIsWarned(t *testing.T) {
	b, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("sample = true "), []byte("sample = false"), 1)
	p, ds := load(filepath.Join("data", "2023", FileName), b)
	if p == nil || ds.HasErrors() || len(ds) != 1 || !strings.Contains(ds[0].Msg, "本文件标为正式数据（“sample = false”），但标题或说明中仍写着“示例”") {
		t.Fatalf("got %v", ds)
	}
}

// withCities is the sample file with its cities replaced by n made-up ones.
func withCities(t *testing.T, n int) []byte {
	t.Helper()
	src, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	var b strings.Builder
	b.WriteString(s[:strings.Index(s, "\n[[city]]")+1])
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[[city]]\nname = \"市%d\"\nvalues = { transfers = %d, pledge = %d, inventions = %d, cases = %d, keywork = %d }\nperformance = 1\nhardship = 1\n\n",
			i, 100+i%900, 1000+i%9000, 50+i%300, 10+i%90, 60+i%40)
	}
	return []byte(b.String())
}

func TestTooManyCitiesAreRefusedBeforeParsing(t *testing.T) {
	src := withCities(t, limits.Cities+1)
	start := strings.Count(string(src[:strings.Index(string(src), "\n[[city]]")+1]), "\n")
	_, ds := load(samplePath, src)
	want := fmt.Sprintf("%s:%d:1：错误：设区市超过 300 个，超过分配数据的上限（从这里起是多出的部分）。一个省的设区市不过二十几个，县级也只有一两百个；请确认没有重复粘贴 [[city]] 小节。", samplePath, start+1+6*limits.Cities)
	if len(ds) != 1 || ds[0].String() != want {
		t.Fatalf("got %s\nwant %s", ds, want)
	}
	// At the limit, the plan loads and allocates.
	p, ds := load(samplePath, withCities(t, limits.Cities))
	if p == nil || ds.HasErrors() {
		t.Fatalf("%d cities: %s", limits.Cities, ds)
	}
	if r, err := p.Allocate(); err != nil || len(r.Cities) != limits.Cities || !r.AmountSum.Equal(p.Input.Total) {
		t.Fatalf("allocation of %d cities: %v", limits.Cities, err)
	}
}
