package sheet

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// awards is the 2019 奖励 table as staff would keep it in Excel: a title
// row above the header, one row per line of the report's table.
var awards = book{
	strings: []string{"2019年度知识产权奖励汇总", "项目", "年度", "单位数量（家）", "奖励数量（件）", "支付金额（万元）",
		"授权专利奖励", "累计拥有国内外发明专利奖励", "贯标企业奖励", "2018年度", "2019年度", "优势示范企业奖励"},
	sheets: []bookSheet{
		{name: "说明", rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>本工作簿是奖励名单</t></is></c></row>`},
		{name: "奖励", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c></row>` +
			`<row r="3"><c r="A3" t="s"><v>6</v></c><c r="C3"><v>410</v></c><c r="D3"><v>4479</v></c><c r="E3"><v>666.9</v></c></row>` +
			`<row r="4"><c r="A4" t="s"><v>7</v></c><c r="C4"><v>2</v></c><c r="D4"><v>100</v></c><c r="E4"><v>20</v></c></row>` +
			`<row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5" t="s"><v>9</v></c><c r="C5"><v>18</v></c><c r="E5"><v>180</v></c></row>` +
			`<row r="6"><c r="A6" t="s"><v>8</v></c><c r="B6" t="s"><v>10</v></c><c r="C6"><v>181</v></c><c r="E6"><v>355.30000000000001</v></c></row>` +
			`<row r="7"><c r="A7" t="s"><v>11</v></c><c r="B7" t="s"><v>9</v></c><c r="C7"><v>11</v></c><c r="E7"><v>130</v></c></row>` +
			`<row r="8"><c r="A8" t="str"><f>"合"&amp;"计"</f><v>合计</v></c><c r="C8"><f>SUM(C3:C7)</f><v>622</v></c><c r="E8"><f>SUM(E3:E7)</f><v>1352.2</v></c></row>`},
	},
}

func TestReadsTheChosenSheetFromTheHeaderRowOn(t *testing.T) {
	data := awards.bytes(t)
	path := writeFile(t, "奖励名单.xlsx", data)
	src, rows, ds := readAll(t, path, Options{Sheet: "奖励", HeaderRow: 2})
	if len(ds) > 0 {
		t.Fatalf("problems: %v", ds)
	}
	equalStrings(t, "rows", texts(rows), []string{
		"2:项目|年度|单位数量（家）|奖励数量（件）|支付金额（万元）",
		"3:授权专利奖励||n:410|n:4479|n:666.9",
		"4:累计拥有国内外发明专利奖励||n:2|n:100|n:20",
		"5:贯标企业奖励|2018年度|n:18||n:180",
		"6:贯标企业奖励|2019年度|n:181||n:355.30000000000001",
		"7:优势示范企业奖励|2018年度|n:11||n:130",
		"8:合计||n:622||n:1352.2",
	})
	sum := sha256.Sum256(data)
	if src.Path != path || src.Format != XLSX || src.Sheet != "奖励" || strings.Join(src.Sheets, ",") != "说明,奖励" ||
		src.Size != int64(len(data)) || src.SHA256 != hex.EncodeToString(sum[:]) || src.Encoding != "" {
		t.Errorf("source %+v", src)
	}
	// Without a sheet name the first sheet is read.
	_, rows, _ = readAll(t, path, Options{})
	equalStrings(t, "first sheet", texts(rows), []string{"1:本工作簿是奖励名单"})
}

