// Package sheettest writes the spreadsheets that tests and benchmarks read
// as detail-table sources: a table as .xlsx (written by excelize, formulas
// with their cached values, as Excel saves them) or as CSV in UTF-8 or GBK
// (as Excel on a Chinese Windows saves “CSV（逗号分隔）”). It also holds the
// 2019 奖励 table in that form.
package sheettest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Table is a sheet: an optional title row, a header row and the rows.
type Table struct {
	Sheet  string // the worksheet's name; Sheet1 when empty
	Title  string // a title above the header (the header is then row 2)
	Header []string
	// Rows hold string, int, int64, float64 or Formula cells; nil is blank.
	Rows [][]any
	// Before are sheets written before this one (to test choosing a sheet).
	Before []string
}

// Formula is a formula cell with the value Excel cached for it.
type Formula struct {
	Expr  string
	Value any
}

// HeaderRow is the row of the header.
func (t Table) HeaderRow() int {
	if t.Title != "" {
		return 2
	}
	return 1
}

// XLSX writes the table as a workbook, streamed.
func (t Table) XLSX(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	name := t.Sheet
	if name == "" {
		name = "Sheet1"
	}
	first := name
	if len(t.Before) > 0 {
		first = t.Before[0]
	}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	for _, b := range append(t.Before[min(1, len(t.Before)):], name) {
		if b == first {
			continue
		}
		if _, err := f.NewSheet(b); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	row := 1
	put := func(cells []any) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			if fm, ok := c.(Formula); ok {
				vals[i] = excelize.Cell{Formula: fm.Expr, Value: fm.Value}
			} else {
				vals[i] = c
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	if t.Title != "" {
		if err := put([]any{t.Title}); err != nil {
			return err
		}
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
	}
	if err := put(header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := put(r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// CSV writes the table as CSV with CRLF line ends, in GBK when gbk is set,
// else in UTF-8 with a byte-order mark (Excel's “CSV UTF-8”). A formula
// cell is written as its value, as Excel does.
func (t Table) CSV(path string, gbk bool) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if t.Title != "" {
		w.Write([]string{t.Title})
	}
	w.Write(t.Header)
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for i, c := range r {
			if fm, ok := c.(Formula); ok {
				c = fm.Value
			}
			switch v := c.(type) {
			case nil:
			case float64:
				rec[i] = strconv.FormatFloat(v, 'f', -1, 64) // as Excel shows it, not 1e+06
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	data := buf.Bytes()
	if gbk {
		var err error
		if data, err = simplifiedchinese.GBK.NewEncoder().Bytes(data); err != nil {
			return err
		}
	} else {
		data = append([]byte("\xEF\xBB\xBF"), data...)
	}
	return os.WriteFile(path, data, 0o644)
}

// Awards2019 is the 2019 奖励 sub-project's table (the report's 表1) as
// staff would keep it: a title, the header, each group's rows closed by a
// 小计 row, and a 合计 row; subtotals and total are SUM formulas.
func Awards2019() Table {
	sub := func(label string, from, to int) []any {
		return []any{label, "小计",
			Formula{fmt.Sprintf("SUM(C%d:C%d)", from, to), nil},
			Formula{fmt.Sprintf("SUM(D%d:D%d)", from, to), nil},
			Formula{fmt.Sprintf("SUM(E%d:E%d)", from, to), nil}}
	}
	t := Table{
		Sheet:  "奖励",
		Before: []string{"说明"},
		Title:  "南昌市2019年度知识产权奖励资金支付情况",
		Header: []string{"项目", "年度", "单位数量（家）", "奖励数量（件）", "支付金额（万元）"},
		Rows: [][]any{
			{"授权专利奖励", nil, 410, 4479, 666.9},
			nil, // 小计
			{"累计拥有国内外发明专利奖励", nil, 2, 100, 20},
			nil,
			{"贯标企业奖励", "2018年度", 18, nil, 180},
			{"贯标企业奖励", "2019年度", 181, nil, 355.3},
			nil,
			{"优势示范企业奖励", "2018年度", 11, nil, 130},
			nil,
			{"合计", nil, Formula{"SUM(C4,C6,C9,C11)", 622}, Formula{"SUM(D4,D6,D9,D11)", 4579}, Formula{"SUM(E4,E6,E9,E11)", 1352.2}},
		},
	}
	// The subtotal rows, with the values Excel computes for them.
	subs := []struct {
		at, from, to int
		label        string
		vals         [3]any
	}{
		{1, 3, 3, "授权专利奖励", [3]any{410, 4479, 666.9}},
		{3, 5, 5, "累计拥有国内外发明专利奖励", [3]any{2, 100, 20}},
		{6, 7, 8, "贯标企业奖励", [3]any{199, 0, 535.3}},
		{8, 10, 10, "优势示范企业奖励", [3]any{11, 0, 130}},
	}
	for _, s := range subs {
		r := sub(s.label, s.from, s.to)
		for i := range 3 {
			f := r[2+i].(Formula)
			f.Value = s.vals[i]
			r[2+i] = f
		}
		t.Rows[s.at] = r
	}
	return t
}

// Awards2019Detail is the [detail] section of the 2019 奖励 sub-project
// with its rows read from file (the sheet and header row of Awards2019).
func Awards2019Detail(file string) string {
	sheet := ""
	if strings.HasSuffix(file, ".xlsx") {
		sheet = "sheet = \"奖励\"\n"
	}
	return `[detail]
unit = "万元"
rows_from = "` + file + `"
` + sheet + `header_row = 2
columns = [
  { key = "item", title = "项目", kind = "group" },
  { key = "period", title = "", kind = "text", from = "年度" },
  { key = "units", title = "单位数量（家）", kind = "count", sum = true },
  { key = "count", title = "奖励数量（件）", kind = "count", sum = true },
  { key = "amount", title = "支付金额（万元）", kind = "amount", sum = true },
]
spending_column = "amount"
`
}

// ReplaceDetail replaces the [detail] section of a sub-project's file (up
// to its first [[indicator]]) by detail.
func ReplaceDetail(file, detail string) (string, error) {
	start := strings.Index(file, "\n[detail]\n")
	end := strings.Index(file, "\n[[indicator]]")
	if start < 0 || end < start {
		return "", fmt.Errorf("no [detail] before [[indicator]]")
	}
	// Keep a comment block that precedes [[indicator]].
	if c := strings.Index(file[start:], "\n# ---"); c >= 0 && start+c < end {
		end = start + c
	}
	return file[:start+1] + detail + file[end:], nil
}
