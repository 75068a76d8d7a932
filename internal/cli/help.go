package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"ipfund/internal/suggest"
)

// A command is one subcommand of ipfund. Adding a subcommand is adding one
// entry to commands: the list of commands, ipfund help <name> and the
// dispatch in Main all come from it.
type command struct {
	name    string
	args    string // what follows the name on the usage line
	summary string // one line for the list of commands
	details string // what ipfund help <name> prints below the usage line
	run     func(name string, args []string, stdout, stderr io.Writer) int
}

// commands in the order ipfund help lists them (set in init: their run
// functions print the help, which lists commands).
var commands []command

func init() {
	commands = []command{
		{name: "build", args: "[选项] [年度]", summary: "检查数据并生成该年度的全部文件到 out/<年度>/",
			details: "检查 data/<年度>/ 中的数据，计算各项结果，生成绩效评价报告、评分表、绩效目标表和计算结果\n" +
				"（有 allocation.toml 的年度还有因素法分配表）到 out/<年度>/。不写年度则依次处理全部年度。\n" +
				"只有全部成功才替换 out/<年度>/，出错时原有文件保持不变。\n\n" +
				optionsHelp(optData, optOut, optTemplates) + "\n例：ipfund build 2019",
			run: runYearCommand},
		{name: "check", args: "[选项] [年度]", summary: "只检查数据并显示主要结果，不生成文件",
			details: "检查 data/<年度>/ 中的数据并显示预算执行率、综合得分和评价等级，不生成任何文件。\n" +
				"不写年度则检查全部年度。\n\n" + optionsHelp(optData) + "\n例：ipfund check 2019",
			run: runYearCommand},
		{name: "allocate", args: "[选项] [年度]", summary: "只做因素法分配，只更新 out/<年度>/ 中分配的文件",
			details: "按 data/<年度>/allocation.toml 做省级专项资金的因素法分配，只更新 out/<年度>/ 中分配的三个文件\n" +
				"（因素法分配表.docx、因素法分配测算表.xlsx、allocation-figures.toml），其余文件不动。\n" +
				"不写年度则处理全部有 allocation.toml 的年度。\n\n" +
				optionsHelp(optData, optOut, optTemplates) + "\n例：ipfund allocate 2023",
			run: runYearCommand},
		{name: "pdf", args: "[选项] [年度]", summary: "把生成的 Word、Excel 文件转成 PDF，放在 out/<年度>-pdf/",
			details: "用 LibreOffice 把 out/<年度>/ 中的 Word、Excel 文件转成 PDF，放在 out/<年度>-pdf/（不入版本库），\n" +
				"供预览和打印。不写年度则转换全部年度。电脑上没有公文字体时，预览用相近的字体代替。\n" +
				"没有 LibreOffice、只有 WPS 时：用 WPS 打开 out/<年度>/ 中的文件，选“文件”→“输出为PDF”。\n\n" +
				optionsHelp(optData, optOut, optTemplates, optSoffice) + "\n例：ipfund pdf 2019",
			run: runPDF},
		{name: "years", args: "[-data 目录]", summary: "列出 data/ 下已有的年度",
			details: "列出数据文件夹中的年度（名为四位数字的文件夹）。\n\n" + optionsHelp(optData),
			run:     runYearCommand},
		{name: "new", args: "[-data 目录] 年度", summary: "从最近的上一年度建立新年度的数据目录 data/<年度>/",
			details: "从最近的上一年度复制结构和数字，建立新年度的数据目录 data/<年度>/（不覆盖已有年度）。\n" +
				"年度、实施期限和日期改到新年度；由程序计算的数字删去，沿用的数字在行末标注“# 待确认”。\n\n" +
				optionsHelp(optData) + "\n例：ipfund new 2020",
			run: func(_ string, args []string, stdout, stderr io.Writer) int { return runNew(args, stdout, stderr) }},
		{name: "diff", args: "旧 新", summary: "比较两份计算结果，列出变动的数字",
			details: "比较两份计算结果（figures.toml），列出变动的数字。旧、新可以是结果文件\n" +
				"（如 out/2019/figures.toml）、年度（如 2019，即 out/2019/figures.toml）\n" +
				"或 git 版本加路径（如 HEAD~1:out/2019/figures.toml）。\n\n例：ipfund diff HEAD:out/2019/figures.toml 2019",
			run: func(_ string, args []string, stdout, stderr io.Writer) int { return runDiff(args, stdout, stderr) }},
		{name: "text", args: "文件", summary: "显示 .docx 或 .xlsx 的文字（供 git diff 比较文档改动）",
			details: "显示 Word 文件的段落和表格、Excel 文件各工作表的单元格文字，每行一段或一行；\n" +
				"CSV 文件（GBK 或 UTF-8 编码）以 UTF-8 显示。\n" +
				"README 中“让 git diff 显示 Word、Excel 的文字”一节说明如何让 git 使用它。",
			run: func(_ string, args []string, stdout, stderr io.Writer) int { return runText(args, stdout, stderr) }},
		{name: "version", summary: "显示程序的版本、编译所用的 Go 版本和平台",
			details: "显示程序的版本、提交号（已知时）、编译所用的 Go 版本和平台。",
			run:     runVersion},
		{name: "help", args: "[命令]", summary: "显示用法；ipfund help build 显示 build 命令的说明",
			details: "不写命令时列出全部命令；写命令时显示该命令的选项和说明。",
			run:     runHelp},
	}
}

