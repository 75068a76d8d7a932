package fund

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/tomlx"
)

// file is what one data file may hold. Staff may split or combine sections
// across files as they like; the loader assembles the year.
type file struct {
	Fund       *Fund       `toml:"fund"`
	Documents  []Document  `toml:"document"`
	Scoring    *Scoring    `toml:"scoring"`
	Subproject *Subproject `toml:"subproject"`
	Detail     *Detail     `toml:"detail"`
	Indicators []Indicator `toml:"indicator"`
	Report     *Report     `toml:"report"`
	Targets    *Targets    `toml:"targets"`
	SelfEval   *SelfEval   `toml:"selfeval"`
	// src and its comments, for the review marks (marks.go) and for
	// carrying the file over to a new year (carry.go).
	src      string
	comments comments
}

// Load reads every *.toml file of a year's directory, assembles the year,
// derives the figures that follow from others (derive.go), validates it and
// reviews it against the year before (review.go). It returns the year (nil
// when it could not be assembled), its placeholders filled in, and every
// problem found, errors and warnings, in file order.
func Load(dir string) (*Year, diag.List) {
	y, ds := assemble(dir)
	if y != nil {
		rds, ok := y.readRows()
		ds = append(ds, rds...)
		if !ok {
			return nil, ds.Sorted()
		}
		ds = append(ds, y.derive()...)
		y.fillDefaults()
		ds = append(ds, Validate(y)...)
		ds = append(ds, y.review(previous(dir))...)
		y.fillPlaceholders()
	}
	return y, ds.Sorted().Capped(limits.Messages)
}

// DataFiles lists the fund's data files of a year's directory, sorted by
// name: every *.toml file except the allocation's (alloc.FileName), which
// belongs to the separate factor-method job.
func DataFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") && e.Name() != alloc.FileName {
			names = append(names, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(names)
	return names, nil
}

func assemble(dir string) (*Year, diag.List) {
	var ds diag.List
	dirPos := diag.Pos{File: dir}
	names, err := DataFiles(dir)
	if err != nil {
		ds.Errorf(dirPos, "无法读取数据目录：%s。请确认该年度的数据目录存在。", diag.IOError(err))
		return nil, ds
	}
	if len(names) == 0 {
		ds.Errorf(dirPos, "数据目录中没有 .toml 数据文件。请把该年度的数据文件放在这里（可复制上一年度的目录后修改）。")
		return nil, ds
	}
	y := &Year{Dir: dir, comments: map[string]comments{}, sources: map[string]string{}}
	var fundAt, scoringAt, reportAt, targetsAt, selfEvalAt *tomlx.At
	unreadable := false
	for _, name := range names {
		f, fds := readFile(name)
		ds = append(ds, fds...)
		if f == nil {
			unreadable = true
			continue
		}
		y.comments[name], y.sources[name] = f.comments, f.src
		if f.Fund != nil && once(&ds, &fundAt, f.Fund.At, "[fund]") {
			y.Fund = *f.Fund
		}
		if f.Scoring != nil && once(&ds, &scoringAt, f.Scoring.At, "[scoring]") {
			y.Scoring = *f.Scoring
		}
		if f.Report != nil && once(&ds, &reportAt, f.Report.At, "[report]") {
			y.Report = *f.Report
		}
		if f.Targets != nil && once(&ds, &targetsAt, f.Targets.At, "[targets]") {
			y.Targets = f.Targets
		}
		if f.SelfEval != nil && once(&ds, &selfEvalAt, f.SelfEval.At, "[selfeval]") {
			y.SelfEval = f.SelfEval
		}
		y.Documents = append(y.Documents, f.Documents...)
		switch {
		case f.Subproject != nil:
			sp := *f.Subproject
			sp.Detail, sp.Indicators = f.Detail, f.Indicators
			y.Subprojects = append(y.Subprojects, sp)
		case f.Detail != nil:
			ds.Errorf(f.Detail.At.Pos(), "[detail] 明细表必须与它所属的 [subproject] 写在同一个文件中。请在本文件中补上 [subproject]，或把明细表移到对应子项目的文件里。")
		case len(f.Indicators) > 0:
			ds.Errorf(f.Indicators[0].At.Pos(), "[[indicator]] 绩效指标必须与它所属的 [subproject] 写在同一个文件中。请在本文件中补上 [subproject]，或把指标移到对应子项目的文件里。")
		}
	}
	missing := func(at *tomlx.At, section, what string) {
		// A section may well stand in a file that could not be read;
		// saying it is missing would send the reader looking in vain.
		if at == nil && !unreadable {
			ds.Errorf(dirPos, "缺少 %s（%s）。请在该年度的某个数据文件中填写这一节（可参照其它年度的数据）。", section, what)
		}
	}
	missing(fundAt, "[fund]", "专项资金基本信息")
	missing(scoringAt, "[scoring]", "评价指标体系")
	missing(reportAt, "[report]", "报告文字")
	if len(y.Subprojects) == 0 && !unreadable {
		ds.Errorf(dirPos, "没有任何子项目 [subproject]。每个子项目写一个文件，参照其它年度的“subproject-*.toml”。")
	}
	if ds.HasErrors() {
		// Validation would only repeat what is missing; stop here.
		return nil, ds
	}
	sort.SliceStable(y.Subprojects, func(i, j int) bool { return y.Subprojects[i].No < y.Subprojects[j].No })
	return y, ds
}

