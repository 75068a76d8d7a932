package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// seedData is a data directory holding a copy of the frozen 2019 seed.
func seedData(t *testing.T) (data, out string) {
	t.Helper()
	root := t.TempDir()
	data, out = filepath.Join(root, "data"), filepath.Join(root, "out")
	copyDir(t, filepath.Join("..", "testdata", "seed", "2019"), filepath.Join(data, "2019"))
	// Dated as data/2019 is (the original report is not; undated, a year
	// warns).
	editFile(t, filepath.Join(data, "2019", "report.toml"), "# date = 2020-04-30", "date = 2020-04-30")
	return data, out
}

// editFile replaces old, which must occur exactly once, in a data file.
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		t.Fatalf("%s holds %q %d times", path, old, n)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, stdout, stderr := run(args...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d\n%s", args, code, stderr)
	}
	return stdout, stderr
}

// diffLines runs `ipfund diff` and returns its lines after the count.
func diffLines(t *testing.T, old, new string) []string {
	t.Helper()
	stdout, _ := mustRun(t, "diff", old, new)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return lines[1:]
}

// TestCorrectionOnANewYearIsOneEditAndOneRun: on a year made by `ipfund
// new`, correcting the 差旅费 row of the 保护中心 table is one edit and one
// run, and `ipfund diff` lists every figure that follows from it; a bigger
// correction moves the scores and the total too.
func TestCorrectionOnANewYearIsOneEditAndOneRun(t *testing.T) {
	data, out := seedData(t)
	mustRun(t, "new", "-data", data, "2020")
	build := []string{"build", "-data", data, "-out", out, "-templates", templates, "2020"}
	mustRun(t, build...)
	figures := filepath.Join(out, "2020", "figures.toml")
	keep := func(name string) string {
		b, _ := os.ReadFile(figures)
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	before := keep("before.toml")
	center := filepath.Join(data, "2020", "subproject-4-protection-center.toml")
	editFile(t, center, `{ item = "差旅费", amount = 110800 }`, `{ item = "差旅费", amount = 112800 }`)
	stdout, _ := mustRun(t, build...)
	if !strings.Contains(stdout, "预算执行率 87.40%，综合得分 95.41 分，评价等级：优。") {
		t.Errorf("summary:\n%s", stdout)
	}
	want := []string{
		"专项资金.实际支出：1756.58 → 1756.78",
		"专项资金.未支出：253.42 → 253.22",
		"专项资金.预算执行率：87.39 → 87.40",
		"子项目4.实际支出：270.53 → 270.73",
		"子项目4.结余：7.47 → 7.27",
		"子项目4.未支出：29.47 → 29.27",
		"子项目4.预算执行率：90.18 → 90.24",
		"子项目4.明细表.合计/支出金额（元）：2705300 → 2707300",
		"子项目4.各指标得分.预算执行率/预算执行率.实际：270.53 → 270.73",
		"子项目4.各指标得分.预算执行率/预算执行率.比率：90.18 → 90.24",
		"子项目4.各指标得分.产出成本/实际支出与计划安排费用的变动程度.实际：270.53 → 270.73",
		"子项目4.各指标得分.产出成本/实际支出与计划安排费用的变动程度.变动程度：9.82 → 9.76",
		"绩效目标完成情况.产出指标/成本指标/专项资金实际支出.实际完成值：\"1756.58万元\" → \"1756.78万元\"",
		// The self-evaluation form follows the same one edit.
		"项目支出绩效自评表.项目资金.年度资金总额.全年执行数：1756.58 → 1756.78",
		"项目支出绩效自评表.项目资金.年度资金总额.执行率：87.39 → 87.40",
		"项目支出绩效自评表.绩效指标.产出指标/成本指标/专项资金实际支出.实际完成值：\"1756.58万元\" → \"1756.78万元\"",
	}
	if got := diffLines(t, before, figures); !slices.Equal(got, want) {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// 差旅费 10800: the cost variance crosses 10%, the rates' scores move.
	before = keep("before2.toml")
	editFile(t, center, `{ item = "差旅费", amount = 112800 }`, `{ item = "差旅费", amount = 10800 }`)
	mustRun(t, build...)
	got := diffLines(t, before, figures)
	for _, w := range []string{
		"专项资金.实际支出：1756.78 → 1746.58",
		"专项资金.预算执行率：87.40 → 86.89",
		"专项资金.预算执行率得分：8.74 → 8.69",
		"综合评价.产出/产出成本：8.32 → 8.02",
		"综合评价.总分：95.41 → 95.06",
		"子项目4.明细表.合计/支出金额（元）：2707300 → 2605300",
		"子项目4.总分：94.02 → 91.68",
		"子项目4.各类得分.产出成本.按权重得分：1.49 → 1.19",
	} {
		if !slices.Contains(got, w) {
			t.Errorf("diff lacks %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

// TestChangedRowOf2019IsOneError: the same correction on the 2019 data,
// whose derived figures are all stated, stops with one error that names
// the rows, both totals and every number to change.
func TestChangedRowOf2019IsOneError(t *testing.T) {
	data, out := seedData(t)
	center := filepath.Join(data, "2019", "subproject-4-protection-center.toml")
	editFile(t, center, `{ item = "差旅费", amount = 110800 }`, `{ item = "差旅费", amount = 112800 }`)
	code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2019")
	if code != ExitData || strings.Count(stderr, "：错误：") != 1 || !strings.Contains(stderr, "发现 1 个错误、2 条警告。") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	for _, w := range []string{
		center + ":23:1：错误：子项目4“知识产权保护中心运行经费项目”的明细表合计“支出金额（元）”写的是 2705300元，但按各行相加（4组11行，第28–53行）计算为 2707300元。",
		"请把“total 中的 amount”改为 2707300（或删去这一项，由程序计算）",
		"实际支出 270.53万元 → 270.73万元（第11行）",
		"结余金额 7.47万元 → 7.27万元（第12行）",
		"专项资金实际支出 1756.58万元 → 1756.78万元（fund.toml 第27行）",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
}

// warnedLines lists the warnings of a run's stderr by "file:line".
func warnedLines(stderr string) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`(?m)^(.+?):([0-9]+)(?::[0-9]+)?：警告：(.*)$`)
	for _, m := range re.FindAllStringSubmatch(stderr, -1) {
		out[filepath.Base(m[1])+":"+m[2]] += m[3] + "\n"
	}
	return out
}

// TestCopiedYearWarnsForEveryStaleParagraph: `cp -r data/2019 data/2020`
// with only year and period fixed builds, but with a warning at every
// paragraph that mentions 2019 outside a citation and at the deadline.
func TestCopiedYearWarnsForEveryStaleParagraph(t *testing.T) {
	data, out := seedData(t)
	copyDir(t, filepath.Join(data, "2019"), filepath.Join(data, "2020"))
	fund := filepath.Join(data, "2020", "fund.toml")
	editFile(t, fund, "year = 2019 ", "year = 2020 ")
	editFile(t, fund, "start = 2019-01-01", "start = 2020-01-01")
	editFile(t, fund, "end = 2019-12-31", "end = 2020-12-31")
	stdout, stderr := mustRun(t, "build", "-data", data, "-out", out, "-templates", templates, "2020")
	warned := warnedLines(stderr)
	// Every line of prose that mentions 2019: a quoted text of a prose
	// key or list, not a comment, a document's title (a citation), a
	// detail row or a check reference.
	mentions := 0
	files, _ := filepath.Glob(filepath.Join(data, "2020", "*.toml"))
	for _, f := range files {
		if filepath.Base(f) == "fund.toml" {
			continue // the documents cited: titles and 文号
		}
		b, _ := os.ReadFile(f)
		for i, line := range strings.Split(string(b), "\n") {
			code := strings.TrimSpace(line)
			if strings.HasPrefix(code, "#") || strings.HasPrefix(code, "{") || strings.HasPrefix(code, "check") || !strings.Contains(code, "2019年") {
				continue
			}
			mentions++
			where := fmt.Sprintf("%s:%d", filepath.Base(f), i+1)
			if w, ok := warned[where]; !ok || !strings.Contains(w, "2019") {
				t.Errorf("no warning about 2019 at %s (%q): %q", where, code, w)
			}
		}
	}
	if mentions < 30 {
		t.Errorf("only %d lines mention 2019", mentions)
	}
	if w := warned["targets.toml:145"]; !strings.Contains(w, "完成时限 2019年12月31日 不在实施期限 2020年1月1日-2020年12月31日 内") {
		t.Errorf("the deadline: %q", w)
	}
	// The documents cited as this year's notice and plan are last year's.
	for where, want := range map[string]string{
		"fund.toml:58": "用作“资金计划”的文件《关于调整2019年南昌市知识产权专项资金使用计划的批复》提到“2019年”，而这是 2020 年度的报告。",
		"fund.toml:70": "用作“评价通知”的文件《南昌市财政局关于开展2019年度市级部门财政项目支出绩效评价工作的通知》提到“2019年度”，而这是 2020 年度的报告。",
	} {
		if w := warned[where]; !strings.Contains(w, want) {
			t.Errorf("%s: %q, want %q", where, w, want)
		}
	}
	if !regexp.MustCompile(`已生成 2020 年度文件（有 [0-9]+ 条警告，其中沿用上一年度的文字或日期 [0-9]+ 处，见上）`).MatchString(stdout) {
		t.Errorf("summary:\n%s", stdout)
	}
}

// markLine puts a review mark at the end of a line, before any comment.
func markLine(line, mark string) string {
	if i := strings.LastIndex(line, `"`); i >= 0 {
		if j := strings.Index(line[i:], "#"); j >= 0 {
			k := i + j
			return line[:k] + "# " + mark + "；" + strings.TrimSpace(line[k+1:])
		}
	}
	return line + "  # " + mark
}

// TestNewYearListsWhatToConfirmAndThenBuildsClean: `ipfund new 2020` and a
// build list every figure marked 待确认 and every paragraph carried over;
// once each is dealt with — marks deleted, paragraphs reviewed, the two
// slips of the 2019 data corrected — the build has nothing left to say.
func TestNewYearListsWhatToConfirmAndThenBuildsClean(t *testing.T) {
	data, out := seedData(t)
	stdout, _ := mustRun(t, "new", "-data", data, "2020")
	dir := filepath.Join(data, "2020")
	for _, w := range []string{
		"已从 2019 年度建立 " + dir + "（10 个文件）：",
		"由程序计算的数字（小计、合计、由明细表得出的实际支出、结余，专项资金的预算和实际支出）16 处已从数据中删去，改由程序计算。",
		"已在行末标注“# 待确认”",
		"下一步：运行 make check YEAR=2020 逐条列出这些地方",
	} {
		if !strings.Contains(stdout, w) {
			t.Errorf("new says:\n%s\nwant %q", stdout, w)
		}
	}
	build := []string{"build", "-data", data, "-out", out, "-templates", templates, "2020"}
	stdout, stderr := mustRun(t, build...)
	warned := warnedLines(stderr)
	marks := 0
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "# 待确认") && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				marks++
				if w := warned[fmt.Sprintf("%s:%d", filepath.Base(f), i+1)]; !strings.Contains(w, "待确认") {
					t.Errorf("%s:%d is marked but not listed (%q)", filepath.Base(f), i+1, w)
				}
			}
		}
	}
	if want := fmt.Sprintf("，其中待确认的数字 %d 处、沿用上一年度的文字或日期", marks); marks < 100 || !strings.Contains(stdout, want) {
		t.Errorf("%d marks; summary:\n%s", marks, stdout)
	}

	// Confirm: delete each mark, review each carried paragraph (here: keep
	// it), correct the two slips the 2019 data carries.
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		for i, line := range lines {
			line = strings.Replace(line, "# 待确认；", "# ", 1)
			line = strings.Replace(line, "  # 待确认", "", 1)
			if w, ok := warned[fmt.Sprintf("%s:%d", filepath.Base(f), i+1)]; ok && strings.HasPrefix(w, "这段文字") {
				line = markLine(line, "保留")
			}
			lines[i] = line
		}
		os.WriteFile(f, []byte(strings.Join(lines, "\n")), 0o644)
	}
	// This year's plan and notice are new documents.
	editFile(t, filepath.Join(dir, "fund.toml"), `title = "关于调整2019年南昌市`, `title = "关于调整2020年南昌市`)
	editFile(t, filepath.Join(dir, "fund.toml"), `title = "南昌市财政局关于开展2019年度`, `title = "南昌市财政局关于开展2020年度`)
	editFile(t, filepath.Join(dir, "subproject-1-reward.toml"), "actual = 4487", "actual = 4479")
	editFile(t, filepath.Join(dir, "subproject-2-subsidy.toml"), "interest = 17.3961", "interest = 17.3333")
	stdout, stderr = mustRun(t, build...)
	if stderr != "" || !strings.HasPrefix(stdout, "已生成 2020 年度文件：\n") {
		t.Errorf("after confirming:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
}

func TestNewRefusesWhatItCannotDo(t *testing.T) {
	data, _ := seedData(t)
	for _, c := range []struct {
		name  string
		setup func()
		args  []string
		exit  int
		want  string
	}{
		{"existing year", nil, []string{"new", "-data", data, "2019"}, ExitData,
			"错误：" + filepath.Join(data, "2019") + " 已存在。ipfund new 不会覆盖已有的年度；如确要重新建立，请先把该目录改名或移走。"},
		{"no earlier year", nil, []string{"new", "-data", data, "2018"}, ExitData,
			"错误：" + data + " 下没有早于 2018 年的年度数据可以沿用。"},
		{"not a year", nil, []string{"new", "-data", data, "20x0"}, ExitUsage, "年度“20x0”无效：年度应为四位数字，例如 2020。"},
		{"year in full-width digits", nil, []string{"new", "-data", data, "２０２０年"}, ExitUsage, "年度“２０２０年”无效：年度只写四位半角数字，请写成 2020。"},
		{"no year", nil, []string{"new", "-data", data}, ExitUsage, "用法：ipfund new [-data 目录] 年度"},
		{"broken previous year", func() {
			editFile(t, filepath.Join(data, "2019", "fund.toml"), "spending = 1756.58", "spending = 1756.68")
		}, []string{"new", "-data", data, "2021"}, ExitData, "2019 年度的数据有错误，新年度要在它的基础上建立：请先改正以上错误（make check YEAR=2019），再运行 ipfund new 2021。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.setup != nil {
				c.setup()
			}
			code, stdout, stderr := run(c.args...)
			if code != c.exit || stdout != "" || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d (want %d), stdout %q, stderr:\n%s\nwant %q", code, c.exit, stdout, stderr, c.want)
			}
			entries, _ := os.ReadDir(data)
			if len(entries) != 1 {
				t.Errorf("data/ holds %d entries after a refusal", len(entries))
			}
		})
	}
}
