package docx

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const funcList = "“add”、“amount”、“cnNum”、“fixed”、“inc”、“join”、“percent”、“percentTrim”、“rmb”、“score”、“sub”、“and”、“call”、“eq”、“ge”、“gt”、“html”、“index”、“js”、“le”、“len”、“lt”、“ne”、“not”、“or”、“print”、“printf”、“println”、“slice”、“urlquery”"

const tableHint = "表格里的循环或条件：把 {{range …}}/{{if …}} 写在一行第一个单元格的开头，把 {{end}} 写在同一行或后面某一行最后一个单元格的末尾；或者让它们各自单独占一整行（这一行的其他单元格留空）。不要放在中间的单元格里，也不要一个在表格里、一个在表格外。"

const paraHint = "要整段重复或整段按条件显示，请让每个控制动作单独占一段（段里没有别的文字）；要在一句话里按条件显示，请把它们写在同一段里。"

func TestParseErrors(t *testing.T) {
	const pre = "模板 templates/report.docx 正文"
	cases := []struct {
		name string
		doc  testDoc
		want string
	}{
		{"unclosed action", testDoc{body: P("前") + P("执行率为{{percent", " .Rate") + P("x")},
			pre + "第2段（word/document.xml）：动作没有结束：“{{”之后缺少“}}”（段落文字：“执行率为{{percent .Rate”）。一个动作必须写在同一段落里，请补上“}}”。"},
		{"unclosed action, open quote", testDoc{body: P(`执行率为{{printf "abc }}`)},
			pre + "第1段（word/document.xml）：动作没有结束：“{{”之后缺少“}}”（段落文字：“执行率为{{printf \"abc }}”）。可能是引号没有配对；一个动作必须写在同一段落里，请检查引号并补上“}}”。"},
		{"unclosed range", testDoc{body: P("前") + P("{{range .Funds}}") + P("{{.Name}}")},
			pre + "第2段（word/document.xml）：“{{range .Funds}}”缺少配对的“{{end}}”（段落文字：“{{range .Funds}}”）。每个 {{range …}} 都要用一个 {{end}} 结束。"},
		{"unclosed if inline", testDoc{body: P("结论：{{if .Flag}}合格")},
			pre + "第1段（word/document.xml）：“{{if .Flag}}”缺少配对的“{{end}}”（段落文字：“结论：{{if .Flag}}合格”）。每个 {{if …}} 都要用一个 {{end}} 结束。"},
		{"extra end", testDoc{body: P("a") + P("{{end}}")},
			pre + "第2段（word/document.xml）：多余的“{{end}}”：前面没有与它配对的 {{range}}、{{if}} 或 {{with}}（段落文字：“{{end}}”）。请删除这个 {{end}}，或补上对应的开头。"},
		{"else without if", testDoc{body: P("a{{else}}b")},
			pre + "第1段（word/document.xml）：“{{else}}”前面没有与它配对的 {{if}}、{{with}} 或 {{range}}（段落文字：“a{{else}}b”）。"},
		{"unknown function", testDoc{body: P("预算执行率为{{pecent .Rate}}，较上年有所提高。")},
			pre + "第1段（word/document.xml）：未知的函数“pecent”（段落文字：“预算执行率为{{pecent .Rate}}，较上年有所提高。”）。是不是想写“percent”？可用的函数有：" + funcList + "。"},
		{"unknown function without suggestion", testDoc{body: P("{{foo}}")},
			pre + "第1段（word/document.xml）：未知的函数“foo”（段落文字：“{{foo}}”）。请检查函数名的拼写（区分大小写）。可用的函数有：" + funcList + "。"},
		{"syntax error", testDoc{body: P("{{amount (.Name}}")},
			pre + "第1段（word/document.xml）：动作写法有误：左括号“(”没有配对的右括号（段落文字：“{{amount (.Name}}”）。请检查动作的写法，例如 {{.名称}}、{{amount .金额}}、{{if .条件}}…{{end}}。"},
		{"missing value", testDoc{body: P("{{if}}") + P("{{end}}")},
			pre + "第1段（word/document.xml）：动作写法有误：缺少要判断或循环的值（段落文字：“{{if}}”）。请检查动作的写法，例如 {{.名称}}、{{amount .金额}}、{{if .条件}}…{{end}}。"},
		{"undefined variable", testDoc{body: P("{{range .Funds}}") + P("{{$x}}") + P("{{end}}")},
			pre + "第2段（word/document.xml）：未定义的变量“$x”（段落文字：“{{$x}}”）。变量要先用 {{$x := …}} 或 {{range $x := …}} 定义，并且只在定义它的 range/if/with 之内有效。"},
		{"unsupported", testDoc{body: P("{{range .Funds}}{{break}}{{end}}")},
			pre + "第1段（word/document.xml）：报告模板不支持“{{break}}”（段落文字：“{{range .Funds}}{{break}}{{end}}”）。模板里可以用 {{range}}、{{if}}、{{else}}、{{with}}、{{end}}、变量和函数；{{break}}、{{continue}}、{{define}}、{{template}}、{{block}} 不可用。"},
		{"range and end in different rows' middle cells", testDoc{body: Tbl(TRow("{{range .Funds}}", "x", "y"), TRow("a", "{{end}}", "b")) + P("")},
			pre + "第5段（word/document.xml）：“{{end}}”（第5段，表格第2行第2格）与配对的“{{range .Funds}}”（第1段，表格第1行第1格）不在同一层级，这样会生成损坏的文档（段落文字：“{{end}}”）。" + tableHint},
		{"range outside table, end inside", testDoc{body: P("{{range .Funds}}") + Tbl(TRow("{{.Name}}", "{{end}}")) + P("")},
			pre + "第3段（word/document.xml）：“{{end}}”（第3段，表格第1行第2格）与配对的“{{range .Funds}}”（第1段）不在同一层级，这样会生成损坏的文档（段落文字：“{{end}}”）。" + tableHint},
		{"paragraph-level if with inline end", testDoc{body: P("{{if .Flag}}") + P("文字{{end}}")},
			pre + "第2段（word/document.xml）：“{{end}}”（第2段）与配对的“{{if .Flag}}”（第1段）不在同一层级，这样会生成损坏的文档（段落文字：“文字{{end}}”）。" + paraHint},
		{"inline if and end in different paragraphs", testDoc{body: P("甲{{if .Flag}}") + P("乙{{end}}")},
			pre + "第2段（word/document.xml）：“{{end}}”（第2段）与配对的“{{if .Flag}}”（第1段）不在同一层级，这样会生成损坏的文档（段落文字：“乙{{end}}”）。" + paraHint},
		{"control action next to a picture", testDoc{body: Praw(`<w:r><w:drawing/></w:r><w:r><w:t>{{range .Funds}}</w:t></w:r>`) + P("{{end}}")},
			pre + "第1段（word/document.xml）：“{{range .Funds}}”（第1段）与配对的“{{end}}”（第2段）不在同一层级，这样会生成损坏的文档（段落文字：“{{range .Funds}}”）。" + paraHint + "注意：第1段里除了文字还有图片、分页符、域、分节符或批注等内容，这样的段落不能整段去掉，请把控制动作放到单独的一段里。"},
		{"in a header", testDoc{body: P("x"), header: P("{{.Title"), footer: P("{{end}}")},
			"模板 templates/report.docx 页眉1第1段（word/header1.xml）：动作没有结束：“{{”之后缺少“}}”（段落文字：“{{.Title”）。一个动作必须写在同一段落里，请补上“}}”。\n" +
				"模板 templates/report.docx 页脚1第1段（word/footer1.xml）：多余的“{{end}}”：前面没有与它配对的 {{range}}、{{if}} 或 {{with}}（段落文字：“{{end}}”）。请删除这个 {{end}}，或补上对应的开头。"},
		{"long paragraph is shortened", testDoc{body: P(strings.Repeat("甲", 40) + "{{pecent .Rate}}" + strings.Repeat("乙", 40))},
			pre + "第1段（word/document.xml）：未知的函数“pecent”（段落文字：“……" + strings.Repeat("甲", 30) + "{{pecent .Rate}}" + strings.Repeat("乙", 30) + "……”）。是不是想写“percent”？可用的函数有：" + funcList + "。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("templates/report.docx", c.doc.build(t), nil)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Template != "templates/report.docx" || e.Paragraph == 0 || e.Path == "" {
				t.Errorf("not located: %#v", e)
			}
		})
	}
}

