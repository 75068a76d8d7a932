package alloc

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// P builds an expected Problem tersely.
func P(city, factor, ind int, key, field, msg string) Problem {
	return Problem{City: city, Factor: factor, Indicator: ind, Key: key, Field: field, Msg: msg}
}

func TestValidation(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(in *Input)
		want   []Problem
	}{
		{"weights add up to 95%", func(in *Input) { in.Factors[3].Weight = d("0.15") }, []Problem{
			P(-1, -1, -1, "", "Weight", "各因素权重合计为95%，应恰好为100%（少5个百分点）"),
		}},
		{"weights add up to 100.5%", func(in *Input) { in.Factors[3].Weight = d("0.205") }, []Problem{
			P(-1, -1, -1, "", "Weight", "各因素权重合计为100.5%，应恰好为100%（多0.5个百分点）"),
		}},
		{"weight 0", func(in *Input) { in.Factors[2].Weight, in.Factors[3].Weight = d("0"), d("0.44") }, []Problem{
			P(-1, 2, -1, "", "Weight", "因素“专利执法”的权重为0%，必须大于0且不超过100%"),
		}},
		{"weight negative", func(in *Input) { in.Factors[2].Weight, in.Factors[3].Weight = d("-0.1"), d("0.54") }, []Problem{
			P(-1, 2, -1, "", "Weight", "因素“专利执法”的权重为-10%，必须大于0且不超过100%"),
		}},
		{"weight above 100%", func(in *Input) {
			in.Factors = in.Factors[3:]
			in.Factors[0].Weight = d("1.2")
			for _, c := range in.Cities {
				for _, k := range []string{"transfers", "pledge", "inventions", "cases"} {
					delete(c.Values, k) // values of dropped factors count as undefined
				}
			}
		}, []Problem{
			P(-1, 0, -1, "", "Weight", "因素“重点工作”的权重为120%，必须大于0且不超过100%"),
			P(-1, -1, -1, "", "Weight", "各因素权重合计为120%，应恰好为100%（多20个百分点）"),
		}},
		{"negative value", func(in *Input) { in.Cities[0].Values["cases"] = d("-1") }, []Problem{
			P(0, 2, 0, "cases", "Values", "设区市“A”的指标“行政案件数”数值为-1，不能为负数"),
		}},
		{"negative coefficients", func(in *Input) {
			in.Cities[1].Performance = d("-1")
			in.Cities[2].Hardship = d("-0.5")
		}, []Problem{
			P(1, -1, -1, "", "Performance", "设区市“B”的绩效调节系数为-1，不能为负数"),
			P(2, -1, -1, "", "Hardship", "设区市“C”的财政困难程度系数为-0.5，不能为负数"),
		}},
		{"missing value", func(in *Input) { delete(in.Cities[2].Values, "pledge") }, []Problem{
			P(2, 0, 1, "pledge", "Values", "设区市“C”缺少因素“专利运用”的指标“专利质押融资登记金额”的数值"),
		}},
		{"undefined indicator", func(in *Input) { in.Cities[0].Values["transfer"] = d("2") }, []Problem{
			P(0, -1, -1, "transfer", "Values", "设区市“A”录入了未定义的指标“transfer”，请核对指标代码"),
		}},
		{"indicator column adds up to 0", func(in *Input) {
			for _, c := range in.Cities {
				c.Values["cases"] = d("0")
			}
		}, []Problem{
			P(-1, 2, 0, "cases", "Values", "因素“专利执法”的指标“行政案件数”各设区市合计为0，第八条公式除以该合计，分配无定义；请核对数据，或去掉该因素并调整其余因素权重"),
		}},
		{"adjusted scores add up to 0", func(in *Input) {
			// Only C has 重点工作 points, and C's 财政困难程度系数 is 0.
			in.Cities[0].Values["keywork"], in.Cities[1].Values["keywork"] = d("0"), d("0")
			in.Cities[2].Hardship = d("0")
		}, []Problem{
			P(-1, 3, -1, "", "", "因素“重点工作”各设区市因素得分（指标占比之和×绩效调节系数×财政困难程度系数）合计为0，第七条公式除以该合计，分配无定义；请核对绩效调节系数和财政困难程度系数，或去掉该因素并调整其余因素权重"),
		}},
		{"duplicate city", func(in *Input) { in.Cities[2].Name = "A" }, []Problem{
			P(2, -1, -1, "", "Name", "设区市“A”重复：第1个和第3个设区市同名"),
		}},
		{"empty city name", func(in *Input) { in.Cities[1].Name = "" }, []Problem{
			P(1, -1, -1, "", "Name", "第2个设区市的名称为空"),
		}},
		{"no cities", func(in *Input) { in.Cities = nil }, []Problem{
			P(-1, -1, -1, "", "Cities", "未录入任何设区市"),
		}},
		{"total 0", func(in *Input) { in.Total = d("0") }, []Problem{
			P(-1, -1, -1, "", "Total", "因素法分配专项资金总额为0元，必须大于0"),
		}},
		{"total negative", func(in *Input) { in.Total = d("-5"); in.Unit = UnitWanYuan; in.Quantum = d("0.01") }, []Problem{
			P(-1, -1, -1, "", "Total", "因素法分配专项资金总额为-5万元，必须大于0"),
		}},
		{"total not a multiple of the quantum", func(in *Input) { in.Total = d("100000.5") }, []Problem{
			P(-1, -1, -1, "", "Total", "因素法分配专项资金总额100000.5元不是最小金额单位1元的整数倍，无法在按该单位取整的同时使合计等于总额"),
		}},
		{"total not a multiple of 0.01 万元", func(in *Input) {
			in.Total, in.Unit, in.Quantum = d("2000.005"), UnitWanYuan, d("0.01")
		}, []Problem{
			P(-1, -1, -1, "", "Total", "因素法分配专项资金总额2000.005万元不是最小金额单位0.01万元的整数倍，无法在按该单位取整的同时使合计等于总额"),
		}},
		{"quantum 0", func(in *Input) { in.Quantum = d("0") }, []Problem{
			P(-1, -1, -1, "", "Quantum", "最小金额单位为0元，必须大于0"),
		}},
		{"quantum negative", func(in *Input) { in.Quantum = d("-1") }, []Problem{
			P(-1, -1, -1, "", "Quantum", "最小金额单位为-1元，必须大于0"),
		}},
		{"quantum below 1 分", func(in *Input) { in.Quantum = d("0.001") }, []Problem{
			P(-1, -1, -1, "", "Quantum", "最小金额单位为0.001元，不是1分（0.01元）的整数倍，无法按此精度拨付"),
		}},
		{"quantum below 1 分 in 万元", func(in *Input) { in.Unit, in.Quantum = UnitWanYuan, d("0.0000001") }, []Problem{
			P(-1, -1, -1, "", "Quantum", "最小金额单位为0.0000001万元，不是1分（0.01元）的整数倍，无法按此精度拨付"),
		}},
		{"unknown unit", func(in *Input) { in.Unit = "美元" }, []Problem{
			P(-1, -1, -1, "", "Unit", "金额单位“美元”无法识别，只能是“元”或“万元”"),
		}},
		{"no unit", func(in *Input) { in.Unit = "" }, []Problem{
			P(-1, -1, -1, "", "Unit", "金额单位未填写，只能是“元”或“万元”"),
		}},
		{"no factors", func(in *Input) { in.Factors = nil }, []Problem{
			P(-1, -1, -1, "", "Factors", "未设置分配因素，至少需要一个因素"),
		}},
		{"factor without indicators", func(in *Input) {
			in.Factors[3].Indicators = nil
			for _, c := range in.Cities {
				delete(c.Values, "keywork")
			}
		}, []Problem{
			P(-1, 3, -1, "", "Indicators", "因素“重点工作”未设置指标，第八条的因素得分无从计算"),
		}},
		{"duplicate factor key", func(in *Input) { in.Factors[1].Key = "use" }, []Problem{
			P(-1, 1, -1, "", "Key", "因素代码“use”重复：第1个和第2个因素都使用了它"),
		}},
		{"duplicate indicator key across factors", func(in *Input) {
			in.Factors[1].Indicators[0].Key = "transfers"
			for _, c := range in.Cities {
				delete(c.Values, "inventions")
			}
		}, []Problem{
			P(-1, 1, 0, "transfers", "Key", "指标代码“transfers”重复（因素“专利运用”和因素“专利创造”中都有），各设区市的指标值按代码录入，无法区分"),
		}},
		{"duplicate indicator key within a factor", func(in *Input) {
			in.Factors[0].Indicators[1].Key = "transfers"
			for _, c := range in.Cities {
				delete(c.Values, "pledge")
			}
		}, []Problem{
			P(-1, 0, 1, "transfers", "Key", "因素“专利运用”中指标代码“transfers”重复（第1个和第2个指标），各设区市的指标值按代码录入，无法区分"),
		}},
		{"empty keys", func(in *Input) {
			in.Factors[2].Key = ""
			in.Factors[3].Indicators[0].Key = ""
			for _, c := range in.Cities {
				delete(c.Values, "keywork")
			}
		}, []Problem{
			P(-1, 2, -1, "", "Key", "第3个因素（专利执法）的代码为空"),
			P(-1, 3, 0, "", "Key", "因素“重点工作”的第1个指标（重点工作因素指标）的代码为空"),
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := handInput()
			c.mutate(&in)
			res, err := Allocate(in)
			if res != nil {
				t.Errorf("got a result with an error")
			}
			var got Problems
			if !errors.As(err, &got) {
				t.Fatalf("error %v is not Problems", err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(c.want), err)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("problem %d:\n got  %+v\n want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// All problems are reported at once, in input order, one per line.
func TestValidationListsAll(t *testing.T) {
	in := handInput()
	in.Total = d("-1")
	in.Unit = "元 "
	in.Factors[0].Weight = d("0.5")
	in.Cities[0].Values["cases"] = d("-2")
	delete(in.Cities[1].Values, "inventions")
	in.Cities[2].Name = "B"
	// Column 行政案件数 is bad (negative), so its sum is not tested; column
	// 重点工作因素指标 is clean and adds up to 0, so it is reported.
	for _, c := range in.Cities {
		c.Values["keywork"] = decimal.Zero
	}
	_, err := Allocate(in)
	want := strings.Join([]string{
		"因素法分配专项资金总额为-1，必须大于0",
		"金额单位“元 ”无法识别，只能是“元”或“万元”",
		"各因素权重合计为110%，应恰好为100%（多10个百分点）",
		"设区市“A”的指标“行政案件数”数值为-2，不能为负数",
		"设区市“B”缺少因素“专利创造”的指标“新增有效发明专利拥有量”的数值",
		"设区市“B”重复：第2个和第3个设区市同名",
		"因素“重点工作”的指标“重点工作因素指标”各设区市合计为0，第八条公式除以该合计，分配无定义；请核对数据，或去掉该因素并调整其余因素权重",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestEmptyInput(t *testing.T) {
	_, err := Allocate(Input{})
	want := "因素法分配专项资金总额为0，必须大于0\n金额单位未填写，只能是“元”或“万元”\n最小金额单位为0，必须大于0\n未设置分配因素，至少需要一个因素\n未录入任何设区市"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
