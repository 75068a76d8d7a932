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

// Targets compares each target's actual value with its target value (see
// fund.Target.Met).
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
	switch {
	case t.Actual == nil:
		return StatusMissing
	case t.Met():
		return StatusAchieved
	}
	return StatusMissed
}
