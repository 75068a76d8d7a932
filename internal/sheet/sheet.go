// Package sheet reads the rows of a spreadsheet (.xlsx) or a CSV file: the
// lists bureau staff receive (the 公示名单 of awarded enterprises, loans,
// trips) and would otherwise retype. Cells come typed (text, number, date,
// formula error, formula without a saved result) with the row and column
// Excel shows, and every problem of the file (its format, encoding, a
// hidden row, a merged cell, a blank line inside the data) comes as a
// Chinese diagnostic naming the place. The package knows nothing of funds:
// which column holds an amount is the caller's business; Number says why a
// cell is not a number.
//
// Reading is streamed and linear: a worksheet's XML is scanned once
// (xmlscan.go), a CSV file is decoded once, and each row is handed to the
// caller and forgotten. Every limit (file size, rows, size of a part once
// unzipped) is checked before the work it guards.
package sheet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

// Limits (internal/limits holds them with the reasons).
const (
	MaxFileSize  = limits.SourceFile
	MaxRows      = limits.SourceRows
	MaxPartSize  = limits.SourcePart
	MaxProblems  = limits.Messages
	maxToken     = limits.SourceToken
	maxDepth     = limits.SourceDepth
	maxDirectory = limits.SourceDirectory
	maxStrings   = limits.SourceStrings
	maxText      = limits.SourceText
	maxStyles    = limits.SourceStyles
	maxSheets    = limits.SourceSheets
	// maxColumn is Excel's last column (XFD); maxRowNumber its last row.
	maxColumn    = 16384
	maxRowNumber = 1 << 20
)

// Kind is what a cell holds.
type Kind uint8

// Cell kinds.
const (
	Blank Kind = iota
	// Text is a text cell, or any cell of a CSV file.
	Text
	// Numeric is a numeric cell of a workbook; Text is the value as the file
	// stores it (up to 17 significant digits, as binary floating point).
	Numeric
	// Date is a numeric cell with a date format; Text renders the date
	// (2019年3月5日).
	Date
	// Bool is TRUE or FALSE.
	Bool
	// Error is a formula's error value (#REF!, #DIV/0!, …), in Text.
	Error
	// NoValue is a formula whose result the file does not hold: a program
	// wrote the formula and nothing calculated it since.
	NoValue
)

// Cell is one cell of a row.
type Cell struct {
	Kind Kind
	Text string
}

// IsBlank reports whether the cell holds nothing but spaces.
func (c Cell) IsBlank() bool {
	return c.Kind == Blank || (c.Kind == Text && strings.TrimFunc(c.Text, isBlankRune) == "")
}

func isBlankRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u3000' || r == '\u00a0'
}

// Row is one row that is not blank, as the file numbers it.
type Row struct {
	// Num is the row number Excel shows; in a CSV file, the line on which
	// the record starts.
	Num int
	// Cells are the row's cells by column, A first; trailing blank cells
	// may be missing. The slice is reused for the next row.
	Cells []Cell
}

// Cell returns the cell of column i (0 is A), blank beyond the row's end.
func (r Row) Cell(i int) Cell {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return Cell{}
}

// Format is the kind of source file.
type Format int

// Formats.
const (
	XLSX Format = iota + 1
	CSV
)

func (f Format) String() string {
	switch f {
	case XLSX:
		return "xlsx"
	case CSV:
		return "csv"
	}
	return "?"
}

// Options say what to read.
type Options struct {
	// Sheet is the worksheet of a workbook to read; empty means the first.
	Sheet string
	// HeaderRow is the row of the column titles (1 when zero). Rows above
	// it (a title, notes) are skipped; rows below it are the data, where
	// hidden rows, merged cells and blank lines are refused.
	HeaderRow int
}

// Source describes the file read, for the record kept with the outputs.
type Source struct {
	Path     string
	Format   Format
	Sheet    string   // the worksheet read; "" for CSV
	Sheets   []string // every worksheet of the workbook
	Encoding string   // of a CSV file: UTF-8, UTF-8（带 BOM）or GBK
	Size     int64
	SHA256   string // hex
	// Merged are the merged ranges that reach into the data rows (each
	// reported as a problem): the caller need not report the blank cells
	// they leave.
	Merged []Range
}

// Range is a rectangle of cells: rows as Excel numbers them, columns from
// 0 (A).
type Range struct {
	FromRow, FromCol, ToRow, ToCol int
}

// Contains reports whether the cell at row and column col (0 is A) lies in
// the range.
func (r Range) Contains(row, col int) bool {
	return row >= r.FromRow && row <= r.ToRow && col >= r.FromCol && col <= r.ToCol
}

