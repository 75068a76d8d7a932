package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func sampleChart() *Chart {
	d := decimal.RequireFromString
	return &Chart{
		Title:      "各子项目预算与支出（万元）",
		Categories: []string{"奖励", "补助 & <维权>"},
		Series: []ChartSeries{
			{Name: "预算", Values: []decimal.Decimal{d("1558"), d("126")}},
			{Name: "实际支出", Values: []decimal.Decimal{d("1352.2"), d("126.00")}},
		},
		Labels: true, ValueTitle: "万元", NumberFormat: "0.00",
	}
}

// chartValues reads the cached values of each series of a chart part.
func chartValues(t *testing.T, part []byte) (names []string, cats []string, values [][]string) {
	t.Helper()
	var cs struct {
		Series []struct {
			Name string   `xml:"tx>strRef>strCache>pt>v"`
			Cats []string `xml:"cat>strRef>strCache>pt>v"`
			Vals []string `xml:"val>numRef>numCache>pt>v"`
		} `xml:"chart>plotArea>barChart>ser"`
	}
	if err := xml.Unmarshal(part, &cs); err != nil {
		t.Fatal(err)
	}
	for _, s := range cs.Series {
		names = append(names, s.Name)
		cats = s.Cats
		values = append(values, s.Vals)
	}
	return names, cats, values
}

func TestChartBecomesAChartPartWithItsWorkbook(t *testing.T) {
	tmpl := testDoc{body: P("前文") + P("{{.Chart}}") + P("{{.Chart2}}") + P("后文")}.build(t)
	second := sampleChart()
	second.Title, second.Stacked, second.Horizontal = "构成", true, true
	out, txt := render(t, tmpl, map[string]any{"Chart": sampleChart(), "Chart2": *second})
	if got := bodyText(txt); got != "前文\n\n\n后文\n" {
		t.Errorf("text %q", got)
	}
	files, names := unzip(t, out)
	for _, n := range []string{"word/charts/chart1.xml", "word/charts/_rels/chart1.xml.rels", "word/embeddings/Microsoft_Excel_Worksheet1.xlsx", "word/charts/chart2.xml"} {
		if files[n] == nil {
			t.Errorf("no %s in %v", n, names)
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, "word/media/") {
			t.Errorf("a picture %s: charts must be chart parts", n)
		}
	}
	doc := string(files["word/document.xml"])
	for _, s := range []string{`r:id="rIdChart1"`, `r:id="rIdChart2"`, `<wp:docPr id="1" name="图表 1" descr="各子项目预算与支出（万元）"/>`, `uri="http://schemas.openxmlformats.org/drawingml/2006/chart"`} {
		if !strings.Contains(doc, s) {
			t.Errorf("document lacks %s", s)
		}
	}
	if strings.Contains(doc, "{{") {
		t.Error("the chart's paragraph survived")
	}
	rels := string(files["word/_rels/document.xml.rels"])
	if !strings.Contains(rels, `<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/>`) {
		t.Errorf("relationships: %s", rels)
	}
	ct := string(files["[Content_Types].xml"])
	for _, s := range []string{`<Override PartName="/word/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`, `<Default Extension="xlsx"`} {
		if !strings.Contains(ct, s) {
			t.Errorf("content types lack %s: %s", s, ct)
		}
	}
	if !strings.Contains(string(files["word/charts/_rels/chart1.xml.rels"]), `Target="../embeddings/Microsoft_Excel_Worksheet1.xlsx"`) {
		t.Error("the chart does not point at its workbook")
	}
	sn, cats, vals := chartValues(t, files["word/charts/chart1.xml"])
	if strings.Join(sn, "|") != "预算|实际支出" || strings.Join(cats, "|") != "奖励|补助 & <维权>" ||
		strings.Join(vals[0], "|") != "1558|126" || strings.Join(vals[1], "|") != "1352.2|126" {
		t.Errorf("series %v, categories %v, values %v", sn, cats, vals)
	}
	c2 := string(files["word/charts/chart2.xml"])
	for _, s := range []string{`<c:barDir val="bar"/>`, `<c:grouping val="stacked"/>`, `<c:overlap val="100"/>`} {
		if !strings.Contains(c2, s) {
			t.Errorf("the stacked chart lacks %s", s)
		}
	}
	// The embedded workbook holds the same figures where the formulas say.
	wb := files["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"]
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet string
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			sheet = b.String()
		}
	}
	for _, s := range []string{`<c r="B1" t="inlineStr"><is><t xml:space="preserve">预算</t></is></c>`, `<c r="C2"><v>1352.2</v></c>`, `<t xml:space="preserve">补助 &amp; &lt;维权&gt;</t>`} {
		if !strings.Contains(sheet, s) {
			t.Errorf("the workbook lacks %s: %s", s, sheet)
		}
	}
	if !strings.Contains(string(files["word/charts/chart1.xml"]), `<c:f>Sheet1!$C$2:$C$3</c:f>`) {
		t.Error("the second series does not refer to column C")
	}
	if err := wellFormedParts(out); err != nil {
		t.Error(err)
	}
	for _, n := range []string{"word/charts/chart1.xml", "word/charts/_rels/chart1.xml.rels"} {
		if err := xml.Unmarshal(files[n], new(struct{})); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	// Same data, same bytes.
	again, _ := render(t, tmpl, map[string]any{"Chart": sampleChart(), "Chart2": *second})
	if !bytes.Equal(out, again) {
		t.Error("two executions differ")
	}
}

