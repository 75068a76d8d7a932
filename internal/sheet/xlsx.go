package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync/atomic"

	"ipfund/internal/diag"
	"ipfund/internal/suggest"
)

// Relationship types (the part after the last slash) of the parts read.
const (
	relOfficeDocument = "officeDocument"
	relWorksheet      = "worksheet"
	relSharedStrings  = "sharedStrings"
	relStyles         = "styles"
)

// workbook is what is needed of a workbook's parts to read one sheet.
type workbook struct {
	zr       *zip.Reader
	files    map[string]*zip.File // by lower-case name
	sheets   []wbSheet
	strings  []string
	dateXF   []bool // by style index: the cell format is a date
	date1904 bool
	// budget is what may yet be unzipped of the parts read (MaxPartSize
	// for them all); the reader ahead takes from it on its goroutine.
	budget atomic.Int64
}

type wbSheet struct {
	name, target, relType, state string
}

// readXLSX reads the chosen worksheet of a workbook.
func (r *reader) readXLSX(src *Source, data []byte) bool {
	dir := &dirReader{r: bytes.NewReader(data), n: maxDirectory}
	zr, err := zip.NewReader(dir, int64(len(data)))
	dir.done = true
	if errors.Is(err, errDirectory) {
		r.fail(fmt.Sprintf("工作簿中的部件过多（压缩包的目录超过 %s），程序不予读取。", diag.Size(maxDirectory)),
			"正常的工作簿只有几十个部件；请确认选对了文件，或在 Excel 中把所需的数据复制到一个新工作簿后保存。")
		return false
	}
	if err != nil {
		r.fail("文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名。", resave+"确认内容完整后“另存为”→“Excel 工作簿（*.xlsx）”。")
		return false
	}
	wb := &workbook{zr: zr, files: map[string]*zip.File{}}
	wb.budget.Store(MaxPartSize)
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if err := wb.open(); err != nil {
		r.corrupt(err)
		return false
	}
	for _, s := range wb.sheets {
		src.Sheets = append(src.Sheets, s.name)
	}
	sh, ok := r.chooseSheet(wb)
	if !ok {
		return false
	}
	src.Sheet, r.sheet = sh.name, sh.name
	if err := r.worksheet(wb, sh); err != nil {
		if errors.As(err, new(*errXML)) {
			// A damaged sheet: what was said of its rows so far (row 2
			// "blank" before a row 2 that comes after row 3) cannot be
			// trusted; the damage is the one problem.
			r.ds, r.dropped = nil, 0
		}
		r.corrupt(err)
		return false
	}
	return true
}

// dirReader lets zip.NewReader read at most n bytes, until done: it
// reads the archive's directory whole, every entry into memory, before
// anything can be checked.
type dirReader struct {
	r    io.ReaderAt
	n    int64
	done bool
}

var errDirectory = errors.New("zip directory too large")

func (d *dirReader) ReadAt(p []byte, off int64) (int, error) {
	if !d.done {
		if d.n -= int64(len(p)); d.n < 0 {
			return 0, errDirectory
		}
	}
	return d.r.ReadAt(p, off)
}

// corrupt reports a workbook whose parts cannot be read.
func (r *reader) corrupt(err error) {
	var tooBig *errPartTooBig
	var bad *errXML
	var over *errOverLimit
	const smaller = "正常的名单远小于此；请确认选对了文件，或在 Excel 中把所需的数据复制到一个新工作簿后保存。"
	switch {
	case errors.As(err, &tooBig):
		r.fail(fmt.Sprintf("工作簿中读取的内容解压后超过 %s 的上限（读到“%s”时），程序不予读取。", diag.Size(MaxPartSize), tooBig.part), smaller)
	case errors.As(err, &over):
		r.fail("工作簿中"+over.what+"，超过程序的上限，不予读取。", smaller)
	case errors.As(err, &bad):
		r.fail("工作簿已损坏，无法读取："+bad.msg+"。", resave+"确认内容完整后重新保存（“另存为”→“Excel 工作簿（*.xlsx）”）。")
	case errors.Is(err, errTokenTooLong):
		r.fail("工作簿中有超长的内容（单个单元格或标记超过 1 MB），已损坏或不是 Excel 保存的文件。", resave+"确认内容后重新保存。")
	default:
		r.fail("工作簿已损坏，无法读取（"+err.Error()+"）。", resave+"确认内容完整后重新保存（“另存为”→“Excel 工作簿（*.xlsx）”）。")
	}
}

