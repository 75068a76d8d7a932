package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"ipfund/internal/alloc"
	"ipfund/internal/figures"
)

// boundSeries is a chart series as the workbook binds it: the cells of its
// name, categories and values.
type boundSeries struct{ name, cats, vals string }

// workbookCharts reads the series references of every chart part, by
// part name (xl/charts/chart1.xml …), and the title of each.
func workbookCharts(t *testing.T, b []byte) (map[string][]boundSeries, map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	series, titles := map[string][]boundSeries{}, map[string]string{}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/media/") {
			t.Errorf("%s: a picture, not a chart", f.Name)
		}
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		var cs struct {
			Title []string `xml:"chart>title>tx>rich>p>r>t"`
			Ser   []struct {
				Name string `xml:"tx>strRef>f"`
				Cats string `xml:"cat>strRef>f"`
				Vals string `xml:"val>numRef>f"`
			} `xml:"chart>plotArea>barChart>ser"`
		}
		if err := xml.Unmarshal(data, &cs); err != nil {
			t.Fatal(err)
		}
		titles[f.Name] = strings.Join(cs.Title, "")
		for _, s := range cs.Ser {
			series[f.Name] = append(series[f.Name], boundSeries{s.Name, s.Cats, s.Vals})
		}
	}
	return series, titles
}

// cells reads the cached values of a reference 'Sheet'!$A$3:$A$7 (or one
// cell), and the formulas of those cells.
func (bk *book) cells(t *testing.T, ref string) (values, formulas []string) {
	t.Helper()
	sheet, area, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("reference %q", ref)
	}
	sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(area, "$", ""), ":")
	if to == "" {
		to = from
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 {
		t.Fatalf("reference %q is not one column", ref)
	}
	for r := r1; r <= r2; r++ {
		cell := cellName(c1, r)
		values = append(values, bk.value(sheet, cell))
		formulas = append(formulas, bk.formula(sheet, cell))
	}
	return values, formulas
}

func figureNumber(t *testing.T, figs map[string]any, path ...string) decimal.Decimal {
	t.Helper()
	var v any = figs
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	switch x := v.(type) {
	case int64:
		return decimal.NewFromInt(x)
	case float64:
		return decimal.NewFromFloat(x)
	}
	t.Fatalf("figures %v: %T", path, v)
	return decimal.Zero
}

// The scoring workbook's charts are native charts bound to the 图表 sheet,
// whose cells link to the summary and hold the figures.
func TestScoringChartsAreBoundToTheFigures(t *testing.T) {
	r, b := scoring2019(t)
	bk := openBook(t, b)
	var figs map[string]any
	if err := toml.Unmarshal(figures.Write(r), &figs); err != nil {
		t.Fatal(err)
	}
	series, titles := workbookCharts(t, b)
	if titles["xl/charts/chart1.xml"] != fundingChartTitle || titles["xl/charts/chart2.xml"] != scoresChartTitle {
		t.Fatalf("charts: %v", titles)
	}
	want := map[string][][2]string{ // series name → figure key, summary column
		"xl/charts/chart1.xml": {{"预算（万元）", "预算"}, {"实际到位（万元）", "实际到位"}, {"实际支出（万元）", "实际支出"}},
		"xl/charts/chart2.xml": {{"子项目得分", "总分"}, {"权重（%）", "权重"}},
	}
	summaryCol := map[string]int{"预算": sumBudget, "实际到位": sumArrived, "实际支出": sumSpending, "总分": sumScore, "权重": sumWeight}
	for part, ws := range want {
		if len(series[part]) != len(ws) {
			t.Fatalf("%s has %d series, want %d", part, len(series[part]), len(ws))
		}
		for k, w := range ws {
			s := series[part][k]
			if names, _ := bk.cells(t, s.name); names[0] != w[0] {
				t.Errorf("%s series %d is named %q, want %q", part, k, names[0], w[0])
			}
			cats, _ := bk.cells(t, s.cats)
			vals, forms := bk.cells(t, s.vals)
			if len(cats) != 5 || len(vals) != 5 {
				t.Fatalf("%s: %d categories, %d values", part, len(cats), len(vals))
			}
			for i := range vals {
				sub := "子项目" + strconv.Itoa(i+1)
				if cats[i] != r.Subprojects[i].Sub.Name {
					t.Errorf("category %d is %q", i, cats[i])
				}
				wantNum(t, part+" "+sub+" "+w[1], vals[i], figureNumber(t, figs, sub, w[1]).String())
				if link := ref(summarySheetName, summaryCol[w[1]], sumFirstSub+i); forms[i] != link {
					t.Errorf("%s %s %s is %q, want a link %s", part, sub, w[1], forms[i], link)
				}
			}
		}
	}
}

// The allocation workbook's charts: each city's amount, and its share
// stacked by factor, bound to cells linked to 分配结果.
func TestAllocationChartsAreBoundToTheFigures(t *testing.T) {
	p, ds := alloc.Load(filepath.Join(repoRoot(t), "internal", "testdata", "seed", "2023", alloc.FileName))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	res, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Allocation(p.Title, res)
	if err != nil {
		t.Fatal(err)
	}
	bk := openBook(t, b)
	var figs map[string]any
	if err := toml.Unmarshal(figures.WriteAllocation(p, res), &figs); err != nil {
		t.Fatal(err)
	}
	series, titles := workbookCharts(t, b)
	if !strings.HasPrefix(titles["xl/charts/chart1.xml"], amountsChartTitle) || titles["xl/charts/chart2.xml"] != compositionChartTitle {
		t.Fatalf("charts: %v", titles)
	}
	amounts := series["xl/charts/chart1.xml"]
	vals, forms := bk.cells(t, amounts[0].vals)
	cats, _ := bk.cells(t, amounts[0].cats)
	if len(vals) != 12 {
		t.Fatalf("%d amounts", len(vals))
	}
	for i, c := range res.Cities {
		if cats[i] != c.Name {
			t.Errorf("city %d is %q", i, cats[i])
		}
		wantNum(t, c.Name+" 分配金额", vals[i], figureNumber(t, figs, "因素法分配", "设区市", c.Name, "分配金额").String())
		if !strings.HasPrefix(forms[i], "'分配结果'!") {
			t.Errorf("%s's amount is %q, want a link to 分配结果", c.Name, forms[i])
		}
	}
	comp := series["xl/charts/chart2.xml"]
	if len(comp) != len(res.Factors) {
		t.Fatalf("%d series, want one per factor", len(comp))
	}
	for k, f := range res.Factors {
		names, _ := bk.cells(t, comp[k].name)
		vals, _ := bk.cells(t, comp[k].vals)
		if names[0] != f.Name {
			t.Errorf("series %d is %q", k, names[0])
		}
		for i, c := range res.Cities {
			v, err := decimal.NewFromString(vals[i])
			want := figureNumber(t, figs, "因素法分配", "设区市", c.Name, f.Name+"/按权重")
			if err != nil || !v.Round(6).Equal(want) {
				t.Errorf("%s %s: the chart's cell holds %s, the figures say %s", c.Name, f.Name, vals[i], want)
			}
		}
	}
	if got, err := decimal.NewFromString(bk.value(chartSheetName, "C3")); err != nil || got.Round(6).String() != "0.134006" {
		t.Errorf("南昌市 专利运用 按权重 = %s", got)
	}
}
