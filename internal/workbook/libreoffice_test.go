package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/fund"
	lo "ipfund/internal/soffice"
)

// TestLibreOfficeRecalculation has LibreOffice recalculate every formula of
// the workbooks and compares its results with calc's and alloc's figures.
// The cached values are replaced by nonsense before LibreOffice sees the
// files, so the figures it reports can only come from the formulas. All
// workbooks go through one soffice run (a few seconds).
func TestLibreOfficeRecalculation(t *testing.T) {
	soffice := requireSoffice(t)
	r2019 := result2019(t)
	edge := loadYear(t, "testdata/edge/2020")
	sample := sampleResult(t)
	missed := selfEvalMissed(t)
	byGrade, byScore := evaluationResult(t, "grade.toml"), evaluationResult(t, "linear.toml")
	// A detail table of so many groups that its 小计 and 合计 use SUBTOTAL.
	many := withDetail(t, manyGroups(2*maxSumPieces, 4))
	// Execution rates whose score is a half at the third decimal under
	// one score_from and not the other: LibreOffice's ROUND must agree.
	halfRounded, halfExact := halfYear(t, "3.91", fund.ScoreFromRoundedRate), halfYear(t, "3.91", fund.ScoreFromExact)
	books := map[string][]byte{}
	for name, build := range map[string]func() ([]byte, error){
		"scoring2019": func() ([]byte, error) { return Scoring(r2019) },
		"edge2020":    func() ([]byte, error) { return Scoring(edge) },
		"manyGroups":  func() ([]byte, error) { return Scoring(many) },
		"selfEval":    func() ([]byte, error) { return Scoring(missed) },
		"halfRounded": func() ([]byte, error) { return Scoring(halfRounded) },
		"halfExact":   func() ([]byte, error) { return Scoring(halfExact) },
		"allocation":  func() ([]byte, error) { return Allocation(sampleTitle, sample) },
		"allocGrade":  func() ([]byte, error) { return Allocation("按等级", byGrade) },
		"allocLinear": func() ([]byte, error) { return Allocation("按得分", byScore) },
	} {
		b, err := build()
		if err != nil {
			t.Fatal(err)
		}
		books[name] = b
	}
	start := time.Now()
	csvs := recalculate(t, soffice, books)
	t.Logf("LibreOffice recalculated %d workbooks in %v", len(books), time.Since(start).Round(time.Millisecond))

	t.Run("scoring2019", func(t *testing.T) {
		sheets := csvs["scoring2019"]
		checkScoringCSV(t, r2019, sheets)
		// The report's figures, independently of calc.
		sum := sheets["汇总"]
		tr := findRow(t, sum, 1, "合计（专项资金）") - 1
		wantCent(t, "总分", sum[tr][7], "95.41")
		wantCent(t, "产出数量", sum[tr][9], "19.49")
		wantCent(t, "预算执行率", sum[tr][5], "87.39")
		wantCent(t, "预算执行率得分", sum[tr][8], "8.74")
		wantCent(t, "奖励 子项目得分", sum[5][7], "95.68")
		d := sheets["明细1 知识产权奖励项目"]
		dr := findRow(t, d, 1, "合计") - 1
		wantCent(t, "奖励明细 合计单位数量", d[dr][2], "622")
		wantCent(t, "奖励明细 合计奖励数量", d[dr][3], "4579")
		wantCent(t, "奖励明细 合计支付金额", d[dr][4], "1352.2")
	})
	t.Run("edge2020", func(t *testing.T) { checkScoringCSV(t, edge, csvs["edge2020"]) })
	t.Run("manyGroups", func(t *testing.T) { checkScoringCSV(t, many, csvs["manyGroups"]) })
	t.Run("selfEval", func(t *testing.T) { checkScoringCSV(t, missed, csvs["selfEval"]) })
	t.Run("halfRounded", func(t *testing.T) { checkScoringCSV(t, halfRounded, csvs["halfRounded"]) })
	t.Run("halfExact", func(t *testing.T) { checkScoringCSV(t, halfExact, csvs["halfExact"]) })
	t.Run("allocation", func(t *testing.T) { checkAllocationCSV(t, sample, csvs["allocation"]) })
	t.Run("allocGrade", func(t *testing.T) { checkEvaluationCSV(t, byGrade, csvs["allocGrade"]) })
	t.Run("allocLinear", func(t *testing.T) { checkEvaluationCSV(t, byScore, csvs["allocLinear"]) })
}

