package tomlx

import (
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/limits"
)

// allocated returns the bytes f allocates: a deterministic measure of the
// work it does, whatever the load of the machine.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// atLimit fills a data file up to limits.DataFile with what line writes.
func atLimit(head string, line func(b *strings.Builder, i int), tail string) []byte {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; b.Len() < limits.DataFile-len(tail)-64; i++ {
		line(&b, i)
	}
	b.WriteString(tail)
	return []byte(b.String())
}

func decodeAny(src []byte) []string {
	var m map[string]any
	var out []string
	for _, d := range Decode("f.toml", src, &m) {
		out = append(out, d.String())
	}
	return out
}

func TestLimitsStopTheScanBeforeTheParser(t *testing.T) {
	deep := []byte("x = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n")
	items := atLimit("", func(b *strings.Builder, i int) { fmt.Fprintf(b, "k%d = 1\n", i) }, "")
	longLine := atLimit("x = [", func(b *strings.Builder, _ int) { b.WriteString("1,") }, "1]\n")
	cases := []struct {
		name string
		src  []byte
		want string
	}{
		{"deep nesting", deep, fmt.Sprintf("f.toml:1:%d：错误：这里的嵌套超过 64 层（方括号、大括号或带句点的键一层套一层），超过数据文件的上限。数据最多只需嵌套几层；请检查是否多写了“[”或“{”，或缺少对应的“]”“}”。", 4+64)},
		{"dotted key", []byte(strings.Repeat("a.", 100_000) + "a = 1\n"), "f.toml:1:1：错误：这里的嵌套超过 64 层"},
		{"many keys", items, fmt.Sprintf("f.toml:%d:1：错误：文件中的数据项过多：到这里已超过 %d 项（每个键、每个数组元素、每个小节各算一项），超过数据文件的上限。", limits.Items+1, limits.Items)},
		{"one long line", longLine, fmt.Sprintf("f.toml:1:%d：错误：文件中的数据项过多", 4+2*limits.Items)},
		{"long key", []byte("[" + strings.Repeat("a", 300) + "]\nx = 1\n"), "f.toml:1:1：错误：这里的键名（连同所在小节的名称）超过 256 个字节，超过数据文件的上限。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			bytes := allocated(func() { got = decodeAny(c.src) })
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Fatalf("got %q,\nwant %q", got, c.want)
			}
			// The scan stops at the limit and the parser never runs:
			// a few times the file, not the parser's tens of times.
			if max := uint64(8*len(c.src)) + 1<<20; bytes > max {
				t.Errorf("allocated %d bytes for a %d-byte file, want under %d", bytes, len(c.src), max)
			}
		})
	}
}

// TestScanIsLinear scans files of one line at the item limit and of a
// quarter of it: the scanner's work, measured by what it allocates, grows
// with the file, not with its square (columns are counted as it goes).
func TestScanIsLinear(t *testing.T) {
	line := func(n int) string {
		var b strings.Builder
		b.WriteString("x = [")
		for i := 0; i < n; i++ {
			b.WriteString(`"一二三",`)
		}
		b.WriteString("]\n")
		return b.String()
	}
	n := limits.Items - 2
	small, large := line(n/4), line(n)
	var s *scanner
	a1 := allocated(func() { s = scan(small) })
	a4 := allocated(func() { s = scan(large) })
	if s.over != nil || s.bailed || len(s.idx) != n+1 {
		t.Fatalf("scan of %d elements: over %v, bailed %v, %d entries", n, s.over, s.bailed, len(s.idx))
	}
	if e := s.idx[joinIndex("x", n-1)]; e.line != 1 || e.col != 6+6*(n-1) {
		t.Errorf("last element at %d:%d, want 1:%d", e.line, e.col, 6+6*(n-1))
	}
	if ratio := float64(a4) / float64(a1); ratio > 6 {
		t.Errorf("4 times the input took %.1f times the allocation (%d, %d bytes)", ratio, a1, a4)
	}
}

func TestTooManyDigitsAreRefused(t *testing.T) {
	src := `a = 12345678901234567.89
b = 0.1234567890123456789
c = 1e-100000
d = 1234567890123456789
e = 123456789012345
f = 0.00000000000001
g = 1352.2000000000000000
`
	type fields struct {
		A decimal.Decimal `toml:"a"`
		B decimal.Decimal `toml:"b"`
		C decimal.Decimal `toml:"c"`
		D decimal.Decimal `toml:"d"`
		E decimal.Decimal `toml:"e"`
		F decimal.Decimal `toml:"f"`
		G decimal.Decimal `toml:"g"`
	}
	var f fields
	ds := Decode("f.toml", []byte(src), &f)
	want := []string{
		"f.toml:1:1：错误：“a”的数字 12345678901234567.89 共有 19 位（整数部分和小数部分合计），超过 15 位：Excel 评分表只能精确保存 15 位，多出的位会变成别的数字。请核对这个数（金额一般到分即可）；如确需更多位数，请改用更大的单位或更少的小数位。",
		"f.toml:2:1：错误：“b”的数字 0.1234567890123456789 共有 19 位",
		"f.toml:3:1：错误：“c”的数字 1e-100000 共有 100000 位",
		"f.toml:4:1：错误：“d”的数字 1234567890123456789 共有 19 位",
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%s", len(ds), len(want), ds)
	}
	for i, w := range want {
		if !strings.HasPrefix(ds[i].String(), w) {
			t.Errorf("got  %s\nwant %s", ds[i], w)
		}
	}
	if f.E.String() != "123456789012345" || f.F.String() != "0.00000000000001" || f.G.String() != "1352.2" {
		t.Errorf("15 digits are allowed: %s %s %s", f.E, f.F, f.G)
	}
}

