package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/outdir"
	"ipfund/internal/soffice"
	builtin "ipfund/templates"
)

// ExitTool: LibreOffice is missing or failed to convert (ipfund pdf).
const ExitTool = 4

// findSoffice finds LibreOffice (a variable so tests can take it away).
var findSoffice = soffice.Find

// runPDF converts a year's Word and Excel files to PDF previews in
// out/<year>-pdf/, which it replaces as a whole, as build does out/<year>/.
func runPDF(cmd string, args []string, stdout, stderr io.Writer) int {
	flags, o := newFlags(cmd)
	flags.StringVar(&o.soffice, "soffice", "", "")
	if code, ok := parseFlags(flags, cmd, args, stdout, stderr); !ok {
		return code
	}
	o.resolve(flags)
	years, err := Years(o.data)
	if err != nil {
		return dataDirError(o.data, err, stderr)
	}
	picked, code := pickYears(flags.Args(), years, o.data, stderr)
	if code != ExitOK {
		return code
	}
	exe := o.soffice
	if exe == "" {
		exe = findSoffice()
	} else if fi, err := os.Stat(exe); err != nil || fi.IsDir() {
		fmt.Fprintf(stderr, "错误：找不到 -soffice 指定的程序 %s。请写 LibreOffice 的“soffice”程序的完整路径，或去掉 -soffice 让程序自动查找。\n", exe)
		return ExitTool
	}
	if exe == "" {
		fmt.Fprint(stderr, noLibreOffice(runtime.GOOS, filepath.Join(o.out, strconv.Itoa(picked[0]))))
		return ExitTool
	}
	worst := ExitOK
	for i, year := range picked {
		if len(picked) > 1 {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintf(stdout, "== %d 年度 ==\n", year)
		}
		worst = max(worst, pdfYear(exe, o, year, stdout, stderr))
	}
	return worst
}

// noLibreOffice says what to install, for the platform the program runs
// on, and how WPS users get their PDF instead.
func noLibreOffice(goos, outDir string) string {
	var how string
	switch goos {
	case "windows":
		how = "  从 https://zh-cn.libreoffice.org/download/ 下载 Windows 版安装（装在默认位置 C:\\Program Files\\LibreOffice 即可）。\n"
	case "darwin":
		how = "  从 https://zh-cn.libreoffice.org/download/ 下载 macOS 版，拖进“应用程序”文件夹。\n"
	default:
		how = "  统信 UOS、银河麒麟：在应用商店中搜索 LibreOffice 安装；\n" +
			"  Debian、Ubuntu：“sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk”\n"
	}
	return "错误：未找到 LibreOffice，无法转换 PDF。请先安装 LibreOffice（免费）：\n" + how +
		"装在其他位置时，用 -soffice 指定“soffice”程序的路径。\n" +
		"只用 WPS 的，可以用 WPS 打开 " + outDir + " 中的文件，选“文件”→“输出为PDF”，逐个保存。\n"
}

