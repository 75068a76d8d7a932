package report

import (
	"fmt"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

// TemplateName is the report template's file name in the templates
// directory.
const TemplateName = "report.docx"

// FileName is the report's file name in out/<year>/, e.g.
// 南昌市2019年度知识产权专项资金绩效评价报告.docx.
func FileName(r *calc.Result) string {
	f := r.Year.Fund
	return fmt.Sprintf("%s%d年度%s绩效评价报告.docx", f.Region, f.Year, f.Name)
}

// Render fills the report template (the bytes of a .docx; name is used in
// messages) with a computed year.
func Render(name string, template []byte, r *calc.Result) ([]byte, error) {
	return fill(name, template, Build(r, func(d *fund.Detail) any { return Table(d) }))
}
