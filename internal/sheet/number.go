package sheet

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"ipfund/internal/limits"
)

// Problem says what is wrong with a cell and what to do, in Chinese.
type Problem struct {
	Msg, Hint string
}

// excelDigits is the precision Excel keeps and shows: a number stored as
// 1352.1999999999998 (binary floating point) is 1352.2 in Excel.
const excelDigits = 15

var (
	plainNumber = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	thousands   = regexp.MustCompile(`^[+-]?[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?$`)
	scientific  = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`)
)

// formulaErrors are Excel's error values and what each means.
var formulaErrors = map[string]string{
	"#REF!":          "公式引用的单元格已被删除",
	"#VALUE!":        "公式中参与计算的值类型不对（如文字参与了加减）",
	"#DIV/0!":        "公式中除数为 0",
	"#N/A":           "公式查找的值不存在",
	"#NAME?":         "公式中的函数名或名称拼错",
	"#NUM!":          "公式的计算结果不是有效数字",
	"#NULL!":         "公式中的区域没有交集",
	"#SPILL!":        "公式的结果无处放置",
	"#CALC!":         "公式无法计算",
	"#GETTING_DATA":  "公式的数据尚未取回",
	"#BLOCKED!":      "公式引用的外部内容被阻止",
	"#FIELD!":        "公式引用的字段不存在",
	"#UNKNOWN!":      "公式的结果类型无法识别",
	"#CONNECT!":      "公式连接外部数据失败",
	"#BUSY!":         "公式仍在计算",
	"#EXTERNAL!":     "公式引用的外部工作簿不可用",
	"#PYTHON!":       "公式中的 Python 代码出错",
	"#TIMEOUT!":      "公式计算超时",
	"#GETTING_DATA!": "公式的数据尚未取回",
}

// units that staff write after (or before) a figure.
var (
	unitSuffixes = []string{"万元", "千元", "百元", "亿元", "元", "万", "亿", "件", "家", "项", "个", "次", "人", "笔", "户", "台", "套", "%", "％", "‰"}
	unitPrefixes = []string{"人民币", "RMB", "CNY", "￥", "¥", "$", "＄"}
)

// Number returns the number a cell holds, or the problem that keeps it from
// being one. A numeric cell of a workbook is rounded to Excel's 15
// significant digits; a text cell (every cell of a CSV file) must be a
// plain decimal number: no thousands separator, unit, currency sign,
// full-width digit or exponent. A blank cell is not a number either; the
// caller decides what a blank means.
func Number(c Cell) (decimal.Decimal, *Problem) {
	switch c.Kind {
	case Numeric:
		// Excel writes 17 significant digits and an exponent at most
		// (-1.2345678901234567E-307); a longer text is not its, and
		// parsing a long one takes time that grows with its square.
		var d decimal.Decimal
		err := errNotExcel
		if len(c.Text) <= 32 {
			d, err = decimal.NewFromString(c.Text)
		}
		if err != nil {
			return decimal.Zero, &Problem{Msg: fmt.Sprintf("应为数字，但单元格中存的%s无法识别。", quote(c.Text)), Hint: "请在 Excel 中重新输入这个数字。"}
		}
		if shortDecimal(c.Text) {
			return d, nil
		}
		return excelRound(d), nil
	case Blank:
		return decimal.Zero, &Problem{Msg: "是空白的。"}
	case NoValue:
		return decimal.Zero, &Problem{Msg: "是公式，但文件中没有保存它的计算结果（文件多半是由程序生成、没有在 Excel 中计算过）。程序不会把它当作 0。",
			Hint: "请用 Excel 或 WPS 打开该文件，确认这一格显示的数字正确后保存一次；或把公式换成数值（复制后“选择性粘贴”→“数值”）。"}
	case Error:
		return decimal.Zero, formulaError(c.Text)
	case Bool:
		return decimal.Zero, &Problem{Msg: fmt.Sprintf("应为数字，这里是逻辑值 %s。", c.Text), Hint: "请改为数字。"}
	case Date:
		return decimal.Zero, &Problem{Msg: fmt.Sprintf("应为数字，这里是日期（%s）。", c.Text),
			Hint: "如果这一格本来是数字，请在 Excel 中把单元格格式改为“常规”或“数值”，确认显示的数字正确后保存。"}
	}
	s := strings.TrimFunc(c.Text, isBlankRune)
	if isPlainNumber(s) {
		// A long number is refused before it is parsed, in time that
		// grows with the square of its length.
		if n := plainDigits(s); len(s) > 64 && n > limits.Digits {
			return decimal.Zero, TooManyDigits(s, n)
		}
		d, err := decimal.NewFromString(s)
		if err == nil {
			return d, nil
		}
	}
	return decimal.Zero, whyNotNumber(s)
}

// isPlainNumber reports whether s is a plain decimal number (what
// plainNumber matches), without the cost of a regular expression for
// every cell of a long list.
func isPlainNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

var errNotExcel = errors.New("not a number as Excel writes one")

// plainDigits counts the digits of a plain decimal number as
// tomlx.Digits counts them: the integer part without leading zeros and
// the decimals without trailing ones, at least one.
func plainDigits(s string) int {
	whole, frac, _ := strings.Cut(strings.TrimLeft(s, "+-"), ".")
	n := len(strings.TrimLeft(whole, "0")) + len(strings.TrimRight(frac, "0"))
	return max(n, 1)
}

// TooManyDigits is the problem of a number of more digits than a
// workbook keeps (limits.Digits), written shown.
func TooManyDigits(shown string, digits int) *Problem {
	return &Problem{
		Msg: fmt.Sprintf("数字 %s 共有 %d 位（整数部分和小数部分合计），超过 %d 位：Excel 评分表只能精确保存 %d 位，多出的位会变成别的数字。",
			strings.Trim(quote(shown), "“”"), digits, limits.Digits, limits.Digits),
		Hint: "请核对这个数（金额一般到分即可）；如确需更多位数，请改用更大的单位或更少的小数位。",
	}
}

// shortDecimal reports a plain decimal of at most 15 digits, which needs
// no rounding: the usual case, checked without arithmetic.
func shortDecimal(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || (c == '-' && i == 0):
		default:
			return false
		}
	}
	return digits <= excelDigits
}

// excelRound rounds to 15 significant digits, as Excel shows a number, and
// drops trailing zeros.
func excelRound(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Zero
	}
	digits := len(d.Coefficient().String())
	if d.IsNegative() {
		digits-- // the minus sign
	}
	if digits > excelDigits {
		intDigits := digits + int(d.Exponent())
		d = d.Round(int32(excelDigits - intDigits))
	}
	n, _ := decimal.NewFromString(d.String())
	return n
}

func formulaError(code string) *Problem {
	meaning, ok := formulaErrors[strings.ToUpper(code)]
	if !ok {
		meaning = "公式出错"
	}
	return &Problem{Msg: fmt.Sprintf("是公式错误 %s（%s），不是数字。", code, meaning),
		Hint: "请在 Excel 中改正这一格的公式，确认显示的数字正确后保存。"}
}

// whyNotNumber explains a text that is not a plain number.
func whyNotNumber(s string) *Problem {
	shown := quote(s)
	if _, ok := formulaErrors[strings.ToUpper(s)]; ok {
		return formulaError(s)
	}
	if strings.ContainsFunc(s, isFullWidthDigit) {
		hw := halfWidth(s)
		if plain := strings.ReplaceAll(hw, ",", ""); plainNumber.MatchString(hw) || thousands.MatchString(hw) {
			return &Problem{Msg: fmt.Sprintf("写的是全角数字%s。", shown), Hint: fmt.Sprintf("请改为半角（英文）数字：%s。", plain)}
		}
	}
	if thousands.MatchString(s) {
		plain := strings.NewReplacer(",", "", "，", "").Replace(s)
		return &Problem{Msg: fmt.Sprintf("写成了带千分位逗号的%s。", shown),
			Hint: fmt.Sprintf("请只写数字：%s（在 Excel 中可把该列的单元格格式设为“常规”，或“数值”且不勾选“使用千位分隔符”）。", plain)}
	}
	if scientific.MatchString(s) {
		return &Problem{Msg: fmt.Sprintf("写成了科学计数法%s，可能已丢失位数（Excel 另存为 CSV 时按单元格显示的样子保存）。", shown),
			Hint: "请在 Excel 中把该列的单元格格式设为“数值”，确认显示的数字完整后重新保存。"}
	}
	if unit, plain, ok := stripUnit(s); ok {
		return &Problem{Msg: fmt.Sprintf("写的是%s，带了单位或符号“%s”。", shown, unit),
			Hint: fmt.Sprintf("单元格中只写数字：%s；金额的单位由明细表的“unit”说明，数量的单位写在表头中。", plain)}
	}
	if s == "" {
		return &Problem{Msg: "是空白的。"}
	}
	return &Problem{Msg: fmt.Sprintf("应为数字，这里写的是%s。", shown), Hint: "请改为数字（不写单位、千分位逗号）。"}
}

// stripUnit finds a unit or currency sign around a number: “1234元” is
// 1234 with the unit 元.
func stripUnit(s string) (unit, plain string, ok bool) {
	rest := s
	for _, p := range unitPrefixes {
		if r, found := strings.CutPrefix(rest, p); found {
			unit, rest = p, strings.TrimFunc(r, isBlankRune)
			break
		}
	}
	for _, u := range unitSuffixes {
		if r, found := strings.CutSuffix(rest, u); found {
			if unit != "" {
				unit += "…"
			}
			unit, rest = unit+u, strings.TrimFunc(r, isBlankRune)
			break
		}
	}
	rest = halfWidth(rest)
	if unit == "" {
		return "", "", false
	}
	if thousands.MatchString(rest) {
		rest = strings.ReplaceAll(rest, ",", "")
	}
	if !plainNumber.MatchString(rest) {
		return "", "", false
	}
	return unit, rest, true
}

func isFullWidthDigit(r rune) bool { return (r >= '０' && r <= '９') || r == '．' }

// halfWidth turns full-width digits, signs and points into ASCII.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r >= 'Ａ' && r <= 'Ｚ':
			return r - 'Ａ' + 'A'
		case r >= 'ａ' && r <= 'ｚ':
			return r - 'ａ' + 'a'
		}
		switch r {
		case '．':
			return '.'
		case '，':
			return ','
		case '－':
			return '-'
		case '＋':
			return '+'
		}
		return r
	}, s)
}

// quote shows a cell's text in a message, shortened when long.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "……"
	}
	return "“" + s + "”"
}
