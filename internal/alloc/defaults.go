package alloc

import "github.com/shopspring/decimal"

// DefaultFactors returns the four factors of 第七条 with their weights
// (专利运用 40%, 专利创造 16%, 专利执法 24%, 重点工作 20%) and the indicators
// of 第八条. It returns a fresh slice each time, so callers may adjust it
// for a year whose weights differ.
func DefaultFactors() []Factor {
	return []Factor{
		{Key: "use", Name: "专利运用", Weight: decimal.RequireFromString("0.40"), Indicators: []Indicator{
			{Key: "transfers", Name: "专利转让和许可次数", Unit: "次"},
			{Key: "pledge", Name: "专利质押融资登记金额", Unit: "万元"},
		}},
		{Key: "creation", Name: "专利创造", Weight: decimal.RequireFromString("0.16"), Indicators: []Indicator{
			{Key: "inventions", Name: "新增有效发明专利拥有量", Unit: "件"},
		}},
		{Key: "enforcement", Name: "专利执法", Weight: decimal.RequireFromString("0.24"), Indicators: []Indicator{
			{Key: "cases", Name: "行政案件数", Unit: "件"},
		}},
		{Key: "keywork", Name: "重点工作", Weight: decimal.RequireFromString("0.20"), Indicators: []Indicator{
			{Key: "keywork", Name: "重点工作因素指标", Unit: "分"},
		}},
	}
}
