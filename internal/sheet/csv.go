package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"ipfund/internal/diag"
)

// Encodings of a CSV file, as Source.Encoding names them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8（带 BOM）"
	EncodingGBK     = "GBK"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readCSV decodes a CSV file (UTF-8 with or without a byte-order mark, or
// GBK as Excel on a Chinese Windows saves “CSV（逗号分隔）”) and reads its
// records. Every cell is text.
func (r *reader) readCSV(src *Source, data []byte) bool {
	text, enc, ok := r.decodeCSV(csvLines(data))
	if !ok {
		return false
	}
	src.Encoding = enc
	r.innerBOM(text)
	// encoding/csv holds a record whole, fields and all: a record too
	// long is cut off before it is parsed.
	over := oversized(text)
	if over.line > 0 {
		text = text[:over.start]
		defer r.problem(r.rowPos(over.line), over.why(), over.hint())
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var cells []Cell
	header := 0 // fields of the header record, once read
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return true
		}
		if err != nil {
			r.csvError(err)
			return true
		}
		start, _ := cr.FieldPos(0)
		last, _ := cr.FieldPos(len(rec) - 1)
		end := last + strings.Count(rec[len(rec)-1], "\n")
		cells = cells[:0]
		for _, f := range rec {
			if f == "" {
				cells = append(cells, Cell{})
			} else {
				cells = append(cells, Cell{Kind: Text, Text: f})
			}
		}
		switch {
		case header == 0 && start >= r.o.HeaderRow && !blankRow(cells):
			header = len(cells)
		case header > 0 && len(cells) > header && !blankRow(cells[header:]):
			r.problem(r.rowPos(start), fmt.Sprintf("第%d行有 %d 格，比表头的 %d 列多：多半是某格中的英文逗号没有用英文双引号括起来，这一格以后的内容都挤到了右边一列。", start, len(cells), header),
				"含有逗号的内容须整格用英文双引号括起来（如 \"南昌甲,乙公司\"）；用 Excel 另存为 CSV 时会自动这样处理。如果多出的是没有表头的一列，请给它加上表头。")
		}
		r.row(start, end, cells)
		if r.tooMany {
			return true
		}
	}
}

func blankRow(cells []Cell) bool {
	for _, c := range cells {
		if !c.IsBlank() {
			return false
		}
	}
	return true
}

// innerBOM refuses a byte-order mark after the start of the file: an
// invisible character, left where two CSV files were joined end to end,
// that would make a group label differ from one that looks the same.
func (r *reader) innerBOM(text []byte) {
	i := bytes.Index(text, utf8BOM)
	if i < 0 {
		return
	}
	line := bytes.Count(text[:i], []byte("\n")) + 1
	r.problem(r.rowPos(line), fmt.Sprintf("第%d行中有一个看不见的字符（字节顺序标记 BOM，U+FEFF），它只应出现在文件开头，多半是把两个 CSV 文件首尾相接拼在了一起。", line),
		"请用记事本打开文件，删去这一行开头（或该处）看不见的字符，并删去第二个文件重复的表头行，再保存。")
}

// overRecord is a record encoding/csv should not be given: its start in
// the text, its first line (0 when none) and its size or fields.
type overRecord struct {
	start, line, bytes, fields int
	// quoted: the record was cut inside a quoted field.
	quoted bool
}

func (o overRecord) why() string {
	if o.fields > maxColumn {
		return fmt.Sprintf("从第%d行开始的一条记录超过 %d 格（Excel 最多 %d 列），这一行及以下的内容未能读取。", o.line, maxColumn, maxColumn)
	}
	return fmt.Sprintf("从第%d行开始的一条记录超过 %s，这一行及以下的内容未能读取。", o.line, diag.Size(maxToken))
}

func (o overRecord) hint() string {
	if o.quoted {
		return "多半是某格以英文双引号开头却没有配对的引号，以下各行都成了这一格的内容；请用 Excel 或 WPS 打开它检查，改正后“另存为”→“CSV UTF-8（逗号分隔）”。"
	}
	return "名单的一行通常只有几百字节；请确认选对了文件，并用 Excel 或 WPS 打开它检查这一行。"
}

// oversized finds the first record over maxToken bytes or maxColumn
// fields, following quoted fields as encoding/csv does: a field that
// starts with a double quote runs to the quote that is not doubled.
func oversized(text []byte) overRecord {
	start, startLine, line, fields := 0, 1, 1, 1
	quoted, fieldStart := false, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quoted:
			if c == '"' {
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				} else {
					quoted = false
				}
			} else if c == '\n' {
				line++
			}
			fieldStart = false
		case c == '"' && fieldStart:
			quoted, fieldStart = true, false
		case c == ',':
			fields++
			fieldStart = true
		case c == '\n':
			line++
			start, startLine, fields, fieldStart = i+1, line, 1, true
		default:
			fieldStart = false
		}
		if fields > maxColumn || i-start >= maxToken {
			return overRecord{start: start, line: startLine, bytes: i - start + 1, fields: fields, quoted: quoted}
		}
	}
	return overRecord{}
}

