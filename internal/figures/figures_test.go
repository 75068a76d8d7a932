package figures

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"

	"ipfund/internal/calc"
	"ipfund/internal/fund"
)

func write2019(t *testing.T) []byte {
	t.Helper()
	y, ds := fund.Load(filepath.Join("..", "testdata", "seed", "2019"))
	if ds.HasErrors() {
		t.Fatalf("data/2019 has errors:\n%s", ds)
	}
	return Write(calc.Compute(y))
}

func TestFiguresFileNamesEverySeedFigure(t *testing.T) {
	var got map[string]map[string]any
	if _, err := toml.Decode(string(write2019(t)), &got); err != nil {
		t.Fatalf("figures file is not valid TOML: %v", err)
	}
	want := map[string]map[string]any{
		"专项资金": {"预算总额": int64(2010), "实际支出": 1756.58, "预算执行率": 87.39, "预算执行率得分": 8.74, "未支出": 253.42},
		"综合评价": {
			"项目资金/预算执行率": 8.74, "产出/产出数量": 19.49, "产出/产出质量": 15.0, "产出/产出时效": 3.86,
			"产出/产出成本": 8.32, "效益/经济效益": 10.0, "效益/社会效益": 10.0, "效益/可持续影响": 10.0,
			"满意度/满意度": 10.0, "总分": 95.41, "等级": "优",
		},
		"子项目1": {"预算执行率": 86.79, "权重": 77.51, "总分": 95.68, "权重（精确）": "1558/2010"},
		"子项目2": {"预算执行率": 100.0, "权重": 6.27, "总分": 99.0},
		"子项目3": {"预算执行率": 30.0, "权重": 0.5, "总分": 75.0},
		"子项目4": {"预算执行率": 90.18, "权重": 14.93, "总分": 94.02, "结余": 7.47, "实际支出": 270.53},
		"子项目5": {"预算执行率": 30.31, "权重": 0.8, "总分": 81.03},
	}
	for table, kv := range want {
		for k, v := range kv {
			if g := got[table][k]; g != v {
				t.Errorf("[%s] %s = %#v, want %#v", table, k, g, v)
			}
		}
	}
	table := got["子项目1"]["明细表"].(map[string]any)
	for k, v := range map[string]any{"贯标企业奖励/小计/支付金额（万元）": 535.3, "合计/支付金额（万元）": 1352.2, "合计/奖励数量（件）": int64(4579), "合计/单位数量（家）": int64(622)} {
		if table[k] != v {
			t.Errorf("子项目1 明细表 %s = %#v, want %#v", k, table[k], v)
		}
	}
	if v := got["子项目4"]["明细表"].(map[string]any)["合计/支出金额（元）"]; v != int64(2705300) {
		t.Errorf("子项目4 明细表 合计 = %#v, want 2705300", v)
	}
	weighted := got["子项目3"]["各类得分"].(map[string]any)["产出时效"].(map[string]any)["按权重得分"]
	if weighted != 0.02 {
		t.Errorf("子项目3 产出时效 按权重得分 = %v, want 0.02", weighted)
	}
}

func TestFiguresFileKeepsFixedDecimalsAndOrder(t *testing.T) {
	b := write2019(t)
	for _, line := range []string{
		"\"权重\" = 0.50\n",
		"\"总分\" = 99.00\n",
		"\"产出成本/实际支出与计划安排费用的变动程度\" = { \"分值\" = 10, \"得分\" = 8.00, \"规则\" = \"cost_variance\", \"计划\" = 1558, \"实际\" = 1352.2, \"变动程度\" = 13.21 }\n",
		// A ratio rule's rate, from which its score follows (score_from).
		"\"预算执行率/预算执行率\" = { \"分值\" = 10, \"得分\" = 3.03, \"规则\" = \"execution_rate\", \"计划\" = 16, \"实际\" = 4.85, \"比率\" = 30.31 }\n",
	} {
		if !bytes.Contains(b, []byte(line)) {
			t.Errorf("figures file lacks line %q", line)
		}
	}
	if i, j := bytes.Index(b, []byte("[\"子项目1\"]")), bytes.Index(b, []byte("[\"子项目2\"]")); i < 0 || j < i {
		t.Errorf("sub-projects out of order: %d, %d", i, j)
	}
	if again := write2019(t); !bytes.Equal(b, again) {
		t.Error("two runs gave different bytes")
	}
}
