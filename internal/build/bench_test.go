package build_test

// Benchmarks of the whole pipeline and of every stage, on the 2019 data and
// on synthetic years whose detail table has 10 to 100 000 rows. `make bench`
// runs them and prints a table; docs/performance.md records the numbers.
//
// Each benchmark also reports peak-MB: the process's peak resident memory
// (VmHWM) during one untimed run, after the garbage of earlier runs has been
// collected and returned and the high-water mark reset (see peakMB). It
// includes what the run keeps alive besides the output: the test binary and
// the year's data, as a real build would hold them.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"ipfund/internal/benchmem"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"ipfund/internal/build"
	"ipfund/internal/calc"
	"ipfund/internal/fund"
	"ipfund/internal/limits"
	"ipfund/internal/report"
	"ipfund/internal/sheettest"
	"ipfund/internal/tomlx"
	"ipfund/internal/workbook"
)

// benchRoot is the module root, found from this file's location.
func benchRoot(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("cannot locate the benchmark file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// benchData is the frozen copy of the seed data (internal/testdata), so
// that corrections in data/ do not change what is measured.
func benchData(tb testing.TB) string {
	return filepath.Join(benchRoot(tb), "internal", "testdata", "seed")
}

func benchLoad2019(tb testing.TB) *fund.Year {
	tb.Helper()
	y, ds := fund.Load(filepath.Join(benchData(tb), "2019"))
	if y == nil || ds.HasErrors() {
		tb.Fatalf("loading 2019: %v", ds)
	}
	return y
}

func benchTemplate(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(benchRoot(tb), "templates", report.TemplateName))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// synthRowsPerGroup is the number of rows of a synthetic group: each group
// is one batch of awards, its label merged down the first column and closed
// by a 小计 row.
const synthRowsPerGroup = 20

// synthYear is the 2019 year whose 奖励 sub-project lists every awarded
// enterprise (the 公示名单) instead of four summary lines: n rows of 奖励类别
// (group), 企业名称 (text), 专利数量 (count) and 奖励金额 (amount, in 元),
// adding up to the sub-project's 1352.2万元. It is valid: fund.Validate finds
// no error and calc.Compute works on it.
func synthYear(tb testing.TB, n int) *fund.Year {
	tb.Helper()
	y := benchLoad2019(tb)
	sp := &y.Subprojects[0]
	sp.Detail = synthDetail(n, sp.Spending.Shift(4)) // 万元 → 元
	// The indicators cross-check the 2019 table's groups, which are gone.
	for i := range sp.Indicators {
		ind := &sp.Indicators[i]
		ind.Check, ind.CheckPlan = "", ""
		for k := range ind.Parts {
			ind.Parts[k].Check, ind.Parts[k].CheckPlan = "", ""
		}
	}
	if ds := fund.Validate(y); ds.HasErrors() {
		tb.Fatalf("synthetic year of %d rows is invalid: %v", n, ds)
	}
	return y
}

// synthDetail makes a detail table of n rows whose amounts add up to total
// (元, two places) and whose stated subtotals and total are right.
func synthDetail(n int, total decimal.Decimal) *fund.Detail {
	d := &fund.Detail{
		Unit: fund.UnitYuan,
		Columns: []fund.Column{
			{Key: "kind", Title: "奖励类别", Kind: fund.ColGroup},
			{Key: "name", Title: "企业名称", Kind: fund.ColText},
			{Key: "count", Title: "专利数量（件）", Kind: fund.ColCount, Sum: true},
			{Key: "amount", Title: "奖励金额（元）", Kind: fund.ColAmount, Sum: true},
		},
		SpendingColumn: "amount",
	}
	// Cents: pairs of rows above and below the mean, the remainder on the
	// first row, so that the rows add up exactly.
	cents := total.Shift(2).IntPart()
	q, rem := cents/int64(n), cents%int64(n)
	amount := func(i int) int64 {
		a := q
		if i%2 == 1 || i+1 < n { // rows 2k and 2k+1 differ from q by ±d
			d := int64(i/2) * 7919 % (q/2 + 1)
			if i%2 == 1 {
				d = -d
			}
			a += d
		}
		if i == 0 {
			a += rem
		}
		return a
	}
	sumCount, sumAmount := int64(0), int64(0)
	for g := 0; g*synthRowsPerGroup < n; g++ {
		grp := fund.RowGroup{Label: fmt.Sprintf("第%d批授权专利奖励", g+1)}
		gc, ga := int64(0), int64(0)
		for i := g * synthRowsPerGroup; i < min(n, (g+1)*synthRowsPerGroup); i++ {
			c, a := int64(1+i*37%53), amount(i)
			gc, ga = gc+c, ga+a
			grp.Rows = append(grp.Rows, fund.Row{
				{},
				{Text: synthName(i)},
				cell(decimal.NewFromInt(c)),
				cell(decimal.New(a, -2)),
			})
		}
		grp.Subtotal = map[string]tomlx.Scalar{"count": num(decimal.NewFromInt(gc)), "amount": num(decimal.New(ga, -2))}
		sumCount, sumAmount = sumCount+gc, sumAmount+ga
		d.Groups = append(d.Groups, grp)
	}
	d.Total = map[string]tomlx.Scalar{"count": num(decimal.NewFromInt(sumCount)), "amount": num(decimal.New(sumAmount, -2))}
	return d
}

func num(d decimal.Decimal) tomlx.Scalar { return tomlx.Scalar{Text: d.String(), Num: d, IsNum: true} }

func cell(d decimal.Decimal) fund.Cell { return fund.Cell{Text: d.String(), Num: d, IsNum: true} }

var (
	synthPlaces = []string{"南昌", "青山湖", "红谷滩", "高新", "经开", "小蓝", "新建", "湾里", "进贤", "安义", "东湖", "西湖"}
	synthTrades = []string{"电子科技", "生物医药", "智能装备", "新材料", "光电信息", "汽车零部件", "食品", "软件技术", "环保科技", "精密机械"}
)

// synthName is an enterprise's name, different for every i.
func synthName(i int) string {
	return synthPlaces[i%len(synthPlaces)] + synthTrades[i/len(synthPlaces)%len(synthTrades)] + "第" + strconv.Itoa(i+1) + "有限公司"
}

// synthSizes are the row counts of the synthetic benchmarks.
var synthSizes = []int{10, 1000, 10000, 100000}

// measure reports the peak memory of one run of f, then times b.N runs.
func measure(b *testing.B, f func() error) {
	b.Helper()
	var err error
	peak := benchmem.PeakMB(func() { err = f() })
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := benchmem.CPUTime()
	for range b.N {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(benchmem.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(peak, "peak-MB")
}

// BenchmarkLoad2019 reads, decodes and validates the 2019 data.
func BenchmarkLoad2019(b *testing.B) {
	dir := filepath.Join(benchData(b), "2019")
	measure(b, func() error {
		if y, ds := fund.Load(dir); y == nil || ds.HasErrors() {
			return fmt.Errorf("loading 2019: %v", ds)
		}
		return nil
	})
}

// BenchmarkCompute2019 computes every figure of 2019.
func BenchmarkCompute2019(b *testing.B) {
	y := benchLoad2019(b)
	measure(b, func() error {
		calc.Compute(y)
		return nil
	})
}

// BenchmarkWord2019 renders the 2019 report (template parsing included).
func BenchmarkWord2019(b *testing.B) {
	r, tmpl := calc.Compute(benchLoad2019(b)), benchTemplate(b)
	measure(b, func() error {
		_, err := report.Render(report.TemplateName, tmpl, r)
		return err
	})
}

// BenchmarkExcel2019 builds the 2019 scoring workbook.
func BenchmarkExcel2019(b *testing.B) {
	r := calc.Compute(benchLoad2019(b))
	measure(b, func() error {
		_, err := workbook.Scoring(r)
		return err
	})
}

// BenchmarkBuild2019 is `ipfund build 2019` in process, without writing the
// files: load, validate, compute, the figures file, the report, the scoring
// workbook and the target table.
func BenchmarkBuild2019(b *testing.B) {
	o := build.Options{DataDir: benchData(b), TemplatesDir: filepath.Join(benchRoot(b), "templates"), Year: 2019}
	measure(b, func() error {
		out, ds := build.Run(o)
		if out == nil {
			return fmt.Errorf("build 2019: %v", ds)
		}
		return nil
	})
}

// Sources of a synthetic year's detail rows.
const (
	fromTOML = "toml" // written in the sub-project's TOML file
	fromCSV  = "csv"  // read from a CSV file in GBK, as Excel saves it
	fromXLSX = "xlsx" // read from a workbook written by excelize
)

// synthDirs holds the synthetic data directories made so far, by rows and
// source: -count=3 runs a benchmark three times, and writing a 100 000-row
// workbook takes seconds. They live in synthRoot, removed by TestMain.
var (
	synthDirs = map[string]string{}
	synthRoot string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if synthRoot != "" {
		os.RemoveAll(synthRoot)
	}
	os.Exit(code)
}

// synthDataDir writes the seed data with the 奖励 sub-project's table
// replaced by synthDetail's n rows into a temporary directory and returns
// the data directory (holding 2019/). The rows are written in the TOML
// file or in a spreadsheet beside it (rows_from), by from. It skips when
// the TOML file would exceed limits.DataFile.
func synthDataDir(tb testing.TB, n int, from string) string {
	tb.Helper()
	key := fmt.Sprintf("%d-%s", n, from)
	if dir, ok := synthDirs[key]; ok {
		return dir
	}
	if synthRoot == "" {
		var err error
		if synthRoot, err = os.MkdirTemp("", "ipfund-synth-"); err != nil {
			tb.Fatal(err)
		}
	}
	src := filepath.Join(benchData(tb), "2019")
	dst := filepath.Join(synthRoot, key, "2019")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		tb.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	y := benchLoad2019(tb)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if e.Name() == filepath.Base(y.Subprojects[0].At.File()) {
			d := synthDetail(n, y.Subprojects[0].Spending.Shift(4))
			b = []byte(synthTOML(tb, string(b), d, from))
			if len(b) > limits.DataFile {
				tb.Skipf("%d rows make a %.1f MB file, over the loader's limit of %d MB (limits.DataFile)", n, float64(len(b))/(1<<20), limits.DataFile>>20)
			}
			if from != fromTOML {
				writeSynthSource(tb, filepath.Join(dst, synthSourceName(from)), d, from)
			}
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	synthDirs[key] = filepath.Dir(dst)
	return synthDirs[key]
}

func synthSourceName(from string) string { return "公示名单." + from }

// writeSynthSource writes a synthetic table as staff would receive it: one
// row per enterprise with its group, a 小计 row closing each group and a
// 合计 row (formulas with their values in a workbook).
func writeSynthSource(tb testing.TB, path string, d *fund.Detail, from string) {
	tb.Helper()
	t := sheettest.Table{Header: []string{"奖励类别", "企业名称", "专利数量（件）", "奖励金额（元）"}}
	row := 2
	var subRows []string
	for _, g := range d.Groups {
		first := row
		for _, r := range g.Rows {
			t.Rows = append(t.Rows, []any{g.Label, r[1].Text, r[2].Num.IntPart(), r[3].Num.InexactFloat64()})
			row++
		}
		t.Rows = append(t.Rows, []any{g.Label, "小计",
			sheettest.Formula{Expr: fmt.Sprintf("SUM(C%d:C%d)", first, row-1), Value: g.Subtotal["count"].Num.IntPart()},
			sheettest.Formula{Expr: fmt.Sprintf("SUM(D%d:D%d)", first, row-1), Value: g.Subtotal["amount"].Num.InexactFloat64()}})
		subRows = append(subRows, strconv.Itoa(row))
		row++
	}
	t.Rows = append(t.Rows, []any{"合计", nil,
		sheettest.Formula{Expr: "SUBTOTAL(9,C2:C" + strconv.Itoa(row-1) + ")", Value: d.Total["count"].Num.IntPart()},
		sheettest.Formula{Expr: "SUBTOTAL(9,D2:D" + strconv.Itoa(row-1) + ")", Value: d.Total["amount"].Num.InexactFloat64()}})
	var err error
	if from == fromCSV {
		err = t.CSV(path, true)
	} else {
		err = t.XLSX(path)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// synthTOML replaces the [detail] section of a sub-project's file by d,
// with its rows or reading them from a spreadsheet, and drops the
// indicators' cross-checks of the old table.
func synthTOML(tb testing.TB, file string, d *fund.Detail, from string) string {
	start := strings.Index(file, "\n[detail]\n")
	end := strings.Index(file, "\n[[indicator]]")
	if start < 0 || end < start {
		tb.Fatal("no [detail] before [[indicator]] in the 奖励 file")
	}
	var b strings.Builder
	b.WriteString(file[:start+1])
	fmt.Fprintf(&b, "[detail]\nunit = %q\n", d.Unit)
	if from != fromTOML {
		fmt.Fprintf(&b, "rows_from = %q\n", synthSourceName(from))
	}
	b.WriteString("columns = [\n")
	for _, c := range d.Columns {
		fmt.Fprintf(&b, "  { key = %q, title = %q, kind = %q, sum = %v },\n", c.Key, c.Title, c.Kind, c.Sum)
	}
	fmt.Fprintf(&b, "]\nspending_column = %q\n", d.SpendingColumn)
	if from == fromTOML {
		fmt.Fprintf(&b, "total = { count = %s, amount = %s }\n", d.Total["count"].Text, d.Total["amount"].Text)
		for _, g := range d.Groups {
			fmt.Fprintf(&b, "\n[[detail.group]]\nlabel = %q\nsubtotal = { count = %s, amount = %s }\nrows = [\n", g.Label, g.Subtotal["count"].Text, g.Subtotal["amount"].Text)
			for _, r := range g.Rows {
				fmt.Fprintf(&b, "  { name = %q, count = %s, amount = %s },\n", r[1].Text, r[2].Text, r[3].Text)
			}
			b.WriteString("]\n")
		}
	}
	for _, line := range strings.SplitAfter(file[end:], "\n") {
		if t := strings.TrimSpace(line); !strings.HasPrefix(t, "check = ") && !strings.HasPrefix(t, "check_plan = ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// BenchmarkLoad reads, decodes and validates synthetic years from their
// files (written to a temporary directory first): the rows in TOML
// (Load), in a CSV file (LoadCSV) or in a workbook (LoadXLSX).
func BenchmarkLoad(b *testing.B)     { benchLoad(b, fromTOML) }
func BenchmarkLoadCSV(b *testing.B)  { benchLoad(b, fromCSV) }
func BenchmarkLoadXLSX(b *testing.B) { benchLoad(b, fromXLSX) }

func benchLoad(b *testing.B, from string) {
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			dir := filepath.Join(synthDataDir(b, n, from), "2019")
			measure(b, func() error {
				if y, ds := fund.Load(dir); y == nil || ds.HasErrors() {
					return fmt.Errorf("loading %d rows: %v", n, ds)
				}
				return nil
			})
		})
	}
}

// BenchmarkBuild is the whole build of synthetic years from their files:
// load, validate, compute, figures, Word and Excel, as `ipfund build`
// does it without writing the files.
func BenchmarkBuild(b *testing.B)     { benchBuild(b, fromTOML) }
func BenchmarkBuildCSV(b *testing.B)  { benchBuild(b, fromCSV) }
func BenchmarkBuildXLSX(b *testing.B) { benchBuild(b, fromXLSX) }

func benchBuild(b *testing.B, from string) {
	templates := filepath.Join(benchRoot(b), "templates")
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			o := build.Options{DataDir: synthDataDir(b, n, from), TemplatesDir: templates, Year: 2019}
			measure(b, func() error {
				if out, ds := build.Run(o); out == nil {
					return fmt.Errorf("build of %d rows: %v", n, ds)
				}
				return nil
			})
		})
	}
}

// BenchmarkValidate validates synthetic years (the detail table's rows, the
// subtotals, the total and the spending column are checked).
func BenchmarkValidate(b *testing.B) {
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			y := synthYear(b, n)
			measure(b, func() error {
				if ds := fund.Validate(y); ds.HasErrors() {
					return fmt.Errorf("%v", ds)
				}
				return nil
			})
		})
	}
}

// BenchmarkWord renders the report of synthetic years: the detail table
// goes through report.Table, docx.Table and the block placement.
func BenchmarkWord(b *testing.B) {
	tmpl := benchTemplate(b)
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			r := calc.Compute(synthYear(b, n))
			measure(b, func() error {
				_, err := report.Render(report.TemplateName, tmpl, r)
				return err
			})
		})
	}
}

