package docx

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

func benchRows(n int) report {
	r := report{Title: "基准"}
	r.Funds = make([]fund, n)
	for i := range r.Funds {
		r.Funds[i] = fund{Name: fmt.Sprintf("项目%d", i), Amount: decimal.New(int64(i)*137, -2), Rate: decimal.New(int64(i%1000), -3)}
	}
	return r
}

func benchmarkRows(b *testing.B, n int) {
	tmpl := testDoc{body: Tbl(
		TRow("序号", "项目", "金额", "执行率"),
		TRow("{{range $i, $f := .Funds}}{{inc $i}}", "{{$f.Name}}", "{{amount $f.Amount}}", "{{percent $f.Rate}}{{end}}"),
	) + P("")}.build(b)
	tp, err := Parse("bench.docx", tmpl, nil)
	if err != nil {
		b.Fatal(err)
	}
	data := benchRows(n)
	b.ResetTimer()
	var size int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := tp.Execute(&buf, data); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/doc")
}

func BenchmarkRows1k(b *testing.B)   { benchmarkRows(b, 1000) }
func BenchmarkRows10k(b *testing.B)  { benchmarkRows(b, 10000) }
func BenchmarkRows100k(b *testing.B) { benchmarkRows(b, 100000) }
