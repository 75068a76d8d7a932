package docx

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// fuzzDoc turns arbitrary text into a template: lines become paragraphs (or,
// with mode&1, table rows whose cells are separated by '|'), and each
// paragraph's text is cut into runs every few runes, as Word does.
func fuzzDoc(t testing.TB, text string, mode uint8) []byte {
	text = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(text, ""))
	step := int(mode>>1)%5 + 1
	para := func(s string) string {
		rs := []rune(s)
		var runs []string
		for i := 0; i < len(rs); i += step {
			runs = append(runs, string(rs[i:min(i+step, len(rs))]))
		}
		return P(runs...)
	}
	var body strings.Builder
	lines := strings.Split(text, "\n")
	if mode&1 == 0 {
		for _, l := range lines {
			body.WriteString(para(l))
		}
	} else {
		width := 0
		for _, l := range lines {
			width = max(width, strings.Count(l, "|")+1)
		}
		var rows [][]string
		for _, l := range lines {
			cells := strings.Split(l, "|")
			row := make([]string, width)
			for i := range row {
				if i < len(cells) {
					row[i] = para(cells[i])
				} else {
					row[i] = `<w:p/>`
				}
			}
			rows = append(rows, row)
		}
		body.WriteString(Tbl(rows...) + P(""))
	}
	d := testDoc{body: body.String()}
	if mode&16 != 0 {
		d.header = para(strings.ReplaceAll(text, "\n", " "))
	}
	return d.build(t)
}

type fuzzData struct {
	S string
	L []string
	N int
	D decimal.Decimal
	B bool
	M map[string]string
	R []fuzzData
}

var fuzzTooBig = regexp.MustCompile(`[0-9]{3,}`)

func FuzzTemplate(f *testing.F) {
	seeds := []string{
		"{{.S}}",
		"a{{.S}}b{{.N}}c",
		"{{range .L}}\n{{.}}\n{{end}}",
		"{{range .L}}{{.}}{{end}}",
		"{{if .B}}是{{else}}否{{end}}",
		"{{if .B}}\n是\n{{else if .N}}\n否\n{{else}}\n无\n{{end}}",
		"{{range .R}}|{{.S}}|{{end}}",
		"{{range .R}}\n{{.S}}|{{amount .D}}\n{{end}}",
		"{{range .R}}{{.S}}|{{end}}",
		"{{range .L}}|x|\n|{{end}}|",
		"{{with .M}}{{.k}}{{end}}",
		"{{$x := .S}}{{$x}}",
		"{{/* c */}}\n{{.S}}",
		"{{- .S -}}",
		"{{",
		"}}",
		"{{}}",
		"{{end}}",
		"{{range .L}}",
		"{{else}}",
		"{{if .B}}\nx{{end}}",
		"{{pecent .D}}",
		"{{.Nope}}",
		"{{amount .S}}",
		"{{“x”}}{{‘y’}}",
		"{{printf `%s` .S}}",
		"{{rmb .D}}{{percent .D}}{{score .D}}{{cnNum .N}}",
		"{{join .L \"、\"}}",
		"{{\"{{\"}}",
		"<w:p>&amp;]]>",
		"{{range $i, $v := .L}}{{inc $i}}{{$v}}{{end}}",
		"{{if .B}}a|b{{end}}",
		"{{range .L}}a|{{end}}b",
	}
	values := []string{"", "<&>\"'", "]]></w:t>", "\x00\x01\n\t\r", "😀𠀀", "\xff"}
	for i, s := range seeds {
		f.Add(s, values[i%len(values)], uint8(i*7))
	}
	f.Fuzz(func(t *testing.T, text, value string, mode uint8) {
		if fuzzTooBig.MatchString(text) || strings.Count(text, "range") > 3 || len(text) > 2000 {
			t.Skip() // huge loops or padding would only test patience
		}
		tmpl := fuzzDoc(t, text, mode)
		tp, err := Parse("fuzz.docx", tmpl, nil)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || err.Error() == "" {
				t.Fatalf("Parse error is not an *Error: %#v", err)
			}
			if errors.Is(err, errInternal) {
				t.Fatalf("template %q mode %d: %v", text, mode, err)
			}
			return
		}
		data := fuzzData{
			S: value, L: []string{value, "x"}, N: 2, D: decimal.RequireFromString("12.345"), B: mode&32 != 0,
			M: map[string]string{"k": value},
			R: []fuzzData{{S: value, D: decimal.NewFromInt(1)}, {S: "y"}},
		}
		var buf bytes.Buffer
		if err := tp.Execute(&buf, data); err != nil {
			var e *Error
			if !errors.As(err, &e) || errors.Is(err, errInternal) {
				t.Fatalf("Execute error: %#v", err)
			}
			if buf.Len() != 0 {
				t.Fatal("output written despite an error")
			}
			return
		}
		if err := wellFormedParts(buf.Bytes()); err != nil {
			t.Fatalf("template %q value %q mode %d: %v", text, value, mode, err)
		}
		if _, err := Text(buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	})
}
