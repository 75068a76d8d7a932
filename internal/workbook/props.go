package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// docProps are the document properties written to docProps/core.xml. There
// is deliberately no date: a build time would make every regeneration
// differ, and a made-up date would be wrong. Nor is there an application
// name: the workbook is the bureau's, not a library's.
type docProps struct {
	title   string
	subject string
	creator string // the department, or empty
}

// zipTime is the modification time of every zip entry. A fixed UTC time
// keeps the archive independent of the clock and the local time zone; it is
// the earliest time a zip (MS-DOS) timestamp can hold.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// finish rewrites the package excelize produced so that it is
// byte-for-byte reproducible: entries in a fixed order (excelize writes
// streamed sheets in map order) with a fixed time, and our own document
// properties instead of excelize's (creator "xuri", application
// "Go Excelize", dates of 2006).
func finish(pkg []byte, p docProps) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if _, dup := parts[zf.Name]; dup {
			return nil, fmt.Errorf("工作簿中重复的部件 %s", zf.Name)
		}
		parts[zf.Name] = b
		names = append(names, zf.Name)
	}
	for n, b := range parts {
		if strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") {
			parts[n] = fixDimension(b)
		}
	}
	parts["docProps/core.xml"] = coreXML(p)
	parts["docProps/app.xml"] = []byte(xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TotalTime>0</TotalTime></Properties>`)
	for _, n := range []string{"docProps/core.xml", "docProps/app.xml"} {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(partKey(a), partKey(b)) })

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(parts[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// partOrder puts the parts a reader looks for first at the front, in the
// order Excel itself writes them.
var partOrder = []string{
	"[Content_Types].xml",
	"_rels/.rels",
	"docProps/app.xml",
	"docProps/core.xml",
	"xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
	"xl/styles.xml",
	"xl/theme/theme1.xml",
}

var digits = regexp.MustCompile(`[0-9]+`)

// partKey sorts the known parts first, then the rest by name with numbers
// compared as numbers (sheet2 before sheet10).
func partKey(name string) string {
	if i := slices.Index(partOrder, name); i >= 0 {
		return fmt.Sprintf("0%02d", i)
	}
	return "1" + digits.ReplaceAllStringFunc(name, func(d string) string {
		return fmt.Sprintf("%010s", d)
	})
}

func coreXML(p docProps) []byte {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(tag, text string) {
		if text == "" {
			return
		}
		b.WriteString("<" + tag + ">")
		_ = xml.EscapeText(&b, []byte(text))
		b.WriteString("</" + tag + ">")
	}
	elem("dc:title", p.title)
	elem("dc:subject", p.subject)
	elem("dc:creator", p.creator)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

var (
	dimensionRe = regexp.MustCompile(`<dimension ref="[^"]*"`)
	cellRefRe   = regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"`)
)

// fixDimension writes the used range into a streamed sheet's <dimension>,
// which the stream writer leaves at "A1"; some readers trust it to know how
// much of the sheet to read.
func fixDimension(ws []byte) []byte {
	maxCol, maxRow := 0, 0
	for _, m := range cellRefRe.FindAllSubmatch(ws, -1) {
		col, err := excelize.ColumnNameToNumber(string(m[1]))
		if err != nil {
			continue
		}
		row, err := strconv.Atoi(string(m[2]))
		if err != nil {
			continue
		}
		maxCol, maxRow = max(maxCol, col), max(maxRow, row)
	}
	if maxCol == 0 {
		return ws
	}
	dim := fmt.Sprintf(`<dimension ref="A1:%s"`, cellName(maxCol, maxRow))
	loc := dimensionRe.FindIndex(ws)
	if loc == nil {
		return ws
	}
	out := append([]byte{}, ws[:loc[0]]...)
	out = append(out, dim...)
	return append(out, ws[loc[1]:]...)
}
