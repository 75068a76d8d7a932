package alloc

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// counties builds n recipients with the default factors and seeded random
// values of realistic size, for benchmarking only.
func counties(n int) Input {
	rng := rand.New(rand.NewSource(1))
	in := Input{Total: d("20000000"), Unit: UnitYuan, Quantum: d("1"), Factors: DefaultFactors()}
	for i := 0; i < n; i++ {
		in.Cities = append(in.Cities, City{
			Name: fmt.Sprintf("县%04d", i+1),
			Values: map[string]decimal.Decimal{
				"transfers":  decimal.NewFromInt(int64(rng.Intn(3000))),
				"pledge":     decimal.New(int64(rng.Intn(20000000)), -2),
				"inventions": decimal.NewFromInt(int64(1 + rng.Intn(2000))),
				"cases":      decimal.NewFromInt(int64(1 + rng.Intn(400))),
				"keywork":    decimal.NewFromInt(int64(60 + rng.Intn(41))),
			},
			Performance: decimal.New(int64(80+rng.Intn(41)), -2),
			Hardship:    decimal.New(int64(90+rng.Intn(41)), -2),
		})
	}
	return in
}

func BenchmarkAllocate(b *testing.B) {
	for _, bc := range []struct {
		name string
		in   Input
	}{
		{"12cities", jiangxiSample()},
		{"2000counties", counties(2000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Allocate(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The benchmark input must itself be a valid allocation.
func TestCountiesAllocate(t *testing.T) {
	in := counties(2000)
	res := mustAllocate(t, in)
	if !res.AmountSum.Equal(in.Total) || res.ShareSum.Rat().Cmp(d("1").Rat()) != 0 {
		t.Fatalf("2000 counties: amounts %s, shares %s", res.AmountSum, res.ShareSum)
	}
}
