// Package diag holds the problems a run finds in its input: where each one is
// (file, line, column) and what the user should do about it. Every stage
// collects diagnostics instead of stopping at the first, so that a person
// fixing a data file sees all of its problems at once.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a problem stops the run.
type Severity int

const (
	// Error is a hard contradiction: nothing is written while one exists.
	Error Severity = iota
	// Warning is a soft disagreement (a figure in prose against a table, a
	// subsidy off its policy rate): printed, never silent, but not fatal.
	Warning
)

// Pos is a place in an input file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string
	Line int
	Col  int
	// Grid marks a cell of a spreadsheet or CSV file: Line is its row and
	// Col its column (1 is A), as Excel shows them; Sheet is the
	// worksheet's name ("" for a CSV file) and Header the title of the
	// column, when known.
	Grid   bool
	Sheet  string
	Header string
}

// String renders the position as file:line:col, omitting what is unknown;
// a cell of a spreadsheet as 文件 工作表“Sheet1” 第12行 C列（表头）.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Grid:
		return p.gridString()
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

func (p Pos) gridString() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteString(" 工作表“" + p.Sheet + "”")
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, " 第%d行", p.Line)
	}
	if p.Col > 0 {
		b.WriteString(" " + columnLetters(p.Col) + "列")
		if p.Header != "" {
			b.WriteString("（" + p.Header + "）")
		}
	}
	return b.String()
}

// columnLetters names a 1-based column as a spreadsheet does: A … Z, AA ….
func columnLetters(n int) string {
	var s []byte
	for ; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('A' + (n-1)%26)}, s...)
	}
	return string(s)
}

// Diagnostic is one problem.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Msg says what is wrong, in Chinese.
	Msg string
	// Hint says what to do about it, in Chinese; optional.
	Hint string
	// Source is the offending line of the file, shown under the message; optional.
	Source string
	// Omitted, when set, makes this the line that stands for that many
	// problems of its file left out of the list (see Capped).
	Omitted int
	// Class sorts a warning into a kind the summary counts apart
	// (ClassStale, ClassUnconfirmed); "" for the rest.
	Class string
}

// Warning classes counted apart in a run's summary.
const (
	// ClassStale: text or a date left over from last year (a paragraph
	// unchanged, a mention of last year, a date outside the period, a
	// count the data contradicts).
	ClassStale = "stale"
	// ClassUnconfirmed: a figure carried over by `ipfund new`, not yet
	// checked against this year's books.
	ClassUnconfirmed = "unconfirmed"
)

// Count counts the diagnostics of a class.
func (l List) Count(class string) int {
	n := 0
	for _, d := range l {
		if d.Class == class {
			n++
		}
	}
	return n
}

// String renders the diagnostic the way the CLI prints it:
//
//	data/2019/01-reward.toml:12:1: 错误：… 请…
func (d Diagnostic) String() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString("：")
	}
	if d.Severity == Warning {
		b.WriteString("警告：")
	} else {
		b.WriteString("错误：")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(d.Hint)
	}
	if d.Source != "" && !d.Pos.Grid {
		fmt.Fprintf(&b, "\n    %d | %s", d.Pos.Line, d.Source)
	}
	return b.String()
}

// List collects diagnostics in the order they were found.
type List []Diagnostic

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics found elsewhere.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sorted returns the diagnostics ordered by file, line and column, keeping the
// order of discovery among equals, so output is stable whatever order the
// checks ran in.
func (l List) Sorted() List {
	out := append(List(nil), l...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if oi, oj := out[i].Omitted > 0, out[j].Omitted > 0; oi != oj {
			return oj // the count of what was left out comes last
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// Error makes a list usable as an error: one diagnostic per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error if it holds any error, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// IOError says in Chinese why a file could not be read or written (see
// oserr.go): the system's own English never reaches the user.
func IOError(err error) string { return describe(err) }
