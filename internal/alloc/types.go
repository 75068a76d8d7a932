package alloc

import "github.com/shopspring/decimal"

// Money units accepted in Input.Unit.
const (
	UnitYuan    = "元"
	UnitWanYuan = "万元"
)

// Indicator is one measured quantity of a factor, e.g. 专利转让和许可次数.
type Indicator struct {
	Key  string // identifies the value in City.Values; unique across all factors
	Name string // shown to people, e.g. "专利转让和许可次数"
	Unit string // e.g. "次", "万元", "件"
}

// Factor is one allocation factor of 第七条 with its weight and the
// indicators whose shares add up to its raw score (第八条).
type Factor struct {
	Key        string
	Name       string
	Weight     decimal.Decimal // a fraction: 0.40 for 40%
	Indicators []Indicator
}

// City is one recipient (设区市 or 赣江新区) with its indicator values and
// the two coefficients that scale every factor score.
type City struct {
	Name        string
	Values      map[string]decimal.Decimal // by Indicator.Key
	Performance decimal.Decimal            // 绩效调节系数
	Hardship    decimal.Decimal            // 财政困难程度系数
	// Evaluation is the city's evaluation result when Performance was
	// derived from it (nil when the coefficients are typed in).
	Evaluation *CityEvaluation
}

// Input is everything Allocate needs.
type Input struct {
	Total   decimal.Decimal // 因素法分配专项资金总额, in Unit
	Unit    string          // UnitYuan or UnitWanYuan
	Quantum decimal.Decimal // smallest amount paid, in Unit: 1 for 元, 0.01 for 万元
	Factors []Factor
	Cities  []City
	// Evaluation is the rule that gave the cities' Performance, nil when
	// the coefficients are typed in. Allocate only passes it on.
	Evaluation *Evaluation
}

// Result shows the whole working of an allocation, in input order.
type Result struct {
	Total   decimal.Decimal
	Unit    string
	Quantum decimal.Decimal
	Quanta  decimal.Decimal // Total / Quantum, the number of quanta distributed (an integer)

	Factors []FactorTotal // one per Input.Factors
	Cities  []CityResult  // one per Input.Cities
	// Evaluation is Input.Evaluation: how the 绩效调节系数 were derived.
	Evaluation *Evaluation

	ShareSum   Exact           // Σ share_i; always exactly 1
	ExactSum   Exact           // Σ exact_i; always exactly Total
	AmountSum  decimal.Decimal // Σ rounded amounts; always exactly Total
	Leftover   int             // quanta handed out as corrections (R < number of cities)
	FloorTotal decimal.Decimal // Σ floor amounts = Total − Leftover × Quantum
}

// FactorTotal holds the column sums of one factor over all cities.
type FactorTotal struct {
	Key    string
	Name   string
	Weight decimal.Decimal

	// IndicatorSums[m] is Σ_k v_km for Indicators[m], the divisor of 第八条.
	Indicators    []Indicator
	IndicatorSums []decimal.Decimal

	RawSum      Exact // Σ raw scores = number of indicators
	AdjustedSum Exact // Σ adjusted scores, the divisor of 第七条
	WeightedSum Exact // Σ weighted contributions = Weight
	Amount      Exact // Weight × Total, the money this factor distributes
}

// CityResult is one city's line of the allocation table.
type CityResult struct {
	Index       int // position in Input.Cities
	Name        string
	Performance decimal.Decimal
	Hardship    decimal.Decimal
	Coefficient Exact // Performance × Hardship
	// Evaluation is City.Evaluation: the result Performance came from.
	Evaluation *CityEvaluation

	Factors []CityFactor // one per Input.Factors

	Share Exact // Σ_f Weight_f × ratio_f; the city's fraction of Total
	Exact Exact // Share × Total, unrounded, in Unit

	Floor      decimal.Decimal // floor(Exact / Quantum) × Quantum
	Remainder  Exact           // Exact/Quantum − floor, in quanta, in [0, 1)
	Rank       int             // 1-based place in the remainder order (ties: input order)
	Correction decimal.Decimal // 0 or Quantum: the leftover quantum this city received
	Amount     decimal.Decimal // Floor + Correction: the money paid
}

// CityFactor is one city's working for one factor.
type CityFactor struct {
	Key        string
	Indicators []CityIndicator // one per Factor.Indicators

	Raw      Exact // Σ indicator shares (第八条 before coefficients)
	Adjusted Exact // Raw × Performance × Hardship
	Ratio    Exact // Adjusted / FactorTotal.AdjustedSum
	Weighted Exact // Ratio × Weight, the factor's part of Share
	Amount   Exact // Weighted × Total, the factor's part of Exact
}

// CityIndicator is one city's value of one indicator and its share.
type CityIndicator struct {
	Key   string
	Value decimal.Decimal
	Share Exact // Value / FactorTotal.IndicatorSums[m]
}
