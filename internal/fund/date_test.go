package fund

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ipfund/internal/diag"
	"ipfund/internal/tomlx"
)

// A report goes out dated: without report.date the year still builds, with
// a warning on the [report] table that says what to write.
func TestReportWithoutDateIsWarnedAbout(t *testing.T) {
	y, ds := Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := "报告没有写成文日期：报告末尾将只有署名，没有日期（GB/T 9704 要求署名下编排成文日期）。请在 [report] 中写“date = 2020-06-30”（不加引号）。"
	var found *diag.Diagnostic
	for i, d := range ds {
		if d.Msg == want {
			found = &ds[i]
		}
	}
	if found == nil {
		t.Fatalf("no warning about the date in %v", ds)
	}
	src, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "2019", "report.toml"))
	if err != nil {
		t.Fatal(err)
	}
	line := slices.Index(strings.Split(string(src), "\n"), "[report]") + 1
	if found.Severity != diag.Warning || !strings.HasSuffix(found.Pos.File, "report.toml") || found.Pos.Line != line {
		t.Errorf("the warning is %+v, want a warning at report.toml:%d ([report])", *found, line)
	}
	y.Report.Date = &tomlx.Date{Year: 2020, Month: 6, Day: 30}
	for _, d := range Validate(y) {
		if strings.Contains(d.Msg, "成文日期") {
			t.Errorf("dated report still warned: %s", d.Msg)
		}
	}
}
