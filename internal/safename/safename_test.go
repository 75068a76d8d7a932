package safename

import (
	"strings"
	"testing"
)

func TestProblemsNameEveryFault(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"南昌市", nil},
		{"知识产权专项资金", nil},
		{"产出（数量）", nil},
		{"a b", nil},
		{"1.5 级", nil},
		{"CONTROL", nil},
		{"", []string{"是空的"}},
		{"   ", []string{"只有空格"}},
		{"\u3000", []string{"只有空格"}},
		{" 南昌", []string{"开头有空格"}},
		{"南昌\u3000", []string{"结尾有空格"}},
		{"a/b", []string{"含有“/”"}},
		{`a\b:c*?"<>|`, []string{`含有“\”、“:”、“*”、“?”、“"”、“<”、“>”、“|”`}},
		{"../../../../../tmp/x/", []string{"含有“/”", "以“.”开头", "过长（21 个字，最多 20 个字）"}},
		{"../x", []string{"含有“/”", "以“.”开头"}},
		{"/../../../tmp/x/N", []string{"含有“/”", "含有“..”"}},
		{"a\x00b", []string{"含有控制字符 U+0000"}},
		{"a\nb\u0001", []string{"含有控制字符 U+000A、控制字符 U+0001"}},
		{"a\u202Eb", []string{"含有控制字符 U+202E"}},
		{"a\u200Bb", []string{"含有控制字符 U+200B"}},
		{"南昌.", []string{"以“.”结尾"}},
		{"a..b", []string{"含有“..”"}},
		{"CON", []string{"是 Windows 保留的设备名 CON"}},
		{"nul.txt", []string{"是 Windows 保留的设备名 NUL"}},
		{"Com1", []string{"是 Windows 保留的设备名 COM1"}},
		{"LPT9 .docx", []string{"是 Windows 保留的设备名 LPT9"}},
		{strings.Repeat("长", 21), []string{"过长（21 个字，最多 20 个字）"}},
		{strings.Repeat("长", 20), nil},
		{"\xff", []string{"不是有效的 UTF-8 文字"}},
	} {
		got := Problems(c.in, MaxRegion)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Problems(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSuggestGivesAUsableName(t *testing.T) {
	for in, want := range map[string]string{
		"a/b":                   "a、b",
		"../../../../../tmp/x/": "tmp、x",
		"/../../../tmp/x/N":     "tmp、x、N",
		`a\b`:                   "a、b",
		"专利申请/授权量":              "专利申请、授权量",
		"目标1:完成":                "目标1：完成",
		"  南昌市 ":                "南昌市",
		"南昌\n市":                 "南昌市",
		"CON":                   "",
		"...":                   "",
		"":                      "",
		strings.Repeat("长", 25): strings.Repeat("长", 20),
	} {
		got := Suggest(in, MaxRegion)
		if got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
		if got != "" && !OK(got, MaxRegion) {
			t.Errorf("Suggest(%q) = %q is itself not usable: %v", in, got, Problems(got, MaxRegion))
		}
	}
}

func TestExplainSaysWhatToWrite(t *testing.T) {
	got := Explain("地区", "a/b", MaxRegion)
	want := `地区“a/b”不能用作名称：含有“/”。这个名称会成为输出文件名或计算结果中的名称，须在 Windows 上也能用作文件名：不能含有 \ / : * ? " < > | 和控制字符（换行等），开头和结尾不能是空格或“.”，不超过 20 个字。请改为“a、b”之类的写法。`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Explain("地区", "   ", MaxRegion); !strings.HasSuffix(got, "请填写名称。") || !strings.HasPrefix(got, "地区“   ”不能用作名称：只有空格。") {
		t.Errorf("spaces: %s", got)
	}
	if got := Explain("地区", "NUL", MaxRegion); !strings.HasSuffix(got, "请换一个名称。") {
		t.Errorf("reserved: %s", got)
	}
	if got := Explain("地区", "南昌市", MaxRegion); got != "" {
		t.Errorf("a good name explained: %s", got)
	}
	if got := Show("a\nb" + strings.Repeat("长", 40)); got != "a<U+000A>b"+strings.Repeat("长", 27)+"……（共 43 个字）" {
		t.Errorf("Show: %s", got)
	}
}
