package cli

import (
	"bytes"
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

// Each broken data file in testdata/bad replaces (or joins) a file of the
// valid base year; the run must fail with the given message at the given
// place, and leave out/ alone.
func TestBrokenDataFilesAreReportedAndNothingIsWritten(t *testing.T) {
	cases := []struct {
		bad    string // file in testdata/bad
		as     string // name it takes in the year's directory
		where  string // file:line the message must name
		msg    string // part of the message
		errors int    // how many errors the run reports
	}{
		{"syntax-error.toml", "subproject-1.toml", "subproject-1.toml:3:12", "TOML 格式错误：文字没有在本行结束（缺少右引号？多行文字请用三个引号 \"\"\" 括起来）。", 1},
		{"unknown-key.toml", "subproject-1.toml", "subproject-1.toml:7:1", "未知的键“spendng”：程序不认识这个名字，写在这里的数据不会被使用。请检查拼写（是不是“spending”？）", 2},
		{"wrong-type.toml", "fund.toml", "fund.toml:9:1", "“budget_current（本年度预算）”应为数字，这里写的是带引号的文字“九十”。数字不要加引号", 1},
		{"missing-name.toml", "subproject-2.toml", "subproject-2.toml:1:1", "“subproject”缺少必填项“name（子项目名称）”。请补上这一项。", 1},
		{"negative-amount.toml", "subproject-2.toml", "subproject-2.toml:5:1", "子项目2“乙项目”的实际到位不能为负数（这里写的是 -30）。请改正。", 1},
		{"rows-not-summing.toml", "subproject-1.toml", "subproject-1.toml:17:1", "子项目1“甲项目”的明细表合计“支出金额（元）”写的是 541000，但各行相加为 540000。", 1},
		{"score-above-points.toml", "subproject-1.toml", "subproject-1.toml:42:1", "子项目1“甲项目”的指标“宣传活动”的得分 25 超过分值 20。得分不能高于分值，请改正。", 1},
		{"groups-not-100.toml", "scoring.toml", "scoring.toml:4:1", "各一级指标分值合计为 90 分，应为 100 分。", 2},
		{"unknown-unit.toml", "subproject-1.toml", "subproject-1.toml:10:1", "子项目1“甲项目”的明细表的金额单位“千元”无法识别。请写“万元”或“元”。", 1},
		{"duplicate-no.toml", "subproject-2.toml", "subproject-2.toml:2:1", "子项目序号 1 重复：子项目1“甲项目”也用了这个序号（", 1},
		{"empty.toml", "notes.toml", "notes.toml", "文件是空的（没有任何数据）。请填写数据，或删除这个文件。", 1},
		{"spending-sum.toml", "fund.toml", "fund.toml:11:1", "专项资金实际支出 81万元，但各子项目实际支出合计为 80万元。", 1},
		{"overspend.toml", "subproject-2.toml", "subproject-2.toml:6:1", "子项目2“乙项目”的实际支出 36万元 超过实际到位 30万元。请核对；如确属超支，请在 overspend_reason 中写明原因。", 2},
		{"no-deduction.toml", "subproject-1.toml", "subproject-1.toml:42:1", "子项目1“甲项目”的指标“宣传活动”得 15 分，低于分值 20 分，须在 deduction 中写明扣分原因", 1},
		{"unknown-rule.toml", "subproject-2.toml", "subproject-2.toml:14:1", "子项目2“乙项目”的指标“服务企业数”的计分规则“completeness”不存在。可用的规则：execution_rate、completion、cost_variance", 1},
		{"category-points.toml", "subproject-1.toml", "subproject-1.toml:26:1", "子项目1“甲项目”“产出数量”类各指标分值合计 45 分，应为 50 分", 1},
		{"yuan-conversion.toml", "subproject-1.toml", "subproject-1.toml:16:1", "子项目1“甲项目”的明细表“支出金额（元）”各行合计 540000元（即 54万元），与实际支出 55万元 不一致。", 2},
		{"misplaced-key.toml", "report.toml", "report.toml:26:1", "“other_intro”写在了 [[report.stage]] 这一节里，但它属于[report]。", 1},
		{"wrong-year.toml", "fund.toml", "fund.toml:4:1", "评价年度写的是 2021，但数据放在", 1},
		{"unknown-category.toml", "subproject-2.toml", "subproject-2.toml:19:1", "子项目2“乙项目”的指标“成本变动”的所属二级指标“costs”不存在。可用的代号：quantity（产出数量）、cost（产出成本）。", 1},
		{"bad-placeholder.toml", "subproject-1.toml", "subproject-1.toml:31:1", "子项目1“甲项目”的指标“培训次数”的文字中有无法识别的占位符 {计画}。只能用 {计划} 和 {实际}。", 1},
		{"band-above-points.toml", "subproject-2.toml", "subproject-2.toml:23:1", "子项目2“乙项目”的指标“成本变动”分值为 20，但规则“变动程度”的档次最高给 40 分，超过分值。", 2},
		{"duplicate-fund.toml", "another-fund.toml", "fund.toml:2:1", "[fund] 重复：已在", 1},
		{"grades-order.toml", "scoring.toml", "scoring.toml:59:1", "评价等级应从高到低书写：“良”的最低分 95 不低于上一等级“优”的 90。", 1},
		{"text-in-number-column.toml", "subproject-1.toml", "subproject-1.toml:23:3", "子项目1“甲项目”的明细表第1组第2行“支出金额（元）”应为数字，这里写的是“十四万”。数字不要加引号。", 1},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.bad] = true
		t.Run(strings.TrimSuffix(c.bad, ".toml"), func(t *testing.T) {
			data, out := fixture(t)
			bad, err := os.ReadFile(filepath.Join("testdata", "bad", c.bad))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(data, "2020", c.as), bad, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
			if code != ExitData {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, ExitData, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty, got %q", stdout)
			}
			where := filepath.Join(data, "2020", c.where)
			if !strings.Contains(stderr, where+"：错误：") {
				t.Errorf("stderr does not point at %s:\n%s", where, stderr)
			}
			if !strings.Contains(stderr, c.msg) {
				t.Errorf("stderr lacks %q:\n%s", c.msg, stderr)
			}
			if n := strings.Count(stderr, "：错误："); n != c.errors {
				t.Errorf("%d errors reported, want %d:\n%s", n, c.errors, stderr)
			}
			if !strings.Contains(stderr, "未生成任何文件") {
				t.Errorf("stderr does not say nothing was written:\n%s", stderr)
			}
			assertOutUntouched(t, out)
		})
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
	big := bytes.Repeat([]byte("#"), 5<<20)
	os.WriteFile(filepath.Join(data, "2020", "huge.toml"), big, 0o644)
	code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitData || !strings.Contains(stderr, "huge.toml：错误：文件过大（5.0 MB），超过数据文件上限 4.0 MB。") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	assertOutUntouched(t, out)
}
