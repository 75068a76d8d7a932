package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies a directory tree (the test fixtures are small).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fixture prepares a data directory (a copy of testdata/base) and an output
// directory whose out/2020 already holds a previous run's file.
func fixture(t *testing.T) (data, out string) {
	t.Helper()
	root := t.TempDir()
	data, out = filepath.Join(root, "data"), filepath.Join(root, "out")
	copyDir(t, filepath.Join("testdata", "base"), data)
	if err := os.MkdirAll(filepath.Join(out, "2020"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "2020", "previous.txt"), []byte("上次的结果"), 0o644); err != nil {
		t.Fatal(err)
	}
	return data, out
}

// assertOutUntouched checks that out/ holds exactly what it held before.
func assertOutUntouched(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "2020" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("out/ holds %v, want only 2020", names)
	}
	files, _ := os.ReadDir(filepath.Join(out, "2020"))
	if len(files) != 1 || files[0].Name() != "previous.txt" {
		t.Errorf("out/2020 was changed: %d files", len(files))
	}
	if b, _ := os.ReadFile(filepath.Join(out, "2020", "previous.txt")); string(b) != "上次的结果" {
		t.Errorf("out/2020/previous.txt changed to %q", b)
	}
}

// templates is the project's template directory, seen from this package.
var templates = filepath.Join("..", "..", "templates")

func run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// badCase is one class of bad input: how to break a valid run, and what the
// tool must answer. Data cases name a broken file of testdata/bad that takes
// the place of (or joins) a file of the valid base year, and the file:line
// its first message must point at.
type badCase struct {
	name string
	// data: a file of testdata/bad, the name it takes in the year's
	// directory, the file:line to point at and how many errors to count.
	bad, as, where string
	errors         int
	// setup breaks something else (templates, allocation, directories);
	// args replace the default "build <year>" arguments.
	setup func(t *testing.T, c *env)
	args  func(c *env) []string
	exit  int
	want  []string // substrings of stderr
}

// env is one case's sandbox: a data directory (a copy of testdata/base), a
// templates directory (a copy of the project's) and an out directory whose
// out/2020 holds a previous run's file.
type env struct{ data, templates, out string }

func newEnv(t *testing.T) *env {
	t.Helper()
	data, out := fixture(t)
	tmpl := filepath.Join(t.TempDir(), "templates")
	copyDir(t, templates, tmpl)
	return &env{data: data, templates: tmpl, out: out}
}

func (e *env) build(args ...string) []string {
	return append([]string{"build", "-data", e.data, "-out", e.out, "-templates", e.templates}, args...)
}

// withTemplateText replaces text in a template's document.xml.
func withTemplateText(name, old, new string) func(t *testing.T, e *env) {
	return func(t *testing.T, e *env) {
		t.Helper()
		path := filepath.Join(e.templates, name)
		editZipEntry(t, path, "word/document.xml", func(b []byte) []byte {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s has no %q", name, old)
			}
			return bytes.Replace(b, []byte(old), []byte(new), 1)
		})
	}
}

// withAllocation adds a broken allocation file of internal/alloc/testdata.
func withAllocation(bad string) func(t *testing.T, e *env) {
	return func(t *testing.T, e *env) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "alloc", "testdata", "bad", bad))
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte("year = 2023"), []byte("year = 2020"), 1)
		os.WriteFile(filepath.Join(e.data, "2020", "allocation.toml"), b, 0o644)
	}
}

