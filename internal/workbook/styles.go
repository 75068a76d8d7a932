package workbook

import (
	"github.com/xuri/excelize/v2"
)

// The official fonts (GB/T 9704-2012): titles in 方正小标宋简体, headings in
// 黑体, text in 仿宋_GB2312. The files name them; machines without them
// substitute another CJK font.
const (
	fontTitle  = "方正小标宋简体"
	fontHeader = "黑体"
	fontBody   = "仿宋_GB2312"
)

// Font sizes in points: the title 小二, table text 11pt (between 五号 and
// 小四) so that a wide table still reads after fit-to-width scaling.
const (
	sizeTitle    = 18
	sizeSubtitle = 12
	sizeBody     = 11
	sizeNote     = 10.5
)

// gbCharset is the GB2312 character set, which tells Excel the fonts are
// Chinese ones.
var gbCharset = 134

// Alignments.
const (
	left   = "left"
	center = "center"
	right  = "right"
)

// styleKey is everything that distinguishes one cell style from another.
type styleKey struct {
	font   string
	size   float64
	bold   bool
	halign string
	border bool
	fill   bool
	numFmt string
}

// styles is the shared style set of a workbook. Styles are created on first
// use; since the sheets are built in a fixed order, the style ids are the
// same on every run.
type styles struct {
	f     *excelize.File
	ids   map[styleKey]int
	sizes map[int]float64 // font size by style id
	err   error
}

// fontSize is the font size of a style, for sizing rows.
func (s *styles) fontSize(id int) float64 {
	if pt, ok := s.sizes[id]; ok {
		return pt
	}
	return sizeBody
}

func newStyles() *styles {
	return &styles{f: excelize.NewFile(), ids: map[styleKey]int{}, sizes: map[int]float64{}}
}

func (s *styles) get(k styleKey) int {
	if id, ok := s.ids[k]; ok {
		return id
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: k.font, Size: k.size, Bold: k.bold, Charset: &gbCharset},
		Alignment: &excelize.Alignment{Horizontal: k.halign, Vertical: center, WrapText: true},
	}
	if k.border {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if k.fill {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	}
	if k.numFmt != "" && k.numFmt != fmtGeneral {
		f := k.numFmt
		st.CustomNumFmt = &f
	}
	id, err := s.f.NewStyle(st)
	if err != nil && s.err == nil {
		s.err = err
	}
	s.ids[k] = id
	s.sizes[id] = k.size
	return id
}

// title is a sheet's title row: large, bold, centred, no border.
func (s *styles) title() int {
	return s.get(styleKey{font: fontTitle, size: sizeTitle, bold: true, halign: center})
}

// subtitle is a line under the title (year, unit of amounts), no border.
func (s *styles) subtitle(align string) int {
	return s.get(styleKey{font: fontBody, size: sizeSubtitle, halign: align})
}

// heading is a line introducing a table within a sheet: bold, no border.
func (s *styles) heading() int {
	return s.get(styleKey{font: fontHeader, size: sizeSubtitle, bold: true, halign: left})
}

// header is a table header cell: bold 黑体 on a light fill.
func (s *styles) header() int {
	return s.get(styleKey{font: fontHeader, size: sizeBody, bold: true, halign: center, border: true, fill: true})
}

// text is a table cell holding text.
func (s *styles) text(align string) int {
	return s.get(styleKey{font: fontBody, size: sizeBody, halign: align, border: true})
}

// label is a bold text cell: the 合计 row, the labels of a form.
func (s *styles) label(align string) int {
	return s.get(styleKey{font: fontHeader, size: sizeBody, bold: true, halign: align, border: true})
}

// number is a table cell holding a number in the given format.
func (s *styles) number(format string) int {
	return s.get(styleKey{font: fontBody, size: sizeBody, halign: right, border: true, numFmt: format})
}

// numberCentered is a number centred in its cell (points, ranks).
func (s *styles) numberCentered(format string) int {
	return s.get(styleKey{font: fontBody, size: sizeBody, halign: center, border: true, numFmt: format})
}

// total is a number of a 合计 row: bold.
func (s *styles) total(format string) int {
	return s.get(styleKey{font: fontBody, size: sizeBody, bold: true, halign: right, border: true, numFmt: format})
}

// totalCentered is a bold centred number or word of a total row.
func (s *styles) totalCentered(format string) int {
	return s.get(styleKey{font: fontBody, size: sizeBody, bold: true, halign: center, border: true, numFmt: format})
}

// note is an explanatory line under a table, no border.
func (s *styles) note() int {
	return s.get(styleKey{font: fontBody, size: sizeNote, halign: left})
}

// Number formats.
const (
	fmtScore   = "0.00"
	fmtPercent = `0.00"%"` // a percentage stored as a percent number: 87.39 → 87.39%
	fmtShare   = "0.0000%" // a fraction: 0.2585529 → 25.8553%
	fmtExact   = "0.000000"
	fmtInt     = "0"
	fmtGeneral = "General" // as typed: 10, 2.5
)
