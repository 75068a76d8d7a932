package alloc

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Exact is an exact rational number. The zero value is 0. An Exact never
// changes once built: no method modifies it and Rat returns a copy, so
// results can be shared freely.
type Exact struct{ r *big.Rat }

// exact wraps r, which the caller must not modify afterwards.
func exact(r *big.Rat) Exact { return Exact{r} }

func (e Exact) rat() *big.Rat {
	if e.r == nil {
		return new(big.Rat)
	}
	return e.r
}

// Rat returns a copy of the value.
func (e Exact) Rat() *big.Rat { return new(big.Rat).Set(e.rat()) }

// Sign returns -1, 0 or +1.
func (e Exact) Sign() int { return e.rat().Sign() }

// Cmp compares e and o like big.Rat.Cmp.
func (e Exact) Cmp(o Exact) int { return e.rat().Cmp(o.rat()) }

// String returns the value as a reduced fraction such as "3/7" or "2".
func (e Exact) String() string { return e.rat().RatString() }

// Dec returns the value rounded half away from zero ("四舍五入") to places
// decimal places, for display. Sums of rounded views need not add up; use
// the exact values for arithmetic.
func (e Exact) Dec(places int32) decimal.Decimal { return roundHalfUp(e.rat(), places) }

// Percent returns the value × 100 rounded half away from zero to places
// decimal places, e.g. 0.123456 → 12.35 for places 2.
func (e Exact) Percent(places int32) decimal.Decimal {
	return roundHalfUp(new(big.Rat).Mul(e.rat(), big.NewRat(100, 1)), places)
}

// roundHalfUp rounds r to places decimal places, halves away from zero.
// It is done here rather than with decimal.NewFromBigRat so that the
// rule shown to staff is the one this package states and tests.
func roundHalfUp(r *big.Rat, places int32) decimal.Decimal {
	num := new(big.Int).Abs(r.Num())
	den := new(big.Int).Set(r.Denom())
	if places >= 0 {
		num.Mul(num, pow10(places))
	} else {
		den.Mul(den, pow10(-places))
	}
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -places)
}

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// ratOf converts a decimal to an exact rational.
func ratOf(d decimal.Decimal) *big.Rat { return d.Rat() }