// BenchmarkExcel builds the scoring workbook of synthetic years, with the
// detail table's sheet.
func BenchmarkExcel(b *testing.B) {
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			r := calc.Compute(synthYear(b, n))
			measure(b, func() error {
				_, err := workbook.Scoring(r)
				return err
			})
		})
	}
}

// BenchmarkDeflate is the floor under BenchmarkWord: writing the report's
// own document.xml, already rendered, into a zip with the Deflate that
// archive/zip (and so the docx package) uses.
func BenchmarkDeflate(b *testing.B) {
	tmpl := benchTemplate(b)
	for _, n := range synthSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			docx, err := report.Render(report.TemplateName, tmpl, calc.Compute(synthYear(b, n)))
			if err != nil {
				b.Fatal(err)
			}
			doc := documentXML(b, docx)
			measure(b, func() error {
				zw := zip.NewWriter(io.Discard)
				w, err := zw.Create("word/document.xml")
				if err != nil {
					return err
				}
				if _, err := w.Write(doc); err != nil {
					return err
				}
				return zw.Close()
			})
			b.ReportMetric(float64(len(doc))/1e6, "xml-MB")
		})
	}
}

// documentXML extracts word/document.xml from a .docx.
func documentXML(tb testing.TB, docx []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
	tb.Fatal("no word/document.xml")
	return nil
}