// chooseSheet finds the worksheet named in the options, or the first one.
func (r *reader) chooseSheet(wb *workbook) (wbSheet, bool) {
	var names []string
	for _, s := range wb.sheets {
		names = append(names, s.name)
	}
	if len(wb.sheets) == 0 {
		r.fail("工作簿中没有工作表。", "请确认选对了文件。")
		return wbSheet{}, false
	}
	sh := wb.sheets[0]
	if r.o.Sheet != "" {
		found := false
		for _, s := range wb.sheets {
			if s.name == r.o.Sheet {
				sh, found = s, true
				break
			}
		}
		if !found {
			hint := ""
			if best := closestSheet(r.o.Sheet, names); best != "" {
				hint = "是不是“" + best + "”？"
			}
			r.fail(fmt.Sprintf("工作簿中没有名为“%s”的工作表。%s现有的工作表：%s。", r.o.Sheet, hint, quoteList(names)),
				"请把“sheet”改为其中之一（须与 Excel 底部标签上的名称完全一致）。")
			return wbSheet{}, false
		}
	}
	if sh.relType != relWorksheet {
		r.fail(fmt.Sprintf("“%s”是图表或对话框工作表，不是数据表。现有的工作表：%s。", sh.name, quoteList(names)), "请用“sheet”指定存放名单的工作表。")
		return wbSheet{}, false
	}
	return sh, true
}

// closestSheet suggests a sheet for a mistyped name, ignoring spaces and
// the width of letters and digits (Sheet 1, Ｓｈｅｅｔ1).
func closestSheet(s string, names []string) string {
	norm := func(x string) string { return strings.ToLower(strings.Join(strings.Fields(halfWidth(x)), "")) }
	for _, n := range names {
		if norm(n) == norm(s) {
			return n
		}
	}
	return suggest.Closest(s, names)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, "、")
}

type errPartTooBig struct{ part string }

func (e *errPartTooBig) Error() string { return e.part + " too big" }

// errOverLimit is a count or size over its limit; what says which, in
// Chinese.
type errOverLimit struct{ what string }

func (e *errOverLimit) Error() string { return e.what }

// part opens a part of the package for scanning; nil when absent. A
// large part is unzipped on another goroutine while it is scanned.
func (wb *workbook) part(name string) (*xmlScanner, io.Closer, error) {
	f := wb.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil, nil
	}
	if f.UncompressedSize64 > uint64(max(wb.budget.Load(), 0)) {
		return nil, nil, &errPartTooBig{name}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, xmlError("无法解压“" + name + "”")
	}
	lr := &limitReader{r: rc, n: &wb.budget, part: name}
	if f.UncompressedSize64 < 4*aheadChunk {
		return newXMLScanner(lr, maxToken), rc, nil
	}
	ahead := newAheadReader(lr)
	return newXMLScanner(ahead, maxToken), closers{ahead, rc}, nil
}

// closers closes each in turn: the reader ahead before the zip entry it
// reads.
type closers []io.Closer

func (cs closers) Close() error {
	for _, c := range cs {
		c.Close()
	}
	return nil
}

// limitReader fails once more than the budget n was read, for this part
// and the ones before it: the sizes an archive declares are not to be
// trusted.
type limitReader struct {
	r    io.Reader
	n    *atomic.Int64
	part string
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n.Load() < 0 {
		return 0, &errPartTooBig{l.part}
	}
	n, err := l.r.Read(p)
	if l.n.Add(-int64(n)) < 0 {
		return n, &errPartTooBig{l.part}
	}
	return n, err
}

