package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"ipfund/internal/sheettest"
)

// The base year's 甲项目 table (testdata/base/2020/subproject-1.toml) with
// its rows in a spreadsheet instead.
var baseList = sheettest.Table{
	Header: []string{"目标", "完成项目", "支出金额（元）"},
	Rows:   [][]any{{"运行", "房租", 400000}, {"运行", "电费", 140000}},
}

// sourceDetail is the table's [detail] section reading its rows from file;
// extra lines go after rows_from.
func sourceDetail(file, extra string) string {
	return `[detail]
unit = "元"
rows_from = "` + file + `"
` + extra + `columns = [
  { key = "target", title = "目标", kind = "group" },
  { key = "item", title = "完成项目", kind = "text" },
  { key = "amount", title = "支出金额（元）", kind = "amount", sum = true },
]
spending_column = "amount"
`
}

// useSource rewrites the base year's 甲项目 file to take its rows from file
// (with the extra [detail] lines), and writes the file with write unless
// it is nil.
func useSource(t *testing.T, e *env, file, extra string, write func(path string) error) string {
	t.Helper()
	dir := filepath.Join(e.data, "2020")
	name := filepath.Join(dir, "subproject-1.toml")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheettest.ReplaceDetail(string(b), sourceDetail(file, extra))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, file)
	if write != nil {
		if err := write(path); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// editedList writes baseList as a workbook, then lets edit change it
// with excelize's ordinary API.
func editedList(edit func(f *excelize.File) error) func(string) error {
	return func(path string) error {
		if err := baseList.XLSX(path); err != nil {
			return err
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := edit(f); err != nil {
			return err
		}
		return f.Save()
	}
}

// listWith writes baseList with one cell changed (row 1 is the first data
// row, col 0 is A).
func listWith(row, col int, v any) func(string) error {
	return func(path string) error {
		t := baseList
		t.Rows = [][]any{append([]any{}, baseList.Rows[0]...), append([]any{}, baseList.Rows[1]...)}
		t.Rows[row-1][col] = v
		return t.XLSX(path)
	}
}

// TestBadInputCatalogueSpreadsheets is the bad-input catalogue of detail
// tables read from a spreadsheet: each problem with its exact message
// (after the path of the file it names), one error, exit code 1 and an
// untouched out/.
func TestBadInputCatalogueSpreadsheets(t *testing.T) {
	const sub = "subproject-1.toml"
	cases := []struct {
		name, file, extra string
		write             func(path string) error
		edit              func(toml string) string // changes the sub-project's file
		where             string                   // the file the message names, in the year's directory
		want              string                   // the message after the file's path
	}{
		{name: "missing file", file: "名单.xlsx", where: "名单.xlsx",
			want: "：错误：无法读取明细表的来源文件：目录或文件不存在。请确认文件与数据文件放在同一目录下，且“rows_from”中的文件名（包括扩展名）与实际文件一致。"},
		{name: "unknown sheet", file: "名单.xlsx", extra: "sheet = \"sheet1\"\n", where: "名单.xlsx",
			write: func(p string) error { l := baseList; l.Before = []string{"说明"}; return l.XLSX(p) },
			want:  "：错误：工作簿中没有名为“sheet1”的工作表。是不是“Sheet1”？现有的工作表：“说明”、“Sheet1”。请把“sheet”改为其中之一（须与 Excel 底部标签上的名称完全一致）。"},
		{name: "header matching no column", file: "名单.xlsx", where: sub,
			write: func(p string) error {
				l := baseList
				l.Header = []string{"目标", "完成项目", "支出金额"}
				return l.XLSX(p)
			},
			want: ":15:21：错误：子项目1“甲项目”的明细表的“amount”列在表格“名单.xlsx”的表头（第1行）中找不到：没有名为“支出金额（元）”的列。是不是“支出金额”？表头各列：A列“目标”、B列“完成项目”、C列“支出金额”。请改正“title”，或用“from = \"表格中的列名\"”写明该列在表格中的名称（空格、全角半角括号不计）；若表头不在第1行，请用“header_row”写明行号。"},
		{name: "two columns matching one header", file: "名单.csv", where: sub,
			write: func(p string) error { return baseList.CSV(p, true) },
			edit: func(s string) string {
				return strings.Replace(s, `kind = "amount"`, `from = "完成项目", kind = "amount"`, 1)
			},
			want: ":15:40：错误：子项目1“甲项目”的明细表的“item”列和“amount”列对应的是表格的同一列：B列“完成项目”。每一列须对应表格中不同的列：请改正其中一列的“title”，或用“from”写明它在表格中的列名。"},
		{name: "a header twice", file: "名单.xlsx", where: "名单.xlsx",
			write: func(p string) error {
				l := baseList
				l.Header = []string{"目标", "完成项目", "支出金额（元）", "完成项目"}
				return l.XLSX(p)
			},
			want: " 工作表“Sheet1” 第1行：错误：表头中有 2 列都叫“完成项目”（B列、D列），程序无法确定“item”列读哪一列。请修改表格的表头，使各列名称不同。"},
		{name: "blank line", file: "名单.xlsx", where: "名单.xlsx",
			write: func(p string) error {
				l := baseList
				l.Rows = [][]any{baseList.Rows[0], nil, baseList.Rows[1]}
				return l.XLSX(p)
			},
			want: " 工作表“Sheet1” 第3行：错误：第3行是空行，但下面第4行还有内容。明细表的数据中间不能有空行：空行以下的内容是否属于本表，程序无法判断。请删去空行；表格下方的说明、落款请删去或移到别的工作表。"},
		{name: "merged cell", file: "名单.xlsx", where: "名单.xlsx",
			write: editedList(func(f *excelize.File) error { return f.MergeCell("Sheet1", "A2", "A3") }),
			want:  " 工作表“Sheet1” 第2行 A列（目标）：错误：A2:A3 是合并单元格。合并后只有左上角的格子有内容，其余各格读出来是空的。请选中该区域，取消合并，并在每一行都填上内容（如每行都写上组名），然后保存。"},
		{name: "hidden row", file: "名单.xlsx", where: "名单.xlsx",
			write: editedList(func(f *excelize.File) error { return f.SetRowVisible("Sheet1", 3, false) }),
			want:  " 工作表“Sheet1” 第3行：错误：第3行是隐藏行。隐藏的行同样会读入明细表，而在 Excel 中看不见，容易漏看或多算。请在 Excel 中取消隐藏（如用了筛选，请取消筛选），确认该行应当保留还是删去，然后保存。"},
		{name: "200 MB file", file: "名单.xlsx", where: "名单.xlsx",
			write: func(p string) error {
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					return err
				}
				return os.Truncate(p, 200<<20)
			},
			want: "：错误：文件过大（200.0 MB），超过明细表来源文件的上限 64.0 MB。一张 10 万行的名单约 3 MB（.xlsx）或 6 MB（.csv）；请确认选对了文件，或删去其中与本表无关的工作表、图片后再保存。"},
		{name: "password-protected workbook", file: "名单.xlsx", where: "名单.xlsx",
			write: func(p string) error {
				f := excelize.NewFile()
				f.SetSheetRow("Sheet1", "A1", &[]any{"目标", "完成项目", "支出金额（元）"})
				return f.SaveAs(p, excelize.Options{Password: "2020"})
			},
			want: "：错误：该工作簿设置了打开密码（已加密），程序无法读取。请在 Excel 中打开它（输入密码），“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码后保存；或另存为一个不加密的副本，再把“rows_from”改为该副本。"},
		{name: ".xls", file: "名单.xls", where: "名单.xls",
			write: func(p string) error {
				return os.WriteFile(p, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...), 0o644)
			},
			want: "：错误：这是旧版 Excel 格式（.xls）的文件，程序只能读取 .xlsx 和 .csv。请用 Excel 或 WPS 打开它，“另存为”→“Excel 工作簿（*.xlsx）”，再把“rows_from”改为新文件名。"},
		{name: "CSV with mixed encodings", file: "名单.csv", where: "名单.csv",
			write: func(p string) error {
				g, err := simplifiedchinese.GBK.NewEncoder().String("运行,电费,140000\r\n")
				if err != nil {
					return err
				}
				return os.WriteFile(p, []byte("目标,完成项目,支出金额（元）\r\n运行,房租,400000\r\n"+g), 0o644)
			},
			want: " 第3行：错误：文件中混用了两种编码：第1行是 UTF-8，第3行不是（可能是 GBK）。多半是把不同来源的内容粘贴到了一起。请用 Excel 或 WPS 打开它，检查这些行的汉字是否正常，改正后“另存为”→“CSV UTF-8（逗号分隔）”。"},
		{name: "formula without a cached value", file: "名单.xlsx", where: "名单.xlsx",
			write: listWith(2, 2, sheettest.Formula{Expr: "100000+40000"}),
			want:  " 工作表“Sheet1” 第3行 C列（支出金额（元））：错误：是公式，但文件中没有保存它的计算结果（文件多半是由程序生成、没有在 Excel 中计算过）。程序不会把它当作 0。请用 Excel 或 WPS 打开该文件，确认这一格显示的数字正确后保存一次；或把公式换成数值（复制后“选择性粘贴”→“数值”）。"},
		{name: "#REF!", file: "名单.xlsx", where: "名单.xlsx",
			write: listWith(2, 2, sheettest.Formula{Expr: "#REF!*2", Value: "#REF!"}),
			want:  " 工作表“Sheet1” 第3行 C列（支出金额（元））：错误：是公式错误 #REF!（公式引用的单元格已被删除），不是数字。请在 Excel 中改正这一格的公式，确认显示的数字正确后保存。"},
		{name: "thousands separator", file: "名单.xlsx", where: "名单.xlsx", write: listWith(1, 2, "400,000"),
			want: " 工作表“Sheet1” 第2行 C列（支出金额（元））：错误：写成了带千分位逗号的“400,000”。请只写数字：400000（在 Excel 中可把该列的单元格格式设为“常规”，或“数值”且不勾选“使用千位分隔符”）。"},
		{name: "unit", file: "名单.xlsx", where: "名单.xlsx", write: listWith(2, 2, "140000元"),
			want: " 工作表“Sheet1” 第3行 C列（支出金额（元））：错误：写的是“140000元”，带了单位或符号“元”。单元格中只写数字：140000；金额的单位由明细表的“unit”说明，数量的单位写在表头中。"},
		{name: "full-width digits", file: "名单.xlsx", where: "名单.xlsx", write: listWith(2, 2, "１４００００"),
			want: " 工作表“Sheet1” 第3行 C列（支出金额（元））：错误：写的是全角数字“１４００００”。请改为半角（英文）数字：140000。"},
		{name: "rows_from with a directory", file: "../名单.xlsx", where: sub,
			want: ":11:1：错误：子项目1“甲项目”的明细表的“rows_from”写的是“../名单.xlsx”：只能写与数据文件放在同一目录下的文件名（如 \"奖励名单.xlsx\"），不能含有目录或盘符。请把表格文件复制到 {dir} 中，“rows_from”只写文件名。"},
		{name: "rows_from a Windows device name", file: "con.csv", where: sub,
			want: ":11:1：错误：子项目1“甲项目”的明细表的“rows_from”写的是“con.csv”：CON 是 Windows 的设备名，不能用作文件名（在 Windows 上打开它会读到设备而不是文件）。请把表格文件改名（如“奖励名单.xlsx”），并把“rows_from”改为新文件名。"},
		{name: "group without its rows together", file: "名单.xlsx", where: "名单.xlsx",
			write: func(p string) error {
				l := baseList
				l.Rows = [][]any{{"运行", "房租", 400000}, {"宣传", "海报", 0}, {"运行", "电费", 140000}}
				return l.XLSX(p)
			},
			want: " 工作表“Sheet1” 第4行 A列（目标）：错误：组“运行”的行不连续：第4行又出现了这一组（上一次到第2行为止）。同一组的各行须排在一起，小计行放在该组最后。请在 Excel 中按分组列排序（或移动这些行）后保存。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			useSource(t, e, c.file, c.extra, c.write)
			if c.edit != nil {
				name := filepath.Join(e.data, "2020", sub)
				b, _ := os.ReadFile(name)
				os.WriteFile(name, []byte(c.edit(string(b))), 0o644)
			}
			code, stdout, stderr := run(e.build("2020")...)
			if code != ExitData || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			line := filepath.Join(e.data, "2020", c.where) + strings.ReplaceAll(c.want, "{dir}", filepath.Join(e.data, "2020"))
			if !strings.Contains(stderr, line) {
				t.Errorf("stderr lacks\n%s\nin:\n%s", line, stderr)
			}
			if n := strings.Count(stderr, "：错误："); n != 1 {
				t.Errorf("%d errors, want 1:\n%s", n, stderr)
			}
			if !strings.Contains(stderr, "未生成任何文件") {
				t.Errorf("stderr does not say nothing was written")
			}
			assertOutUntouched(t, e.out)
		})
	}
}

