package cnfmt

import (
	"strconv"
	"strings"
)

var (
	lowerDigits = [10]string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	lowerUnits  = [4]string{"千", "百", "十", ""}
	upperDigits = [10]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	upperUnits  = [4]string{"仟", "佰", "拾", ""}
	sectionUnit = [3]string{"亿", "万", ""}
)

// maxSpelled is the first number the section algorithm cannot spell (1 万亿).
const maxSpelled = 1_0000_0000_0000

// ChineseNumber spells n in lowercase Chinese numerals as used for headings
// and list numbers: 1 → "一", 10 → "十", 11 → "十一", 105 → "一百零五",
// 110 → "一百一十", 0 → "零". A leading 一十 is shortened to 十 (十五, 十万).
// Negative numbers get the prefix "负". Numbers of 1 万亿 or more in
// magnitude are returned in Arabic digits, since reports never need them.
func ChineseNumber(n int) string {
	if n == 0 {
		return "零"
	}
	if m := int64(n); m <= -maxSpelled || m >= maxSpelled {
		return strconv.Itoa(n)
	}
	if n < 0 {
		return "负" + ChineseNumber(-n)
	}
	s := spell(int64(n), lowerDigits, lowerUnits)
	if strings.HasPrefix(s, "一十") {
		s = strings.TrimPrefix(s, "一")
	}
	return s
}

// spell writes 0 < n < maxSpelled in sections of four digits (亿, 万, units).
// Zeros inside the number collapse to a single 零; zeros at the end of a
// section do not produce a 零 before the next section (壹拾万柒仟, 十万七千),
// whereas zeros at the start of a section or whole zero sections do
// (壹拾万零柒佰, 壹亿零柒仟).
func spell(n int64, digits [10]string, units [4]string) string {
	var b strings.Builder
	sections := [3]int64{n / 1_0000_0000, n / 1_0000 % 1_0000, n % 1_0000}
	zero := false
	for i, v := range sections {
		if v == 0 {
			if b.Len() > 0 {
				zero = true
			}
			continue
		}
		ds := [4]int64{v / 1000, v / 100 % 10, v / 10 % 10, v % 10}
		for j, d := range ds {
			if d == 0 {
				if b.Len() > 0 {
					zero = true
				}
				continue
			}
			if zero {
				b.WriteString(digits[0])
				zero = false
			}
			b.WriteString(digits[d])
			b.WriteString(units[j])
		}
		b.WriteString(sectionUnit[i])
		zero = false
	}
	return b.String()
}