// scanErr turns a scanner's end into an error, naming the part.
func scanErr(s *xmlScanner, name string) error {
	var tooBig *errPartTooBig
	var over *errOverLimit
	switch {
	case s.err == nil:
		return nil
	case errors.As(s.err, &tooBig), errors.As(s.err, &over), errors.Is(s.err, errTokenTooLong):
		return s.err
	}
	var bad *errXML
	if errors.As(s.err, &bad) {
		return xmlError("“" + name + "”" + bad.msg)
	}
	return xmlError("“" + name + "”无法解压（" + s.err.Error() + "）")
}

// open reads the package's relationships, the workbook's sheet list, the
// shared strings and the cell formats.
func (wb *workbook) open() error {
	rels, err := wb.rels("_rels/.rels", "")
	if err != nil {
		return err
	}
	wbPath := "xl/workbook.xml"
	for _, rel := range rels {
		if rel.relType == relOfficeDocument {
			wbPath = rel.target
		}
	}
	s, c, err := wb.part(wbPath)
	if err != nil {
		return err
	}
	if s == nil {
		return xmlError("缺少工作簿主体（" + wbPath + "）")
	}
	defer c.Close()
	var sheets []wbSheet
	var ids []string
	for s.next() {
		if s.kind != tokStart {
			continue
		}
		switch string(s.name) {
		case "workbookPr":
			if v, _ := s.attr("date1904"); string(v) == "1" || string(v) == "true" {
				wb.date1904 = true
			}
		case "sheet":
			if len(sheets) == maxSheets {
				return &errOverLimit{fmt.Sprintf("有 %d 个以上的工作表", maxSheets)}
			}
			name, _ := s.attr("name")
			id, _ := s.attr("id")
			state, _ := s.attr("state")
			sheets = append(sheets, wbSheet{name: string(name), state: string(state)})
			ids = append(ids, string(id))
		}
	}
	if err := scanErr(s, wbPath); err != nil {
		return err
	}
	dir := path.Dir(wbPath)
	wbRels, err := wb.rels(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), dir)
	if err != nil {
		return err
	}
	byID := map[string]rel{}
	for _, rel := range wbRels {
		byID[rel.id] = rel
	}
	for i := range sheets {
		rel, ok := byID[ids[i]]
		if !ok {
			return xmlError("工作表“" + sheets[i].name + "”找不到对应的部件")
		}
		sheets[i].target, sheets[i].relType = rel.target, rel.relType
	}
	wb.sheets = sheets
	for _, rel := range wbRels {
		switch rel.relType {
		case relSharedStrings:
			if err := wb.readStrings(rel.target); err != nil {
				return err
			}
		case relStyles:
			if err := wb.readStyles(rel.target); err != nil {
				return err
			}
		}
	}
	return nil
}

type rel struct{ id, target, relType string }

// rels reads a relationships part; targets are resolved against dir.
func (wb *workbook) rels(name, dir string) ([]rel, error) {
	s, c, err := wb.part(name)
	if s == nil || err != nil {
		return nil, err
	}
	defer c.Close()
	var out []rel
	for s.next() {
		if s.kind != tokStart || string(s.name) != "Relationship" {
			continue
		}
		if mode, _ := s.attr("TargetMode"); string(mode) == "External" {
			continue
		}
		if len(out) == 2*maxSheets {
			return nil, &errOverLimit{fmt.Sprintf("“%s”列出的部件多于 %d 个", name, 2*maxSheets)}
		}
		id, _ := s.attr("Id")
		target, _ := s.attr("Target")
		typ, _ := s.attr("Type")
		t := string(target)
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		ty := string(typ)
		out = append(out, rel{id: string(id), target: t, relType: ty[strings.LastIndexByte(ty, '/')+1:]})
	}
	return out, scanErr(s, name)
}

