package docx

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"ipfund/internal/limits"
)

// bigTable is a table of n rows, far larger than a chunk when n is large.
func bigTable(n int) *Table {
	t := &Table{Style: "TableText", Widths: []int{1000, 3000, 1500}}
	t.Rows = []Row{{Header: true, Cells: []Cell{{Text: "序号"}, {Text: "名称"}, {Text: "金额"}}}}
	t.Body = func(yield func(Row) bool) {
		cells := make([]Cell, 3)
		for i := range n {
			cells[0] = Cell{Text: fmt.Sprint(i + 1)}
			cells[1] = Cell{Text: fmt.Sprintf("企业 <%d> & 子公司", i), Align: "left"}
			cells[2] = Cell{Text: fmt.Sprintf("%d.%02d", i*37, i%100), Align: "right"}
			if !yield(Row{Cells: cells}) {
				return
			}
		}
	}
	return t
}

// placeOracle is what placing the blocks must give: the template rendered
// with a plain marker for each block, each marker's paragraph then replaced
// by the block's WordML (and a cell left without a paragraph given one).
func placeOracle(t *testing.T, tmpl []byte, blocks map[string]*Table) string {
	t.Helper()
	data := map[string]any{}
	for k := range blocks {
		data[k] = "§" + k + "§"
	}
	for k, v := range blockData {
		data[k] = v
	}
	var buf bytes.Buffer
	tp, err := Parse("oracle.docx", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tp.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	doc := docXML(t, buf.Bytes())
	for k, b := range blocks {
		i := strings.Index(doc, "§"+k+"§")
		ps := strings.LastIndex(doc[:i], "<w:p>")
		pe := i + strings.Index(doc[i:], "</w:p>") + len("</w:p>")
		repl := b.WordML("w:")
		if strings.HasPrefix(doc[pe:], "</w:tc>") {
			repl += "<w:p/>"
		}
		doc = doc[:ps] + repl + doc[pe:]
	}
	return doc
}

// blockData is the rest of the data of the streaming tests.
var blockData = map[string]any{"Spaces": strings.Repeat(" ", 300<<10), "Text": strings.Repeat("长文字", 30<<10)}

// TestBlocksStreamAcrossChunks places tables larger than a chunk, one
// after a paragraph longer than a chunk (its start must not have been
// handed over), one ending a table cell, and checks the result against
// placing them in the finished output.
func TestBlocksStreamAcrossChunks(t *testing.T) {
	tmpl := testDoc{body: P("前文{{.Text}}") + P("{{.A}}") + P("{{.Spaces}}", "{{.B}}", " ") +
		Tbl(TRow("{{.C}}", "x")) + P("后文{{.Text}}")}.build(t)
	blocks := map[string]*Table{"A": bigTable(600), "B": bigTable(10), "C": bigTable(1200)}
	want := placeOracle(t, tmpl, blocks)
	data := map[string]any{"A": blocks["A"], "B": blocks["B"], "C": blocks["C"]}
	for k, v := range blockData {
		data[k] = v
	}
	out, _ := render(t, tmpl, data)
	got := docXML(t, out)
	if len(got) < 4*chunkSize {
		t.Fatalf("document of %d bytes does not cross chunks", len(got))
	}
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("placed blocks differ at byte %d of %d:\n got …%s…\nwant …%s…", i, len(want),
			got[max(i-80, 0):min(i+80, len(got))], want[max(i-80, 0):min(i+80, len(want))])
	}
	// The streamed output is the same on every run.
	again, _ := render(t, tmpl, data)
	if !bytes.Equal(out, again) {
		t.Error("two executions differ")
	}
}

