package alloc

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rat %q", s)
	}
	return r
}

func wantExact(t *testing.T, what string, got Exact, want string) {
	t.Helper()
	if got.Rat().Cmp(rat(t, want)) != 0 {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func wantDec(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func vals(transfers, pledge, inventions, cases, keywork string) map[string]decimal.Decimal {
	return map[string]decimal.Decimal{"transfers": d(transfers), "pledge": d(pledge),
		"inventions": d(inventions), "cases": d(cases), "keywork": d(keywork)}
}

// handInput is the three-city case worked out in TestAllocateByHand.
func handInput() Input {
	return Input{
		Total: d("100000"), Unit: UnitYuan, Quantum: d("1"),
		Factors: DefaultFactors(),
		Cities: []City{
			{Name: "A", Values: vals("2", "100", "3", "1", "1"), Performance: d("0.8"), Hardship: d("1.25")},
			{Name: "B", Values: vals("1", "300", "1", "1", "1"), Performance: d("1"), Hardship: d("1")},
			{Name: "C", Values: vals("1", "100", "1", "2", "1"), Performance: d("1.2"), Hardship: d("1.25")},
		},
	}
}

// Three cities, the default factors, 100 000 元, worked by hand:
//
//	        transfers pledge inventions cases keywork  p×h
//	A           2      100       3        1      1     0.8×1.25 = 1
//	B           1      300       1        1      1     1×1      = 1
//	C           1      100       1        2      1     1.2×1.25 = 3/2
//	sum         4      500       5        4      3
//
// 专利运用 (40%): raw A = 2/4+100/500 = 7/10, B = 1/4+3/5 = 17/20,
// C = 1/4+1/5 = 9/20 (raw sum 2); adjusted A 7/10, B 17/20, C 27/40,
// sum 89/40; ratios 28/89, 34/89, 27/89; weighted ×2/5: 56/445, 68/445,
// 54/445.
// 专利创造 (16%): raw 3/5, 1/5, 1/5; adjusted 3/5, 1/5, 3/10, sum 11/10;
// ratios 6/11, 2/11, 3/11; weighted ×4/25: 24/275, 8/275, 12/275.
// 专利执法 (24%): raw 1/4, 1/4, 1/2; adjusted 1/4, 1/4, 3/4, sum 5/4;
// ratios 1/5, 1/5, 3/5; weighted ×6/25: 6/125, 6/125, 18/125.
// 重点工作 (20%): raw 1/3 each; adjusted 1/3, 1/3, 1/2, sum 7/6;
// ratios 2/7, 2/7, 3/7; weighted ×1/5: 2/35, 2/35, 3/35.
//
// Shares over the common denominator 5³·7·11·89 = 856625:
//
//	A = 56/445+24/275+6/125+2/35  = (107800+74760+41118+48950)/856625 = 272628/856625
//	B = 68/445+8/275+6/125+2/35   = (130900+24920+41118+48950)/856625 = 245888/856625
//	C = 54/445+12/275+18/125+3/35 = (103950+37380+123354+73425)/856625 = 338109/856625
//
// and 272628+245888+338109 = 856625, so they add up to 1. Amounts ×100000
// (856625 = 125·6853, so the denominator becomes 6853):
//
//	A = 218102400/6853 = 31825 + 5675/6853 ≈ 31825.828
//	B = 196710400/6853 = 28704 + 1888/6853 ≈ 28704.275
//	C = 270487200/6853 = 39469 + 6143/6853 ≈ 39469.896
//
// Floors add up to 99998, so 2 元 are left over; they go to the two largest
// remainders, C (6143) then A (5675): A 31826, B 28704, C 39470.
func TestAllocateByHand(t *testing.T) {
	res, err := Allocate(handInput())
	if err != nil {
		t.Fatal(err)
	}

	// Column sums.
	wantFactors := []struct {
		indSums                        []string
		rawSum, adjSum, weighted, amnt string
	}{
		{[]string{"4", "500"}, "2", "89/40", "2/5", "40000"},
		{[]string{"5"}, "1", "11/10", "4/25", "16000"},
		{[]string{"4"}, "1", "5/4", "6/25", "24000"},
		{[]string{"3"}, "1", "7/6", "1/5", "20000"},
	}
	for f, w := range wantFactors {
		ft := res.Factors[f]
		for m, s := range w.indSums {
			wantDec(t, ft.Name+" indicator sum", ft.IndicatorSums[m], s)
		}
		wantExact(t, ft.Name+" raw sum", ft.RawSum, w.rawSum)
		wantExact(t, ft.Name+" adjusted sum", ft.AdjustedSum, w.adjSum)
		wantExact(t, ft.Name+" weighted sum", ft.WeightedSum, w.weighted)
		wantExact(t, ft.Name+" amount", ft.Amount, w.amnt)
	}

	// Per city and factor: indicator shares, raw, adjusted, ratio, weighted.
	type fw struct {
		shares                         []string
		raw, adj, ratio, weighted, amt string
	}
	want := []struct {
		coef                string
		factors             []fw
		share, exact, floor string
		rem                 string
		rank                int
		correction, amount  string
	}{
		{"1", []fw{
			{[]string{"1/2", "1/5"}, "7/10", "7/10", "28/89", "56/445", "1120000/89"},
			{[]string{"3/5"}, "3/5", "3/5", "6/11", "24/275", "96000/11"},
			{[]string{"1/4"}, "1/4", "1/4", "1/5", "6/125", "4800"},
			{[]string{"1/3"}, "1/3", "1/3", "2/7", "2/35", "40000/7"},
		}, "272628/856625", "218102400/6853", "31825", "5675/6853", 2, "1", "31826"},
		{"1", []fw{
			{[]string{"1/4", "3/5"}, "17/20", "17/20", "34/89", "68/445", "1360000/89"},
			{[]string{"1/5"}, "1/5", "1/5", "2/11", "8/275", "32000/11"},
			{[]string{"1/4"}, "1/4", "1/4", "1/5", "6/125", "4800"},
			{[]string{"1/3"}, "1/3", "1/3", "2/7", "2/35", "40000/7"},
		}, "245888/856625", "196710400/6853", "28704", "1888/6853", 3, "0", "28704"},
		{"3/2", []fw{
			{[]string{"1/4", "1/5"}, "9/20", "27/40", "27/89", "54/445", "1080000/89"},
			{[]string{"1/5"}, "1/5", "3/10", "3/11", "12/275", "48000/11"},
			{[]string{"1/2"}, "1/2", "3/4", "3/5", "18/125", "14400"},
			{[]string{"1/3"}, "1/3", "1/2", "3/7", "3/35", "60000/7"},
		}, "338109/856625", "270487200/6853", "39469", "6143/6853", 1, "1", "39470"},
	}
	for i, w := range want {
		cr := res.Cities[i]
		wantExact(t, cr.Name+" coefficient", cr.Coefficient, w.coef)
		for f, wf := range w.factors {
			cf := cr.Factors[f]
			for m, s := range wf.shares {
				wantExact(t, cr.Name+" "+cf.Indicators[m].Key+" share", cf.Indicators[m].Share, s)
			}
			wantExact(t, cr.Name+" "+cf.Key+" raw", cf.Raw, wf.raw)
			wantExact(t, cr.Name+" "+cf.Key+" adjusted", cf.Adjusted, wf.adj)
			wantExact(t, cr.Name+" "+cf.Key+" ratio", cf.Ratio, wf.ratio)
			wantExact(t, cr.Name+" "+cf.Key+" weighted", cf.Weighted, wf.weighted)
			wantExact(t, cr.Name+" "+cf.Key+" amount", cf.Amount, wf.amt)
		}
		wantExact(t, cr.Name+" share", cr.Share, w.share)
		wantExact(t, cr.Name+" exact", cr.Exact, w.exact)
		wantDec(t, cr.Name+" floor", cr.Floor, w.floor)
		wantExact(t, cr.Name+" remainder", cr.Remainder, w.rem)
		if cr.Rank != w.rank {
			t.Errorf("%s rank = %d, want %d", cr.Name, cr.Rank, w.rank)
		}
		wantDec(t, cr.Name+" correction", cr.Correction, w.correction)
		wantDec(t, cr.Name+" amount", cr.Amount, w.amount)
	}
	wantExact(t, "share sum", res.ShareSum, "1")
	wantExact(t, "exact sum", res.ExactSum, "100000")
	wantDec(t, "amount sum", res.AmountSum, "100000")
	wantDec(t, "floor total", res.FloorTotal, "99998")
	wantDec(t, "quanta", res.Quanta, "100000")
	if res.Leftover != 2 {
		t.Errorf("leftover = %d, want 2", res.Leftover)
	}

	// Display views round half up: 31825.828… → 31825.83, 28.7040…% → 28.70.
	wantDec(t, "A exact view", res.Cities[0].Exact.Dec(2), "31825.83")
	wantDec(t, "B share %", res.Cities[1].Share.Percent(2), "28.7")
	wantDec(t, "C exact view", res.Cities[2].Exact.Dec(0), "39470")
}

// oneFactor is a single-indicator factor set, so that shares are simply
// value / Σ values.
func oneFactor() []Factor {
	return []Factor{{Key: "k", Name: "重点工作", Weight: d("1"),
		Indicators: []Indicator{{Key: "v", Name: "重点工作因素指标", Unit: "分"}}}}
}

func simple(total string, names []string, values []string) Input {
	in := Input{Total: d(total), Unit: UnitYuan, Quantum: d("1"), Factors: oneFactor()}
	for i, n := range names {
		in.Cities = append(in.Cities, City{Name: n, Performance: d("1"), Hardship: d("1"),
			Values: map[string]decimal.Decimal{"v": d(values[i])}})
	}
	return in
}

func amounts(t *testing.T, in Input) []string {
	t.Helper()
	res, err := Allocate(in)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(res.Cities))
	for i, c := range res.Cities {
		out[i] = c.Amount.String() + "/" + c.Correction.String()
	}
	return out
}

func sameStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: got %v, want %v", what, got, want)
			return
		}
	}
}

