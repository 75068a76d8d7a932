package docx

import (
	"os"
	"path/filepath"
	"testing"
)

// libreOfficeSource is the template that testdata/libreoffice-source.docx
// holds; testdata/libreoffice-resaved.docx is the same file opened and saved
// again by LibreOffice (see TestWriteLibreOfficeSource), which rewrites the
// XML the way a staff member's office suite would.
func libreOfficeSource(t testing.TB) []byte {
	b, i, u := `<w:b/>`, `<w:i/>`, `<w:u w:val="single"/>`
	body := Praw(R(b, "资金报告：{{.Ti")+R(i, "tle}}")) +
		Praw(R("", "是否完成：{{if .Fl")+R(b, "ag}}是{{el")+R("", "se}}否{{end}}。")) +
		Praw(R("", "{{if eq .Title “2024年度资金报告”}}标题正确{{else}}标题错误{{end}}")) +
		P("{{range $i, $f := .Funds}}") +
		Praw(R("", "{{cnNum (inc $i)}}、{{$f.Name}}：")+R(u, "{{amount $f.Amount}}")+R("", "万元，执行率{{percent $f.Rate}}。")) +
		P("{{end}}") +
		Tbl(TRow("项目", "金额", "执行率"),
			TRow("{{range .Funds}}", "", ""),
			[]string{Praw(R(b, "{{.Na") + R("", "me}}")), P("{{amount .Amount}}"), P("{{percentTrim .Rate}}")},
			TRow("{{end}}", "", "")) +
		P("") +
		Tbl(TRow("{{range .Funds}}{{.Name}}", "{{rmb .Amount}}{{end}}")) +
		P("{{join .Names “、”}}")
	return testDoc{body: body, header: P("{{.Title}}"), footer: Praw(R(i, "第{{.Le") + R("", "vel}}版"))}.build(t)
}

// TestWriteLibreOfficeSource regenerates testdata/libreoffice-source.docx
// when DOCX_WRITE_TESTDATA=1. Re-save it with
//
//	soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir /tmp/lo testdata/libreoffice-source.docx
//	cp /tmp/lo/libreoffice-source.docx testdata/libreoffice-resaved.docx
func TestWriteLibreOfficeSource(t *testing.T) {
	if os.Getenv("DOCX_WRITE_TESTDATA") != "1" {
		t.Skip("set DOCX_WRITE_TESTDATA=1 to regenerate")
	}
	if err := os.WriteFile(filepath.Join("testdata", "libreoffice-source.docx"), libreOfficeSource(t), 0o644); err != nil {
		t.Fatal(err)
	}
}

const libreOfficeWant = "【页眉1】\n2024年度资金报告\n【正文】\n资金报告：2024年度资金报告\n是否完成：是。\n标题正确\n" +
	"一、甲项目：1352.2万元，执行率87.39%。\n二、乙项目：2010万元，执行率100.00%。\n" +
	"项目\t金额\t执行率\n甲项目\t1352.2\t87.39%\n乙项目\t2010\t100%\n\n" +
	"甲项目\t壹仟叁佰伍拾贰元贰角\n乙项目\t贰仟零壹拾元整\n" +
	"张三、李四\n"

func TestLibreOfficeSourceRenders(t *testing.T) {
	_, txt := render(t, libreOfficeSource(t), sample())
	if want := libreOfficeWant + "【页脚1】\n第2版\n"; txt != want {
		t.Errorf("got\n%s\nwant\n%s", txt, want)
	}
}

func TestLibreOfficeResaved(t *testing.T) {
	tmpl, err := os.ReadFile(filepath.Join("testdata", "libreoffice-resaved.docx"))
	if err != nil {
		t.Fatal(err)
	}
	_, txt := render(t, tmpl, sample())
	if want := libreOfficeWant + "【页脚1】\n第2版\n"; txt != want {
		t.Errorf("got\n%s\nwant\n%s", txt, want)
	}
}