// readStrings reads the shared strings: each <si>'s text, without its
// phonetic runs (<rPh>).
func (wb *workbook) readStrings(name string) error {
	s, c, err := wb.part(name)
	if s == nil || err != nil {
		return err
	}
	defer c.Close()
	var buf []byte
	text := 0
	for s.next() {
		if s.kind != tokStart || string(s.name) != "si" {
			continue
		}
		if len(wb.strings) == maxStrings {
			return &errOverLimit{fmt.Sprintf("的共享字符串多于 %d 个", maxStrings)}
		}
		var ok bool
		if buf, ok = s.textOf(buf[:0], "rPh"); !ok {
			break
		}
		if text += len(buf); text > maxText {
			return &errOverLimit{fmt.Sprintf("的共享字符串合计超过 %s", diag.Size(maxText))}
		}
		wb.strings = append(wb.strings, decodeXString(buf))
	}
	return scanErr(s, name)
}

// decodeXString undoes OOXML's escape of characters XML cannot hold:
// _x000D_ is a carriage return, _x005F_ an underscore.
func decodeXString(b []byte) string {
	if bytes.IndexByte(b, '_') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); {
		if b[i] == '_' && i+7 <= len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16); err == nil {
				out = append(out, string(rune(n))...)
				i += 7
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return string(out)
}

// readStyles finds which cell formats show dates: a date cell is stored as
// a number of days and must not be read as an amount.
func (wb *workbook) readStyles(name string) error {
	s, c, err := wb.part(name)
	if s == nil || err != nil {
		return err
	}
	defer c.Close()
	// custom tells, by number format, whether it shows a date.
	custom := map[int]bool{}
	inXfs := false
	for s.next() {
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "numFmt":
				id, _ := s.attr("numFmtId")
				code, _ := s.attr("formatCode")
				if n, err := strconv.Atoi(string(id)); err == nil {
					if _, dup := custom[n]; !dup && len(custom) == maxStyles {
						return &errOverLimit{fmt.Sprintf("的数字格式多于 %d 种", maxStyles)}
					}
					custom[n] = isDateFormat(string(code))
				}
			case "cellXfs":
				inXfs = !s.empty
			case "xf":
				if inXfs {
					if len(wb.dateXF) == maxStyles {
						return &errOverLimit{fmt.Sprintf("的单元格格式多于 %d 种", maxStyles)}
					}
					id, _ := s.attr("numFmtId")
					n, _ := strconv.Atoi(string(id))
					date, ok := custom[n]
					wb.dateXF = append(wb.dateXF, (ok && date) || (!ok && isBuiltinDate(n)))
				}
			}
		case tokEnd:
			if string(s.name) == "cellXfs" {
				inXfs = false
			}
		}
	}
	return scanErr(s, name)
}

// isBuiltinDate reports the built-in number formats that show dates or
// times (ECMA-376 18.8.30, with the ones Chinese Excel adds).
func isBuiltinDate(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// isDateFormat reports a custom format code that shows a date or time:
// outside quoted text, escapes and [colour] brackets it has y, m, d, h or s.
func isDateFormat(code string) bool {
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case strings.IndexByte("ymdhsYMDHSe", c) >= 0:
			return true
		}
	}
	return false
}

