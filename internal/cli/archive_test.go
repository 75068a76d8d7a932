package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ipfund/internal/outdir"
)

// The archive's safety (issue 10): nothing is written outside out/<year>/,
// nothing of the user's is deleted, one run at a time, never half a set.
// Each reproduction of the issue is a case here.

// tree describes everything under root: files by their SHA-256, folders,
// links by their target. Lock files, which a run takes and removes, are
// left out only if they are gone afterwards (they are then absent from
// both sides).
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case rel == ".":
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			out[rel] = "link:" + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			s := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(s[:8])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeDiff lists what differs between two trees.
func treeDiff(before, after map[string]string) []string {
	var out []string
	for k, v := range after {
		if before[k] != v {
			out = append(out, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			out = append(out, "-"+k)
		}
	}
	return out
}

// archiveEnv is a temporary root holding data/, templates/ and out/, with
// out/2020 a finished build plus the user's stamped scan.
type archiveEnv struct {
	root, data, templates, out, year string
}

const scan = "盖章版扫描件.pdf"

func newArchiveEnv(t *testing.T) *archiveEnv {
	t.Helper()
	root := t.TempDir()
	e := &archiveEnv{root: root, data: filepath.Join(root, "data"), templates: filepath.Join(root, "templates"), out: filepath.Join(root, "out")}
	e.year = filepath.Join(e.out, "2020")
	copyDir(t, filepath.Join("testdata", "base"), e.data)
	copyDir(t, templates, e.templates)
	if code, _, stderr := run(e.args("build", "2020")...); code != ExitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(e.year, scan), []byte("%PDF 盖章版"), 0o644); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *archiveEnv) args(cmd string, rest ...string) []string {
	return append([]string{cmd, "-data", e.data, "-out", e.out, "-templates", e.templates}, rest...)
}

