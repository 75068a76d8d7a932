package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const awardsCSV = "项目,年度,单位数量（家）,奖励数量（件）,支付金额（万元）\r\n" +
	"授权专利奖励,,410,4479,666.9\r\n" +
	"累计拥有国内外发明专利奖励,,2,100,20\r\n" +
	"贯标企业奖励,2018年度,18,,180\r\n" +
	"贯标企业奖励,2019年度,181,,355.3\r\n" +
	"优势示范企业奖励,2018年度,11,,130\r\n"

var awardsRows = []string{
	"1:项目|年度|单位数量（家）|奖励数量（件）|支付金额（万元）",
	"2:授权专利奖励||410|4479|666.9",
	"3:累计拥有国内外发明专利奖励||2|100|20",
	"4:贯标企业奖励|2018年度|18||180",
	"5:贯标企业奖励|2019年度|181||355.3",
	"6:优势示范企业奖励|2018年度|11||130",
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := gbkEncode(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gbkEncode(s string) ([]byte, error) { return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s)) }

func TestCSVInEveryEncodingExcelSaves(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		enc  string
	}{
		{"utf8.csv", []byte(awardsCSV), EncodingUTF8},
		{"bom.csv", append([]byte("\xEF\xBB\xBF"), awardsCSV...), EncodingUTF8BOM},
		{"gbk.csv", gbk(t, awardsCSV), EncodingGBK},
		{"lf.csv", []byte(strings.ReplaceAll(awardsCSV, "\r\n", "\n")), EncodingUTF8},
	} {
		src, rows, ds := readAll(t, writeFile(t, c.name, c.data), Options{})
		if len(ds) > 0 {
			t.Fatalf("%s: %v", c.name, ds)
		}
		equalStrings(t, c.name, texts(rows), awardsRows)
		if src.Encoding != c.enc || src.Format != CSV || src.Sheet != "" {
			t.Errorf("%s: source %+v", c.name, src)
		}
	}
}

func TestCSVProblems(t *testing.T) {
	mixed := append([]byte("企业名称,金额\n南昌甲公司,1\n"), gbk(t, "南昌乙公司,2\n")...)
	bomThenGBK := append([]byte("\xEF\xBB\xBF企业名称,金额\n"), gbk(t, "南昌乙公司,2\n")...)
	notGBK := append(gbk(t, "企业名称,金额\n"), []byte("\x81\x20,3\n")...)
	for _, c := range []struct {
		name string
		data []byte
		want []string // after the path
	}{
		{"mixed.csv", mixed, []string{" 第3行：错误：文件中混用了两种编码：第1行是 UTF-8，第3行不是（可能是 GBK）。多半是把不同来源的内容粘贴到了一起。请用 Excel 或 WPS 打开它，检查这些行的汉字是否正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。"}},
		{"bom.csv", bomThenGBK, []string{" 第2行：错误：文件开头标明是 UTF-8 编码，但第2行不是 UTF-8（可能是 GBK），即文件中混用了两种编码。多半是把不同来源的内容粘贴到了一起。请用 Excel 或 WPS 打开它，检查这些行的汉字是否正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。"}},
		{"bad.csv", notGBK, []string{" 第2行：错误：第2行既不是 UTF-8 也不是 GBK 编码，程序无法识别其中的文字。请用 Excel 或 WPS 打开它，检查这一行是否显示正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。"}},
		{"utf16.csv", []byte("\xFF\xFEa\x00"), []string{"：错误：文件是 UTF-16 编码（Excel 的“Unicode 文本”格式），不是 CSV。请用 Excel 或 WPS 打开它，“另存为”→“CSV UTF-8（逗号分隔）（*.csv）”。"}},
		{"quote.csv", []byte("企业名称,金额\n南昌\"甲\"公司,1\n"), []string{" 第2行：错误：CSV 格式错误（从第2行开始的记录）：不在引号内的文字中出现了英文双引号 \"。这一行及以下的内容未能读取。内容中的英文双引号须写成两个（\"\"），并把整格用双引号括起来；用 Excel 另存为 CSV 时会自动这样处理。"}},
		{"blank.csv", []byte("企业名称,金额\n甲,1\n\n,\n乙,2\n\n\n"), []string{" 第3行：错误：第3–4行是空行，但下面第5行还有内容。明细表的数据中间不能有空行：空行以下的内容是否属于本表，程序无法判断。请删去空行；表格下方的说明、落款请删去或移到别的工作表。"}},
	} {
		path := writeFile(t, c.name, c.data)
		_, _, ds := readAll(t, path, Options{})
		var want []string
		for _, w := range c.want {
			want = append(want, path+w)
		}
		equalStrings(t, c.name, diagStrings(ds), want)
	}
}

func TestCSVRecordsSpanningLinesAreNotBlankLines(t *testing.T) {
	data := "企业名称,备注\n甲,\"两行\n备注\"\n乙,\"\"\"引号\"\"\"\n"
	_, rows, ds := readAll(t, writeFile(t, "m.csv", []byte(data)), Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	equalStrings(t, "rows", texts(rows), []string{"1:企业名称|备注", "2:甲|两行\n备注", "4:乙|\"引号\""})
}

// TestRowLimitIsCheckedAtTheLimit reads a file of MaxRows data rows and one
// of MaxRows+1: the first is read whole, the second gives one error at the
// first row over the limit.
func TestRowLimitIsCheckedAtTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 300 000 rows")
	}
	var b bytes.Buffer
	b.WriteString("企业名称,金额\n")
	for i := range MaxRows {
		fmt.Fprintf(&b, "公司%d,%d\n", i, i)
	}
	path := writeFile(t, "limit.csv", b.Bytes())
	n := 0
	_, ds := Read(path, Options{}, func(Row) { n++ })
	if len(ds) > 0 || n != MaxRows+1 {
		t.Fatalf("at the limit: %d rows, %v", n, ds)
	}
	b.WriteString("多一家,1\n")
	path = writeFile(t, "over.csv", b.Bytes())
	n = 0
	_, ds = Read(path, Options{}, func(Row) { n++ })
	equalStrings(t, "over the limit", diagStrings(ds), []string{path + " 第300002行：错误：数据超过 300000 行的上限（从第300002行起未读）。一张明细表最多 30 万行（约为 Word 报告所能容纳的上限）。请确认选对了文件和工作表，或把名单拆成几张表。"})
	if n != MaxRows+1 {
		t.Errorf("%d rows handed on", n)
	}
}

func TestProblemsAreCappedPerFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("企业名称,金额\n")
	for i := range 2 * MaxProblems {
		fmt.Fprintf(&b, "公司%d,1\n\n", i) // a blank line after every row
	}
	b.WriteString("最后,1\n")
	path := writeFile(t, "many.csv", []byte(b.String()))
	_, _, ds := readAll(t, path, Options{})
	if len(ds) != MaxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ds), MaxProblems+1)
	}
	if got := ds[len(ds)-1].String(); got != path+"：错误：此文件还有 50 个错误没有列出。请先改正以上问题，再运行一次。" {
		t.Errorf("last: %s", got)
	}
}
