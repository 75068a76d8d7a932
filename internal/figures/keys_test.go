package figures

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/fund"
	"ipfund/internal/tomlx"
)

// roundTrip checks what `ipfund diff` needs of a figures file: it parses,
// it equals itself, every figure line is one figure of its own, and
// changing one figure is reported as exactly that one change.
func roundTrip(t *testing.T, b []byte, oldLine, newLine, wantChange string) {
	t.Helper()
	if err := Check(b); err != nil {
		t.Fatalf("not a valid figures file: %v\n%s", err, b)
	}
	leaves, err := tomlx.Leaves(b)
	if err != nil {
		t.Fatal(err)
	}
	figureLines := 0
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "[") {
			figureLines++
		}
	}
	if len(leaves) < figureLines {
		t.Errorf("%d figures on %d lines", len(leaves), figureLines)
	}
	if changes, err := Diff(b, b); err != nil || len(changes) != 0 {
		t.Errorf("the file differs from itself: %v %v", changes, err)
	}
	if !bytes.Contains(b, []byte(oldLine)) {
		t.Fatalf("no line %q in\n%s", oldLine, b)
	}
	changed := bytes.Replace(b, []byte(oldLine), []byte(newLine), 1)
	changes, err := Diff(b, changed)
	if err != nil || len(changes) != 1 || changes[0].String() != wantChange {
		t.Errorf("diff after one change: %v %v, want %s", changes, err, wantChange)
	}
	if figureLines < 10 {
		t.Errorf("only %d figure lines", figureLines)
	}
}

// TestOddNamesGiveDistinctKeysThatRoundTrip gives the year names the
// loader would refuse, so that only the writer's escaping keeps the keys
// apart: the category "X/Y" of 产出 and the category "Y" of a group "产出/X"
// would both be 产出/X/Y if the parts were joined as they are.
func TestOddNamesGiveDistinctKeysThatRoundTrip(t *testing.T) {
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	s := &y.Scoring
	rename := func(group, to string) {
		for i := range s.Groups {
			if s.Groups[i].Name == group {
				s.Groups[i].Name = to
			}
		}
		for i := range s.Categories {
			if s.Categories[i].Group == group {
				s.Categories[i].Group = to
			}
		}
	}
	rename("效益", "产出/X")
	for i := range s.Categories {
		switch s.Categories[i].Name {
		case "经济效益":
			s.Categories[i].Name = "Y"
		case "产出数量":
			s.Categories[i].Name = "X/Y"
		case "产出质量":
			s.Categories[i].Name = `a\"b".c` + "\n\t\x01"
		}
	}
	y.Subprojects[0].Indicators[0].Name = `指标/第1项`
	// A group labelled like another group's subtotal key.
	y.Subprojects[0].Detail.Groups[0].Label = "累计拥有国内外发明专利奖励/小计"
	y.Subprojects[0].Detail.Columns[2].Title = "奖励/数量"
	y.Targets.Indicators[0].Level2 = "数量/指标"
	b := Write(calc.Compute(y))
	for _, key := range []string{`"产出\\/X/Y" = 10.00`, `"产出/X\\/Y" = 19.49`, `"累计拥有国内外发明专利奖励\\/小计/小计/奖励\\/数量" = 410`,
		`"累计拥有国内外发明专利奖励/小计/奖励\\/数量" = 2`, `"合计/奖励\\/数量" = 622`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("no key %s in\n%s", key, b)
		}
	}
	roundTrip(t, b, `"产出/X\\/Y" = 19.49`, `"产出/X\\/Y" = 19.50`, `综合评价.产出/X\/Y：19.49 → 19.50`)
}

func TestOddAllocationNamesGiveDistinctKeysThatRoundTrip(t *testing.T) {
	d := decimal.RequireFromString
	in := alloc.Input{
		Total: d("1000"), Unit: alloc.UnitYuan, Quantum: d("1"),
		Factors: []alloc.Factor{
			{Key: "a", Name: "a/b", Weight: d("0.5"), Indicators: []alloc.Indicator{{Key: "a1", Name: "c"}}},
			{Key: "b", Name: "a", Weight: d("0.5"), Indicators: []alloc.Indicator{{Key: "b1", Name: "b/c"}}},
		},
		Cities: []alloc.City{
			{Name: "x/y", Values: map[string]decimal.Decimal{"a1": d("1"), "b1": d("3")}, Performance: d("1"), Hardship: d("1")},
			{Name: "x.y", Values: map[string]decimal.Decimal{"a1": d("2"), "b1": d("1")}, Performance: d("1"), Hardship: d("1")},
		},
	}
	r, err := alloc.Allocate(in)
	if err != nil {
		t.Fatal(err)
	}
	b := WriteAllocation(&alloc.Plan{Title: "t", Region: "r", Year: 2023, Input: in}, r)
	for _, key := range []string{`"a\\/b/c/合计" = 3`, `"a/b\\/c/合计" = 4`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("no key %s in\n%s", key, b)
		}
	}
	roundTrip(t, b, `"a/b\\/c/合计" = 4`, `"a/b\\/c/合计" = 5`, `因素法分配.分配因素.a/b\/c/合计：4 → 5`)
}
