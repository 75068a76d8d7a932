// Package cnfmt formats numbers the way Chinese government reports write them.
//
// Every function is pure. Rounding is always half-up in the 四舍五入 sense:
// a trailing 5 rounds away from zero (2.345 → 2.35, -2.345 → -2.35), which is
// exactly what decimal.Decimal.Round does. Output never uses an exponent and
// never has thousands separators.
package cnfmt

import (
	"strings"

	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// Amount writes an amount as entered: trailing zeros after the decimal point
// are trimmed, there is no exponent and no thousands separator.
// 1352.20 → "1352.2", 2010 → "2010", 0.50 → "0.5".
func Amount(d decimal.Decimal) string {
	return trimZeros(plain(d))
}

// Fixed rounds d half-up to places decimals and always writes that many
// decimals: Fixed(0.5, 2) → "0.50". A negative places counts as 0.
func Fixed(d decimal.Decimal, places int) string {
	if places < 0 {
		places = 0
	}
	return d.StringFixed(int32(places))
}

// Percent shows a fraction as a percentage with exactly two decimals:
// 0.8739203980 → "87.39%", 1 → "100.00%".
func Percent(rate decimal.Decimal) string {
	return rate.Mul(hundred).StringFixed(2) + "%"
}

// PercentTrim rounds like Percent and then trims trailing zeros, as the
// bureau's reports write rates: 1 → "100%", 0.3 → "30%", 0.87392 → "87.39%".
func PercentTrim(rate decimal.Decimal) string {
	return trimZeros(rate.Mul(hundred).StringFixed(2)) + "%"
}

// Score writes a score rounded half-up to two decimals with trailing zeros
// trimmed: 15.50 → "15.5", 20.00 → "20", 8.739 → "8.74".
func Score(d decimal.Decimal) string {
	return trimZeros(d.StringFixed(2))
}

// plain writes d exactly, without exponent (decimal.String may switch to
// scientific notation when the package-level UseScientificNotation is set).
func plain(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.StringFixed(0)
}

// trimZeros drops trailing fractional zeros and a dangling decimal point.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
