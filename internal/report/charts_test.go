package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/figures"
	"ipfund/internal/fund"
)

// docxParts returns the entries of a .docx by name.
func docxParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// chartSeries is a chart part's title, categories and series (name →
// cached values).
type chartSeries struct {
	title  string
	cats   []string
	names  []string
	values map[string][]string
}

func readChart(t *testing.T, part []byte) chartSeries {
	t.Helper()
	var cs struct {
		Title  []string `xml:"chart>title>tx>rich>p>r>t"`
		Series []struct {
			Name string   `xml:"tx>strRef>strCache>pt>v"`
			Cats []string `xml:"cat>strRef>strCache>pt>v"`
			Vals []string `xml:"val>numRef>numCache>pt>v"`
		} `xml:"chart>plotArea>barChart>ser"`
	}
	if err := xml.Unmarshal(part, &cs); err != nil {
		t.Fatal(err)
	}
	out := chartSeries{title: strings.Join(cs.Title, ""), values: map[string][]string{}}
	for _, s := range cs.Series {
		out.cats = s.Cats
		out.names = append(out.names, s.Name)
		out.values[s.Name] = s.Vals
	}
	return out
}

// figure reads a number of a figures file: table path, then key.
func figure(t *testing.T, figs map[string]any, path ...string) decimal.Decimal {
	t.Helper()
	var v any = figs
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("figures: no table at %q", p)
		}
		v = m[p]
	}
	switch x := v.(type) {
	case int64:
		return decimal.NewFromInt(x)
	case float64:
		return decimal.NewFromFloat(x)
	}
	t.Fatalf("figures: %v is %T", path, v)
	return decimal.Zero
}

func sameNumber(t *testing.T, what, got string, want decimal.Decimal) {
	t.Helper()
	d, err := decimal.NewFromString(got)
	if err != nil || !d.Equal(want) {
		t.Errorf("%s: the chart plots %q, the figures say %s", what, got, want)
	}
}

// The report's charts are chart parts, not pictures, and plot exactly the
// numbers of the figures file.
func TestReportChartsPlotTheFigures(t *testing.T) {
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r := calc.Compute(y)
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "templates", TemplateName))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(TemplateName, tmpl, r)
	if err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, out)
	for name := range parts {
		if strings.HasPrefix(name, "word/media/") {
			t.Errorf("%s: a picture in the report", name)
		}
	}
	var figs map[string]any
	if err := toml.Unmarshal(figures.Write(r), &figs); err != nil {
		t.Fatal(err)
	}
	funding, scores := readChart(t, parts["word/charts/chart1.xml"]), readChart(t, parts["word/charts/chart2.xml"])
	if funding.title != FundingChartTitle || scores.title != ScoresChartTitle {
		t.Fatalf("charts %q and %q", funding.title, scores.title)
	}
	if parts["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"] == nil || parts["word/embeddings/Microsoft_Excel_Worksheet2.xlsx"] == nil {
		t.Error("a chart without its workbook")
	}
	if len(funding.cats) != 5 || len(scores.cats) != 5 {
		t.Fatalf("categories %q, %q", funding.cats, scores.cats)
	}
	for i, name := range funding.cats {
		sub := "子项目" + strconv.Itoa(i+1)
		if name != r.Subprojects[i].Sub.Name || scores.cats[i] != name {
			t.Errorf("category %d is %q", i, name)
		}
		for series, key := range map[string]string{SeriesBudget: "预算", SeriesArrived: "实际到位", SeriesSpending: "实际支出"} {
			sameNumber(t, sub+" "+series, funding.values[series][i], figure(t, figs, sub, key))
		}
		sameNumber(t, sub+" 得分", scores.values[SeriesScore][i], figure(t, figs, sub, "总分"))
		sameNumber(t, sub+" 权重", scores.values[SeriesWeight][i], figure(t, figs, sub, "权重"))
	}
	// The seed's own numbers, so that the check above cannot pass on
	// empty series.
	if strings.Join(funding.values[SeriesSpending], " ") != "1352.2 126 3 270.53 4.85" || strings.Join(scores.values[SeriesWeight], " ") != "77.51 6.27 0.5 14.93 0.8" {
		t.Errorf("spending %v, weights %v", funding.values[SeriesSpending], scores.values[SeriesWeight])
	}
}

// The allocation table's charts plot the amounts and, by factor, the
// 按权重 shares of the figures file.
func TestAllocationChartsPlotTheFigures(t *testing.T) {
	p, ds := alloc.Load(filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "templates", AllocationTemplateName))
	if err != nil {
		t.Fatal(err)
	}
	out, err := RenderAllocation(AllocationTemplateName, tmpl, p, r)
	if err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, out)
	var figs map[string]any
	if err := toml.Unmarshal(figures.WriteAllocation(p, r), &figs); err != nil {
		t.Fatal(err)
	}
	amounts, comp := readChart(t, parts["word/charts/chart1.xml"]), readChart(t, parts["word/charts/chart2.xml"])
	if !strings.HasPrefix(amounts.title, AmountsChartTitle) || comp.title != CompositionChartTitle || len(amounts.cats) != 12 {
		t.Fatalf("charts %q (%d cities) and %q", amounts.title, len(amounts.cats), comp.title)
	}
	if !strings.Contains(string(parts["word/charts/chart2.xml"]), `<c:grouping val="stacked"/>`) {
		t.Error("the composition is not stacked")
	}
	for i, city := range amounts.cats {
		if city != r.Cities[i].Name {
			t.Fatalf("city %d is %q", i, city)
		}
		sameNumber(t, city+" 分配金额", amounts.values["分配金额"][i], figure(t, figs, "因素法分配", "设区市", city, "分配金额"))
		for _, f := range r.Factors {
			sameNumber(t, city+" "+f.Name, comp.values[f.Name][i], figure(t, figs, "因素法分配", "设区市", city, f.Name+"/按权重"))
		}
	}
	if amounts.values["分配金额"][0] != "517.11" || comp.values["专利运用"][0] != "0.134006" {
		t.Errorf("南昌市: %s, %s", amounts.values["分配金额"][0], comp.values["专利运用"][0])
	}
}
