package fund

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
)

// seedYear copies the frozen seed year into a temporary data directory,
// applying edits (file name → old line prefix → new line, "" deletes it),
// and returns the year's directory.
func seedYear(t *testing.T, year string, edits map[string]map[string]string) string {
	t.Helper()
	return seedInto(t, t.TempDir(), year, edits)
}

// seedInto is seedYear into a given data directory.
func seedInto(t *testing.T, data, year string, edits map[string]map[string]string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "seed", "2019")
	dst := filepath.Join(data, year)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(src, "*.toml"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		s := editLines(t, string(b), edits[filepath.Base(n)])
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(n)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// editLines replaces each line starting with a key of edits (after
// indentation); every key must match exactly one line.
func editLines(t *testing.T, s string, edits map[string]string) string {
	t.Helper()
	lines := strings.Split(s, "\n")
	for old, new := range edits {
		n := 0
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), old) {
				lines[i] = new
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d lines start with %q", n, old)
		}
	}
	return strings.Join(lines, "\n")
}

func errorsOf(ds diag.List) []string {
	var out []string
	for _, d := range ds.Errors() {
		out = append(out, d.String())
	}
	return out
}

// TestOneChangedRowIsOneError: the correction (差旅费 110800 →
// 112800 元) on the 2019 data, whose 合计, spending, 结余 and fund spending
// are all stated, gives one error naming the rows, both totals and every
// stated figure to change with it.
func TestOneChangedRowIsOneError(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"subproject-4-protection-center.toml": {`{ item = "差旅费", amount = 110800 },`: `  { item = "差旅费", amount = 112800 },`},
	})
	_, ds := Load(dir)
	errs := errorsOf(ds)
	want := filepath.Join(dir, "subproject-4-protection-center.toml") + ":23:1：错误：" +
		"子项目4“知识产权保护中心运行经费项目”的明细表合计“支出金额（元）”写的是 2705300元，但按各行相加（4组11行，第28–53行）计算为 2707300元。" +
		"若明细各行无误，请把“total 中的 amount”改为 2707300（或删去这一项，由程序计算）；随之要改（或删去）的写明数字：" +
		"子项目4“知识产权保护中心运行经费项目”的实际支出 270.53万元 → 270.73万元（第11行）；" +
		"子项目4“知识产权保护中心运行经费项目”的结余金额 7.47万元 → 7.27万元（第12行）；" +
		"专项资金实际支出 1756.58万元 → 1756.78万元（fund.toml 第27行）。若是明细各行有误，改正它即可。"
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("got %d errors:\n%s\nwant:\n%s", len(errs), strings.Join(errs, "\n"), want)
	}
}

// TestOneChangedRowUnderASubtotal: the 小计 is the error; the 合计, the
// spending and the fund's spending follow it.
func TestOneChangedRowUnderASubtotal(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"subproject-1-reward.toml": {`{ period = "2019年度", units = 181, amount = 355.3 },`: `  { period = "2019年度", units = 181, amount = 355.4 },`},
	})
	_, ds := Load(dir)
	errs := errorsOf(ds)
	if len(errs) != 1 {
		t.Fatalf("%d errors:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	for _, want := range []string{
		"subproject-1-reward.toml:61:1：错误：子项目1“知识产权奖励项目”的明细表“贯标企业奖励”小计“支付金额（万元）”写的是 535.3万元，但按该组各行相加（2行，第63–64行）计算为 535.4万元。",
		"合计“支付金额（万元）” 1352.2万元 → 1352.3万元（第43行）",
		"实际支出 1352.2万元 → 1352.3万元（第14行）",
		"专项资金实际支出 1756.58万元 → 1756.68万元（fund.toml 第27行）",
	} {
		if !strings.Contains(errs[0], want) {
			t.Errorf("the error lacks %q:\n%s", want, errs[0])
		}
	}
}

// TestDerivedFiguresNeedNotBeWritten: with every derived figure left out,
// the year loads clean and the tool computes the seed's figures.
func TestDerivedFiguresNeedNotBeWritten(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"fund.toml":                           {"budget_current =": "", "budget_carryover =": "", "spending =": ""},
		"subproject-1-reward.toml":            {"spending =": "", "total =": "", "subtotal = { units = 410": "subtotal = {}", "subtotal = { units = 199": "subtotal = {}"},
		"subproject-2-subsidy.toml":           {"spending =": "", "total =": ""},
		"subproject-3-rights-aid.toml":        {"spending =": "", "total =": ""},
		"subproject-4-protection-center.toml": {"spending =": "", "total =": "", "balance =": "show_balance = true"},
	})
	y, ds := Load(dir)
	if ds.HasErrors() {
		t.Fatalf("errors: %v", ds.Errors())
	}
	d := decimal.RequireFromString
	for _, c := range []struct {
		what      string
		got, want decimal.Decimal
	}{
		{"fund budget_current", y.Fund.BudgetCurrent, d("1700")},
		{"fund budget_carryover", y.Fund.BudgetCarryover, d("310")},
		{"fund spending", y.Fund.Spending, d("1756.58")},
		{"reward spending", y.Subprojects[0].Spending, d("1352.2")},
		{"subsidy spending", y.Subprojects[1].Spending, d("126")},
		{"rights-aid spending (30000 元)", y.Subprojects[2].Spending, d("3")},
		{"center spending (2705300 元)", y.Subprojects[3].Spending, d("270.53")},
		{"management spending (typed in)", y.Subprojects[4].Spending, d("4.85")},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if !y.Subprojects[3].PrintsBalance() || y.Subprojects[3].StatedBalance != nil {
		t.Error("show_balance = true does not print the balance")
	}
	if st := y.Subprojects[0].Detail.Groups[0].Subtotal; st == nil || len(st) != 0 {
		t.Errorf("subtotal = {} should ask for a 小计 row with nothing to check, got %v", st)
	}
	if y.Subprojects[3].Detail.Groups[0].Subtotal != nil {
		t.Error("a group without subtotal has a 小计 row")
	}
}

// TestIndependentMistakesAreEachReported: two stated figures wrong on their
// own are two errors; a stated 合计 that agrees with the rows is no error
// even beside a wrong 小计.
func TestIndependentMistakesAreEachReported(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"subproject-1-reward.toml":            {"subtotal = { units = 199": "subtotal = { units = 199, count = 0, amount = 535.2 }"},
		"subproject-4-protection-center.toml": {"balance =": "balance = 7.5"},
	})
	_, ds := Load(dir)
	errs := errorsOf(ds)
	if len(errs) != 2 {
		t.Fatalf("%d errors, want 2:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	if !strings.Contains(errs[0], "“贯标企业奖励”小计“支付金额（万元）”写的是 535.2万元，但按该组各行相加（2行，第63–64行）计算为 535.3万元。") || strings.Contains(errs[0], "随之要改") {
		t.Errorf("first error: %s", errs[0])
	}
	if !strings.Contains(errs[1], "子项目4“知识产权保护中心运行经费项目”的结余金额写的是 7.5万元，但按实际到位 278万元 减实际支出 270.53万元计算为 7.47万元。") {
		t.Errorf("second error: %s", errs[1])
	}
}

func TestSpendingIsRequiredWithoutATable(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"subproject-5-management.toml": {"spending =": ""},
	})
	_, ds := Load(dir)
	errs := errorsOf(ds)
	if len(errs) != 1 || !strings.Contains(errs[0], "子项目5“知识产权管理费项目”缺少“spending”（实际支出，万元）。没有明细表（或明细表没有写“spending_column”）时，实际支出须直接填写。") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
}
