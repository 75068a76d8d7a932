package fund

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
)

// carried carries the seed year into 2020 and returns the files by name.
func carried(t *testing.T, data string) (*Carried, map[string]string) {
	t.Helper()
	c, ds := CarryForward(seedInto(t, data, "2019", nil), 2020)
	if c == nil {
		t.Fatalf("carry: %v", ds)
	}
	files := map[string]string{}
	for _, f := range c.Files {
		files[f.Name] = string(f.Data)
	}
	return c, files
}

func TestCarryForwardKeepsStructureAndMarksFigures(t *testing.T) {
	c, files := carried(t, t.TempDir())
	if c.From != 2019 || c.To != 2020 || len(files) != 10 {
		t.Fatalf("carried %d → %d, %d files", c.From, c.To, len(files))
	}
	has := func(file, line string) {
		t.Helper()
		if !strings.Contains(files[file], "\n"+line+"\n") {
			t.Errorf("%s lacks the line %q", file, line)
		}
	}
	lacks := func(file, prefix string) {
		t.Helper()
		for _, l := range strings.Split(files[file], "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				t.Errorf("%s still has %q", file, l)
			}
		}
	}
	has("fund.toml", "# 专项资金基本信息（2020 年度）")
	has("fund.toml", "year = 2020                                                 # 评价年度")
	has("fund.toml", "start = 2020-01-01                                          # 项目实施期限：开始日期（不加引号）")
	has("fund.toml", "end = 2020-12-31                                            # 项目实施期限：结束日期（不加引号）")
	has("fund.toml", `title = "南昌市财政局关于开展2019年度市级部门财政项目支出绩效评价工作的通知"  # 待确认`)
	for _, key := range []string{"budget_current =", "budget_carryover =", "spending ="} {
		lacks("fund.toml", key)
	}
	has("subproject-1-reward.toml", "budget_current = 1248                # 待确认；本年度预算（万元）")
	has("subproject-1-reward.toml", "subtotal = {}")
	has("subproject-1-reward.toml", `  { period = "2019年度", units = 181, amount = 355.3 },  # 待确认`)
	has("subproject-1-reward.toml", "  plan = 2000  # 待确认")
	lacks("subproject-1-reward.toml", "spending =")
	lacks("subproject-1-reward.toml", "total =")
	has("subproject-4-protection-center.toml", "show_balance = true                  # 报告中写出结余金额（程序按实际到位 − 实际支出计算）")
	lacks("subproject-4-protection-center.toml", "balance =")
	has("subproject-5-management.toml", "spending = 4.85  # 待确认")
	has("scoring.toml", "  score = 15                                              # 待确认；得分")
	has("targets.toml", "value = 2020-12-31")
	has("targets.toml", "actual = 2021-02-01                   # 待确认；报告只写“于2020年2月支付完成”：取该月第一天比较（2月内哪一天都超过时限）")
	has("targets.toml", `actual_shown = "2020年2月"             # 待确认；表中照报告写法显示`)
	// Prose is carried as it stands.
	has("report.toml", `other_intro = "关于2019年知识产权专项资金使用计划中未使用的情况说明："`)
	// 3 fund figures, 4 totals, 1 spending less the management's, 4
	// subtotals, 1 balance.
	if c.Derived != 3+4+4+4+1 {
		t.Errorf("%d derived figures left out", c.Derived)
	}
	marks := 0
	for _, text := range files {
		for _, m := range scanComments(text, false).list {
			if m.mark == unconfirmedMark && !m.lone {
				marks++
			}
		}
	}
	if marks != c.Unconfirmed || marks < 100 {
		t.Errorf("%d marks written, %d counted", marks, c.Unconfirmed)
	}
}

// TestCarriedYearLoadsWithEachFigureToConfirm: the new year loads without
// errors, derives last year's figures and lists every mark.
func TestCarriedYearLoadsWithEachFigureToConfirm(t *testing.T) {
	data := t.TempDir()
	c, _ := carried(t, data)
	dir := filepath.Join(data, "2020")
	os.MkdirAll(dir, 0o755)
	for _, f := range c.Files {
		os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644)
	}
	y, ds := Load(dir)
	if ds.HasErrors() {
		t.Fatalf("errors: %v", ds.Errors())
	}
	if n := ds.Count(diag.ClassUnconfirmed); n != c.Unconfirmed {
		t.Errorf("%d unconfirmed warnings for %d marks", n, c.Unconfirmed)
	}
	if ds.Count(diag.ClassStale) < 50 {
		t.Errorf("only %d stale-text warnings", ds.Count(diag.ClassStale))
	}
	if !y.Fund.Spending.Equal(decimal.RequireFromString("1756.58")) || !y.Subprojects[3].Spending.Equal(decimal.RequireFromString("270.53")) {
		t.Errorf("derived spending %s, %s", y.Fund.Spending, y.Subprojects[3].Spending)
	}
	// The next year again: nothing to carry twice.
	again, ds := CarryForward(dir, 2021)
	if again == nil {
		t.Fatalf("carry 2020: %v", ds)
	}
	if again.Derived != 0 {
		t.Errorf("carrying 2020 left out %d derived figures again", again.Derived)
	}
	for _, f := range again.Files {
		if strings.Contains(string(f.Data), "待确认；待确认") || strings.Contains(string(f.Data), "# 待确认  # 待确认") {
			t.Errorf("%s: a mark marked twice", f.Name)
		}
	}
}

func TestCarryDropsLastYearsReviewAndMovesLeapDays(t *testing.T) {
	c := &carrier{shift: 1}
	if got := c.shiftDates("date = 2020-02-29 # x"); got != "date = 2021-02-28 # x" {
		t.Errorf("leap day: %q", got)
	}
	c.shift = 4
	if got := c.shiftDates("d = 2020-02-29"); got != "d = 2024-02-29" {
		t.Errorf("leap day to leap year: %q", got)
	}
	data := t.TempDir()
	dir := seedInto(t, data, "2019", map[string]map[string]string{
		"report.toml": {"other_intro =": `other_intro = "关于2019年的说明："  # 保留：上年的计划`},
	})
	cf, ds := CarryForward(dir, 2020)
	if cf == nil {
		t.Fatal(ds)
	}
	for _, f := range cf.Files {
		if f.Name == "report.toml" && !strings.Contains(string(f.Data), "\nother_intro = \"关于2019年的说明：\"\n") {
			t.Errorf("the keep mark was carried over")
		}
	}
}

func TestCarryRefusesABrokenYear(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{"fund.toml": {"spending =": "spending = 1"}})
	c, ds := CarryForward(dir, 2020)
	if c != nil || len(ds.Errors()) != 1 || !strings.Contains(ds[0].Msg, "专项资金实际支出写的是 1万元") {
		t.Errorf("carried %v, %v", c, ds)
	}
}