// fillDefaults completes what the files may leave implicit: a shared
// indicator's points are its category's; a target's value taken from the
// fund's figures is filled in; ratio rules score the printed rate.
func (y *Year) fillDefaults() {
	if y.Scoring.ScoreFrom == "" {
		y.Scoring.ScoreFrom = ScoreFromRoundedRate
	}
	if y.Targets != nil {
		for i := range y.Targets.Indicators {
			t := &y.Targets.Indicators[i]
			if v, ok := y.Fund.figure(t.ValueFrom); ok {
				t.Value = tomlx.Scalar{Text: v.String(), Num: v, IsNum: true}
			}
			if v, ok := y.Fund.figure(t.ActualFrom); ok {
				t.Actual = &tomlx.Scalar{Text: v.String(), Num: v, IsNum: true}
			}
		}
	}
	for i := range y.Scoring.Categories {
		c := &y.Scoring.Categories[i]
		if c.Shared != nil && c.Shared.Points == nil {
			p := c.Points
			c.Shared.Points = &p
		}
	}
}

// figure returns one of the fund's figures by name (FromBudget, …).
func (f Fund) figure(name string) (decimal.Decimal, bool) {
	switch name {
	case FromBudget:
		return f.Budget(), true
	case FromSpending:
		return f.Spending, true
	}
	return decimal.Decimal{}, false
}

// once records the first definition of a section and reports any later one.
func once(ds *diag.List, first **tomlx.At, at tomlx.At, section string) bool {
	if *first != nil {
		ds.Errorf(at.Pos(), "%s 重复：已在 %s 定义过。同一年度只能有一个 %s，请删去其中一个。", section, (*first).Pos(), section)
		return false
	}
	*first = &at
	return true
}

func readFile(name string) (*file, diag.List) {
	src, d := tomlx.ReadFile(name)
	if d != nil {
		return nil, diag.List{*d}
	}
	return decodeFile(name, src)
}

// decodeFile decodes one data file's contents.
func decodeFile(name string, src []byte) (*file, diag.List) {
	var ds diag.List
	if !hasData(src) {
		ds.Errorf(diag.Pos{File: name}, "文件是空的（没有任何数据）。请填写数据，或删除这个文件。")
		return nil, ds
	}
	var f file
	if fds := tomlx.Decode(name, src, &f); len(fds) > 0 {
		return nil, fds
	}
	f.src = string(src)
	f.comments = scanComments(f.src, false)
	return &f, nil
}

// hasData tells a file with data from an empty one or one with only
// comments in it, stopping at the first line of data.
func hasData(src []byte) bool {
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			return true
		}
		src = rest
	}
	return false
}