func TestCellsOfEveryKind(t *testing.T) {
	b := book{
		strings: []string{"文字", "带_x000D_回车"},
		sheets: []bookSheet{{name: "Sheet1", rows: `<row r="1">` +
			`<c r="A1" t="s"><v>0</v></c>` + // shared string
			`<c r="B1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh><t>フ</t></rPh></is></c>` +
			`<c r="C1"><v>1.5E-3</v></c>` + // number
			`<c r="D1" s="1"><v>43529</v></c>` + // built-in date format 14
			`<c r="E1" s="2"><v>43529.5</v></c>` + // custom 年月日 format, with a time
			`<c r="F1" t="b"><v>1</v></c>` +
			`<c r="G1" t="e"><f>A1/0</f><v>#DIV/0!</v></c>` +
			`<c r="H1"><f>SUM(C1:C1)</f></c>` + // formula, no cached value
			`<c r="I1" t="str"><f>""</f><v></v></c>` + // formula whose cached value is empty
			`<c r="J1" s="3"><v>1234.5</v></c>` + // #,##0.00: a number, not a date
			`<c r="L1" t="s"><v>1</v></c>` + // after a gap (K1 is missing)
			`<c r="M1" t="d"><v>2019-03-05T00:00:00</v></c>` +
			`<c r="N1"/>` +
			`</row>`}},
	}
	_, rows, ds := readAll(t, writeFile(t, "k.xlsx", b.bytes(t)), Options{})
	if len(ds) > 0 {
		t.Fatalf("problems: %v", ds)
	}
	equalStrings(t, "cells", texts(rows), []string{"1:文字|富文本 |n:1.5E-3|d:2019年3月5日|d:2019年3月5日 12:00|b:TRUE|e:#DIV/0!|f:||n:1234.5||带\r回车|d:2019年3月5日|"})
}

func TestDatesOfThe1904System(t *testing.T) {
	for _, c := range []struct {
		serial string
		d1904  bool
		want   string
	}{
		{"43529", false, "2019年3月5日"},
		{"42067", true, "2019年3月5日"},
		{"1", false, "1900年1月1日"},
		{"61", false, "1900年3月1日"},
		{"0", true, "1904年1月1日"},
		{"43529.75", false, "2019年3月5日 18:00"},
	} {
		if got, ok := serialDate(c.serial, c.d1904); !ok || got != c.want {
			t.Errorf("serial %s (1904: %v) = %s, want %s", c.serial, c.d1904, got, c.want)
		}
	}
}

func TestNumbersAreReadAsExcelShowsThem(t *testing.T) {
	for _, c := range []struct{ stored, want string }{
		{"1352.2", "1352.2"},
		{"355.30000000000001", "355.3"},
		{"1352.1999999999998", "1352.2"},
		{"0.30000000000000004", "0.3"},
		{"1.5E-3", "0.0015"},
		{"-2.5", "-2.5"},
		{"100", "100"},
		{"12345678901234567", "12345678901234600"},
		{"0", "0"},
	} {
		d, p := Number(Cell{Kind: Numeric, Text: c.stored})
		if p != nil || d.String() != c.want {
			t.Errorf("Number(%s) = %s, %v; want %s", c.stored, d, p, c.want)
		}
	}
}

