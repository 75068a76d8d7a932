package fund

import (
	"path/filepath"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/sheet"
	"ipfund/internal/tomlx"
)

// readRows gives every detail table its rows: the ones the TOML file
// writes, or the ones of the spreadsheet rows_from names (rowsfrom.go). It
// reports whether every spreadsheet could be read: when one could not, the
// year is not validated, since every check of that table would only repeat
// the problem.
func (y *Year) readRows() (diag.List, bool) {
	var ds diag.List
	ok := true
	for i := range y.Subprojects {
		sp := &y.Subprojects[i]
		d := sp.Detail
		if d == nil {
			continue
		}
		name := label(sp) + "的明细表"
		if d.RowsFrom == "" {
			ds = append(ds, d.writtenRows(name)...)
			continue
		}
		sds := d.readSource(y.Dir, name)
		ds = append(ds, sds...)
		ok = ok && !sds.HasErrors()
	}
	return ds, ok
}

// writtenRows turns the rows the TOML file writes (tables keyed by column)
// into Rows, reporting keys that are not the table's data columns.
func (d *Detail) writtenRows(name string) diag.List {
	var ds diag.List
	for _, key := range []string{"sheet", "header_row"} {
		if d.At.Has(key) {
			ds.Errorf(d.At.Key(key), "%s写了“%s”，但没有“rows_from”：“%s”只用于从表格文件读取明细行。请删去它，或补上“rows_from = \"表格文件名\"”。", name, key, key)
		}
	}
	for _, c := range d.Columns {
		if c.From != "" {
			ds.Errorf(c.At.Key("from"), "%s的“%s”列写了“from”，但没有“rows_from”：“from”是该列在表格文件中的列名，只用于从表格文件读取明细行。请删去“from”，或补上“rows_from”。", name, c.Key)
		}
	}
	if len(d.Groups) == 0 {
		ds.Errorf(d.At.Pos(), "%s没有任何行。请用“[[detail.group]]”逐组写出各行，或用“rows_from = \"名单.xlsx\"”从表格文件读取。", name)
	}
	for gi := range d.Groups {
		g := &d.Groups[gi]
		g.Rows = make([]Row, len(g.WrittenRows))
		cells := make([]Cell, len(g.WrittenRows)*len(d.Columns))
		for ri, written := range g.WrittenRows {
			row := Row(cells[ri*len(d.Columns) : (ri+1)*len(d.Columns) : (ri+1)*len(d.Columns)])
			pos := g.At.Elem("rows", ri)
			for _, key := range sortedKeys(written) {
				ci := d.ColumnIndex(key)
				switch {
				case ci < 0:
					ds.Errorf(pos, "%s第%d组第%d行的“%s”不是表中的列代号。可用的列代号：%s。", name, gi+1, ri+1, key, strings.Join(dataColumnKeys(d), "、"))
				case d.Columns[ci].Kind == ColSeq:
					ds.Errorf(pos, "%s的序号列“%s”由程序自动编号，行中不要填写。", name, d.Columns[ci].Title)
				case d.Columns[ci].Kind == ColGroup:
					ds.Errorf(pos, "%s的分组名称写在“label”中，行中不要填写“%s”。", name, key)
				default:
					row[ci] = cellOf(written[key])
				}
			}
			g.Rows[ri] = row
		}
		g.WrittenRows = nil
	}
	return ds
}

// cellOf is a table cell from a TOML value.
func cellOf(s tomlx.Scalar) Cell {
	if s.IsNum {
		return Cell{Text: s.Text, Num: s.Num, IsNum: true}
	}
	return Cell{Text: s.Text}
}

// Source is the spreadsheet a detail table's rows were read from (rows_from).
type Source struct {
	sheet.Source
	// Name is the file's name as rows_from writes it.
	Name string
	// Columns holds, for each column of the table, the spreadsheet column
	// it was read from (0 is A), or -1 (the sequence column, numbered by
	// the tool); Headers the title found there.
	Columns []int
	Headers []string
	// Rows counts the data rows, without 小计 and 合计 rows; TotalLine is
	// the row of the 合计, 0 when there is none.
	Rows      int
	TotalLine int
}

// pos is a row of the spreadsheet, or a cell when col (an index of the
// table's columns) is read from one of its columns.
func (s *Source) pos(row, col int) diag.Pos {
	p := diag.Pos{File: s.Path, Line: row, Grid: true, Sheet: s.Sheet}
	if col >= 0 && col < len(s.Columns) && s.Columns[col] >= 0 {
		p.Col, p.Header = s.Columns[col]+1, s.Headers[col]
	}
	return p
}

// sourcePath checks the file name rows_from writes and returns the path of
// the file in the year's directory: only a file of that directory may be
// read, whatever the data says.
func sourcePath(dir, name string) (string, bool) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\:`) || filepath.IsAbs(name) || filepath.Base(name) != name {
		return "", false
	}
	p := filepath.Join(dir, name)
	if filepath.Dir(p) != filepath.Clean(dir) {
		return "", false
	}
	return p, true
}
