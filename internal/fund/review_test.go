package fund

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

func TestScanCommentsFollowsStrings(t *testing.T) {
	src := strings.Join([]string{
		`# 待确认：a title comment, not a mark`,
		`a = "x # y"   # 保留`,
		`b = 'c#d'`,
		`c = """`,
		`line # inside the string`,
		`"""  # 待确认；closing line`,
		`d = "esc \" # still inside"  # plain`,
		`e = '''a # b'''#保留`,
		`f = 1`,
		`g = """one line # x"""`,
	}, "\n")
	c := scanComments(src, true)
	for line, want := range map[int]mark{1: unconfirmedMark, 2: keepMark, 6: unconfirmedMark, 7: noMark, 8: keepMark} {
		if got, ok := c.find(line); !ok || got.mark != want {
			t.Errorf("line %d: comment %+v, want mark %d", line, got, want)
		}
	}
	for _, line := range []int{3, 5, 9, 10} {
		if got, ok := c.find(line); ok {
			t.Errorf("line %d has no comment, found %+v", line, got)
		}
	}
	if marks := scanComments(src, false); len(marks.list) != 4 {
		t.Errorf("the marks alone: %+v", marks.list)
	}
	for _, m := range []struct {
		line int
		mark mark
		want bool
	}{
		{1, unconfirmedMark, false}, // a comment line of its own marks nothing
		{2, keepMark, true},
		{4, unconfirmedMark, true}, // the multi-line string opened here closes with the mark
		{6, unconfirmedMark, true},
		{7, keepMark, false},
		{8, keepMark, true},
		{9, keepMark, false},
	} {
		if got := c.marked(m.line, m.mark); got != m.want {
			t.Errorf("line %d marked %d = %v, want %v", m.line, m.mark, got, m.want)
		}
	}
	if m, _ := c.find(2); m.at != 14 {
		t.Errorf("line 2: comment at byte %d, want 14", m.at)
	}
}

// TestScanCommentsIsLinearAtTheLimit scans data files of the size limit
// shaped to hurt a careless scanner (every byte a quote, an opening of a
// multi-line string, an escape, a comment, a mark; one line of it all):
// the bytes the scan looks at are at most three times the input — linear by
// count, not by stopwatch — and each scan stays far under a second.
func TestScanCommentsIsLinearAtTheLimit(t *testing.T) {
	shapes := map[string]string{
		"quotes":           `"`,
		"empty strings":    `""`,
		"multi-line opens": `"""a`,
		"literal opens":    `'''`,
		"escapes":          `"\\\"`,
		"comments":         "#\n",
		"marks":            "x # 保留\n",
		"long line prefix": strings.Repeat("x", 1000) + "#\n",
		"keys and values":  `k = "v" # c` + "\n",
		"one long line":    `x = "a#b", `,
	}
	for name, unit := range shapes {
		src := strings.Repeat(unit, limits.DataFile/len(unit))
		for _, all := range []bool{false, true} {
			start := time.Now()
			c := scanComments(src, all)
			// Generous wall-clock guards for a loaded 2-core machine: every
			// build scans for marks; only ipfund new records every comment.
			// Half a second per MB of the limit (12 MB: 6 s).
			limit := time.Duration(limits.DataFile>>20) * time.Second / 2
			if all {
				limit = limit * 5 / 2
			}
			if d := time.Since(start); d > limit {
				t.Errorf("%s (all %v): %v for %d bytes", name, all, d, len(src))
			}
			if c.steps > 3*len(src) {
				t.Errorf("%s: %d steps for %d bytes: not linear", name, c.steps, len(src))
			}
		}
	}
}

// twoYears writes the seed as 2019 and a copy edited as 2020 beside it,
// with year and period fixed, and loads 2020.
func twoYears(t *testing.T, edits map[string]map[string]string) (*Year, diag.List) {
	t.Helper()
	data := t.TempDir()
	seedInto(t, data, "2019", nil)
	all := map[string]map[string]string{"fund.toml": {"year =": "year = 2020", "start =": "start = 2020-01-01", "end =": "end = 2020-12-31"}}
	for f, e := range edits {
		if all[f] == nil {
			all[f] = map[string]string{}
		}
		for k, v := range e {
			all[f][k] = v
		}
	}
	return Load(seedInto(t, data, "2020", all))
}

// staleAt returns the stale-text warnings by "file:line".
func staleAt(ds diag.List) map[string]string {
	out := map[string]string{}
	for _, d := range ds {
		if d.Class == diag.ClassStale {
			out[fmt.Sprintf("%s:%d", filepath.Base(d.Pos.File), d.Pos.Line)] = d.Msg + d.Hint
		}
	}
	return out
}

