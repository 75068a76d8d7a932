package fund

import (
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSumsAreExactWhateverTheirSize checks the integer fast path of the
// sums against decimal addition, across exponents and past int64.
func TestSumsAreExactWhateverTheirSize(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	for round := range 200 {
		var s decimalSum
		want := decimal.Zero
		for range rng.Intn(50) {
			var d decimal.Decimal
			switch rng.Intn(5) {
			case 0:
				d = decimal.New(rng.Int63n(1e9), -int32(rng.Intn(4)))
			case 1:
				d = decimal.New(rng.Int63()-rng.Int63(), -int32(rng.Intn(19)))
			case 2:
				d = decimal.New(rng.Int63n(1000), int32(rng.Intn(25)))
			case 3:
				d, _ = decimal.NewFromString("123456789012345678901234567890.25")
			default:
				d = decimal.New(-rng.Int63n(1e6), -2)
			}
			s.add(d)
			want = want.Add(d)
		}
		if got := s.total(); !got.Equal(want) {
			t.Fatalf("round %d: %s, want %s", round, got, want)
		}
	}
	var s decimalSum
	for _, v := range []string{"666.9", "20", "180", "355.3", "130"} {
		s.add(decimal.RequireFromString(v))
	}
	if got := s.total(); got.String() != "1352.2" || got.Exponent() != -1 {
		t.Errorf("%s (exponent %d)", got, got.Exponent())
	}
}

// TestNumbersPrintAsDecimalWrites: the text kept for a number read from a
// spreadsheet is what decimal.String gives, whether or not it is reused.
func TestNumbersPrintAsDecimalWrites(t *testing.T) {
	for _, s := range []string{"0", "-0", "00", "400000", "1352.2", "1352.20", "0.5", ".5", "-0.5", "+3", "007", "1.", "-12.340", "5", "-5", "123456789012345"} {
		n, err := decimal.NewFromString(s)
		if err != nil {
			continue
		}
		if got := numberText(s, n); got != n.String() {
			t.Errorf("%q prints as %q, decimal writes %q", s, got, n.String())
		}
	}
}
