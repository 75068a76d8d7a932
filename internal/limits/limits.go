// Package limits is the one place where the tool's bounds on what it reads
// and writes are set: data files, Word templates, the documents it makes
// and the files `ipfund text` and `ipfund diff` read back. Every bound is
// checked before the work it guards (a file is refused before it is read
// whole, a nesting level before it is entered, a part before it is
// inflated), so that no input, mistaken or hostile, can make a run take
// minutes or gigabytes. The README's 出错与限制 lists them with the reasons.
//
// The bounds are tied together where one stage reads what another wrote:
// `ipfund text` accepts any document `build` may write (OutputPart,
// OutputDocument), and the per-file counts of a data file scale with
// DataFile, so raising DataFile alone keeps them in proportion.
package limits

// Data files: data/<year>/*.toml and the results files `ipfund diff` reads.
const (
	// DataFile bounds one data file, in bytes. A year's data is a few dozen
	// kilobytes; a 10 000-row detail table about 0.85 MB and a 100 000-row
	// one, the longest the tool is built for, 8.5 MB. A longer list
	// belongs in a spreadsheet read with rows_from (SourceFile).
	DataFile = 12 << 20
	// Items bounds the keys, array elements and tables of one data file
	// (each counts as one): the TOML parser and the position index spend
	// memory and time per item. Real data takes more than 16 bytes per
	// item (a detail row "{ count = 4479, amount = 666.9 }," is 34 bytes
	// for three), so the bound follows DataFile.
	Items = DataFile / 16
	// Depth bounds nesting in a data file: [ ] and { } inside each other,
	// plus the parts of a dotted key or table name. The data nests five
	// levels deep at most.
	Depth = 64
	// KeyPath bounds the full name of a value, table names, dotted keys
	// and array positions included (report.stage[2].text), in bytes.
	// Every value's full name is kept for messages, so this with Items
	// bounds that memory.
	KeyPath = 256
	// Messages bounds the problems listed for one file; the rest are
	// counted, as compilers do. Fifty is more than anyone reads before
	// fixing the first ones.
	Messages = 50
	// Cities bounds the regions of a factor-method allocation, checked
	// before the file is parsed. A province has a dozen or two 设区市 and
	// fewer than two hundred counties; each region costs about a
	// millisecond through the workbook and the report.
	Cities = 300
	// EvaluationFiles bounds the figures files of the cities' evaluation
	// results an allocation reads from a folder: a province has a dozen
	// cities; hundreds of files mean a wrong folder.
	EvaluationFiles = 200
	// Digits bounds the digits of a number in a data file, integer part
	// and decimals together: Excel keeps 15 significant digits, and a
	// number a workbook cannot show exactly is refused rather than shown
	// as another one.
	Digits = 15
)

// Spreadsheets a detail table's rows are read from (rows_from): a .xlsx
// workbook or a CSV file.
const (
	// SourceFile bounds the file, in bytes, checked before it is read: a
	// 100 000-row list is about 3 MB as .xlsx and 6 MB as CSV.
	SourceFile = 64 << 20
	// SourceRows bounds the rows under the header, counted as they are
	// read: about what OutputPart lets the Word report hold.
	SourceRows = 300_000
	// SourcePart bounds the parts of one workbook that are read (the
	// worksheet, the shared strings, the cell formats, the workbook and
	// its relationships) unzipped together, checked on the sizes the
	// archive declares before unzipping and again while unzipping: the
	// declared sizes may lie. Scanning it all takes two to four seconds;
	// a 300 000-row list of a dozen columns as Excel saves it (shared
	// strings) is about 100 MB unzipped.
	SourcePart = 256 << 20
	// SourceDirectory bounds the directory of a workbook's zip archive,
	// in bytes, read whole (entry by entry) before any part is: a
	// workbook of a thousand sheets lists a few thousand parts, some
	// 200 KB.
	SourceDirectory = 1 << 20
	// SourceDepth bounds the nesting of a workbook part's XML, checked
	// before an element is entered: a cell's text lies six levels down.
	SourceDepth = 64
	// SourceStrings bounds the shared strings of a workbook (each costs
	// its header even when empty): a 300 000-row list whose five text
	// columns all differ has 1.5 million.
	SourceStrings = 2 << 20
	// SourceText bounds the text a workbook's shared strings hold
	// together, and the text of the rows read from a source file: a
	// shared string is stored once and may fill many cells, so a small
	// workbook could otherwise bring more text than the largest CSV file.
	SourceText = SourceFile
	// SourceStyles bounds the cell formats and the number formats of a
	// workbook, each: Excel keeps at most 64 000 cell formats.
	SourceStyles = 1 << 16
	// SourceSheets bounds the sheets of a workbook and the relationships
	// of one of its parts.
	SourceSheets = 1000
	// SourceToken bounds one XML tag or text of a workbook's parts, which
	// the reader holds whole, and the text of one cell (Excel keeps at
	// most 32 767 characters in a cell, under 128 KB); in a CSV file, one
	// record.
	SourceToken = 1 << 20
)

// Word templates and the documents made from them, and what `ipfund text`
// reads back.
const (
	// TemplateFile bounds a .docx template file, in bytes.
	TemplateFile = 50 << 20
	// TemplatePart bounds one entry of a template, inflated.
	TemplatePart = 64 << 20
	// TemplateTotal bounds all entries of a template together, inflated,
	// checked on the zip's directory before anything is inflated: a
	// template of many parts each under TemplatePart is no less a bomb.
	TemplateTotal = 128 << 20
	// Paragraph bounds one paragraph of a filled document: a paragraph is
	// held whole while it is written (a table may yet take its place), so
	// a loop repeating text inside one paragraph stops here. A page of
	// text is a few kilobytes.
	Paragraph = 1 << 20
	// OutputPart bounds one part of a document the tool writes (a Word
	// body, a worksheet), inflated: a 100 000-row table comes to about
	// 75 MB.
	OutputPart = 256 << 20
	// OutputDocument bounds all parts of one document together, inflated:
	// the largest body and every copied template entry.
	OutputDocument = OutputPart + TemplateTotal
	// DocumentFile bounds the .docx or .xlsx file `ipfund text` reads: any
	// document build may write, with room for the zip's own records
	// (compressed data never outgrows its inflated size by more than a
	// few bytes per 16 KB block).
	DocumentFile = OutputDocument + OutputDocument/64
	// ChartSeries, ChartPoints and Charts bound the charts drawn into a
	// document, checked before one is drawn: Excel's own limit on a
	// chart's series; a chart of more points (categories × series) would
	// be unreadable; a mistaken loop must not fill the memory with charts.
	ChartSeries = 255
	ChartPoints = 100_000
	Charts      = 1000
	// LoopIterations bounds the repetitions of {{range}} loops while one
	// document is filled: nested loops over short lists multiply, and a
	// loop that writes nothing is bounded by no size limit. The templates
	// repeat a few thousand times; a table drawn by the program (a
	// 100 000-row detail table) is one value, not a loop.
	LoopIterations = 200_000
)
