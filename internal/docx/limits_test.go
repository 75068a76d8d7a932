package docx

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestHugeLoopIsRefusedNotRun(t *testing.T) {
	tmpl := testDoc{body: P("{{range .}}") + P("一行很长的文字，用来让输出迅速变大……………………………………………………") + P("{{end}}")}.build(t)
	tp, err := Parse("t.docx", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = tp.Execute(&buf, 5_000_000)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "填充后的内容超过 256 MB 的上限") || !strings.Contains(e.Hint, "循环次数过多") {
		t.Fatalf("got %v", err)
	}
	if buf.Len() != 0 {
		t.Error("output written")
	}
}

func TestOversizedTemplateIsRefused(t *testing.T) {
	_, err := Parse("big.docx", make([]byte, MaxTemplateSize+1), nil)
	if err == nil || !strings.Contains(err.Error(), "模板文件过大（50 MB，上限 50 MB）") {
		t.Fatalf("got %v", err)
	}
}
