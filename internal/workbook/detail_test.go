package workbook

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
	"ipfund/internal/tomlx"
)

// TestDetailSheets2019 reads the detail tables back: the report's rows,
// 小计 and 合计 as SUM formulas with the sums cached, merged labels.
func TestDetailSheets2019(t *testing.T) {
	_, b := scoring2019(t)
	bk := openBook(t, b)
	xmlCells := checkCachedFormulas(t, b, 120)

	const s = "明细1 知识产权奖励项目"
	if got := bk.value(s, "A1"); got != "子项目1：知识产权奖励项目支出明细表" {
		t.Errorf("title = %q", got)
	}
	for cell, want := range map[string]string{"A2": "项目", "C2": "单位数量（家）", "D2": "奖励数量（件）", "E2": "支付金额（万元）",
		"A3": "授权专利奖励", "A4": "小计", "A7": "贯标企业奖励", "B8": "2019年度", "A12": "合计"} {
		if got := bk.value(s, cell); got != want {
			t.Errorf("%s!%s = %q, want %q", s, cell, got, want)
		}
	}
	rows := bk.rows(s)
	tr := findRow(t, rows, 1, "合计")
	if tr != 12 {
		t.Fatalf("合计 in row %d, want 12", tr)
	}
	// The report's 合计 row: 622 / 4579 / 1352.2, the sum of the 小计s.
	for col, want := range map[string]string{"C": "622", "D": "4579", "E": "1352.2"} {
		ref := fmt.Sprintf("%s%d", col, tr)
		wantNum(t, s+" 合计 "+col, bk.value(s, ref), want)
		wantFormula(t, bk, s, ref, fmt.Sprintf("SUM(%[1]s4,%[1]s6,%[1]s9,%[1]s11)", col))
		if c := xmlCells[s][ref]; c.Type != "" || c.Value == "" {
			t.Errorf("%s!%s cached as %+v", s, ref, c)
		}
	}
	// 小计 rows sum their group's rows.
	for ref, want := range map[string][2]string{
		"C4": {"SUM(C3)", "410"}, "D6": {"SUM(D5)", "100"}, "C9": {"SUM(C7:C8)", "199"},
		"D9": {"SUM(D7:D8)", "0"}, "E9": {"SUM(E7:E8)", "535.3"}, "E11": {"SUM(E10)", "130"},
	} {
		if got := bk.formula(s, ref); got != want[0] {
			t.Errorf("%s!%s = %s, want %s", s, ref, got, want[0])
		}
		wantNum(t, s+"!"+ref, bk.value(s, ref), want[1])
	}
	if got := bk.shown(s, "E3"); got != "666.90" {
		t.Errorf("E3 shows %q, want 666.90", got)
	}
	bk.wantMerges(t, s, "A1:E1", "A2:B2", "A7:A8", "A4:B4", "A12:B12")
	if head := styleOf(t, bk, s, "C2"); head.Font.Family != fontHeader || !head.Font.Bold || len(head.Border) != 4 {
		t.Errorf("header style: %+v", head.Font)
	}
	if st := styleOf(t, bk, s, "E12"); !st.Font.Bold || st.CustomNumFmt == nil || *st.CustomNumFmt != "0.00" {
		t.Errorf("合计 style: bold %v format %v", st.Font.Bold, st.CustomNumFmt)
	}

	// A table without groups: 序号 numbered, one SUM over the rows.
	const s2 = "明细2 知识产权补助项目"
	rows = bk.rows(s2)
	tr = findRow(t, rows, 1, "合计")
	if got := bk.value(s2, "A7"); got != "5" {
		t.Errorf("%s A7 = %q, want 序号 5", s2, got)
	}
	wantFormula(t, bk, s2, fmt.Sprintf("G%d", tr), "SUM(G3:G7)")
	wantNum(t, s2+" 合计", bk.value(s2, fmt.Sprintf("G%d", tr)), "126")
	wantNum(t, s2+" 贷款金额合计", bk.value(s2, fmt.Sprintf("E%d", tr)), "17250")
	if got := bk.value(s2, "D6"); got != "定价基准利率+1.78%" {
		t.Errorf("%s D6 = %q", s2, got)
	}
	// Amounts in 元 keep their unit.
	if got := bk.value("明细4 知识产权保护中心运行经费项目", "C2"); got != "支出金额（元）" {
		t.Errorf("明细4 C2 = %q", got)
	}
	wantNum(t, "明细4 合计", bk.value("明细4 知识产权保护中心运行经费项目", "C14"), "2705300")
	wantFormula(t, bk, "明细4 知识产权保护中心运行经费项目", "C14", "SUM(C3:C13)")
}

// manyGroups makes a detail table of groups×rows rows (group, text, count,
// amount); every group but each third states a 小计.
func manyGroups(groups, rows int) *fund.Detail {
	d := &fund.Detail{
		Unit: fund.UnitYuan,
		Columns: []fund.Column{
			{Key: "kind", Title: "类别", Kind: fund.ColGroup},
			{Key: "name", Title: "企业名称", Kind: fund.ColText},
			{Key: "n", Title: "件数", Kind: fund.ColCount, Sum: true},
			{Key: "amount", Title: "金额", Kind: fund.ColAmount, Sum: true},
		},
	}
	for g := range groups {
		grp := fund.RowGroup{Label: fmt.Sprintf("第%d类", g+1)}
		for i := range rows {
			k := g*rows + i
			grp.Rows = append(grp.Rows, fund.Row{
				{},
				{Text: fmt.Sprintf("企业%d", k)},
				{Text: "x", Num: decimal.NewFromInt(int64(k%7 + 1)), IsNum: true},
				{Text: "x", Num: decimal.New(int64(k*131%10000+1), -2), IsNum: true},
			})
		}
		if g%3 != 2 {
			grp.Subtotal = map[string]tomlx.Scalar{}
		}
		d.Groups = append(d.Groups, grp)
	}
	return d
}

