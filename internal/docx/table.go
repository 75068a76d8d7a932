package docx

import (
	"strconv"
	"strings"
)

// Table is a Block that draws a table whose shape comes from the data: the
// number of columns, merged group labels, subtotal rows. It has full single
// borders and a repeated header row; fonts and spacing come from the
// paragraph style the template defines for table text.
type Table struct {
	// Style is the paragraph style of the cell text (a style ID of the
	// template's styles.xml, e.g. "TableText"); HeaderStyle that of header
	// rows (defaults to Style).
	Style, HeaderStyle string
	// Widths are the column widths in twentieths of a point (twips).
	Widths []int
	Rows   []Row
}

// Row is one table row.
type Row struct {
	// Header rows repeat at the top of every page the table runs onto.
	Header bool
	// Bold sets the row's text in bold (header and totals rows).
	Bold  bool
	Cells []Cell
}

// Cell is one cell; a cell spanning columns counts once in Row.Cells.
type Cell struct {
	Text string
	// Span is the number of grid columns the cell covers (0 means 1).
	Span int
	// Merge joins the cell vertically with the one above: MergeStart
	// begins a merged region, MergeContinue extends it (its Text is
	// ignored).
	Merge Merge
	// Align is "left", "right" or "center" (the default).
	Align string
}

// Merge is a cell's part in a vertically merged region.
type Merge int

// Vertical merge states.
const (
	MergeNone Merge = iota
	MergeStart
	MergeContinue
)

// WordML renders the table.
func (t *Table) WordML(w string) string {
	var b strings.Builder
	total := 0
	for _, wd := range t.Widths {
		total += wd
	}
	b.WriteString("<" + w + "tbl><" + w + "tblPr>")
	b.WriteString("<" + w + `tblW ` + w + `w="` + strconv.Itoa(total) + `" ` + w + `type="dxa"/>`)
	b.WriteString("<" + w + `jc ` + w + `val="center"/>`)
	b.WriteString("<" + w + "tblBorders>")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString("<" + w + side + " " + w + `val="single" ` + w + `sz="4" ` + w + `space="0" ` + w + `color="000000"/>`)
	}
	b.WriteString("</" + w + "tblBorders>")
	b.WriteString("<" + w + `tblLayout ` + w + `type="fixed"/>`)
	b.WriteString("<" + w + "tblCellMar><" + w + `left ` + w + `w="85" ` + w + `type="dxa"/><` + w + `right ` + w + `w="85" ` + w + `type="dxa"/></` + w + "tblCellMar>")
	b.WriteString("</" + w + "tblPr><" + w + "tblGrid>")
	for _, wd := range t.Widths {
		b.WriteString("<" + w + `gridCol ` + w + `w="` + strconv.Itoa(wd) + `"/>`)
	}
	b.WriteString("</" + w + "tblGrid>")
	br := "</" + w + "t><" + w + "br/><" + w + `t xml:space="preserve">`
	tab := "</" + w + "t><" + w + "tab/><" + w + `t xml:space="preserve">`
	for _, r := range t.Rows {
		b.WriteString("<" + w + "tr><" + w + "trPr><" + w + "cantSplit/>")
		if r.Header {
			b.WriteString("<" + w + "tblHeader/>")
		}
		b.WriteString("</" + w + "trPr>")
		col := 0
		for _, c := range r.Cells {
			span := max(c.Span, 1)
			width := 0
			for k := col; k < col+span && k < len(t.Widths); k++ {
				width += t.Widths[k]
			}
			col += span
			b.WriteString("<" + w + "tc><" + w + "tcPr><" + w + `tcW ` + w + `w="` + strconv.Itoa(width) + `" ` + w + `type="dxa"/>`)
			if span > 1 {
				b.WriteString("<" + w + `gridSpan ` + w + `val="` + strconv.Itoa(span) + `"/>`)
			}
			switch c.Merge {
			case MergeStart:
				b.WriteString("<" + w + `vMerge ` + w + `val="restart"/>`)
			case MergeContinue:
				b.WriteString("<" + w + "vMerge/>")
			}
			b.WriteString("<" + w + `vAlign ` + w + `val="center"/></` + w + "tcPr><" + w + "p><" + w + "pPr>")
			style := t.Style
			if r.Header && t.HeaderStyle != "" {
				style = t.HeaderStyle
			}
			if style != "" {
				b.WriteString("<" + w + `pStyle ` + w + `val="` + escapeText(style, "", "") + `"/>`)
			}
			align := c.Align
			if align == "" || align == "centre" {
				align = "center"
			}
			if align == "left" {
				align = "both"
			}
			b.WriteString("<" + w + `jc ` + w + `val="` + escapeText(align, "", "") + `"/></` + w + "pPr>")
			if c.Merge != MergeContinue && c.Text != "" {
				b.WriteString("<" + w + "r>")
				if r.Bold || r.Header {
					b.WriteString("<" + w + "rPr><" + w + "b/></" + w + "rPr>")
				}
				b.WriteString("<" + w + `t xml:space="preserve">` + escapeText(c.Text, br, tab) + "</" + w + "t></" + w + "r>")
			}
			b.WriteString("</" + w + "p></" + w + "tc>")
		}
		b.WriteString("</" + w + "tr>")
	}
	b.WriteString("</" + w + "tbl>")
	return b.String()
}
