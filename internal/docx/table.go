package docx

import (
	"io"
	"iter"
	"strconv"
	"strings"
	"sync"
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
	// Body, when set, yields the rows that follow Rows, one at a time: a
	// long table is then drawn without all its rows in memory. The table
	// keeps no yielded Row, so Body may reuse one.
	Body iter.Seq[Row]
}

// Row is one table row.
type Row struct {
	// Header rows repeat at the top of every page the table runs onto.
	Header bool
	// Bold sets the row's text in bold (header and totals rows).
	Bold bool
	// KeepNext keeps the row on the page of the row after it: rows kept
	// together move to the next page as a block when they do not fit,
	// so that a group's label or a 合计 row never stands apart.
	KeepNext bool
	Cells    []Cell
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
	// Align is "left" (justified, as body text), "start" (flush left,
	// not stretched: short lines in narrow cells), "right" or "center"
	// (the default).
	Align string
	// Head sets a body cell like a header cell (header style, bold): the
	// labels of a form.
	Head bool
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
	_ = t.WriteWordML(&b, w) // a strings.Builder never fails
	return b.String()
}

// WriteWordML writes the table to out a few dozen kilobytes at a time, so
// that a table of any length never exists as one string (it makes Table a
// StreamBlock).
func (t *Table) WriteWordML(out io.Writer, w string) error {
	tw := tableWriter{out: out, t: t, k: tableTagsFor(w), buf: make([]byte, 0, tableFlush+4<<10)}
	tw.start()
	for _, r := range t.Rows {
		if err := tw.row(r); err != nil {
			return err
		}
	}
	if t.Body != nil {
		for r := range t.Body {
			if err := tw.row(r); err != nil {
				return err
			}
		}
	}
	tw.buf = append(tw.buf, tw.k.tblEnd...)
	return tw.flush()
}

// tableFlush is how much markup a tableWriter collects before writing it.
const tableFlush = 32 << 10

// tableWriter draws a table into a buffer it writes out from time to time.
type tableWriter struct {
	out io.Writer
	t   *Table
	k   *tableTags
	buf []byte
	// style and headStyle are the escaped paragraph styles of body and
	// header cells.
	style, headStyle string
}

// tableTags are the markup pieces of a table for one WordprocessingML prefix.
type tableTags struct {
	w                                  string
	tblEnd                             string // </w:tbl>
	trStart, trHeader, trPrEnd, trEnd  string
	tcStart, tcWidthEnd, gridSpan      string
	vMergeStart, vMergeContinue        string
	tcPrEnd, pStyle, keepNext, jc      string
	pPrEnd                             string
	run, boldRun, text, textEnd, pcEnd string
	br, tab                            string
}

var tableTagsCache sync.Map // prefix → *tableTags

func tableTagsFor(w string) *tableTags {
	if k, ok := tableTagsCache.Load(w); ok {
		return k.(*tableTags)
	}
	k := &tableTags{
		w:              w,
		tblEnd:         "</" + w + "tbl>",
		trStart:        "<" + w + "tr><" + w + "trPr><" + w + "cantSplit/>",
		trHeader:       "<" + w + "tblHeader/>",
		trPrEnd:        "</" + w + "trPr>",
		trEnd:          "</" + w + "tr>",
		tcStart:        "<" + w + "tc><" + w + "tcPr><" + w + `tcW ` + w + `w="`,
		tcWidthEnd:     `" ` + w + `type="dxa"/>`,
		gridSpan:       "<" + w + `gridSpan ` + w + `val="`,
		vMergeStart:    "<" + w + `vMerge ` + w + `val="restart"/>`,
		vMergeContinue: "<" + w + "vMerge/>",
		tcPrEnd:        "<" + w + `vAlign ` + w + `val="center"/></` + w + "tcPr><" + w + "p><" + w + "pPr>",
		pStyle:         "<" + w + `pStyle ` + w + `val="`,
		keepNext:       "<" + w + "keepNext/>",
		jc:             "<" + w + `jc ` + w + `val="`,
		pPrEnd:         `"/></` + w + "pPr>",
		run:            "<" + w + "r>",
		boldRun:        "<" + w + "r><" + w + "rPr><" + w + "b/></" + w + "rPr>",
		text:           "<" + w + `t xml:space="preserve">`,
		textEnd:        "</" + w + "t></" + w + "r>",
		pcEnd:          "</" + w + "p></" + w + "tc>",
		br:             "</" + w + "t><" + w + "br/><" + w + `t xml:space="preserve">`,
		tab:            "</" + w + "t><" + w + "tab/><" + w + `t xml:space="preserve">`,
	}
	k2, _ := tableTagsCache.LoadOrStore(w, k)
	return k2.(*tableTags)
}

