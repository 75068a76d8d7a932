package cli

import (
	"fmt"
	"io"
	"strings"

	"ipfund/internal/version"
)

// runVersion prints which build of the program this is: what a colleague
// needs to say when asking whether their copy is the latest.
func runVersion(_ string, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "参数过多：%s。用法：ipfund version\n", strings.Join(args, " "))
		return ExitUsage
	}
	fmt.Fprint(stdout, versionText(version.Get()))
	return ExitOK
}

func versionText(i version.Info) string {
	v := i.Version
	if v == "" {
		v = "未知（编译时没有写入版本）"
	}
	c := i.Commit
	switch {
	case c == "":
		c = "未知"
	case i.Modified:
		c += "（编译时有未提交的改动）"
	}
	return fmt.Sprintf("ipfund 版本：%s\n提交：%s\nGo 版本：%s（%s）\n", v, c, i.Go, i.Platform)
}
