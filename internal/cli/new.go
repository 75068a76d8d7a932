package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"ipfund/internal/alloc"
	"ipfund/internal/diag"
	"ipfund/internal/fund"
)

// runNew starts a year: data/<year>/ made from the latest earlier year
// (fund.CarryForward), written whole or not at all, never over an existing
// year.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "")
	if code, ok := parseFlags(fs, "new", args, stdout, stderr); !ok {
		return code
	}
	if *data == "" {
		*data = filepath.Join(projectDir(), "data")
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "用法：ipfund new [-data 目录] 年度\n  从最近的上一年度复制结构和数字，建立新年度的数据目录，例如 ipfund new 2020。\n")
		return ExitUsage
	}
	arg := strings.TrimSpace(fs.Arg(0))
	if !yearRe.MatchString(arg) {
		fmt.Fprintln(stderr, badYear(fs.Arg(0), "2020"))
		return ExitUsage
	}
	year, _ := strconv.Atoi(arg)
	dir := filepath.Join(*data, arg)
	if _, err := os.Lstat(dir); err == nil {
		fmt.Fprintf(stderr, "错误：%s 已存在。ipfund new 不会覆盖已有的年度；如确要重新建立，请先把该目录改名或移走。\n", dir)
		return ExitData
	}
	prev, ok := fund.PreviousYear(*data, year)
	if !ok {
		fmt.Fprintf(stderr, "错误：%s 下没有早于 %d 年的年度数据可以沿用。请先建立一个年度的数据（可参照 data/2019）。\n", *data, year)
		return ExitData
	}
	prevDir := filepath.Join(*data, strconv.Itoa(prev))
	c, ds := fund.CarryForward(prevDir, year)
	if c == nil {
		printDiagnostics(stderr, ds)
		fmt.Fprintf(stderr, "\n%s %d 年度的数据有错误，新年度要在它的基础上建立：请先改正以上错误（make check YEAR=%d），再运行 ipfund new %d。未建立 %s。\n", countLine(ds), prev, prev, year, dir)
		return ExitData
	}
	if err := writeYear(*data, dir, c.Files); err != nil {
		fmt.Fprintf(stderr, "错误：建立 %s 失败：%s。未建立任何文件；请检查磁盘空间和写入权限后重试。\n", dir, diag.IOError(err))
		return ExitIO
	}
	fmt.Fprintf(stdout, "已从 %d 年度建立 %s（%d 个文件）：\n", prev, dir, len(c.Files))
	for _, f := range c.Files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, f.Name))
	}
	fmt.Fprintf(stdout, "年度、实施期限和日期已改到 %d 年；由程序计算的数字（小计、合计、由明细表得出的实际支出、结余，专项资金的预算和实际支出）%d 处已从数据中删去，改由程序计算。\n", year, c.Derived)
	fmt.Fprintf(stdout, "沿用 %d 年度的数字 %d 处已在行末标注“# 待确认”；叙述文字照搬 %d 年度的。\n", prev, c.Unconfirmed, prev)
	if _, err := os.Stat(filepath.Join(prevDir, alloc.FileName)); err == nil {
		fmt.Fprintf(stdout, "%d 年度的 %s（因素法分配）没有复制：如本年度也要分配，请另行建立。\n", prev, alloc.FileName)
	}
	fmt.Fprintf(stdout, "下一步：运行 make check YEAR=%d 逐条列出这些地方，按本年度核对、改写，核对过的数字删去“待确认”标注。\n", year)
	return ExitOK
}

// writeYear writes the files into a temporary directory beside dir and
// renames it into place: dir appears whole or not at all.
func writeYear(data, dir string, files []fund.CarriedFile) error {
	tmp, err := os.MkdirTemp(data, "."+filepath.Base(dir)+"-new-")
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}
