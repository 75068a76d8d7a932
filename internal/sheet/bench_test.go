package sheet

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"ipfund/internal/benchmem"
)

// benchList is a 公示名单 of n enterprises as Excel saves it: shared
// strings for the text, numbers for the figures.
func benchList(n int) book {
	b := book{strings: []string{"奖励类别", "企业名称", "专利数量（件）", "奖励金额（元）"}}
	var rows strings.Builder
	rows.WriteString(`<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`)
	for i := range n {
		r := i + 2
		if i%20 == 0 {
			b.strings = append(b.strings, fmt.Sprintf("第%d批授权专利奖励", i/20+1))
		}
		group := len(b.strings) - 1
		b.strings = append(b.strings, fmt.Sprintf("南昌电子科技第%d有限公司", i+1))
		fmt.Fprintf(&rows, `<row r="%d" spans="1:4"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d"><v>%d</v></c><c r="D%d"><v>%s</v></c></row>`,
			r, r, group, r, len(b.strings)-1, r, 1+i*37%53, r, strconv.FormatFloat(float64(1352200000+i*7919%100000)/100, 'f', -1, 64))
	}
	b.sheets = []bookSheet{{name: "Sheet1", rows: rows.String()}}
	return b
}

func benchCSV(n int) string {
	var b strings.Builder
	b.WriteString("奖励类别,企业名称,专利数量（件）,奖励金额（元）\r\n")
	for i := range n {
		fmt.Fprintf(&b, "第%d批授权专利奖励,南昌电子科技第%d有限公司,%d,%s\r\n", i/20+1, i+1, 1+i*37%53, strconv.FormatFloat(float64(1352200000+i*7919%100000)/100, 'f', -1, 64))
	}
	return b.String()
}

func benchRead(b *testing.B, path string, rows int) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu := benchmem.CPUTime()
	defer func() { b.ReportMetric(float64(benchmem.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op") }()
	for range b.N {
		n := 0
		_, ds := Read(path, Options{}, func(r Row) {
			for _, c := range r.Cells {
				if c.Kind == Numeric {
					Number(c)
				}
			}
			n++
		})
		if len(ds) > 0 || n != rows+1 {
			b.Fatalf("%d rows, %v", n, ds)
		}
	}
}

// BenchmarkRead reads a list of 100 000 rows from a workbook (shared
// strings, as Excel saves it) and from CSV files in UTF-8 and in GBK.
func BenchmarkRead(b *testing.B) {
	const n = 100000
	b.Run(fmt.Sprintf("src=xlsx/rows=%d", n), func(b *testing.B) {
		benchRead(b, writeFile(b, "名单.xlsx", benchList(n).bytes(b)), n)
	})
	data := benchCSV(n)
	b.Run(fmt.Sprintf("src=csv/rows=%d", n), func(b *testing.B) { benchRead(b, writeFile(b, "名单.csv", []byte(data)), n) })
	b.Run(fmt.Sprintf("src=csv-gbk/rows=%d", n), func(b *testing.B) {
		g, err := gbkEncode(data)
		if err != nil {
			b.Fatal(err)
		}
		benchRead(b, writeFile(b, "名单.csv", g), n)
	})
}
