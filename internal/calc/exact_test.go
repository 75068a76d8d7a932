package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/fund"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestQuoRoundsHalfAwayFromZeroExactly(t *testing.T) {
	cases := []struct {
		num, den string
		places   int32
		want     string
	}{
		{"1756.58", "2010", 4, "0.8739"},
		{"175658", "2010", 2, "87.39"},
		// design.md's trap: 5 points at weight 10/2010 is 0.0249 → 0.02, while
		// the rounded weight 0.50 % would give 0.025 → 0.03.
		{"50", "2010", 2, "0.02"},
		{"1", "8", 2, "0.13"},   // 0.125: an exact half rounds up
		{"-1", "8", 2, "-0.13"}, // and away from zero when negative
		{"1", "3", 2, "0.33"},
		{"2", "3", 2, "0.67"},
		{"20", "1", 2, "20"},
		{"0", "7", 2, "0"},
		{"1", "0.0003", 0, "3333"},
		{"0.005", "1", 2, "0.01"},
		{"0.0049999", "1", 2, "0"},
		// A share that needs more than 16 digits to see which side of the
		// half it falls: 0.004999999999999999999 ≈ x.xx5 − 1e-21.
		{"4999999999999999999", "1000000000000000000000", 2, "0"},
	}
	for _, c := range cases {
		got := Quo(d(c.num), d(c.den), c.places)
		if !got.Equal(d(c.want)) {
			t.Errorf("Quo(%s, %s, %d) = %s, want %s", c.num, c.den, c.places, got, c.want)
		}
	}
}

func TestRoundedWeightWouldGiveTheWrongScore(t *testing.T) {
	exact := Quo(d("5").Mul(d("10")), d("2010"), 2)
	viaRoundedWeight := d("5").Mul(Percent(d("10"), d("2010"))).Div(hundred).Round(2)
	if !exact.Equal(d("0.02")) || !viaRoundedWeight.Equal(d("0.03")) {
		t.Fatalf("exact %s (want 0.02), via rounded weight %s (want 0.03)", exact, viaRoundedWeight)
	}
}

func TestPercentAndRatioScore(t *testing.T) {
	cases := []struct {
		actual, plan, points, rate, score string
	}{
		{"1756.58", "2010", "10", "87.39", "8.74"},
		{"1352.2", "1558", "10", "86.79", "8.68"},
		{"126", "126", "10", "100", "10"},
		{"3", "10", "10", "30", "3"},
		{"270.53", "300", "10", "90.18", "9.02"},
		{"4.85", "16", "10", "30.31", "3.03"},
		{"181", "28", "1.5", "646.43", "1.5"}, // over plan: full points, never more
		{"3", "4", "30", "75", "22.5"},
		{"0", "1", "4", "0", "0"},
	}
	for _, c := range cases {
		if got := Percent(d(c.actual), d(c.plan)); !got.Equal(d(c.rate)) {
			t.Errorf("Percent(%s, %s) = %s, want %s", c.actual, c.plan, got, c.rate)
		}
		for _, from := range []string{fund.ScoreFromRoundedRate, fund.ScoreFromExact} {
			if got := RatioScore(d(c.actual), d(c.plan), d(c.points), from); !got.Equal(d(c.score)) {
				t.Errorf("RatioScore(%s, %s, %s, %s) = %s, want %s", c.actual, c.plan, c.points, from, got, c.score)
			}
		}
	}
}

// TestScoreFromDecidesTheRoundingAtAHalf: where the exact ratio × points
// ends just below a half and the printed rate × points on it, the two rules
// part (the 1741.66 of 2010: 86.65% printed, 8.66 exact, 8.67 from
// the printed rate), and each is what its documents print.
func TestScoreFromDecidesTheRoundingAtAHalf(t *testing.T) {
	cases := []struct{ actual, plan, points, rate, rounded, exact string }{
		{"1741.66", "2010", "10", "86.65", "8.67", "8.66"},
		{"4.85", "16", "10", "30.31", "3.03", "3.03"},
		{"3", "7", "4", "42.86", "1.71", "1.71"},
		{"6.5", "15", "2.5", "43.33", "1.08", "1.08"},
		{"1", "8", "3", "12.5", "0.38", "0.38"}, // 0.375 both ways
		{"17", "48", "10", "35.42", "3.54", "3.54"},
		{"2.093", "3", "10", "69.77", "6.98", "6.98"}, // 6.977 → 6.98
		{"52.9", "61", "10", "86.72", "8.67", "8.67"},
		{"7", "8.1", "10", "86.42", "8.64", "8.64"},
		{"1726.87", "2010", "10", "85.91", "8.59", "8.59"},
		{"1739.65", "2010", "10", "86.55", "8.66", "8.65"},
	}
	for _, c := range cases {
		if got := Percent(d(c.actual), d(c.plan)); !got.Equal(d(c.rate)) {
			t.Errorf("Percent(%s, %s) = %s, want %s", c.actual, c.plan, got, c.rate)
		}
		if got := RatioScore(d(c.actual), d(c.plan), d(c.points), fund.ScoreFromRoundedRate); !got.Equal(d(c.rounded)) {
			t.Errorf("rounded_rate %s/%s×%s = %s, want %s", c.actual, c.plan, c.points, got, c.rounded)
		}
		if got := RatioScore(d(c.actual), d(c.plan), d(c.points), fund.ScoreFromExact); !got.Equal(d(c.exact)) {
			t.Errorf("exact %s/%s×%s = %s, want %s", c.actual, c.plan, c.points, got, c.exact)
		}
	}
}

func band(max string, score string) fund.Band {
	b := fund.Band{Score: d(score)}
	if max != "" {
		m := d(max)
		b.Max = &m
	}
	return b
}

func TestBandOf(t *testing.T) {
	bands := []fund.Band{band("10", "10"), band("40", "8"), band("", "0")}
	cases := []struct {
		pct  string
		want int
	}{
		{"0", 0}, {"9.82", 0}, {"10", 0}, {"10.00", 0}, {"10.01", 1}, {"13.21", 1}, {"40", 1}, {"40.01", 2}, {"69.69", 2}, {"70", 2}, {"1000", 2},
	}
	for _, c := range cases {
		if got := BandOf(bands, d(c.pct)); got != c.want {
			t.Errorf("BandOf(%s) = %d, want %d", c.pct, got, c.want)
		}
	}
}

func TestGradeBoundaries(t *testing.T) {
	grades := []fund.Grade{{Name: "优", Min: d("90")}, {Name: "良", Min: d("80")}, {Name: "中", Min: d("60")}, {Name: "差", Min: d("0")}}
	cases := map[string]string{
		"100": "优", "95.41": "优", "90.00": "优", "89.99": "良", "80": "良", "79.99": "中", "60": "中", "59.99": "差", "0": "差",
	}
	for total, want := range cases {
		if got := GradeOf(grades, d(total)); got != want {
			t.Errorf("GradeOf(%s) = %s, want %s", total, got, want)
		}
	}
}
