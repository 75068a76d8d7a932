package alloc

import (
	"github.com/shopspring/decimal"

	"ipfund/internal/tomlx"
)

// FileName is the name of a year's allocation data file,
// data/<year>/allocation.toml. It is reserved for this job: the year's
// other data files never use it.
const FileName = "allocation.toml"

// The shapes below are the file as staff write it (see
// data/2023/allocation.toml for the commented format). They differ from
// Input where the file speaks the staff's language: weights in percent,
// the quantum optional, the factors optional.

// fileData is the whole of allocation.toml.
type fileData struct {
	At         tomlx.At
	Allocation *headerData  `toml:"allocation,required" zh:"因素法分配基本信息"`
	Factors    []factorData `toml:"factor" zh:"分配因素"`
	Cities     []cityData   `toml:"city" zh:"设区市"`
	// Evaluation, when present, derives the 绩效调节系数 from the cities'
	// performance-evaluation results (evaluation.go).
	Evaluation *evaluationData `toml:"evaluation" zh:"绩效评价结果"`
}

// headerData is the [allocation] table.
type headerData struct {
	At      tomlx.At
	Title   string           `toml:"title,required" zh:"标题"`
	Region  string           `toml:"region,required" zh:"地区"`
	Year    int              `toml:"year,required" zh:"年度"`
	Sample  bool             `toml:"sample" zh:"是否示例数据"`
	Note    string           `toml:"note" zh:"说明"`
	Total   decimal.Decimal  `toml:"total,required" zh:"因素法分配专项资金总额"`
	Unit    string           `toml:"unit,required" zh:"金额单位"`
	Quantum *decimal.Decimal `toml:"quantum" zh:"最小分配单位"`
}

// factorData is one [[factor]] table.
type factorData struct {
	At         tomlx.At
	Key        string          `toml:"key,required" zh:"因素代号"`
	Name       string          `toml:"name,required" zh:"因素名称"`
	Weight     decimal.Decimal `toml:"weight,required" zh:"权重（%）"`
	Indicators []indicatorData `toml:"indicators,required" zh:"指标"`
}

// indicatorData is one { key, name, unit } of a factor's indicators.
type indicatorData struct {
	At   tomlx.At
	Key  string `toml:"key,required" zh:"指标代号"`
	Name string `toml:"name,required" zh:"指标名称"`
	Unit string `toml:"unit" zh:"计量单位"`
}

// cityData is one [[city]] table.
type cityData struct {
	At     tomlx.At
	Name   string                     `toml:"name,required" zh:"设区市名称"`
	Values map[string]decimal.Decimal `toml:"values,required" zh:"指标数值"`
	// Performance is required unless [evaluation] derives it; with
	// [evaluation] it may be typed only with PerformanceManual set.
	Performance       *decimal.Decimal `toml:"performance" zh:"绩效调节系数"`
	PerformanceManual bool             `toml:"performance_manual" zh:"手工指定绩效调节系数"`
	Hardship          decimal.Decimal  `toml:"hardship,required" zh:"财政困难程度系数"`
}

// valuesPlaces is decoded a second time, only for positions: tomlx.At
// addresses the keys of a struct-typed table, but values is a map whose
// keys are data. Decoding each city's values into a struct holding only an
// At gives the position of every value; the diagnostics of that second
// pass (every key "unknown") are discarded.
type valuesPlaces struct {
	Cities []struct {
		Values struct{ At tomlx.At } `toml:"values"`
	} `toml:"city"`
}