// TestOneBadCellIn100000Rows: a generated 100 000-row workbook with one bad
// cell at row 73 412 gives exactly one error, naming that row and column.
func TestOneBadCellIn100000Rows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 000-row workbook")
	}
	e := newEnv(t)
	l := sheettest.Table{Header: baseList.Header}
	// 100 000 rows adding up to the sub-project's 540000 元: 5.40 each.
	for i := range 100000 {
		var amount any = 5.4
		if i+2 == 73412 {
			amount = "5,40"
		}
		l.Rows = append(l.Rows, []any{"运行", fmt.Sprintf("第%d项", i+1), amount})
	}
	path := useSource(t, e, "名单.xlsx", "", l.XLSX)
	code, _, stderr := run(e.build("2020")...)
	want := path + " 工作表“Sheet1” 第73412行 C列（支出金额（元））：错误：应为数字，这里写的是“5,40”。请改为数字（不写单位、千分位逗号）。\n"
	if code != ExitData || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "：错误：") != 1 {
		t.Errorf("exit %d, stderr:\n%s\nwant first:\n%s", code, stderr, want)
	}
	assertOutUntouched(t, e.out)

	// Corrected, the same list builds.
	l.Rows[73410][2] = 5.4
	useSource(t, e, "名单.xlsx", "", l.XLSX)
	if code, stdout, stderr := run(e.build("2020")...); code != ExitOK {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
}