// Ties are broken by input order, and the leftover can go to a remainder
// below one half, where rounding each city on its own would lose money.
func TestRoundingTies(t *testing.T) {
	// 100 001 元 split 1:2:2 → 20000.2, 40000.4, 40000.4. Floors add up to
	// 100000; the one 元 left goes to the larger remainder 0.4, shared by B
	// and C, so the earlier of the two gets it. (Rounding each city half up
	// would pay only 100000.)
	sameStrings(t, "A,B,C", amounts(t, simple("100001", []string{"A", "B", "C"}, []string{"1", "2", "2"})),
		[]string{"20000/0", "40001/1", "40000/0"})
	// Same data with C listed before B: now C gets it.
	sameStrings(t, "A,C,B", amounts(t, simple("100001", []string{"A", "C", "B"}, []string{"1", "2", "2"})),
		[]string{"20000/0", "40001/1", "40000/0"})
	// Three-way tie, 100000/3 = 33333.33… each: only the first gets the 1 元
	// left over. (Rounding half up would pay 99999.)
	sameStrings(t, "thirds", amounts(t, simple("100000", []string{"A", "B", "C"}, []string{"7", "7", "7"})),
		[]string{"33334/1", "33333/0", "33333/0"})
	// Two leftover quanta and a three-way tie below a larger remainder:
	// 11 元 split 3:1:1:1 → 5.5, 1.833…, 1.833…, 1.833…; floors 5+1+1+1 = 8,
	// 3 left: B, C, D (5/6 each) come before A (1/2).
	sameStrings(t, "3:1:1:1", amounts(t, simple("11", []string{"A", "B", "C", "D"}, []string{"3", "1", "1", "1"})),
		[]string{"5/0", "2/1", "2/1", "2/1"})
	// 10 元 split 3:1:1:1 → 5, 1.666…, ×3; floors 8, 2 left: B and C, not D.
	sameStrings(t, "3:1:1:1 of 10", amounts(t, simple("10", []string{"A", "B", "C", "D"}, []string{"3", "1", "1", "1"})),
		[]string{"5/0", "2/1", "2/1", "1/0"})
}

