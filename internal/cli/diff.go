package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/figures"
	"ipfund/internal/limits"
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

// readFigures reads a results file, within the limits of a data file
// (it is one, and ipfund diff parses it as one).
func readFigures(arg string) ([]byte, error) {
	if yearRe.MatchString(arg) {
		path := filepath.Join(projectDir(), "out", arg, figures.FileName)
		b, err := limits.ReadFile(path, limits.DataFile)
		if err != nil {
			return nil, fmt.Errorf("无法读取 %s：%s。请先运行 make report YEAR=%s。", path, diag.IOError(err), arg)
		}
		return b, nil
	}
	b, err := limits.ReadFile(arg, limits.DataFile)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		if err != nil {
			return nil, fmt.Errorf("无法读取 %s：%s。", arg, diag.IOError(err))
		}
		return b, nil
	}
	if rev, path, ok := strings.Cut(arg, ":"); ok && rev != "" && path != "" {
		// The argument is one revision:path and nothing else: it cannot
		// start with "-" (refused above), and --end-of-options keeps git
		// from reading it as an option all the same.
		out, gerr := gitShow(arg)
		var tl *limits.TooLargeError
		switch {
		case errors.As(gerr, &tl):
			return nil, fmt.Errorf("git 中的 %s 过大，超过结果文件的上限 %s。", arg, diag.Size(limits.DataFile))
		case gerr != nil:
			return nil, fmt.Errorf("无法从 git 读取 %s：请确认版本“%s”和路径“%s”存在。", arg, rev, path)
		}
		return out, nil
	}
	return nil, fmt.Errorf("无法读取 %s：%s。", arg, diag.IOError(err))
}

// gitShow runs git show rev:path and reads at most limits.DataFile of what
// it prints.
func gitShow(arg string) ([]byte, error) {
	cmd := exec.Command("git", "show", "--no-textconv", "--end-of-options", arg)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	b, rerr := limits.ReadAll(out, limits.DataFile)
	if rerr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, rerr
	}
	if err := cmd.Wait(); err != nil {
		return nil, err
	}
	return b, nil
}
