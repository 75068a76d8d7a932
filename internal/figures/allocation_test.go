package figures

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
)

// The amounts of the 2023 sample, verified independently of package alloc
// (see TestJiangxiSample in internal/alloc/sample_test.go).
var sample2023 = []struct{ city, amount, correction string }{
	{"南昌市", "517.11", "0.01"},
	{"九江市", "176.76", "0.00"},
	{"景德镇市", "75.95", "0.00"},
	{"萍乡市", "81.93", "0.01"},
	{"新余市", "74.95", "0.00"},
	{"鹰潭市", "63.67", "0.00"},
	{"赣州市", "315.49", "0.01"},
	{"宜春市", "164.30", "0.01"},
	{"上饶市", "169.61", "0.00"},
	{"吉安市", "151.35", "0.00"},
	{"抚州市", "116.03", "0.00"},
	{"赣江新区", "92.85", "0.01"},
}

func writeSample2023(t *testing.T) []byte {
	t.Helper()
	p, ds := alloc.Load(filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	if ds.HasErrors() {
		t.Fatalf("data/2023 has errors:\n%s", ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	return WriteAllocation(p, r)
}

func TestAllocationSectionHoldsTheSampleAmounts(t *testing.T) {
	b := writeSample2023(t)
	var got map[string]map[string]any
	if _, err := toml.Decode(string(b), &got); err != nil {
		t.Fatalf("allocation section is not valid TOML: %v\n%s", err, b)
	}
	top := got["因素法分配"]
	for k, v := range map[string]any{
		"年度": int64(2023), "示例数据": true, "说明": "示例数据，非官方数字", "采用第七条默认因素": false,
		"金额单位": "万元", "总额": int64(2000), "最小分配单位": 0.01, "最小分配单位个数": int64(200000),
		"尾差个数": int64(5), "份额合计": 1.0, "精确金额合计": 2000.0, "分配金额合计": 2000.0,
	} {
		if top[k] != v {
			t.Errorf("[因素法分配] %s = %#v, want %#v", k, top[k], v)
		}
	}
	factors := top["分配因素"].(map[string]any)
	for k, v := range map[string]any{"专利运用/权重": int64(40), "专利创造/权重": int64(16), "专利执法/权重": int64(24),
		"重点工作/权重": int64(20), "专利运用/金额": 800.0, "专利执法/行政案件数/合计": int64(1668)} {
		if factors[k] != v {
			t.Errorf("[因素法分配.分配因素] %s = %#v, want %#v", k, factors[k], v)
		}
	}

	// Each city's table, read as text: the amounts are exactly the
	// verified ones and add up to the total to the 分.
	cities := top["设区市"].(map[string]any)
	if len(cities) != len(sample2023) {
		t.Errorf("%d cities, want %d", len(cities), len(sample2023))
	}
	sum := decimal.Zero
	for _, w := range sample2023 {
		if _, ok := cities[w.city]; !ok {
			t.Errorf("no table for %s", w.city)
		}
		sec := citySection(t, b, w.city)
		amount := figure(t, sec, "分配金额")
		if amount != w.amount {
			t.Errorf("%s 分配金额 = %s, want %s", w.city, amount, w.amount)
		}
		if c := figure(t, sec, "尾差调整"); c != w.correction {
			t.Errorf("%s 尾差调整 = %s, want %s", w.city, c, w.correction)
		}
		sum = sum.Add(decimal.RequireFromString(amount))
	}
	if !sum.Equal(decimal.NewFromInt(2000)) {
		t.Errorf("Σ 分配金额 = %s, want 2000", sum)
	}
}

// citySection returns the lines of one city's table.
func citySection(t *testing.T, b []byte, city string) string {
	t.Helper()
	head := `["因素法分配"."设区市"."` + city + "\"]\n"
	i := bytes.Index(b, []byte(head))
	if i < 0 {
		t.Fatalf("no table %s", head)
	}
	sec := string(b[i+len(head):])
	if j := strings.Index(sec, "\n["); j >= 0 {
		sec = sec[:j]
	}
	return sec
}

// figure returns the literal value of key in a table's lines.
func figure(t *testing.T, sec, key string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^"` + regexp.QuoteMeta(key) + `" = (.*)$`).FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("no figure %s in\n%s", key, sec)
	}
	return m[1]
}

func TestAllocationSectionIsStableAndOneFigurePerLine(t *testing.T) {
	b := writeSample2023(t)
	if again := writeSample2023(t); !bytes.Equal(b, again) {
		t.Error("two runs gave different bytes")
	}
	for _, line := range []string{
		"# 【示例数据，非官方数字】本节数字是示例，不得用于实际分配。\n",
		"到 6 位小数的显示值",
		"\n[\"因素法分配\".\"设区市\".\"宜春市\"]\n\"绩效调节系数\" = 1\n\"财政困难程度系数\" = 1.1\n",
		"\"份额\" = 0.082150\n\"精确金额\" = 164.299763\n\"取整金额\" = 164.29\n",
		"\"尾差调整\" = 0.01\n\"分配金额\" = 164.30\n",
	} {
		if !bytes.Contains(b, []byte(line)) {
			t.Errorf("allocation section lacks %q", line)
		}
	}
	// Cities in the order of the data file.
	last := -1
	for _, w := range sample2023 {
		i := bytes.Index(b, []byte(`."`+w.city+`"]`))
		if i < last {
			t.Errorf("%s out of order", w.city)
		}
		last = i
	}
	// One figure per line: no inline tables or arrays.
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "{") || strings.Contains(l, "= [") {
			t.Errorf("line holds more than one figure: %s", l)
		}
	}
}

// The section can follow the year's figures file in one TOML document.
func TestAllocationSectionAppendsToTheFiguresFile(t *testing.T) {
	b := append(write2019(t), writeSample2023(t)...)
	var got map[string]map[string]any
	if _, err := toml.Decode(string(b), &got); err != nil {
		t.Fatalf("figures file + allocation section is not valid TOML: %v", err)
	}
	if got["专项资金"]["实际支出"] != 1756.58 || got["因素法分配"]["总额"] != int64(2000) {
		t.Errorf("figures lost: %v / %v", got["专项资金"]["实际支出"], got["因素法分配"]["总额"])
	}
}

// Names are data: quotes, dots, control characters and huge figures must
// still give valid TOML.
func TestAllocationSectionQuotesOddNamesAndFigures(t *testing.T) {
	d := decimal.RequireFromString
	in := alloc.Input{
		Total: d("100000000000000000000000"), Unit: alloc.UnitYuan, Quantum: d("1"),
		Factors: []alloc.Factor{{Key: "k", Name: `因素"甲".x`, Weight: d("1"), Indicators: []alloc.Indicator{
			{Key: "v", Name: "指标\t一\\二\x01"},
		}}},
		Cities: []alloc.City{
			{Name: `a."b"`, Values: map[string]decimal.Decimal{"v": d("1")}, Performance: d("1e300"), Hardship: d("1e300")},
			{Name: "c\nd", Values: map[string]decimal.Decimal{"v": d("2")}, Performance: d("1"), Hardship: d("1")},
		},
	}
	r, err := alloc.Allocate(in)
	if err != nil {
		t.Fatal(err)
	}
	p := &alloc.Plan{Title: "标题\"引号\"", Region: "地区", Year: 2023, Input: in}
	b := WriteAllocation(p, r)
	var got map[string]map[string]any
	if _, err := toml.Decode(string(b), &got); err != nil {
		t.Fatalf("not valid TOML: %v\n%s", err, b)
	}
	cities := got["因素法分配"]["设区市"].(map[string]any)
	if _, ok := cities[`a."b"`]; !ok {
		t.Errorf("city a.\"b\" missing: %v", cities)
	}
	if _, ok := cities["c\nd"]; !ok {
		t.Errorf("city c\\nd missing: %v", cities)
	}
}
