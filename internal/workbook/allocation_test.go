package workbook

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestAllocationSample reads the 12-city sample back: cached amounts as alloc
// computed them, sums equal to the total, and formulas in the derived cells.
func TestAllocationSample(t *testing.T) {
	res := sampleResult(t)
	b, err := Allocation(sampleTitle, res)
	if err != nil {
		t.Fatal(err)
	}
	cells := checkCachedFormulas(t, b, 200)
	for ref, want := range map[string]string{"M5": "517.11", "M8": "81.93", "M17": "2000", "G17": "1", "L5": "0.01", "L6": "0"} {
		if got := cells["分配结果"][ref]; got.Value != want || got.Formula == "" || got.Type != "" {
			t.Errorf("分配结果!%s = %+v, want a formula with the number %s cached", ref, got, want)
		}
	}
	bk := openBook(t, b)
	if got, want := bk.f.GetSheetList(), []string{"输入数据", "计算过程", "分配结果", "图表"}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	const s = "分配结果"
	if got := bk.value(s, "A1"); got != sampleTitle {
		t.Errorf("title = %q", got)
	}
	// Columns: 序号, 设区市, 4 factors, 分配比例 G, 精确金额 H, 向下取整 I,
	// 余数 J, 排名 K, 调整额 L, 分配金额 M.
	sum := decimal.Zero
	for i, w := range sampleAmounts {
		row := 5 + i
		at := func(col string) string { return bk.value(s, fmt.Sprintf("%s%d", col, row)) }
		if got := at("B"); got != w.name {
			t.Fatalf("B%d = %q, want %s", row, got, w.name)
		}
		wantNum(t, w.name+" 分配金额", at("M"), w.amount)
		wantNum(t, w.name+" 调整额", at("L"), w.correction)
		wantNum(t, w.name+" 余数排名", at("K"), fmt.Sprint(res.Cities[i].Rank))
		sum = sum.Add(decimal.RequireFromString(at("M")))
		wantFormula(t, bk, s, fmt.Sprintf("G%d", row), fmt.Sprintf("SUM(C%d:F%d)", row, row))
		wantFormula(t, bk, s, fmt.Sprintf("H%d", row), fmt.Sprintf("G%d*'输入数据'!$C$20", row))
		wantFormula(t, bk, s, fmt.Sprintf("I%d", row), "ROUNDDOWN(")
		wantFormula(t, bk, s, fmt.Sprintf("K%d", row), fmt.Sprintf("RANK(J%d,$J$5:$J$16,0)+COUNTIF($J$5:J%d,J%d)-1", row, row, row))
		wantFormula(t, bk, s, fmt.Sprintf("L%d", row), fmt.Sprintf("IF(K%d<=$C$19,'输入数据'!$C$21,0)", row))
		wantFormula(t, bk, s, fmt.Sprintf("M%d", row), fmt.Sprintf("ROUND(I%d+L%d,2)", row, row))
	}
	if !sum.Equal(decimal.NewFromInt(2000)) {
		t.Errorf("cached amounts add up to %s, want 2000", sum)
	}
	rows := bk.rows(s)
	tr := findRow(t, rows, 1, "合计")
	wantNum(t, "Σ分配比例", bk.value(s, fmt.Sprintf("G%d", tr)), "1")
	wantNum(t, "Σ精确金额", bk.value(s, fmt.Sprintf("H%d", tr)), "2000")
	wantNum(t, "Σ分配金额", bk.value(s, fmt.Sprintf("M%d", tr)), "2000")
	wantNum(t, "Σ余数", bk.value(s, fmt.Sprintf("J%d", tr)), "5")
	if got := bk.shown(s, fmt.Sprintf("M%d", tr)); got != "2,000.00" {
		t.Errorf("Σ分配金额 shows %q", got)
	}
	left := findRow(t, rows, 1, "尾差个数")
	wantNum(t, "剩余单位数", bk.value(s, fmt.Sprintf("C%d", left)), "5")
	wantFormula(t, bk, s, fmt.Sprintf("C%d", left), "ROUND(('输入数据'!$C$20-I17)/'输入数据'!$C$21,0)")
	check := findRow(t, rows, 1, "核对")
	wantNum(t, "核对", bk.value(s, fmt.Sprintf("C%d", check)), "0")
	var note string
	for _, r := range rows {
		if len(r) > 0 && strings.Contains(r[0], "按最大余额法调整") {
			note = r[0]
		}
	}
	if !strings.Contains(note, "按最大余额法调整：先按精确金额向下取整到最小金额单位，剩余的 5 个单位依次分给余数最大的设区市（余数相同时按表中顺序）") {
		t.Errorf("note = %q", note)
	}

	// 输入数据: values, coefficients, parameters.
	in := "输入数据"
	wantNum(t, "南昌市 质押融资", bk.value(in, "D5"), "185000.5")
	wantNum(t, "合计 质押融资", bk.value(in, "D17"), "459301.55")
	wantFormula(t, bk, in, "D17", "SUM(D5:D16)")
	wantNum(t, "分配总额", bk.value(in, "C20"), "2000")
	wantNum(t, "最小金额单位", bk.value(in, "C21"), "0.01")
	wantNum(t, "专利运用权重", bk.value(in, "C22"), "0.4")
	if got := bk.shown(in, "C22"); got != "40%" {
		t.Errorf("专利运用权重 shows %q", got)
	}

	// Print setup: A4, one page wide; the tables' headers repeat.
	titles := map[string]string{}
	for _, dn := range bk.f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for sheet, orient := range map[string]string{"输入数据": "portrait", "计算过程": "landscape", "分配结果": "landscape"} {
		pl, err := bk.f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 || *pl.Orientation != orient {
			t.Errorf("%s: paper %d, fit %d×%d, %s; want A4 (9), 1×0, %s", sheet, *pl.Size, *pl.FitToWidth, *pl.FitToHeight, *pl.Orientation, orient)
		}
	}
	if titles["输入数据"] != "'输入数据'!$3:$4" || titles["分配结果"] != "'分配结果'!$3:$4" {
		t.Errorf("print titles %v", titles)
	}

	// 计算过程: the first factor's table, shares as live quotients.
	w := "计算过程"
	rows = bk.rows(w)
	first := findRow(t, rows, 2, "南昌市")
	wantFormula(t, bk, w, fmt.Sprintf("D%d", first), fmt.Sprintf("C%d/SUM($C$%d:$C$%d)", first, first, first+11))
	wantFormula(t, bk, w, fmt.Sprintf("G%d", first), fmt.Sprintf("D%d+F%d", first, first))
	wantFormula(t, bk, w, fmt.Sprintf("K%d", first), "'输入数据'!$C$22")
	if got := bk.shown(w, fmt.Sprintf("K%d", first)); got != "13.4006%" {
		t.Errorf("南昌市 专利运用加权比例 shows %q, want 13.4006%%", got)
	}
	for _, h := range []string{"一、专利运用（权重40%）", "二、专利创造（权重16%）", "三、专利执法（权重24%）", "四、重点工作（权重20%）"} {
		findRow(t, rows, 1, h)
	}
}

// TestAllocationYuan: amounts in 元 with a quantum of 1 are whole numbers.
func TestAllocationYuan(t *testing.T) {
	in := jiangxiSample()
	in.Total, in.Unit, in.Quantum = d("20000000"), "元", d("1")
	res := sampleResultOf(t, in)
	b, err := Allocation("因素法分配表（元）", res)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	sum := decimal.Zero
	for i, c := range res.Cities {
		got := bk.value("分配结果", fmt.Sprintf("M%d", 5+i))
		wantNum(t, c.Name, got, c.Amount.String())
		sum = sum.Add(decimal.RequireFromString(got))
	}
	if !sum.Equal(in.Total) {
		t.Errorf("amounts add up to %s, want %s", sum, in.Total)
	}
	wantFormula(t, bk, "分配结果", "M5", "ROUND(I5+L5,0)")
	if got := bk.shown("分配结果", "M5"); !strings.Contains(got, ",") || strings.Contains(got, ".") {
		t.Errorf("M5 shows %q, want whole 元 with thousands separators", got)
	}
}
