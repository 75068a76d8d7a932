package fund

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
	"ipfund/internal/sheet"
	"ipfund/internal/sheettest"
)

// seedWithSource copies the frozen 2019 data into a temporary directory,
// its 奖励 table reading its rows from file (written by write) with the
// [detail] section detail.
func seedWithSource(t *testing.T, file, detail string, write func(string) error) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "seed", "2019")
	dir := filepath.Join(t.TempDir(), "2019")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "subproject-1-reward.toml" {
			s, err := sheettest.ReplaceDetail(string(b), detail)
			if err != nil {
				t.Fatal(err)
			}
			b = []byte(s)
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	if write != nil {
		if err := write(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func errorLines(ds diag.List, dir string) []string {
	var out []string
	for _, d := range ds.Errors() {
		out = append(out, strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
	}
	return out
}

func TestSubtotalAndTotalRowsAreStatedFiguresNotRows(t *testing.T) {
	dir := seedWithSource(t, "奖励名单.xlsx", sheettest.Awards2019Detail("奖励名单.xlsx"), sheettest.Awards2019().XLSX)
	y, ds := Load(dir)
	if y == nil || ds.HasErrors() {
		t.Fatalf("%v", ds)
	}
	d := y.Subprojects[0].Detail
	if d.RowCount() != 5 || len(d.Groups) != 4 || d.Source.Rows != 5 || d.Source.TotalLine != 12 || d.Source.Sheet != "奖励" {
		t.Fatalf("%d rows in %d groups, source %+v", d.RowCount(), len(d.Groups), d.Source)
	}
	var got []string
	for _, g := range d.Groups {
		got = append(got, fmt.Sprintf("%s|%s,%s,%s,%s|%v", g.Label, d.GroupSum(g, "units"), d.GroupSum(g, "count"), d.GroupSum(g, "amount"), g.Subtotal["amount"].Text, g.Lines))
	}
	want := []string{
		"授权专利奖励|410,4479,666.9,666.9|[3]",
		"累计拥有国内外发明专利奖励|2,100,20,20|[5]",
		"贯标企业奖励|199,0,535.3,535.3|[7 8]",
		"优势示范企业奖励|11,0,130,130|[10]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Total["amount"].Text != "1352.2" || d.Sum("amount").String() != "1352.2" || d.Groups[2].SubtotalLine != 9 {
		t.Errorf("total %v, sum %s", d.Total, d.Sum("amount"))
	}
	if p := d.CellPos(&d.Groups[2], 1, 4).String(); p != filepath.Join(dir, "奖励名单.xlsx")+" 工作表“奖励” 第8行 E列（支付金额（万元））" {
		t.Errorf("cell position %s", p)
	}
	if r := d.Groups[2].Rows[1]; r.Cell(1).Text != "2019年度" || !r.Cell(2).IsNum || r.Cell(2).Text != "181" || !r.Cell(3).IsBlank() {
		t.Errorf("row %+v", r)
	}
}

// TestSpreadsheetRowsAreRecognisedOrRejected: each way a list can be laid
// out wrongly gets its one message, at its row and column.
func TestSpreadsheetRowsAreRecognisedOrRejected(t *testing.T) {
	const file = "奖励名单.xlsx"
	src := file + " 工作表“奖励” "
	awards := sheettest.Awards2019()
	for _, c := range []struct {
		name   string
		rows   func(r [][]any) [][]any
		detail func(string) string
		want   []string
	}{
		{name: "a subtotal with no rows above it", rows: func(r [][]any) [][]any { return append([][]any{r[1]}, r...) },
			want: []string{src + "第3行：错误：第3行是小计行，但上面没有属于它的明细行。小计行应紧接在它所小计的那一组各行之后；请删去多余的小计行。"}},
		{name: "a subtotal naming another group", rows: func(r [][]any) [][]any { r[1] = append([]any{"贯标企业奖励"}, r[1][1:]...); return r },
			want: []string{src + "第4行 A列（项目）：错误：第4行的小计写的组名是“贯标企业奖励”，但上面各行属于组“授权专利奖励”。请改正组名：小计行的组名应与它上面各行相同（或空着）。"}},
		{name: "rows after the total", rows: func(r [][]any) [][]any { return append(r, []any{"制表：张三"}) },
			want: []string{src + "第13行：错误：合计行（第12行）下面还有内容（第13行）。合计行必须是表格的最后一行。请删去合计行以下的内容（说明文字请移到别的工作表），或把合计行移到最后。"}},
		{name: "a row of a group after its subtotal", rows: func(r [][]any) [][]any {
			return append(r[:2:2], append([][]any{{"授权专利奖励", nil, 1, 1, 1}}, r[2:]...)...)
		},
			want: []string{src + "第5行 A列（项目）：错误：组“授权专利奖励”的行不连续：该组已在第4行小计，第5行又出现了这一组（上一次到第3行为止）。同一组的各行须排在一起，小计行放在该组最后。请在 Excel 中按分组列排序（或移动这些行）后保存。"}},
		{name: "a blank group label", rows: func(r [][]any) [][]any { r[0] = append([]any{nil}, r[0][1:]...); return r },
			want: []string{src + "第3行 A列（项目）：错误：分组列“项目”是空的：每一行都要写明它属于哪一组。请在每一行都填上组名（不要合并单元格；可以复制上一行的组名）。"}},
		{name: "a figure in a column that is not summed", detail: func(s string) string {
			return strings.Replace(s, `title = "奖励数量（件）", kind = "count", sum = true`, `title = "奖励数量（件）", kind = "count"`, 1)
		},
			want: []string{
				src + "第4行 D列（奖励数量（件））：错误：小计行的“奖励数量（件）”列有数字 4479，但该列不合计（“columns”中没有“sum = true”）。如需合计，请在该列加上“sum = true”；否则请删去这个数字。",
				src + "第6行 D列（奖励数量（件））：错误：小计行的“奖励数量（件）”列有数字 100，但该列不合计（“columns”中没有“sum = true”）。如需合计，请在该列加上“sum = true”；否则请删去这个数字。",
				src + "第9行 D列（奖励数量（件））：错误：小计行的“奖励数量（件）”列有数字 0，但该列不合计（“columns”中没有“sum = true”）。如需合计，请在该列加上“sum = true”；否则请删去这个数字。",
				src + "第11行 D列（奖励数量（件））：错误：小计行的“奖励数量（件）”列有数字 0，但该列不合计（“columns”中没有“sum = true”）。如需合计，请在该列加上“sum = true”；否则请删去这个数字。",
				src + "第12行 D列（奖励数量（件））：错误：合计行的“奖励数量（件）”列有数字 4579，但该列不合计（“columns”中没有“sum = true”）。如需合计，请在该列加上“sum = true”；否则请删去这个数字。",
			}},
		{name: "a negative amount", rows: func(r [][]any) [][]any { r[0][4] = -666.9; return r },
			want: []string{src + "第3行 E列（支付金额（万元））：错误：子项目1“知识产权奖励项目”的明细表中的金额、数量不能为负数（这里是 -666.9）。"}},
		{name: "more digits than the workbook keeps", rows: func(r [][]any) [][]any { r[0][4] = "666.9000000000001"; return r },
			want: []string{src + "第3行 E列（支付金额（万元））：错误：数字 666.9000000000001 共有 16 位（整数部分和小数部分合计），超过 15 位：Excel 评分表只能精确保存 15 位，多出的位会变成别的数字。请核对这个数（金额一般到分即可）；如确需更多位数，请改用更大的单位或更少的小数位。"}},
		{name: "a stated subtotal that does not add up", rows: func(r [][]any) [][]any { r[6][4] = sheettest.Formula{Expr: "SUM(E7:E8)", Value: 535.4}; return r },
			want: []string{src + "第9行：错误：子项目1“知识产权奖励项目”的明细表“贯标企业奖励”小计“支付金额（万元）”写的是 535.4万元，但按该组各行相加（2行，第7–8行）计算为 535.3万元。若该组各行无误，请把“表格第9行（小计）E列的数字”改为 535.3（或删去这一项，由程序计算）。若是该组各行有误，改正它即可。"}},
		{name: "sheet and header_row without rows_from", detail: func(s string) string {
			return strings.Replace(s, "rows_from = \"奖励名单.xlsx\"\n", "", 1) + groups2019
		},
			want: []string{
				"subproject-1-reward.toml:35:1：错误：子项目1“知识产权奖励项目”的明细表写了“sheet”，但没有“rows_from”：“sheet”只用于从表格文件读取明细行。请删去它，或补上“rows_from = \"表格文件名\"”。",
				"subproject-1-reward.toml:36:1：错误：子项目1“知识产权奖励项目”的明细表写了“header_row”，但没有“rows_from”：“header_row”只用于从表格文件读取明细行。请删去它，或补上“rows_from = \"表格文件名\"”。",
				"subproject-1-reward.toml:39:48：错误：子项目1“知识产权奖励项目”的明细表的“period”列写了“from”，但没有“rows_from”：“from”是该列在表格文件中的列名，只用于从表格文件读取明细行。请删去“from”，或补上“rows_from”。",
			}},
		{name: "rows_from and rows in the file", detail: func(s string) string { return s + groups2019 },
			want: []string{"subproject-1-reward.toml:35:1：错误：子项目1“知识产权奖励项目”的明细表的行已由“rows_from”指定从“奖励名单.xlsx”读取，又写了“[[detail.group]]”。两者只能选一：请删去“[[detail.group]]”各节，或删去“rows_from”。"}},
		{name: "a column without a title", detail: func(s string) string { return strings.Replace(s, `, from = "年度"`, "", 1) },
			want: []string{"subproject-1-reward.toml:40:3：错误：子项目1“知识产权奖励项目”的明细表的“period”列没有表头（“title”为空），无法在表格“奖励名单.xlsx”中找到它。请用“from = \"表格中的列名\"”写明它在表格中的列名。"}},
		{name: "the header row is blank", detail: func(s string) string { return strings.Replace(s, "header_row = 2", "header_row = 30", 1) },
			want: []string{src + "第30行：错误：表格是空的：从第30行（表头行）起没有任何内容。请确认“rows_from”指向的文件和“sheet”指定的工作表正确，“header_row”写的是表头所在的行。"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := awards
			a.Rows = nil
			for _, r := range awards.Rows {
				a.Rows = append(a.Rows, append([]any{}, r...))
			}
			if c.rows != nil {
				a.Rows = c.rows(a.Rows)
			}
			detail := sheettest.Awards2019Detail(file)
			if c.detail != nil {
				detail = c.detail(detail)
			}
			dir := seedWithSource(t, file, detail, a.XLSX)
			_, ds := Load(dir)
			got := errorLines(ds, dir)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// An invisible control character in a text cell (pasted from another
// system) is named where it is, not dropped from the report unsaid. A CSV
// file holds it raw; Excel writes it as _x0001_, decoded the same.
func TestControlCharactersInTextCellsAreRefused(t *testing.T) {
	const file = "奖励名单.csv"
	a := sheettest.Awards2019()
	a.Rows = append([][]any(nil), a.Rows...)
	a.Rows[4] = append([]any(nil), a.Rows[4]...)
	a.Rows[4][1] = "2018\x01年度"
	dir := seedWithSource(t, file, sheettest.Awards2019Detail(file), func(p string) error { return a.CSV(p, false) })
	_, ds := Load(dir)
	want := file + " 第7行 B列（年度）：错误：有看不见的控制字符（U+0001，在第4个字之后）。多半是从别的系统复制来的文字带进来的。请在 Excel 中重新输入这一格（或用 CLEAN 函数去掉它）后保存。"
	if got := strings.Join(errorLines(ds, dir), "\n"); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// A control character in the group cell of a 小计 row is named as such,
// not reported as a group name unlike the one above that looks the same.
func TestControlCharacterInASubtotalLabelIsNamed(t *testing.T) {
	const file = "奖励名单.csv"
	a := sheettest.Awards2019()
	a.Rows = append([][]any(nil), a.Rows...)
	a.Rows[1] = append([]any(nil), a.Rows[1]...)
	a.Rows[1][0] = "授权专利\x01奖励"
	dir := seedWithSource(t, file, sheettest.Awards2019Detail(file), func(p string) error { return a.CSV(p, false) })
	_, ds := Load(dir)
	want := file + " 第4行 A列（项目）：错误：有看不见的控制字符（U+0001，在第4个字之后）。多半是从别的系统复制来的文字带进来的。请在 Excel 中重新输入这一格（或用 CLEAN 函数去掉它）后保存。"
	if got := strings.Join(errorLines(ds, dir), "\n"); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// groups2019 are the 2019 奖励 table's rows as the TOML file writes them.
const groups2019 = `
[[detail.group]]
label = "授权专利奖励"
subtotal = { units = 410, count = 4479, amount = 666.9 }
rows = [ { units = 410, count = 4479, amount = 666.9 } ]

[[detail.group]]
label = "累计拥有国内外发明专利奖励"
rows = [ { units = 2, count = 100, amount = 20 } ]

[[detail.group]]
label = "贯标企业奖励"
rows = [ { period = "2018年度", units = 18, amount = 180 }, { period = "2019年度", units = 181, amount = 355.3 } ]

[[detail.group]]
label = "优势示范企业奖励"
rows = [ { period = "2018年度", units = 11, amount = 130 } ]
`

func TestHeadersMatchWhateverTheWidthOfBracketsAndSpaces(t *testing.T) {
	a := sheettest.Awards2019()
	a.Header = []string{"项 目", "年度", "单位数量(家)", "奖励数量\n（件）", "支付金额（万元） "}
	dir := seedWithSource(t, "名单.csv", strings.Replace(strings.Replace(sheettest.Awards2019Detail("名单.csv"), "名单.xlsx", "名单.csv", 1), "sheet = \"奖励\"\n", "", 1),
		func(p string) error { return a.CSV(p, true) })
	y, ds := Load(dir)
	if y == nil || ds.HasErrors() {
		t.Fatalf("%v", ds)
	}
	s := y.Subprojects[0].Detail.Source
	if strings.Join(s.Headers, "|") != "项 目|年度|单位数量(家)|奖励数量\n（件）|支付金额（万元）" || s.Encoding != "GBK" {
		t.Errorf("headers %q, encoding %s", s.Headers, s.Encoding)
	}
}

// TestCarryForwardTakesTheSpreadsheetAlong: a new year made from one whose
// 奖励 table reads a workbook gets the workbook as it is and its rows_from
// line marked, and nothing else of [detail] touched (the rows are not in
// the TOML file to mark); the new year loads.
func TestCarryForwardTakesTheSpreadsheetAlong(t *testing.T) {
	dir := seedWithSource(t, "奖励名单.xlsx", sheettest.Awards2019Detail("奖励名单.xlsx"), sheettest.Awards2019().XLSX)
	c, ds := CarryForward(dir, 2020)
	if c == nil {
		t.Fatalf("carry: %v", ds)
	}
	files := map[string]string{}
	for _, f := range c.Files {
		files[f.Name] = string(f.Data)
	}
	book, _ := os.ReadFile(filepath.Join(dir, "奖励名单.xlsx"))
	if files["奖励名单.xlsx"] != string(book) {
		t.Errorf("the workbook was not carried as it is")
	}
	reward := files["subproject-1-reward.toml"]
	old, _ := os.ReadFile(filepath.Join(dir, "subproject-1-reward.toml"))
	start := strings.Index(string(old), "\n[detail]\n")
	end := start + strings.Index(string(old)[start:], "spending_column")
	want := strings.Replace(string(old)[start:end], `rows_from = "奖励名单.xlsx"`, `rows_from = "奖励名单.xlsx"  # 待确认`, 1)
	if !strings.Contains(reward, want) {
		t.Errorf("[detail] carried as:\n%s\nwant:\n%s", reward[strings.Index(reward, "\n[detail]\n"):], want)
	}
	next := filepath.Join(filepath.Dir(dir), "2020")
	os.MkdirAll(next, 0o755)
	for name, data := range files {
		os.WriteFile(filepath.Join(next, name), []byte(data), 0o644)
	}
	if y, ds := Load(next); y == nil || ds.HasErrors() || y.Subprojects[0].Detail.Source.Rows != 5 {
		t.Errorf("the new year does not load: %v", ds.Errors())
	}
}

// TestGroupLabelsFromASpreadsheetAreNamesToo: a group with a 小计 gives its
// label to figures.toml; a label that cannot be a name there is reported
// at its cell.
func TestGroupLabelsFromASpreadsheetAreNamesToo(t *testing.T) {
	a := sheettest.Awards2019()
	for _, i := range []int{4, 5, 6} {
		a.Rows[i] = append([]any{"贯标/企业奖励"}, a.Rows[i][1:]...)
	}
	dir := seedWithSource(t, "奖励名单.xlsx", sheettest.Awards2019Detail("奖励名单.xlsx"), a.XLSX)
	_, ds := Load(dir)
	// (The indicators' cross-check of the old label fails too.)
	got := errorLines(ds, dir)
	want := "奖励名单.xlsx 工作表“奖励” 第7行 A列（项目）：错误：明细表组名“贯标/企业奖励”不能用作名称：含有“/”。"
	if len(got) != 2 || !strings.HasPrefix(got[1], want) {
		t.Errorf("errors:\n%s\nwant the second to start:\n%s", strings.Join(got, "\n"), want)
	}
}

// A table with more bad cells than are listed: the count of the rest comes
// after them and counts as the errors it stands for.
func TestMoreBadCellsThanListedAreCountedLast(t *testing.T) {
	const file = "奖励名单.csv"
	a := sheettest.Awards2019()
	a.Rows = append([][]any(nil), a.Rows[:1]...)
	for range 70 {
		a.Rows = append(a.Rows, []any{"授权专利奖励", nil, 1, 1, "1万"})
	}
	dir := seedWithSource(t, file, sheettest.Awards2019Detail(file), func(p string) error { return a.CSV(p, false) })
	_, ds := Load(dir)
	lines := errorLines(ds, dir)
	if len(lines) != sheet.MaxProblems+1 || !strings.HasPrefix(lines[0], file+" 第4行 E列（支付金额（万元））：错误：写的是“1万”") ||
		lines[len(lines)-1] != file+"：错误：此文件还有 20 个错误没有列出。请先改正以上问题，再运行一次。" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if errs, _ := ds.Totals(); errs != 70 {
		t.Errorf("%d errors counted, want 70", errs)
	}
}

// An indicator's figure in 万元 checked against a table in 元 (as lists
// received from elsewhere often are) is the same amount, not a
// disagreement; a count is compared as it is.
func TestAnAmountInWanMatchesATableInYuan(t *testing.T) {
	const file = "奖励名单.csv"
	a := sheettest.Awards2019()
	yuan := decimal.NewFromInt(10000)
	a.Rows = append([][]any(nil), a.Rows...)
	toYuan := func(v any) any { return decimal.RequireFromString(fmt.Sprint(v)).Mul(yuan).IntPart() }
	for i, r := range a.Rows {
		r = append([]any(nil), r...)
		if f, ok := r[4].(sheettest.Formula); ok {
			f.Value = toYuan(f.Value)
			r[4] = f
		} else {
			r[4] = toYuan(r[4])
		}
		a.Rows[i] = r
	}
	detail := strings.Replace(sheettest.Awards2019Detail(file), `unit = "万元"`, `unit = "元"`, 1)
	detail = strings.ReplaceAll(detail, "支付金额（万元）", "支付金额（元）")
	a.Header[4] = "支付金额（元）"
	dir := seedWithSource(t, file, detail, func(p string) error { return a.CSV(p, false) })
	y, ds := Load(dir)
	if y == nil || ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Msg, "两者不一致") {
			got = append(got, d.Msg)
		}
	}
	want := "子项目1“知识产权奖励项目”的指标“专利授权奖励受理及资金下达”第1项写实际数 4487，明细表“授权专利奖励”的“奖励数量（件）”为 4479，两者不一致。"
	if len(got) != 1 || got[0] != want {
		t.Errorf("disagreements:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