// edit replaces old by new in a data file of 2020 (each must occur).
func (e *archiveEnv) edit(t *testing.T, file string, pairs ...string) {
	t.Helper()
	p := filepath.Join(e.data, "2020", file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(pairs); i += 2 {
		if !bytes.Contains(b, []byte(pairs[i])) {
			t.Fatalf("%s has no %q", file, pairs[i])
		}
		b = bytes.ReplaceAll(b, []byte(pairs[i]), []byte(pairs[i+1]))
	}
	os.WriteFile(p, b, 0o644)
}

const nameRules = `这个名称会成为输出文件名或计算结果中的名称，须在 Windows 上也能用作文件名：不能含有 \ / : * ? " < > | 和控制字符（换行等），开头和结尾不能是空格或“.”，`

// TestBadNamesNeverReachTheDisk: every name of the reproductions
// stops the run at its file and line, exit 1, with what to write instead;
// out/ and everything else under the root stay as they were.
func TestBadNamesNeverReachTheDisk(t *testing.T) {
	for _, c := range []struct {
		name  string
		file  string
		edits []string
		want  []string // full diagnostic lines, without the file prefix
	}{
		{"region climbing out of out/", "fund.toml", []string{`region = "测试市"`, `region = "../../escape/"`},
			[]string{`fund.toml:5:1：错误：地区“../../escape/”不能用作名称：含有“/”，以“.”开头。` + nameRules + `不超过 20 个字。请改为“escape”之类的写法。`}},
		{"name as an absolute path", "fund.toml", []string{`name = "测试专项资金"`, `name = "/../../../tmp/x/N"`},
			[]string{`fund.toml:3:1：错误：专项资金名称“/../../../tmp/x/N”不能用作名称：含有“/”，含有“..”。` + nameRules + `不超过 40 个字。请改为“tmp、x、N”之类的写法。`}},
		{"region with a slash", "fund.toml", []string{`region = "测试市"`, `region = "a/b"`},
			[]string{`fund.toml:5:1：错误：地区“a/b”不能用作名称：含有“/”。` + nameRules + `不超过 20 个字。请改为“a、b”之类的写法。`}},
		{"NUL in the name", "fund.toml", []string{`name = "测试专项资金"`, `name = "测试\u0000资金"`},
			[]string{`fund.toml:3:1：错误：“name（专项资金名称）”中有看不见的控制字符 U+0000（在第2个字之后），报告和表格中都无法显示。请删去它（文件中写作 \u0000 之类，或是从别处复制来的文字带进来的）。`}},
		{"newline", "fund.toml", []string{`region = "测试市"`, `region = "测试\n市"`},
			[]string{`fund.toml:5:1：错误：地区“测试<U+000A>市”不能用作名称：含有控制字符 U+000A。` + nameRules + `不超过 20 个字。请改为“测试市”之类的写法。`}},
		{"U+0001", "fund.toml", []string{`region = "测试市"`, `region = "测试市\u0001"`},
			[]string{`fund.toml:5:1：错误：“region（地区）”中有看不见的控制字符 U+0001（在第3个字之后），报告和表格中都无法显示。请删去它（文件中写作 \u0001 之类，或是从别处复制来的文字带进来的）。`}},
		{"300 characters", "fund.toml", []string{`name = "测试专项资金"`, `name = "` + strings.Repeat("长", 300) + `"`},
			[]string{`fund.toml:3:1：错误：专项资金名称“` + strings.Repeat("长", 30) + `……（共 300 个字）”不能用作名称：过长（300 个字，最多 40 个字）。` + nameRules + `不超过 40 个字。请改为“` + strings.Repeat("长", 40) + `”之类的写法。`}},
		{"empty name", "fund.toml", []string{`name = "测试专项资金"`, `name = ""`},
			[]string{`fund.toml:3:1：错误：专项资金名称“”不能用作名称：是空的。` + nameRules + `不超过 40 个字。请填写名称。`}},
		{"spaces-only name", "fund.toml", []string{`name = "测试专项资金"`, `name = "   "`},
			[]string{`fund.toml:3:1：错误：专项资金名称“   ”不能用作名称：只有空格。` + nameRules + `不超过 40 个字。请填写名称。`}},
		{"Windows device name", "fund.toml", []string{`region = "测试市"`, `region = "NUL"`},
			[]string{`fund.toml:5:1：错误：地区“NUL”不能用作名称：是 Windows 保留的设备名 NUL。` + nameRules + `不超过 20 个字。请换一个名称。`}},
		{"colliding figures keys", "scoring.toml", []string{`name = "产出"`, `name = "产出/X"`, `group = "产出"`, `group = "产出/X"`, `name = "产出数量"`, `name = "X/Y"`},
			[]string{`scoring.toml:10:1：错误：一级指标名称“产出/X”不能用作名称：含有“/”。` + nameRules + `不超过 60 个字。请改为“产出、X”之类的写法。`,
				`scoring.toml:24:1：错误：二级指标名称“X/Y”不能用作名称：含有“/”。` + nameRules + `不超过 60 个字。请改为“X、Y”之类的写法。`}},
		{"two categories of one name", "scoring.toml", []string{`name = "产出成本"`, `name = "产出数量"`},
			[]string{`scoring.toml:30:1：错误：二级指标名称“产出数量”重复（另见 DATA/scoring.toml:24:1）。计算结果按名称列出各二级指标，请改用不同的名称。`}},
		{"two target rows of one name", "targets.toml", []string{`level1 = "满意度指标"`, `level1 = "产出指标"`, `level2 = "服务满意度指标"`, `level2 = "数量指标"`, `name = "服务对象满意度"`, `name = "培训次数"`},
			[]string{`targets.toml:16:1：错误：绩效目标表第2项“产出指标/数量指标/培训次数”与前面一项重复（见 DATA/targets.toml:7:1）。同一二级指标下的三级指标名称不能重复，请改一个名称或删去一项。`}},
		{"target name with a question mark", "targets.toml", []string{`name = "培训次数"`, `name = "培训次数?"`},
			[]string{`targets.toml:7:1：错误：三级指标“培训次数?”不能用作名称：含有“?”。` + nameRules + `不超过 60 个字。请改为“培训次数？”之类的写法。`}},
		{"summed column titled with a slash", "subproject-1.toml", []string{`title = "支出金额（元）"`, `title = "支出/金额（元）"`},
			[]string{`subproject-1.toml:14:21：错误：明细表列标题“支出/金额（元）”不能用作名称：含有“/”。` + nameRules + `不超过 60 个字。请改为“支出、金额（元）”之类的写法。`}},
		{"two subtotalled groups of one label", "subproject-1.toml", []string{"label = \"运行\"\nrows = [\n  { item = \"房租\", amount = 400000 },\n",
			"label = \"运行\"\nsubtotal = { amount = 400000 }\nrows = [\n  { item = \"房租\", amount = 400000 },\n]\n\n[[detail.group]]\nlabel = \"运行\"\nsubtotal = { amount = 140000 }\nrows = [\n"},
			[]string{`subproject-1.toml:27:1：错误：子项目1“甲项目”的明细表第2组的组名“运行”与前面一组相同（见 DATA/subproject-1.toml:20:1），两组都有小计。计算结果按组名列出小计，请改用不同的组名。`}},
		{"indicator name with a colon", "subproject-1.toml", []string{`name = "培训次数"`, `name = "培训:次数"`},
			[]string{`subproject-1.toml:28:1：错误：三级指标名称“培训:次数”不能用作名称：含有“:”。` + nameRules + `不超过 60 个字。请改为“培训：次数”之类的写法。`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newArchiveEnv(t)
			e.edit(t, c.file, c.edits...)
			before := tree(t, e.root)
			code, stdout, stderr := run(e.args("build", "2020")...)
			if code != ExitData || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			for _, w := range c.want {
				w = strings.ReplaceAll(w, "DATA/", filepath.Join(e.data, "2020")+string(filepath.Separator))
				if !strings.Contains(stderr, filepath.Join(e.data, "2020")+string(filepath.Separator)+w+"\n") {
					t.Errorf("stderr lacks\n%s\nin:\n%s", w, stderr)
				}
			}
			if n := strings.Count(stderr, "：错误："); n != len(c.want) {
				t.Errorf("%d errors, want %d:\n%s", n, len(c.want), stderr)
			}
			if !strings.HasSuffix(stderr, "未生成任何文件，"+e.year+" 保持原样。请改正以上错误后再运行。\n") {
				t.Errorf("stderr ends:\n%s", stderr)
			}
			if d := treeDiff(before, tree(t, e.root)); len(d) > 0 {
				t.Errorf("changed under the root: %v", d)
			}
		})
	}
}

// Names in allocation.toml that become keys of allocation-figures.toml.
func TestBadAllocationNames(t *testing.T) {
	data, out := allocationFixture(t)
	p := filepath.Join(data, "2020", "allocation.toml")
	b, _ := os.ReadFile(p)
	for _, r := range [][2]string{{`name = "南昌市"`, `name = "南昌市/东湖区"`}, {`name = "专利运用"`, `name = "专利运用 "`},
		{`name = "专利质押融资登记金额"`, `name = "专利转让和许可次数"`}} {
		if !bytes.Contains(b, []byte(r[0])) {
			t.Fatalf("no %s", r[0])
		}
		b = bytes.Replace(b, []byte(r[0]), []byte(r[1]), 1)
	}
	os.WriteFile(p, b, 0o644)
	code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020")
	for _, want := range []string{
		p + ":51:1：错误：因素名称“专利运用 ”不能用作名称：结尾有空格。" + nameRules + "不超过 60 个字。请改为“专利运用”之类的写法。\n",
		p + ":55:21：错误：因素“专利运用 ”中指标名称“专利转让和许可次数”重复。结果中按名称列出各指标的合计，请改用不同的名称。\n",
		p + ":97:1：错误：设区市名称“南昌市/东湖区”不能用作名称：含有“/”。" + nameRules + "不超过 60 个字。请改为“南昌市、东湖区”之类的写法。\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks\n%s\nin:\n%s", want, stderr)
		}
	}
	if code != ExitData {
		t.Errorf("exit %d", code)
	}
	assertOutUntouched(t, out)
}