// pdfYear converts one year.
func pdfYear(exe string, o *options, year int, stdout, stderr io.Writer) int {
	src := filepath.Join(o.out, strconv.Itoa(year))
	dst := src + "-pdf"
	entries, err := os.ReadDir(src)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "错误：没有 %s。请先生成该年度的文件：ipfund build %d（或 make report YEAR=%d）。\n", src, year, year)
		return ExitIO
	} else if err != nil {
		fmt.Fprintf(stderr, "错误：无法读取 %s：%s。\n", src, diag.IOError(err))
		return ExitIO
	}
	var inputs []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.Type().IsRegular() && (ext == ".docx" || ext == ".xlsx") {
			inputs = append(inputs, filepath.Join(src, e.Name()))
		}
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "错误：%s 中没有 Word、Excel 文件。请先生成该年度的文件：ipfund build %d。\n", src, year)
		return ExitIO
	}
	sort.Strings(inputs)
	work, err := os.MkdirTemp("", "ipfund-pdf-")
	if err != nil {
		fmt.Fprintf(stderr, "错误：无法建立临时文件夹：%s。\n", diag.IOError(err))
		return ExitIO
	}
	defer os.RemoveAll(work)
	fonts, err := fontsConf(o.templates, work)
	if err != nil {
		fmt.Fprintf(stderr, "错误：无法准备字体替换文件：%s。\n", diag.IOError(err))
		return ExitIO
	}
	abs := make([]string, len(inputs))
	for i, f := range inputs {
		if abs[i], err = filepath.Abs(f); err != nil {
			abs[i] = f
		}
	}
	fmt.Fprintf(stdout, "正在用 LibreOffice 把 %s 中的 %d 个文件转成 PDF（可能要半分钟）……\n", src, len(inputs))
	pdfDir := filepath.Join(work, "pdf")
	if err := soffice.Convert(context.Background(), exe, soffice.Options{Filter: "pdf", OutDir: pdfDir, FontsConf: fonts}, abs...); err != nil {
		fmt.Fprint(stderr, conversionFailure(err, inputs, abs, dst))
		return ExitTool
	}
	var files []outdir.File
	for _, f := range inputs {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + ".pdf"
		data, err := os.ReadFile(filepath.Join(pdfDir, name))
		if err != nil {
			fmt.Fprintf(stderr, "错误：无法读取转换结果 %s：%s。\n", name, diag.IOError(err))
			return ExitIO
		}
		files = append(files, outdir.File{Name: name, Data: data})
	}
	rep, err := outdir.Replace(dst, files, outOptions(dst, stderr, nil))
	if err != nil {
		printOutError(stderr, dst, err)
		return ExitIO
	}
	fmt.Fprintf(stdout, "已转换 %d 年度文件为 PDF：\n", year)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dst, f.Name))
	}
	printReport(stdout, rep)
	return ExitOK
}

// fontsConf is the font substitution file for LibreOffice on Linux: the
// templates folder's, else the built-in one written into work.
func fontsConf(templatesDir, work string) (string, error) {
	if templatesDir != "" {
		p := filepath.Join(templatesDir, "fonts.conf")
		if _, err := os.Stat(p); err == nil {
			return filepath.Abs(p)
		}
	}
	b, err := builtin.Read("fonts.conf")
	if err != nil {
		return "", err
	}
	p := filepath.Join(work, "fonts.conf")
	return p, os.WriteFile(p, b, 0o644)
}

// conversionFailure explains a failed conversion in Chinese, with what
// LibreOffice itself said.
func conversionFailure(err error, inputs, abs []string, dst string) string {
	var b strings.Builder
	var e *soffice.Error
	if !errors.As(err, &e) {
		fmt.Fprintf(&b, "错误：无法运行 LibreOffice：%s。\n", diag.IOError(err))
	} else {
		switch {
		case e.Timeout:
			fmt.Fprintf(&b, "错误：LibreOffice 在 %d 分钟内没有完成转换，已中止。\n", int(soffice.Timeout.Minutes()))
		case len(e.Missing) > 0:
			b.WriteString("错误：LibreOffice 没能把以下文件转成 PDF：\n")
			for _, m := range e.Missing {
				for i := range abs {
					if abs[i] == m {
						m = inputs[i]
					}
				}
				fmt.Fprintf(&b, "  %s\n", m)
			}
		default:
			fmt.Fprintf(&b, "错误：LibreOffice 运行出错（%v）。\n", e.Err)
		}
		if reason := libreOfficeSays(e.Output); reason != "" {
			b.WriteString("LibreOffice 的说明：\n")
			for _, l := range strings.Split(reason, "\n") {
				fmt.Fprintf(&b, "  %s\n", l)
			}
		} else {
			b.WriteString("LibreOffice 没有说明原因。\n")
		}
	}
	fmt.Fprintf(&b, "%s 保持原样。请确认这些文件能用 LibreOffice 打开后重试；只用 WPS 的，可以用 WPS 打开文件，选“文件”→“输出为PDF”。\n", dst)
	return b.String()
}

// libreOfficeSays keeps what LibreOffice printed but its progress lines
// ("convert … -> … using filter …") and its harmless note about Java.
func libreOfficeSays(out string) string {
	var keep []string
	for _, l := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "convert ") || strings.Contains(l, "failed to launch javaldx") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}
