package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

var sheets2019 = []string{"汇总", "1 知识产权奖励项目", "2 知识产权补助项目", "3 知识产权维权援助项目",
	"4 知识产权保护中心运行经费项目", "5 知识产权管理费项目", "绩效目标表", "绩效自评表",
	"明细1 知识产权奖励项目", "明细2 知识产权补助项目", "明细3 知识产权维权援助项目", "明细4 知识产权保护中心运行经费项目", "图表"}

// details2019 are the detail tables' sheets (the 管理费 has no table).
var details2019 = sheets2019[8:12]

func scoring2019(t *testing.T) (*calc.Result, []byte) {
	t.Helper()
	r := result2019(t)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

func TestScoringFileName(t *testing.T) {
	if got, want := ScoringFileName(result2019(t)), "附件-2019年度知识产权专项资金绩效评价评分表.xlsx"; got != want {
		t.Errorf("ScoringFileName = %q, want %q", got, want)
	}
}

// TestSummary2019 reads the summary sheet back and checks the report's
// figures in the cached values, and that the derived cells are formulas.
func TestSummary2019(t *testing.T) {
	_, b := scoring2019(t)
	bk := openBook(t, b)
	if got := bk.f.GetSheetList(); !slices.Equal(got, sheets2019) {
		t.Fatalf("sheets = %q, want %q", got, sheets2019)
	}
	const s = "汇总"
	if got := bk.value(s, "A1"); got != "2019年度知识产权专项资金绩效评价评分汇总表" {
		t.Errorf("title = %q", got)
	}
	rows := bk.rows(s)
	tr := findRow(t, rows, 1, "合计（专项资金）")
	if tr != 11 {
		t.Fatalf("合计 row = %d, want 11 (5 sub-projects after 5 title and header rows)", tr)
	}
	at := func(col string, row int) string { return bk.value(s, fmt.Sprintf("%s%d", col, row)) }

	// One row per sub-project: rate, weight, own score, weighted 产出数量.
	subs := []struct{ name, budget, rate, weight, total, quantity string }{
		{"知识产权奖励项目", "1558", "86.79", "77.51", "95.68", "15.5"},
		{"知识产权补助项目", "126", "100", "6.27", "99", "1.25"},
		{"知识产权维权援助项目", "10", "30", "0.5", "75", "0.06"},
		{"知识产权保护中心运行经费项目", "300", "90.18", "14.93", "94.02", "2.54"},
		{"知识产权管理费项目", "16", "30.31", "0.8", "81.03", "0.14"},
	}
	for i, w := range subs {
		row := 6 + i
		if got := at("B", row); got != w.name {
			t.Errorf("B%d = %q, want %q", row, got, w.name)
		}
		wantNum(t, w.name+" 预算", at("C", row), w.budget)
		wantNum(t, w.name+" 预算执行率", at("F", row), w.rate)
		wantNum(t, w.name+" 权重", at("G", row), w.weight)
		wantNum(t, w.name+" 子项目得分", at("H", row), w.total)
		wantNum(t, w.name+" 产出数量按权重得分", at("J", row), w.quantity)
		wantFormula(t, bk, s, fmt.Sprintf("F%d", row), fmt.Sprintf("ROUND(E%d/C%d*100,2)", row, row))
		wantFormula(t, bk, s, fmt.Sprintf("G%d", row), fmt.Sprintf("ROUND(C%d/C$11*100,2)", row))
		wantFormula(t, bk, s, fmt.Sprintf("H%d", row), fmt.Sprintf("'%s'!H", sheets2019[i+1]))
		// The exact share C/C$11, never the rounded weight G.
		wantFormula(t, bk, s, fmt.Sprintf("J%d", row), fmt.Sprintf("'%s'!H", sheets2019[i+1]), fmt.Sprintf("*C%d/C$11,2)", row))
	}
	// 奖励's four 产出数量 indicators are summed.
	wantFormula(t, bk, s, "J6", "ROUND(SUM('1 知识产权奖励项目'!H5:H8)*C6/C$11,2)")
	if got := bk.formula(s, "J6"); strings.Contains(got, "G6") {
		t.Errorf("J6 = %s uses the rounded weight", got)
	}

	// The fund's row.
	wantNum(t, "预算合计", at("C", tr), "2010")
	wantNum(t, "实际支出合计", at("E", tr), "1756.58")
	wantNum(t, "专项资金预算执行率", at("F", tr), "87.39")
	if got := bk.shown(s, "F11"); got != "87.39%" {
		t.Errorf("F11 shows %q, want 87.39%%", got)
	}
	wantNum(t, "总分", at("H", tr), "95.41")
	wantFormula(t, bk, s, "C11", "SUM(C6:C10)")
	wantFormula(t, bk, s, "E11", "SUM(E6:E10)")
	wantFormula(t, bk, s, "F11", "ROUND(E11/C11*100,2)")
	wantFormula(t, bk, s, "H11", "SUM(I11:R11)")
	// Category totals in scoring order; 预算执行率 from the fund's own rate.
	cats := []string{"8.74", "19.49", "15", "3.86", "8.32", "10", "10", "0", "10", "10"}
	for k, want := range cats {
		col := colName(9 + k)
		wantNum(t, "类别合计 "+col, at(col, tr), want)
		if k == 0 {
			// Scored from the printed rate (score_from = "rounded_rate").
			wantFormula(t, bk, s, "I11", "ROUND(F11*10/100,2)")
		} else {
			wantFormula(t, bk, s, col+"11", fmt.Sprintf("SUM(%s6:%s10)", col, col))
		}
	}
	if got := bk.value(s, "P5"); !strings.Contains(got, "生态效益") || !strings.Contains(got, "未设置") {
		t.Errorf("P5 = %q, want the not-set 生态效益 column", got)
	}

	sr := findRow(t, rows, 1, "总分")
	wantNum(t, "总分行", at("H", sr), "95.41")
	gr := findRow(t, rows, 1, "评价等级")
	if got := at("H", gr); got != "优" {
		t.Errorf("评价等级 = %q, want 优", got)
	}
	wantFormula(t, bk, s, fmt.Sprintf("H%d", gr), `IF(H12>=90,"优",IF(H12>=80,"良",IF(H12>=60,"中","差")))`)
}

// wantFormula checks that a cell's formula contains every part.
func wantFormula(t testing.TB, bk *book, sheet, cell string, parts ...string) {
	t.Helper()
	got := bk.formula(sheet, cell)
	if got == "" {
		t.Errorf("%s!%s has no formula (value %q)", sheet, cell, bk.value(sheet, cell))
		return
	}
	for _, p := range parts {
		if !strings.Contains(got, p) {
			t.Errorf("%s!%s = %s, want it to contain %s", sheet, cell, got, p)
		}
	}
}

// TestSubprojectSheets2019 checks each sub-project's 评分表.
func TestSubprojectSheets2019(t *testing.T) {
	r, b := scoring2019(t)
	bk := openBook(t, b)
	totals := []string{"95.68", "99", "75", "94.02", "81.03"}
	for i, want := range totals {
		s := sheets2019[i+1]
		rows := bk.rows(s)
		tr := findRow(t, rows, 1, "合计")
		wantNum(t, s+" 合计得分", bk.value(s, fmt.Sprintf("H%d", tr)), want)
		wantNum(t, s+" 合计分值", bk.value(s, fmt.Sprintf("F%d", tr)), "100")
		wantFormula(t, bk, s, fmt.Sprintf("H%d", tr), fmt.Sprintf("SUM(H4:H%d)", tr-1))
		wantFormula(t, bk, s, fmt.Sprintf("F%d", tr), fmt.Sprintf("SUM(F4:F%d)", tr-1))
		// The budget and spending come from the summary.
		wantFormula(t, bk, s, "B2", fmt.Sprintf("'汇总'!C%d", 6+i))
		wantFormula(t, bk, s, "D2", fmt.Sprintf("'汇总'!E%d", 6+i))
		ex := findRow(t, rows[3:], 5, "预算执行率") + 3 // below the info row
		wantFormula(t, bk, s, fmt.Sprintf("H%d", ex), "ROUND(F2*10/100,2)")
		wantNum(t, s+" 执行率得分", bk.value(s, fmt.Sprintf("H%d", ex)), r.Subprojects[i].Categories[0].Score.String())
		ns := findRow(t, rows, 5, "未设置")
		if got := bk.value(s, fmt.Sprintf("I%d", ns)); got != "本项目不产生直接生态效益，未设置生态效益指标。" {
			t.Errorf("%s 生态效益 row says %q", s, got)
		}
	}

	const s = "1 知识产权奖励项目"
	if got := bk.value(s, "A1"); got != "子项目1：知识产权奖励项目绩效评价评分表" {
		t.Errorf("title = %q", got)
	}
	rows := bk.rows(s)
	wantNum(t, "执行率得分", bk.value(s, "H4"), "8.68")
	wantNum(t, "执行率", bk.value(s, "F2"), "86.79")
	basis := func(name string) string { return bk.value(s, fmt.Sprintf("I%d", findRow(t, rows[3:], 5, name)+3)) }
	for name, want := range map[string]string{
		"预算执行率": "预算执行率=实际支出/预算=1352.2/1558=86.79%",
		"实际支出与计划安排费用的变动程度": "变动程度=(1558-1352.2)/1558=13.21%＞10%，得8分",
		"资金支付及时性":          "扣分原因：奖励资金跨年度支付，于2020年2月才支付完成",
		"专利授权奖励受理及资金下达":    "（1）2019年受理专利授权奖励4487项，计划2000项；完成率=实际/计划=4487/2000=224.35%",
		"项目合规性":            "所有项目均符合南昌市知识产权专项资金管理办法，得15分",
	} {
		if got := basis(name); !strings.Contains(got, want) {
			t.Errorf("评分依据 of %s = %q, want it to contain %q", name, got, want)
		}
	}
	// 一级 and 二级 are merged over their rows: 产出 over 产出数量's four
	// indicators (rows 5–8) and the three single ones after it (9–11). The
	// page ends after row 8, so the merges are cut there and the labels
	// repeated at the top of the next page; the 分值 as text, so that the
	// column's SUM still counts 50 once. The next page ends after row 17,
	// inside 效益 (rows 12–18).
	bk.wantMerges(t, s, "A1:I1", "A5:A8", "A9:A11", "B5:B8", "B9:B11", "C5:C8", "D5:D8", "A12:A17", "B12:B17")
	for cell, want := range map[string]string{"A9": "产出", "B9": "50", "A18": "效益", "B18": "30"} {
		if got := bk.value(s, cell); got != want {
			t.Errorf("%s = %q, want the label %q repeated", cell, got, want)
		}
	}
	if typ, _ := bk.f.GetCellType(s, "B9"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("the repeated 分值 is of type %v, want text", typ)
	}
	if got := rowBreaks(t, b, 2); !slices.Equal(got, []int{8, 17}) {
		t.Errorf("page breaks after rows %v, want [8 17]", got)
	}
}

func TestTargetSheet2019(t *testing.T) {
	_, b := scoring2019(t)
	bk := openBook(t, b)
	const s = "绩效目标表"
	if got := bk.value(s, "A1") + bk.value(s, "A2"); got != "绩效目标表（2019年度）" {
		t.Errorf("title = %q", got)
	}
	for cell, want := range map[string]string{
		"A3": "专项名称", "B3": "知识产权专项资金",
		"A4": "财政部门", "B4": "南昌市财政局", "D4": "主管部门", "E4": "南昌市市场监督管理局（南昌市知识产权局）",
		"A5": "资金安排情况", "B6": "其中：本年度预算", "A8": "年度目标",
	} {
		if got := bk.value(s, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	wantNum(t, "年度金额", bk.value(s, "C5"), "2010")
	wantFormula(t, bk, s, "C5", "C6+C7")
	wantNum(t, "本年度预算", bk.value(s, "C6"), "1700")
	wantNum(t, "上年结余", bk.value(s, "C7"), "310")
	goals := bk.value(s, "B8")
	if !strings.HasPrefix(goals, "目标1：发明专利授权量同比增长2%") || !strings.Contains(goals, "\n目标4：保障知识产权保护中心") {
		t.Errorf("年度目标 = %q", goals)
	}
	rows := bk.rows(s)
	for name, want := range map[string][3]string{
		"发明专利授权量同比增长":   {"≥2%", "6.63%", "已完成"},
		"奖励、补助资金支付完成时限": {"2019年12月31日", "2020年2月", "未完成"}, // shown as the report writes it
		"企业知识产权管理制度":    {"完善", "完善", "已完成"},
	} {
		row := rows[findRow(t, rows, 3, name)-1]
		if got := [3]string{row[3], row[4], row[5]}; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if got := bk.value(s, "A10"); got != "产出指标" {
		t.Errorf("A10 = %q", got)
	}
}

// TestFormulasCarryValues reads the sheets' XML: every formula has a cached
// value, numbers are cached as numbers (no t="str"), and the value is our
// figure.
func TestFormulasCarryValues(t *testing.T) {
	_, b := scoring2019(t)
	sheets := checkCachedFormulas(t, b, 120)
	for ref, want := range map[string]xmlCell{
		"H11": {Formula: "SUM(I11:R11)", Value: "95.41"},
		"J11": {Formula: "SUM(J6:J10)", Value: "19.49"},
		"I11": {Formula: "ROUND(F11*10/100,2)", Value: "8.74"},
		"F11": {Formula: "ROUND(E11/C11*100,2)", Value: "87.39"},
		"H13": {Type: "str", Formula: `IF(H12&gt;=90`, Value: "优"},
	} {
		got := sheets["汇总"][ref]
		if got.Type != want.Type || got.Value != want.Value || !strings.HasPrefix(strings.ReplaceAll(got.Formula, ">", "&gt;"), want.Formula) {
			t.Errorf("汇总!%s = %+v, want %+v", ref, got, want)
		}
	}
	if got := sheets["1 知识产权奖励项目"]["H20"]; got.Formula != "SUM(H4:H19)" || got.Value != "95.68" {
		t.Errorf("奖励 H20 = %+v, want SUM(H4:H19) cached 95.68", got)
	}
}

// checkCachedFormulas checks that every formula of a workbook has a cached
// value, numbers cached as numbers, and that there are at least min
// formulas; it returns the cells for further checks.
func checkCachedFormulas(t *testing.T, b []byte, min int) map[string]map[string]xmlCell {
	t.Helper()
	sheets := sheetXML(t, b)
	n := 0
	for name, cells := range sheets {
		for ref, c := range cells {
			if c.Formula == "" {
				continue
			}
			n++
			if c.Value == "" {
				t.Errorf("%s!%s: formula %s without a cached value", name, ref, c.Formula)
			}
			if _, err := strconv.ParseFloat(c.Value, 64); err == nil && c.Type != "" {
				t.Errorf("%s!%s: number %s cached with t=%q", name, ref, c.Value, c.Type)
			}
		}
	}
	if n < min {
		t.Errorf("only %d formulas in the workbook, want at least %d", n, min)
	}
	return sheets
}

// TestOfficialLook checks the print setup, fonts and frozen panes.
func TestOfficialLook(t *testing.T) {
	_, b := scoring2019(t)
	bk := openBook(t, b)
	titles := map[string]string{}
	for _, dn := range bk.f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, s := range sheets2019 {
		pl, err := bk.f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page size %d, fit %v×%v; want A4 (9), 1 page wide", s, *pl.Size, pl.FitToWidth, pl.FitToHeight)
		}
		// A sheet wider than portraitWidth prints landscape: the summary
		// (its categories) and the 评分表s (their texts) always are.
		dim, err := bk.f.GetSheetDimension(s)
		if err != nil {
			t.Fatal(err)
		}
		lastCol, _, err := excelize.CellNameToCoordinates(dim[strings.IndexByte(dim, ':')+1:])
		if err != nil {
			t.Fatal(err)
		}
		width := 0.0
		for c := 1; c <= lastCol; c++ {
			w, err := bk.f.GetColWidth(s, colName(c))
			if err != nil {
				t.Fatal(err)
			}
			width += w
		}
		want := "portrait"
		if width > portraitWidth {
			want = "landscape"
		}
		if (s == "汇总" || !strings.HasPrefix(s, "明细") && s != "绩效目标表" && s != selfEvalSheetName && s != chartSheetName) && want != "landscape" {
			t.Errorf("%s is only %.0f wide", s, width)
		}
		if *pl.Orientation != want {
			t.Errorf("%s (%.0f wide): orientation %s, want %s", s, width, *pl.Orientation, want)
		}
		pm, err := bk.f.GetPageMargins(s)
		if err != nil {
			t.Fatal(err)
		}
		if pm.Horizontally == nil || !*pm.Horizontally {
			t.Errorf("%s: not centred horizontally", s)
		}
		props, err := bk.f.GetSheetProps(s)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off, so FitToWidth is ignored", s)
		}
		if titles[s] == "" && s != chartSheetName { // a page of its own: no repeated rows
			t.Errorf("%s: no print titles", s)
		}
		// Title: merged, centred, bold, large.
		title := styleOf(t, bk, s, "A1")
		if !title.Font.Bold || title.Font.Size < 16 || title.Font.Family != fontTitle || title.Alignment.Horizontal != "center" {
			t.Errorf("%s title style: %+v %+v", s, title.Font, title.Alignment)
		}
	}
	if titles["汇总"] != "'汇总'!$3:$5" || titles["1 知识产权奖励项目"] != "'1 知识产权奖励项目'!$3:$3" || titles["明细1 知识产权奖励项目"] != "'明细1 知识产权奖励项目'!$2:$2" {
		t.Errorf("print titles: %v", titles)
	}
	for _, s := range append(sheets2019[:6:6], details2019...) {
		panes, err := bk.f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit == 0 {
			t.Errorf("%s: header not frozen: %+v", s, panes)
		}
	}
	head := styleOf(t, bk, "汇总", "A3")
	if head.Font.Family != fontHeader || !head.Font.Bold || len(head.Fill.Color) == 0 || len(head.Border) != 4 {
		t.Errorf("header style: font %+v fill %+v borders %d", head.Font, head.Fill, len(head.Border))
	}
	body := styleOf(t, bk, "1 知识产权奖励项目", "I5")
	if body.Font.Family != fontBody || !body.Alignment.WrapText || len(body.Border) != 4 {
		t.Errorf("body style: font %+v wrap %v borders %d", body.Font, body.Alignment.WrapText, len(body.Border))
	}
	for cell, want := range map[string]string{"F6": `0.00"%"`, "J6": "0.00", "C6": "0.00"} {
		st := styleOf(t, bk, "汇总", cell)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("汇总!%s number format %v, want %s", cell, st.CustomNumFmt, want)
		}
	}
}

func styleOf(t testing.TB, bk *book, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := bk.f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := bk.f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil {
		st.Font = &excelize.Font{}
	}
	if st.Alignment == nil {
		st.Alignment = &excelize.Alignment{}
	}
	return st
}

// TestEdgeYear: a sub-project without indicators in a category, and an
// indicator with a very long 评分依据.
func TestEdgeYear(t *testing.T) {
	y, ds := fund.Load("testdata/edge/2020")
	if len(ds.Errors()) > 0 {
		t.Fatal(ds)
	}
	if w := ds.Error(); !strings.Contains(w, "没有“产出数量”类指标") {
		t.Fatalf("the edge data should warn about the missing category, got %s", w)
	}
	r := calc.Compute(y)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)

	const s2 = "2 乙项目"
	rows := bk.rows(s2)
	row := findRow(t, rows, 5, "（未填写该类指标）")
	if got := rows[row-1]; got[2] != "产出数量" || got[5] != "50" || got[7] != "0" || !strings.Contains(got[8], "按0分计") {
		t.Errorf("missing category row: %q", got)
	}
	tr := findRow(t, rows, 1, "合计")
	wantNum(t, "乙 合计", bk.value(s2, fmt.Sprintf("H%d", tr)), r.Subprojects[1].Total.String())
	wantNum(t, "乙 合计分值", bk.value(s2, fmt.Sprintf("F%d", tr)), "100")
	sum := openBook(t, b).rows("汇总")
	if got := sum[6][9]; got != "0" { // 乙's weighted 产出数量
		t.Errorf("乙 产出数量 weighted = %q, want 0", got)
	}

	// The long text wraps into a row tall enough for it: the 评分依据
	// column holds at most about 28 CJK characters a line in any
	// application, and a line needs at least the font size.
	const s1 = "1 甲项目"
	rows = bk.rows(s1)
	row = findRow(t, rows, 5, "宣传活动")
	text := rows[row-1][8]
	if n := len([]rune(text)); n < 400 || !strings.Contains(text, "扣分原因：部分宣传活动未按计划时间开展") {
		t.Fatalf("long text (%d characters) = %q", n, text)
	}
	h, err := bk.f.GetRowHeight(s1, row)
	if err != nil {
		t.Fatal(err)
	}
	lines := float64(len([]rune(text))) / 28
	if h < lines*sizeBody {
		t.Errorf("row %d is %.1fpt high for %d characters (at least %.0f lines)", row, h, len([]rune(text)), lines)
	}
	if h2, _ := bk.f.GetRowHeight(s1, row+1); h2 >= h {
		t.Errorf("the long row (%.1fpt) is not taller than the next (%.1fpt)", h, h2)
	}
	st := styleOf(t, bk, s1, fmt.Sprintf("I%d", row))
	if !st.Alignment.WrapText {
		t.Error("the long text does not wrap")
	}
}

