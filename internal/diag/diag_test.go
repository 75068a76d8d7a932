package diag

import "testing"

func TestPositionsRenderAsStaffReadThem(t *testing.T) {
	for _, c := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "data/2019/fund.toml", Line: 21, Col: 1}, "data/2019/fund.toml:21:1"},
		{Pos{File: "data/2019/fund.toml", Line: 21}, "data/2019/fund.toml:21"},
		{Pos{File: "data/2019/fund.toml"}, "data/2019/fund.toml"},
		{Pos{File: "data/2019/奖励名单.xlsx", Grid: true, Sheet: "Sheet1", Line: 1234, Col: 3, Header: "奖励金额"}, "data/2019/奖励名单.xlsx 工作表“Sheet1” 第1234行 C列（奖励金额）"},
		{Pos{File: "data/2019/奖励名单.xlsx", Grid: true, Sheet: "Sheet1", Line: 5}, "data/2019/奖励名单.xlsx 工作表“Sheet1” 第5行"},
		{Pos{File: "data/2019/奖励名单.csv", Grid: true, Line: 73412, Col: 28}, "data/2019/奖励名单.csv 第73412行 AB列"},
		{Pos{File: "data/2019/奖励名单.csv", Grid: true, Line: 2, Col: 702}, "data/2019/奖励名单.csv 第2行 ZZ列"},
	} {
		if got := c.pos.String(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.pos, got, c.want)
		}
	}
	d := Diagnostic{Pos: Pos{File: "a.xlsx", Grid: true, Line: 3}, Msg: "第3行是空行。", Source: "不显示"}
	if got := d.String(); got != "a.xlsx 第3行：错误：第3行是空行。" {
		t.Errorf("%s", got)
	}
}
