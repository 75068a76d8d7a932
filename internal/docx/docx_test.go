package docx

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

type fund struct {
	Name   string
	Amount decimal.Decimal
	Rate   decimal.Decimal
}

type report struct {
	Title string
	Funds []fund
	Names []string
	Flag  bool
	Level int
	Note  string
}

func sample() report {
	return report{
		Title: "2024年度资金报告",
		Funds: []fund{
			{"甲项目", decimal.RequireFromString("1352.20"), decimal.RequireFromString("0.8739203980")},
			{"乙项目", decimal.RequireFromString("2010"), decimal.RequireFromString("1")},
		},
		Names: []string{"张三", "李四"},
		Flag:  true,
		Level: 2,
	}
}

func TestSplitRuns(t *testing.T) {
	cases := []struct {
		name string
		body string
		want string
	}{
		{"three runs", P("标题：", "{{", ".Ti", "tle}}", "。"), "标题：2024年度资金报告。\n"},
		{"brace split", P("{", "{.Title}", "}"), "2024年度资金报告\n"},
		{"every rune its own run", P(strings.Split("[{{.Title}}]", "")...), "[2024年度资金报告]\n"},
		{"proofErr and bookmarks between runs", Praw(
			`<w:r><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>` +
				`<w:r w:rsidR="00112233"><w:t>.Title</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkEnd w:id="0"/><w:r><w:t>}}</w:t></w:r>`),
			"2024年度资金报告\n"},
		{"entities in action", Praw(`<w:r><w:t>{{if eq .Title &quot;x&quot;}}是{{else}}否{{end}}&lt;&amp;</w:t></w:r>`), "否<&\n"},
		{"curly quotes from AutoCorrect", P(`{{if eq .Title “2024年度资金报告”}}对{{else}}错{{end}}`, `，{{join .Names “、”}}`), "对，张三、李四\n"},
		{"curly quotes and full-width space", P(`{{join　.Names “，”}}`), "张三，李四\n"},
		{"raw string keeps curly quotes", P("{{printf `“%s”` .Title}}"), "“2024年度资金报告”\n"},
		{"several actions in one run", P("{{.Title}}|{{.Level}}|{{inc .Level}}"), "2024年度资金报告|2|3\n"},
		{"action spanning runs with multiple texts", Praw(`<w:r><w:t>{{.</w:t><w:t>Title</w:t></w:r><w:r><w:t>}}尾</w:t></w:r>`), "2024年度资金报告尾\n"},
		{"trim markers", P("A  {{- .Level -}}  B"), "A2B\n"},
		{"literal closing braces", P("}} {{.Level}} }}"), "}} 2 }}\n"},
		{"string literal with braces", P(`{{"{{x}}"}}`), "{{x}}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, txt := render(t, testDoc{body: c.body}.build(t), sample())
			if got := bodyText(txt); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestFirstRunFormattingWins(t *testing.T) {
	body := Praw(R(`<w:b/><w:color w:val="FF0000"/>`, "{{.Ti") + R(`<w:i/>`, "tle}}") + R(`<w:u w:val="single"/>`, "后"))
	out, txt := render(t, testDoc{body: body}.build(t), sample())
	if got := bodyText(txt); got != "2024年度资金报告后\n" {
		t.Fatalf("text %q", got)
	}
	doc := docXML(t, out)
	want := `<w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">2024年度资金报告</w:t></w:r>`
	if !strings.Contains(doc, want) {
		t.Errorf("first run's formatting lost:\n%s", doc)
	}
	if strings.Contains(doc, "<w:i/>") {
		t.Errorf("the emptied second run should be gone:\n%s", doc)
	}
	if !strings.Contains(doc, `<w:u w:val="single"/></w:rPr><w:t>后</w:t>`) {
		t.Errorf("untouched run changed:\n%s", doc)
	}
}

func TestParagraphLoop(t *testing.T) {
	body := P("前言") + P("{{range $i, $f := .Funds}}") + P("{{cnNum (inc $i)}}、", "{{$f.Name}}：", "{{amount $f.Amount}}万元") + P("  {{end}} ") + P("结尾")
	out, txt := render(t, testDoc{body: body}.build(t), sample())
	want := "前言\n一、甲项目：1352.2万元\n二、乙项目：2010万元\n结尾\n"
	if got := bodyText(txt); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := strings.Count(docXML(t, out), "<w:p>"); n != 4 {
		t.Errorf("%d paragraphs, want 4 (control paragraphs must vanish)", n)
	}
	_, txt = render(t, testDoc{body: body}.build(t), report{})
	if got := bodyText(txt); got != "前言\n结尾\n" {
		t.Errorf("empty loop: got %q", got)
	}
}

func TestSeveralControlActionsAloneInParagraph(t *testing.T) {
	body := P("{{/* 注释 */}}{{$n := len .Funds}}") + P("{{range .Funds}}{{if gt $n 1}}") + P("{{.Name}}") + P("{{end}}{{end}}") + P("共{{$n}}项")
	_, txt := render(t, testDoc{body: body}.build(t), sample())
	if got := bodyText(txt); got != "甲项目\n乙项目\n共2项\n" {
		t.Errorf("got %q", got)
	}
}

func TestRowLoopOwnRows(t *testing.T) {
	body := Tbl(
		TRow("项目", "金额", "执行率"),
		TRow("{{range .Funds}}", "", ""),
		TRow("{{.Name}}", "{{amount .Amount}}", "{{percent .Rate}}"),
		TRow("", "{{end}}", ""),
		TRow("合计", "", ""),
	)
	out, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
	want := "项目\t金额\t执行率\n甲项目\t1352.2\t87.39%\n乙项目\t2010\t100.00%\n合计\t\t\n\n"
	if got := bodyText(txt); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := strings.Count(docXML(t, out), "<w:tr>"); n != 4 {
		t.Errorf("%d rows, want 4", n)
	}
}

func TestRowLoopEdgeCells(t *testing.T) {
	t.Run("prefix and suffix", func(t *testing.T) {
		body := Tbl(
			TRow("项目", "金额"),
			TRow("{{range .Funds}}{{.Name}}", "{{amount .Amount}}{{end}}"),
		)
		_, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "项目\t金额\n甲项目\t1352.2\n乙项目\t2010\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("alone in first and last cell", func(t *testing.T) {
		body := Tbl(
			TRow("{{range .Funds}}", "{{.Name}}", "{{end}}"),
		)
		out, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "\t甲项目\t\n\t乙项目\t\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		// The emptied cells keep a paragraph each.
		if n := strings.Count(docXML(t, out), "<w:p>"); n != 6+1 {
			t.Errorf("%d paragraphs, want 7", n)
		}
	})
	t.Run("across rows", func(t *testing.T) {
		body := Tbl(
			TRow("{{range .Funds}}名称", "{{.Name}}"),
			TRow("金额", "{{amount .Amount}}{{end}}"),
		)
		_, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "名称\t甲项目\n金额\t1352.2\n名称\t乙项目\n金额\t2010\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("empty first and last cells", func(t *testing.T) {
		body := Tbl(
			TRow("", "{{range .Funds}}{{.Name}}", "{{amount .Amount}}{{end}}", ""),
		)
		_, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "\t甲项目\t1352.2\t\n\t乙项目\t2010\t\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("inline conditional in first cell stays in the cell", func(t *testing.T) {
		body := Tbl(TRow("{{if .Flag}}是{{else}}否{{end}}", "x"))
		_, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "是\tx\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("paragraph loop inside a cell", func(t *testing.T) {
		body := Tbl([]string{P("{{range .Names}}") + P("{{.}}") + P("{{end}}"), P("x")})
		_, txt := render(t, testDoc{body: body + P("")}.build(t), sample())
		if got, want := bodyText(txt), "张三 李四\tx\n\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestNestedLoops(t *testing.T) {
	type group struct {
		Title string
		Funds []fund
	}
	data := map[string]any{"Groups": []group{
		{"第一组", sample().Funds},
		{"第二组", sample().Funds[:1]},
	}}
	t.Run("rows within a paragraph loop", func(t *testing.T) {
		body := P("{{range .Groups}}") + P("{{.Title}}") +
			Tbl(TRow("{{range .Funds}}", ""), TRow("{{.Name}}", "{{amount .Amount}}"), TRow("{{end}}", "")) +
			P("{{end}}") + P("完")
		_, txt := render(t, testDoc{body: body}.build(t), data)
		want := "第一组\n甲项目\t1352.2\n乙项目\t2010\n第二组\n甲项目\t1352.2\n完\n"
		if got := bodyText(txt); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("loop within a loop", func(t *testing.T) {
		body := P("{{range $g := .Groups}}") + P("{{$g.Title}}：") + P("{{range $g.Funds}}") + P("- {{.Name}}（{{$g.Title}}）") + P("{{end}}") + P("{{end}}")
		_, txt := render(t, testDoc{body: body}.build(t), data)
		want := "第一组：\n- 甲项目（第一组）\n- 乙项目（第一组）\n第二组：\n- 甲项目（第二组）\n"
		if got := bodyText(txt); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("inline loop within a row loop", func(t *testing.T) {
		body := Tbl(TRow("{{range .Groups}}{{.Title}}", "{{range $i, $f := .Funds}}{{if $i}}、{{end}}{{$f.Name}}{{end}}{{end}}"))
		_, txt := render(t, testDoc{body: body + P("")}.build(t), data)
		want := "第一组\t甲项目、乙项目\n第二组\t甲项目\n\n"
		if got := bodyText(txt); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestConditionals(t *testing.T) {
	body := P("{{if eq .Level 1}}") + P("一级") + P("{{else if eq .Level 2}}") + P("二级") + P("{{else}}") + P("其他") + P("{{end}}") +
		P("{{with .Note}}") + P("备注：{{.}}") + P("{{else}}") + P("无备注") + P("{{end}}")
	for _, c := range []struct {
		level int
		note  string
		want  string
	}{
		{1, "", "一级\n无备注\n"},
		{2, "注意", "二级\n备注：注意\n"},
		{3, "", "其他\n无备注\n"},
	} {
		_, txt := render(t, testDoc{body: body}.build(t), report{Level: c.level, Note: c.note})
		if got := bodyText(txt); got != c.want {
			t.Errorf("level %d: got %q, want %q", c.level, got, c.want)
		}
	}
}

func TestInlineConditional(t *testing.T) {
	t.Run("one run", func(t *testing.T) {
		body := P("是否完成：{{if .Flag}}是{{else}}否{{end}}。")
		for _, flag := range []bool{true, false} {
			_, txt := render(t, testDoc{body: body}.build(t), report{Flag: flag})
			want := map[bool]string{true: "是否完成：是。\n", false: "是否完成：否。\n"}[flag]
			if got := bodyText(txt); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		}
	})
	t.Run("differently formatted runs", func(t *testing.T) {
		body := Praw(R(`<w:b/>`, "结论：{{if .Flag}}") + R(`<w:color w:val="00FF00"/>`, "合格") + R(`<w:i/>`, "{{else}}") +
			R(`<w:color w:val="FF0000"/>`, "不合格") + R(`<w:b/>`, "{{end}}。"))
		for _, flag := range []bool{true, false} {
			out, txt := render(t, testDoc{body: body}.build(t), report{Flag: flag})
			want := map[bool]string{true: "结论：合格。\n", false: "结论：不合格。\n"}[flag]
			if got := bodyText(txt); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			doc := docXML(t, out)
			if flag && !strings.Contains(doc, `<w:color w:val="00FF00"/></w:rPr><w:t>合格</w:t>`) {
				t.Errorf("formatting of the branch lost:\n%s", doc)
			}
			if flag && strings.Contains(doc, "FF0000") {
				t.Errorf("else branch present:\n%s", doc)
			}
		}
	})
}

func TestEscaping(t *testing.T) {
	values := []string{
		`a<b & c>d "q" 'a'`,
		`]]> <w:p> </w:t><w:r>`,
		"控制\x00\x01\x08\x0b\x0c\x1b\x7f字符",
		"emoji 😀👨‍👩‍👧 and 𠀀𪚥",
		"bad utf8 \xff\xfe end",
		"\ufffe\uffff",
		"&amp; &lt;",
	}
	for _, v := range values {
		out, txt := render(t, testDoc{body: P("[{{.}}]") + P("{{printf `%s|%s` . .}}")}.build(t), v)
		want := strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' {
				return -1
			}
			if r == 0xFFFE || r == 0xFFFF {
				return 0xFFFD
			}
			return r
		}, strings.ToValidUTF8(v, "\uFFFD"))
		if v == "bad utf8 \xff\xfe end" {
			want = "bad utf8 \uFFFD\uFFFD end"
		}
		if got := bodyText(txt); got != "["+want+"]\n"+want+"|"+want+"\n" {
			t.Errorf("value %q: got %q, want %q", v, got, want)
		}
		if strings.Contains(docXML(t, out), "<w:p> ") {
			t.Errorf("markup leaked")
		}
	}
}

func TestNewlinesAndTabs(t *testing.T) {
	out, txt := render(t, testDoc{body: P("{{.}}")}.build(t), "第一行\n第二行\r\n第三行\r第四行\t列")
	if got, want := bodyText(txt), "第一行\n第二行\n第三行\n第四行\t列\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	doc := docXML(t, out)
	if strings.Count(doc, "<w:br/>") != 3 || strings.Count(doc, "<w:tab/>") != 1 {
		t.Errorf("breaks/tabs missing:\n%s", doc)
	}
}

func TestPreserveAdded(t *testing.T) {
	out, _ := render(t, testDoc{body: Praw(`<w:r><w:t>{{.}}</w:t></w:r><w:r><w:t xml:space="default">x{{.}}</w:t></w:r>`)}.build(t), "  spaced  ")
	doc := docXML(t, out)
	if strings.Count(doc, `<w:t xml:space="preserve">  spaced  </w:t>`) != 1 || !strings.Contains(doc, `<w:t xml:space="preserve">x  spaced  </w:t>`) {
		t.Errorf("xml:space not set:\n%s", doc)
	}
}

func TestHeaderFooter(t *testing.T) {
	d := testDoc{
		body:   P("{{.Title}}"),
		header: P("{{.Title}}", " 第{{.Level}}版"),
		footer: P("{{if .Flag}}内部资料{{end}}") + P("{{range .Names}}") + P("{{.}}") + P("{{end}}"),
		core:   true,
	}
	_, txt := render(t, d.build(t), sample())
	want := "【页眉1】\n2024年度资金报告 第2版\n【正文】\n2024年度资金报告\n【页脚1】\n内部资料\n张三\n李四\n"
	if txt != want {
		t.Errorf("got %q, want %q", txt, want)
	}
	// A footer that loses all its paragraphs keeps one.
	d.footer = P("{{range .Names}}") + P("{{end}}")
	out, _ := render(t, d.build(t), sample())
	m, _ := unzip(t, out)
	if !strings.Contains(string(m["word/footer1.xml"]), "<w:p>") {
		t.Errorf("footer without paragraph:\n%s", m["word/footer1.xml"])
	}
}

func TestCopiedEntriesAndOrder(t *testing.T) {
	tmpl := testDoc{body: P("{{.Title}}"), header: P("h"), core: true}.build(t)
	out, _ := render(t, tmpl, sample())
	in, inNames := unzip(t, tmpl)
	got, gotNames := unzip(t, out)
	if strings.Join(inNames, ",") != strings.Join(gotNames, ",") {
		t.Fatalf("entry order changed: %v vs %v", inNames, gotNames)
	}
	for name, b := range in {
		if name == "word/document.xml" {
			continue
		}
		if !bytes.Equal(b, got[name]) {
			t.Errorf("%s changed", name)
		}
	}
}

func TestLiteralBracesOutsideText(t *testing.T) {
	// "{{" in a field code or attribute is not an action.
	body := Praw(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD {{x}} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		`<w:p><w:pPr><w:pStyle w:val="{{y}}"/></w:pPr><w:r><w:t>{{.Level}}</w:t></w:r></w:p>`
	out, txt := render(t, testDoc{body: body}.build(t), sample())
	doc := docXML(t, out)
	if !strings.Contains(doc, "MERGEFIELD {{x}} ") || !strings.Contains(doc, `w:val="{{y}}"`) || bodyText(txt) != "\n2\n" {
		t.Errorf("literal braces changed:\n%s", doc)
	}
}

func TestOtherPrefix(t *testing.T) {
	tmpl := testDoc{body: P("x")}.build(t)
	m, names := unzip(t, tmpl)
	doc := `<?xml version="1.0"?><ns:document xmlns:ns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns:body>` +
		`<ns:p><ns:r><ns:t>{{range .}}</ns:t></ns:r></ns:p><ns:p><ns:r><ns:t>{{.}}</ns:t></ns:r></ns:p><ns:p><ns:r><ns:t>{{end}}</ns:t></ns:r></ns:p></ns:body></ns:document>`
	m["word/document.xml"] = []byte(doc)
	tmpl = rezip(t, m, names)
	_, txt := render(t, tmpl, []string{"a\nb", "c"})
	if got := bodyText(txt); got != "a\nb\nc\n" {
		t.Errorf("got %q", got)
	}
}

func TestDecimalAndStringer(t *testing.T) {
	d := decimal.RequireFromString("96.497498")
	data := map[string]any{"D": d, "P": &d, "F": 1.5, "N": nil}
	_, txt := render(t, testDoc{body: P("{{.D}}|{{.P}}|{{amount .P}}|{{.F}}|[{{.N}}]")}.build(t), data)
	if got := bodyText(txt); got != "96.497498|96.497498|96.497498|1.5|[]\n" {
		t.Errorf("got %q", got)
	}
}

func TestCallerFuncs(t *testing.T) {
	tp, err := Parse("t", testDoc{body: P("{{shout .}}|{{amount .}}")}.build(t), map[string]any{
		"shout":  strings.ToUpper,
		"amount": func(s string) string { return "金额" + s },
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tp.Execute(&buf, "abc"); err != nil {
		t.Fatal(err)
	}
	txt, _ := Text(buf.Bytes())
	if got := bodyText(txt); got != "ABC|金额abc\n" {
		t.Errorf("got %q", got)
	}
}

func TestTextExtraction(t *testing.T) {
	body := P("第一段") + Praw(`<w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:tab/><w:t>丙</w:t></w:r>`) +
		Tbl(TRow("a", "b"), []string{P("c1") + P("c2"), Tbl(TRow("x", "y"))}) +
		Praw(`<w:r><w:delText>删掉的</w:delText></w:r><w:r><w:t>留下</w:t></w:r>`) + P("")
	txt, err := Text(testDoc{body: body, header: P("页眉文字"), footer: P("")}.build(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "【页眉1】\n页眉文字\n【正文】\n第一段\n甲\n乙\t丙\na\tb\nc1 c2\tx y\n留下\n\n"
	if txt != want {
		t.Errorf("got %q, want %q", txt, want)
	}
}

func TestExecuteConcurrent(t *testing.T) {
	tp, err := Parse("t", testDoc{body: P("{{range .Funds}}") + P("{{.Name}}{{percent .Rate}}") + P("{{end}}")}.build(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	var first []byte
	done := make(chan []byte)
	for i := 0; i < 8; i++ {
		go func() {
			var buf bytes.Buffer
			if err := tp.Execute(&buf, sample()); err != nil {
				t.Error(err)
			}
			done <- buf.Bytes()
		}()
	}
	for i := 0; i < 8; i++ {
		b := <-done
		if first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Error("concurrent executions differ")
		}
	}
}

var reRun = regexp.MustCompile(`<w:r[ >]`)

func TestRunSplitCount(t *testing.T) {
	// Control actions in one w:t stay inside it: no extra runs.
	out, _ := render(t, testDoc{body: P("{{if .Flag}}是{{else}}否{{end}}")}.build(t), sample())
	if n := len(reRun.FindAllString(docXML(t, out), -1)); n != 1 {
		t.Errorf("%d runs, want 1", n)
	}
}

func TestTextBoxAndFootnotes(t *testing.T) {
	tmpl := testDoc{body: `<w:p><w:r><w:t xml:space="preserve">外{{.Level}} </w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` +
		P("{{range .Names}}") + P("框{{.}}") + P("{{end}}") +
		`</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>{{if .Flag}}尾{{end}}</w:t></w:r></w:p>`}.build(t)
	m, names := unzip(t, tmpl)
	m["word/footnotes.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ` + docNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">` + P("注：{{.Title}}") + `</w:footnote></w:footnotes>`)
	names = append(names, "word/footnotes.xml")
	out, txt := render(t, rezip(t, m, names), sample())
	want := "【正文】\n框张三\n框李四\n外2 尾\n【脚注】\n\n注：2024年度资金报告\n"
	if txt != want {
		t.Errorf("got %q, want %q", txt, want)
	}
	if !strings.Contains(docXML(t, out), "<w:txbxContent><w:p><w:pPr>") {
		t.Errorf("text box paragraphs missing:\n%s", docXML(t, out))
	}
}

func TestPageBreakParagraphKept(t *testing.T) {
	// A paragraph with a page break is never dropped; an inline conditional
	// in it still works.
	body := Praw(`<w:r><w:br w:type="page"/></w:r><w:r><w:t>{{if .Flag}}有{{end}}</w:t></w:r>`) + P("后")
	out, txt := render(t, testDoc{body: body}.build(t), sample())
	if got := bodyText(txt); got != "\n有\n后\n" || !strings.Contains(docXML(t, out), `<w:br w:type="page"/>`) {
		t.Errorf("got %q\n%s", got, docXML(t, out))
	}
}
