package fund

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedWith copies the frozen 2019 data into a temporary year directory with
// one file edited (old → new, each old must occur), and loads it.
func seedWith(t *testing.T, file string, edits ...string) (string, []string) {
	t.Helper()
	seed := filepath.Join("..", "testdata", "seed", "2019")
	dir := filepath.Join(t.TempDir(), "2019")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(seed, "*.toml"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if filepath.Base(n) == file {
			for i := 0; i+1 < len(edits); i += 2 {
				if !strings.Contains(s, edits[i]) {
					t.Fatalf("%s has no %q", file, edits[i])
				}
				s = strings.Replace(s, edits[i], edits[i+1], 1)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, ds := Load(dir)
	var errs []string
	for _, d := range ds.Errors() {
		rel := strings.TrimPrefix(d.String(), dir+string(filepath.Separator))
		errs = append(errs, rel)
	}
	return dir, errs
}

func TestSelfEvalSeedIsValid(t *testing.T) {
	if _, errs := seedWith(t, "selfeval.toml"); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestSelfEvalBadInput lists every mistake in the form's data with the
// message and line it must produce (exactly one error each).
func TestSelfEvalBadInput(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		edits []string
		want  string // "file:line:col：错误：message" prefix
	}{
		{"missed target without deviation", "targets.toml",
			[]string{"deviation = \"奖励项目和", "# deviation = \"奖励项目和"},
			"targets.toml:141:1：错误：绩效目标表第11项“奖励、补助资金支付完成时限”未完成年度指标值（年度指标值 2019年12月31日，实际完成值 2020年2月），须在“deviation”中写明偏差原因分析及改进措施（写入自评表）。"},
		{"missed quantitative target without deviation", "targets.toml",
			[]string{"actual = 81\n", "actual = 45\n"},
			"targets.toml:81:1：错误：绩效目标表第5项“知识产权行政执法案件”未完成年度指标值（年度指标值 ≥50件，实际完成值 45件），须在“deviation”中写明偏差原因分析及改进措施（写入自评表）。"},
		{"qualitative score at the exclusive top of its band", "targets.toml",
			[]string{"score = 3.86", "score = 4"},
			"targets.toml:150:1：错误：绩效目标表第11项“奖励、补助资金支付完成时限”评为“部分达成并具有一定效果”，得分应在分值 5 分的 60%（含）至 80%（不含）之间，即 3 至 4 分（不含），这里写的是 4 分。请改正得分或档次。"},
		{"qualitative score below its band", "targets.toml",
			[]string{"score = 3.86", "score = 2.99"},
			"targets.toml:150:1：错误：绩效目标表第11项“奖励、补助资金支付完成时限”评为“部分达成并具有一定效果”，得分应在分值 5 分的 60%（含）至 80%（不含）之间，即 3 至 4 分（不含），这里写的是 2.99 分。"},
		{"qualitative score above the points", "targets.toml",
			[]string{"score = 30\n", "score = 31\n"},
			"targets.toml:171:1：错误：绩效目标表第13项“企业知识产权管理制度”评为“全部或基本达成”，得分应在分值 30 分的 80%（含）至 100%（含）之间，即 24 至 30 分（含），这里写的是 31 分。"},
		{"unknown grade", "targets.toml",
			[]string{"grade = \"全部或基本达成\"", "grade = \"基本达成\""},
			"targets.toml:170:1：错误：绩效目标表第13项“企业知识产权管理制度”的达成档次“基本达成”无法识别。可用：“全部或基本达成”、“部分达成并具有一定效果”、“未达成且效果较差”。"},
		{"qualitative without grade", "targets.toml",
			[]string{"grade = \"全部或基本达成\"", "#"},
			"targets.toml:163:1：错误：绩效目标表第13项“企业知识产权管理制度”是定性指标，须写“grade”（达成档次：“全部或基本达成”、“部分达成并具有一定效果”、“未达成且效果较差”）和“score”（得分）。"},
		{"score on a quantitative target", "targets.toml",
			[]string{"actual = 81\npoints = 2\n", "actual = 81\npoints = 2\nscore = 1\n"},
			"targets.toml:90:1：错误：绩效目标表第5项“知识产权行政执法案件”是定量指标（≥50件），得分由程序按实际完成值与年度指标值计算，不要写 score。"},
		{"missing points", "targets.toml",
			[]string{"actual = 81\npoints = 2\n", "actual = 81\n"},
			"targets.toml:81:1：错误：绩效目标表第5项“知识产权行政执法案件”缺少“points”（自评表中的分值）。有 [selfeval] 时每个指标都要写分值。"},
		{"level points not matching the targets", "selfeval.toml",
			[]string{"points = 30", "points = 20", "execution_points = 10", "execution_points = 20"},
			"selfeval.toml:66:1：错误：自评表一级指标“效益指标”分值为 20 分，但绩效目标表中该类各指标分值合计为 30 分。"},
		{"points not adding up to 100", "selfeval.toml",
			[]string{"execution_points = 10", "execution_points = 15"},
			"selfeval.toml:58:1：错误：自评表预算执行率分值 15 与各一级指标分值（产出指标 50、效益指标 30、满意度指标 10）合计为 105 分，应为 100 分。请调整。"},
		{"target level not in the form", "selfeval.toml",
			[]string{"name = \"满意度指标\"\npoints = 10", "name = \"满意度\"\npoints = 10"},
			"targets.toml:174:1：错误：绩效目标表第14项“服务对象满意度”的一级指标“满意度指标”不在自评表的一级指标中（产出指标、效益指标、满意度）。"},
		{"comparator without formula", "selfeval.toml",
			[]string{`comparators = ["≤", "＜"]`, `comparators = ["＜"]`},
			"targets.toml:157:1：错误：绩效目标表第12项“专项资金实际支出”的比较方式“≤”没有对应的计分方法。"},
		{"unknown formula", "selfeval.toml",
			[]string{"＜\"]\nformula = \"value/actual\"", "＜\"]\nformula = \"value÷actual\""},
			"selfeval.toml:86:1：错误：定量指标计分方法“value÷actual”无法识别。可用：actual/value（正向指标）、value/actual（反向指标）。"},
		{"comparator in two formulas", "selfeval.toml",
			[]string{`comparators = ["≤", "＜"]`, `comparators = ["≤", "＜", "="]`},
			"selfeval.toml:85:26：错误：比较方式“=”出现在两个计分方法中。"},
		{"grades out of order", "selfeval.toml",
			[]string{"min = 60", "min = 85"},
			"selfeval.toml:100:1：错误：定性指标档次应从高到低书写：“部分达成并具有一定效果”的最低得分比例 85% 不低于上一档“全部或基本达成”的 80%。"},
		{"last grade not from 0", "selfeval.toml",
			[]string{"min = 0", "min = 10"},
			"selfeval.toml:104:1：错误：最后一个定性指标档次“未达成且效果较差”的最低得分比例应为 0，否则得分低于 10% 的指标没有档次。"},
		{"spending split not adding up", "selfeval.toml",
			[]string{"# spending_current = 1446.58", "spending_current = 1446.5", "# spending_carryover = 310", "spending_carryover = 310"},
			"selfeval.toml:35:1：错误：自评表按资金来源分列的执行数合计 1756.5万元（1446.5 + 310），与专项资金实际支出 1756.58万元 不一致。请核对。"},
		{"spending split half written", "selfeval.toml",
			[]string{"# spending_current = 1446.58", "spending_current = 1446.58"},
			"selfeval.toml:20:1：错误：“spending_current”（当年财政拨款执行数）和“spending_carryover”（上年结转资金执行数）要么都写，要么都不写。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := seedWith(t, c.file, c.edits...)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
				t.Errorf("errors:\n%s\nwant one starting with:\n%s", strings.Join(errs, "\n"), c.want)
			}
		})
	}
}

func TestSelfEvalNeedsTargets(t *testing.T) {
	dir, _ := seedWith(t, "selfeval.toml")
	if err := os.Remove(filepath.Join(dir, "targets.toml")); err != nil {
		t.Fatal(err)
	}
	_, ds := Load(dir)
	errs := ds.Errors()
	want := "有 [selfeval]（项目支出绩效自评表）但没有 [targets] 绩效目标表。"
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, want) {
		t.Errorf("errors: %s", errs)
	}
}

