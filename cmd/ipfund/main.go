// Command ipfund turns a year's fund data (data/<year>/*.toml) into the
// bureau's evaluation documents under out/<year>/. See README.md.
package main

import (
	"bufio"
	"fmt"
	"os"

	"ipfund/internal/cli"
	"ipfund/internal/console"
)

func main() {
	code := cli.Main(os.Args[1:], os.Stdout, os.Stderr)
	// Double-clicked in Explorer: the usage would flash by in a window
	// that closes at once. Say how to use the program and wait.
	if len(os.Args) == 1 && console.OwnWindow() {
		fmt.Fprint(os.Stderr, "\n这是命令行程序：请在命令提示符或 PowerShell 中进入项目文件夹运行（例如 ipfund build），\n或双击项目文件夹中的“生成报告.cmd”生成全部年度。按回车键关闭窗口……")
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(code)
}
