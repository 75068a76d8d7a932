package workbook

import (
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// jiangxiSample is the 12-city sample of internal/alloc/sample_test.go
// (示例数据，非官方数字), copied here.
func jiangxiSample() alloc.Input {
	rows := []struct {
		name                                          string
		transfers, pledge, inventions, cases, keywork string
		perf, hard                                    string
	}{
		{"南昌市", "3200", "185000.5", "2650", "420", "95", "1.05", "0.90"},
		{"九江市", "980", "42000", "610", "160", "88", "1.00", "1.00"},
		{"景德镇市", "310", "9800", "240", "55", "82", "0.95", "1.05"},
		{"萍乡市", "260", "12500.75", "180", "60", "80", "1.00", "1.10"},
		{"新余市", "240", "15000", "210", "40", "85", "1.02", "1.00"},
		{"鹰潭市", "190", "8200", "150", "38", "83", "0.98", "1.05"},
		{"赣州市", "1450", "61000", "900", "310", "92", "1.03", "1.15"},
		{"宜春市", "720", "30500", "520", "150", "86", "1.00", "1.10"},
		{"上饶市", "810", "28700.3", "560", "170", "87", "0.97", "1.10"},
		{"吉安市", "650", "26000", "480", "140", "84", "1.00", "1.10"},
		{"抚州市", "430", "17600", "330", "95", "81", "0.99", "1.15"},
		{"赣江新区", "520", "23000", "390", "30", "90", "1.05", "0.90"},
	}
	in := alloc.Input{Total: d("2000"), Unit: alloc.UnitWanYuan, Quantum: d("0.01"), Factors: alloc.DefaultFactors()}
	for _, r := range rows {
		in.Cities = append(in.Cities, alloc.City{Name: r.name,
			Values: map[string]decimal.Decimal{"transfers": d(r.transfers), "pledge": d(r.pledge),
				"inventions": d(r.inventions), "cases": d(r.cases), "keywork": d(r.keywork)},
			Performance: d(r.perf), Hardship: d(r.hard)})
	}
	return in
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
