// Package calc computes every figure of a year's evaluation from the data:
// execution rates, weights, indicator scores, weighted category scores, the
// total and the grade. Its functions are pure and use exact decimals,
// rounding half away from zero (四舍五入) to 2 places at exactly the points
// the report shows a rounded figure:
//
//   - an execution rate (or any ratio rule's rate) is shown as a
//     percentage rounded to 2 places; its score is, as scoring.toml's
//     score_from declares, that printed rate × points rounded to 2 places
//     (rounded_rate, the default: a reader can redo it from the printed
//     rate) or the exact ratio × points rounded once (exact: the documents
//     then print the fraction);
//   - a sub-project's weight is its budget's exact share of the fund's
//     budget; the percentage shown is that share rounded, but every weighted
//     score uses the exact share: round(score × budget_i / budget, 2);
//   - a category's fund-level score is the sum of those rounded parts, and
//     the total is the sum of the category scores;
//   - a cost variance is compared with its bands as the rounded percentage
//     the report prints, so that the printed comparison always reads true.
package calc

import (
	"github.com/shopspring/decimal"

	"ipfund/internal/fund"
)

// Result is every computed figure of a year.
type Result struct {
	Year *fund.Year
	// Budget is the fund's budget (预算总额), Spending its spending.
	Budget, Spending decimal.Decimal
	// Unspent is Budget − Spending.
	Unspent decimal.Decimal
	// ExecutionRate is the fund's execution rate in percent, 2 places.
	ExecutionRate decimal.Decimal
	// ExecutionScore is the fund-level score of the execution-rate
	// category, out of ExecutionPoints.
	ExecutionScore, ExecutionPoints decimal.Decimal
	Subprojects                     []Sub
	// Categories are the fund-level category scores, in scoring order.
	Categories []CategoryTotal
	// Total is the sum of the category scores (综合权重评价得分).
	Total decimal.Decimal
	Grade string
	// Targets is the target table's rows with their completion (nil when
	// the year has no target table).
	Targets []TargetResult
	// SelfEval is the self-evaluation form (nil when the year has none).
	SelfEval *SelfEvalResult
}

// Sub is the figures of one sub-project.
type Sub struct {
	Sub *fund.Subproject
	// Budget, Arrived and Spending as in the data; Balance = Arrived −
	// Spending (结余); Unspent = Budget − Spending.
	Budget, Arrived, Spending, Balance, Unspent decimal.Decimal
	// ExecutionRate in percent, 2 places.
	ExecutionRate decimal.Decimal
	// WeightNum/WeightDen is the exact weight (budget share); WeightPercent
	// shows it rounded to 2 places.
	WeightNum, WeightDen decimal.Decimal
	WeightPercent        decimal.Decimal
	Categories           []SubCategory // in scoring order
	// Total is the sub-project's own score: the sum of its category scores.
	Total decimal.Decimal
}

// SubCategory is a sub-project's score in one category.
type SubCategory struct {
	Category *fund.Category
	Points   decimal.Decimal
	// Score is the sum of the sub-project's indicator scores in the category.
	Score decimal.Decimal
	// Weighted is Score × weight rounded to 2 places (按项目权重比例得分).
	Weighted   decimal.Decimal
	Indicators []IndicatorScore
	// Shared is set when the category's one indicator is common to all
	// sub-projects; Auto when it is scored by the category's rule.
	Shared, Auto bool
}

// CategoryTotal is a category's fund-level score.
type CategoryTotal struct {
	Category *fund.Category
	Group    *fund.Group
	Points   decimal.Decimal
	Score    decimal.Decimal
}

// IndicatorScore is one indicator's score, with its parts.
type IndicatorScore struct {
	Indicator *fund.Indicator
	Points    decimal.Decimal
	Score     decimal.Decimal
	Items     []ItemScore // the parts, or the indicator itself
}

// ItemScore is how one scored item got its score.
type ItemScore struct {
	Item   *fund.Indicator
	Points decimal.Decimal
	Score  decimal.Decimal
	// Text is the item's text with {计划}/{实际} filled in.
	Text string
	// Rule is the scoring rule, nil for a judgement score.
	Rule *fund.Rule
	// Plan and Actual are the figures the rule used; Rate is Actual/Plan
	// in percent, 2 places (ratio rules only).
	Plan, Actual decimal.Decimal
	Rate         decimal.Decimal
	// Variance is |Plan − Actual| / Plan in percent, 2 places, and Band the
	// index of the band it fell in (variance rules only).
	Variance decimal.Decimal
	Band     int
}

// Category returns the fund-level total of a category by key.
func (r *Result) Category(key string) (CategoryTotal, bool) {
	for _, c := range r.Categories {
		if c.Category.Key == key {
			return c, true
		}
	}
	return CategoryTotal{}, false
}

// Category returns the sub-project's score in a category by key.
func (s *Sub) Category(key string) (SubCategory, bool) {
	for _, c := range s.Categories {
		if c.Category.Key == key {
			return c, true
		}
	}
	return SubCategory{}, false
}
