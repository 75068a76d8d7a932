package cnfmt

import (
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestAmount(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1352.2", "1352.2"},
		{"1352.20", "1352.2"},
		{"2010", "2010"},
		{"2010.000", "2010"},
		{"96.497498", "96.497498"},
		{"0.50", "0.5"},
		{"0", "0"},
		{"0.000", "0"},
		{"-3", "-3"},
		{"-0.10", "-0.1"},
		{"1e6", "1000000"},
		{"1.5e-7", "0.00000015"},
		{"12345678901234567890.123", "12345678901234567890.123"},
	} {
		if got := Amount(dec(c.in)); got != c.want {
			t.Errorf("Amount(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAmountNoScientificNotation(t *testing.T) {
	old := decimal.UseScientificNotation
	decimal.UseScientificNotation = true
	defer func() { decimal.UseScientificNotation = old }()
	if got := Amount(decimal.New(5, 3)); got != "5000" {
		t.Errorf("Amount(5e3) = %q with UseScientificNotation, want 5000", got)
	}
}

func TestFixed(t *testing.T) {
	for _, c := range []struct {
		in     string
		places int
		want   string
	}{
		{"0.5", 2, "0.50"},
		{"0", 2, "0.00"},
		{"1.005", 2, "1.01"},
		{"1.004999", 2, "1.00"},
		{"2.5", 0, "3"},
		{"-2.5", 0, "-3"},
		{"-1.005", 2, "-1.01"},
		{"-0.001", 2, "0.00"},
		{"12.3456", 3, "12.346"},
		{"7", -1, "7"},
		{"1e3", 1, "1000.0"},
	} {
		if got := Fixed(dec(c.in), c.places); got != c.want {
			t.Errorf("Fixed(%s, %d) = %q, want %q", c.in, c.places, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0.8739203980", "87.39%"},
		{"1", "100.00%"},
		{"0", "0.00%"},
		{"0.00005", "0.01%"},
		{"0.00004999", "0.00%"},
		{"0.12345", "12.35%"},
		{"-0.12345", "-12.35%"},
		{"1.5", "150.00%"},
	} {
		if got := Percent(dec(c.in)); got != c.want {
			t.Errorf("Percent(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPercentTrim(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1", "100%"},
		{"0.3", "30%"},
		{"0.005", "0.5%"},
		{"0.773", "77.3%"},
		{"0.87392", "87.39%"},
		{"0", "0%"},
		{"0.99999", "100%"},
		{"0.000049", "0%"},
		{"-0.25", "-25%"},
	} {
		if got := PercentTrim(dec(c.in)); got != c.want {
			t.Errorf("PercentTrim(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"15.50", "15.5"},
		{"20.00", "20"},
		{"20", "20"},
		{"3.10", "3.1"},
		{"8.739", "8.74"},
		{"8.735", "8.74"},
		{"8.7349", "8.73"},
		{"0", "0"},
		{"0.001", "0"},
		{"-1.255", "-1.26"},
		{"99.995", "100"},
	} {
		if got := Score(dec(c.in)); got != c.want {
			t.Errorf("Score(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for _, c := range []struct {
		in   int
		want string
	}{
		{0, "零"},
		{1, "一"},
		{9, "九"},
		{10, "十"},
		{11, "十一"},
		{19, "十九"},
		{20, "二十"},
		{21, "二十一"},
		{99, "九十九"},
		{100, "一百"},
		{101, "一百零一"},
		{105, "一百零五"},
		{110, "一百一十"},
		{111, "一百一十一"},
		{1000, "一千"},
		{1001, "一千零一"},
		{1010, "一千零一十"},
		{1100, "一千一百"},
		{2019, "二千零一十九"},
		{9999, "九千九百九十九"},
		{10000, "一万"},
		{10001, "一万零一"},
		{100000, "十万"},
		{150000, "十五万"},
		{107000, "十万七千"},
		{100700, "十万零七百"},
		{1_0000_0000, "一亿"},
		{1_0000_7000, "一亿零七千"},
		{-3, "负三"},
		{-10, "负十"},
	} {
		if got := ChineseNumber(c.in); got != c.want {
			t.Errorf("ChineseNumber(%d) = %q, want %q", c.in, got, c.want)
		}
	}
	// 1 万亿 fits an int only where int has 64 bits; the code must still
	// build where it has 32.
	if big := int64(1_0000_0000_0000); int64(int(big)) == big {
		if got := ChineseNumber(int(big)); got != "1000000000000" {
			t.Errorf("ChineseNumber(%d) = %q", big, got)
		}
	}
}

func TestRMBUpper(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "零元整"},
		{"0.00", "零元整"},
		{"0.001", "零元整"},
		{"1", "壹元整"},
		{"10", "壹拾元整"},
		{"10.5", "壹拾元伍角"},
		{"10.50", "壹拾元伍角"},
		{"15", "壹拾伍元整"},
		{"110", "壹佰壹拾元整"},
		{"1756.58", "壹仟柒佰伍拾陆元伍角捌分"},
		{"17565800", "壹仟柒佰伍拾陆万伍仟捌佰元整"},
		{"100.05", "壹佰元零伍分"},
		{"1001", "壹仟零壹元整"},
		{"100000000", "壹亿元整"},
		{"100010000", "壹亿零壹万元整"},
		{"100007000", "壹亿零柒仟元整"},
		{"1409.50", "壹仟肆佰零玖元伍角"},
		{"6007.14", "陆仟零柒元壹角肆分"},
		{"1680.32", "壹仟陆佰捌拾元叁角贰分"},
		{"107000.53", "壹拾万柒仟元伍角叁分"},
		{"100700", "壹拾万零柒佰元整"},
		{"16409.02", "壹万陆仟肆佰零玖元零贰分"},
		{"325.04", "叁佰贰拾伍元零肆分"},
		{"0.5", "伍角"},
		{"0.05", "伍分"},
		{"0.55", "伍角伍分"},
		{"0.005", "壹分"},
		{"2.345", "贰元叁角伍分"},
		{"1.999", "贰元整"},
		{"-3.2", "负叁元贰角"},
		{"-0.004", "零元整"},
		{"999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
	} {
		got, err := RMBUpper(dec(c.in))
		if err != nil || got != c.want {
			t.Errorf("RMBUpper(%s) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestRMBUpperTooLarge(t *testing.T) {
	for _, in := range []string{"1000000000000", "999999999999.995", "-1000000000000", "1e20"} {
		got, err := RMBUpper(dec(in))
		if err == nil {
			t.Errorf("RMBUpper(%s) = %q, want an error", in, got)
		}
	}
}