func TestNumberProblemsSayWhatIsWrongAndWhatToDo(t *testing.T) {
	for _, c := range []struct {
		cell      Cell
		msg, hint string
	}{
		{Cell{Kind: Text, Text: "1,234.50"}, "写成了带千分位逗号的“1,234.50”。", "请只写数字：1234.50（在 Excel 中可把该列的单元格格式设为“常规”，或“数值”且不勾选“使用千位分隔符”）。"},
		{Cell{Kind: Text, Text: "12，345"}, "写成了带千分位逗号的“12，345”。", "请只写数字：12345（在 Excel 中可把该列的单元格格式设为“常规”，或“数值”且不勾选“使用千位分隔符”）。"},
		{Cell{Kind: Text, Text: "1234元"}, "写的是“1234元”，带了单位或符号“元”。", "单元格中只写数字：1234；金额的单位由明细表的“unit”说明，数量的单位写在表头中。"},
		{Cell{Kind: Text, Text: "12.5 万元"}, "写的是“12.5 万元”，带了单位或符号“万元”。", "单元格中只写数字：12.5；金额的单位由明细表的“unit”说明，数量的单位写在表头中。"},
		{Cell{Kind: Text, Text: "￥1,234"}, "写的是“￥1,234”，带了单位或符号“￥”。", "单元格中只写数字：1234；金额的单位由明细表的“unit”说明，数量的单位写在表头中。"},
		{Cell{Kind: Text, Text: "３件"}, "写的是“３件”，带了单位或符号“件”。", "单元格中只写数字：3；金额的单位由明细表的“unit”说明，数量的单位写在表头中。"},
		{Cell{Kind: Text, Text: "１２３４．５"}, "写的是全角数字“１２３４．５”。", "请改为半角（英文）数字：1234.5。"},
		{Cell{Kind: Text, Text: "#REF!"}, "是公式错误 #REF!（公式引用的单元格已被删除），不是数字。", "请在 Excel 中改正这一格的公式，确认显示的数字正确后保存。"},
		{Cell{Kind: Error, Text: "#REF!"}, "是公式错误 #REF!（公式引用的单元格已被删除），不是数字。", "请在 Excel 中改正这一格的公式，确认显示的数字正确后保存。"},
		{Cell{Kind: Text, Text: "1.23457E+11"}, "写成了科学计数法“1.23457E+11”，可能已丢失位数（Excel 另存为 CSV 时按单元格显示的样子保存）。", "请在 Excel 中把该列的单元格格式设为“数值”，确认显示的数字完整后重新保存。"},
		{Cell{Kind: Text, Text: "十四万"}, "应为数字，这里写的是“十四万”。", "请改为数字（不写单位、千分位逗号）。"},
		{Cell{Kind: NoValue}, "是公式，但文件中没有保存它的计算结果（文件多半是由程序生成、没有在 Excel 中计算过）。程序不会把它当作 0。", "请用 Excel 或 WPS 打开该文件，确认这一格显示的数字正确后保存一次；或把公式换成数值（复制后“选择性粘贴”→“数值”）。"},
		{Cell{Kind: Date, Text: "2019年3月5日"}, "应为数字，这里是日期（2019年3月5日）。", "如果这一格本来是数字，请在 Excel 中把单元格格式改为“常规”或“数值”，确认显示的数字正确后保存。"},
		{Cell{Kind: Bool, Text: "TRUE"}, "应为数字，这里是逻辑值 TRUE。", "请改为数字。"},
	} {
		_, p := Number(c.cell)
		if p == nil || p.Msg != c.msg || p.Hint != c.hint {
			t.Errorf("Number(%q):\n got %+v\nwant %s %s", c.cell.Text, p, c.msg, c.hint)
		}
	}
	for _, s := range []string{"1234.5", " 20 ", "-3", "0.05", "+7"} {
		if _, p := Number(Cell{Kind: Text, Text: s}); p != nil {
			t.Errorf("Number(%q): %v", s, p)
		}
	}
}

func TestHiddenRowsMergedCellsAndBlankLinesInTheDataAreRefused(t *testing.T) {
	row := func(n string, hidden string) string {
		return `<row r="` + n + `"` + hidden + `><c r="A` + n + `" t="inlineStr"><is><t>甲</t></is></c><c r="B` + n + `"><v>1</v></c></row>`
	}
	b := book{sheets: []bookSheet{{name: "名单",
		rows: `<row r="1" hidden="1"><c r="A1" t="inlineStr"><is><t>标题（隐藏也无妨）</t></is></c></row>` + row("2", "") +
			row("3", "") + row("4", ` hidden="1"`) + `<row r="5" spans="1:2"/>` + row("6", "") + row("9", "") + row("10", "") +
			`<row r="11"><c r="A11" t="inlineStr"><is><t> </t></is></c></row>`, // trailing blank rows are fine
		tail: `<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/><mergeCell ref="A9:A10"/></mergeCells>`}}}
	path := writeFile(t, "名单.xlsx", b.bytes(t))
	src, rows, ds := readAll(t, path, Options{HeaderRow: 2})
	if len(src.Merged) != 1 || src.Merged[0] != (Range{FromRow: 9, FromCol: 0, ToRow: 10, ToCol: 0}) || !src.Merged[0].Contains(10, 0) || src.Merged[0].Contains(10, 1) {
		t.Errorf("merged ranges in the data: %+v", src.Merged)
	}
	equalStrings(t, "problems", diagStrings(ds), []string{
		path + " 工作表“名单” 第4行：错误：第4行是隐藏行。隐藏的行同样会读入明细表，而在 Excel 中看不见，容易漏看或多算。请在 Excel 中取消隐藏（如用了筛选，请取消筛选），确认该行应当保留还是删去，然后保存。",
		path + " 工作表“名单” 第5行：错误：第5行是空行，但下面第6行还有内容。明细表的数据中间不能有空行：空行以下的内容是否属于本表，程序无法判断。请删去空行；表格下方的说明、落款请删去或移到别的工作表。",
		path + " 工作表“名单” 第7行：错误：第7–8行是空行，但下面第9行还有内容。明细表的数据中间不能有空行：空行以下的内容是否属于本表，程序无法判断。请删去空行；表格下方的说明、落款请删去或移到别的工作表。",
		path + " 工作表“名单” 第9行 A列：错误：A9:A10 是合并单元格。合并后只有左上角的格子有内容，其余各格读出来是空的。请选中该区域，取消合并，并在每一行都填上内容（如每行都写上组名），然后保存。",
	})
	if got := len(rows); got != 6 {
		t.Errorf("%d rows handed on, want 6 (the header and 5 rows, hidden or not)", got)
	}
}

