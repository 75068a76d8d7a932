package workbook

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// jiangxiSample is the 12-city sample (示例数据，非官方数字) as the frozen
// test data holds it (internal/testdata/seed/2023/allocation.toml).
func jiangxiSample() alloc.Input {
	p, ds := alloc.Load(filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	if p == nil || ds.HasErrors() {
		panic(ds.Error())
	}
	return p.Input
}

// sampleAmounts are the final amounts alloc's own test expects (computed
// independently with Python's fractions), with the corrections.
var sampleAmounts = []struct{ name, amount, correction string }{
	{"南昌市", "517.11", "0.01"},
	{"九江市", "176.76", "0"},
	{"景德镇市", "75.95", "0"},
	{"萍乡市", "81.93", "0.01"},
	{"新余市", "74.95", "0"},
	{"鹰潭市", "63.67", "0"},
	{"赣州市", "315.49", "0.01"},
	{"宜春市", "164.30", "0.01"},
	{"上饶市", "169.61", "0"},
	{"吉安市", "151.35", "0"},
	{"抚州市", "116.03", "0"},
	{"赣江新区", "92.85", "0.01"},
}

const sampleTitle = "2020年度省级知识产权专项资金因素法分配表（示例数据）"

func sampleResult(t testing.TB) *alloc.Result {
	t.Helper()
	return sampleResultOf(t, jiangxiSample())
}

func sampleResultOf(t testing.TB, in alloc.Input) *alloc.Result {
	t.Helper()
	res, err := alloc.Allocate(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
