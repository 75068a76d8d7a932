package calc

import (
	"ipfund/internal/fund"
)

// Target statuses shown in the 完成情况 column.
const (
	StatusAchieved = "已完成"
	StatusMissed   = "未完成"
	StatusMissing  = "未填写"
)

// TargetResult is one row of the target table with its completion.
type TargetResult struct {
	Target *fund.Target
	Status string
}

// Targets compares each target's actual value with its target value:
// numbers by the comparator, a deadline by date (done on or before it), a
// qualitative value by equal wording.
func Targets(ts *fund.Targets) []TargetResult {
	if ts == nil {
		return nil
	}
	out := make([]TargetResult, len(ts.Indicators))
	for i := range ts.Indicators {
		t := &ts.Indicators[i]
		out[i] = TargetResult{Target: t, Status: status(t)}
	}
	return out
}

func status(t *fund.Target) string {
	if t.Actual == nil {
		return StatusMissing
	}
	a, v := *t.Actual, t.Value
	var ok bool
	switch {
	case v.IsNum && a.IsNum:
		c := a.Num.Cmp(v.Num)
		switch t.Comparator {
		case "≥":
			ok = c >= 0
		case "≤":
			ok = c <= 0
		case "=":
			ok = c == 0
		case "＞":
			ok = c > 0
		case "＜":
			ok = c < 0
		}
	case v.IsDate && a.IsDate:
		ok = !v.Date.Before(a.Date)
	default:
		ok = a.Text == v.Text
	}
	if ok {
		return StatusAchieved
	}
	return StatusMissed
}