func TestTheUsersFileSurvivesSuccessAndFailure(t *testing.T) {
	e := newArchiveEnv(t)
	os.Remove(filepath.Join(e.year, "previous.txt"))
	want := tree(t, e.year)
	// A successful run with changed data: the scan is kept and named.
	e.edit(t, "subproject-1.toml", "actual = 3\n", "actual = 4\n")
	code, stdout, stderr := run(e.args("build", "2020")...)
	if code != ExitOK || !strings.Contains(stdout, "\n保留了 1 个不是本程序生成的文件："+scan+"\n") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	after := tree(t, e.year)
	if after[scan] != want[scan] || after["figures.toml"] == want["figures.toml"] {
		t.Errorf("scan %s → %s; figures unchanged: %v", want[scan], after[scan], after["figures.toml"] == want["figures.toml"])
	}
	if got := dirNames(t, e.out); got != "2020" {
		t.Errorf("out/ holds %s", got)
	}
	// A failed run: nothing changes.
	e.edit(t, "fund.toml", `region = "测试市"`, `region = "a/b"`)
	before := tree(t, e.root)
	if code, _, _ := run(e.args("build", "2020")...); code != ExitData {
		t.Errorf("exit %d", code)
	}
	if d := treeDiff(before, tree(t, e.root)); len(d) > 0 {
		t.Errorf("a failed run changed %v", d)
	}
}

