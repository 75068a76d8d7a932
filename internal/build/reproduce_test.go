package build

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ipfund/internal/fund"
	"ipfund/internal/textconv"
)

// A reader redoes every computation the documents print from the numbers
// they print. These tests build years, read the report and the workbook as
// text and recompute each printed score from the printed rate or fraction,
// in exact rational arithmetic of their own.

// rat reads a printed number (the patterns only match numbers).
func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("not a number: " + s)
	}
	return r
}

// round2 rounds a non-negative number half up to 2 decimals (四舍五入).
func round2(x *big.Rat) *big.Rat {
	n := new(big.Rat).Mul(x, big.NewRat(100, 1))
	n.Add(n, big.NewRat(1, 2))
	q := new(big.Int).Quo(n.Num(), n.Denom())
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}

func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

var hundred = big.NewRat(100, 1)

// The printed computations, as the report and the workbook word them.
var (
	// 预算资金执行率=1756.58/2010*100%=87.39%，得8.74分 (or, score_from =
	// "exact", …=87.39%，得分=1756.58/2010×10=8.74分).
	reportRate = regexp.MustCompile(`预算资金执行率=([0-9.]+)/([0-9.]+)\*100%=([0-9.]+)%，(?:得([0-9.]+)分|得分=([0-9.]+)/([0-9.]+)×([0-9.]+)=([0-9.]+)分)`)
	// （一）项目资金情况（10分）: the points the fund's rate is scored of.
	fundsPoints = regexp.MustCompile(`项目资金情况（([0-9.]+)分）`)
	// 变动程度=（1558-1352.2）/1558*100%=13.21%＞10%，得8分 (report) or
	// 变动程度=(1558-1352.2)/1558=13.21%＞10%，得8分 (workbook).
	variance = regexp.MustCompile(`变动程度=[（(]([0-9.]+)-([0-9.]+)[）)]/([0-9.]+)(?:\*100%)?=([0-9.]+)%(≤|＞)([0-9.]+)%，得([0-9.]+)分`)
	// 完成率=实际/计划=3/7=42.86%，得分=42.86%×4=1.71分 or …得分=3/7×4=1.71分;
	// 预算执行率=实际支出/预算=4.85/16=30.31%，得分=30.31%×10=3.03分.
	sheetRatio = regexp.MustCompile(`=([0-9.]+)/([0-9.]+)=([0-9.]+)%，(?:得分=([0-9.]+)%×([0-9.]+)=([0-9.]+)分|得分=([0-9.]+)/([0-9.]+)×([0-9.]+)=([0-9.]+)分|(?:达到计划，)?得满分([0-9.]+)分)`)
)

// walked counts the computations a walk checked, by kind, and lists those
// that do not reproduce.
type walked struct {
	rate, variance, ratio int
	wrong                 []string
}

func (w *walked) Errorf(format string, args ...any) {
	w.wrong = append(w.wrong, fmt.Sprintf(format, args...))
}

// checkPrinted walks a year's documents and fails the test on any printed
// computation that does not reproduce.
func checkPrinted(t *testing.T, reportText, bookText string, y *fund.Year) walked {
	t.Helper()
	w := walkPrinted(reportText, bookText, y)
	for _, s := range w.wrong {
		t.Error(s)
	}
	return w
}