// TestBadInputCatalogue lists every class of bad input the tool knows —
// data, templates, allocation, command line — with the Chinese message and
// exit code each must produce, and checks that out/ is never touched.
func TestBadInputCatalogue(t *testing.T) {
	cases := []badCase{
		{name: "syntax-error.toml", bad: "syntax-error.toml", as: "subproject-1.toml", where: "subproject-1.toml:3:12", errors: 1, exit: ExitData, want: []string{"TOML 格式错误：文字没有在本行结束（缺少右引号？多行文字请用三个引号 \"\"\" 括起来）。"}},
		{name: "unknown-key.toml", bad: "unknown-key.toml", as: "subproject-1.toml", where: "subproject-1.toml:7:1", errors: 1, exit: ExitData, want: []string{"未知的键“spendng”：程序不认识这个名字，写在这里的数据不会被使用。请检查拼写（是不是“spending”？）"}},
		{name: "wrong-type.toml", bad: "wrong-type.toml", as: "fund.toml", where: "fund.toml:9:1", errors: 1, exit: ExitData, want: []string{"“budget_current（本年度预算）”应为数字，这里写的是带引号的文字“九十”。数字不要加引号"}},
		{name: "missing-name.toml", bad: "missing-name.toml", as: "subproject-2.toml", where: "subproject-2.toml:1:1", errors: 1, exit: ExitData, want: []string{"“subproject”缺少必填项“name（子项目名称）”。请补上这一项。"}},
		{name: "negative-amount.toml", bad: "negative-amount.toml", as: "subproject-2.toml", where: "subproject-2.toml:5:1", errors: 1, exit: ExitData, want: []string{"子项目2“乙项目”的实际到位不能为负数（这里写的是 -30）。请改正。"}},
		{name: "rows-not-summing.toml", bad: "rows-not-summing.toml", as: "subproject-1.toml", where: "subproject-1.toml:17:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的明细表合计“支出金额（元）”写的是 541000元，但按各行相加（1组2行，第22–23行）计算为 540000元。若明细各行无误，请把“total 中的 amount”改为 540000（或删去这一项，由程序计算）。若是明细各行有误，改正它即可。"}},
		{name: "score-above-points.toml", bad: "score-above-points.toml", as: "subproject-1.toml", where: "subproject-1.toml:42:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的指标“宣传活动”的得分 25 超过分值 20。得分不能高于分值，请改正。"}},
		{name: "groups-not-100.toml", bad: "groups-not-100.toml", as: "scoring.toml", where: "scoring.toml:4:1", errors: 2, exit: ExitData, want: []string{"各一级指标分值合计为 90 分，应为 100 分。"}},
		{name: "unknown-unit.toml", bad: "unknown-unit.toml", as: "subproject-1.toml", where: "subproject-1.toml:10:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的明细表的金额单位“千元”无法识别。请写“万元”或“元”。"}},
		{name: "duplicate-no.toml", bad: "duplicate-no.toml", as: "subproject-2.toml", where: "subproject-2.toml:2:1", errors: 1, exit: ExitData, want: []string{"子项目序号 1 重复：子项目1“甲项目”也用了这个序号（"}},
		{name: "empty.toml", bad: "empty.toml", as: "notes.toml", where: "notes.toml", errors: 1, exit: ExitData, want: []string{"文件是空的（没有任何数据）。请填写数据，或删除这个文件。"}},
		{name: "spending-sum.toml", bad: "spending-sum.toml", as: "fund.toml", where: "fund.toml:11:1", errors: 1, exit: ExitData, want: []string{"专项资金实际支出写的是 81万元，但按各子项目实际支出之和（54 + 26）计算为 80万元。若各子项目的实际支出无误，请把“spending”改为 80（或删去这一项，由程序计算）。"}},
		{name: "overspend.toml", bad: "overspend.toml", as: "subproject-2.toml", where: "subproject-2.toml:6:1", errors: 2, exit: ExitData, want: []string{"子项目2“乙项目”的实际支出 36万元 超过实际到位 30万元。请核对；如确属超支，请在“overspend_reason”中写明原因。"}},
		{name: "no-deduction.toml", bad: "no-deduction.toml", as: "subproject-1.toml", where: "subproject-1.toml:42:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的指标“宣传活动”得 15 分，低于分值 20 分，须在“deduction”中写明扣分原因"}},
		{name: "unknown-rule.toml", bad: "unknown-rule.toml", as: "subproject-2.toml", where: "subproject-2.toml:14:1", errors: 1, exit: ExitData, want: []string{"子项目2“乙项目”的指标“服务企业数”的计分规则“completeness”不存在。可用的规则：“execution_rate”、“completion”、“cost_variance”"}},
		{name: "category-points.toml", bad: "category-points.toml", as: "subproject-1.toml", where: "subproject-1.toml:26:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”“产出数量”类各指标分值合计 45 分，应为 50 分"}},
		// One stated figure against the rows: one error, not one per figure
		// that follows (the fund's spending, stated 80, agrees with 54 + 26).
		{name: "yuan-conversion.toml", bad: "yuan-conversion.toml", as: "subproject-1.toml", where: "subproject-1.toml:7:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的实际支出写的是 55万元，但按明细表“支出金额（元）”合计 540000元 换算成万元计算为 54万元。"}},
		{name: "misplaced-key.toml", bad: "misplaced-key.toml", as: "report.toml", where: "report.toml:26:1", errors: 1, exit: ExitData, want: []string{"“other_intro”写在了 [[report.stage]] 这一节里，但它属于[report]。"}},
		{name: "wrong-year.toml", bad: "wrong-year.toml", as: "fund.toml", where: "fund.toml:4:1", errors: 1, exit: ExitData, want: []string{"评价年度写的是 2021，但数据放在"}},
		{name: "unknown-category.toml", bad: "unknown-category.toml", as: "subproject-2.toml", where: "subproject-2.toml:19:1", errors: 1, exit: ExitData, want: []string{"子项目2“乙项目”的指标“成本变动”的所属二级指标“costs”不存在。可用的代号：“quantity”（产出数量）、“cost”（产出成本）。"}},
		{name: "bad-placeholder.toml", bad: "bad-placeholder.toml", as: "subproject-1.toml", where: "subproject-1.toml:31:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的指标“培训次数”的文字中有无法识别的占位符 {计画}。只能用 {计划} 和 {实际}（以及 {年度}、{上年度}、{下年度}、{子项目数}）。"}},
		{name: "band-above-points.toml", bad: "band-above-points.toml", as: "subproject-2.toml", where: "subproject-2.toml:23:1", errors: 2, exit: ExitData, want: []string{"子项目2“乙项目”的指标“成本变动”分值为 20，但规则“变动程度”的档次最高给 40 分，超过分值。"}},
		{name: "duplicate-fund.toml", bad: "duplicate-fund.toml", as: "another-fund.toml", where: "fund.toml:2:1", errors: 1, exit: ExitData, want: []string{"[fund] 重复：已在"}},
		{name: "grades-order.toml", bad: "grades-order.toml", as: "scoring.toml", where: "scoring.toml:59:1", errors: 1, exit: ExitData, want: []string{"评价等级应从高到低书写：“良”的最低分 95 不低于上一等级“优”的 90。"}},
		{name: "text-in-number-column.toml", bad: "text-in-number-column.toml", as: "subproject-1.toml", where: "subproject-1.toml:23:3", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的明细表第1组第2行“支出金额（元）”应为数字，这里写的是“十四万”。数字不要加引号。"}},
		{name: "score-in-text.toml", bad: "score-in-text.toml", as: "subproject-1.toml", where: "subproject-1.toml:41:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的指标“宣传活动”的文字结尾写了得分（“，得20分”）。程序会根据得分自动接上“，得X分”，文字中不要再写"}},
		{name: "fullwidth-placeholder.toml", bad: "fullwidth-placeholder.toml", as: "subproject-1.toml", where: "subproject-1.toml:31:1", errors: 1, exit: ExitData, want: []string{"的占位符 ｛计划｝ 用了中文大括号。请改为英文大括号：{计划} 或 {实际}。"}},
		{name: "numbering-gap.toml", bad: "numbering-gap.toml", as: "subproject-2.toml", where: "subproject-2.toml:2:1", errors: 1, exit: ExitData, want: []string{"子项目序号应从 1 起连续编号，现有 2 个子项目，但缺少序号 2。"}},
		{name: "period-last-year.toml", bad: "period-last-year.toml", as: "fund.toml", where: "fund.toml:7:1", errors: 1, exit: ExitData, want: []string{"实施期限 2019年1月1日-2019年12月31日 不在评价年度 2020 年内（复制上一年度的数据后忘了改？）"}},
		{name: "gbk-encoded.toml", bad: "gbk-encoded.toml", as: "report.toml", where: "report.toml:2", errors: 1, exit: ExitData, want: []string{"文件不是 UTF-8 编码", "请用 UTF-8 编码重新保存这个文件"}},
		{name: "fullwidth-comma.toml", bad: "fullwidth-comma.toml", as: "subproject-2.toml", where: "subproject-2.toml:5:13", errors: 1, exit: ExitData, want: []string{"这里的 ， 是中文（全角）标点，TOML 要求英文逗号 ,"}},
		{name: "missing-header.toml", bad: "missing-header.toml", as: "subproject-2.toml", where: "subproject-2.toml:1:1", errors: 5, exit: ExitData, want: []string{"“no”是 [subproject] 小节里的项：是不是删掉或写错了小节标题？"}},
		{name: "deduction-amount.toml", bad: "deduction-amount.toml", as: "subproject-1.toml", where: "subproject-1.toml:43:1", errors: 1, exit: ExitData, want: []string{"子项目1“甲项目”的指标“宣传活动”的扣分原因写“扣3分”（共扣 3 分），但分值 20 − 得分 15 = 扣 5 分。请使两者一致：改正“score”或文字。"}},
		{name: "score-from.toml", bad: "score-from.toml", as: "scoring.toml", where: "scoring.toml:3:1", errors: 1, exit: ExitData, want: []string{"比例计分的得分算法“score_from”写的是“rounded”，无法识别。可用：“rounded_rate”"}},
		{name: "report-placeholder.toml", bad: "report-placeholder.toml", as: "report.toml", where: "report.toml:4:12", errors: 1, exit: ExitData, want: []string{"文字中有无法识别的占位符 {年份}。这里可以用：{年度}、{上年度}、{下年度}、{子项目数}（英文大括号）。"}},
		{name: "target-from.toml", bad: "target-from.toml", as: "targets.toml", where: "targets.toml:18:1", errors: 1, exit: ExitData, want: []string{"的“value_from”写的是“预算”，只能是“budget”（预算总额）或“spending”（实际支出）。"}},
		// The self-evaluation form (项目支出绩效自评表): targets.toml replaced by one holding [selfeval] too.
		{name: "selfeval-no-deviation.toml", bad: "selfeval-no-deviation.toml", as: "targets.toml", where: "targets.toml:4:1", errors: 1, exit: ExitData, want: []string{"绩效目标表第1项“培训次数”未完成年度指标值（年度指标值 ≥4次，实际完成值 3次），须在“deviation”中写明偏差原因分析及改进措施（写入自评表）。"}},
		{name: "selfeval-score-outside-band.toml", bad: "selfeval-score-outside-band.toml", as: "targets.toml", where: "targets.toml:33:1", errors: 1, exit: ExitData, want: []string{"绩效目标表第3项“培训资料”评为“全部或基本达成”，得分应在分值 20 分的 80%（含）至 100%（含）之间，即 16 至 20 分（含），这里写的是 15 分。请改正得分或档次。"}},
		{name: "selfeval-points-not-100.toml", bad: "selfeval-points-not-100.toml", as: "targets.toml", where: "targets.toml:28:1", errors: 1, exit: ExitData, want: []string{"自评表预算执行率分值 15 与各一级指标分值（产出指标 60、满意度指标 30）合计为 105 分，应为 100 分。请调整。"}},

		// Templates.
		{name: "template missing", setup: func(t *testing.T, e *env) { os.Remove(filepath.Join(e.templates, "report.docx")) }, exit: ExitData,
			want: []string{"report.docx：错误：无法读取 Word 模板：目录或文件不存在。请把该模板放回（可从版本库中恢复：“git checkout -- ", "”），或用 -templates 指定其他模板文件夹；不需要自己的模板时，把模板文件夹改名（或去掉 -templates），程序就使用内置的模板。"}},
		{name: "template not a docx", setup: func(t *testing.T, e *env) {
			os.WriteFile(filepath.Join(e.templates, "report.docx"), []byte("这不是 Word 文件"), 0o644)
		}, exit: ExitData, want: []string{"report.docx：错误：模板", "不是有效的 .docx"}},
		{name: "template unknown field", setup: withTemplateText("report.docx", "{{.Report.Purpose}}", "{{.Report.Purpos}}"), exit: ExitData,
			want: []string{"正文第", "段", "Purpos", "{{.Report.Purpos}}"}},
		{name: "template misspelt function", setup: withTemplateText("report.docx", "{{score .R.Total}}", "{{scroe .R.Total}}"), exit: ExitData,
			want: []string{"report.docx：错误：模板正文第", "：未知的函数“scroe”（段落文字：“综合权重部门评价得分为{{scroe .R.Total}}分", "请检查函数名的拼写"}},
		{name: "template unclosed range", setup: withTemplateText("report.docx", "{{range .Report.Experience}}", "{{range .Report.Experience}}{{range .Report.Problems}}"), exit: ExitData,
			want: []string{"缺少配对的“{{end}}”"}},
		{name: "template unclosed action", setup: withTemplateText("report.docx", "{{.Period}}", "{{.Period"), exit: ExitData,
			want: []string{"动作没有结束：“{{”之后缺少“}}”"}},
		{name: "template extra end", setup: withTemplateText("targets.docx", "{{.Title}}", "{{.Title}}{{end}}"), exit: ExitData,
			want: []string{"多余的“{{end}}”"}},
		{name: "template table sharing a paragraph", setup: withTemplateText("targets.docx", ">{{.Table}}<", ">表：{{.Table}}<"), exit: ExitData,
			want: []string{"表格等整块内容必须单独占一段"}},

		// The allocation (its messages and lines are asserted in full in
		// package alloc; here: exit code and an untouched out/).
		{name: "allocation weights not 100", setup: withAllocation("weights-not-100.toml"), exit: ExitData, want: []string{"allocation.toml:", "各因素权重合计为"}},
		{name: "allocation factor sum zero", setup: withAllocation("zero-indicator-sum.toml"), exit: ExitData, want: []string{"分配无定义", "不会以 0 作除数"}},
		{name: "allocation duplicate city", setup: withAllocation("duplicate-city.toml"), exit: ExitData, want: []string{"重复"}},
		{name: "allocation negative coefficient", setup: withAllocation("negative-coefficient.toml"), exit: ExitData, want: []string{"不能为负数"}},
		{name: "allocation total not positive", setup: withAllocation("total-not-positive.toml"), exit: ExitData, want: []string{"必须大于0"}},
		{name: "allocation missing indicator", setup: withAllocation("missing-indicator.toml"), exit: ExitData, want: []string{"缺少"}},
		{name: "allocation syntax error", setup: withAllocation("syntax-error.toml"), exit: ExitData, want: []string{"TOML 格式错误"}},
		{name: "allocation evaluation result missing", setup: withAllocation("evaluation-missing-result.toml"), exit: ExitData, want: []string{"allocation.toml:33:1：错误：设区市“丙市”没有绩效评价结果，无法得出绩效调节系数。"}},
		{name: "allocation evaluation grade unknown", setup: withAllocation("evaluation-grade-unknown.toml"), exit: ExitData, want: []string{"allocation.toml:52:1：错误：设区市“甲市”的评价等级“特优”不在 [evaluation] 的等级中（优、良、中、差）。"}},
		{name: "allocation evaluation score above 100", setup: withAllocation("evaluation-score-out-of-range.toml"), exit: ExitData, want: []string{"allocation.toml:51:1：错误：设区市“甲市”的绩效评价得分 105 不在 0–100 分之间。"}},
		{name: "allocation coefficient typed over the evaluation", setup: withAllocation("evaluation-typed-without-manual.toml"), exit: ExitData, want: []string{"如确需手工指定，请再写一行“performance_manual = true”"}},

		// The command line.
		{name: "no command", args: func(e *env) []string { return nil }, exit: ExitUsage, want: []string{"用法：ipfund <命令>"}},
		{name: "unknown command", args: func(e *env) []string { return []string{"biuld", "2020"} }, exit: ExitUsage, want: []string{"未知的命令“biuld”。"}},
		{name: "year not a number", args: func(e *env) []string { return e.build("20x0") }, exit: ExitUsage, want: []string{"年度“20x0”无效：年度应为四位数字，例如 2019。"}},
		{name: "year in full-width digits", args: func(e *env) []string { return e.build("２０２０") }, exit: ExitUsage, want: []string{"年度“２０２０”无效：年度只写四位半角数字，请写成 2020。"}},
		{name: "year with 年", args: func(e *env) []string { return e.build("2020年") }, exit: ExitUsage, want: []string{"年度“2020年”无效：年度只写四位半角数字，请写成 2020。"}},
		{name: "year without data", args: func(e *env) []string { return e.build("2031") }, exit: ExitUsage, want: []string{"没有 2031 年度的数据：找不到目录", "已有的年度：2020。"}},
		{name: "two years", args: func(e *env) []string { return e.build("2020", "2021") }, exit: ExitUsage, want: []string{"参数过多：2020 2021。一次只能处理一个年度（不写年度则处理全部年度）。"}},
		{name: "unknown option", args: func(e *env) []string { return []string{"build", "-yaer", "2020"} }, exit: ExitUsage, want: []string{"参数有误：不认识的选项“-yaer”"}},
		{name: "option without value", args: func(e *env) []string { return []string{"build", "-data"} }, exit: ExitUsage, want: []string{"参数有误：选项缺少值：“-data”"}},
		{name: "no data directory", args: func(e *env) []string { return []string{"build", "-data", filepath.Join(e.data, "none"), "2020"} }, exit: ExitIO,
			want: []string{"错误：无法读取数据目录", "目录或文件不存在"}},
		{name: "empty year directory", setup: func(t *testing.T, e *env) {
			os.MkdirAll(filepath.Join(e.data, "2021"), 0o755)
		}, args: func(e *env) []string { return e.build("2021") }, exit: ExitData, want: []string{"数据目录中没有 .toml 数据文件。"}},
		{name: "allocate without allocation data", args: func(e *env) []string {
			return []string{"allocate", "-data", e.data, "-out", e.out, "-templates", e.templates, "2020"}
		}, exit: ExitData, want: []string{"该年度没有因素法分配数据 allocation.toml。"}},
		{name: "diff with one file", args: func(e *env) []string { return []string{"diff", "a.toml"} }, exit: ExitUsage, want: []string{"用法：ipfund diff 旧 新"}},
		{name: "text of a missing file", args: func(e *env) []string { return []string{"text", filepath.Join(e.out, "无.docx")} }, exit: ExitIO, want: []string{"错误：无法读取", "目录或文件不存在"}},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.bad] = true
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			if c.bad != "" {
				bad, err := os.ReadFile(filepath.Join("testdata", "bad", c.bad))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(e.data, "2020", c.as), bad, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup != nil {
				c.setup(t, e)
			}
			args := e.build("2020")
			if c.args != nil {
				args = c.args(e)
			}
			code, stdout, stderr := run(args...)
			if code != c.exit {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.exit, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty, got %q", stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if c.bad != "" {
				where := filepath.Join(e.data, "2020", c.where)
				if !strings.Contains(stderr, where+"：错误：") {
					t.Errorf("stderr does not point at %s:\n%s", where, stderr)
				}
				if n := strings.Count(stderr, "：错误："); n != c.errors {
					t.Errorf("%d errors reported, want %d:\n%s", n, c.errors, stderr)
				}
			}
			if w := englishWords(stderr); len(w) > 0 {
				t.Errorf("English in the messages: %q\n%s", w, stderr)
			}
			if c.exit == ExitData && !strings.Contains(stderr, "未生成任何文件") {
				t.Errorf("stderr does not say nothing was written:\n%s", stderr)
			}
			assertOutUntouched(t, e.out)
		})
	}
	if len(cases) < 40 {
		t.Errorf("the catalogue has %d cases, want at least 40", len(cases))
	}
	// Every file in testdata/bad is exercised.
	entries, _ := os.ReadDir(filepath.Join("testdata", "bad"))
	for _, e := range entries {
		if !seen[e.Name()] {
			t.Errorf("testdata/bad/%s is not in the table", e.Name())
		}
	}
}

