// Package cli is the command line of the tool: it parses arguments, runs the
// pipeline and prints what happened, in Chinese, for the bureau staff who
// run it. main only calls Main.
package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"ipfund/internal/alloc"
	"ipfund/internal/build"
	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/outdir"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitData  = 1 // the data (or a template) has errors; nothing written
	ExitUsage = 2 // the command line is wrong
	ExitIO    = 3 // reading or writing files failed
)

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return ExitUsage
	}
	name, rest := args[0], args[1:]
	if c := lookup(name); c != nil {
		return c.run(name, rest, stdout, stderr)
	}
	switch name {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return ExitOK
	}
	return unknownCommand(name, stderr)
}

func runYearCommand(cmd string, args []string, stdout, stderr io.Writer) int {
	fs, o := newFlags(cmd)
	if code, ok := parseFlags(fs, cmd, args, stdout, stderr); !ok {
		return code
	}
	o.resolve(fs)
	years, err := Years(o.data)
	if err != nil {
		return dataDirError(o.data, err, stderr)
	}
	if len(fs.Args()) == 0 {
		warnLookalikes(stderr, o.data, years)
	}
	if cmd == "years" {
		for _, y := range years {
			fmt.Fprintln(stdout, y)
		}
		return ExitOK
	}
	picked, code := pickYears(fs.Args(), years, o.data, stderr)
	if code != ExitOK {
		return code
	}
	if cmd == "allocate" && len(fs.Args()) == 0 {
		picked = yearsWithAllocation(o.data, picked)
	}
	worst := ExitOK
	for i, year := range picked {
		if len(picked) > 1 {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintf(stdout, "== %d 年度 ==\n", year)
		}
		opts := build.Options{DataDir: o.data, TemplatesDir: o.templates, Year: year}
		if cmd == "allocate" {
			opts.Job = build.Allocation
		}
		outDir := filepath.Join(o.out, strconv.Itoa(year))
		code := recoverYear(outDir, stderr)
		switch {
		case code != ExitOK:
		case cmd == "check":
			code = check(opts, stdout, stderr)
		default:
			code = buildYear(opts, outDir, stdout, stderr)
		}
		worst = max(worst, code)
	}
	return worst
}

// yearsWithAllocation keeps the years whose data holds an allocation.
func yearsWithAllocation(dataDir string, years []int) []int {
	var out []int
	for _, y := range years {
		if _, err := os.Stat(filepath.Join(dataDir, strconv.Itoa(y), alloc.FileName)); err == nil {
			out = append(out, y)
		}
	}
	return out
}

var yearRe = regexp.MustCompile(`^[0-9]{4}$`)

// badYear says why a year argument is not one: a year typed with
// full-width digits or with 年 gets the year to write instead.
func badYear(arg, example string) string {
	if y := yearIn(arg); y != "" {
		return fmt.Sprintf("年度“%s”无效：年度只写四位半角数字，请写成 %s。", arg, y)
	}
	return fmt.Sprintf("年度“%s”无效：年度应为四位数字，例如 %s。", arg, example)
}

// pickYears validates the year argument; without one, every year.
func pickYears(args []string, years []int, dataDir string, stderr io.Writer) ([]int, int) {
	switch {
	case len(args) > 1:
		fmt.Fprintf(stderr, "参数过多：%s。一次只能处理一个年度（不写年度则处理全部年度）。\n", strings.Join(args, " "))
		return nil, ExitUsage
	case len(args) == 0 && len(years) == 0:
		fmt.Fprintf(stderr, "错误：%s 下还没有任何年度的数据目录（如 %s）。请先建立数据目录（目录名为四位半角数字的年度）。\n", dataDir, filepath.Join(dataDir, "2019"))
		return nil, ExitUsage
	case len(args) == 0:
		return years, ExitOK
	}
	arg := strings.TrimSpace(args[0])
	if !yearRe.MatchString(arg) {
		fmt.Fprintln(stderr, badYear(args[0], "2019"))
		return nil, ExitUsage
	}
	year, _ := strconv.Atoi(arg)
	for _, y := range years {
		if y == year {
			return []int{year}, ExitOK
		}
	}
	fmt.Fprintf(stderr, "没有 %d 年度的数据：找不到目录 %s。已有的年度：%s。", year, filepath.Join(dataDir, arg), yearList(years))
	for _, l := range yearLookalikes(dataDir) {
		if l[1] == arg {
			fmt.Fprintf(stderr, "有一个目录 %s：如果这是 %d 年度的数据，请把它改名为 %s（四位半角数字）。", filepath.Join(dataDir, l[0]), year, filepath.Join(dataDir, arg))
		}
	}
	fmt.Fprintln(stderr)
	return nil, ExitUsage
}

// Years lists the year directories under dataDir, ascending.
func Years(dataDir string) ([]int, error) {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, err
	}
	var years []int
	for _, e := range entries {
		if e.IsDir() && yearRe.MatchString(e.Name()) {
			y, _ := strconv.Atoi(e.Name())
			years = append(years, y)
		}
	}
	sort.Ints(years)
	return years, nil
}

