package figures

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestFiguresFileHoldsTheSelfEvaluationForm(t *testing.T) {
	b := write2019(t)
	var got map[string]map[string]any
	if _, err := toml.Decode(string(b), &got); err != nil {
		t.Fatal(err)
	}
	if f := got["专项资金"]; f["地区"] != "南昌市" || f["年度"] != int64(2019) {
		t.Errorf("[专项资金] 地区/年度: %v %v", f["地区"], f["年度"])
	}
	se := got["项目支出绩效自评表"]
	if se["总分"] != 97.6 || se["满分"] != int64(100) || se["实施单位"] != "南昌市市场监督管理局（南昌市知识产权局）" {
		t.Errorf("[项目支出绩效自评表] %v", se)
	}
	funds := se["项目资金"].(map[string]any)
	total := funds["年度资金总额"].(map[string]any)
	if total["执行率"] != 87.39 || total["得分"] != 8.74 || total["全年预算数"] != int64(2010) || total["全年执行数"] != 1756.58 {
		t.Errorf("年度资金总额 %v", total)
	}
	if cur := funds["当年财政拨款"].(map[string]any); cur["全年执行数"] != "—" || cur["全年预算数"] != int64(1700) {
		t.Errorf("当年财政拨款 %v", cur)
	}
	inds := se["绩效指标"].(map[string]any)
	late := inds["产出指标/时效指标/奖励、补助资金支付完成时限"].(map[string]any)
	if late["得分"] != 3.86 || late["分值"] != int64(5) || late["档次"] != "部分达成并具有一定效果" {
		t.Errorf("时效 %v", late)
	}
	for _, line := range []string{
		"\"总分\" = 97.60\n",
		"\"产出指标/成本指标/专项资金实际支出\" = { \"年度指标值\" = \"≤2010万元\", \"实际完成值\" = \"1756.58万元\", \"分值\" = 10, \"得分\" = 10.00 }\n",
	} {
		if !strings.Contains(string(b), line) {
			t.Errorf("figures file lacks %q", line)
		}
	}
}
