package calc

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Quo returns num/den rounded half away from zero (四舍五入) to places
// decimals, computed exactly. Shares like 1558/2010 do not terminate in
// decimal, so dividing first and rounding a 16-digit approximation could, in
// rare cases, land on the wrong side of a half; integer arithmetic cannot.
// den must not be zero.
func Quo(num, den decimal.Decimal, places int32) decimal.Decimal {
	// num/den × 10^places = a·10^ea / (b·10^eb) × 10^places
	a, ea := num.Coefficient(), num.Exponent()
	b, eb := den.Coefficient(), den.Exponent()
	k := int64(ea) - int64(eb) + int64(places)
	n, d := new(big.Int).Set(a), new(big.Int).Set(b)
	if k >= 0 {
		n.Mul(n, pow10(k))
	} else {
		d.Mul(d, pow10(-k))
	}
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	// Round half away from zero: compare 2|r| with |d|.
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(new(big.Int).Abs(d)) >= 0 {
		if n.Sign()*d.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(q, -places)
}

func pow10(k int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil)
}

var hundred = decimal.NewFromInt(100)
