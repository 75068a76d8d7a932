package docx

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func call(t *testing.T, name string, args ...any) (any, error) {
	t.Helper()
	f := reflect.ValueOf(Funcs()[name])
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		if a == nil {
			in[i] = reflect.Zero(f.Type().In(i))
		} else {
			in[i] = reflect.ValueOf(a)
		}
	}
	out := f.Call(in)
	var err error
	if len(out) == 2 && !out[1].IsNil() {
		err = out[1].Interface().(error)
	}
	return out[0].Interface(), err
}

func TestFuncs(t *testing.T) {
	d := decimal.RequireFromString("1352.20")
	rate := decimal.RequireFromString("0.8739203980")
	var nilDec *decimal.Decimal
	cases := []struct {
		name string
		args []any
		want any
		err  string
	}{
		{"amount", []any{d}, "1352.2", ""},
		{"amount", []any{&d}, "1352.2", ""},
		{"amount", []any{2010}, "2010", ""},
		{"amount", []any{int64(-3)}, "-3", ""},
		{"amount", []any{uint8(7)}, "7", ""},
		{"amount", []any{1.5}, nil, "“amount”不接受浮点数（“float64”）"},
		{"amount", []any{float32(1.5)}, nil, "“amount”不接受浮点数（“float32”）"},
		{"amount", []any{"12"}, nil, "“amount”需要“decimal.Decimal”或整数，收到的是“string”（12）"},
		{"amount", []any{nilDec}, nil, "“amount”的参数为空（“nil *decimal.Decimal”）"},
		{"amount", []any{nil}, nil, "“amount”的参数为空"},
		{"fixed", []any{decimal.RequireFromString("0.5"), 2}, "0.50", ""},
		{"fixed", []any{d, int64(0)}, "1352", ""},
		{"fixed", []any{d, "2"}, nil, "“fixed”需要整数"},
		{"percent", []any{rate}, "87.39%", ""},
		{"percent", []any{1}, "100.00%", ""},
		{"percentTrim", []any{decimal.RequireFromString("0.3")}, "30%", ""},
		{"score", []any{decimal.RequireFromString("15.50")}, "15.5", ""},
		{"rmb", []any{decimal.RequireFromString("1756.58")}, "壹仟柒佰伍拾陆元伍角捌分", ""},
		{"rmb", []any{decimal.RequireFromString("1e12")}, nil, "过大"},
		{"cnNum", []any{11}, "十一", ""},
		{"cnNum", []any{decimal.NewFromInt(21)}, "二十一", ""},
		{"cnNum", []any{decimal.RequireFromString("2.5")}, nil, "“cnNum”需要整数"},
		{"inc", []any{0}, 1, ""},
		{"inc", []any{int64(9)}, 10, ""},
		{"add", []any{2, int32(3)}, 5, ""},
		{"sub", []any{2, 3}, -1, ""},
		{"add", []any{2, "x"}, nil, "“add”需要整数"},
		{"join", []any{[]string{"甲", "乙"}, "、"}, "甲、乙", ""},
		{"join", []any{[]decimal.Decimal{d, rate}, ", "}, "1352.2, 0.873920398", ""},
		{"join", []any{[]int{1, 2}, "+"}, "1+2", ""},
		{"join", []any{nil, "+"}, "", ""},
		{"join", []any{"abc", "+"}, nil, "“join”的第一个参数需要是列表"},
	}
	for _, c := range cases {
		got, err := call(t, c.name, c.args...)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s%v: error %v, want %q", c.name, c.args, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s%v = %v, %v; want %v", c.name, c.args, got, err, c.want)
		}
	}
}

func TestFuncsInTemplate(t *testing.T) {
	_, txt := render(t, testDoc{body: P("{{amount .A}}|{{fixed .A 2}}|{{percent .R}}|{{percentTrim .R}}|{{score .S}}|{{rmb .A}}|{{cnNum 10}}|{{inc 1}}|{{add 1 2}}|{{sub 5 3}}|{{join .L `、`}}")}.build(t),
		map[string]any{"A": decimal.RequireFromString("10.50"), "R": decimal.RequireFromString("0.773"), "S": decimal.RequireFromString("8.739"), "L": []string{"a", "b"}})
	if got, want := bodyText(txt), "10.5|10.50|77.30%|77.3%|8.74|壹拾元伍角|十|2|3|2|a、b\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEscapeText(t *testing.T) {
	br, tab := "<BR>", "<TAB>"
	for _, c := range []struct{ in, want string }{
		{"plain 中文", "plain 中文"},
		{`<a href="x">&'`, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"},
		{"]]>", "]]&gt;"},
		{"a\nb\r\nc\rd", "a<BR>b<BR>c<BR>d"},
		{"a\tb", "a<TAB>b"},
		{"\x00\x01\x1f\x7f", "\x7f"},
		{"\xff\xfeok", "\uFFFD\uFFFDok"},
		{"\ufffe\uffff\ufffd", "\uFFFD\uFFFD\uFFFD"},
		{"😀𠀀", "😀𠀀"},
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // an encoded surrogate is invalid UTF-8
	} {
		if got := escapeText(c.in, br, tab); got != c.want {
			t.Errorf("escapeText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