// withDetail is the 2019 result whose first sub-project has the table d.
func withDetail(t testing.TB, d *fund.Detail) *calc.Result {
	r := result2019(t)
	r.Subprojects[0].Sub.Detail = d
	return r
}

// TestDetailManyGroups: past maxSumPieces the 小计 and 合计 use SUBTOTAL,
// which leaves the 小计 rows out of the 合计.
func TestDetailManyGroups(t *testing.T) {
	for _, groups := range []int{maxSumPieces / 2, 3 * maxSumPieces} {
		d := manyGroups(groups, 3)
		b, err := Scoring(withDetail(t, d))
		if err != nil {
			t.Fatal(err)
		}
		bk := openBook(t, b)
		const s = "明细1 知识产权奖励项目"
		if got := bk.value(s, "D2"); got != "金额（元）" {
			t.Errorf("D2 = %q, want the unit added", got)
		}
		rows := bk.rows(s)
		tr := findRow(t, rows, 1, "合计")
		subtotals := groups - groups/3
		if want := dtFirstRow + 3*groups + subtotals; tr != want {
			t.Fatalf("%d groups: 合计 in row %d, want %d", groups, tr, want)
		}
		wantNum(t, "合计件数", bk.value(s, fmt.Sprintf("C%d", tr)), d.Sum("n").String())
		wantNum(t, "合计金额", bk.value(s, fmt.Sprintf("D%d", tr)), d.Sum("amount").String())
		f := bk.formula(s, fmt.Sprintf("D%d", tr))
		sub := bk.formula(s, "D6")
		if groups > maxSumPieces {
			if f != fmt.Sprintf("SUBTOTAL(9,D3:D%d)", tr-1) || sub != "SUBTOTAL(9,D3:D5)" {
				t.Errorf("%d groups: 合计 %s, 小计 %s", groups, f, sub)
			}
		} else if !strings.HasPrefix(f, "SUM(D6,D10,D11:D13,D17,") || sub != "SUM(D3:D5)" {
			t.Errorf("%d groups: 合计 %s, 小计 %s", groups, f, sub)
		}
		wantNum(t, "第1类小计", bk.value(s, "D6"), d.GroupSum(d.Groups[0], "amount").String())
		if got := bk.value(s, "A7"); got != "第2类" {
			t.Errorf("A7 = %q", got)
		}
		// The label is merged down its group's rows.
		merged, err := bk.f.GetMergeCells(s)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range merged {
			found = found || m.GetStartAxis()+":"+m.GetEndAxis() == "A7:A9"
		}
		if !found {
			t.Error("第2类 not merged over A7:A9")
		}
		if dim, err := bk.f.GetSheetDimension(s); err != nil || dim != fmt.Sprintf("A1:D%d", tr) {
			t.Errorf("dimension %q (%v), want A1:D%d", dim, err, tr)
		}
	}
}

// TestDetailSheetNames: 明细 sheets are named like the sub-projects' and are
// unique among all sheets.
func TestDetailSheetNames(t *testing.T) {
	r := &calc.Result{Year: &fund.Year{}}
	long := strings.Repeat("很长的名称", 10)
	for _, no := range []int{1, 1} {
		r.Subprojects = append(r.Subprojects, calc.Sub{Sub: &fund.Subproject{No: no, Name: long, Detail: manyGroups(1, 1)}})
	}
	r.Subprojects = append(r.Subprojects, calc.Sub{Sub: &fund.Subproject{No: 2, Name: "没有明细"}})
	_, details := sheetNames(r)
	want := []string{"明细1 " + string([]rune(long)[:27]), "明细1 " + string([]rune(long)[:24]) + "（2）", ""}
	if !slices.Equal(details, want) {
		t.Errorf("details = %q, want %q", details, want)
	}
}

// TestDetailTallLabel: a long group label merged down two short rows makes
// the last of them tall enough for it.
func TestDetailTallLabel(t *testing.T) {
	d := manyGroups(1, 2)
	d.Groups[0].Label = strings.Repeat("很长的分组名称", 12)
	b, err := Scoring(withDetail(t, d))
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	const s = "明细1 知识产权奖励项目"
	h3, _ := bk.f.GetRowHeight(s, 3)
	h4, _ := bk.f.GetRowHeight(s, 4)
	if h3 > 25 || h4 < 3*sizeBody*lineSpacing {
		t.Errorf("rows 3 and 4 are %.1f and %.1f points high for an 84-character label", h3, h4)
	}
}

// TestDetailEmptyGroups: a group without rows sums to 0 and adds nothing
// to the 合计; no formula refers to its own cell.
func TestDetailEmptyGroups(t *testing.T) {
	d := manyGroups(4, 2)
	d.Groups[0].Rows, d.Groups[0].Subtotal = nil, map[string]tomlx.Scalar{}
	d.Groups[1].Subtotal = nil
	d.Groups[2].Rows, d.Groups[2].Subtotal = nil, nil
	d.Groups[3].Rows = d.Groups[3].Rows[:1]
	b, err := Scoring(withDetail(t, d))
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	const s = "明细1 知识产权奖励项目"
	for ref, want := range map[string]string{"A3": "小计", "C3": "0", "A4": "第2类", "A6": "第4类", "C7": "SUM(C6)", "A8": "合计", "C8": "SUM(C3,C4:C5,C7)"} {
		got := bk.formula(s, ref)
		if got == "" {
			got = bk.value(s, ref)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	wantNum(t, "合计", bk.value(s, "C8"), d.Sum("n").String())
}
