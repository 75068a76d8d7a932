package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// repoRoot is the module root, found from this file's location.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// loadYear loads and computes a year's data directory, failing on errors.
func loadYear(t testing.TB, dir string) *calc.Result {
	t.Helper()
	y, ds := fund.Load(dir)
	if len(ds.Errors()) > 0 || y == nil {
		t.Fatalf("loading %s: %v", dir, ds)
	}
	return calc.Compute(y)
}

func result2019(t testing.TB) *calc.Result {
	return loadYear(t, filepath.Join(repoRoot(t), "internal", "testdata", "seed", "2019"))
}

// book is a built workbook opened for reading.
type book struct {
	t testing.TB
	f *excelize.File
}

func openBook(t testing.TB, b []byte) *book {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot read the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return &book{t, f}
}

// rows are a sheet's cached values, unformatted.
func (b *book) rows(sheet string) [][]string {
	b.t.Helper()
	rows, err := b.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		b.t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// value is a cell's cached value, unformatted.
func (b *book) value(sheet, cell string) string {
	b.t.Helper()
	v, err := b.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		b.t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

// shown is a cell's value as its number format shows it.
func (b *book) shown(sheet, cell string) string {
	b.t.Helper()
	v, err := b.f.GetCellValue(sheet, cell)
	if err != nil {
		b.t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func (b *book) formula(sheet, cell string) string {
	b.t.Helper()
	v, err := b.f.GetCellFormula(sheet, cell)
	if err != nil {
		b.t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

// findRow is the 1-based row whose cell in column col (1-based) is text.
func findRow(t testing.TB, rows [][]string, col int, text string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) >= col && r[col-1] == text {
			return i + 1
		}
	}
	t.Fatalf("no row with %q in column %d", text, col)
	return 0
}

// wantNum checks that got is the number want, e.g. "95.41" = "95.410".
func wantNum(t testing.TB, what, got, want string) {
	t.Helper()
	g, err := decimal.NewFromString(strings.ReplaceAll(got, ",", ""))
	if err != nil {
		t.Errorf("%s = %q, not a number (want %s)", what, got, want)
		return
	}
	if !g.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// xmlCell is one cell of a sheet's XML.
type xmlCell struct {
	Ref     string `xml:"r,attr"`
	Type    string `xml:"t,attr"`
	Formula string `xml:"f"`
	Value   string `xml:"v"`
}

// sheetXML reads the cells of every worksheet part straight from the
// package, by sheet name, to see what excelize's reader might smooth over.
func sheetXML(t testing.TB, b []byte) map[string]map[string]xmlCell {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		for _, zf := range zr.File {
			if zf.Name == name {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				data, err := io.ReadAll(rc)
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
		}
		t.Fatalf("no part %s", name)
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]xmlCell{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			var ws struct {
				Cells []xmlCell `xml:"sheetData>row>c"`
			}
			if err := xml.Unmarshal(read("xl/"+strings.TrimPrefix(r.Target, "/xl/")), &ws); err != nil {
				t.Fatal(err)
			}
			cells := map[string]xmlCell{}
			for _, c := range ws.Cells {
				cells[c.Ref] = c
			}
			out[s.Name] = cells
		}
	}
	return out
}

// wantMerges checks that the sheet merges (at least) the given ranges.
func (bk *book) wantMerges(t *testing.T, sheet string, want ...string) {
	t.Helper()
	merged, err := bk.f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, w := range want {
		if !slices.Contains(refs, w) {
			t.Errorf("%s merges %v, want %s among them", sheet, refs, w)
		}
	}
}

// rowBreaks lists the rows after which worksheet n (sheetN.xml) starts a
// new printed page.
func rowBreaks(t testing.TB, b []byte, n int) []int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet"+strconv.Itoa(n)+".xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var ws struct {
			Breaks []struct {
				ID int `xml:"id,attr"`
			} `xml:"rowBreaks>brk"`
		}
		if err := xml.NewDecoder(rc).Decode(&ws); err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, br := range ws.Breaks {
			out = append(out, br.ID)
		}
		return out
	}
	t.Fatalf("no worksheet %d", n)
	return nil
}