func TestUnknownSheetSuggestsTheRealOnes(t *testing.T) {
	path := writeFile(t, "奖励名单.xlsx", awards.bytes(t))
	for _, c := range []struct{ sheet, want string }{
		{"奖 励", "工作簿中没有名为“奖 励”的工作表。是不是“奖励”？现有的工作表：“说明”、“奖励”。请把“sheet”改为其中之一（须与 Excel 底部标签上的名称完全一致）。"},
		{"Sheet1", "工作簿中没有名为“Sheet1”的工作表。现有的工作表：“说明”、“奖励”。请把“sheet”改为其中之一（须与 Excel 底部标签上的名称完全一致）。"},
	} {
		src, _, ds := readAll(t, path, Options{Sheet: c.sheet})
		equalStrings(t, c.sheet, diagStrings(ds), []string{path + "：错误：" + c.want})
		if src != nil {
			t.Errorf("a source for a missing sheet")
		}
	}
}

func TestFilesThatAreNotReadableWorkbooks(t *testing.T) {
	dir := t.TempDir()
	// A real password-protected workbook, written by excelize.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "企业名称")
	encrypted := filepath.Join(dir, "加密.xlsx")
	if err := f.SaveAs(encrypted, excelize.Options{Password: "123456"}); err != nil {
		t.Fatal(err)
	}
	ole := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	oldXLS := writeFile(t, "旧.xls", ole)
	renamedXLS := writeFile(t, "旧格式.xlsx", ole)
	notZip := writeFile(t, "坏.xlsx", []byte("这不是表格"))
	big := filepath.Join(dir, "巨大.xlsx")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 200<<20); err != nil { // sparse: nothing to read
		t.Fatal(err)
	}
	csvAsXLSX := writeFile(t, "名单.csv", awards.bytes(t))
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "没有.xlsx"), "无法读取明细表的来源文件：目录或文件不存在。请确认文件与数据文件放在同一目录下，且“rows_from”中的文件名（包括扩展名）与实际文件一致。"},
		{encrypted, "该工作簿设置了打开密码（已加密），程序无法读取。请在 Excel 中打开它（输入密码），“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码后保存；或另存为一个不加密的副本，再把“rows_from”改为该副本。"},
		{oldXLS, "这是旧版 Excel 格式（.xls）的文件，程序只能读取 .xlsx 和 .csv。请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。"},
		{renamedXLS, "这是旧版 Excel 格式（.xls）的文件（只是扩展名写成了 .xlsx），程序只能读取 .xlsx 和 .csv。请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。"},
		{notZip, "文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名。请用 Excel 或 WPS 打开它，确认内容完整后“另存为”→“Excel 工作簿（*.xlsx）”。"},
		{big, "文件过大（200.0 MB），超过明细表来源文件的上限 64.0 MB。一张 10 万行的名单约 3 MB（.xlsx）或 6 MB（.csv）；请确认选对了文件，或删去其中与本表无关的工作表、图片后再保存。"},
		{csvAsXLSX, "这个文件其实是 Excel 工作簿（.xlsx），扩展名却是 .csv。请把文件的扩展名改为 .xlsx（并相应修改“rows_from”），或在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”。"},
		{writeFile(t, "名单.txt", []byte("a,b")), "“rows_from”指定的文件“名单.txt”不是表格文件：只能读取 .xlsx（Excel 工作簿）和 .csv。请检查文件名和扩展名。"},
		{writeFile(t, "名单.et", []byte("a,b")), "程序不能读取 .et 格式的表格，只能读取 .xlsx 和 .csv。请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。"},
	} {
		start := time.Now()
		src, rows, ds := readAll(t, c.path, Options{})
		equalStrings(t, filepath.Base(c.path), diagStrings(ds), []string{c.path + "：错误：" + c.want})
		if src != nil || len(rows) > 0 {
			t.Errorf("%s: read %d rows", c.path, len(rows))
		}
		if c.path == big && time.Since(start) > 5*time.Second {
			t.Errorf("refusing a 200 MB file took %v: it was read", time.Since(start))
		}
	}
}