// TestSyntheticYear checks the generator: the table has the rows asked for,
// adds up to the sub-project's spending and renders.
func TestSyntheticYear(t *testing.T) {
	for _, n := range []int{1, 7, 10, 41} {
		y := synthYear(t, n)
		d := y.Subprojects[0].Detail
		if got := d.RowCount(); got != n {
			t.Errorf("%d rows, want %d", got, n)
		}
		if got := d.ToWan(d.Sum("amount")); !got.Equal(y.Subprojects[0].Spending) {
			t.Errorf("%d rows add up to %s万元, want %s", n, got, y.Subprojects[0].Spending)
		}
		for _, from := range []string{fromTOML, fromCSV, fromXLSX} {
			y2, ds := fund.Load(filepath.Join(synthDataDir(t, n, from), "2019"))
			if y2 == nil || ds.HasErrors() || y2.Subprojects[0].Detail.RowCount() != n || y2.Subprojects[0].Detail.Sum("amount").String() != d.Sum("amount").String() {
				t.Errorf("the %d-row year does not load from its %s files: %v", n, from, ds)
			}
		}
		seen := map[string]bool{}
		for _, g := range d.Groups {
			for _, r := range g.Rows {
				if seen[r[1].Text] || !r[3].Num.IsPositive() {
					t.Errorf("row %v repeats a name or has no amount", r)
				}
				seen[r[1].Text] = true
			}
		}
	}
}