// walkPrinted recomputes every printed computation of a year's report and
// workbook text; the year's variance rules tell a printed variance's score.
func walkPrinted(reportText, bookText string, y *fund.Year) walked {
	var w walked
	t := &w
	pm := fundsPoints.FindStringSubmatch(reportText)
	if pm == nil {
		t.Errorf("the report has no 项目资金情况（N分） heading")
		return w
	}
	points := rat(pm[1])
	for _, m := range reportRate.FindAllStringSubmatch(reportText, -1) {
		w.rate++
		a, b, x := rat(m[1]), rat(m[2]), rat(m[3])
		if got := round2(mul(quo(a, b), hundred)); got.Cmp(x) != 0 {
			t.Errorf("%s: %s/%s is %s%%, not %s%%", m[0], m[1], m[2], got.FloatString(2), m[3])
		}
		if m[4] != "" {
			// Scored from the printed rate: X% × points.
			if want := round2(quo(mul(x, points), hundred)); want.Cmp(rat(m[4])) != 0 {
				t.Errorf("%s: %s%% × %s = %s, not %s", m[0], m[3], pm[1], want.FloatString(2), m[4])
			}
			continue
		}
		if m[5] != m[1] || m[6] != m[2] || m[7] != pm[1] {
			t.Errorf("%s: the fraction is not the printed spending/budget × points", m[0])
		}
		if want := round2(mul(quo(rat(m[5]), rat(m[6])), rat(m[7]))); want.Cmp(rat(m[8])) != 0 {
			t.Errorf("%s: %s/%s × %s = %s, not %s", m[0], m[5], m[6], m[7], want.FloatString(2), m[8])
		}
	}
	for _, text := range []string{reportText, bookText} {
		for _, m := range variance.FindAllStringSubmatch(text, -1) {
			w.variance++
			hi, lo, plan, x := rat(m[1]), rat(m[2]), rat(m[3]), rat(m[4])
			if got := round2(mul(quo(new(big.Rat).Sub(hi, lo), plan), hundred)); got.Cmp(x) != 0 {
				t.Errorf("%s: the variance is %s%%, not %s%%", m[0], got.FloatString(2), m[4])
			}
			bound := rat(m[6])
			if (m[5] == "≤") != (x.Cmp(bound) <= 0) {
				t.Errorf("%s: %s%% %s %s%% is false", m[0], m[4], m[5], m[6])
			}
			if !varianceScores(y, x, m[5], m[6], m[7]) {
				t.Errorf("%s: no variance rule of the year scores %s%% %s", m[0], m[4], m[7])
			}
		}
	}
	for _, m := range sheetRatio.FindAllStringSubmatch(bookText, -1) {
		w.ratio++
		a, b, x := rat(m[1]), rat(m[2]), rat(m[3])
		if got := round2(mul(quo(a, b), hundred)); got.Cmp(x) != 0 {
			t.Errorf("%s: %s/%s is %s%%", m[0], m[1], m[2], got.FloatString(2))
		}
		switch {
		case m[4] != "":
			if m[4] != m[3] {
				t.Errorf("%s: scores another rate than the one printed", m[0])
			}
			if want := round2(quo(mul(rat(m[4]), rat(m[5])), hundred)); want.Cmp(rat(m[6])) != 0 {
				t.Errorf("%s: %s%% × %s = %s, not %s", m[0], m[4], m[5], want.FloatString(2), m[6])
			}
		case m[7] != "":
			if want := round2(mul(quo(rat(m[7]), rat(m[8])), rat(m[9]))); want.Cmp(rat(m[10])) != 0 {
				t.Errorf("%s: %s/%s × %s = %s, not %s", m[0], m[7], m[8], m[9], want.FloatString(2), m[10])
			}
		default:
			if a.Cmp(b) < 0 {
				t.Errorf("%s: full points below plan", m[0])
			}
		}
	}
	return w
}

// varianceScores reports whether some variance rule of the year has the
// band the printed comparison names (≤T: the first band, up to T; ＞T: the
// band after the one up to T), with the variance in it and the printed
// score as its score.
func varianceScores(y *fund.Year, x *big.Rat, cmp, bound, score string) bool {
	for _, r := range y.Scoring.Rules {
		if r.Kind != fund.KindVariance {
			continue
		}
		for i, b := range r.Bands {
			names := (cmp == "≤" && i == 0 && b.Max != nil && b.Max.String() == bound) ||
				(cmp == "＞" && i > 0 && r.Bands[i-1].Max != nil && r.Bands[i-1].Max.String() == bound)
			inside := b.Max == nil || x.Cmp(b.Max.Rat()) <= 0
			if names && inside && b.Score.String() == score {
				return true
			}
		}
	}
	return false
}

// buildText builds the year in dataDir and returns its report's and
// workbook's text and the loaded year.
func buildText(t *testing.T, dataDir string, year int) (string, string, *fund.Year) {
	t.Helper()
	out, ds := Run(Options{DataDir: dataDir, TemplatesDir: filepath.Join("..", "..", "templates"), Year: year})
	if out == nil {
		t.Fatalf("build: %v", ds)
	}
	var rep, book string
	for _, f := range out.Files {
		text, err := textconv.Text(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(f.Name, "绩效评价报告.docx"):
			rep = text
		case strings.HasSuffix(f.Name, "评分表.xlsx"):
			book = text
		}
	}
	if rep == "" || book == "" {
		t.Fatalf("no report or workbook among %d files", len(out.Files))
	}
	return rep, book, out.Year
}

func TestPrintedArithmeticOf2019Reproduces(t *testing.T) {
	rep, book, y := buildText(t, filepath.Join("..", "testdata", "seed"), 2019)
	w := checkPrinted(t, rep, book, y)
	// The report's fund rate, five sub-projects' cost variances in the
	// report and the workbook, five execution rates and the completion
	// rates in the workbook.
	if w.rate != 1 || w.variance != 10 || w.ratio < 20 {
		t.Errorf("walked %d rates, %d variances, %d ratios; want 1, 10, ≥ 20", w.rate, w.variance, w.ratio)
	}
	if !strings.Contains(rep, "预算资金执行率=1756.58/2010*100%=87.39%，得8.74分。") {
		t.Error("the report's execution-rate sentence changed")
	}
}

