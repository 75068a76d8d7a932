package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/diag"
)

// book describes a workbook written by hand, so that a test controls every
// byte of the XML: formulas without results, error values, hidden rows,
// merged cells, prefixes.
type book struct {
	sheets  []bookSheet
	strings []string // shared strings
	styles  string   // xl/styles.xml; a default one when empty
}

type bookSheet struct {
	name string
	rows string // the XML inside <sheetData>
	tail string // XML after </sheetData> (<mergeCells>)
}

const defaultStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="4"/></cellXfs>
</styleSheet>`

// bytes builds the .xlsx.
func (b book) bytes(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`)
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range b.sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlEscape(s.name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
			s.rows+`</sheetData>`+s.tail+`</worksheet>`)
	}
	wb.WriteString(`</sheets></workbook>`)
	n := len(b.sheets)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+1)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+2)
	rels.WriteString(`</Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	var sst strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">`, len(b.strings))
	for _, s := range b.strings {
		sst.WriteString("<si><t>" + xmlEscape(s) + "</t></si>")
	}
	sst.WriteString("</sst>")
	put("xl/sharedStrings.xml", sst.String())
	styles := b.styles
	if styles == "" {
		styles = defaultStyles
	}
	put("xl/styles.xml", styles)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }

// writeFile writes data to name in a temporary directory.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll reads a file, keeping a copy of every row.
func readAll(t testing.TB, path string, o Options) (*Source, []Row, diag.List) {
	t.Helper()
	var rows []Row
	src, ds := Read(path, o, func(r Row) {
		rows = append(rows, Row{Num: r.Num, Cells: append([]Cell(nil), r.Cells...)})
	})
	return src, rows, ds
}

// texts renders rows as num:cell|cell lines, kinds marked for non-text.
func texts(rows []Row) []string {
	var out []string
	for _, r := range rows {
		var cs []string
		for _, c := range r.Cells {
			switch c.Kind {
			case Blank:
				cs = append(cs, "")
			case Text:
				cs = append(cs, c.Text)
			case Numeric:
				cs = append(cs, "n:"+c.Text)
			case Date:
				cs = append(cs, "d:"+c.Text)
			case Bool:
				cs = append(cs, "b:"+c.Text)
			case Error:
				cs = append(cs, "e:"+c.Text)
			case NoValue:
				cs = append(cs, "f:")
			}
		}
		out = append(out, fmt.Sprintf("%d:%s", r.Num, strings.Join(cs, "|")))
	}
	return out
}

// diagStrings renders diagnostics as the CLI prints them.
func diagStrings(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func equalStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
