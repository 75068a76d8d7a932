package cli

import (
	"fmt"
	"io"
	"os"

	"ipfund/internal/diag"
	"ipfund/internal/textconv"
)

// runText prints a document's text: ipfund text FILE. git calls it as a
// textconv driver (see README), so that git diff shows changed words.
func runText(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, "用法：ipfund text 文件（.docx、.xlsx 或文本文件）\n")
		return ExitUsage
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "错误：无法读取 %s：%s。\n", args[0], diag.IOError(err))
		return ExitIO
	}
	txt, err := textconv.Text(args[0], data)
	if err != nil {
		fmt.Fprintf(stderr, "错误：%s：%s\n", args[0], err)
		return ExitData
	}
	io.WriteString(stdout, txt)
	return ExitOK
}