// Read reads the rows of the file at path from the header row on, calling
// each for every row that is not blank (the header row first, when it is
// not blank). It returns what was read and every problem found; the source
// is nil when the file could not be read at all.
func Read(path string, o Options, each func(Row)) (*Source, diag.List) {
	if o.HeaderRow < 1 {
		o.HeaderRow = 1
	}
	r := &reader{path: path, o: o, each: each}
	src := r.read()
	r.finish()
	return src, r.ds
}

// reader holds the state shared by the formats: where the data starts, the
// blank-line check and the capped list of problems.
type reader struct {
	path string
	o    Options
	each func(Row)
	ds   diag.List
	// dropped counts problems over MaxProblems.
	dropped int
	// last is the last row handed on, lastEnd the last line it took (a
	// CSV record may span lines); blankFrom the first blank row after it,
	// 0 when none.
	last, lastEnd, blankFrom int
	rows                     int
	tooMany                  bool
	// text counts the bytes of the cells handed on.
	text int
	// sheet is the worksheet being read, for positions.
	sheet string
	// merges are the merged ranges reported.
	merges []Range
}

func (r *reader) filePos() diag.Pos { return diag.Pos{File: r.path} }

func (r *reader) rowPos(row int) diag.Pos {
	return diag.Pos{File: r.path, Line: row, Grid: true, Sheet: r.sheet}
}

// problem records a diagnostic, up to MaxProblems.
func (r *reader) problem(pos diag.Pos, msg, hint string) {
	if len(r.ds) >= MaxProblems {
		r.dropped++
		return
	}
	r.ds.Add(diag.Diagnostic{Pos: pos, Msg: msg, Hint: hint})
}

func (r *reader) fail(msg, hint string) { r.problem(r.filePos(), msg, hint) }

func (r *reader) finish() {
	if r.dropped > 0 {
		// Counted as the problems it stands for, and listed after them
		// (diag.List.Sorted), as a data file's are.
		r.ds.Add(diag.Omitted(r.path, r.dropped, diag.Error))
	}
}

// row hands on one row of the data area or the header, which ends on line
// end; blank rows are only remembered, to refuse them when data follows.
func (r *reader) row(num, end int, cells []Cell) {
	if num < r.o.HeaderRow || r.tooMany {
		return
	}
	blank := true
	for _, c := range cells {
		if !c.IsBlank() {
			blank = false
			break
		}
	}
	if blank {
		if r.blankFrom == 0 && r.last > 0 {
			r.blankFrom = r.lastEnd + 1
		}
		return
	}
	if r.last > 0 && num > r.lastEnd+1 && r.blankFrom == 0 {
		// A workbook leaves blank rows out of its XML; encoding/csv
		// skips empty lines.
		r.blankFrom = r.lastEnd + 1
	}
	if r.blankFrom > 0 {
		what := fmt.Sprintf("第%d行是空行", r.blankFrom)
		if num-1 > r.blankFrom {
			what = fmt.Sprintf("第%d–%d行是空行", r.blankFrom, num-1)
		}
		r.problem(r.rowPos(r.blankFrom), what+fmt.Sprintf("，但下面第%d行还有内容。明细表的数据中间不能有空行：空行以下的内容是否属于本表，程序无法判断。", num),
			"请删去空行；表格下方的说明、落款请删去或移到别的工作表。")
		r.blankFrom = 0
	}
	if num > r.o.HeaderRow {
		if r.rows++; r.rows > MaxRows {
			r.tooMany = true
			r.problem(r.rowPos(num), fmt.Sprintf("数据超过 %d 行的上限（从第%d行起未读）。", MaxRows, num),
				"一张明细表最多 30 万行（约为 Word 报告所能容纳的上限）。请确认选对了文件和工作表，或把名单拆成几张表。")
			return
		}
	}
	for _, c := range cells {
		r.text += len(c.Text)
	}
	if r.text > maxText {
		r.tooMany = true
		r.problem(r.rowPos(num), fmt.Sprintf("表格中的文字合计超过 %s 的上限（从第%d行起未读）。", diag.Size(maxText), num),
			"正常的名单远小于此（10 万行的名单约 6 MB）；请确认选对了文件和工作表，单元格中没有误粘贴的大段文字。")
		return
	}
	r.last, r.lastEnd = num, end
	r.each(Row{Num: num, Cells: cells})
}

