// Package build runs the whole pipeline for one year: load and validate the
// data, compute the figures, render every document into memory. It writes
// nothing; the caller swaps the files into out/<year>/ only when the run
// succeeded as a whole.
package build

import (
	"path/filepath"
	"strconv"

	"ipfund/internal/calc"
	"ipfund/internal/diag"
	"ipfund/internal/figures"
	"ipfund/internal/fund"
	"ipfund/internal/outdir"
)

// Options say where the inputs are.
type Options struct {
	DataDir      string // the directory holding one folder per year
	TemplatesDir string // the Word templates
	Year         int
}

// Output is what a successful run produced.
type Output struct {
	Year   *fund.Year
	Result *calc.Result
	Files  []outdir.File
}

// YearDir is the data directory of the year.
func (o Options) YearDir() string { return filepath.Join(o.DataDir, strconv.Itoa(o.Year)) }

// Check loads, validates and computes a year without rendering anything.
// The result is nil when the data has errors.
func Check(o Options) (*calc.Result, diag.List) {
	y, ds := fund.Load(o.YearDir())
	if y == nil || ds.HasErrors() {
		return nil, ds
	}
	return calc.Compute(y), ds
}

// Run checks the year and renders every output into memory. The output is
// nil when anything failed; the diagnostics say why (and carry the
// warnings either way).
func Run(o Options) (*Output, diag.List) {
	r, ds := Check(o)
	if r == nil {
		return nil, ds
	}
	out := &Output{Year: r.Year, Result: r}
	out.Files = append(out.Files, outdir.File{Name: figures.FileName, Data: figures.Write(r)})
	return out, ds
}