// TestManySubprojects builds a year of 20 sub-projects with long and
// repeated names: sheet names stay unique and within Excel's 31 characters.
func TestManySubprojects(t *testing.T) {
	y, ds := fund.Load("testdata/edge/2020")
	if len(ds.Errors()) > 0 {
		t.Fatal(ds)
	}
	proto := y.Subprojects[0]
	y.Subprojects = nil
	y.Fund.BudgetCurrent, y.Fund.BudgetCarryover, y.Fund.Spending = decimal.Zero, decimal.Zero, decimal.Zero
	for i := range 20 {
		sp := proto
		sp.No = i + 1
		switch {
		case i%3 == 0:
			sp.Name = "知识产权运营服务体系建设重点城市专项资金子项目名称很长很长很长很长"
		case i%3 == 1:
			sp.Name = "同名项目"
		default:
			sp.Name = "Project/with:forbidden*chars?[x]\\'quote'"
		}
		y.Subprojects = append(y.Subprojects, sp)
		y.Fund.BudgetCurrent = y.Fund.BudgetCurrent.Add(sp.BudgetCurrent)
		y.Fund.BudgetCarryover = y.Fund.BudgetCarryover.Add(sp.BudgetCarryover)
		y.Fund.Spending = y.Fund.Spending.Add(sp.Spending)
	}
	r := calc.Compute(y)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	names := bk.f.GetSheetList()
	if len(names) != 42 { // 汇总, 20 评分表, 20 明细 and 图表
		t.Fatalf("%d sheets, want 42: %q", len(names), names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if u := len(utf16.Encode([]rune(n))); u > 31 {
			t.Errorf("sheet name %q is %d UTF-16 units long", n, u)
		}
		if strings.ContainsAny(n, `[]:*?/\`) || strings.HasPrefix(n, "'") || strings.HasSuffix(n, "'") {
			t.Errorf("sheet name %q has a character Excel forbids", n)
		}
		if seen[strings.ToLower(n)] {
			t.Errorf("sheet name %q repeats", n)
		}
		seen[strings.ToLower(n)] = true
	}
	rows := bk.rows("汇总")
	tr := findRow(t, rows, 1, "合计（专项资金）")
	if tr != 6+20 {
		t.Errorf("合计 row %d, want 26", tr)
	}
	wantNum(t, "总分", bk.value("汇总", fmt.Sprintf("H%d", tr)), r.Total.String())
	// Every sub-project row links to its own sheet.
	for i := range 20 {
		f := bk.formula("汇总", fmt.Sprintf("H%d", 6+i))
		if f != quoteSheet(names[i+1])+"!H"+strings.TrimPrefix(f, quoteSheet(names[i+1])+"!H") || !strings.HasPrefix(f, quoteSheet(names[i+1])) {
			t.Errorf("H%d = %s, want a link to %s", 6+i, f, names[i+1])
		}
	}
}

func TestSubSheetNamesDeduplicate(t *testing.T) {
	y := &fund.Year{}
	r := &calc.Result{Year: y}
	long := strings.Repeat("很长的名称", 10)
	for _, no := range []int{1, 1, 1} {
		r.Subprojects = append(r.Subprojects, calc.Sub{Sub: &fund.Subproject{No: no, Name: long}})
	}
	r.Subprojects = append(r.Subprojects, calc.Sub{Sub: &fund.Subproject{No: 2, Name: "汇总"}})
	got := subSheetNames(r)
	want := []string{"1 " + string([]rune(long)[:29]), "1 " + string([]rune(long)[:26]) + "（2）", "1 " + string([]rune(long)[:26]) + "（3）", "2 汇总"}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}