// halfSpendings lists the spendings (万元, two places, 0–16) of the seed's
// management sub-project, made to spend up to its whole 16 万元 budget,
// that put the fund's execution rate just under a half at the third decimal
// of its score: 1751.73 + s of 2010, rounded to a percentage ending in 5,
// whose score the printed rate rounds up and the exact ratio down.
func halfSpendings() []string {
	var out []string
	for c := int64(0); c <= 1600; c++ {
		spend := new(big.Rat).Add(big.NewRat(175173, 100), big.NewRat(c, 100))
		rate := quo(mul(spend, hundred), big.NewRat(2010, 1))
		printed := round2(rate)
		fromPrinted := round2(quo(mul(printed, big.NewRat(10, 1)), hundred))
		exact := round2(quo(mul(rate, big.NewRat(10, 1)), hundred))
		if fromPrinted.Cmp(exact) != 0 {
			out = append(out, big.NewRat(c, 100).FloatString(2))
		}
	}
	return out
}

// halfYear writes the seed year with the management sub-project spending
// spend (and arriving in full); the fund's spending, left to the tool,
// follows. from sets score_from.
func halfYear(t *testing.T, spend, from string) string {
	t.Helper()
	data := t.TempDir()
	src := filepath.Join("..", "testdata", "seed", "2019")
	dst := filepath.Join(data, "2019")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(src, "*.toml"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		switch filepath.Base(n) {
		case "fund.toml":
			s = replaceLine(t, s, "spending = 1756.58", "")
		case "subproject-5-management.toml":
			s = replaceLine(t, s, "arrived = 4.85", "arrived = 16")
			s = replaceLine(t, s, "spending = 4.85", "spending = "+spend)
			s = strings.Replace(s, "具体支出为专利数据库建设第二期费用4.85万元。", "具体支出为专利数据库建设第二期费用。", 1)
		case "scoring.toml":
			s = replaceLine(t, s, `score_from = "rounded_rate"`, `score_from = "`+from+`"`)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(n)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// replaceLine replaces the one line that starts with old.
func replaceLine(t *testing.T, s, old, new string) string {
	t.Helper()
	lines := strings.Split(s, "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, old) {
			lines[i] = new
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d lines start with %q", n, old)
	}
	return strings.Join(lines, "\n")
}

// TestPrintedArithmeticReproducesAtEveryHalf builds years whose execution
// rate is printed as …x5 with the exact ratio just below, where a score
// computed from the exact ratio would disagree with the printed rate (the
// issue's 86.65% and 8.66), under both score_from rules.
func TestPrintedArithmeticReproducesAtEveryHalf(t *testing.T) {
	spends := halfSpendings()
	if len(spends) < 24 {
		t.Fatalf("only %d spendings put the rate at a half; want ≥ 24", len(spends))
	}
	step := len(spends) / 24
	years := 0
	for i := 0; i < len(spends) && years < 24; i += step {
		spend := spends[i]
		years++
		rep, book, y := buildText(t, halfYear(t, spend, fund.ScoreFromRoundedRate), 2019)
		if w := checkPrinted(t, rep, book, y); w.rate != 1 || w.ratio < 20 {
			t.Errorf("spending %s: walked %d rates, %d ratios", spend, w.rate, w.ratio)
		}
		if i%(4*step) == 0 {
			rep, book, y := buildText(t, halfYear(t, spend, fund.ScoreFromExact), 2019)
			if w := checkPrinted(t, rep, book, y); w.rate != 1 || w.ratio < 20 {
				t.Errorf("spending %s, exact: walked %d rates, %d ratios", spend, w.rate, w.ratio)
			}
			if !strings.Contains(rep, "，得分=") {
				t.Errorf("spending %s, exact: the report does not print the fraction", spend)
			}
		}
	}
	if years < 20 {
		t.Errorf("%d years built, want ≥ 20", years)
	}
}

// TestTheWalkCatchesWhatDoesNotReproduce is the walk's own check: the
// issue's sentence (86.65% scored 8.66, from the exact ratio), a workbook
// score off its printed rate and a variance in the wrong band all fail it.
func TestTheWalkCatchesWhatDoesNotReproduce(t *testing.T) {
	rep, book, y := buildText(t, filepath.Join("..", "testdata", "seed"), 2019)
	for _, c := range []struct{ old, new, want string }{
		{"预算资金执行率=1756.58/2010*100%=87.39%，得8.74分", "预算资金执行率=1741.66/2010*100%=86.65%，得8.66分", "86.65% × 10 = 8.67, not 8.66"},
		{"得分=30.31%×10=3.03分", "得分=30.31%×10=3.04分", "30.31% × 10 = 3.03, not 3.04"},
		{"=13.21%＞10%，得8分", "=13.21%＞10%，得10分", "no variance rule of the year scores 13.21% 10"},
	} {
		r, b := strings.Replace(rep, c.old, c.new, 1), strings.Replace(book, c.old, c.new, 1)
		if r == rep && b == book {
			t.Fatalf("the documents do not say %q", c.old)
		}
		w := walkPrinted(r, b, y)
		if !strings.Contains(strings.Join(w.wrong, "\n"), c.want) {
			t.Errorf("%q: the walk said %q, want %q", c.new, w.wrong, c.want)
		}
	}
}
