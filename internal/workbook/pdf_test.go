package workbook

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/calc"
	"ipfund/internal/office"
)

// pdfPages converts a workbook with LibreOffice and returns each printed
// page's lines (pdftotext -layout).
func printedPages(t *testing.T, books map[string][]byte) map[string][][]string {
	t.Helper()
	soffice := requireSoffice(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("未安装 poppler-utils（pdftotext）：跳过打印页检查")
	}
	dir := t.TempDir()
	if keep := os.Getenv("IPFUND_PDF_DIR"); keep != "" {
		dir = keep
	}
	var files []string
	for name, b := range books {
		f := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	fonts := filepath.Join(repoRoot(t), "templates", "fonts.conf")
	if err := office.Convert(context.Background(), soffice, "pdf", dir, fonts, files...); err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	for name := range books {
		text, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, name+".pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, pg := range strings.Split(string(text), "\f") {
			var lines []string
			for _, l := range strings.Split(pg, "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, l)
				}
			}
			out[name] = append(out[name], lines)
		}
	}
	return out
}

// labelled is a row of a printed table, found by a piece of its text, and
// the labels its page must show.
type labelled struct {
	text   string
	labels []string
	cell   bool // text is a whole cell, never wrapped
}

// on reports whether a row's text is a cell of the page: a cell of its
// own, or (when it wraps) its first line, at least four characters.
func (row labelled) on(tokens []string) bool {
	for _, tok := range tokens {
		if tok == row.text || (!row.cell && len([]rune(tok)) >= 4 && strings.HasPrefix(row.text, tok)) {
			return true
		}
	}
	return false
}

// hasLabel reports whether a page shows a label as a cell of its own (a
// long label may wrap: its first three characters then start a cell).
func hasLabel(tokens []string, label string) bool {
	r := []rune(label)
	for _, tok := range tokens {
		if tok == label || (len(r) > 3 && strings.HasPrefix(tok, string(r[:3]))) {
			return true
		}
	}
	return false
}

// checkPageLabels checks every page whose table header contains head: each
// row found on it has its labels on it too. It returns how many pages
// showed rows of each label set, to tell continuation pages were seen.
func checkPageLabels(t *testing.T, name string, pages [][]string, head []string, rows []labelled) map[string]int {
	t.Helper()
	spans := map[string]int{}
	for p, lines := range pages {
		start := -1
		for i, l := range lines {
			all := true
			for _, h := range head {
				all = all && strings.Contains(l, h)
			}
			if all {
				start = i
				break
			}
		}
		if start < 0 {
			continue
		}
		body := lines[start+1:]
		var tokens []string
		for _, l := range body {
			tokens = append(tokens, strings.Fields(l)...)
		}
		seen := map[string]bool{}
		for _, row := range rows {
			if !row.on(tokens) {
				continue
			}
			key := strings.Join(row.labels, "/")
			if !seen[key] {
				seen[key] = true
				spans[key]++
			}
			for _, label := range row.labels {
				if !hasLabel(tokens, label) {
					t.Errorf("%s page %d holds %q but not its label %q:\n%s", name, p+1, row.text, label, strings.Join(body, "\n"))
				}
			}
		}
	}
	return spans
}

// TestLibreOfficePrintsTheLabelsOnEveryPage prints the scoring workbook:
// every page of a 评分表, of the 绩效目标表 and of a detail sheet shows the
// labels of the groups its rows belong to, also the pages that start
// inside a group (the 2019 评分表 of the 奖励 project has two; a second
// workbook has a target group and a detail group of 60 rows each).
func TestLibreOfficePrintsTheLabelsOnEveryPage(t *testing.T) {
	r := result2019(t)
	b, err := Scoring(r)
	if err != nil {
		t.Fatal(err)
	}
	long := result2019(t)
	long.Subprojects[0].Sub.Detail = manyGroups(2, 60)
	var targets []calc.TargetResult
	for i := range 60 {
		tg := *long.Targets[0].Target
		tg.Name = fmt.Sprintf("测试指标第%02d项", i+1)
		targets = append(targets, calc.TargetResult{Target: &tg, Status: long.Targets[0].Status})
	}
	long.Targets = append(targets, long.Targets[len(long.Targets)-1])
	lb, err := Scoring(long)
	if err != nil {
		t.Fatal(err)
	}
	printed := printedPages(t, map[string][]byte{"scoring": b, "long": lb})

	// The 评分表: each indicator with its 一级 and 二级 indicator.
	var indicators []labelled
	for ci, ct := range r.Categories {
		for _, is := range r.Subprojects[0].Categories[ci].Indicators {
			indicators = append(indicators, labelled{is.Indicator.Name, []string{ct.Group.Name, ct.Category.Name}, false})
		}
	}
	spans := checkPageLabels(t, "评分表", printed["scoring"], []string{"一级指标", "评分标准"}, indicators)
	if spans["产出/产出数量"] == 0 || spans["效益/经济效益"] == 0 {
		t.Fatalf("the 评分表's rows were not found in the PDF: %v", spans)
	}
	// Pages that start inside 产出 and inside 效益: the 一级 label is on
	// more pages than any one 二级 group.
	if spans["产出/产出质量"]+spans["产出/产出数量"] < 2 {
		t.Errorf("产出 runs over one page only (%v): the check saw no continuation page", spans)
	}

	// The 绩效目标表 and the detail sheet of the long workbook.
	var rows []labelled
	for _, tr := range long.Targets[:60] {
		rows = append(rows, labelled{tr.Target.Name, []string{tr.Target.Level1, tr.Target.Level2}, false})
	}
	if n := checkPageLabels(t, "绩效目标表", printed["long"], []string{"一级指标", "年度指标值"}, rows); n["产出指标/数量指标"] < 2 {
		t.Errorf("the long target group printed on %d pages, want at least 2", n["产出指标/数量指标"])
	}
	rows = nil
	for g, grp := range long.Subprojects[0].Sub.Detail.Groups {
		for i := range grp.Rows {
			rows = append(rows, labelled{fmt.Sprintf("企业%d", g*60+i), []string{grp.Label}, true})
		}
	}
	if n := checkPageLabels(t, "明细", printed["long"], []string{"类别", "企业名称"}, rows); n["第1类"] < 2 || n["第2类"] < 2 {
		t.Errorf("the long detail groups printed on %v pages, want at least 2 each", n)
	}
}