// csvError explains a record encoding/csv cannot read.
func (r *reader) csvError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.fail("无法读取 CSV 文件："+err.Error()+"。", "")
		return
	}
	what := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		what = "不在引号内的文字中出现了英文双引号 \""
	case errors.Is(pe.Err, csv.ErrQuote):
		what = "引号不成对：以英文双引号开头的内容没有正确结束"
	}
	pos := r.rowPos(pe.Line)
	r.problem(pos, fmt.Sprintf("CSV 格式错误（从第%d行开始的记录）：%s。这一行及以下的内容未能读取。", pe.StartLine, what),
		"内容中的英文双引号须写成两个（\"\"），并把整格用双引号括起来；用 Excel 另存为 CSV 时会自动这样处理。")
}

// decodeCSV returns the file as UTF-8 and names its encoding. A file in
// which some lines are UTF-8 and others are not (pasted together from two
// sources) is refused, naming a line of each.
func (r *reader) decodeCSV(data []byte) ([]byte, string, bool) {
	if rest, ok := bytes.CutPrefix(data, utf8BOM); ok {
		if utf8.Valid(rest) {
			return rest, EncodingUTF8BOM, true
		}
		bad := firstLine(rest, func(l []byte) bool { return !utf8.Valid(l) })
		r.problem(r.rowPos(bad), fmt.Sprintf("文件开头标明是 UTF-8 编码，但第%d行不是 UTF-8（可能是 GBK），即文件中混用了两种编码。", bad),
			"多半是把不同来源的内容粘贴到了一起。请用 Excel 或 WPS 打开它，检查这些行的汉字是否正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。")
		return nil, "", false
	}
	if utf8.Valid(data) {
		return data, EncodingUTF8, true
	}
	// Not UTF-8 as a whole: GBK, unless some lines are UTF-8.
	utf8Line := firstLine(data, func(l []byte) bool { return !isASCII(l) && utf8.Valid(l) })
	otherLine := firstLine(data, func(l []byte) bool { return !utf8.Valid(l) })
	if utf8Line > 0 {
		r.problem(r.rowPos(otherLine), fmt.Sprintf("文件中混用了两种编码：第%d行是 UTF-8，第%d行不是（可能是 GBK）。", utf8Line, otherLine),
			"多半是把不同来源的内容粘贴到了一起。请用 Excel 或 WPS 打开它，检查这些行的汉字是否正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。")
		return nil, "", false
	}
	out, err := decodeGBK(data)
	if err == nil {
		if i := bytes.Index(out, []byte("\uFFFD")); i >= 0 {
			// The decoder replaces what is not GBK: name the line.
			line := bytes.Count(out[:i], []byte("\n")) + 1
			r.problem(r.rowPos(line), fmt.Sprintf("第%d行既不是 UTF-8 也不是 GBK 编码，程序无法识别其中的文字。", line),
				"请用 Excel 或 WPS 打开它，检查这一行是否显示正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。")
			return nil, "", false
		}
	} else {
		r.fail("无法按 GBK 编码读取文件："+err.Error()+"。", "请用 Excel 或 WPS 打开它，“另存为”→“CSV UTF-8（逗号分隔）”。")
		return nil, "", false
	}
	return out, EncodingGBK, true
}

// decodeGBK decodes in one pass into a buffer sized for the usual case (a
// GBK character's two bytes are three in UTF-8).
func decodeGBK(data []byte) ([]byte, error) {
	dec := simplifiedchinese.GBK.NewDecoder()
	dst := make([]byte, len(data)*3/2+64)
	n, _, err := dec.Transform(dst, data, true)
	if err == transform.ErrShortDst {
		// Bytes that are not GBK decode to three bytes each.
		dec.Reset()
		return dec.Bytes(data)
	}
	return dst[:n], err
}

// firstLine returns the 1-based number of the first line for which f
// holds, 0 when none does.
func firstLine(data []byte, f func([]byte) bool) int {
	line := 0
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		line++
		if f(l) {
			return line
		}
		data = rest
	}
	return 0
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// csvLines undoes what older programs leave in a CSV file: lines ended
// by CR alone, as Excel for Mac saves “CSV（Macintosh）”, and the Ctrl-Z
// (0x1A) that DOS programs wrote at the end of a text file.
func csvLines(data []byte) []byte {
	data = bytes.TrimSuffix(data, []byte{0x1A})
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// CSVText returns a CSV file as UTF-8 text for people to read (ipfund
// text, and through it git diff): the byte order mark dropped, a file in
// GBK decoded, and in a file of mixed encodings each line that is not
// UTF-8 decoded as GBK (bytes that are neither show as U+FFFD). Nothing
// is checked here; reading the file as a detail table does that.
func CSVText(data []byte) []byte {
	data = csvLines(bytes.TrimPrefix(data, utf8BOM))
	if utf8.Valid(data) {
		return data
	}
	if out, err := decodeGBK(data); err == nil && !hasUTF8Line(data) {
		return out
	}
	out := make([]byte, 0, len(data)*3/2)
	for len(data) > 0 {
		line, rest, found := bytes.Cut(data, []byte("\n"))
		if utf8.Valid(line) {
			out = append(out, line...)
		} else {
			d, _ := simplifiedchinese.GBK.NewDecoder().Bytes(line)
			out = append(out, d...)
		}
		if found {
			out = append(out, '\n')
		}
		data = rest
	}
	return out
}

// hasUTF8Line reports whether a line of data holds UTF-8 beyond ASCII.
func hasUTF8Line(data []byte) bool {
	return firstLine(data, func(l []byte) bool { return utf8.Valid(l) && !isASCII(l) }) > 0
}
