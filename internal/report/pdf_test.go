package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/fund"
	"ipfund/internal/office"
	"ipfund/internal/tomlx"
)

// TestLibreOfficeConvertsTheDocumentsToPDF converts the three Word
// documents with LibreOffice and reads the PDFs back: the report runs to
// the expected length with its page numbers, the tables' figures are on
// the pages.
func TestLibreOfficeConvertsTheDocumentsToPDF(t *testing.T) {
	soffice := office.Require(t)
	dir := t.TempDir()
	if keep := os.Getenv("IPFUND_PDF_DIR"); keep != "" {
		dir = keep // to look at the pages: IPFUND_PDF_DIR=/tmp/pdf go test -run LibreOffice ./internal/report
	}
	y, _ := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	// The seed report is undated; a report goes out dated.
	y.Report.Date = &tomlx.Date{Year: 2020, Month: 6, Day: 30}
	r := calc.Compute(y)
	p, _ := alloc.Load(filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	ar, _ := p.Allocate()
	long := longTargets(t)
	docs := map[string]func(string, []byte) ([]byte, error){
		"report":       func(n string, b []byte) ([]byte, error) { return Render(n, b, r) },
		"targets":      func(n string, b []byte) ([]byte, error) { return RenderTargets(n, b, r) },
		"allocation":   func(n string, b []byte) ([]byte, error) { return RenderAllocation(n, b, p, ar) },
		"selfeval":     func(n string, b []byte) ([]byte, error) { return RenderSelfEval(n, b, r) },
		"long-targets": func(n string, b []byte) ([]byte, error) { return RenderTargets(n, b, long) },
	}
	var files []string
	for name, fill := range docs {
		tmpl, err := os.ReadFile(filepath.Join("..", "..", "templates", strings.TrimPrefix(name, "long-")+".docx"))
		if err != nil {
			t.Fatal(err)
		}
		out, err := fill(name, tmpl)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".docx")
		os.WriteFile(f, out, 0o644)
		files = append(files, f)
	}
	fonts, _ := filepath.Abs(filepath.Join("..", "..", "templates", "fonts.conf"))
	if err := office.Convert(context.Background(), soffice, "pdf", dir, fonts, files...); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("未安装 poppler-utils（pdftotext）：PDF 已生成，跳过内容检查")
	}
	text := func(name string) (string, int) {
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, name+".pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		return s, strings.Count(s, "\f")
	}
	rep, pages := text("report")
	if pages < 20 || pages > 40 {
		t.Errorf("the report has %d pages, expected 20–40 (A4, 3号 body)", pages)
	}
	// pdftotext loses some spaces and breaks lines: compare without them.
	flat := strings.Join(strings.Fields(rep), "")
	for i := 1; i <= pages; i++ {
		if !strings.Contains(flat, "—"+strconv.Itoa(i)+"—") {
			t.Errorf("no page number — %d — in the report", i)
		}
	}
	for _, want := range []string{"绩效评价报告", "合计62245791352.2", "合计2705300", "综合权重部门评价得分为95.41分", "得8.74分"} {
		if !strings.Contains(flat, want) {
			t.Errorf("report PDF lacks %q", want)
		}
	}
	if tg, _ := text("targets"); !strings.Contains(tg, "未完成") || !strings.Contains(tg, "绩效目标表") {
		t.Error("target table PDF lacks its content")
	}
	al, _ := text("allocation")
	if !strings.Contains(al, "517.11") || !strings.Contains(al, "2000.00") {
		t.Error("allocation PDF lacks the amounts")
	}
	checkTypeArea(t, rep)
	checkClosingPage(t, rep, y.Fund.Department, "2020年6月30日")
	// The charts are drawn: LibreOffice prints their titles.
	for _, title := range []string{FundingChartTitle, ScoresChartTitle} {
		if !strings.Contains(flat, title) {
			t.Errorf("report PDF lacks the chart %q", title)
		}
	}
	for _, title := range []string{AmountsChartTitle, CompositionChartTitle} {
		if !strings.Contains(strings.Join(strings.Fields(al), ""), title) {
			t.Errorf("allocation PDF lacks the chart %q", title)
		}
	}
	checkAllocationTable(t, al, ar)
	tg, _ := text("targets")
	checkTargetLabels(t, "targets", tg, r.Targets, false)
	lt, _ := text("long-targets")
	checkTargetLabels(t, "long-targets", lt, long.Targets, true)
	checkSelfEvalPDF(t, text)
}
