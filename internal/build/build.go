// Package build runs the whole pipeline for one year: load and validate the
// data, compute the figures, render every document into memory. It writes
// nothing; the caller swaps the files into out/<year>/ only when the run
// succeeded as a whole.
//
// A year may hold two jobs: the fund's performance evaluation (the city
// bureau's report, from every *.toml but allocation.toml) and the
// provincial factor-method allocation (allocation.toml). Each job owns its
// output files, so one can be rebuilt alone without touching the other's.
package build

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"ipfund/internal/alloc"
	"ipfund/internal/calc"
	"ipfund/internal/diag"
	"ipfund/internal/docx"
	"ipfund/internal/figures"
	"ipfund/internal/fund"
	"ipfund/internal/limits"
	"ipfund/internal/outdir"
	"ipfund/internal/report"
	"ipfund/internal/workbook"
	"ipfund/templates"
)

// Job selects what a run builds.
type Job int

// Jobs.
const (
	// All builds every job the year has data for.
	All Job = iota
	// Allocation builds only the factor-method allocation.
	Allocation
)

// Options say where the inputs are and what to build.
type Options struct {
	DataDir      string // the directory holding one folder per year
	TemplatesDir string // the Word templates; "" for the ones built into the program
	Year         int
	Job          Job
}

// Output is what a successful run produced. Year/Result are nil when the
// evaluation job did not run, Plan/Allocation when the allocation did not.
type Output struct {
	Year       *fund.Year
	Result     *calc.Result
	Plan       *alloc.Plan
	Allocation *alloc.Result
	Files      []outdir.File
}

// File names of the allocation job's outputs (fixed: the year is the
// directory).
const (
	AllocationFigures  = "allocation-figures.toml"
	AllocationWorkbook = "因素法分配测算表.xlsx"
)

// AllocationFiles lists the names the allocation job owns in out/<year>/.
var AllocationFiles = []string{AllocationFigures, AllocationWorkbook, report.AllocationFileName}

// YearDir is the data directory of the year.
func (o Options) YearDir() string { return filepath.Join(o.DataDir, strconv.Itoa(o.Year)) }

