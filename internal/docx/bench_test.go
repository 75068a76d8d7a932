package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"ipfund/internal/benchmem"
	"testing"

	"github.com/shopspring/decimal"
)

// The engine's own row loop: a 4-column table row repeated by
// {{range}}…{{end}} in the template, the layout the issue compares with a
// JavaScript docx templating engine. BenchmarkRowsDeflate is its floor:
// deflating the document.xml it produces into a zip. peak-MB is measured as
// in internal/build (see peakMB there).

var benchSizes = []int{10, 1000, 10000, 100000}

func benchRows(n int) report {
	r := report{Title: "基准"}
	r.Funds = make([]fund, n)
	for i := range r.Funds {
		r.Funds[i] = fund{Name: fmt.Sprintf("项目%d", i), Amount: decimal.New(int64(i)*137, -2), Rate: decimal.New(int64(i%1000), -3)}
	}
	return r
}

func benchTemplate(b *testing.B) *Template {
	tmpl := testDoc{body: Tbl(
		TRow("序号", "项目", "金额", "执行率"),
		TRow("{{range $i, $f := .Funds}}{{inc $i}}", "{{$f.Name}}", "{{amount $f.Amount}}", "{{percent $f.Rate}}{{end}}"),
	) + P("")}.build(b)
	tp, err := Parse("bench.docx", tmpl, nil)
	if err != nil {
		b.Fatal(err)
	}
	return tp
}

func BenchmarkRows(b *testing.B) {
	tp := benchTemplate(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			data := benchRows(n)
			var size int
			run := func() {
				var buf bytes.Buffer
				if err := tp.Execute(&buf, data); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			peak := benchmem.PeakMB(run)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				run()
			}
			b.StopTimer()
			b.ReportMetric(float64(size), "bytes/doc")
			b.ReportMetric(peak, "peak-MB")
		})
	}
}

func BenchmarkRowsDeflate(b *testing.B) {
	tp := benchTemplate(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			var buf bytes.Buffer
			if err := tp.Execute(&buf, benchRows(n)); err != nil {
				b.Fatal(err)
			}
			doc := benchDocument(b, buf.Bytes())
			run := func() {
				zw := zip.NewWriter(io.Discard)
				w, err := zw.Create("word/document.xml")
				if err == nil {
					_, err = w.Write(doc)
				}
				if err == nil {
					err = zw.Close()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			peak := benchmem.PeakMB(run)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				run()
			}
			b.StopTimer()
			b.ReportMetric(float64(len(doc))/1e6, "xml-MB")
			b.ReportMetric(peak, "peak-MB")
		})
	}
}

// benchDocument is word/document.xml of a .docx, however large.
func benchDocument(b *testing.B, docx []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			defer rc.Close()
			doc, err := io.ReadAll(rc)
			if err != nil {
				b.Fatal(err)
			}
			return doc
		}
	}
	b.Fatal("no word/document.xml")
	return nil
}

// BenchmarkText reads the text of a document whose body is a table of
// about 121 MB of WordprocessingML (the part `ipfund text` refused before
// its limits agreed with build's), written to io.Discard as git would
// take it.
func BenchmarkText(b *testing.B) {
	var body bytes.Buffer
	for rows := 0; body.Len() < 121<<20; rows++ {
		fmt.Fprintf(&body, `<w:tr><w:tc><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>%d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>企业 %d &amp; 子公司</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>%d.%02d</w:t></w:r></w:p></w:tc></w:tr>`, rows+1, rows, rows*37, rows%100)
	}
	doc := testDoc{body: "<w:tbl>" + body.String() + "</w:tbl>"}.build(b)
	body = bytes.Buffer{}
	run := func() {
		if err := WriteText(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	peak := benchmem.PeakMB(run)
	b.ReportAllocs()
	b.SetBytes(121 << 20)
	b.ResetTimer()
	for range b.N {
		run()
	}
	b.ReportMetric(peak, "peak-MB")
}
