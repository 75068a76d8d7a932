package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"ipfund/internal/limits"
)

const docNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// testDoc describes a minimal .docx; empty header/footer means none.
type testDoc struct {
	body   string // inner XML of w:body, before the sectPr
	header string // inner XML of w:hdr
	footer string // inner XML of w:ftr
	core   bool   // add docProps/core.xml
}

const coreXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>测试模板</dc:title><dc:creator>张三</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T07:08:09Z</dcterms:created></cp:coreProperties>`

// build makes the .docx bytes.
func (d testDoc) build(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`
	if d.header != "" {
		ct += `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
	}
	if d.footer != "" {
		ct += `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
	}
	if d.core {
		ct += `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`
	}
	ct += `</Types>`
	add("[Content_Types].xml", ct)
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>`
	if d.core {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`
	}
	add("_rels/.rels", rels+`</Relationships>`)
	sect := `<w:sectPr>`
	docRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	if d.header != "" {
		docRels += `<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`
		sect += `<w:headerReference w:type="default" r:id="rId10"/>`
	}
	if d.footer != "" {
		docRels += `<Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`
		sect += `<w:footerReference w:type="default" r:id="rId11"/>`
	}
	sect += `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document `+docNS+`><w:body>`+d.body+sect+`</w:body></w:document>`)
	add("word/_rels/document.xml.rels", docRels+`</Relationships>`)
	if d.header != "" {
		add("word/header1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr `+docNS+`>`+d.header+`</w:hdr>`)
	}
	if d.footer != "" {
		add("word/footer1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr `+docNS+`>`+d.footer+`</w:ftr>`)
	}
	if d.core {
		add("docProps/core.xml", coreXML)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xesc escapes text for XML, dropping what XML cannot hold.
func xesc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// P is a paragraph with one run per text: a run is split wherever the test
// wants Word-like fragmentation.
func P(runs ...string) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:jc w:val="left"/></w:pPr>`)
	for i, r := range runs {
		b.WriteString(`<w:r w:rsidR="00A1B2C` + string(rune('0'+i%10)) + `"><w:t xml:space="preserve">` + xesc(r) + `</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// Praw is a paragraph with raw inner XML.
func Praw(inner string) string { return `<w:p>` + inner + `</w:p>` }

// R is a run with raw run properties and text.
func R(rpr, text string) string {
	return `<w:r><w:rPr>` + rpr + `</w:rPr><w:t>` + xesc(text) + `</w:t></w:r>`
}

// Tbl builds a table; each row is a list of cells, each cell a list of paragraphs (raw XML).
func Tbl(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for range rows[0] {
		b.WriteString(`<w:gridCol w:w="2000"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.WriteString(`<w:tr>`)
		for _, c := range r {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>` + c + `</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// TRow is a table row whose cells each hold one paragraph with the given text.
func TRow(cells ...string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c == "" {
			out[i] = `<w:p/>`
		} else {
			out[i] = P(c)
		}
	}
	return out
}

// unzip returns the entries of a zip by name, and the names in order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		b, err := readEntry(f, limits.OutputPart)
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name] = b
		names = append(names, f.Name)
	}
	return m, names
}

// checkParts fails unless every filled-in part of the docx is well-formed XML.
func checkParts(t testing.TB, data []byte) {
	t.Helper()
	if err := wellFormedParts(data); err != nil {
		t.Fatal(err)
	}
}

func wellFormedParts(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		b, err := readEntry(f, limits.OutputPart)
		if err != nil {
			return err
		}
		if err := checkWellFormed(b); err != nil {
			return errors.New(f.Name + ": " + err.Error() + "\n" + string(b))
		}
	}
	return nil
}

// render parses and executes, checks well-formedness and returns the output
// and its text.
func render(t testing.TB, tmpl []byte, data any) ([]byte, string) {
	t.Helper()
	tp, err := Parse("test.docx", tmpl, nil)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var buf bytes.Buffer
	if err := tp.Execute(&buf, data); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	checkParts(t, buf.Bytes())
	txt, err := Text(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), txt
}

// body returns the text lines of the body only.
func bodyText(txt string) string {
	i := strings.Index(txt, "【正文】\n")
	if i < 0 {
		return txt
	}
	txt = txt[i+len("【正文】\n"):]
	if j := strings.Index(txt, "\n【"); j >= 0 {
		txt = txt[:j+1]
	}
	return txt
}

func docXML(t testing.TB, data []byte) string {
	t.Helper()
	m, _ := unzip(t, data)
	return string(m["word/document.xml"])
}

// rezip writes entries in the given order.
func rezip(t testing.TB, m map[string][]byte, names []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