// TestStreamedWordMLIsWordML: the table writes the same markup in pieces
// as in one string.
func TestStreamedWordMLIsWordML(t *testing.T) {
	tb := bigTable(4000)
	var buf bytes.Buffer
	n := 0
	if err := tb.WriteWordML(writerFunc(func(p []byte) (int, error) { n++; return buf.Write(p) }), "w:"); err != nil {
		t.Fatal(err)
	}
	if buf.String() != tb.WordML("w:") || n < 10 {
		t.Errorf("streamed in %d writes, same markup: %v", n, buf.String() == tb.WordML("w:"))
	}
	if err := tb.WriteWordML(writerFunc(func([]byte) (int, error) { return 0, io.ErrShortWrite }), "w:"); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("write error not returned: %v", err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// plainBlock is a Block without WriteWordML; its markup goes in as a string,
// without the bytes XML cannot hold.
type plainBlock string

func (b plainBlock) WordML(w string) string { return string(b) }

func TestPlainBlock(t *testing.T) {
	tmpl := testDoc{body: P("a") + P("{{.B}}") + P("b")}.build(t)
	out, txt := render(t, tmpl, map[string]any{"B": plainBlock("<w:p><w:r><w:t>\x01块\x02</w:t></w:r></w:p>")})
	if bodyText(txt) != "a\n块\nb\n" || strings.ContainsAny(docXML(t, out), "\x01\x02") {
		t.Errorf("text %q", bodyText(txt))
	}
}

// TestBlockPlacementErrors: a block must stand alone in a paragraph that
// starts after the last block's.
func TestBlockPlacementErrors(t *testing.T) {
	for _, c := range []struct {
		body, context string
	}{
		{P("{{.A}}{{.B}}"), ""},                       // two blocks in one paragraph
		{P("{{.A}}", "之后"), "之后"},                     // text after the block
		{P("{{.Spaces}}之前{{.A}}"), "之前"},              // text before, the paragraph's start spilled long ago
		{P("{{.A}}") + P("{{.B}}后"), "后"},             // the second of two blocks
		{Tbl(TRow("{{.A}}", "{{.B}}x")) + P(""), "x"}, // in cells
	} {
		tp, err := Parse("t.docx", testDoc{body: c.body}.build(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = tp.Execute(&buf, map[string]any{"A": plainBlock("<w:p><w:r><w:t>块</w:t></w:r></w:p>"), "B": bigTable(2), "Spaces": blockData["Spaces"]})
		var e *Error
		if !errors.As(err, &e) || e.Msg != "表格等整块内容必须单独占一段，这一段里还有其它文字" || !strings.Contains(e.Context, c.context) {
			t.Errorf("%s: got %v", c.body[:min(len(c.body), 60)], err)
		}
		if buf.Len() != 0 {
			t.Error("output written despite the error")
		}
	}
}

// TestLargePartCompressesInBackground: a part larger than a chunk goes
// through the deflater goroutine and reads back whole.
func TestLargePartCompressesInBackground(t *testing.T) {
	tmpl := testDoc{body: P("{{range .}}") + P("第{{.}}行：一行文字 <&>") + P("{{end}}")}.build(t)
	n := 40000
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	_, txt := render(t, tmpl, rows)
	lines := strings.Split(strings.TrimSuffix(bodyText(txt), "\n"), "\n")
	if len(lines) != n || lines[n-1] != fmt.Sprintf("第%d行：一行文字 <&>", n-1) {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

// TestParagraphStartsAreFoundHoweverTheOutputIsCut writes the same part in
// pieces of every size, with long paragraphs (several chunks) between the
// blocks: where a block goes must not depend on where the writes were cut,
// as paraStart only looks at what came since its last call.
func TestParagraphStartsAreFoundHoweverTheOutputIsCut(t *testing.T) {
	long := strings.Repeat("<w:r><w:t>长长的文字</w:t></w:r>", chunkSize/20)
	pieces := []string{
		"<w:body><w:p><w:pPr/>" + long + "</w:p><w:p><w:pPr><w:jc/></w:pPr>", "§",
		"</w:p><w:p>" + long + "<w:pPr/></w:p><w:tbl><w:tr><w:tc><w:p>", "§",
		"</w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p></w:body>",
	}
	table := &Table{Widths: []int{1000}, Rows: []Row{{Cells: []Cell{{Text: "表"}}}}}
	render := func(step int) string {
		w := newPartWriter("w:", limits.OutputPart)
		for _, p := range pieces {
			if p == "§" {
				w.block(table)
				continue
			}
			for i := 0; i < len(p); i += step {
				if _, err := w.Write([]byte(p[i:min(i+step, len(p))])); err != nil {
					t.Fatal(err)
				}
			}
		}
		c, err := w.finish()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(flate.NewReader(bytes.NewReader(c.data)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := render(1 << 30)
	if strings.Count(want, "<w:tbl>") != 3 || strings.Contains(want, "<w:jc/>") {
		t.Fatalf("blocks not placed: %d tables", strings.Count(want, "<w:tbl>"))
	}
	for _, step := range []int{1, 2, 3, 5, 7, 4096, chunkSize - 1, chunkSize + 3} {
		if got := render(step); got != want {
			t.Errorf("writes of %d bytes give another part", step)
		}
	}
}
