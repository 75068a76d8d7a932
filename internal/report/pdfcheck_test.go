package report

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// Checks on the text pdftotext -layout extracts from LibreOffice's PDFs.

// pdfPages splits a PDF's text into pages of non-empty lines, the page
// number (the last line) dropped.
func pdfPages(text string) [][]string {
	var out [][]string
	for _, pg := range strings.Split(text, "\f") {
		var lines []string
		for _, l := range strings.Split(pg, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, lines[:len(lines)-1])
		}
	}
	return out
}

// reColumnGap is the gap between a table's columns (or a chart's labels).
var reColumnGap = regexp.MustCompile(`\S {3,}\S`)

func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// checkTypeArea checks the GB/T 9704 type area of the report: no page has
// more than 22 lines, and on the pages of plain text every full line holds
// 28 characters. A full line is one its paragraph continues after, at the
// left margin; where the line ends between two Chinese characters (no
// Latin word or punctuation rule moved the break) it must hold exactly 28,
// the first line of a paragraph counting its two characters of indent. A
// line ending in punctuation may hold a 29th that hangs past the margin,
// as Word and WPS allow too.
func checkTypeArea(t *testing.T, text string) {
	t.Helper()
	measured := 0
	for p, lines := range pdfPages(text) {
		plain := true
		for _, l := range lines {
			plain = plain && !reColumnGap.MatchString(strings.TrimSpace(l))
		}
		if !plain || len(lines) < 2 {
			continue // tables and charts have their own sizes
		}
		if len(lines) > 22 {
			t.Errorf("page %d has %d lines, more than GB/T 9704's 22", p+1, len(lines))
		}
		margin := indent(lines[0])
		for _, l := range lines {
			margin = min(margin, indent(l))
		}
		for i, l := range lines[:len(lines)-1] {
			next := strings.TrimSpace(lines[i+1])
			if indent(lines[i+1]) != margin {
				continue // the paragraph ends here
			}
			s := []rune(strings.TrimSpace(l))
			if strings.ContainsFunc(string(s), func(r rune) bool { return r < 0x2E80 }) {
				continue // Latin words and numbers have their own widths
			}
			n := len(s)
			if indent(l) > margin {
				n += 2
			}
			nextHan := isHan([]rune(next)[0])
			switch last := s[len(s)-1]; {
			case isHan(last) && nextHan:
				measured++
				if n != 28 {
					t.Errorf("page %d: a full line of %d characters, want 28: %q", p+1, n, l)
				}
			case !isHan(last) && nextHan && n != 28 && n != 29:
				t.Errorf("page %d: a full line of %d characters ending in %q, want 28 (29 with the punctuation hanging): %q", p+1, n, last, l)
			}
		}
	}
	if measured < 50 {
		t.Errorf("only %d full lines measured; the check is not seeing the body text", measured)
	}
}

// checkClosingPage checks that the last page holds body text, then the
// signature and under it the date, never the signature alone.
func checkClosingPage(t *testing.T, text, signature, date string) {
	t.Helper()
	pages := pdfPages(text)
	last := pages[len(pages)-1]
	sig, day, attach := -1, -1, -1
	for i, l := range last {
		switch flat := strings.Join(strings.Fields(l), ""); {
		case flat == signature:
			sig = i
		case flat == date:
			day = i
		case strings.HasPrefix(flat, "附件："):
			attach = i
		}
	}
	if sig < 0 || day != sig+1 {
		t.Fatalf("the last page does not end with the signature %q and the date %q under it:\n%s", signature, date, strings.Join(last, "\n"))
	}
	if attach < 1 {
		t.Errorf("the last page has no body text before the 附件 line and the signature:\n%s", strings.Join(last, "\n"))
	}
}

// checkAllocationTable checks that the allocation table, which fits on a
// page, is on one: its header, every city and the 合计 row.
func checkAllocationTable(t *testing.T, text string, r *alloc.Result) {
	t.Helper()
	for p, lines := range pdfPages(text) {
		page := strings.Join(lines, "\n")
		if !strings.Contains(page, "100.0000%") || !regexp.MustCompile(`合计\s+100\.0000%`).MatchString(page) {
			continue
		}
		if !strings.Contains(page, "序号") {
			t.Errorf("page %d: the 合计 row without the table's header", p+1)
		}
		for i, c := range r.Cities {
			if !regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\s+%s\s`, i+1, c.Name)).MatchString(page) {
				t.Errorf("page %d: the 合计 row without %s's row: the table is split", p+1, c.Name)
			}
		}
		return
	}
	t.Error("no page with the allocation table's 合计 row")
}

// checkTargetLabels checks that every page of the target table shows the
// 一级 and 二级 labels of the rows it holds. With continued, the rows of one
// group run over more than one page, so that some page starts inside it.
func checkTargetLabels(t *testing.T, name, text string, rows []calc.TargetResult, continued bool) {
	t.Helper()
	prefix := func(s string, n int) string {
		r := []rune(s)
		return string(r[:min(n, len(r))])
	}
	groupPages := map[string]int{}
	for p, lines := range pdfPages(text) {
		// The indicator rows are under the header row (page 1 also holds
		// the form above, whose goals may quote an indicator).
		head := -1
		for i, l := range lines {
			if strings.Contains(l, "三级指标") && strings.Contains(l, "一级指标") {
				head = i
			}
		}
		if head < 0 {
			continue
		}
		lines = lines[head+1:]
		var tokens []string
		var flat []string
		for _, l := range lines {
			tokens = append(tokens, strings.Fields(l)...)
			flat = append(flat, strings.Join(strings.Fields(l), ""))
		}
		hasToken := func(label string) bool {
			for _, tok := range tokens {
				if strings.HasPrefix(tok, prefix(label, 3)) {
					return true
				}
			}
			return false
		}
		seen := map[string]bool{}
		for _, tr := range rows {
			tg := tr.Target
			found := false
			for _, l := range flat {
				found = found || strings.Contains(l, prefix(tg.Name, 8))
			}
			if !found {
				continue
			}
			key := tg.Level1 + "/" + tg.Level2
			if !seen[key] {
				seen[key] = true
				groupPages[key]++
			}
			if !hasToken(tg.Level1) || !hasToken(tg.Level2) {
				t.Errorf("%s page %d holds %q but not its labels %s and %s:\n%s", name, p+1, tg.Name, tg.Level1, tg.Level2, strings.Join(lines, "\n"))
			}
		}
	}
	if len(groupPages) == 0 {
		t.Errorf("%s: no target row found in the PDF", name)
	}
	most := 0
	for _, n := range groupPages {
		most = max(most, n)
	}
	if continued && most < 2 {
		t.Errorf("%s: no group runs over two pages (%v); the check saw no continuation page", name, groupPages)
	}
}

// longTargets is the 2019 year with a target table whose 产出指标/数量指标
// group has 45 rows: more than a page, so that pages start inside it.
func longTargets(t *testing.T) *calc.Result {
	t.Helper()
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r := calc.Compute(y)
	var rows []calc.TargetResult
	for i := range 45 {
		tg := *r.Targets[0].Target
		tg.Name = fmt.Sprintf("测试指标第%02d项", i+1)
		rows = append(rows, calc.TargetResult{Target: &tg, Status: r.Targets[0].Status})
	}
	rows = append(rows, r.Targets[len(r.Targets)-2:]...)
	r.Targets = rows
	return r
}
