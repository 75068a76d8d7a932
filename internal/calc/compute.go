package calc

import (
	"github.com/shopspring/decimal"

	"ipfund/internal/fund"
)

// Compute derives every figure of a validated year. It assumes fund.Validate
// found no errors: budgets are positive, rules exist, plans are non-zero.
func Compute(y *fund.Year) *Result {
	f := y.Fund
	r := &Result{
		Year:     y,
		Budget:   f.Budget(),
		Spending: f.Spending,
		Unspent:  f.Budget().Sub(f.Spending),
		Total:    decimal.Zero,
	}
	r.ExecutionRate = Percent(f.Spending, r.Budget)
	for i := range y.Subprojects {
		r.Subprojects = append(r.Subprojects, computeSub(y, &y.Subprojects[i], r.Budget))
	}
	sc := &y.Scoring
	for ci := range sc.Categories {
		c := &sc.Categories[ci]
		ct := CategoryTotal{Category: c, Group: groupOf(sc, c.Group), Points: c.Points}
		if c.Rule != "" {
			// The report scores the fund's own execution rate here, not the
			// weighted sub-project rates (四、（一）: 1756.58/2010 → 8.74).
			ct.Score = RatioScore(f.Spending, r.Budget, c.Points, sc.ScoreFrom)
			r.ExecutionScore, r.ExecutionPoints = ct.Score, c.Points
		} else {
			ct.Score = decimal.Zero
			for _, s := range r.Subprojects {
				ct.Score = ct.Score.Add(s.Categories[ci].Weighted)
			}
		}
		r.Categories = append(r.Categories, ct)
		r.Total = r.Total.Add(ct.Score)
	}
	r.Grade = GradeOf(sc.Grades, r.Total)
	r.Targets = Targets(y.Targets)
	r.SelfEval = SelfEval(y, r.Budget, r.Spending)
	return r
}

func groupOf(sc *fund.Scoring, name string) *fund.Group {
	for i := range sc.Groups {
		if sc.Groups[i].Name == name {
			return &sc.Groups[i]
		}
	}
	return nil
}

func computeSub(y *fund.Year, sp *fund.Subproject, fundBudget decimal.Decimal) Sub {
	s := Sub{
		Sub:       sp,
		Budget:    sp.Budget(),
		Arrived:   sp.Arrived,
		Spending:  sp.Spending,
		Balance:   sp.Arrived.Sub(sp.Spending),
		Unspent:   sp.Budget().Sub(sp.Spending),
		WeightNum: sp.Budget(),
		WeightDen: fundBudget,
		Total:     decimal.Zero,
	}
	s.ExecutionRate = Percent(sp.Spending, s.Budget)
	s.WeightPercent = Percent(s.Budget, fundBudget)
	sc := &y.Scoring
	for ci := range sc.Categories {
		c := &sc.Categories[ci]
		cat := SubCategory{Category: c, Points: c.Points, Score: decimal.Zero}
		switch {
		case c.Rule != "":
			rule, _ := sc.RuleByKey(c.Rule)
			auto := &fund.Indicator{Name: rule.Name, Standard: c.Standard, Points: &c.Points, Rule: c.Rule}
			cat.Auto = true
			cat.Indicators = []IndicatorScore{scoreIndicator(sc, sp, auto)}
		case c.Shared != nil:
			cat.Shared = true
			cat.Indicators = []IndicatorScore{scoreIndicator(sc, sp, c.Shared)}
		default:
			for ii := range sp.Indicators {
				if ind := &sp.Indicators[ii]; ind.Category == c.Key {
					cat.Indicators = append(cat.Indicators, scoreIndicator(sc, sp, ind))
				}
			}
		}
		for _, is := range cat.Indicators {
			cat.Score = cat.Score.Add(is.Score)
		}
		cat.Weighted = Quo(cat.Score.Mul(s.WeightNum), s.WeightDen, 2)
		s.Categories = append(s.Categories, cat)
		s.Total = s.Total.Add(cat.Score)
	}
	return s
}

func scoreIndicator(sc *fund.Scoring, sp *fund.Subproject, ind *fund.Indicator) IndicatorScore {
	is := IndicatorScore{Indicator: ind, Points: ind.TotalPoints(), Score: decimal.Zero}
	if len(ind.Parts) == 0 {
		is.Items = []ItemScore{scoreItem(sc, sp, ind)}
	} else {
		for i := range ind.Parts {
			is.Items = append(is.Items, scoreItem(sc, sp, &ind.Parts[i]))
		}
	}
	for _, it := range is.Items {
		is.Score = is.Score.Add(it.Score)
	}
	return is
}

func scoreItem(sc *fund.Scoring, sp *fund.Subproject, it *fund.Indicator) ItemScore {
	out := ItemScore{Item: it, Points: *it.Points, Text: it.Expand()}
	if it.Score != nil {
		out.Score = *it.Score
		return out
	}
	rule, _ := sc.RuleByKey(it.Rule)
	out.Rule = &rule
	// Rules measure spending against the budget unless the item names its
	// own plan and actual.
	out.Plan, out.Actual = sp.Budget(), sp.Spending
	if it.Plan != nil {
		out.Plan = *it.Plan
	}
	if it.Actual != nil {
		out.Actual = *it.Actual
	}
	switch rule.Kind {
	case fund.KindRatio:
		out.Rate = Percent(out.Actual, out.Plan)
		out.Score = RatioScore(out.Actual, out.Plan, out.Points, sc.ScoreFrom)
	case fund.KindVariance:
		out.Variance = Percent(out.Plan.Sub(out.Actual).Abs(), out.Plan)
		out.Band = BandOf(rule.Bands, out.Variance)
		out.Score = rule.Bands[out.Band].Score
	}
	return out
}

// Percent is part/whole in percent, rounded to 2 places.
func Percent(part, whole decimal.Decimal) decimal.Decimal {
	return Quo(part.Mul(hundred), whole, 2)
}

// RatioScore is a ratio rule's score: full points when the plan is met or
// exceeded, else by the scoring system's rule (fund.Scoring.ScoreFrom):
//
//   - fund.ScoreFromRoundedRate: the rate as printed (percent, rounded to 2
//     places) × points, rounded to 2 places: 86.65% × 10 = 8.665 → 8.67;
//   - fund.ScoreFromExact: actual/plan × points rounded once to 2 places:
//     1741.66/2010 × 10 = 8.6649… → 8.66.
func RatioScore(actual, plan, points decimal.Decimal, from string) decimal.Decimal {
	if actual.GreaterThanOrEqual(plan) {
		return points
	}
	if from == fund.ScoreFromExact {
		return Quo(actual.Mul(points), plan, 2)
	}
	return Quo(Percent(actual, plan).Mul(points), hundred, 2)
}

// BandOf returns the index of the first band whose upper bound the
// percentage does not exceed; the last band takes everything above.
func BandOf(bands []fund.Band, pct decimal.Decimal) int {
	for i, b := range bands {
		if b.Max == nil || pct.LessThanOrEqual(*b.Max) {
			return i
		}
	}
	return len(bands) - 1
}

// GradeOf returns the first grade (highest first) whose lower bound the
// total reaches.
func GradeOf(grades []fund.Grade, total decimal.Decimal) string {
	for _, g := range grades {
		if total.GreaterThanOrEqual(g.Min) {
			return g.Name
		}
	}
	return ""
}
