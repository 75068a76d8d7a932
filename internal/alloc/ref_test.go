package alloc

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// refShares is a deliberately plain re-statement of 第七条–第八条 used as an
// oracle: it shares no code with Allocate and converts decimals through
// their strings, so a slip in either is caught by the comparison.
func refShares(t testing.TB, in Input) []*big.Rat {
	t.Helper()
	r := func(d decimal.Decimal) *big.Rat {
		x, ok := new(big.Rat).SetString(d.String())
		if !ok {
			t.Fatalf("bad decimal %s", d)
		}
		return x
	}
	shares := make([]*big.Rat, len(in.Cities))
	for i := range shares {
		shares[i] = new(big.Rat)
	}
	for _, f := range in.Factors {
		adj := make([]*big.Rat, len(in.Cities))
		adjSum := new(big.Rat)
		for i, c := range in.Cities {
			score := new(big.Rat)
			for _, ind := range f.Indicators {
				sum := new(big.Rat)
				for _, o := range in.Cities {
					sum.Add(sum, r(o.Values[ind.Key]))
				}
				score.Add(score, new(big.Rat).Quo(r(c.Values[ind.Key]), sum))
			}
			score.Mul(score, r(c.Performance))
			score.Mul(score, r(c.Hardship))
			adj[i] = score
			adjSum.Add(adjSum, score)
		}
		for i := range in.Cities {
			part := new(big.Rat).Quo(adj[i], adjSum)
			shares[i].Add(shares[i], part.Mul(part, r(f.Weight)))
		}
	}
	return shares
}

// refAmounts rounds by handing out leftover quanta one at a time to the
// city with the largest remaining fraction (first such city on ties),
// which is Hamilton's method written the slow way.
func refAmounts(t testing.TB, in Input) []decimal.Decimal {
	t.Helper()
	shares := refShares(t, in)
	n := new(big.Rat).Quo(in.Total.Rat(), in.Quantum.Rat())
	if !n.IsInt() {
		t.Fatalf("total not a multiple of the quantum")
	}
	got := make([]*big.Int, len(shares))
	frac := make([]*big.Rat, len(shares))
	left := new(big.Int).Set(n.Num())
	for i, s := range shares {
		q := new(big.Rat).Mul(s, n)
		got[i] = new(big.Int).Div(q.Num(), q.Denom()) // q ≥ 0, so Div is floor
		frac[i] = new(big.Rat).Sub(q, new(big.Rat).SetInt(got[i]))
		left.Sub(left, got[i])
	}
	for ; left.Sign() > 0; left.Sub(left, big.NewInt(1)) {
		best := -1
		for i := range frac {
			if frac[i] != nil && (best < 0 || frac[i].Cmp(frac[best]) > 0) {
				best = i
			}
		}
		got[best].Add(got[best], big.NewInt(1))
		frac[best] = nil // at most one extra quantum per city
	}
	out := make([]decimal.Decimal, len(got))
	for i, g := range got {
		out[i] = decimal.NewFromBigInt(g, 0).Mul(in.Quantum)
	}
	return out
}