func TestAnEditedOutputIsKeptAsACopy(t *testing.T) {
	e := newArchiveEnv(t)
	fig := filepath.Join(e.year, "figures.toml")
	b, _ := os.ReadFile(fig)
	edited := append(b, "# 我的批注\n"...)
	os.WriteFile(fig, edited, 0o644)
	code, stdout, stderr := run(e.args("build", "2020")...)
	want := "注意：figures.toml 在上次生成之后被改动过，改动后的文件已另存为 figures（手工修改）.toml，新生成的文件放在原名下。\n"
	if code != ExitOK || !strings.Contains(stdout, want) {
		t.Fatalf("exit %d, stdout lacks %q:\n%s%s", code, want, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(e.year, "figures（手工修改）.toml")); !bytes.Equal(got, edited) {
		t.Error("the edited copy is not the edited bytes")
	}
	if got, _ := os.ReadFile(fig); !bytes.Equal(got, b) {
		t.Error("figures.toml is not the new output")
	}
}

// TestAllocateKeepsFoldersAndLinks: allocate updates only the allocation's
// files; the year's other outputs, the user's folders, links and files
// stay as they were.
func TestAllocateKeepsFoldersAndLinks(t *testing.T) {
	data, out := allocationFixture(t)
	if code, _, stderr := run("build", "-data", data, "-out", out, "-templates", templates, "2020"); code != ExitOK {
		t.Fatal(stderr)
	}
	year := filepath.Join(out, "2020")
	os.MkdirAll(filepath.Join(year, "底稿", "三月"), 0o755)
	os.WriteFile(filepath.Join(year, "底稿", "三月", "记录.txt"), []byte("记录"), 0o644)
	os.Symlink("figures.toml", filepath.Join(year, "最新结果"))
	os.Symlink(filepath.Join("..", "..", "elsewhere"), filepath.Join(year, "外部"))
	before := tree(t, year)
	p := filepath.Join(data, "2020", "allocation.toml")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("performance = 1.05"), []byte("performance = 1.15"), 1), 0o644)
	code, stdout, stderr := run("allocate", "-data", data, "-out", out, "-templates", templates, "2020")
	if code != ExitOK || !strings.Contains(stdout, "保留了 4 个不是本程序生成的文件或文件夹：previous.txt、外部（链接）、底稿（文件夹）、最新结果（链接）\n") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	changed := treeDiff(before, tree(t, year))
	for _, c := range changed {
		if c != "allocation-figures.toml" && c != "因素法分配测算表.xlsx" && c != "因素法分配表.docx" && c != ".ipfund-manifest.toml" {
			t.Errorf("allocate changed %s", c)
		}
	}
	if len(changed) == 0 {
		t.Error("allocate changed nothing")
	}
}

func TestAYearFolderThatOnlyLooksLikeAYear(t *testing.T) {
	e := newArchiveEnv(t)
	copyDir(t, filepath.Join(e.data, "2020"), filepath.Join(e.data, "2021年"))
	copyDir(t, filepath.Join(e.data, "2020"), filepath.Join(e.data, "２０２２"))
	os.MkdirAll(filepath.Join(e.data, "资料"), 0o755)
	code, _, stderr := run(e.args("build")...)
	want := "警告：" + filepath.Join(e.data, "2021年") + " 看起来是年度数据目录，但目录名不是四位数字，已跳过。如果这是 2021 年度的数据，请把目录改名为 " + filepath.Join(e.data, "2021") + "（四位半角数字）。\n" +
		"警告：" + filepath.Join(e.data, "２０２２") + " 看起来是年度数据目录，但目录名不是四位数字，已跳过。如果这是 2022 年度的数据，请把目录改名为 " + filepath.Join(e.data, "2022") + "（四位半角数字）。\n"
	if code != ExitOK || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant prefix:\n%s", code, stderr, want)
	}
	code, _, stderr = run(e.args("build", "2021")...)
	want = "没有 2021 年度的数据：找不到目录 " + filepath.Join(e.data, "2021") + "。已有的年度：2020。有一个目录 " + filepath.Join(e.data, "2021年") +
		"：如果这是 2021 年度的数据，请把它改名为 " + filepath.Join(e.data, "2021") + "（四位半角数字）。\n"
	if code != ExitUsage || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	// A backup beside its year is named, with what to do.
	copyDir(t, filepath.Join(e.data, "2020"), filepath.Join(e.data, "2020备份"))
	_, _, stderr = run(e.args("check")...)
	if !strings.Contains(stderr, "警告："+filepath.Join(e.data, "2020备份")+" 看起来是年度数据目录，但目录名不是四位数字，已跳过。已有 "+filepath.Join(e.data, "2020")+"；如果它只是备份，可以移出 "+e.data+" 以免每次提示。\n") {
		t.Errorf("backup: %s", stderr)
	}
}

