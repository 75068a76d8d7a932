package cli

import (
	"fmt"
	"strings"

	"ipfund/internal/diag"
)

// warningClasses breaks the warnings of a run down by what a new year
// leaves to do: "，其中待确认的数字 12 处、沿用上一年度的文字或日期 30 处".
func warningClasses(ds diag.List) string {
	var parts []string
	if n := ds.Count(diag.ClassUnconfirmed); n > 0 {
		parts = append(parts, fmt.Sprintf("待确认的数字 %d 处", n))
	}
	if n := ds.Count(diag.ClassStale); n > 0 {
		parts = append(parts, fmt.Sprintf("沿用上一年度的文字或日期 %d 处", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return "，其中" + strings.Join(parts, "、")
}