func TestChartAvoidsTheTemplatesOwnNamesAndIDs(t *testing.T) {
	tmpl := testDoc{body: P("{{.Chart}}")}.build(t)
	m, names := unzip(t, tmpl)
	m["word/charts/chart1.xml"] = []byte(`<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>`)
	m["word/_rels/document.xml.rels"] = []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChart2" Type="x" Target="y"/></Relationships>`)
	doc := string(m["word/document.xml"])
	m["word/document.xml"] = []byte(strings.Replace(doc, "<w:body>", `<w:body><w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="41" name="x"/></wp:inline></w:drawing></w:r></w:p>`, 1))
	names = append(names, "word/charts/chart1.xml")
	out, _ := render(t, rezip(t, m, names), map[string]any{"Chart": sampleChart()})
	files, _ := unzip(t, out)
	if files["word/charts/chart2.xml"] == nil {
		t.Fatal("the new chart did not take the next free name")
	}
	x := string(files["word/document.xml"])
	if !strings.Contains(x, `r:id="rIdChart2_2"`) || !strings.Contains(x, `<wp:docPr id="42"`) {
		t.Errorf("relationship or drawing ID collides: %s", regexp.MustCompile(`<wp:docPr[^>]*>|r:id="[^"]*"`).FindAllString(x, -1))
	}
}

func TestChartWithInconsistentDataIsRefusedInWords(t *testing.T) {
	tmpl := testDoc{body: P("{{.Chart}}")}.build(t)
	c := sampleChart()
	c.Series[1].Values = c.Series[1].Values[:1]
	tp, err := Parse("t.docx", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = tp.Execute(new(bytes.Buffer), map[string]any{"Chart": c})
	if err == nil || !strings.Contains(err.Error(), "数据系列“实际支出”有 1 个数值，与分类数 2 不符") {
		t.Fatalf("error %v", err)
	}
	big := &Chart{Title: "大", Categories: make([]string, MaxChartPoints+1), Series: []ChartSeries{{Name: "x", Values: make([]decimal.Decimal, MaxChartPoints+1)}}}
	err = tp.Execute(new(bytes.Buffer), map[string]any{"Chart": big})
	if err == nil || !strings.Contains(err.Error(), "超过上限 100000") {
		t.Fatalf("error %v", err)
	}
}
