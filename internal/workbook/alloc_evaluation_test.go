package workbook

import (
	"path/filepath"
	"testing"

	"ipfund/internal/alloc"
)

// evaluationResult allocates a test year of package alloc whose
// 绩效调节系数 follow from evaluation results.
func evaluationResult(t testing.TB, name string) *alloc.Result {
	t.Helper()
	p, ds := alloc.Load(filepath.Join(repoRoot(t), "internal", "alloc", "testdata", "evaluation", name))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, err := p.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAllocationShowsEvaluationResults(t *testing.T) {
	for _, c := range []struct{ file, formula string }{
		{"grade.toml", `IF(F5="优",1.1,IF(F5="良",1,IF(F5="中",0.9,IF(F5="差",0.8,NA()))))`},
		{"linear.toml", "MIN(1.2,MAX(0.9,1+(E5-85)*0.01))"},
	} {
		t.Run(c.file, func(t *testing.T) {
			r := evaluationResult(t, c.file)
			b, err := Allocation("测试", r)
			if err != nil {
				t.Fatal(err)
			}
			bk := openBook(t, b)
			rows := bk.rows(inputSheetName)
			if got := rows[alHeadRow1-1][4:8]; got[0] != "绩效评价得分" || got[1] != "评价等级" || got[2] != "绩效调节系数" || got[3] != "财政困难程度系数" {
				t.Errorf("header %q", got)
			}
			want := [][]string{{"95", "优", "1.1"}, {"85", "良", "1"}, {"70", "中", "0.9"}}
			for i, w := range want {
				got := rows[alFirstCity-1+i][4:7]
				wantNum(t, r.Cities[i].Name+" 得分", got[0], w[0])
				if got[1] != w[1] {
					t.Errorf("%s 等级 %q, want %q", r.Cities[i].Name, got[1], w[1])
				}
				wantNum(t, r.Cities[i].Name+" 系数", got[2], w[2])
			}
			if f := bk.formula(inputSheetName, "G5"); f != c.formula {
				t.Errorf("coefficient formula %q, want %q", f, c.formula)
			}
			rule := findRow(t, rows, 1, "绩效调节系数")
			if text := rows[rule-1][2]; text != "按各设区市2022年度专项资金绩效评价结果确定（第七条）："+r.Evaluation.Describe()+"。" {
				t.Errorf("rule row %q", text)
			}
		})
	}
}

// checkEvaluationCSV checks an allocation whose coefficients are formulas
// of the evaluation results: the coefficients and, through them, every
// amount after LibreOffice's recalculation.
func checkEvaluationCSV(t *testing.T, r *alloc.Result, sheets map[string][][]string) {
	t.Helper()
	rows := sheets[inputSheetName]
	for i, c := range r.Cities {
		wantClose(t, c.Name+" 绩效调节系数", rows[alFirstCity-1+i][6], c.Performance)
	}
	checkAllocationCSV(t, r, sheets)
}
