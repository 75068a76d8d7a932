package tomlx

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
)

type row struct {
	At     At
	Name   string            `toml:"name,required" zh:"名称"`
	Amount decimal.Decimal   `toml:"amount"`
	Cells  map[string]Scalar `toml:"cells"`
}

type doc struct {
	At    At
	Title string          `toml:"title,required" zh:"标题"`
	Total decimal.Decimal `toml:"total"`
	When  Date            `toml:"when"`
	Rows  []row           `toml:"row"`
	Tags  []string        `toml:"tags"`
}

const sample = `# comment
title = "表" # trailing comment
total = 96.497498
when = 2019-12-31
tags = [
  "a",   # one
  "b",
]

[[row]]
name = "甲"
amount = 1_352.20
cells = { x = 1, y = "文字", "z.w" = 2.5 }

[[row]]
name = """多行
文字"""
amount = 0.000000000000001
`

func TestDecodeKeepsExactDecimalsAndPositions(t *testing.T) {
	var d doc
	if ds := Decode("f.toml", []byte(sample), &d); len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", ds)
	}
	if d.Total.String() != "96.497498" || d.Rows[0].Amount.String() != "1352.2" || d.Rows[1].Amount.String() != "0.000000000000001" {
		t.Errorf("decimals: %s %s %s", d.Total, d.Rows[0].Amount, d.Rows[1].Amount)
	}
	if d.When != (Date{2019, 12, 31}) || d.When.String() != "2019年12月31日" {
		t.Errorf("date %v", d.When)
	}
	if c := d.Rows[0].Cells["y"]; c.IsNum || c.Text != "文字" {
		t.Errorf("text cell %+v", c)
	}
	if c := d.Rows[0].Cells["z.w"]; !c.IsNum || c.Num.String() != "2.5" {
		t.Errorf("quoted-key cell %+v", c)
	}
	checks := []struct {
		got  diag.Pos
		line int
	}{
		{d.At.Key("title"), 2},
		{d.At.Key("total"), 3},
		{d.At.Elem("tags", 1), 7},
		{d.Rows[0].At.Pos(), 10},
		{d.Rows[0].At.Key("amount"), 12},
		{d.Rows[0].At.Key("cells"), 13},
		{d.Rows[1].At.Pos(), 15},
		{d.Rows[1].At.Key("amount"), 18},
		{d.Rows[1].At.Key("missing"), 15},
	}
	for i, c := range checks {
		if c.got.Line != c.line || c.got.File != "f.toml" {
			t.Errorf("check %d: position %v, want line %d", i, c.got, c.line)
		}
	}
}

func TestDecodeReportsEveryProblemAtOnce(t *testing.T) {
	src := `title = 3
totl = 1
[[row]]
amount = "12"
[[row]]
name = "乙"
amount = 1
cells = { x = true }
`
	var d doc
	ds := Decode("f.toml", []byte(src), &d)
	want := []string{
		"f.toml:2:1：错误：未知的键“totl”：程序不认识这个名字，写在这里的数据不会被使用。请检查拼写（是不是“total”？）；这里可以写的键有：“title”、“total”、“when”、“row”、“tags”。",
		"f.toml:1:1：错误：“title（标题）”应为文字（用英文双引号括起来），这里写的是数字 3。请按说明改正。",
		"f.toml:3:1：错误：“row[0]”缺少必填项“name（名称）”。请补上这一项。",
		"f.toml:4:1：错误：“amount”应为数字，这里写的是带引号的文字“12”。数字不要加引号，也不要写单位或千分位逗号，例如 1352.2。",
		"f.toml:8:11：错误：“x”应为数字或文字，这里写的是true。请按说明改正。",
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%s", len(ds), len(want), ds)
	}
	for i, w := range want {
		if ds[i].String() != w {
			t.Errorf("diagnostic %d:\n got %s\nwant %s", i, ds[i], w)
		}
	}
}

func TestSyntaxErrorsAreTranslated(t *testing.T) {
	cases := map[string]string{
		"a = \"x\n":        "f.toml:1:7：错误：TOML 格式错误：文字没有在本行结束",
		"a = 1\na = 2\n":   "f.toml:2:1：错误：TOML 格式错误：键“a”重复定义了",
		"a = [1, 2\nb=1\n": "f.toml:2:1：错误：TOML 格式错误：数组里各项之间应以逗号分隔",
		"a 1\n":            "f.toml:1:3：错误：TOML 格式错误：键名后面应是等号“=”",
	}
	for src, want := range cases {
		var d map[string]any
		ds := Decode("f.toml", []byte(src), &d)
		if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), want) {
			t.Errorf("%q: got %s, want prefix %s", src, ds, want)
		}
	}
}

// A control character written as an escape passes the TOML parser; no
// document can show it, so it is refused where it is loaded, with where
// it stands. Tabs and line breaks are text.
func TestControlCharactersAreRefused(t *testing.T) {
	src := `title = "甲\u0007乙"
tags = ["a\tb", "c\u007Fd"]
[[row]]
name = "行\n一"
cells = { y = "x\u0000" }
`
	var d doc
	ds := Decode("f.toml", []byte(src), &d)
	want := []string{
		`f.toml:1:1：错误：“title（标题）”中有看不见的控制字符 U+0007（在第1个字之后），报告和表格中都无法显示。请删去它（文件中写作 \u0007 之类，或是从别处复制来的文字带进来的）。`,
		`f.toml:5:11：错误：“y”中有看不见的控制字符 U+0000（在第1个字之后），报告和表格中都无法显示。请删去它（文件中写作 \u0000 之类，或是从别处复制来的文字带进来的）。`,
		`f.toml:2:17：错误：“tags的第2项”中有看不见的控制字符 U+007F（在第1个字之后），报告和表格中都无法显示。请删去它（文件中写作 \u007F 之类，或是从别处复制来的文字带进来的）。`,
	}
	var lines []string
	for _, x := range ds {
		lines = append(lines, x.String())
	}
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if d.Tags[0] != "a\tb" || d.Rows[0].Name != "行\n一" {
		t.Errorf("tab and line break: %q %q", d.Tags[0], d.Rows[0].Name)
	}
	for _, c := range []struct {
		s      string
		r      rune
		before int
		bad    bool
	}{{"普通\t文字\r\n", 0, 0, false}, {"中\x1f", 0x1f, 1, true}, {"\uffff", 0xffff, 0, true}, {"\ufffd", 0, 0, false}} {
		if r, before, bad := FindControl(c.s); r != c.r || before != c.before || bad != c.bad {
			t.Errorf("FindControl(%q) = %U %d %v", c.s, r, before, bad)
		}
	}
}