func TestDigits(t *testing.T) {
	for s, want := range map[string]int{"0": 1, "1352.20": 5, "0.001": 3, "-96.497498": 8, "1e20": 21, "100": 3, "1352.2000000000000000": 5, "0.0e5": 1} {
		if got := Digits(decimal.RequireFromString(s)); got != want {
			t.Errorf("Digits(%s) = %d, want %d", s, got, want)
		}
		if got, ok := literalDigits(s); !ok || got != want {
			t.Errorf("literalDigits(%s) = %d, %v, want %d", s, got, ok, want)
		}
	}
	if got := Digits(decimal.New(1, -100000)); got != 100000 {
		t.Errorf("Digits(1e-100000) = %d", got)
	}
	for s, want := range map[string]int{"1e-100000": 100000, "1E+3": 4, "-0.5e1": 1, "1e99999999999999999999": math.MaxInt32, "00012.50": 3} {
		if got, ok := literalDigits(s); !ok || got != want {
			t.Errorf("literalDigits(%s) = %d, %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"inf", "-nan", "", "e5", "1.2.3"} {
		if _, ok := literalDigits(s); ok {
			t.Errorf("literalDigits(%q) accepted", s)
		}
	}
}

func TestProblemsBeyondTheCapAreCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"t\"\n")
	for i := 0; i < 10_000; i++ {
		fmt.Fprintf(&b, "unknown%d = 1\n", i)
	}
	var d doc
	ds := Decode("f.toml", []byte(b.String()), &d)
	if len(ds) != limits.Messages+1 {
		t.Fatalf("%d diagnostics, want %d", len(ds), limits.Messages+1)
	}
	if !strings.HasPrefix(ds[0].String(), "f.toml:2:1：错误：未知的键“unknown0”") {
		t.Errorf("first: %s", ds[0])
	}
	if got := ds[limits.Messages].String(); got != "f.toml：错误：此文件还有 9950 个错误没有列出。请先改正以上问题，再运行一次。" {
		t.Errorf("last: %s", got)
	}
	if e, w := ds.Totals(); e != 10_000 || w != 0 {
		t.Errorf("count %d errors, %d warnings", e, w)
	}
}

// TestEveryParserMessageIsChinese drives the parser into each of its
// errors: each comes out as a specific Chinese sentence, with no English
// word outside quotes.
func TestEveryParserMessageIsChinese(t *testing.T) {
	word := regexp.MustCompile(`[a-z]{4,}`)
	quoted := regexp.MustCompile(`“[^”]*”|"[^"]*"|'[^']*'`)
	for _, src := range []string{
		"a = \"x\n", "a = 1\na = 2", "[a]\n[a]", "a = 1\n[[a]]", "a = [1 2]", "a = {b = 1 c = 2}", "a = 1 b", "a =",
		"a", "a = \"abc", "a = 1.", "= 1", ".a = 1", "a.. = 1", "[a", "[a b]", "[[a]", "[]", "a = [1,,2]", "a = \"\x01\"",
		"a = \"\\q\"", "a = \"\\u12\"", "a = \"\\uD800\"", "a = \"\"\"x\"\"\"\"\"\"", "a = 1979-13-45", "a = 99999999999999999999",
		"a = .5", "a = +0x10", "a = 1_", "a = 01", "a = 1e", "a = 1.e5", "a = tru", "x = 1 = 2", "a = '''x''''''", "a = 'x",
		"a = '''x", "a = \"\"\"x", "a = [1,2", "a = {b=1", "[[a]]\n[a]", "a = 1e400", "a = 0x", "a = -0o9", "a = 1__0",
		"a = 1.5_", "a = 2019-1-1", "a = 1979-05-27T", "a = 0o", "a = \x00", "\xef\xbb\xbfa = 1 b",
	} {
		got := decodeAny([]byte(src))
		if len(got) != 1 || !strings.Contains(got[0], "：错误：TOML 格式错误：") {
			t.Errorf("%q: %q", src, got)
			continue
		}
		_, msg, _ := strings.Cut(got[0], "：错误：") // after the file name
		if strings.Contains(msg, "这里的写法无法识别") {
			t.Errorf("%q: no specific translation: %s", src, msg)
		}
		if w := word.FindString(quoted.ReplaceAllString(msg, "")); w != "" {
			t.Errorf("%q: English %q in %s", src, w, msg)
		}
	}
}

func TestCountsBoundAnArrayInEitherForm(t *testing.T) {
	counts := map[string]Count{"a.city": {Max: 2, Msg: "超过 %d 个。", Hint: "请删去多余的。"}}
	for src, want := range map[string]string{
		"[a]\n[[a.city]]\nx=1\n[[a.city]]\nx=2\n[[a.city]]\nx=3\n": "f.toml:6:1：错误：超过 2 个。请删去多余的。",
		"[a]\ncity = [ 1, 2,\n 3 ]\n":                              "f.toml:3:2：错误：超过 2 个。请删去多余的。",
	} {
		var m map[string]any
		if ds := DecodeCounted("f.toml", []byte(src), &m, counts); len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%q: got %s, want %s", src, ds, want)
		}
	}
	var m map[string]any
	if ds := DecodeCounted("f.toml", []byte("[a]\ncity = [1, 2]\nother = [1, 2, 3]\n"), &m, counts); len(ds) != 0 {
		t.Errorf("within the count: %s", ds)
	}
}
