package docx

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func sampleTable(text string) *Table {
	return &Table{
		Style: "TableText", HeaderStyle: "TableHead", Widths: []int{1000, 2000, 1500},
		Rows: []Row{
			{Header: true, Cells: []Cell{{Text: "目标"}, {Text: "完成项目"}, {Text: "金额"}}},
			{Cells: []Cell{{Text: "运行", Merge: MergeStart}, {Text: text, Align: "left"}, {Text: "2000", Align: "right"}}},
			{Cells: []Cell{{Merge: MergeContinue}, {Text: "房租"}, {Text: "28000"}}},
			{Bold: true, Cells: []Cell{{Text: "合计", Span: 2}, {Text: "30000"}}},
		},
	}
}

func TestBlockReplacesItsWholeParagraph(t *testing.T) {
	tmpl := testDoc{body: P("前文") + Praw(`<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{{.Table}}</w:t></w:r>`) + P("后文")}.build(t)
	out, txt := render(t, tmpl, map[string]any{"Table": sampleTable("电费 & <网费>")})
	want := "前文\n目标\t完成项目\t金额\n运行\t电费 & <网费>\t2000\n\t房租\t28000\n合计\t30000\n后文\n"
	if got := bodyText(txt); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	x := docXML(t, out)
	for _, s := range []string{
		`<w:tblHeader/>`, `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`, `<w:gridSpan w:val="2"/>`,
		`<w:tcW w:w="3000" w:type="dxa"/>`, `<w:pStyle w:val="TableHead"/>`, `<w:insideV w:val="single"`,
		`电费 &amp; &lt;网费&gt;`,
	} {
		if !strings.Contains(x, s) {
			t.Errorf("document lacks %s", s)
		}
	}
	if strings.Contains(x, `<w:jc w:val="center"/></w:pPr><w:r>`) && strings.Contains(x, "{{") {
		t.Error("the action's paragraph survived")
	}
	if strings.ContainsAny(x, "\x01\x02") {
		t.Error("block markers leaked")
	}
}

func TestBlockInACellKeepsTheCellEndingWithAParagraph(t *testing.T) {
	tmpl := testDoc{body: Tbl(TRow("{{.Table}}", "x")) + P("")}.build(t)
	out, _ := render(t, tmpl, map[string]any{"Table": sampleTable("a")})
	if !strings.Contains(docXML(t, out), `</w:tbl><w:p/></w:tc>`) {
		t.Error("a cell ending in a table got no closing paragraph")
	}
}

func TestBlockSharingItsParagraphIsRefused(t *testing.T) {
	tmpl := testDoc{body: P("明细：{{.Table}}")}.build(t)
	tp, err := Parse("t.docx", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = tp.Execute(&buf, map[string]any{"Table": sampleTable("a")})
	var e *Error
	if !errors.As(err, &e) || e.Msg != "表格等整块内容必须单独占一段，这一段里还有其它文字" || !strings.Contains(e.Error(), "明细：") {
		t.Fatalf("got %v", err)
	}
	if buf.Len() != 0 {
		t.Error("output written despite the error")
	}
}

func TestValuesCannotForgeABlock(t *testing.T) {
	tmpl := testDoc{body: P("{{.X}}")}.build(t)
	out, txt := render(t, tmpl, map[string]any{"X": "\x01<w:tbl/>\x02"})
	if bodyText(txt) != "<w:tbl/>\n" || strings.Contains(docXML(t, out), "<w:tbl/>") {
		t.Errorf("forged block: %q", bodyText(txt))
	}
}

func TestHeadCellTakesTheHeaderStyleInABodyRow(t *testing.T) {
	tb := &Table{Style: "TableText", HeaderStyle: "TableHead", Widths: []int{1000, 2000},
		Rows: []Row{{Cells: []Cell{{Text: "项目名称", Head: true}, {Text: "南昌市知识产权专项资金", Align: "left"}}}}}
	got := tb.WordML("w:")
	label := `<w:pStyle w:val="TableHead"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">项目名称</w:t>`
	value := `<w:pStyle w:val="TableText"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">南昌市知识产权专项资金</w:t>`
	if !strings.Contains(got, label) || !strings.Contains(got, value) || strings.Contains(got, "tblHeader") {
		t.Errorf("markup:\n%s", got)
	}
}

func TestStartAlignsFlushLeft(t *testing.T) {
	tb := &Table{Style: "TableText", Widths: []int{1000}, Rows: []Row{{Cells: []Cell{{Text: "短句", Align: "start"}}}}}
	if got := tb.WordML("w:"); !strings.Contains(got, `<w:jc w:val="left"/>`) {
		t.Errorf("markup:\n%s", got)
	}
}