// start writes the table's properties and grid.
func (tw *tableWriter) start() {
	t, w := tw.t, tw.k.w
	tw.style = escapeText(t.Style, "", "")
	tw.headStyle = tw.style
	if t.HeaderStyle != "" {
		tw.headStyle = escapeText(t.HeaderStyle, "", "")
	}
	total := 0
	for _, wd := range t.Widths {
		total += wd
	}
	b := tw.buf
	b = append(b, "<"+w+"tbl><"+w+"tblPr>"...)
	b = append(b, "<"+w+`tblW `+w+`w="`...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `" `+w+`type="dxa"/>`...)
	b = append(b, "<"+w+`jc `+w+`val="center"/>`...)
	b = append(b, "<"+w+"tblBorders>"...)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b = append(b, "<"+w+side+" "+w+`val="single" `+w+`sz="4" `+w+`space="0" `+w+`color="000000"/>`...)
	}
	b = append(b, "</"+w+"tblBorders>"...)
	b = append(b, "<"+w+`tblLayout `+w+`type="fixed"/>`...)
	b = append(b, "<"+w+"tblCellMar><"+w+`left `+w+`w="85" `+w+`type="dxa"/><`+w+`right `+w+`w="85" `+w+`type="dxa"/></`+w+"tblCellMar>"...)
	b = append(b, "</"+w+"tblPr><"+w+"tblGrid>"...)
	for _, wd := range t.Widths {
		b = append(b, "<"+w+`gridCol `+w+`w="`...)
		b = strconv.AppendInt(b, int64(wd), 10)
		b = append(b, `"/>`...)
	}
	tw.buf = append(b, "</"+w+"tblGrid>"...)
}

// row draws one row and writes the buffer out when it is full.
func (tw *tableWriter) row(r Row) error {
	t, k := tw.t, tw.k
	b := append(tw.buf, k.trStart...)
	if r.Header {
		b = append(b, k.trHeader...)
	}
	b = append(b, k.trPrEnd...)
	style := tw.style
	if r.Header {
		style = tw.headStyle
	}
	col := 0
	for _, c := range r.Cells {
		span := max(c.Span, 1)
		width := 0
		for i := col; i < col+span && i < len(t.Widths); i++ {
			width += t.Widths[i]
		}
		col += span
		b = append(b, k.tcStart...)
		b = strconv.AppendInt(b, int64(width), 10)
		b = append(b, k.tcWidthEnd...)
		if span > 1 {
			b = append(b, k.gridSpan...)
			b = strconv.AppendInt(b, int64(span), 10)
			b = append(b, `"/>`...)
		}
		switch c.Merge {
		case MergeStart:
			b = append(b, k.vMergeStart...)
		case MergeContinue:
			b = append(b, k.vMergeContinue...)
		}
		b = append(b, k.tcPrEnd...)
		if cs := style; cs != "" {
			if c.Head {
				cs = tw.headStyle
			}
			b = append(b, k.pStyle...)
			b = append(b, cs...)
			b = append(b, `"/>`...)
		}
		if r.KeepNext {
			b = append(b, k.keepNext...)
		}
		b = append(b, k.jc...)
		switch c.Align {
		case "", "center", "centre":
			b = append(b, "center"...)
		case "left":
			b = append(b, "both"...)
		case "start":
			// "left", not "start": the transitional value every Word,
			// WPS and LibreOffice version reads.
			b = append(b, "left"...)
		default:
			b = appendEscaped(b, c.Align, "", "")
		}
		b = append(b, k.pPrEnd...)
		if c.Merge != MergeContinue && c.Text != "" {
			if r.Bold || r.Header || c.Head {
				b = append(b, k.boldRun...)
			} else {
				b = append(b, k.run...)
			}
			b = append(b, k.text...)
			b = appendEscaped(b, c.Text, k.br, k.tab)
			b = append(b, k.textEnd...)
		}
		b = append(b, k.pcEnd...)
	}
	tw.buf = append(b, k.trEnd...)
	if len(tw.buf) >= tableFlush {
		return tw.flush()
	}
	return nil
}

func (tw *tableWriter) flush() error {
	_, err := tw.out.Write(tw.buf)
	tw.buf = tw.buf[:0]
	return err
}
