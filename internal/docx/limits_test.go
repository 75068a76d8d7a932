package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"ipfund/internal/limits"
)

func TestHugeLoopIsRefusedNotRun(t *testing.T) {
	tmpl := testDoc{body: P("{{range .N}}") + P("{{$.S}}") + P("{{end}}")}.build(t)
	tp, err := Parse("t.docx", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// 600 paragraphs of half a megabyte each: the part passes 256 MB.
	err = tp.Execute(&buf, map[string]any{"N": 600, "S": strings.Repeat("长", 1<<19/3)})
	var e *Error
	if !errors.As(err, &e) || e.Error() != "模板 t.docx 正文（word/document.xml）：填充后的内容超过 256 MB 的上限。可能是模板中的循环次数过多，或数据中的表格行数过多；请检查 {{range}} 循环的对象。" {
		t.Fatalf("got %v", err)
	}
	if buf.Len() != 0 {
		t.Error("output written")
	}
}

func TestOversizedTemplateIsRefused(t *testing.T) {
	_, err := Parse("big.docx", make([]byte, limits.TemplateFile+1), nil)
	if err == nil || err.Error() != "模板 big.docx：文件过大（51 MB，上限 50 MB）。模板只需包含文字和格式；请删去其中的大图片或嵌入的文件后重新保存。" {
		t.Fatalf("got %v", err)
	}
}

// zeros is a deflated run of n zero bytes, made once per size: a zip entry
// that inflates a thousandfold.
func zeros(t testing.TB, n int) (comp []byte, crc uint32) {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	chunk := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(chunk) {
		fw.Write(chunk[:min(left, len(chunk))])
	}
	fw.Close()
	z := crc32.NewIEEE()
	for left := n; left > 0; left -= len(chunk) {
		z.Write(chunk[:min(left, len(chunk))])
	}
	return buf.Bytes(), z.Sum32()
}

// withZeros adds count entries of size zero bytes each to a .docx.
func withZeros(t testing.TB, docx []byte, count, size int) []byte {
	t.Helper()
	comp, crc := zeros(t, size)
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		zw.Copy(f)
	}
	for i := 0; i < count; i++ {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("word/media/zero%d.bin", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(size)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp)
	}
	zw.Close()
	return buf.Bytes()
}

func TestTemplateBombsAreRefusedBeforeInflating(t *testing.T) {
	doc := testDoc{body: P("x")}.build(t)
	cases := []struct {
		name        string
		count, size int
		want        string
	}{
		{"one part over its limit", 1, limits.TemplatePart + 1, "模板 t.docx：其中的“word/media/zero0.bin”解压后有 65 MB，超过单个部件 64 MB 的上限。"},
		{"many parts, each under it", 200, 63 << 20, "模板 t.docx：解压后的内容合计超过 128 MB 的上限（共 204 个部件）。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bomb := withZeros(t, doc, c.count, c.size)
			var err error
			bytes := allocated(func() { _, err = Parse("t.docx", bomb, nil) })
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %s", err, c.want)
			}
			if max := uint64(len(bomb)) + 1<<20; bytes > max {
				t.Errorf("allocated %d bytes: something was inflated", bytes)
			}
		})
	}
	// A template just under the limits is read.
	if _, err := Parse("t.docx", withZeros(t, doc, 2, 60<<20), nil); err != nil {
		t.Errorf("120 MB of parts: %v", err)
	}
}

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// nested is a paragraph with k {{range}} loops around text.
func nested(k int, text string) string {
	return P(strings.Repeat("{{range $.L}}", k) + text + strings.Repeat("{{end}}", k))
}

func TestALoopInsideOneParagraphStopsAtItsLimit(t *testing.T) {
	tp, err := Parse("t.docx", testDoc{body: nested(12, strings.Repeat("文", 100))}.build(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"L": []int{1, 2, 3, 4, 5}}
	var buf bytes.Buffer
	bytes := allocated(func() { err = tp.Execute(&buf, data) })
	var e *Error
	if !errors.As(err, &e) || e.Error() != "模板 t.docx 正文（word/document.xml）：有一个段落填充后超过 1 MB 的上限。可能是同一段里的 {{range}} 循环嵌套过多或重复次数过多；请检查段落中的循环。" {
		t.Fatalf("got %v", err)
	}
	// Stopped at the limit: a few times a megabyte, not 244 MB.
	if bytes > 16<<20 {
		t.Errorf("allocated %d MB", bytes>>20)
	}
	if buf.Len() != 0 {
		t.Error("output written")
	}
}

func TestLoopsAreCountedEvenWhenTheyWriteNothing(t *testing.T) {
	body := P(strings.Repeat("{{range $.L}}", 12)) + P(strings.Repeat("{{end}}", 12))
	tp, err := Parse("t.docx", testDoc{body: body}.build(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = tp.Execute(io.Discard, map[string]any{"L": []int{1, 2, 3, 4, 5}})
	var e *Error
	if !errors.As(err, &e) || e.Error() != "模板 t.docx 正文第1段（word/document.xml）：填充时各 {{range}} 循环合计重复了 200000 次以上，超过上限（段落文字：“…….L}}{{range $.L}}{{range $.L}}{{range $.L}}{{range $.L}}”）。可能是多层 {{range}} 循环嵌套在一起；请检查这一段的循环。" {
		t.Fatalf("got %v", err)
	}
	// Within the budget, loops run as before.
	if err := tp.execute(io.Discard, map[string]any{"L": []int{1, 2}}, limits.OutputDocument, 8190); err != nil {
		t.Errorf("2^12 + … + 2 = 8190 repetitions: %v", err)
	}
	if err := tp.execute(io.Discard, map[string]any{"L": []int{1, 2}}, limits.OutputDocument, 8189); err == nil {
		t.Error("8190 repetitions with a budget of 8189")
	}
}

func TestTheDocumentIsBoundedAsAWhole(t *testing.T) {
	para := P("{{range .}}" + strings.Repeat("文", 1000) + "{{end}}")
	tp, err := Parse("t.docx", testDoc{body: para, header: para, footer: para}.build(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each part writes about 300 KB; the three together pass 800 KB.
	err = tp.execute(io.Discard, 100, tp.copied+800<<10, limits.LoopIterations)
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, "填充后整个文档的内容合计超过上限") || e.Part != "页脚1" {
		t.Fatalf("got %v", err)
	}
	if err := tp.execute(io.Discard, 100, tp.copied+1<<20, limits.LoopIterations); err != nil {
		t.Errorf("under the limit: %v", err)
	}
}
