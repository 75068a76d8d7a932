package report

import (
	"path/filepath"
	"strings"
	"testing"

	"ipfund/internal/alloc"
)

func allocationText(t *testing.T, path string) string {
	t.Helper()
	p, ds := alloc.Load(path)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	return renderText(t, func(n string, b []byte) ([]byte, error) { return RenderAllocation(n, b, p, r) }, AllocationTemplateName)
}

func TestAllocationTableShowsTheEvaluationResults(t *testing.T) {
	txt := allocationText(t, filepath.Join("..", "alloc", "testdata", "evaluation", "manual.toml"))
	for _, want := range []string{
		"附：绩效调节系数\n绩效调节系数根据各设区市2022年度专项资金绩效评价结果确定（第七条）：按绩效评价等级确定：优（90分及以上）1.10，良（80分至90分）1.00，中（60分至80分）0.90，差（60分以下）0.80。乙市的绩效调节系数为手工指定。\n",
		"序号\t设区市\t绩效评价得分\t评价等级\t绩效调节系数\t系数来源\n",
		"1\t甲市\t95\t优\t1.10\t按绩效评价结果\n",
		"2\t乙市\t95\t优\t1.00\t手工指定（按评价结果应为1.10）\n",
		"3\t丙市\t70\t中\t0.90\t按绩效评价结果\n",
		"1\t甲市\t1.10\t1.00\t31.5897%\t315.8974\t1\t316\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("allocation table lacks %q", want)
		}
	}
}

func TestAllocationTableWithoutEvaluationHasNoSuchPart(t *testing.T) {
	txt := allocationText(t, filepath.Join("..", "testdata", "seed", "2023", alloc.FileName))
	if strings.Contains(txt, "绩效评价得分") || strings.Contains(txt, "附：绩效调节系数") {
		t.Error("typed coefficients shown as evaluation results")
	}
}