// A zero coefficient is allowed and gives the city nothing.
func TestZeroCoefficient(t *testing.T) {
	in := simple("90", []string{"A", "B", "C"}, []string{"1", "1", "1"})
	in.Cities[1].Hardship = d("0")
	sameStrings(t, "zero hardship", amounts(t, in), []string{"45/0", "0/0", "45/0"})
}

func TestExactDec(t *testing.T) {
	cases := []struct {
		r      string
		places int32
		want   string
	}{
		{"5/2", 0, "3"}, {"-5/2", 0, "-3"}, {"1/3", 4, "0.3333"}, {"2/3", 4, "0.6667"},
		{"1/8", 2, "0.13"}, {"-1/8", 2, "-0.13"}, {"1249/10", -1, "120"}, {"125", -1, "130"},
		{"0", 3, "0"},
	}
	for _, c := range cases {
		if got := exact(rat(t, c.r)).Dec(c.places); !got.Equal(d(c.want)) {
			t.Errorf("Dec(%s, %d) = %s, want %s", c.r, c.places, got, c.want)
		}
	}
	var zero Exact
	if zero.Sign() != 0 || zero.String() != "0" || !zero.Dec(2).IsZero() {
		t.Errorf("zero Exact is not 0")
	}
	e := exact(rat(t, "1/2"))
	e.Rat().SetInt64(7) // must not change e
	if e.String() != "1/2" {
		t.Errorf("Rat did not return a copy")
	}
}
