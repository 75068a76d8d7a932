package calc

import (
	"testing"

	"ipfund/internal/fund"
	"ipfund/internal/tomlx"
)

func num(s string) *tomlx.Scalar { return &tomlx.Scalar{Text: s, Num: d(s), IsNum: true} }
func date(y, m, dd int) *tomlx.Scalar {
	dt := tomlx.Date{Year: y, Month: m, Day: dd}
	return &tomlx.Scalar{Text: dt.String(), Date: dt, IsDate: true}
}
func text(s string) *tomlx.Scalar { return &tomlx.Scalar{Text: s} }

func TestTargetCompletionIsComputed(t *testing.T) {
	cases := []struct {
		cmp           string
		value, actual *tomlx.Scalar
		want          string
	}{
		{"≥", num("2"), num("6.63"), StatusAchieved},
		{"≥", num("95"), num("95"), StatusAchieved},
		{"≥", num("28"), num("27"), StatusMissed},
		{"≤", num("2010"), num("1756.58"), StatusAchieved},
		{"≤", num("2010"), num("2010.01"), StatusMissed},
		{"=", num("100"), num("100.00"), StatusAchieved},
		{"=", num("100"), num("99.99"), StatusMissed},
		{"＞", num("5"), num("5"), StatusMissed},
		{"＜", num("5"), num("4"), StatusAchieved},
		{"", date(2019, 12, 31), date(2019, 12, 31), StatusAchieved},
		{"", date(2019, 12, 31), date(2020, 2, 29), StatusMissed},
		{"", text("完善"), text("完善"), StatusAchieved},
		{"", text("完善"), text("基本完善"), StatusMissed},
		{"≥", num("1"), nil, StatusMissing},
	}
	for i, c := range cases {
		tg := fund.Target{Comparator: c.cmp, Value: *c.value, Actual: c.actual}
		if got := status(&tg); got != c.want {
			t.Errorf("case %d: %s %s vs %v = %s, want %s", i, c.cmp, c.value.Text, c.actual, got, c.want)
		}
	}
}

func TestTargets2019(t *testing.T) {
	r := load2019(t)
	if len(r.Targets) != 14 {
		t.Fatalf("%d targets, want 14", len(r.Targets))
	}
	missed := 0
	for _, tr := range r.Targets {
		if tr.Status == StatusMissed {
			missed++
			if tr.Target.Name != "奖励、补助资金支付完成时限" {
				t.Errorf("unexpected miss: %s", tr.Target.Name)
			}
		}
	}
	if missed != 1 {
		t.Errorf("%d targets missed, want 1 (the payment deadline)", missed)
	}
	first := r.Targets[0].Target
	if first.ValueText() != "≥2%" || first.ActualText() != "6.63%" {
		t.Errorf("first target shows %q / %q", first.ValueText(), first.ActualText())
	}
}
