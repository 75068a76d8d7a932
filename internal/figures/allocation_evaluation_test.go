package figures

import (
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/alloc"
)

func TestAllocationFiguresNameTheEvaluationResults(t *testing.T) {
	p, ds := alloc.Load(filepath.Join("..", "alloc", "testdata", "evaluation", "manual.toml"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	got := string(WriteAllocation(p, r))
	for _, want := range []string{
		"\"绩效评价年度\" = 2022\n\"绩效调节系数规则\" = \"按绩效评价等级确定：优（90分及以上）1.10，良（80分至90分）1.00，中（60分至80分）0.90，差（60分以下）0.80\"\n",
		"[\"因素法分配\".\"设区市\".\"甲市\"]\n\"绩效评价得分\" = 95\n\"绩效评价等级\" = \"优\"\n\"绩效调节系数来源\" = \"按绩效评价结果\"\n\"绩效调节系数\" = 1.1\n",
		"[\"因素法分配\".\"设区市\".\"乙市\"]\n\"绩效评价得分\" = 95\n\"绩效评价等级\" = \"优\"\n\"绩效调节系数来源\" = \"手工指定\"\n\"按评价结果的绩效调节系数\" = 1.1\n\"绩效调节系数\" = 1\n",
		"[\"因素法分配\".\"设区市\".\"丙市\"]\n\"绩效评价得分\" = 70\n\"绩效评价等级\" = \"中\"\n",
		"\"分配金额\" = 316\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("figures lack:\n%s", want)
		}
	}
}
