package diag

import "fmt"

// Omitted is the line that stands for n problems of file, of one severity,
// left out of the list: a file with thousands of problems (a pasted table,
// a wrong column throughout) shows its first ones and a count, as
// compilers do.
func Omitted(file string, n int, s Severity) Diagnostic {
	what := "错误"
	if s == Warning {
		what = "警告"
	}
	return Diagnostic{
		Pos:      Pos{File: file},
		Severity: s,
		Msg:      fmt.Sprintf("此文件还有 %d 个%s没有列出。", n, what),
		Hint:     "请先改正以上问题，再运行一次。",
		Omitted:  n,
	}
}

// Capped keeps the first n problems of each file, in list order, and
// replaces the rest of the file's by Omitted lines, one per severity.
func (l List) Capped(n int) List {
	type key struct {
		file string
		sev  Severity
	}
	listed := map[string]int{}
	omitted := map[key]int{}
	var keys []key
	leave := func(k key, count int) {
		if omitted[k] == 0 {
			keys = append(keys, k)
		}
		omitted[k] += count
	}
	var out List
	for _, d := range l {
		k := key{d.Pos.File, d.Severity}
		switch {
		case d.Omitted > 0:
			leave(k, d.Omitted)
		case listed[k.file] < n:
			listed[k.file]++
			out = append(out, d)
		default:
			leave(k, 1)
		}
	}
	for _, k := range keys {
		out = append(out, Omitted(k.file, omitted[k], k.sev))
	}
	return out
}

// Totals is the number of errors and of warnings, those left out of the
// list included.
func (l List) Totals() (errors, warnings int) {
	for _, d := range l {
		n := max(d.Omitted, 1)
		if d.Severity == Error {
			errors += n
		} else {
			warnings += n
		}
	}
	return errors, warnings
}
