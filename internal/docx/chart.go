package docx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/limits"
)

// Chart is a native, editable bar chart: printed by an action that stands
// alone in its paragraph ({{.Charts.Funding}}), it takes the paragraph's
// place as a chart part (word/charts/chartN.xml) with the workbook that
// holds its data (word/embeddings/…xlsx), so that Word and WPS open it as a
// chart whose figures can be edited, not as a picture. Execute numbers the
// charts in the order they are placed and adds their parts, relationships
// and content types to the package; the bytes depend only on the data.
type Chart struct {
	// Title is printed above the plot and is the chart's alternative text.
	Title string
	// Categories label the bars (the sub-projects, the cities).
	Categories []string
	// Series are the bars of each category, one colour each.
	Series []ChartSeries
	// Horizontal draws bars from the left (long category names read
	// better); otherwise columns rise from the bottom.
	Horizontal bool
	// Stacked stacks the series of a category into one bar.
	Stacked bool
	// Labels prints each bar's value on it.
	Labels bool
	// ValueTitle names the value axis, e.g. "万元".
	ValueTitle string
	// NumberFormat formats the values in the labels and the workbook, an
	// Excel format such as "0.00" or "0.00%"; AxisFormat those on the value
	// axis. Both are "General" when empty.
	NumberFormat, AxisFormat string
	// Width and Height are the chart's size in centimetres (15 × 8 when
	// zero).
	Width, Height float64
}

// ChartSeries is one series of a chart: a name for the legend and a value
// per category.
type ChartSeries struct {
	Name   string
	Values []decimal.Decimal
}

// Limits on a chart, checked before anything is drawn (set in package
// limits with the others).
const (
	// MaxChartSeries is Excel's limit on the series of a chart.
	MaxChartSeries = limits.ChartSeries
	// MaxChartPoints bounds categories × series.
	MaxChartPoints = limits.ChartPoints
	// MaxCharts bounds the charts of one document.
	MaxCharts = limits.Charts
)

// chartEMU is one centimetre in English Metric Units.
const chartEMU = 360000

// check reports what makes a chart impossible to draw, in words for the
// person who prepared its data.
func (c *Chart) check() error {
	switch {
	case len(c.Categories) == 0:
		return fmt.Errorf("图表“%s”没有分类（横轴上的项目）", c.Title)
	case len(c.Series) == 0:
		return fmt.Errorf("图表“%s”没有数据系列", c.Title)
	case len(c.Series) > MaxChartSeries:
		return fmt.Errorf("图表“%s”有 %d 个数据系列，超过上限 %d", c.Title, len(c.Series), MaxChartSeries)
	case len(c.Categories)*len(c.Series) > MaxChartPoints:
		return fmt.Errorf("图表“%s”有 %d 个数据点，超过上限 %d", c.Title, len(c.Categories)*len(c.Series), MaxChartPoints)
	case c.Width < 0 || c.Height < 0 || c.Width > 100 || c.Height > 100:
		return fmt.Errorf("图表“%s”的尺寸 %g×%g 厘米不合理", c.Title, c.Width, c.Height)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("图表“%s”的数据系列“%s”有 %d 个数值，与分类数 %d 不符", c.Title, s.Name, len(s.Values), len(c.Categories))
		}
	}
	return nil
}

// size is the chart's extent in EMU.
func (c *Chart) size() (cx, cy int64) {
	w, h := c.Width, c.Height
	if w == 0 {
		w = 15
	}
	if h == 0 {
		h = 8
	}
	return int64(w * chartEMU), int64(h * chartEMU)
}

// placedChart is a chart given its number, relationship and drawing ID in
// the document being filled.
type placedChart struct {
	c     *Chart
	n     int    // word/charts/chart<n>.xml
	rid   string // the relationship from the part that shows it
	docPr int    // the drawing's unique ID
}

// WordML is the paragraph that shows the chart: centred, with single line
// spacing (an exact spacing, as body text has, would clip the drawing) and
// kept with the paragraph that follows, its caption or note.
func (p *placedChart) WordML(w string) string {
	cx, cy := p.c.size()
	var b strings.Builder
	b.WriteString("<" + w + "p><" + w + "pPr><" + w + "keepNext/><" + w + `snapToGrid ` + w + `val="0"/>`)
	b.WriteString("<" + w + `spacing ` + w + `before="120" ` + w + `after="120" ` + w + `line="240" ` + w + `lineRule="auto"/>`)
	b.WriteString("<" + w + `ind ` + w + `left="0" ` + w + `right="0" ` + w + `firstLine="0" ` + w + `firstLineChars="0"/>`)
	b.WriteString("<" + w + `jc ` + w + `val="center"/></` + w + "pPr><" + w + "r><" + w + "drawing>")
	b.WriteString(`<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">`)
	fmt.Fprintf(&b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>`, cx, cy)
	b.WriteString(`<wp:docPr id="` + strconv.Itoa(p.docPr) + `" name="图表 ` + strconv.Itoa(p.n) + `" descr="`)
	b.WriteString(escapeAttr(p.c.Title))
	b.WriteString(`"/><wp:cNvGraphicFramePr/>`)
	b.WriteString(`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`)
	b.WriteString(`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="` + escapeAttr(p.rid) + `"/>`)
	b.WriteString(`</a:graphicData></a:graphic></wp:inline></` + w + "drawing></" + w + "r></" + w + "p>")
	return b.String()
}

// escapeAttr escapes text for an attribute value; newlines and tabs become
// spaces.
func escapeAttr(s string) string {
	return escapeText(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s), "", "")
}
