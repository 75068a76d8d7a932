package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/figures"
	"ipfund/internal/tomlx"
)

// cellNumbers lists the numbers stored in a workbook's cells (<v> of cells
// without a text type), as their exact text.
func cellNumbers(t *testing.T, xlsx []byte) map[string]bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := f.Open()
		d := xml.NewDecoder(rc)
		var typ string
		inV := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				switch tok.Name.Local {
				case "c":
					typ = ""
					for _, a := range tok.Attr {
						if a.Name.Local == "t" {
							typ = a.Value
						}
					}
				case "v":
					inV = typ == ""
				}
			case xml.EndElement:
				inV = false
			case xml.CharData:
				if inV {
					out[string(tok)] = true
				}
			}
		}
		rc.Close()
	}
	return out
}

// amountKeys are the figures.toml amounts the scoring workbook holds.
var amountKeys = []string{"预算总额", "预算", "实际到位", "实际支出"}

// TestEveryAmountIsStoredExactly: each amount of figures.toml stands in
// the workbook as the very same decimal text, never the text of a nearby
// float64 (12345678901234567.89 came out as 12345678901234500). The
// digits year (the edge year with its amounts made 15 digits long, the
// most a cell holds) comes out of the workbook as it went in.
func TestEveryAmountIsStoredExactly(t *testing.T) {
	for _, dir := range []string{filepath.Join(repoRoot(t), "internal", "testdata", "seed", "2019"), filepath.Join("testdata", "digits", "2020")} {
		r := loadYear(t, dir)
		xlsx, err := Scoring(r)
		if err != nil {
			t.Fatal(err)
		}
		cells := cellNumbers(t, xlsx)
		leaves, err := tomlx.Leaves(figures.Write(r))
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, l := range leaves {
			key := l.Path[strings.LastIndex(l.Path, ".")+1:]
			if !slices.Contains(amountKeys, strings.Trim(key, `"`)) {
				continue
			}
			n, err := decimal.NewFromString(l.Raw)
			if err != nil {
				t.Fatalf("%s = %s", l.Path, l.Raw)
			}
			checked++
			if !cells[n.String()] {
				t.Errorf("%s: %s = %s is not stored in the workbook", dir, l.Path, l.Raw)
			}
		}
		if checked < 8 {
			t.Errorf("%s: only %d figures", dir, checked)
		}
	}
}

func TestNumRefusesWhatACellCannotHold(t *testing.T) {
	for _, s := range []string{"1352.2", "123456789012.345", "0.000000000000001", "-96.497498", "100000000000000"} {
		d := decimal.RequireFromString(s)
		var got float64
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("num(%s) refused: %v", s, r)
				}
			}()
			got = num(d)
		}()
		if text := decimal.NewFromFloat(got).String(); text != d.String() {
			t.Errorf("num(%s) writes %s", s, text)
		}
	}
	for _, s := range []string{"1234567890123.456", "12345678901234567.89", "0.1234567890123456789", "1000000000000001"} {
		func() {
			defer func() {
				if _, ok := recover().(inexactError); !ok {
					t.Errorf("num(%s) was not refused", s)
				}
			}()
			num(decimal.RequireFromString(s))
		}()
	}
}

// TestAComputedFigureBeyondFifteenDigitsStopsTheWorkbook: the loaders
// refuse such numbers where they are typed, but a sum can be a digit
// longer than its parts.
func TestAComputedFigureBeyondFifteenDigitsStopsTheWorkbook(t *testing.T) {
	r := loadYear(t, filepath.Join(repoRoot(t), "internal", "testdata", "seed", "2019"))
	// 999999999999999 + 1: each part fits, the total does not.
	r.Budget = decimal.RequireFromString("1000000000000000")
	_, err := Scoring(r)
	if err == nil || err.Error() != "其中的数 1000000000000000 超过 15 位有效数字，Excel 无法精确保存，写入后会变成别的数；请减少数据中相关金额的位数" {
		t.Fatalf("got %v", err)
	}
}

// TestSignificantDigitsWithoutAllocating checks the count against its
// definition (the digits between the first and last that are not zero; an
// integer's trailing zeros count) on many figures, and that it allocates
// nothing: it runs for every figure of a sheet.
func TestSignificantDigitsWithoutAllocating(t *testing.T) {
	reference := func(text string) int {
		digits := strings.Trim(strings.NewReplacer("-", "", ".", "").Replace(text), "0")
		if !strings.Contains(text, ".") {
			digits = strings.TrimLeft(strings.ReplaceAll(text, "-", ""), "0")
		}
		return len(digits)
	}
	for _, s := range []string{"0", "-0", "100", "-100", "1352.2", "0.0012", "-0.5", "100.5", "0.1", "123456789012345", "1234567890.12345", "10.01", "7"} {
		if got, want := significant(s), reference(s); got != want {
			t.Errorf("significant(%s) = %d, want %d", s, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { significant("1352.2") }); n != 0 {
		t.Errorf("%.0f allocations per call", n)
	}
}