// Check loads, validates and computes the year's jobs without rendering
// anything. The output is nil when the data has errors.
func Check(o Options) (*Output, diag.List) {
	dir := o.YearDir()
	var ds diag.List
	fundFiles, err := fund.DataFiles(dir)
	if err != nil {
		ds.Errorf(diag.Pos{File: dir}, "无法读取数据目录：%s。请确认该年度的数据目录存在。", err)
		return nil, ds
	}
	allocPath := filepath.Join(dir, alloc.FileName)
	_, statErr := os.Stat(allocPath)
	hasAlloc := statErr == nil
	out := &Output{}
	switch {
	case o.Job == Allocation && !hasAlloc:
		ds.Errorf(diag.Pos{File: dir}, "该年度没有因素法分配数据 %s。请先建立该文件（可参照 data/2023/%s）。", alloc.FileName, alloc.FileName)
		return nil, ds
	case len(fundFiles) == 0 && !hasAlloc:
		ds.Errorf(diag.Pos{File: dir}, "数据目录中没有 .toml 数据文件。请把该年度的数据文件放在这里（可复制上一年度的目录后修改）。")
		return nil, ds
	}
	if o.Job == All && len(fundFiles) > 0 {
		y, fds := fund.Load(dir)
		ds = append(ds, fds...)
		if y != nil && !fds.HasErrors() {
			out.Year, out.Result = y, calc.Compute(y)
		}
	}
	if hasAlloc {
		p, ads := alloc.Load(allocPath)
		ds = append(ds, ads...)
		if p != nil && !ads.HasErrors() {
			r, err := p.Allocate()
			if err != nil {
				// Load has already run the same checks; this is a bug.
				ds.Errorf(diag.Pos{File: allocPath}, "因素法分配计算失败：%s", err)
			} else {
				out.Plan, out.Allocation = p, r
			}
		}
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return out, ds
}

// Run checks the year and renders every output of the selected jobs into
// memory. The output is nil when anything failed; the diagnostics say why
// (and carry the warnings either way).
func Run(o Options) (*Output, diag.List) {
	out, ds := Check(o)
	if out == nil {
		return nil, ds
	}
	if out.Result != nil {
		// The scoring workbook is made beside everything else: with a
		// long detail table it takes longest, and the machine has two
		// cores. Both sides only read the result.
		var (
			wg                           sync.WaitGroup
			figDiags                     diag.List
			figs, rep, targets, selfEval outdir.File
			repDiags, tDiags, sDiags     diag.List
			book                         []byte
			bookErr                      error
		)
		wg.Go(func() { book, bookErr = workbook.Scoring(out.Result) })
		wg.Go(func() {
			figs = figuresFile(&figDiags, o.YearDir(), figures.FileName, figures.Write(out.Result))
			rep, repDiags = render(o, report.TemplateName, report.FileName(out.Result), func(name string, tmpl []byte) ([]byte, error) {
				return report.Render(name, tmpl, out.Result)
			})
			if out.Year.Targets != nil {
				targets, tDiags = render(o, report.TargetsTemplateName, report.TargetsFileName(out.Result), func(name string, tmpl []byte) ([]byte, error) {
					return report.RenderTargets(name, tmpl, out.Result)
				})
			}
			if out.Result.SelfEval != nil {
				selfEval, sDiags = render(o, report.SelfEvalTemplateName, report.SelfEvalFileName(out.Result), func(name string, tmpl []byte) ([]byte, error) {
					return report.RenderSelfEval(name, tmpl, out.Result)
				})
			}
		})
		wg.Wait()
		ds = append(ds, figDiags...)
		out.Files = append(out.Files, figs)
		if repDiags != nil {
			ds = append(ds, repDiags...)
		} else {
			out.Files = append(out.Files, rep)
		}
		if bookErr != nil {
			ds.Errorf(diag.Pos{File: o.YearDir()}, "生成评分表失败：%s", bookErr)
		} else {
			out.Files = append(out.Files, outdir.File{Name: workbook.ScoringFileName(out.Result), Data: book})
		}
		for _, r := range []struct {
			made  bool
			f     outdir.File
			diags diag.List
		}{{out.Year.Targets != nil, targets, tDiags}, {out.Result.SelfEval != nil, selfEval, sDiags}} {
			switch {
			case !r.made:
			case r.diags != nil:
				ds = append(ds, r.diags...)
			default:
				out.Files = append(out.Files, r.f)
			}
		}
	}
	if out.Allocation != nil {
		out.Files = append(out.Files, figuresFile(&ds, out.Plan.File, AllocationFigures, figures.WriteAllocation(out.Plan, out.Allocation)))
		if data, err := workbook.Allocation(out.Plan.Title, out.Allocation); err != nil {
			ds.Errorf(diag.Pos{File: out.Plan.File}, "生成分配测算表失败：%s", err)
		} else {
			out.Files = append(out.Files, outdir.File{Name: AllocationWorkbook, Data: data})
		}
		if f, d := render(o, report.AllocationTemplateName, report.AllocationFileName, func(name string, tmpl []byte) ([]byte, error) {
			return report.RenderAllocation(name, tmpl, out.Plan, out.Allocation)
		}); d != nil {
			ds = append(ds, d...)
		} else {
			out.Files = append(out.Files, f)
		}
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return out, ds
}

// figuresFile checks a figures file before it can reach out/: a file that
// `ipfund diff` would reject is a bug, reported instead of written.
func figuresFile(ds *diag.List, from, name string, data []byte) outdir.File {
	if err := figures.Check(data); err != nil {
		ds.Errorf(diag.Pos{File: from}, "程序生成的计算结果 %s 不是有效的结果文件（%v）。这是程序的错误，请把数据文件和这条提示一起报告给维护者。", name, err)
	}
	return outdir.File{Name: name, Data: data}
}

// BuiltInTemplates names the built-in templates in messages, in place of
// a folder.
const BuiltInTemplates = "（程序内置模板）"

// render fills one Word template of the templates directory (or the
// built-in one); a missing or broken template becomes a diagnostic naming
// the file.
func render(o Options, tmplName, outName string, fill func(name string, tmpl []byte) ([]byte, error)) (outdir.File, diag.List) {
	var path string
	var tmpl []byte
	var err error
	if o.TemplatesDir == "" {
		path = BuiltInTemplates + tmplName
		tmpl, err = templates.Read(tmplName)
	} else {
		path = filepath.Join(o.TemplatesDir, tmplName)
		// Read no more than a template may hold: a 2 GB file is refused
		// after 50 MB, not read whole first.
		tmpl, err = limits.ReadFile(path, limits.TemplateFile)
	}
	var tl *limits.TooLargeError
	switch {
	case errors.As(err, &tl):
		size := ""
		if tl.Size >= 0 {
			size = "（" + diag.Size(tl.Size) + "）"
		}
		return outdir.File{}, diag.List{{Pos: diag.Pos{File: path}, Msg: "模板文件过大" + size + "，超过上限 " + diag.Size(limits.TemplateFile) + "。",
			Hint: "模板只需包含文字和格式；请删去其中的大图片或嵌入的文件后重新保存。"}}
	case err != nil:
		return outdir.File{}, diag.List{{Pos: diag.Pos{File: path}, Msg: "无法读取 Word 模板：" + diag.IOError(err) + "。",
			Hint: "请把该模板放回（可从版本库中恢复：“git checkout -- " + filepath.ToSlash(path) + "”），或用 -templates 指定其他模板文件夹；不需要自己的模板时，把模板文件夹改名（或去掉 -templates），程序就使用内置的模板。"}}
	}
	data, err := fill(path, tmpl)
	if err != nil {
		return outdir.File{}, templateErrors(path, err)
	}
	return outdir.File{Name: outName, Data: data}, nil
}

// templateErrors turns template errors into diagnostics on the template's
// file, one per problem.
func templateErrors(path string, err error) diag.List {
	var ds diag.List
	var many docx.Errors
	var one *docx.Error
	switch {
	case errors.As(err, &many):
		for _, e := range many {
			ds.Add(diag.Diagnostic{Pos: diag.Pos{File: path}, Msg: "模板" + e.Detail()})
		}
	case errors.As(err, &one):
		ds.Add(diag.Diagnostic{Pos: diag.Pos{File: path}, Msg: "模板" + one.Detail()})
	default:
		ds.Add(diag.Diagnostic{Pos: diag.Pos{File: path}, Msg: err.Error()})
	}
	return ds
}

// Owns tells which of the files an earlier run wrote into out/<year>/ a
// run of the job answers for (those it no longer makes are removed; the
// others are carried over): a run of every job answers for all of them,
// a run of the allocation alone only for the allocation's.
func (o Options) Owns(name string) bool {
	if o.Job == All {
		return true
	}
	for _, n := range AllocationFiles {
		if n == name {
			return true
		}
	}
	return false
}