func TestAllProblemsOfARunAreReportedTogether(t *testing.T) {
	data, out := fixture(t)
	for name, bad := range map[string]string{"subproject-1.toml": "score-above-points.toml", "subproject-2.toml": "unknown-rule.toml", "fund.toml": "wrong-type.toml"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "bad", bad))
		os.WriteFile(filepath.Join(data, "2020", name), b, 0o644)
	}
	code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitData {
		t.Fatalf("exit %d", code)
	}
	// The type error stops fund.toml from loading, so the year cannot be
	// validated further; the other files' decode errors still show.
	for _, want := range []string{"fund.toml:9:1：错误：“budget_current（本年度预算）”应为数字"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	assertOutUntouched(t, out)

	// With fund.toml valid, the two semantic errors of two files come out
	// in one run.
	copyDir(t, filepath.Join("testdata", "base", "2020"), filepath.Join(data, "2020-fix"))
	b, _ := os.ReadFile(filepath.Join("testdata", "base", "2020", "fund.toml"))
	os.WriteFile(filepath.Join(data, "2020", "fund.toml"), b, 0o644)
	os.RemoveAll(filepath.Join(data, "2020-fix"))
	code, _, stderr = run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitData {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"subproject-1.toml:42:1：错误：", "subproject-2.toml:14:1：错误：", "发现 2 个错误。"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
}

func TestOversizedFileIsRefused(t *testing.T) {
	data, out := fixture(t)
	big := bytes.Repeat([]byte("#"), 13<<20)
	os.WriteFile(filepath.Join(data, "2020", "huge.toml"), big, 0o644)
	code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitData || !strings.Contains(stderr, "huge.toml：错误：文件过大（13.0 MB），超过数据文件上限 12.0 MB。数据文件只应包含文字和数字；请确认没有误放其它文件。很长的明细表（如上十万行的名单）请保存为 .xlsx 或 .csv 表格，用“rows_from”读取（见 README“明细行取自表格文件”）。") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	assertOutUntouched(t, out)
}

// editZipEntry rewrites one entry of a zip file in place.
func editZipEntry(t *testing.T, path, entry string, edit func([]byte) []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == entry {
			b = edit(b)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
}