// read checks the file and reads it by its format.
func (r *reader) read() *Source {
	ext := strings.ToLower(filepath.Ext(r.path))
	var format Format
	switch ext {
	case ".xlsx", ".xlsm":
		format = XLSX
	case ".csv":
		format = CSV
	case ".xls":
		r.fail("这是旧版 Excel 格式（.xls）的文件，程序只能读取 .xlsx 和 .csv。",
			"请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。")
		return nil
	case ".et", ".ods", ".numbers", ".xlsb":
		r.fail(fmt.Sprintf("程序不能读取 %s 格式的表格，只能读取 .xlsx 和 .csv。", ext),
			"请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。")
		return nil
	default:
		r.fail(fmt.Sprintf("“rows_from”指定的文件“%s”不是表格文件：只能读取 .xlsx（Excel 工作簿）和 .csv。", filepath.Base(r.path)),
			"请检查文件名和扩展名。")
		return nil
	}
	data, err := limits.ReadFile(r.path, MaxFileSize)
	var tooBig *limits.TooLargeError
	switch {
	case errors.As(err, &tooBig) && tooBig.Size >= 0:
		r.fail(fmt.Sprintf("文件过大（%s），超过明细表来源文件的上限 %s。", diag.Size(tooBig.Size), diag.Size(MaxFileSize)),
			"一张 10 万行的名单约 3 MB（.xlsx）或 6 MB（.csv）；请确认选对了文件，或删去其中与本表无关的工作表、图片后再保存。")
		return nil
	case errors.As(err, &tooBig):
		r.fail(fmt.Sprintf("文件在读取时超过了明细表来源文件的上限 %s（可能正被其它程序写入）。", diag.Size(MaxFileSize)), "请等写入结束（如在 Excel 中保存完毕）后再运行。")
		return nil
	case errors.Is(err, limits.ErrNotRegular):
		r.fail("“rows_from”指定的不是普通文件（而是目录、设备、管道或套接字），不能作为表格读取。", "请写明表格文件的名称，如“rows_from = \"奖励名单.xlsx\"”。")
		return nil
	case err != nil:
		r.fail(fmt.Sprintf("无法读取明细表的来源文件：%s。", diag.IOError(err)),
			"请确认文件与数据文件放在同一目录下，且“rows_from”中的文件名（包括扩展名）与实际文件一致。")
		return nil
	}
	return r.content(format, data)
}

// content reads a file's bytes by its format.
func (r *reader) content(format Format, data []byte) *Source {
	// The checksum is taken on the other core while the rows are read.
	sum := make(chan [sha256.Size]byte, 1)
	go func() { sum <- sha256.Sum256(data) }()
	src := &Source{Path: r.path, Format: format, Size: int64(len(data))}
	defer func() {
		s := <-sum
		src.SHA256 = hex.EncodeToString(s[:])
	}()
	if kind := sniff(data); kind != "" && !(format == XLSX && kind == "zip") {
		r.wrongContent(format, kind, data)
		return nil
	}
	var ok bool
	if format == XLSX {
		ok = r.readXLSX(src, data)
	} else {
		ok = r.readCSV(src, data)
	}
	if !ok {
		return nil
	}
	src.Merged = r.merges
	return src
}

// Magic numbers: a zip archive (.xlsx, .docx) and an OLE compound file
// (.xls, .doc, and an .xlsx encrypted with a password).
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff names what the bytes are when they are not plain text: "zip",
// "encrypted", "ole" or "utf16".
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return "zip"
	case bytes.HasPrefix(data, oleMagic):
		// An encrypted OOXML package keeps its streams under these names
		// (UTF-16 in the compound file's directory).
		if bytes.Contains(data, utf16LE("EncryptedPackage")) || bytes.Contains(data, utf16LE("EncryptionInfo")) {
			return "encrypted"
		}
		return "ole"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "utf16"
	}
	return ""
}

func utf16LE(s string) []byte {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

const resave = "请用 Excel 或 WPS 打开它，"

// wrongContent explains a file whose content is not what its name says.
func (r *reader) wrongContent(format Format, kind string, data []byte) {
	switch kind {
	case "encrypted":
		r.fail("该工作簿设置了打开密码（已加密），程序无法读取。",
			"请在 Excel 中打开它（输入密码），“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码后保存；或另存为一个不加密的副本，再把“rows_from”改为该副本。")
	case "ole":
		r.fail("这是旧版 Excel 格式（.xls）的文件（只是扩展名写成了 "+filepath.Ext(r.path)+"），程序只能读取 .xlsx 和 .csv。",
			resave+"“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。")
	case "zip":
		r.fail("这个文件其实是 Excel 工作簿（.xlsx），扩展名却是 .csv。",
			"请把文件的扩展名改为 .xlsx（并相应修改“rows_from”），或在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”。")
	case "utf16":
		r.fail("文件是 UTF-16 编码（Excel 的“Unicode 文本”格式），不是 CSV。",
			resave+"“另存为”→“CSV UTF-8（逗号分隔）（*.csv）”。")
	}
}

// ColumnName names a 0-based column as Excel does: A … Z, AA ….
func ColumnName(i int) string {
	var s []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('A' + (n-1)%26)}, s...)
	}
	return string(s)
}
