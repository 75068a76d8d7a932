package cli

import (
	"runtime"
	"strings"
	"testing"

	"ipfund/internal/version"
)

func TestHelpListsEveryCommandInChinese(t *testing.T) {
	code, stdout, stderr := run("help")
	if code != ExitOK || stderr != "" {
		t.Fatalf("help: exit %d, stderr %q", code, stderr)
	}
	want := "知识产权专项资金绩效评价报告生成工具（ipfund）\n\n用法：ipfund <命令> [选项] [年度]\n\n命令：\n" +
		"  build [年度]     检查数据并生成该年度的全部文件到 out/<年度>/\n" +
		"  check [年度]     只检查数据并显示主要结果，不生成文件\n" +
		"  allocate [年度]  只做因素法分配，只更新 out/<年度>/ 中分配的文件\n" +
		"  pdf [年度]       把生成的 Word、Excel 文件转成 PDF，放在 out/<年度>-pdf/\n" +
		"  years            列出 data/ 下已有的年度\n" +
		"  new 年度         从最近的上一年度建立新年度的数据目录 data/<年度>/\n" +
		"  diff 旧 新       比较两份计算结果，列出变动的数字\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("help starts\n%s\nwant\n%s", stdout, want)
	}
	for _, c := range commands {
		if c.summary == "" || c.details == "" || c.run == nil {
			t.Errorf("command %s lacks its summary, details or run", c.name)
		}
		if n := strings.Count(stdout, "\n  "+c.synopsis()+" "); n != 1 {
			t.Errorf("%s is listed %d times", c.name, n)
		}
	}
	if !strings.Contains(stdout, "退出状态：0 成功；1 数据或模板有错误（未生成任何文件）；2 命令或参数有误；3 读写文件失败；\n4 未找到 LibreOffice 或转换 PDF 失败。\n") {
		t.Errorf("help lacks the exit statuses:\n%s", stdout)
	}
	// Without a command: the same text, on stderr, as a usage error.
	if code, stdout, stderr := run(); code != ExitUsage || stdout != "" || stderr != usage() {
		t.Errorf("no command: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, stdout, _ := run("--help"); code != ExitOK || stdout != usage() {
		t.Errorf("--help: exit %d %q", code, stdout)
	}
}

func TestHelpOfOneCommand(t *testing.T) {
	code, stdout, _ := run("help", "build")
	want := "用法：ipfund build [选项] [年度]\n\n" +
		"检查 data/<年度>/ 中的数据，计算各项结果，生成绩效评价报告、评分表、绩效目标表和计算结果\n" +
		"（有 allocation.toml 的年度还有因素法分配表）到 out/<年度>/。不写年度则依次处理全部年度。\n" +
		"只有全部成功才替换 out/<年度>/，出错时原有文件保持不变。\n\n" +
		"选项（写在年度之前）：\n" +
		"  -data 目录       数据文件夹（默认：项目中的“data”）\n" +
		"  -out 目录        输出文件夹（默认：项目中的“out”）\n" +
		"  -templates 目录  Word 模板文件夹（默认：项目中的“templates”；没有时用程序内置的模板）\n\n" +
		"例：ipfund build 2019\n"
	if code != ExitOK || stdout != want {
		t.Errorf("help build: exit %d\n%s\nwant\n%s", code, stdout, want)
	}
	// -h after a command shows the same.
	if code, got, _ := run("build", "-h"); code != ExitOK || got != want {
		t.Errorf("build -h: exit %d\n%s", code, got)
	}
	if code, got, _ := run("pdf", "-h"); code != ExitOK || !strings.Contains(got, "  -soffice 程序    LibreOffice 的“soffice”程序（默认自动查找）\n") ||
		!strings.Contains(got, "用 WPS 打开 out/<年度>/ 中的文件，选“文件”→“输出为PDF”") {
		t.Errorf("pdf -h: exit %d\n%s", code, got)
	}
	// A mistake in an option shows the mistake and the command's help.
	if code, _, stderr := run("check", "-yaer", "2020"); code != ExitUsage || !strings.HasPrefix(stderr, "参数有误：不认识的选项“-yaer”\n\n用法：ipfund check [选项] [年度]\n") {
		t.Errorf("check -yaer: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("help", "buld"); code != ExitUsage || !strings.HasPrefix(stderr, "未知的命令“buld”。是不是“build”？\n\n知识产权专项资金") {
		t.Errorf("help buld: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("help", "build", "check"); code != ExitUsage || stderr != "参数过多：build check。用法：ipfund help [命令]\n" {
		t.Errorf("help build check: exit %d\n%s", code, stderr)
	}
}

func TestDisplayWidthCountsChineseAsTwoColumns(t *testing.T) {
	for s, w := range map[string]int{"": 0, "build": 5, "diff 旧 新": 10, "文件，": 6, "ｘ": 2} {
		if got := displayWidth(s); got != w {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, w)
		}
	}
}

func TestVersionSaysVersionCommitAndGo(t *testing.T) {
	for _, c := range []struct {
		in   version.Info
		want string
	}{
		{version.Info{Version: "2025.12.02-6feaac6", Commit: "6feaac6a1b", Go: "go1.26.8", Platform: "windows/amd64"},
			"ipfund 版本：2025.12.02-6feaac6\n提交：6feaac6a1b\nGo 版本：go1.26.8（windows/amd64）\n"},
		{version.Info{Commit: "6feaac6a1b", Modified: true, Go: "go1.26.8", Platform: "linux/loong64"},
			"ipfund 版本：未知（编译时没有写入版本）\n提交：6feaac6a1b（编译时有未提交的改动）\nGo 版本：go1.26.8（linux/loong64）\n"},
		{version.Info{Go: "go1.26.8", Platform: "darwin/arm64"},
			"ipfund 版本：未知（编译时没有写入版本）\n提交：未知\nGo 版本：go1.26.8（darwin/arm64）\n"},
	} {
		if got := versionText(c.in); got != c.want {
			t.Errorf("versionText(%+v) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
	code, stdout, _ := run("version")
	if code != ExitOK || !strings.HasSuffix(stdout, "Go 版本："+runtime.Version()+"（"+runtime.GOOS+"/"+runtime.GOARCH+"）\n") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
	if code, _, stderr := run("version", "2019"); code != ExitUsage || stderr != "参数过多：2019。用法：ipfund version\n" {
		t.Errorf("version 2019: exit %d %q", code, stderr)
	}
}
