package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/figures"
)

// runDiff compares two figures files and lists what moved. Each side is a
// file, a year (its out/<year>/figures.toml), or a git revision and path
// such as HEAD~1:out/2019/figures.toml.
func runDiff(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprint(stderr, "用法：ipfund diff 旧 新\n  旧、新可以是结果文件（如 out/2019/figures.toml）、年度（如 2019，即 out/2019/figures.toml）\n  或 git 版本加路径（如 HEAD~1:out/2019/figures.toml）。\n")
		return ExitUsage
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			fmt.Fprintf(stderr, "错误：参数“%s”以“-”开头。diff 只接受结果文件、年度或 git 版本:路径，不接受选项；文件名确实以“-”开头时请写成 ./%s。\n", a, a)
			return ExitUsage
		}
	}
	var sides [2][]byte
	for i, a := range args {
		b, err := readFigures(a)
		if err != nil {
			fmt.Fprintf(stderr, "错误：%s\n", err)
			return ExitIO
		}
		if why := figures.NotFigures(b); why != "" {
			fmt.Fprintf(stderr, "错误：%s 不是计算结果文件：%s。diff 比较的是 out/<年度>/figures.toml 这样的结果文件。\n", a, why)
			return ExitData
		}
		sides[i] = b
	}
	changes, err := figures.Diff(sides[0], sides[1])
	if err != nil {
		fmt.Fprintf(stderr, "错误：%s\n", err)
		return ExitData
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "两份结果完全相同。")
		return ExitOK
	}
	fmt.Fprintf(stdout, "有 %d 项结果不同：\n", len(changes))
	for _, c := range changes {
		fmt.Fprintf(stdout, "  %s\n", c)
	}
	return ExitOK
}

func readFigures(arg string) ([]byte, error) {
	if yearRe.MatchString(arg) {
		path := filepath.Join("out", arg, figures.FileName)
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("无法读取 %s：%s。请先运行 make report YEAR=%s。", path, diag.IOError(err), arg)
		}
		return b, nil
	}
	b, err := os.ReadFile(arg)
	if err == nil {
		return b, nil
	}
	if rev, path, ok := strings.Cut(arg, ":"); ok && rev != "" && path != "" {
		// The argument is one revision:path and nothing else: it cannot
		// start with "-" (refused above), and --end-of-options keeps git
		// from reading it as an option all the same.
		out, gerr := exec.Command("git", "show", "--no-textconv", "--end-of-options", arg).Output()
		if gerr != nil {
			return nil, fmt.Errorf("无法从 git 读取 %s：请确认版本“%s”和路径“%s”存在。", arg, rev, path)
		}
		return out, nil
	}
	return nil, fmt.Errorf("无法读取 %s：%s。", arg, diag.IOError(err))
}