func TestDiffTakesOnlyFilesYearsAndRevisions(t *testing.T) {
	e := newArchiveEnv(t)
	fig := filepath.Join(e.year, "figures.toml")
	outside := filepath.Join(e.root, "x:y")
	code, stdout, stderr := run("diff", fig, "--output="+outside)
	if code != ExitUsage || stdout != "" || stderr != "错误：参数“--output="+outside+"”以“-”开头。diff 只接受结果文件、年度或 git 版本:路径，不接受选项；文件名确实以“-”开头时请写成 ./--output="+outside+"。\n" {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("something wrote the file")
	}
	empty := filepath.Join(e.root, "empty.toml")
	os.WriteFile(empty, nil, 0o644)
	code, _, stderr = run("diff", empty, fig)
	if code != ExitData || stderr != "错误："+empty+" 不是计算结果文件：文件是空的。diff 比较的是 out/<年度>/figures.toml 这样的结果文件。\n" {
		t.Errorf("empty: exit %d\n%s", code, stderr)
	}
	data := filepath.Join(e.data, "2020", "fund.toml")
	code, _, stderr = run("diff", fig, data)
	if code != ExitData || stderr != "错误："+data+" 不是计算结果文件：其中没有“专项资金”或“因素法分配”这一节，不是本程序写的 figures.toml 或 allocation-figures.toml。diff 比较的是 out/<年度>/figures.toml 这样的结果文件。\n" {
		t.Errorf("data file: exit %d\n%s", code, stderr)
	}
}

func TestAHeldLockIsReportedInChinese(t *testing.T) {
	e := newArchiveEnv(t)
	before := tree(t, e.root)
	// Another run holds the year (flock locks are per open file, so a
	// lock taken here excludes this process's own run as another's would).
	release, err := outdir.Lock(e.year, outdir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	holder := os.Getpid()
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 300 * time.Millisecond
	e.edit(t, "subproject-1.toml", "actual = 3\n", "actual = 4\n")
	code, stdout, stderr := run(e.args("build", "2020")...)
	want := fmt.Sprintf("另一个生成过程正在写 %s（进程 %d），等待它结束……\n错误：另一个生成过程正在写 %s（进程 %d），请稍后再试。%s 保持原样。\n", e.year, holder, e.year, holder, e.year)
	if code != ExitIO || stdout != "" || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if d := treeDiff(before, tree(t, e.root)); len(d) != 2 { // the data file and the holder's lock file
		t.Errorf("changed: %v", d)
	}
}

func TestOutputPathsThatAreNotFolders(t *testing.T) {
	e := newArchiveEnv(t)
	os.RemoveAll(e.year)
	os.WriteFile(e.year, []byte("x"), 0o644)
	code, _, stderr := run(e.args("build", "2020")...)
	if code != ExitIO || stderr != "错误：写入 "+e.year+" 失败："+e.year+" 是一个文件，不是文件夹。"+e.year+" 保持原样，未做任何改动。请把这个文件改名或移走后重新运行。\n" {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	os.Remove(e.year)
	os.RemoveAll(e.out)
	os.WriteFile(e.out, []byte("x"), 0o644)
	code, _, stderr = run(e.args("build", "2020")...)
	if code != ExitIO || stderr != "错误：写入 "+e.year+" 失败：无法建立文件夹 "+e.out+"：路径中有一项是文件而不是文件夹。"+e.year+" 保持原样，未做任何改动。请把挡在路径上的同名文件改名或移走后重新运行。\n" {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}