// requireSoffice finds LibreOffice, or skips the test; with
// IPFUND_REQUIRE_LIBREOFFICE=1 (set by CI) a missing LibreOffice fails it.
func requireSoffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("IPFUND_REQUIRE_LIBREOFFICE") == "1" {
		t.Fatal("未找到 LibreOffice（soffice），而 IPFUND_REQUIRE_LIBREOFFICE=1 要求运行公式重算检查。请安装 libreoffice-calc。")
	}
	t.Skip("未安装 LibreOffice（soffice）：跳过公式重算检查（CI 设置 IPFUND_REQUIRE_LIBREOFFICE=1 时必须运行）")
	return ""
}

// recalcProfile makes LibreOffice recalculate .xlsx formulas on load
// (OOXMLRecalcMode 0 = always) instead of showing the cached values.
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// csvFilter exports every sheet (the last token, -1; LibreOffice 7.2+) as
// UTF-8 CSV with the raw values rather than the formatted ones.
const csvFilter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`

// recalculate converts the workbooks (by name) with LibreOffice in a
// throw-away profile and returns each one's sheets as CSV rows.
func recalculate(t *testing.T, soffice string, books map[string][]byte) map[string]map[string][][]string {
	t.Helper()
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	var names, files []string
	for name := range books {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := filepath.Join(in, name+".xlsx")
		if err := os.WriteFile(p, poison(t, books[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + lo.FileURL(profile),
		"--headless", "--norestore", "--nologo", "--convert-to", csvFilter, "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir) // keep LibreOffice away from the user's files
	// soffice.bin can outlive a killed soffice and hold the pipe open.
	cmd.WaitDelay = 10 * time.Second
	if outp, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, outp)
	}

	result := map[string]map[string][][]string{}
	for _, name := range names {
		bk := openBook(t, books[name])
		sheets := map[string][][]string{}
		for _, s := range bk.f.GetSheetList() {
			data, err := os.ReadFile(filepath.Join(out, name+"-"+s+".csv"))
			if err != nil {
				entries, _ := os.ReadDir(out)
				t.Fatalf("LibreOffice wrote no CSV for %s/%s (%v); it wrote %v", name, s, err, entries)
			}
			cr := csv.NewReader(bytes.NewReader(data))
			cr.FieldsPerRecord = -1
			rows, err := cr.ReadAll()
			if err != nil {
				t.Fatalf("%s/%s: %v", name, s, err)
			}
			for i, row := range rows {
				for j, v := range row {
					if strings.Contains(v, poisonNumber) || strings.Contains(v, poisonText) || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "Err:") {
						t.Errorf("%s/%s row %d column %d = %q: the formula was not recalculated, or failed", name, s, i+1, j+1, v)
					}
				}
			}
			sheets[s] = rows
		}
		result[name] = sheets
	}
	return result
}

// The cached values poison writes in place of ours.
const (
	poisonNumber = "-999.25"
	poisonText   = "未重算"
)

var formulaCellRe = regexp.MustCompile(`(<c [^>]*>)<f>([^<]*)</f><v>[^<]*</v>`)

// poison replaces the cached value of every formula cell.
func poison(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	n := 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			data = formulaCellRe.ReplaceAllFunc(data, func(m []byte) []byte {
				n++
				sub := formulaCellRe.FindSubmatch(m)
				v := poisonNumber
				if bytes.Contains(sub[1], []byte(`t="str"`)) {
					v = poisonText
				}
				return []byte(fmt.Sprintf("%s<f>%s</f><v>%s</v>", sub[1], sub[2], v))
			})
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("poisoned only %d formula cells", n)
	}
	return buf.Bytes()
}

// wantCent checks that LibreOffice's figure rounds to want at the cent.
func wantCent(t testing.TB, what, got, want string) {
	t.Helper()
	g, err := csvNumber(got)
	if err != nil {
		t.Errorf("%s = %q, not a number (want %s)", what, got, want)
		return
	}
	if w := decimal.RequireFromString(want); !g.Round(2).Equal(w) {
		t.Errorf("%s = %s after recalculation, want %s", what, got, w)
	}
}

// checkScoringCSV compares LibreOffice's recalculation of a scoring workbook
// with calc's figures, to the cent.
func checkScoringCSV(t *testing.T, r *calc.Result, sheets map[string][][]string) {
	t.Helper()
	sum := sheets["汇总"]
	var cats []int
	for _, g := range groupedCategories(r) {
		cats = append(cats, g.cats...)
	}
	for i, s := range r.Subprojects {
		row := sum[sumFirstSub+i-1]
		name := s.Sub.Name
		wantCent(t, name+" 预算执行率", row[sumRate-1], s.ExecutionRate.String())
		wantCent(t, name+" 权重", row[sumWeight-1], s.WeightPercent.String())
		wantCent(t, name+" 子项目得分", row[sumScore-1], s.Total.String())
		for k, ci := range cats {
			wantCent(t, name+" "+s.Categories[ci].Category.Name+" 按权重得分", row[sumFirstCat-1+k], s.Categories[ci].Weighted.String())
		}
	}
	tr := findRow(t, sum, 1, "合计（专项资金）") - 1
	wantCent(t, "预算", sum[tr][sumBudget-1], r.Budget.String())
	wantCent(t, "实际支出", sum[tr][sumSpending-1], r.Spending.String())
	wantCent(t, "预算执行率", sum[tr][sumRate-1], r.ExecutionRate.String())
	wantCent(t, "权重合计", sum[tr][sumWeight-1], "100")
	wantCent(t, "总分", sum[tr][sumScore-1], r.Total.String())
	for k, ci := range cats {
		ct := r.Categories[ci]
		wantCent(t, ct.Category.Name+" 合计", sum[tr][sumFirstCat-1+k], ct.Score.String())
	}
	wantCent(t, "总分行", sum[findRow(t, sum, 1, "总分")-1][sumScore-1], r.Total.String())
	if got := sum[findRow(t, sum, 1, "评价等级")-1][sumScore-1]; got != r.Grade {
		t.Errorf("评价等级 = %q after recalculation, want %q", got, r.Grade)
	}

	names := subSheetNames(r)
	for i, s := range r.Subprojects {
		rows := sheets[names[i]]
		wantCent(t, names[i]+" 预算执行率", rows[subInfoRow-1][infoRate-1], s.ExecutionRate.String())
		wantCent(t, names[i]+" 权重", rows[subInfoRow-1][infoWeight-1], s.WeightPercent.String())
		wantCent(t, names[i]+" 执行率得分", rows[subFirstRow-1][scScore-1], s.Categories[0].Score.String())
		tr := findRow(t, rows, 1, "合计") - 1
		wantCent(t, names[i]+" 合计", rows[tr][scScore-1], s.Total.String())
	}
	if len(r.Targets) > 0 {
		wantCent(t, "绩效目标表 年度金额", sheets["绩效目标表"][tgAmountRow-1][2], r.Budget.String())
	}
	// The charts' cells, linked to the summary.
	for i, s := range r.Subprojects {
		row := sheets[chartSheetName][chFirstRow-1+i]
		wantCent(t, "图表 "+s.Sub.Name+" 实际支出", row[3], s.Spending.String())
		wantCent(t, "图表 "+s.Sub.Name+" 权重", row[5], s.WeightPercent.String())
	}
	if r.SelfEval != nil {
		checkSelfEvalCSV(t, r.SelfEval, sheets[selfEvalSheetName])
	}
	_, details := sheetNames(r)
	for i, s := range r.Subprojects {
		if details[i] != "" {
			checkDetailCSV(t, details[i], s.Sub.Detail, sheets[details[i]])
		}
	}
}

// checkDetailCSV compares LibreOffice's 小计 and 合计 of a detail sheet with
// the sums of the table's rows.
func checkDetailCSV(t *testing.T, name string, d *fund.Detail, rows [][]string) {
	t.Helper()
	var subtotals []fund.RowGroup
	for _, g := range d.Groups {
		if g.Subtotal != nil {
			subtotals = append(subtotals, g)
		}
	}
	k := 0
	for _, row := range rows {
		if len(row) == 0 || (row[0] != "小计" && row[0] != "合计") {
			continue
		}
		sum := d.Sum
		what := name + " 合计"
		if row[0] == "小计" {
			if k >= len(subtotals) {
				t.Fatalf("%s: more 小计 rows than groups with one", name)
			}
			g := subtotals[k]
			sum, what = func(key string) decimal.Decimal { return d.GroupSum(g, key) }, fmt.Sprintf("%s “%s”小计", name, g.Label)
			k++
		}
		for i, c := range d.Columns {
			if c.Sum {
				wantCent(t, what+" "+c.Title, row[i], sum(c.Key).String())
			}
		}
	}
	if k != len(subtotals) {
		t.Errorf("%s: %d 小计 rows, want %d", name, k, len(subtotals))
	}
}

// checkAllocationCSV compares LibreOffice's recalculation of an allocation
// workbook with alloc's figures: amounts to the unit (exactly), shares to
// 1e-12.
func checkAllocationCSV(t *testing.T, res *alloc.Result, sheets map[string][][]string) {
	t.Helper()
	rows := sheets["分配结果"]
	nf := len(res.Factors)
	share, exact, floor, rank, corr, amount := 2+nf, 3+nf, 4+nf, 6+nf, 7+nf, 8+nf // 0-based columns
	total := decimal.Zero
	for i, c := range res.Cities {
		row := rows[alFirstCity-1+i]
		if row[1] != c.Name {
			t.Fatalf("row %d is %q, want %s", alFirstCity+i, row[1], c.Name)
		}
		wantExact(t, c.Name+" 分配金额", row[amount], c.Amount)
		wantExact(t, c.Name+" 调整额", row[corr], c.Correction)
		wantExact(t, c.Name+" 向下取整金额", row[floor], c.Floor)
		wantExact(t, c.Name+" 余数排名", row[rank], decimal.NewFromInt(int64(c.Rank)))
		wantClose(t, c.Name+" 分配比例", row[share], c.Share.Dec(15))
		wantClose(t, c.Name+" 精确金额", row[exact], c.Exact.Dec(15))
		a, _ := csvNumber(row[amount])
		total = total.Add(a)
	}
	if !total.Equal(res.Total) {
		t.Errorf("LibreOffice's amounts add up to %s, want %s", total, res.Total)
	}
	for i, c := range res.Cities {
		wantExact(t, "图表 "+c.Name+" 分配金额", sheets[chartSheetName][chFirstRow-1+i][1], c.Amount)
	}
	tr := findRow(t, rows, 1, "合计") - 1
	wantExact(t, "Σ分配金额", rows[tr][amount], res.AmountSum)
	wantClose(t, "Σ分配比例", rows[tr][share], decimal.NewFromInt(1))
	wantExact(t, "剩余单位数", rows[findRow(t, rows, 1, "尾差个数")-1][2], decimal.NewFromInt(int64(res.Leftover)))
	wantExact(t, "核对", rows[findRow(t, rows, 1, "核对")-1][2], decimal.Zero)
	note := fmt.Sprintf("剩余的 %d 个单位", res.Leftover)
	found := false
	for _, r := range rows {
		found = found || (len(r) > 0 && strings.Contains(r[0], note))
	}
	if !found {
		t.Errorf("no note saying %q after recalculation", note)
	}
}

// csvNumber parses a number of LibreOffice's CSV. Raw values come without
// number formats, except that a cell formatted as a percentage keeps its
// "%": 25.855290467%.
func csvNumber(s string) (decimal.Decimal, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		d, err := decimal.NewFromString(p)
		return d.Shift(-2), err
	}
	return decimal.NewFromString(s)
}

func wantExact(t testing.TB, what, got string, want decimal.Decimal) {
	t.Helper()
	g, err := csvNumber(got)
	if err != nil || !g.Equal(want) {
		t.Errorf("%s = %q after recalculation, want %s", what, got, want)
	}
}

func wantClose(t testing.TB, what, got string, want decimal.Decimal) {
	t.Helper()
	g, err := csvNumber(got)
	if err != nil || g.Sub(want).Abs().GreaterThan(decimal.New(1, -9)) {
		t.Errorf("%s = %q after recalculation, want %s", what, got, want)
	}
}