// worksheet streams the rows of a worksheet, then checks its merged cells.
func (r *reader) worksheet(wb *workbook, sh wbSheet) error {
	s, c, err := wb.part(sh.target)
	if err != nil {
		return err
	}
	if s == nil {
		return xmlError("工作表“" + sh.name + "”的内容缺失")
	}
	defer c.Close()
	var (
		cells   []Cell
		rowNum  int
		inData  bool
		buf     []byte
		inRow   bool
		lastCol int
	)
	for s.next() {
		switch s.kind {
		case tokEnd:
			switch string(s.name) {
			case "row":
				if inRow {
					r.row(rowNum, rowNum, cells)
					inRow = false
				}
				if r.tooMany {
					return nil // reported; the rest need not be read
				}
			case "sheetData":
				inData = false
			}
		case tokStart:
			switch string(s.name) {
			case "sheetData":
				inData = !s.empty
			case "row":
				if !inData {
					continue
				}
				n := rowNum + 1
				if v, ok := s.attr("r"); ok {
					var err error
					if n, err = strconv.Atoi(string(v)); err != nil || n <= rowNum || n > maxRowNumber {
						return xmlError(fmt.Sprintf("工作表“%s”的行号“%s”无效（应大于上一行 %d）", sh.name, v, rowNum))
					}
				} else if n > maxRowNumber {
					return xmlError(fmt.Sprintf("工作表“%s”的行数超过了 Excel 的最后一行（第%d行）", sh.name, maxRowNumber))
				}
				rowNum, lastCol, cells = n, -1, cells[:0]
				if v, _ := s.attr("hidden"); (string(v) == "1" || string(v) == "true") && rowNum > r.o.HeaderRow {
					r.problem(r.rowPos(rowNum), fmt.Sprintf("第%d行是隐藏行。隐藏的行同样会读入明细表，而在 Excel 中看不见，容易漏看或多算。", rowNum),
						"请在 Excel 中取消隐藏（如用了筛选，请取消筛选），确认该行应当保留还是删去，然后保存。")
				}
				if s.empty {
					r.row(rowNum, rowNum, cells)
				} else {
					inRow = true
				}
			case "c":
				if !inRow {
					continue
				}
				a := cellAttrs(s.attrs)
				col := lastCol + 1
				if a.ref != nil {
					cc, rr, ok := cellRef(a.ref)
					if !ok || cc <= lastCol || (rr != 0 && rr != rowNum) {
						return xmlError(fmt.Sprintf("工作表“%s”第%d行的单元格位置“%s”无效", sh.name, rowNum, a.ref))
					}
					col = cc
				}
				if col >= maxColumn {
					return xmlError(fmt.Sprintf("工作表“%s”第%d行的单元格超出了 Excel 的最后一列", sh.name, rowNum))
				}
				lastCol = col
				var cell Cell
				if cell, buf, err = wb.cell(s, a, buf); err != nil {
					return err
				}
				for len(cells) < col {
					cells = append(cells, Cell{})
				}
				cells = append(cells, cell)
			case "mergeCell":
				ref, _ := s.attr("ref")
				r.merged(string(ref))
			}
		}
	}
	return scanErr(s, sh.target)
}

// merged refuses a merged range that reaches into the data rows: only its
// top-left cell holds anything, so every other row of it would read blank.
func (r *reader) merged(ref string) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return
	}
	c1, r1, ok1 := cellRef([]byte(from))
	c2, r2, ok2 := cellRef([]byte(to))
	if !ok1 || !ok2 || max(r1, r2) <= r.o.HeaderRow {
		return
	}
	r.merges = append(r.merges, Range{FromRow: min(r1, r2), FromCol: min(c1, c2), ToRow: max(r1, r2), ToCol: max(c1, c2)})
	pos := r.rowPos(r1)
	pos.Col = c1 + 1
	r.problem(pos, fmt.Sprintf("%s%d:%s%d 是合并单元格。合并后只有左上角的格子有内容，其余各格读出来是空的。", ColumnName(c1), r1, ColumnName(c2), r2),
		"请选中该区域，取消合并，并在每一行都填上内容（如每行都写上组名），然后保存。")
}