func TestStaleTextIsCaught(t *testing.T) {
	y, ds := twoYears(t, map[string]map[string]string{
		"report.toml": {
			// Rewritten but still about 2019.
			"background =": `background = "为增强2019年企业自主创新能力"`,
			// Rewritten; the 2019 in it is the cited notice's title.
			`text = "深入学习财政部`: `text = "学习《南昌市财政局关于开展2019年度市级部门财政项目支出绩效评价工作的通知》（洪财办〔2020〕10号）文件。"`,
			// Unchanged, but reviewed.
			"other_intro =": `other_intro = "关于2019年知识产权专项资金使用计划中未使用的情况说明："  # 保留：说明的是上年的计划`,
			// A count against the data, and a part that is not a count of all.
			`"2019年知识产权专项资金涉及`: `  "{年度}年知识产权专项资金涉及6个类别，其中三个子项目按期完成。",`,
			// A placeholder for the year.
			"overall_target_intro =": `overall_target_intro = "根据{年度}年度工作总体目标，较{上年度}年有所提高："`,
		},
		"subproject-3-rights-aid.toml": {
			// A date outside the period, in an indicator rewritten otherwise.
			`text = "本项目实际下达时间与年初计划时间同步`: `text = "本项目按计划同步下达，在2019年12月31日前完成"`,
		},
	})
	if ds.HasErrors() {
		t.Fatalf("errors: %v", ds.Errors())
	}
	stale := staleAt(ds)
	for where, want := range map[string]string{
		"report.toml:27":                   "这段文字提到“2019年”，而这是 2020 年度的报告。请按本年度改写（年度可写成 {年度}，由程序填入）；如确属本意，在这一行末尾加注释“# 保留”。",
		"report.toml:32":                   "这段文字写的“6个类别”与数据不符：本年度有 5 个子项目。请按本年度改写（子项目个数可写成 {子项目数}，由程序填入）",
		"report.toml:41":                   "这段文字与 2019 年度的文字完全相同。请按本年度改写；如确属本意，在这一行末尾加注释“# 保留”。",
		"subproject-3-rights-aid.toml:106": "这段文字写的日期 2019年12月31日 不在实施期限 2020年1月1日-2020年12月31日 内。",
		"targets.toml:145":                 "绩效目标表第11项“奖励、补助资金支付完成时限”的完成时限 2019年12月31日 不在实施期限 2020年1月1日-2020年12月31日 内。",
	} {
		if got, ok := stale[where]; !ok || !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", where, got, want)
		}
	}
	for _, where := range []string{"report.toml:45", "report.toml:85", "report.toml:90"} {
		if got, ok := stale[where]; ok {
			t.Errorf("%s should not be flagged: %s", where, got)
		}
	}
	if got := y.Report.OverallTargetIntro; got != "根据2020年度工作总体目标，较2019年有所提高：" {
		t.Errorf("placeholders filled as %q", got)
	}
	if got := y.Report.Content[1]; !strings.HasPrefix(got, "2020年知识产权专项资金涉及6个类别") {
		t.Errorf("content filled as %q", got)
	}
}

// TestNoPreviousYearNoComparison: the first year of the data has nothing to
// be stale against; the seed loads with its known warnings only: the two
// disagreements of the original report and its missing 成文日期.
func TestNoPreviousYearNoComparison(t *testing.T) {
	_, ds := Load(seedYear(t, "2019", nil))
	if n := len(ds.Warnings()); n != 3 || len(staleAt(ds)) != 0 {
		t.Errorf("%d warnings: %v", n, ds)
	}
}

func TestCountsInProse(t *testing.T) {
	y := &Year{Subprojects: make([]Subproject, 5)}
	for text, want := range map[string]string{
		"涉及5个类别":         "",
		"涉及五个类别":         "",
		"涉及4个类别":         "4个类别",
		"对十二个子项目进行了评价":   "十二个子项目",
		"其他三个子项目均按期完成":   "",
		"其中两个子项目未完成":     "",
		"另外2个子项目":        "",
		"4个子项目和6个类别":     "4个子项目”“6个类别",
		"设立了二十五个子项目":     "二十五个子项目",
		"包括两个子项目":        "两个子项目",
		"共有十个类别（含5个子项目）": "十个类别",
	} {
		if got := strings.Join(y.wrongCounts(text), "”“"); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

// TestDeductionsAgreeWithTheScore: a stated amount must be points − score
// (errors); a reason on a full score is a warning.
func TestDeductionsAgreeWithTheScore(t *testing.T) {
	dir := seedYear(t, "2019", map[string]map[string]string{
		"subproject-4-protection-center.toml": {
			`deduction = "未按计划完成预审流程管理软件租用，扣3分"`: `deduction = "未按计划完成预审流程管理软件租用，扣除2分"`,
		},
		"subproject-5-management.toml": {
			"score = 2.5": "score = 2.5\ndeduction = \"无\"",
		},
	})
	_, ds := Load(dir)
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Msg, "扣") {
			got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(d.Pos.File), d.Pos.Line, d.String()[strings.Index(d.String(), "：")+3:]))
		}
	}
	joined := strings.Join(got, "\n")
	for _, w := range []string{
		"subproject-4-protection-center.toml:73 错误：子项目4“知识产权保护中心运行经费项目”的指标“专利快速预审及企业服务”的扣分原因写“扣除2分”（共扣 2 分），但分值 8 − 得分 5 = 扣 3 分。请使两者一致：改正“score”或文字。",
		"subproject-5-management.toml:34 警告：子项目5“知识产权管理费项目”的指标“受理侵权纠纷”得满分 2.5 分，却写了扣分原因“无”：满分时扣分原因不会写入评分表。请删去“deduction”，或核对得分。",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in:\n%s", w, joined)
		}
	}
	if len(got) != 2 {
		t.Errorf("%d deduction messages, want 2 (the text's own 扣3分 agrees):\n%s", len(got), joined)
	}
}
