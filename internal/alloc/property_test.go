package alloc

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"sort"
	"testing"

	"github.com/shopspring/decimal"
)

// gen builds a random valid input: 2–12 cities, either the default factors
// with random weights or 1–3 random factors of 1–3 indicators each,
// coefficients around 1 (sometimes 0), and 元 or 万元 money. singleInd
// restricts every factor to one indicator.
func gen(rng *rand.Rand, singleInd bool) Input {
	var fs []Factor
	if !singleInd && rng.Intn(2) == 0 {
		fs = DefaultFactors()
	} else {
		nf := 1 + rng.Intn(3)
		for f := 0; f < nf; f++ {
			fac := Factor{Key: fmt.Sprint("f", f), Name: fmt.Sprint("因素", f)}
			ni := 1
			if !singleInd {
				ni += rng.Intn(3)
			}
			for m := 0; m < ni; m++ {
				fac.Indicators = append(fac.Indicators, Indicator{Key: fmt.Sprint("f", f, "i", m), Name: fmt.Sprint("指标", f, m)})
			}
			fs = append(fs, fac)
		}
	}
	// Random positive whole-percent weights adding up to 100.
	left := 100
	for f := range fs {
		w := left - (len(fs) - 1 - f)
		if f < len(fs)-1 {
			w = 1 + rng.Intn(left-(len(fs)-f)+1)
		}
		fs[f].Weight = decimal.New(int64(w), -2)
		left -= w
	}

	in := Input{Factors: fs}
	switch rng.Intn(3) {
	case 0:
		in.Unit, in.Quantum, in.Total = UnitYuan, d("1"), decimal.NewFromInt(1+rng.Int63n(10_000_000))
	case 1:
		in.Unit, in.Quantum, in.Total = UnitYuan, d("100"), decimal.NewFromInt(100*(1+rng.Int63n(100_000)))
	default:
		in.Unit, in.Quantum, in.Total = UnitWanYuan, d("0.01"), decimal.New(1+rng.Int63n(1_000_000), -2)
	}
	coef := func(lo int) decimal.Decimal {
		if rng.Intn(25) == 0 {
			return decimal.Zero
		}
		return decimal.New(int64(lo+rng.Intn(41)), -2) // lo/100 … (lo+40)/100
	}
	nc := 2 + rng.Intn(11)
	for i := 0; i < nc; i++ {
		c := City{Name: fmt.Sprint("市", i), Values: map[string]decimal.Decimal{},
			Performance: coef(80), Hardship: coef(90)}
		for _, f := range fs {
			for _, ind := range f.Indicators {
				v := decimal.NewFromInt(int64(rng.Intn(1000)))
				switch rng.Intn(6) {
				case 0:
					v = decimal.Zero
				case 1:
					v = decimal.New(int64(rng.Intn(100000)), -2)
				}
				c.Values[ind.Key] = v
			}
		}
		in.Cities = append(in.Cities, c)
	}
	// Keep it valid: no indicator column or adjusted-score column of 0.
	in.Cities[0].Performance, in.Cities[0].Hardship = d("1"), d("1")
	for _, f := range fs {
		for _, ind := range f.Indicators {
			if in.Cities[0].Values[ind.Key].IsZero() {
				in.Cities[0].Values[ind.Key] = d("1")
			}
		}
	}
	return in
}

func mustAllocate(t *testing.T, in Input) *Result {
	t.Helper()
	res, err := Allocate(in)
	if err != nil {
		t.Fatalf("Allocate: %v", err)
	}
	return res
}

func TestPropertyRounding(t *testing.T) {
	rng := rand.New(rand.NewSource(20240701))
	for n := 0; n < 3000; n++ {
		in := gen(rng, false)
		res := mustAllocate(t, in)
		oracle := refAmounts(t, in)
		sum := decimal.Zero
		shares := new(big.Rat)
		for i, c := range res.Cities {
			if c.Amount.Sign() < 0 {
				t.Fatalf("case %d: %s gets %s", n, c.Name, c.Amount)
			}
			if !c.Amount.Div(in.Quantum).IsInteger() || !c.Amount.Mod(in.Quantum).IsZero() {
				t.Fatalf("case %d: %s gets %s, not a multiple of %s", n, c.Name, c.Amount, in.Quantum)
			}
			if !c.Correction.IsZero() && !c.Correction.Equal(in.Quantum) {
				t.Fatalf("case %d: correction %s", n, c.Correction)
			}
			diff := new(big.Rat).Sub(c.Amount.Rat(), c.Exact.Rat())
			if diff.Abs(diff).Cmp(in.Quantum.Rat()) >= 0 {
				t.Fatalf("case %d: %s amount %s is a quantum or more from %s", n, c.Name, c.Amount, c.Exact.Dec(6))
			}
			if !c.Amount.Equal(oracle[i]) {
				t.Fatalf("case %d: %s amount %s, oracle %s", n, c.Name, c.Amount, oracle[i])
			}
			sum = sum.Add(c.Amount)
			shares.Add(shares, c.Share.Rat())
		}
		if !sum.Equal(in.Total) {
			t.Fatalf("case %d: amounts add up to %s, want %s", n, sum, in.Total)
		}
		if shares.Cmp(big.NewRat(1, 1)) != 0 {
			t.Fatalf("case %d: shares add up to %s", n, shares.RatString())
		}
	}
}

