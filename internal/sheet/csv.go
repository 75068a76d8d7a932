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
	text, enc, ok := r.decodeCSV(data)
	if !ok {
		return false
	}
	src.Encoding = enc
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var cells []Cell
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
		r.row(start, end, cells)
		if r.tooMany {
			return true
		}
	}
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

// CSVText returns a CSV file as UTF-8 text for people to read (ipfund
// text, and through it git diff): the byte order mark dropped, a file in
// GBK decoded, and in a file of mixed encodings each line that is not
// UTF-8 decoded as GBK (bytes that are neither show as U+FFFD). Nothing
// is checked here; reading the file as a detail table does that.
func CSVText(data []byte) []byte {
	data = bytes.TrimPrefix(data, utf8BOM)
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