func TestParseReportsSeveralErrors(t *testing.T) {
	_, err := Parse("t.docx", testDoc{body: P("{{pecent .Rate}}") + P("{{amount .A .B)}}") + P("{{$y := 1}}{{$y}}{{foo}}")}.build(t), nil)
	var es Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	for i, want := range []string{"未知的函数“pecent”", "多余的右括号“)”", "未知的函数“foo”"} {
		if !strings.Contains(es[i].Msg, want) || es[i].Paragraph != i+1 {
			t.Errorf("error %d: %v", i, es[i])
		}
	}
}

func TestFileErrors(t *testing.T) {
	_, err := Parse("a.docx", []byte("not a zip"), nil)
	if err == nil || err.Error() != "模板 a.docx：不是有效的 .docx 文件：无法作为 zip 压缩包打开（.docx 都是 zip 格式），文件可能已损坏或只是改了扩展名。请确认文件是用 Word、WPS 或 LibreOffice 保存的 .docx 格式。" {
		t.Errorf("got %v", err)
	}
	m, names := unzip(t, testDoc{body: P("x")}.build(t))
	delete(m, "word/document.xml")
	var kept []string
	for _, n := range names {
		if n != "word/document.xml" {
			kept = append(kept, n)
		}
	}
	_, err = Parse("a.docx", rezip(t, m, kept), nil)
	if err == nil || err.Error() != "模板 a.docx：不是 Word 文档（缺少 word/document.xml）。请确认文件是 .docx 格式，而不是改了扩展名的其他文件。" {
		t.Errorf("got %v", err)
	}
	m, _ = unzip(t, testDoc{body: P("x")}.build(t))
	m["word/document.xml"] = []byte("<w:document><w:body></w:document>")
	_, err = Parse("a.docx", rezip(t, m, names), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "模板 a.docx 正文（word/document.xml）：不是合法的 XML（") {
		t.Errorf("got %v", err)
	}
	_, err = Parse("a.docx", testDoc{body: P("x")}.build(t), map[string]any{"bad": 3})
	if err == nil || !strings.Contains(err.Error(), "自定义函数不合法") {
		t.Errorf("got %v", err)
	}
}

