package docx

import (
	"strconv"
	"strings"
)

// The XML of a chart part (DrawingML chart, ECMA-376 Part 1 §21.2) and the
// relationship to its workbook. Elements are written in the order the
// schema requires; Word refuses a chart whose children are out of order.

const (
	nsChart   = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsDrawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsRels    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

	relChart   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	relPackage = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

	ctChart = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	ctXLSX  = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// chartPalette colours the series: the Office palette, which stays
// distinguishable when printed in grey.
var chartPalette = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"}

// Fonts of the chart's text: the table font of an official document.
const (
	chartFont      = "仿宋_GB2312"
	chartTitleFont = "黑体"
)

// chartSheet is the name of the embedded workbook's sheet, which the
// series' formulas refer to.
const chartSheet = "Sheet1"

// chartXML writes the chart part: the series with their cached values
// (what Word and LibreOffice draw) and formulas into the embedded workbook
// (what they edit). Category i is row i+2 of the sheet; series j is column
// j+2, its name in row 1.
func chartXML(c *Chart) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="` + nsChart + `" xmlns:a="` + nsDrawing + `" xmlns:r="` + nsRels + `">`)
	b.WriteString(`<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>`)
	if c.Title != "" {
		b.WriteString(`<c:title>`)
		richText(&b, c.Title, 1200, true)
		b.WriteString(`<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`)
	} else {
		b.WriteString(`<c:autoTitleDeleted val="1"/>`)
	}
	b.WriteString(`<c:plotArea><c:layout/><c:barChart>`)
	dir := "col"
	if c.Horizontal {
		dir = "bar"
	}
	grouping := "clustered"
	if c.Stacked {
		grouping = "stacked"
	}
	b.WriteString(`<c:barDir val="` + dir + `"/><c:grouping val="` + grouping + `"/><c:varyColors val="0"/>`)
	format := c.NumberFormat
	if format == "" {
		format = "General"
	}
	last := strconv.Itoa(len(c.Categories) + 1)
	for j, s := range c.Series {
		col := columnName(j + 2)
		b.WriteString(`<c:ser><c:idx val="` + strconv.Itoa(j) + `"/><c:order val="` + strconv.Itoa(j) + `"/>`)
		b.WriteString(`<c:tx><c:strRef><c:f>` + chartSheet + `!$` + col + `$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>`)
		b.WriteString(escapeText(s.Name, " ", " "))
		b.WriteString(`</c:v></c:pt></c:strCache></c:strRef></c:tx>`)
		b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="` + chartPalette[j%len(chartPalette)] + `"/></a:solidFill></c:spPr>`)
		b.WriteString(`<c:invertIfNegative val="0"/>`)
		if c.Labels {
			b.WriteString(`<c:dLbls><c:numFmt formatCode="` + escapeAttr(format) + `" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
			textProps(&b, 800, false)
			pos := "outEnd"
			if c.Stacked {
				pos = "ctr"
			}
			b.WriteString(`<c:dLblPos val="` + pos + `"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		}
		b.WriteString(`<c:cat><c:strRef><c:f>` + chartSheet + `!$A$2:$A$` + last + `</c:f><c:strCache><c:ptCount val="` + strconv.Itoa(len(c.Categories)) + `"/>`)
		for i, cat := range c.Categories {
			b.WriteString(`<c:pt idx="` + strconv.Itoa(i) + `"><c:v>`)
			b.WriteString(escapeText(cat, " ", " "))
			b.WriteString(`</c:v></c:pt>`)
		}
		b.WriteString(`</c:strCache></c:strRef></c:cat>`)
		b.WriteString(`<c:val><c:numRef><c:f>` + chartSheet + `!$` + col + `$2:$` + col + `$` + last + `</c:f><c:numCache><c:formatCode>`)
		b.WriteString(escapeText(format, "", ""))
		b.WriteString(`</c:formatCode><c:ptCount val="` + strconv.Itoa(len(s.Values)) + `"/>`)
		for i, v := range s.Values {
			b.WriteString(`<c:pt idx="` + strconv.Itoa(i) + `"><c:v>` + v.String() + `</c:v></c:pt>`)
		}
		b.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	if c.Stacked {
		b.WriteString(`<c:gapWidth val="60"/><c:overlap val="100"/>`)
	} else {
		b.WriteString(`<c:gapWidth val="80"/><c:overlap val="-10"/>`)
	}
	b.WriteString(`<c:axId val="100"/><c:axId val="200"/></c:barChart>`)
	catPos, valPos := "b", "l"
	if c.Horizontal {
		catPos, valPos = "l", "b"
	}
	// Horizontal bars list the first category at the top, as a table does.
	orientation := "minMax"
	if c.Horizontal {
		orientation = "maxMin"
	}
	b.WriteString(`<c:catAx><c:axId val="100"/><c:scaling><c:orientation val="` + orientation + `"/></c:scaling><c:delete val="0"/><c:axPos val="` + catPos + `"/>`)
	b.WriteString(`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	axisLine(&b)
	textProps(&b, 900, false)
	b.WriteString(`<c:crossAx val="200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="200"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="` + valPos + `"/>`)
	b.WriteString(`<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`)
	if c.ValueTitle != "" {
		b.WriteString(`<c:title>`)
		richText(&b, c.ValueTitle, 900, false)
		b.WriteString(`<c:overlay val="0"/></c:title>`)
	}
	axisFormat := c.AxisFormat
	if axisFormat == "" {
		axisFormat = "General"
	}
	b.WriteString(`<c:numFmt formatCode="` + escapeAttr(axisFormat) + `" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	axisLine(&b)
	textProps(&b, 900, false)
	// With the categories reversed, the value axis crosses at the last
	// one, which is then the bottom of the plot.
	crosses := "autoZero"
	if c.Horizontal {
		crosses = "max"
	}
	b.WriteString(`<c:crossAx val="100"/><c:crosses val="` + crosses + `"/><c:crossBetween val="between"/></c:valAx>`)
	b.WriteString(`</c:plotArea>`)
	if len(c.Series) > 1 {
		b.WriteString(`<c:legend><c:legendPos val="b"/><c:overlay val="0"/>`)
		textProps(&b, 900, false)
		b.WriteString(`</c:legend>`)
	}
	b.WriteString(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	textProps(&b, 900, false)
	b.WriteString(`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`)
	return []byte(b.String())
}

// chartRels is the chart part's relationship to its workbook.
func chartRels(workbook string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relPackage + `" Target="../embeddings/` + escapeAttr(workbook) + `"/></Relationships>`)
}

// fontRun is the run properties of chart text: size in hundredths of a
// point, the CJK font for both scripts.
func fontRun(b *strings.Builder, tag string, size int, bold bool) {
	b.WriteString(`<a:` + tag + ` sz="` + strconv.Itoa(size) + `" b="`)
	font := chartFont
	if bold {
		b.WriteString("1")
		font = chartTitleFont
	} else {
		b.WriteString("0")
	}
	b.WriteString(`"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="` + font + `"/><a:ea typeface="` + font + `"/><a:cs typeface="` + font + `"/></a:` + tag + `>`)
}

// richText is a title's text.
func richText(b *strings.Builder, text string, size int, bold bool) {
	b.WriteString(`<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>`)
	fontRun(b, "defRPr", size, bold)
	b.WriteString(`</a:pPr><a:r>`)
	fontRun(b, "rPr", size, bold)
	b.WriteString(`<a:t>`)
	b.WriteString(escapeText(text, " ", " "))
	b.WriteString(`</a:t></a:r></a:p></c:rich></c:tx>`)
}

// textProps sets the font of an element's text.
func textProps(b *strings.Builder, size int, bold bool) {
	b.WriteString(`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>`)
	fontRun(b, "defRPr", size, bold)
	b.WriteString(`</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`)
}

// axisLine draws an axis as a thin black line.
func axisLine(b *strings.Builder) {
	b.WriteString(`<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr>`)
}

// columnName is a spreadsheet column's letters: 1 → A, 27 → AA.
func columnName(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}