func TestSelfEvalFiguresWithoutFormAreWarned(t *testing.T) {
	dir, _ := seedWith(t, "selfeval.toml")
	if err := os.Remove(filepath.Join(dir, "selfeval.toml")); err != nil {
		t.Fatal(err)
	}
	_, ds := Load(dir)
	if ds.HasErrors() {
		t.Fatalf("errors: %s", ds.Errors())
	}
	found := false
	for _, d := range ds.Warnings() {
		found = found || strings.Contains(d.Msg, "写了自评表的 points，但本年度没有 [selfeval]")
	}
	if !found {
		t.Errorf("no warning about unused points: %s", ds)
	}
}

func TestSelfEvalAchievementsPairWithGoals(t *testing.T) {
	dir, _ := seedWith(t, "selfeval.toml", "  \"保障了知识产权保护中心正式投入运行后的办公正常。\",\n", "")
	_, ds := Load(dir)
	if ds.HasErrors() {
		t.Fatal(ds.Errors())
	}
	want := "selfeval.toml:39:1：警告：自评表的实际完成情况“achieved”有 3 条，绩效目标表的年度目标“goals”有 4 条，表中按顺序逐条并排。"
	found := false
	for _, d := range ds.Warnings() {
		found = found || strings.HasPrefix(strings.TrimPrefix(d.String(), dir+string(filepath.Separator)), want)
	}
	if !found {
		t.Errorf("warnings:\n%s\nwant %s", ds.Warnings(), want)
	}
}
