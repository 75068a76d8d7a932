package docx

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"github.com/shopspring/decimal"

	"ipfund/internal/cnfmt"
)

// Funcs returns the functions every template can use: the cnfmt formatters
// and a few helpers. Parse registers them unless the caller's map overrides
// a name.
//
//	amount      {{amount .X}}        1352.20 → 1352.2
//	fixed       {{fixed .X 2}}       0.5 → 0.50
//	percent     {{percent .Rate}}    0.87392 → 87.39%
//	percentTrim {{percentTrim .Rate}} 0.3 → 30%
//	score       {{score .S}}         15.50 → 15.5
//	rmb         {{rmb .X}}           1756.58 → 壹仟柒佰伍拾陆元伍角捌分
//	cnNum       {{cnNum 12}}         十二
//	inc         {{inc $i}}           $i+1 (for 1-based numbering)
//	add, sub    {{add $a $b}}        integer arithmetic
//	join        {{join .Names "、"}} joins a list with a separator
//
// Formatters take decimal.Decimal, *decimal.Decimal or an integer; floats
// are refused, since they cannot hold amounts exactly.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"amount":      decFunc("amount", cnfmt.Amount),
		"percent":     decFunc("percent", cnfmt.Percent),
		"percentTrim": decFunc("percentTrim", cnfmt.PercentTrim),
		"score":       decFunc("score", cnfmt.Score),
		"fixed": func(v any, places any) (string, error) {
			d, err := toDecimal("fixed", v)
			if err != nil {
				return "", err
			}
			n, err := toInt("fixed", places)
			if err != nil {
				return "", err
			}
			return cnfmt.Fixed(d, n), nil
		},
		"rmb": func(v any) (string, error) {
			d, err := toDecimal("rmb", v)
			if err != nil {
				return "", err
			}
			return cnfmt.RMBUpper(d)
		},
		"cnNum": func(v any) (string, error) {
			n, err := toInt("cnNum", v)
			if err != nil {
				return "", err
			}
			return cnfmt.ChineseNumber(n), nil
		},
		"inc": func(v any) (int, error) {
			n, err := toInt("inc", v)
			return n + 1, err
		},
		"add": func(a, b any) (int, error) {
			x, err := toInt("add", a)
			if err != nil {
				return 0, err
			}
			y, err := toInt("add", b)
			return x + y, err
		},
		"sub": func(a, b any) (int, error) {
			x, err := toInt("sub", a)
			if err != nil {
				return 0, err
			}
			y, err := toInt("sub", b)
			return x - y, err
		},
		"join": join,
	}
}

func decFunc(name string, f func(decimal.Decimal) string) func(any) (string, error) {
	return func(v any) (string, error) {
		d, err := toDecimal(name, v)
		if err != nil {
			return "", err
		}
		return f(d), nil
	}
}

// toDecimal accepts decimals and integers; floats and strings are refused
// so that no amount ever passes through binary floating point.
func toDecimal(fn string, v any) (decimal.Decimal, error) {
	switch x := v.(type) {
	case decimal.Decimal:
		return x, nil
	case *decimal.Decimal:
		if x == nil {
			return decimal.Decimal{}, fmt.Errorf("“%s”的参数为空（“nil *decimal.Decimal”）", fn)
		}
		return *x, nil
	case nil:
		return decimal.Decimal{}, fmt.Errorf("“%s”的参数为空", fn)
	case float32, float64:
		return decimal.Decimal{}, fmt.Errorf("“%s”不接受浮点数（“%T”）：浮点数无法精确表示金额，请在数据里传入“decimal.Decimal”", fn, v)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return decimal.NewFromInt(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return decimal.NewFromUint64(rv.Uint()), nil
	}
	return decimal.Decimal{}, fmt.Errorf("“%s”需要“decimal.Decimal”或整数，收到的是“%T”（%v），请在数据里传入“decimal.Decimal”", fn, v, v)
}

func toInt(fn string, v any) (int, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() <= uint64(^uint(0)>>1) {
			return int(rv.Uint()), nil
		}
	}
	if d, ok := v.(decimal.Decimal); ok && d.IsInteger() && d.Abs().LessThan(decimal.NewFromInt(1<<53)) {
		return int(d.IntPart()), nil
	}
	return 0, fmt.Errorf("“%s”需要整数，收到的是“%T”（%v）", fn, v, v)
}

// join joins the elements of a list (printed like {{.}} would) with sep.
func join(list any, sep string) (string, error) {
	switch l := list.(type) {
	case nil:
		return "", nil
	case []string:
		return strings.Join(l, sep), nil
	}
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return "", fmt.Errorf("“join”的第一个参数需要是列表，收到的是“%T”", list)
	}
	parts := make([]string, rv.Len())
	for i := range parts {
		parts[i] = valueString(rv.Index(i).Interface())
	}
	return strings.Join(parts, sep), nil
}

// builtinNames are text/template's own functions.
var builtinNames = []string{"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or", "print", "printf", "println", "slice", "urlquery"}

// funcNames lists the functions available to templates, for messages.
func funcNames(funcs template.FuncMap) []string {
	var out []string
	for n := range funcs {
		if n != escName {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return append(out, builtinNames...)
}