func yearList(years []int) string {
	if len(years) == 0 {
		return "（无）"
	}
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, "、")
}

func check(o build.Options, stdout, stderr io.Writer) int {
	out, ds := build.Check(o)
	printDiagnostics(stderr, ds)
	if out == nil {
		fmt.Fprintf(stderr, "\n%s请改正以上错误后再运行。\n", countLine(ds))
		return ExitData
	}
	fmt.Fprintf(stdout, "%d 年度数据检查通过%s。\n", o.Year, warningSuffix(ds))
	summary(stdout, out)
	return ExitOK
}

// summary prints the headline figures of each job that ran.
func summary(w io.Writer, out *build.Output) {
	if r := out.Result; r != nil {
		fmt.Fprintf(w, "预算执行率 %s%%，综合得分 %s 分，评价等级：%s。\n", r.ExecutionRate.StringFixed(2), r.Total.StringFixed(2), r.Grade)
	}
	if a := out.Allocation; a != nil {
		sample := ""
		if out.Plan.Sample {
			sample = "（" + out.Plan.Note + "）"
		}
		fmt.Fprintf(w, "因素法分配%s：总额 %s%s 分给 %d 个地区，合计 %s%s；按最大余额法取整，尾差 %d 个最小单位（%s%s）已补给余数最大的地区。\n",
			sample, a.Total, a.Unit, len(a.Cities), a.AmountSum, a.Unit, a.Leftover, a.Quantum, a.Unit)
	}
}

func buildYear(o build.Options, outDir string, stdout, stderr io.Writer) int {
	out, ds := build.Run(o)
	printDiagnostics(stderr, ds)
	if out == nil {
		kept := ""
		if _, err := os.Stat(outDir); err == nil {
			kept = "，" + outDir + " 保持原样"
		}
		fmt.Fprintf(stderr, "\n%s未生成任何文件%s。请改正以上错误后再运行。\n", countLine(ds), kept)
		return ExitData
	}
	rep, err := outdir.Replace(outDir, out.Files, outOptions(outDir, stderr, o.Owns))
	printNotes(stderr, rep)
	if err != nil {
		printOutError(stderr, outDir, err)
		return ExitIO
	}
	fmt.Fprintf(stdout, "已生成 %d 年度文件%s：\n", o.Year, warningSuffix(ds))
	for _, f := range out.Files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(outDir, f.Name))
	}
	printReport(stdout, rep)
	summary(stdout, out)
	fmt.Fprintf(stdout, "所用模板：%s。\n", templatesUsed(o.TemplatesDir))
	return ExitOK
}

func warningSuffix(ds diag.List) string {
	if _, n := ds.Totals(); n > 0 {
		return fmt.Sprintf("（有 %d 条警告%s，见上）", n, warningClasses(ds))
	}
	return ""
}

func countLine(ds diag.List) string {
	e, w := ds.Totals()
	if w == 0 {
		return fmt.Sprintf("发现 %d 个错误。", e)
	}
	return fmt.Sprintf("发现 %d 个错误、%d 条警告%s。", e, w, warningClasses(ds))
}

// printDiagnostics prints each problem with the offending line of its file.
func printDiagnostics(w io.Writer, ds diag.List) {
	lines := map[string][]string{}
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
		if d.Pos.File == "" || d.Pos.Line == 0 || d.Pos.Grid {
			// A spreadsheet's row is not a line of text to quote.
			continue
		}
		src, ok := lines[d.Pos.File]
		if !ok {
			// The file was read within its limit once already.
			if b, err := limits.ReadFile(d.Pos.File, limits.DataFile); err == nil {
				src = strings.Split(string(b), "\n")
			}
			lines[d.Pos.File] = src
		}
		if d.Pos.Line <= len(src) {
			fmt.Fprintf(w, "    %d | %s\n", d.Pos.Line, sourceLine(src[d.Pos.Line-1], d.Pos.Col))
		}
	}
}

// sourceLine is a line of a data file as shown under its message: a long
// line (a pasted table on one line) is cut to the part around col.
func sourceLine(line string, col int) string {
	const width = 120 // characters shown at most
	line = strings.TrimRight(line, "\r")
	n := utf8.RuneCountInString(line)
	if n <= width {
		return line
	}
	from := max(min(col-1-width/2, n-width), 0)
	// Byte offsets of the characters from and from+width.
	start, end, i := len(line), len(line), 0
	for off := range line {
		if i == from {
			start = off
		}
		if i == from+width {
			end = off
			break
		}
		i++
	}
	out := line[start:end]
	if from > 0 {
		out = "……" + out
	}
	if end < len(line) {
		out += "……"
	}
	return out
}

func flagError(err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "flag provided but not defined: ") {
		return "不认识的选项“" + strings.TrimPrefix(msg, "flag provided but not defined: ") + "”"
	}
	if strings.HasPrefix(msg, "flag needs an argument: ") {
		return "选项缺少值：“" + strings.TrimPrefix(msg, "flag needs an argument: ") + "”"
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return "选项写法有误：“" + rest + "”"
	}
	return "选项写法有误"
}
