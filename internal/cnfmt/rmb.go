package cnfmt

import (
	"fmt"

	"github.com/shopspring/decimal"
)

var rmbLimit = decimal.NewFromInt(maxSpelled)

// RMBUpper writes an amount in 元 as 人民币大写 following the People's Bank of
// China rules for filling in bills (《支付结算办法》附件一):
//
//   - the amount is first rounded half-up to 分;
//   - 0 → "零元整"; an amount ending at 元 ends with "整": 1001 → "壹仟零壹元整";
//   - an amount ending at 角 gets no "整" (the rules allow either; we omit it):
//     10.5 → "壹拾元伍角"; an amount with 分 never gets "整";
//   - 拾 is always preceded by a digit, also at the start (banking convention
//     against alteration): 10 → "壹拾元整", 100000 → "壹拾万元整";
//   - several zeros between digits become one 零: 6007.14 → "陆仟零柒元壹角肆分";
//   - 角 zero with 分 non-zero writes 零 after 元: 100.05 → "壹佰元零伍分";
//   - where the rules allow a 零 to be written or left out we leave it out:
//     元 digit zero before a non-zero 角 (1680.32 → "壹仟陆佰捌拾元叁角贰分"),
//     and 万 digit zero before a non-zero 千 (107000.53 → "壹拾万柒仟元伍角叁分");
//   - amounts below one 元 start at 角 or 分: 0.5 → "伍角", 0.05 → "伍分";
//   - negative amounts are prefixed with "负".
//
// Amounts of 1 万亿 元 or more (after rounding) return an error.
func RMBUpper(d decimal.Decimal) (string, error) {
	r := d.Round(2)
	neg := r.Sign() < 0
	abs := r.Abs()
	if abs.GreaterThanOrEqual(rmbLimit) {
		return "", fmt.Errorf("金额 %s 过大：人民币大写只支持一万亿元以下的金额", plain(d))
	}
	cents := abs.Mul(hundred).IntPart()
	if cents == 0 {
		return "零元整", nil
	}
	yuan, jiao, fen := cents/100, cents/10%10, cents%10
	s := ""
	if neg {
		s = "负"
	}
	if yuan > 0 {
		s += spell(yuan, upperDigits, upperUnits) + "元"
	}
	if jiao == 0 && fen == 0 {
		return s + "整", nil
	}
	if jiao > 0 {
		s += upperDigits[jiao] + "角"
	} else if yuan > 0 {
		s += "零"
	}
	if fen > 0 {
		s += upperDigits[fen] + "分"
	}
	return s, nil
}
