package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The hostile workbooks and CSV files of the final review: each is refused
// at its limit, before the work the limit guards, with its exact message;
// at the limit it is read.

// readOne reads data as a file named name and returns its one problem.
func readOne(t *testing.T, name string, data []byte) (string, []Row) {
	t.Helper()
	path := writeFile(t, name, data)
	_, rows, ds := readAll(t, path, Options{})
	if len(ds) != 1 {
		t.Fatalf("%s: %d problems: %v", name, len(ds), diagStrings(ds))
	}
	return strings.TrimPrefix(ds[0].String(), path), rows
}

const (
	refusedSmaller = "正常的名单远小于此；请确认选对了文件，或在 Excel 中把所需的数据复制到一个新工作簿后保存。"
	corrupt        = "请用 Excel 或 WPS 打开它，确认内容完整后重新保存（“另存为”→“Excel 工作簿（*.xlsx）”）。"
)

func TestWorkbookCountsAreBoundedBeforeTheyGrow(t *testing.T) {
	row := `<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row>`
	nest := func(n int) string { return strings.Repeat("<x>", n) + strings.Repeat("</x>", n) }
	xfs := func(n int) string {
		return `<styleSheet><cellXfs>` + strings.Repeat(`<xf numFmtId="0"/>`, n) + `</cellXfs></styleSheet>`
	}
	fmts := func(n int) string {
		var b strings.Builder
		b.WriteString(`<styleSheet><numFmts>`)
		for i := range n {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="0.0"/>`, 200+i)
		}
		b.WriteString(`</numFmts></styleSheet>`)
		return b.String()
	}
	// Inside sheetData and worksheet: two levels used already.
	for _, c := range []struct {
		name string
		b    book
		want string // "" when it is read
	}{
		{"depth at the limit", book{sheets: []bookSheet{{name: "S", rows: row, tail: nest(maxDepth - 1)}}}, ""},
		{"depth over it", book{sheets: []bookSheet{{name: "S", rows: row, tail: nest(maxDepth)}}},
			"：错误：工作簿已损坏，无法读取：“xl/worksheets/sheet1.xml”元素嵌套超过 64 层。" + corrupt},
		{"a cell's text split by comments", book{sheets: []bookSheet{{name: "S",
			rows: `<row r="1"><c r="A1" t="str"><v>` + strings.Repeat("甲乙<!---->", maxToken/6+1) + `</v></c></row>`}}},
			"：错误：工作簿中有超长的内容（单个单元格或标记超过 1 MB），已损坏或不是 Excel 保存的文件。请用 Excel 或 WPS 打开它，确认内容后重新保存。"},
		{"cell formats at the limit", book{sheets: []bookSheet{{name: "S", rows: row}}, styles: xfs(maxStyles)}, ""},
		{"cell formats over it", book{sheets: []bookSheet{{name: "S", rows: row}}, styles: xfs(maxStyles + 1)},
			"：错误：工作簿中的单元格格式多于 65536 种，超过程序的上限，不予读取。" + refusedSmaller},
		{"number formats over the limit", book{sheets: []bookSheet{{name: "S", rows: row}}, styles: fmts(maxStyles + 1)},
			"：错误：工作簿中的数字格式多于 65536 种，超过程序的上限，不予读取。" + refusedSmaller},
		{"rows without numbers past Excel's last", book{sheets: []bookSheet{{name: "S", rows: row + strings.Repeat("<row/>", maxRowNumber)}}},
			"：错误：工作簿已损坏，无法读取：工作表“S”的行数超过了 Excel 的最后一行（第1048576行）。" + corrupt},
		{"a numeric cell Excel would not write", book{sheets: []bookSheet{{name: "S", rows: row + `<row r="2"><c r="A2"><v>` + strings.Repeat("9", 33) + `</v></c></row>`}}}, ""},
	} {
		path := writeFile(t, "b.xlsx", c.b.bytes(t))
		_, _, ds := readAll(t, path, Options{})
		var got []string
		for _, d := range ds {
			got = append(got, strings.TrimPrefix(d.String(), path))
		}
		want := []string{c.want}
		if c.want == "" {
			want = nil
		}
		equalStrings(t, c.name, got, want)
	}
}

func TestNumericCellsExcelWouldNotWriteAreNotParsed(t *testing.T) {
	_, p := Number(Cell{Kind: Numeric, Text: strings.Repeat("9", 1<<20)})
	if p == nil || p.Msg != "应为数字，但单元格中存的“"+strings.Repeat("9", 40)+"……”无法识别。" {
		t.Errorf("%+v", p)
	}
	_, p = Number(Cell{Kind: Text, Text: "0." + strings.Repeat("0", 1<<20) + "1"})
	if p == nil || p.Msg != "数字 0.00000000000000000000000000000000000000…… 共有 1048577 位（整数部分和小数部分合计），超过 15 位：Excel 评分表只能精确保存 15 位，多出的位会变成别的数字。" {
		t.Errorf("%+v", p)
	}
	// Leading zeros are no digits: the number is read.
	if n, p := Number(Cell{Kind: Text, Text: strings.Repeat("0", 100) + "12.50"}); p != nil || n.String() != "12.5" {
		t.Errorf("%v %+v", n, p)
	}
}

func TestASharedStringOfManyRunsIsBoundedAsOneCell(t *testing.T) {
	b := book{sheets: []bookSheet{{name: "S", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}}}
	runs := "<sst><si>" + strings.Repeat("<r><t>甲乙</t></r>", maxToken/6+1) + "</si></sst>"
	got, _ := readOne(t, "r.xlsx", withPart(t, b.bytes(t), "xl/sharedStrings.xml", runs))
	if want := "：错误：工作簿中有超长的内容（单个单元格或标记超过 1 MB），已损坏或不是 Excel 保存的文件。请用 Excel 或 WPS 打开它，确认内容后重新保存。"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Just under it, the string is read whole.
	runs = "<sst><si>" + strings.Repeat("<r><t>甲乙</t></r>", maxToken/6-1) + "</si></sst>"
	_, rows, ds := readAll(t, writeFile(t, "u.xlsx", withPart(t, b.bytes(t), "xl/sharedStrings.xml", runs)), Options{})
	if len(ds) > 0 || len(rows) != 1 || len(rows[0].Cells[0].Text) != 6*(maxToken/6-1) {
		t.Errorf("%v", ds)
	}
}

func TestSharedStringsAndSheetsAreCounted(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two million shared strings")
	}
	b := book{sheets: []bookSheet{{name: "S", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}}}
	data := b.bytes(t)
	// Replace the shared strings by maxStrings+1 empty ones.
	data = withPart(t, data, "xl/sharedStrings.xml", "<sst>"+strings.Repeat("<si/>", maxStrings+1)+"</sst>")
	got, _ := readOne(t, "s.xlsx", data)
	if want := "：错误：工作簿中的共享字符串多于 2097152 个，超过程序的上限，不予读取。" + refusedSmaller; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var sheets strings.Builder
	sheets.WriteString(`<workbook><sheets>`)
	for i := range maxSheets + 1 {
		fmt.Fprintf(&sheets, `<sheet name="S%d" sheetId="%d" r:id="rId1"/>`, i, i+1)
	}
	sheets.WriteString(`</sheets></workbook>`)
	got, _ = readOne(t, "w.xlsx", withPart(t, b.bytes(t), "xl/workbook.xml", sheets.String()))
	if want := "：错误：工作簿中有 1000 个以上的工作表，超过程序的上限，不予读取。" + refusedSmaller; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// withPart replaces a part of a workbook.
func withPart(t *testing.T, src []byte, name, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == name {
			w, _ := zw.Create(name)
			w.Write([]byte(content))
			continue
		}
		zw.Copy(f)
	}
	zw.Close()
	return out.Bytes()
}

func TestTheZipDirectoryIsBoundedBeforeItIsRead(t *testing.T) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	// Empty entries with long names: each costs its name twice in the file.
	name := strings.Repeat("x", 1000)
	for i := range maxDirectory / 1000 {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%s%d", name, i), Method: zip.Store})
	}
	zw.Close()
	got, _ := readOne(t, "dir.xlsx", out.Bytes())
	if want := "：错误：工作簿中的部件过多（压缩包的目录超过 1.0 MB），程序不予读取。正常的工作簿只有几十个部件；请确认选对了文件，或在 Excel 中把所需的数据复制到一个新工作簿后保存。"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestThePartsReadShareOneBudget: a part may be under the limit and the
// parts together over it; the budget is spent by what is unzipped, not
// what the archive declares.
func TestThePartsReadShareOneBudget(t *testing.T) {
	data := awards.bytes(t)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	wb := &workbook{zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[f.Name] = f
	}
	size := func(name string) int64 { return int64(wb.files[name].UncompressedSize64) }
	wb.budget.Store(size("xl/workbook.xml") + size("xl/styles.xml"))
	for _, name := range []string{"xl/workbook.xml", "xl/styles.xml"} {
		s, c, err := wb.part(name)
		if err != nil {
			t.Fatal(err)
		}
		for s.next() {
		}
		c.Close()
		if s.err != nil {
			t.Fatal(s.err)
		}
	}
	if _, _, err := wb.part("xl/_rels/workbook.xml.rels"); fmt.Sprint(err) != "xl/_rels/workbook.xml.rels too big" {
		t.Errorf("third part: %v", err)
	}
}

func TestCSVRecordsAreBoundedBeforeTheyAreParsed(t *testing.T) {
	head := "企业名称,金额\n甲,1\n"
	wide := func(n int) string { return "乙" + strings.Repeat(",", n-1) + "\n" }
	for _, c := range []struct {
		name, data, want string
		rows             int
	}{
		{"fields at the limit", head + "企业名称,金额" + strings.Repeat(",", maxColumn-2) + "\n" + wide(maxColumn), "", 4},
		{"fields over it", head + wide(maxColumn+1) + "丙,2\n",
			" 第3行：错误：从第3行开始的一条记录超过 16384 格（Excel 最多 16384 列），这一行及以下的内容未能读取。名单的一行通常只有几百字节；请确认选对了文件，并用 Excel 或 WPS 打开它检查这一行。", 2},
		{"a quote not closed", head + "乙,\"2\n" + strings.Repeat("丙,3\n", maxToken/6+1),
			" 第3行：错误：从第3行开始的一条记录超过 1.0 MB，这一行及以下的内容未能读取。多半是某格以英文双引号开头却没有配对的引号，以下各行都成了这一格的内容；请用 Excel 或 WPS 打开它检查，改正后“另存为”→“CSV UTF-8（逗号分隔）”。", 2},
		{"a record at the byte limit", head + "乙," + strings.Repeat("x", maxToken-len("乙,")) + "\n", "", 3},
		{"one byte over", head + "乙," + strings.Repeat("x", maxToken-len("乙,")+1) + "\n",
			" 第3行：错误：从第3行开始的一条记录超过 1.0 MB，这一行及以下的内容未能读取。名单的一行通常只有几百字节；请确认选对了文件，并用 Excel 或 WPS 打开它检查这一行。", 2},
		{"more fields than the header", head + "南昌甲,乙公司,3\n",
			" 第3行：错误：第3行有 3 格，比表头的 2 列多：多半是某格中的英文逗号没有用英文双引号括起来，这一格以后的内容都挤到了右边一列。含有逗号的内容须整格用英文双引号括起来（如 \"南昌甲,乙公司\"）；用 Excel 另存为 CSV 时会自动这样处理。如果多出的是没有表头的一列，请给它加上表头。", 3},
		{"two files joined", head + "\uFEFF企业名称,金额\n",
			" 第3行：错误：第3行中有一个看不见的字符（字节顺序标记 BOM，U+FEFF），它只应出现在文件开头，多半是把两个 CSV 文件首尾相接拼在了一起。请用记事本打开文件，删去这一行开头（或该处）看不见的字符，并删去第二个文件重复的表头行，再保存。", 3},
	} {
		path := writeFile(t, "r.csv", []byte(c.data))
		_, rows, ds := readAll(t, path, Options{})
		var got []string
		for _, d := range ds {
			got = append(got, strings.TrimPrefix(d.String(), path))
		}
		want := []string{c.want}
		if c.want == "" {
			want = nil
		}
		equalStrings(t, c.name, got, want)
		if len(rows) != c.rows {
			t.Errorf("%s: %d rows read, want %d", c.name, len(rows), c.rows)
		}
	}
}

func TestCSVWithCarriageReturnsAloneIsRead(t *testing.T) {
	mac := strings.ReplaceAll(strings.ReplaceAll(awardsCSV, "\r\n", "\n"), "\n", "\r")
	// A DOS program's Ctrl-Z at the end of the file is not a character
	// of the last cell.
	for name, data := range map[string]string{"mac.csv": mac, "dos.csv": awardsCSV + "\x1a", "mac-dos.csv": mac + "\x1a"} {
		_, rows, ds := readAll(t, writeFile(t, name, []byte(data)), Options{})
		if len(ds) > 0 {
			t.Fatal(name, ds)
		}
		equalStrings(t, name, texts(rows), awardsRows)
	}
}

// TestTheTextOfTheRowsIsBounded: one shared string may fill every cell, so
// the text handed on is counted, not the file's size.
func TestTheTextOfTheRowsIsBounded(t *testing.T) {
	long := strings.Repeat("长", maxToken/3-1)
	var rows strings.Builder
	rows.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row>`)
	n := maxText/len(long) + 2
	for i := 2; i <= n; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>`, i, i)
	}
	got, read := readOne(t, "t.xlsx", book{strings: []string{long}, sheets: []bookSheet{{name: "S", rows: rows.String()}}}.bytes(t))
	if want := fmt.Sprintf(" 工作表“S” 第%d行：错误：表格中的文字合计超过 64.0 MB 的上限（从第%d行起未读）。正常的名单远小于此（10 万行的名单约 6 MB）；请确认选对了文件和工作表，单元格中没有误粘贴的大段文字。", n, n); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(read) != n-1 {
		t.Errorf("%d rows read", len(read))
	}
}