// Options shared by several commands, for their help.
const (
	optData      = "-data 目录       数据文件夹（默认：项目中的“data”）"
	optOut       = "-out 目录        输出文件夹（默认：项目中的“out”）"
	optTemplates = "-templates 目录  Word 模板文件夹（默认：项目中的“templates”；没有时用程序内置的模板）"
	optSoffice   = "-soffice 程序    LibreOffice 的“soffice”程序（默认自动查找）"
)

func optionsHelp(opts ...string) string {
	return "选项（写在年度之前）：\n  " + strings.Join(opts, "\n  ") + "\n"
}

// exitCodes documents the exit statuses (README: 命令行).
const exitCodes = "退出状态：0 成功；1 数据或模板有错误（未生成任何文件）；2 命令或参数有误；3 读写文件失败；\n" +
	"4 未找到 LibreOffice 或转换 PDF 失败。\n"

// usage is the help of the whole program.
func usage() string {
	var b strings.Builder
	b.WriteString("知识产权专项资金绩效评价报告生成工具（ipfund）\n\n用法：ipfund <命令> [选项] [年度]\n\n命令：\n")
	width := 0
	for _, c := range commands {
		width = max(width, displayWidth(c.synopsis()))
	}
	for _, c := range commands {
		s := c.synopsis()
		fmt.Fprintf(&b, "  %s%s  %s\n", s, strings.Repeat(" ", width-displayWidth(s)), c.summary)
	}
	b.WriteString("\n在项目文件夹（含“data”文件夹的一层）或它的任一子文件夹中运行，程序会找到“data”“out”和\n" +
		"“templates”文件夹；项目中没有“templates”文件夹时，使用程序内置的 Word 模板。\n" +
		"Windows 上也可以双击项目文件夹中的“生成报告.cmd”，生成全部年度。\n\n")
	b.WriteString(exitCodes)
	return b.String()
}

// synopsis is the command with its arguments as the list shows them:
// without the options ("[选项]", "[-data 目录]").
func (c command) synopsis() string {
	var args []string
	for rest := c.args; rest != ""; {
		rest = strings.TrimSpace(rest)
		word, after, _ := strings.Cut(rest, " ")
		if strings.HasPrefix(word, "[-") || word == "[选项]" {
			word, after, _ = strings.Cut(rest, "]")
			word = ""
		}
		if word != "" {
			args = append(args, word)
		}
		rest = after
	}
	return strings.TrimSpace(c.name + " " + strings.Join(args, " "))
}

// help is the help of one command.
func (c command) help() string {
	line := "用法：ipfund " + c.name
	if c.args != "" {
		line += " " + c.args
	}
	return line + "\n\n" + c.details + "\n"
}

// displayWidth counts columns in a terminal: CJK characters take two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// unknownCommand answers a command that does not exist, with the nearest
// one's name when it looks like a typo.
func unknownCommand(name string, stderr io.Writer) int {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	hint := ""
	if utf8.ValidString(name) {
		if s := suggest.Closest(name, names); s != "" {
			hint = "是不是“" + s + "”？"
		}
	}
	fmt.Fprintf(stderr, "未知的命令“%s”。%s\n\n%s", name, hint, usage())
	return ExitUsage
}

func runHelp(_ string, args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		fmt.Fprint(stdout, usage())
		return ExitOK
	case 1:
		if c := lookup(args[0]); c != nil {
			fmt.Fprint(stdout, c.help())
			return ExitOK
		}
		return unknownCommand(args[0], stderr)
	}
	fmt.Fprintf(stderr, "参数过多：%s。用法：ipfund help [命令]\n", strings.Join(args, " "))
	return ExitUsage
}