// cellRef parses a cell reference such as AB12 into a 0-based column and a
// row number (0 when the reference has only the column).
func cellRef(v []byte) (col, row int, ok bool) {
	i := 0
	for i < len(v) && v[i] >= 'A' && v[i] <= 'Z' {
		col = col*26 + int(v[i]-'A'+1)
		if col > maxColumn {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	for _, c := range v[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > maxRowNumber {
			return 0, 0, false
		}
	}
	return col - 1, row, true
}

// cAttrs are the attributes of a <c> element.
type cAttrs struct {
	ref, typ []byte
	style    int // -1 when absent
}

func cellAttrs(attrs []byte) cAttrs {
	c := cAttrs{style: -1}
	for a := attrs; ; {
		key, val, rest, ok := nextAttr(a)
		if !ok {
			return c
		}
		switch string(key) {
		case "r":
			c.ref = val
		case "t":
			c.typ = val
		case "s":
			c.style, _ = strconv.Atoi(string(val))
		}
		a = rest
	}
}

// cell reads one <c> element: its value by type, whether it holds a
// formula, and whether its format shows a date.
func (wb *workbook) cell(s *xmlScanner, a cAttrs, buf []byte) (Cell, []byte, error) {
	typ, style := string(a.typ), a.style
	if s.empty {
		return Cell{}, buf, nil
	}
	var (
		formula, hasValue bool
		value             []byte
	)
	value = buf[:0]
	depth := 1
	for depth > 0 && s.next() {
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "f":
				formula = true
				if !s.skipElement() {
					return Cell{}, buf, scanErr(s, "工作表")
				}
			case "v":
				hasValue = true
				var ok bool
				if value, ok = s.textOf(value, ""); !ok {
					return Cell{}, buf, scanErr(s, "工作表")
				}
			case "is":
				hasValue = true
				var ok bool
				if value, ok = s.textOf(value, "rPh"); !ok {
					return Cell{}, buf, scanErr(s, "工作表")
				}
			default:
				if !s.skipElement() {
					return Cell{}, buf, scanErr(s, "工作表")
				}
			}
		case tokEnd:
			depth--
		}
	}
	if s.err != nil {
		return Cell{}, buf, scanErr(s, "工作表")
	}
	buf = value
	switch {
	case formula && !hasValue:
		return Cell{Kind: NoValue}, buf, nil
	case !hasValue:
		return Cell{}, buf, nil
	}
	switch typ {
	case "s":
		i, err := strconv.Atoi(string(value))
		if err != nil || i < 0 || i >= len(wb.strings) {
			return Cell{}, buf, xmlError("单元格引用了不存在的共享字符串")
		}
		return Cell{Kind: Text, Text: wb.strings[i]}, buf, nil
	case "str", "inlineStr":
		return Cell{Kind: Text, Text: decodeXString(value)}, buf, nil
	case "b":
		if string(value) == "1" {
			return Cell{Kind: Bool, Text: "TRUE"}, buf, nil
		}
		return Cell{Kind: Bool, Text: "FALSE"}, buf, nil
	case "e":
		return Cell{Kind: Error, Text: string(value)}, buf, nil
	case "d":
		return Cell{Kind: Date, Text: isoDate(string(value))}, buf, nil
	}
	if len(value) == 0 {
		if formula {
			return Cell{Kind: NoValue}, buf, nil
		}
		return Cell{}, buf, nil
	}
	if style >= 0 && style < len(wb.dateXF) && wb.dateXF[style] {
		if d, ok := serialDate(string(value), wb.date1904); ok {
			return Cell{Kind: Date, Text: d}, buf, nil
		}
	}
	return Cell{Kind: Numeric, Text: string(value)}, buf, nil
}

// serialDate renders an Excel date serial (days since 1899-12-30, or
// 1904-01-01) as 2019年3月5日, with the time when it has one.
func serialDate(v string, date1904 bool) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 2958466 {
		return "", false
	}
	days := int(f)
	secs := int((f-float64(days))*86400 + 0.5)
	if secs >= 86400 {
		days, secs = days+1, secs-86400
	}
	var y, m, d int
	if date1904 {
		y, m, d = civil(days + 1462)
	} else {
		if days < 61 {
			// Excel counts a 29 February 1900 that never was.
			days++
		}
		y, m, d = civil(days)
	}
	s := fmt.Sprintf("%d年%d月%d日", y, m, d)
	if secs > 0 {
		s += fmt.Sprintf(" %d:%02d", secs/3600, secs/60%60)
	}
	return s, true
}

// civil converts days since 1899-12-30 to a date (Howard Hinnant's
// algorithm, proleptic Gregorian).
func civil(days int) (int, int, int) {
	z := days - 25569 + 719468 // 1899-12-30 is 25569 days before 1970-01-01
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// isoDate renders an ISO 8601 date cell (t="d") as 2019年3月5日.
func isoDate(v string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(v, "%d-%d-%d", &y, &m, &d); n == 3 {
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	}
	return v
}
