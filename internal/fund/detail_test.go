package fund

import (
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSumsAreExactWhateverTheirSize checks the integer fast path of the
// sums against decimal addition, across exponents and past int64.
func TestSumsAreExactWhateverTheirSize(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	for round := range 200 {
		var s decimalSum
		want := decimal.Zero
		for range rng.Intn(50) {
			var d decimal.Decimal
			switch rng.Intn(5) {
			case 0:
				d = decimal.New(rng.Int63n(1e9), -int32(rng.Intn(4)))
			case 1:
				d = decimal.New(rng.Int63()-rng.Int63(), -int32(rng.Intn(19)))
			case 2:
				d = decimal.New(rng.Int63n(1000), int32(rng.Intn(25)))
			case 3:
				d, _ = decimal.NewFromString("123456789012345678901234567890.25")
			default:
				d = decimal.New(-rng.Int63n(1e6), -2)
			}
			s.add(d)
			want = want.Add(d)
		}
		if got := s.total(); !got.Equal(want) {
			t.Fatalf("round %d: %s, want %s", round, got, want)
		}
	}
	var s decimalSum
	for _, v := range []string{"666.9", "20", "180", "355.3", "130"} {
		s.add(decimal.RequireFromString(v))
	}
	if got := s.total(); got.String() != "1352.2" || got.Exponent() != -1 {
		t.Errorf("%s (exponent %d)", got, got.Exponent())
	}
}

// TestNumbersPrintAsDecimalWrites: the text kept for a number read from a
// spreadsheet is what decimal.String gives, whether or not it is reused.
func TestNumbersPrintAsDecimalWrites(t *testing.T) {
	for _, s := range []string{"0", "-0", "00", "400000", "1352.2", "1352.20", "0.5", ".5", "-0.5", "+3", "007", "1.", "-12.340", "5", "-5", "123456789012345"} {
		n, err := decimal.NewFromString(s)
		if err != nil {
			continue
		}
		if got := numberText(s, n); got != n.String() {
			t.Errorf("%q prints as %q, decimal writes %q", s, got, n.String())
		}
	}
}

// TestLookupSaysWhatTheTableHas: a check reference to a column or group the
// table lacks (as after replacing the rows by a rows_from spreadsheet with
// other columns) names what can be referenced instead.
func TestLookupSaysWhatTheTableHas(t *testing.T) {
	num := func(s string) Cell { return Cell{Text: s, Num: decimal.RequireFromString(s), IsNum: true} }
	d := &Detail{
		Columns: []Column{
			{Key: "kind", Title: "奖励类别", Kind: ColGroup},
			{Key: "name", Title: "企业名称", Kind: ColText},
			{Key: "count", Title: "专利数量（件）", Kind: ColCount},
			{Key: "amount", Title: "奖励金额（元）", Kind: ColAmount},
		},
		Groups: []RowGroup{
			{Label: "授权专利奖励", Rows: []Row{{{}, {Text: "南昌甲科技有限公司"}, num("12"), num("24000")}, {{}, {Text: "江西乙电子有限公司"}, num("3"), num("6000")}}},
			{Label: "贯标企业奖励", Rows: []Row{{{}, {Text: "南昌丙生物有限公司"}, {}, num("100000")}}},
		},
	}
	for _, c := range []struct{ ref, want string }{
		{"累计拥有国内外发明专利奖励:units", "引用“累计拥有国内外发明专利奖励:units”中的列代号“units”不在明细表的 columns 中（可引用的数字列：count（专利数量（件））、amount（奖励金额（元）））"},
		{"授权专利奖励:name", "引用“授权专利奖励:name”中的列“name”（企业名称）不是数字列，无法核对（可引用的数字列：count（专利数量（件））、amount（奖励金额（元）））"},
		{"优势示范企业奖励:amount", "引用“优势示范企业奖励:amount”：明细表中没有名为“优势示范企业奖励”的组（各组：“授权专利奖励”、“贯标企业奖励”）"},
		{"授权专利奖励/南昌丁公司:amount", "引用“授权专利奖励/南昌丁公司:amount”：明细表“授权专利奖励”组中没有写着“南昌丁公司”的行"},
	} {
		if _, _, err := d.Lookup(c.ref); err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.ref, err, c.want)
		}
	}
	for _, c := range []struct{ ref, want, desc string }{
		{"授权专利奖励:count", "15", "明细表“授权专利奖励”的“专利数量（件）”"},
		{"授权专利奖励/江西乙电子有限公司:amount", "6000", "明细表“授权专利奖励 江西乙电子有限公司”的“奖励金额（元）”"},
	} {
		v, desc, err := d.Lookup(c.ref)
		if err != nil || v.String() != c.want || desc != c.desc {
			t.Errorf("%s: %s %q %v, want %s %q", c.ref, v, desc, err, c.want, c.desc)
		}
	}
}