type execData struct {
	report
	F   float64
	Ptr *fund
}

func TestExecuteErrors(t *testing.T) {
	const pre = "模板 templates/report.docx 正文"
	cases := []struct {
		name string
		doc  testDoc
		data any
		want string
	}{
		{"unknown field", testDoc{body: P("a") + P("名称：{{.Nmae}}")}, execData{report: sample()},
			pre + "第2段（word/document.xml）：数据里没有字段或方法“Nmae”（在类型“docx.execData”中）（段落文字：“名称：{{.Nmae}}”）。请检查字段名的拼写和大小写。"},
		{"unknown field inside a row loop", testDoc{body: Tbl(TRow("{{range .Funds}}", ""), TRow("{{.Name}}", "{{.Amout}}"), TRow("{{end}}", "")) + P("")}, sample(),
			pre + "第4段（word/document.xml）：数据里没有字段或方法“Amout”（在类型“docx.fund”中）（段落文字：“{{.Amout}}”）。请检查字段名的拼写和大小写。"},
		{"wrong argument count", testDoc{body: P("{{percent .Funds 2}}")}, sample(),
			pre + "第1段（word/document.xml）：函数“percent”的参数个数不对：需要 1 个，实际给了 2 个（段落文字：“{{percent .Funds 2}}”）。请检查函数的用法，例如 {{amount .金额}}、{{fixed .金额 2}}。"},
		{"float refused", testDoc{body: P("金额{{amount .F}}万元")}, execData{F: 1.5},
			pre + "第1段（word/document.xml）：函数“amount”出错：“amount”不接受浮点数（“float64”）：浮点数无法精确表示金额，请在数据里传入“decimal.Decimal”（段落文字：“金额{{amount .F}}万元”）。"},
		{"string for a decimal", testDoc{body: P("{{percent .Title}}")}, sample(),
			pre + "第1段（word/document.xml）：函数“percent”出错：“percent”需要“decimal.Decimal”或整数，收到的是“string”（2024年度资金报告），请在数据里传入“decimal.Decimal”（段落文字：“{{percent .Title}}”）。"},
		{"missing map key", testDoc{body: P("{{.Missing}}")}, map[string]any{},
			pre + "第1段（word/document.xml）：数据里没有名为“Missing”的项（段落文字：“{{.Missing}}”）。请检查名称的拼写和大小写。"},
		{"nil pointer", testDoc{body: P("{{.Ptr.Name}}")}, execData{},
			pre + "第1段（word/document.xml）：数据为空（nil），无法读取“Name”（段落文字：“{{.Ptr.Name}}”）。可以先用 {{with …}} 或 {{if …}} 判断数据是否存在。"},
		{"range over a string", testDoc{body: P("{{range .Title}}") + P("{{end}}")}, sample(),
			pre + "第1段（word/document.xml）：无法对“2024年度资金报告”做 {{range}} 循环：它不是列表（段落文字：“{{range .Title}}”）。{{range}} 后面应是列表（切片）、映射或整数。"},
		{"row-level range over a missing field", testDoc{body: Tbl(TRow("{{range .Fnds}}", ""), TRow("{{.Name}}", ""), TRow("{{end}}", "")) + P("")}, sample(),
			pre + "第1段（word/document.xml）：数据里没有字段或方法“Fnds”（在类型“docx.report”中）（段落文字：“{{range .Fnds}}”）。请检查字段名的拼写和大小写。"},
		{"in a footer", testDoc{body: P("x"), footer: P("第{{.Page}}页")}, sample(),
			"模板 templates/report.docx 页脚1第1段（word/footer1.xml）：数据里没有字段或方法“Page”（在类型“docx.report”中）（段落文字：“第{{.Page}}页”）。请检查字段名的拼写和大小写。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tp, err := Parse("templates/report.docx", c.doc.build(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			err = tp.Execute(&buf, c.data)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}
