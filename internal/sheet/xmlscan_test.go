package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// tokens renders every token of doc, read one byte at a time so that every
// token crosses a buffer refill.
func tokens(doc string) (string, error) {
	s := newXMLScanner(iotest.OneByteReader(strings.NewReader(doc)), maxToken)
	s.buf = make([]byte, 4) // refill constantly
	var out []string
	for s.next() {
		switch s.kind {
		case tokStart:
			t := "<" + string(s.name)
			if v, ok := s.attr("r"); ok {
				t += " r=" + string(v)
			}
			if s.empty {
				t += "/"
			}
			out = append(out, t+">")
		case tokEnd:
			out = append(out, "</"+string(s.name)+">")
		case tokText:
			out = append(out, fmt.Sprintf("%q", s.text))
		}
	}
	return strings.Join(out, " "), s.err
}

func TestScannerTokens(t *testing.T) {
	got, err := tokens(`<?xml version="1.0"?><!-- 注释 --><a:ws xmlns:a="u"><row r="1" x='a>b' y="&quot;"><c r="A&amp;1"/>文&lt;本&#x4E2D;&#25991;<![CDATA[<&>]]></row></a:ws>`)
	if err != nil {
		t.Fatal(err)
	}
	want := `<ws> <row r=1> <c r=A&1/> "文<本中文" "<&>" </row> </ws>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestScannerRefusesMalformedXML(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`<a><b></a>`, "标记不配对（“</a>”）"},
		{`<a>`, "内容不完整（在元素中间结束）"},
		{`<a x="1`, "内容不完整（在元素中间结束）"},
		{`<a><!-- 没有结束`, "内容不完整（在元素中间结束）"},
		{`<a><![CDATA[ 没有结束`, "内容不完整（在元素中间结束）"},
		{`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, "含有文档类型声明（<!DOCTYPE>），Excel 文件中不应有"},
		{`<a>&#0;</a>`, "有无效的字符引用“&#0;”"},
		{`<a>&amp</a>`, "有不完整的字符引用（& 之后缺少 ;）"},
		{`</a>`, "标记不配对（“</a>”）"},
		{`<>`, "有没有名字的元素"},
	} {
		_, err := tokens(c.doc)
		var xe *errXML
		if !errors.As(err, &xe) || xe.msg != c.want {
			t.Errorf("%s: %v, want %s", c.doc, err, c.want)
		}
	}
}

// TestScannerIsLinearAtTheTokenLimit feeds tokens of almost maxToken bytes
// one byte at a time, the worst case for the refill: each byte is looked at
// a bounded number of times, so this takes milliseconds (a scanner that
// rescanned a token on every refill would take hours). A token over the
// limit is refused.
func TestScannerIsLinearAtTheTokenLimit(t *testing.T) {
	n := maxToken - 64
	long := strings.Repeat("文", n/3)
	for _, doc := range []string{
		"<v>" + long + "</v>",
		`<c a="` + long + `"/>`,
		"<!--" + long + "-->",
		"<v><![CDATA[" + long + "]]></v>",
	} {
		start := time.Now()
		s := newXMLScanner(iotest.OneByteReader(strings.NewReader(doc)), maxToken)
		for s.next() {
		}
		if s.err != nil {
			t.Errorf("%s…: %v", doc[:12], s.err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s…: %v for %d bytes", doc[:12], d, len(doc))
		}
	}
	s := newXMLScanner(strings.NewReader(`<c a="`+strings.Repeat("x", maxToken)+`"/>`), maxToken)
	for s.next() {
	}
	if !errors.Is(s.err, errTokenTooLong) {
		t.Errorf("a token over the limit: %v", s.err)
	}
}

func FuzzScanner(f *testing.F) {
	f.Add([]byte(`<a x="1"><b>t&amp;</b><![CDATA[x]]><!--c--><?p?></a>`))
	f.Add([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		s := newXMLScanner(bytes.NewReader(doc), 1<<12)
		n := 0
		for s.next() {
			if n++; n > len(doc)+1 {
				t.Fatalf("%d tokens from %d bytes", n, len(doc))
			}
			s.attr("r")
		}
	})
}

// FuzzSheet reads workbooks whose worksheet XML is arbitrary: any problem
// is a diagnostic, never a panic.
func FuzzSheet(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c></row>`, `<mergeCells><mergeCell ref="A1:B2"/></mergeCells>`)
	f.Add(`<row r="2" hidden="1"><c r="C2" t="e"><v>#REF!</v></c><c r="D2"><f>1</f></c></row>`, ``)
	f.Fuzz(func(t *testing.T, rows, tail string) {
		data := book{strings: []string{"甲"}, sheets: []bookSheet{{name: "S", rows: rows, tail: tail}}}.bytes(t)
		r := &reader{path: "f.xlsx", o: Options{HeaderRow: 1}, each: func(r Row) {
			for _, c := range r.Cells {
				Number(c)
			}
		}}
		r.content(XLSX, data)
	})
}