// grow returns in with city i's every indicator value increased by a
// random amount ≥ 0 (at least one strictly).
func grow(rng *rand.Rand, in Input, i int) Input {
	out := in
	out.Cities = append([]City(nil), in.Cities...)
	keys := make([]string, 0, len(in.Cities[i].Values))
	for k := range in.Cities[i].Values {
		keys = append(keys, k)
	}
	sort.Strings(keys) // map order must not steer the seeded generator
	vals := map[string]decimal.Decimal{}
	for _, k := range keys {
		vals[k] = in.Cities[i].Values[k].Add(decimal.NewFromInt(int64(rng.Intn(3) * rng.Intn(200))))
	}
	k := keys[rng.Intn(len(keys))]
	vals[k] = vals[k].Add(d("1")) // strictly larger somewhere
	out.Cities[i].Values = vals
	return out
}

// othersShrank reports whether no other city's exact amount grew, the
// condition under which Hamilton's method is provably monotone.
func othersShrank(a, b *Result, i int) bool {
	for j := range a.Cities {
		if j != i && b.Cities[j].Share.Cmp(a.Cities[j].Share) > 0 {
			return false
		}
	}
	return true
}

// TestPropertyMonotone checks that a city whose indicator values all grow
// never gets a smaller exact share, and never a smaller amount when no
// other city's share grows (see the package documentation). It also
// counts the cases where the proviso fails and the amount does drop.
func TestPropertyMonotone(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	provisoFailed, paradox := 0, 0
	const cases = 3000
	for n := 0; n < cases; n++ {
		in := gen(rng, false)
		i := rng.Intn(len(in.Cities))
		before := mustAllocate(t, in)
		after := mustAllocate(t, grow(rng, in, i))
		b, a := before.Cities[i], after.Cities[i]
		if a.Share.Cmp(b.Share) < 0 {
			t.Fatalf("case %d: %s's share fell from %s to %s", n, b.Name, b.Share.Dec(9), a.Share.Dec(9))
		}
		if othersShrank(before, after, i) {
			if a.Amount.LessThan(b.Amount) {
				t.Fatalf("case %d: %s's amount fell from %s to %s although no rival grew", n, b.Name, b.Amount, a.Amount)
			}
			continue
		}
		provisoFailed++
		if a.Amount.LessThan(b.Amount) {
			paradox++
			t.Logf("case %d: %s's amount fell from %s to %s (exact %s → %s): Hamilton paradox",
				n, b.Name, b.Amount, a.Amount, b.Exact.Dec(6), a.Exact.Dec(6))
		}
	}
	t.Logf("%d cases: a rival's share grew in %d, amount fell in %d", cases, provisoFailed, paradox)
}

// With single-indicator factors every rival's share shrinks, so amounts
// are monotone without exception.
func TestPropertyMonotoneSingleIndicator(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for n := 0; n < 3000; n++ {
		in := gen(rng, true)
		i := rng.Intn(len(in.Cities))
		before := mustAllocate(t, in)
		after := mustAllocate(t, grow(rng, in, i))
		if !othersShrank(before, after, i) {
			t.Fatalf("case %d: a rival's share grew with single-indicator factors", n)
		}
		if b, a := before.Cities[i], after.Cities[i]; a.Amount.LessThan(b.Amount) {
			t.Fatalf("case %d: %s's amount fell from %s to %s", n, b.Name, b.Amount, a.Amount)
		}
	}
}

// TestHamiltonParadox pins down the known limit of the method: with a
// two-indicator factor and very unequal coefficients, growth can cost a
// city one quantum.
//
// Factor 专利运用 (100%), indicators a and b, 7 元, p×h: X 0.1, Y 1, Z 1.
// Before, b: X 3, Z 1 (sum 4); a: Y 1. Raw X 3/4, Y 1, Z 1/4; adjusted
// 3/40, 1, 1/4, sum 53/40; quotas ×7: 21/53 ≈ 0.396, 280/53 ≈ 5.283,
// 70/53 ≈ 1.321. Floors 0+5+1 = 6, the 1 元 left goes to X (0.396).
// After X's b grows to 4 (sum 5): raw 4/5, 1, 1/5; adjusted 2/25, 1, 1/5,
// sum 32/25; quotas 7/16 = 0.4375, 175/32 ≈ 5.469, 35/32 ≈ 1.094. X's quota
// rose, but so did Y's (Z's loss shrank the 第七条 divisor), and Y's
// remainder 0.469 now beats X's 0.4375: X gets 0.
func TestHamiltonParadox(t *testing.T) {
	mk := func(xb string) Input {
		fs := []Factor{{Key: "use", Name: "专利运用", Weight: d("1"),
			Indicators: []Indicator{{Key: "a", Name: "a"}, {Key: "b", Name: "b"}}}}
		v := func(a, b string) map[string]decimal.Decimal {
			return map[string]decimal.Decimal{"a": d(a), "b": d(b)}
		}
		return Input{Total: d("7"), Unit: UnitYuan, Quantum: d("1"), Factors: fs, Cities: []City{
			{Name: "X", Values: v("0", xb), Performance: d("0.1"), Hardship: d("1")},
			{Name: "Y", Values: v("1", "0"), Performance: d("1"), Hardship: d("1")},
			{Name: "Z", Values: v("0", "1"), Performance: d("1"), Hardship: d("1")},
		}}
	}
	before, after := mustAllocate(t, mk("3")), mustAllocate(t, mk("4"))
	wantExact(t, "X exact before", before.Cities[0].Exact, "21/53")
	wantExact(t, "X exact after", after.Cities[0].Exact, "7/16")
	wantExact(t, "Y exact after", after.Cities[1].Exact, "175/32")
	got := func(r *Result) []string {
		return []string{r.Cities[0].Amount.String(), r.Cities[1].Amount.String(), r.Cities[2].Amount.String()}
	}
	sameStrings(t, "before", got(before), []string{"1", "5", "1"})
	sameStrings(t, "after", got(after), []string{"0", "6", "1"})
}

func TestProblemsIsError(t *testing.T) {
	_, err := Allocate(Input{})
	var ps Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error %v is not Problems", err)
	}
}
