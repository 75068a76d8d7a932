package cli

import (
	"errors"
	"fmt"
	"io"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
	"ipfund/internal/textconv"
)

// runText prints a document's text: ipfund text FILE. git calls it as a
// textconv driver (see README), so that git diff shows changed words.
func runText(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, "用法：ipfund text 文件（.docx、.xlsx 或文本文件）\n")
		return ExitUsage
	}
	// Anything build may write is read; more is refused before it is
	// read whole, and so is what is not a file (/dev/zero, a FIFO).
	data, err := limits.ReadFile(args[0], limits.DocumentFile)
	var tl *limits.TooLargeError
	switch {
	case errors.As(err, &tl):
		fmt.Fprintf(stderr, "错误：%s 过大，超过上限 %s：本程序生成的文件不会这么大。\n", args[0], diag.Size(limits.DocumentFile))
		return ExitData
	case err != nil:
		fmt.Fprintf(stderr, "错误：无法读取 %s：%s。\n", args[0], diag.IOError(err))
		return ExitIO
	}
	if err := textconv.Write(stdout, args[0], data); err != nil {
		fmt.Fprintf(stderr, "错误：%s：%s\n", args[0], err)
		return ExitData
	}
	return ExitOK
}