// TestReadsWhatExcelizeWrites checks the reader against a workbook written
// by another program, cell for cell against excelize's own reading.
func TestReadsWhatExcelizeWrites(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "公示名单")
	rows := [][]any{
		{"奖励类别", "企业名称", "专利数量（件）", "奖励金额（元）"},
		{"第1批", "南昌A&B<科技>有限公司", 3, 12345.67},
		{"第1批", "  前后有空格  ", 0, 0.1},
		{"第2批", "江西\"引号\"公司", 12, 1e6},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("公示名单", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	want, err := f.GetRows("公示名单", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	_, got, ds := readAll(t, path, Options{Sheet: "公示名单"})
	if len(ds) > 0 || len(got) != len(want) {
		t.Fatalf("%d rows, problems %v", len(got), ds)
	}
	for i := range want {
		for j := range want[i] {
			if g := got[i].Cell(j).Text; g != want[i][j] {
				t.Errorf("row %d col %d: %q, excelize reads %q", i+1, j+1, g, want[i][j])
			}
		}
	}
}

func TestPrefixedNamesCommentsAndCDATA(t *testing.T) {
	b := book{sheets: []bookSheet{{name: "S", rows: `<!-- a comment --><x:row r="1" xmlns:x="urn:x"><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[<不是标记> & 原样]]></x:t></x:is></x:c>` +
		`<x:c r="B1" t='inlineStr'><x:is><x:t>&lt;&#x4E2D;&#25991;&gt; a&gt;b</x:t></x:is></x:c></x:row><?pi ignored?>`}}}
	_, rows, ds := readAll(t, writeFile(t, "p.xlsx", b.bytes(t)), Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	equalStrings(t, "cells", texts(rows), []string{"1:<不是标记> & 原样|<中文> a>b"})
}

func TestCorruptWorkbooksAreReportedNotPanicked(t *testing.T) {
	for _, c := range []struct{ rows, want string }{
		{`<row r="2"><c r="A2"><v>1</v></c></row><row r="1"/>`, "工作表“S”的行号“1”无效（应大于上一行 2）"},
		// Row 2 looks blank when row 3 comes; it was only out of order.
		{`<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`, "工作表“S”的行号“2”无效（应大于上一行 3）"},
		{`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`, "单元格引用了不存在的共享字符串"},
		{`<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>`, "工作表“S”第1行的单元格位置“A1”无效"},
		{`<row r="1"><c r="A1"><v>1&bogus;</v></c></row>`, "有无法识别的实体“&bogus;”"},
		{`<row r="1"><c r="A1"><v>1</v>`, "标记不配对（“</sheetData>”）"},
		{`<row r="1"><c r="A1"><v>1</v></c></row><row r="2">`, "标记不配对（“</sheetData>”）"},
	} {
		path := writeFile(t, "c.xlsx", book{sheets: []bookSheet{{name: "S", rows: c.rows}}}.bytes(t))
		_, _, ds := readAll(t, path, Options{})
		if len(ds) != 1 || !strings.Contains(ds[0].Msg, c.want) || !strings.HasPrefix(ds[0].Msg, "工作簿已损坏，无法读取：") {
			t.Errorf("%s: %v", c.rows, ds)
		}
	}
}
