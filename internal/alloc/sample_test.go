package alloc

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// jiangxiSample is 示例数据，非官方数字: made-up but plausible figures for the
// 11 设区市 and 赣江新区, in the units of DefaultFactors.
func jiangxiSample() Input {
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
	in := Input{Total: d("2000"), Unit: UnitWanYuan, Quantum: d("0.01"), Factors: DefaultFactors()}
	for _, r := range rows {
		in.Cities = append(in.Cities, City{Name: r.name,
			Values:      vals(r.transfers, r.pledge, r.inventions, r.cases, r.keywork),
			Performance: d(r.perf), Hardship: d(r.hard)})
	}
	return in
}

// The expected amounts were computed independently with Python's
// fractions.Fraction (same formula, Hamilton by sorting remainders):
// 200000 quanta of 0.01 万元, floors add up to 199995, 5 left over.
var sampleWant = []struct{ name, amount, correction, approx string }{
	{"南昌市", "517.11", "0.01", "517.105809"},
	{"九江市", "176.76", "0", "176.760969"},
	{"景德镇市", "75.95", "0", "75.954278"},
	{"萍乡市", "81.93", "0.01", "81.927114"},
	{"新余市", "74.95", "0", "74.950886"},
	{"鹰潭市", "63.67", "0", "63.674009"},
	{"赣州市", "315.49", "0.01", "315.485806"},
	{"宜春市", "164.30", "0.01", "164.299763"},
	{"上饶市", "169.61", "0", "169.613019"},
	{"吉安市", "151.35", "0", "151.351154"},
	{"抚州市", "116.03", "0", "116.031246"},
	{"赣江新区", "92.85", "0.01", "92.845947"},
}

func TestJiangxiSample(t *testing.T) {
	in := jiangxiSample()
	res, err := Allocate(in)
	if err != nil {
		t.Fatal(err)
	}
	shareSum := new(big.Rat)
	amountSum := decimal.Zero
	for i, w := range sampleWant {
		c := res.Cities[i]
		if c.Name != w.name {
			t.Fatalf("city %d = %s, want %s", i, c.Name, w.name)
		}
		shareSum.Add(shareSum, c.Share.Rat())
		amountSum = amountSum.Add(c.Amount)
		wantDec(t, w.name+" amount", c.Amount, w.amount)
		wantDec(t, w.name+" correction", c.Correction, w.correction)
		wantDec(t, w.name+" exact", c.Exact.Dec(6), w.approx)
		if !c.Amount.Mod(d("0.01")).IsZero() {
			t.Errorf("%s amount %s is not whole 分", w.name, c.Amount)
		}
	}
	if shareSum.Cmp(big.NewRat(1, 1)) != 0 {
		t.Errorf("shares add up to %s, want exactly 1", shareSum.RatString())
	}
	if !amountSum.Equal(d("2000")) || !res.AmountSum.Equal(d("2000")) {
		t.Errorf("amounts add up to %s (%s), want 2000", amountSum, res.AmountSum)
	}
	wantExact(t, "share sum", res.ShareSum, "1")
	wantExact(t, "exact sum", res.ExactSum, "2000")
	if res.Leftover != 5 {
		t.Errorf("leftover = %d, want 5", res.Leftover)
	}

	// The in-test oracle, step by step with big.Rat, agrees too.
	shares := refShares(t, in)
	for i, want := range refAmounts(t, in) {
		if res.Cities[i].Share.Rat().Cmp(shares[i]) != 0 {
			t.Errorf("%s share %s, oracle %s", res.Cities[i].Name, res.Cities[i].Share, shares[i].RatString())
		}
		if !res.Cities[i].Amount.Equal(want) {
			t.Errorf("%s amount %s, oracle %s", res.Cities[i].Name, res.Cities[i].Amount, want)
		}
	}
}
