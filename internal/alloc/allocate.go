package alloc

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Allocate computes every city's share of in.Total under 第七条–第八条 and
// rounds it to whole quanta by the largest-remainder method (see the
// package documentation). It returns Problems, listing every defect found,
// when in is not valid; the result is then nil.
func Allocate(in Input) (*Result, error) {
	c := validate(in)
	nf, nc := len(in.Factors), len(in.Cities)

	// 第八条 divides by each indicator's column sum. Decimal addition is
	// exact, and cheaper than big.Rat for it.
	indSums := make([][]decimal.Decimal, nf)
	indSumRats := make([][]*big.Rat, nf)
	usable := make([]bool, nf) // raw scores of factor f can be computed
	for f, fac := range in.Factors {
		indSums[f] = make([]decimal.Decimal, len(fac.Indicators))
		indSumRats[f] = make([]*big.Rat, len(fac.Indicators))
		usable[f] = nc > 0 && len(fac.Indicators) > 0
		for m, ind := range fac.Indicators {
			if !c.clean[f][m] {
				usable[f] = false
				continue
			}
			s := decimal.Zero
			for _, city := range in.Cities {
				s = s.Add(city.Values[ind.Key])
			}
			indSums[f][m], indSumRats[f][m] = s, ratOf(s)
			if nc > 0 && s.IsZero() {
				c.zeroIndicatorSum(in, f, m)
				usable[f] = false
			}
		}
	}

	// Indicator shares, raw and adjusted scores, and the 第七条 divisor.
	coefs := make([]*big.Rat, nc)
	for i, city := range in.Cities {
		coefs[i] = ratOf(city.Performance.Mul(city.Hardship))
	}
	cities := make([]CityResult, nc)
	for i, city := range in.Cities {
		cities[i] = CityResult{
			Index: i, Name: city.Name,
			Performance: city.Performance, Hardship: city.Hardship,
			Coefficient: exact(coefs[i]),
			Evaluation:  city.Evaluation,
			Factors:     make([]CityFactor, nf),
		}
	}
	adjSums := make([]*big.Rat, nf)
	rawSums := make([]*big.Rat, nf)
	for f, fac := range in.Factors {
		if !usable[f] {
			continue
		}
		rawSums[f], adjSums[f] = new(big.Rat), new(big.Rat)
		for i, city := range in.Cities {
			cf := CityFactor{Key: fac.Key, Indicators: make([]CityIndicator, len(fac.Indicators))}
			raw := new(big.Rat)
			for m, ind := range fac.Indicators {
				v := city.Values[ind.Key]
				share := new(big.Rat).Quo(ratOf(v), indSumRats[f][m])
				raw.Add(raw, share)
				cf.Indicators[m] = CityIndicator{Key: ind.Key, Value: v, Share: exact(share)}
			}
			adj := new(big.Rat).Mul(raw, coefs[i])
			rawSums[f].Add(rawSums[f], raw)
			adjSums[f].Add(adjSums[f], adj)
			cf.Raw, cf.Adjusted = exact(raw), exact(adj)
			cities[i].Factors[f] = cf
		}
		if c.coefsOK && adjSums[f].Sign() == 0 {
			c.zeroAdjustedSum(in, f)
		}
	}
	if len(c.probs) > 0 {
		return nil, c.probs
	}

	// 第七条: weight each factor's ratio and add them up.
	total := ratOf(in.Total)
	factors := make([]FactorTotal, nf)
	for f, fac := range in.Factors {
		w := ratOf(fac.Weight)
		weightedSum := new(big.Rat)
		for i := range cities {
			cf := &cities[i].Factors[f]
			ratio := new(big.Rat).Quo(cf.Adjusted.rat(), adjSums[f])
			weighted := new(big.Rat).Mul(ratio, w)
			weightedSum.Add(weightedSum, weighted)
			cf.Ratio, cf.Weighted = exact(ratio), exact(weighted)
			cf.Amount = exact(new(big.Rat).Mul(weighted, total))
		}
		factors[f] = FactorTotal{
			Key: fac.Key, Name: fac.Name, Weight: fac.Weight,
			Indicators:    append([]Indicator(nil), fac.Indicators...),
			IndicatorSums: indSums[f],
			RawSum:        exact(rawSums[f]),
			AdjustedSum:   exact(adjSums[f]),
			WeightedSum:   exact(weightedSum),
			Amount:        exact(new(big.Rat).Mul(w, total)),
		}
	}

	n := new(big.Rat).Quo(total, ratOf(in.Quantum)).Num() // validated: an integer
	nRat := new(big.Rat).SetInt(n)
	quotas := make([]*big.Rat, nc)
	shareSum, exactSum := new(big.Rat), new(big.Rat)
	for i := range cities {
		share := new(big.Rat)
		for f := range cities[i].Factors {
			share.Add(share, cities[i].Factors[f].Weighted.rat())
		}
		amount := new(big.Rat).Mul(share, total)
		shareSum.Add(shareSum, share)
		exactSum.Add(exactSum, amount)
		cities[i].Share, cities[i].Exact = exact(share), exact(amount)
		quotas[i] = new(big.Rat).Mul(share, nRat)
	}

	h := hamilton(quotas, n)
	res := &Result{
		Total: in.Total, Unit: in.Unit, Quantum: in.Quantum,
		Quanta:     decimal.NewFromBigInt(n, 0),
		Factors:    factors,
		Cities:     cities,
		ShareSum:   exact(shareSum),
		ExactSum:   exact(exactSum),
		AmountSum:  decimal.Zero,
		FloorTotal: decimal.Zero,
		Leftover:   h.leftover,
		Evaluation: in.Evaluation,
	}
	for i := range cities {
		cr := &cities[i]
		cr.Floor = decimal.NewFromBigInt(h.floors[i], 0).Mul(in.Quantum)
		cr.Remainder = exact(h.rems[i])
		cr.Rank = h.ranks[i]
		cr.Correction = decimal.Zero
		if h.bonus[i] {
			cr.Correction = in.Quantum
		}
		cr.Amount = cr.Floor.Add(cr.Correction)
		res.AmountSum = res.AmountSum.Add(cr.Amount)
		res.FloorTotal = res.FloorTotal.Add(cr.Floor)
	}
	return res, nil
}
