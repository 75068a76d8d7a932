package fund

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"ipfund/internal/diag"
	"ipfund/internal/tomlx"
)

// The yearly cycle: a new year starts as a copy of the last one, and what
// was true of last year must not slip into this year's report unnoticed.
// Every build reviews the year's prose and marks against the year before
// it (the latest earlier year beside it in the data directory):
//
//   - a figure marked 待确认 (carried over by `ipfund new`) not yet confirmed;
//   - a paragraph identical to last year's;
//   - a mention of last year ("2019年", "2019年度") outside the title or
//     文号 of a document the data cites, or in the title of the document
//     cited as this year's evaluation notice or spending plan;
//   - a date in an indicator or target outside the evaluation period;
//   - a count written in prose ("涉及5个类别", "5个子项目") that the data
//     contradicts.
//
// Each is a warning at the file and line to edit; a reviewer who means the
// text as it stands marks its line "# 保留". Unknown placeholders in prose
// are errors: they would be printed as they stand.

// PreviousYear returns the latest year before year that has fund data under
// dataDir.
func PreviousYear(dataDir string, year int) (int, bool) {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return 0, false
	}
	best := 0
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil || !e.IsDir() || len(e.Name()) != 4 || n >= year || n <= best {
			continue
		}
		if files, err := DataFiles(filepath.Join(dataDir, e.Name())); err == nil && len(files) > 0 {
			best = n
		}
	}
	return best, best > 0
}

// previous assembles the year before the one in dir, for comparison; nil
// when there is none or it cannot be read (its own build says why).
func previous(dir string) *Year {
	year, err := strconv.Atoi(filepath.Base(dir))
	if err != nil {
		return nil
	}
	parent := filepath.Dir(dir)
	prev, ok := PreviousYear(parent, year)
	if !ok {
		return nil
	}
	y, _ := assemble(filepath.Join(parent, strconv.Itoa(prev)))
	return y
}

var (
	// dateRe finds a full date in prose: 2019年12月31日.
	dateRe = regexp.MustCompile(`([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日`)
	// yearRe finds a year in prose: 2019年, 2019年度.
	yearRe = regexp.MustCompile(`(^|[^0-9])([0-9]{4})年度?`)
	// countRe finds a count of sub-projects or categories in prose.
	countRe = regexp.MustCompile(`([0-9]+|[一二两三四五六七八九十]+)个(子项目|类别)`)
	// placeholderAny finds {…}, full-width braces too.
	placeholderAny = placeholderRe
)

// review checks the year's marks and prose against the year before it.
func (y *Year) review(prev *Year) diag.List {
	var ds diag.List
	ds = append(ds, y.unconfirmed()...)
	var prevTexts map[string]bool
	if prev != nil {
		prevTexts = map[string]bool{}
		for _, p := range prev.prose() {
			if p.kind == paragraph {
				prevTexts[*p.s] = true
			}
		}
	}
	var cites []string
	for _, d := range y.Documents {
		cites = append(cites, d.Title, d.Number)
	}
	slices.SortFunc(cites, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, c := range cites {
		if c != "" {
			pairs = append(pairs, c, "\x00")
		}
	}
	uncite := strings.NewReplacer(pairs...)
	for _, p := range y.prose() {
		ds = append(ds, y.placeholders(p)...)
		var why []string
		text := *p.s
		if p.kind == paragraph && prevTexts[text] {
			why = append(why, fmt.Sprintf("与 %d 年度的文字完全相同", prev.Fund.Year))
		}
		if p.dated {
			var outside []string
			text = dateRe.ReplaceAllStringFunc(text, func(m string) string {
				if d, ok := parseDate(m); ok && !y.inPeriod(d) {
					outside = append(outside, m)
				}
				return "\x00"
			})
			if len(outside) > 0 {
				why = append(why, fmt.Sprintf("写的日期 %s 不在实施期限 %s-%s 内", strings.Join(outside, "、"), y.Fund.Start, y.Fund.End))
			}
		}
		mentioned := false
		if prev != nil {
			if years := y.earlierYears(uncite.Replace(text), prev.Fund.Year); len(years) > 0 {
				why = append(why, fmt.Sprintf("提到“%s”，而这是 %d 年度的报告", strings.Join(years, "”“"), y.Fund.Year))
				mentioned = true
			}
		}
		counted := y.wrongCounts(text)
		if len(counted) > 0 {
			why = append(why, fmt.Sprintf("写的“%s”与数据不符：本年度有 %d 个子项目", strings.Join(counted, "”“"), len(y.Subprojects)))
		}
		if len(why) == 0 || y.marked(p.pos, keepMark) {
			continue
		}
		hint := "请按本年度改写"
		switch {
		case mentioned && len(counted) > 0:
			hint += "（年度可写成 {年度}、子项目个数可写成 {子项目数}，由程序填入）"
		case mentioned:
			hint += "（年度可写成 {年度}，由程序填入）"
		case len(counted) > 0:
			hint += "（子项目个数可写成 {子项目数}，由程序填入）"
		}
		hint += "；如确属本意，在这一行末尾加注释“# 保留”。"
		ds.Add(diag.Diagnostic{Pos: p.pos, Severity: diag.Warning, Class: diag.ClassStale, Msg: "这段文字" + strings.Join(why, "；") + "。", Hint: hint})
	}
	if prev != nil {
		ds = append(ds, y.staleDocuments(prev.Fund.Year)...)
	}
	if y.Targets != nil {
		for i, t := range y.Targets.Indicators {
			pos := t.At.Key("value")
			if t.Value.IsDate && !y.inPeriod(t.Value.Date) && !y.marked(pos, keepMark) {
				ds.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Class: diag.ClassStale,
					Msg:  fmt.Sprintf("绩效目标表第%d项“%s”的完成时限 %s 不在实施期限 %s-%s 内。", i+1, t.Name, t.Value.Date, y.Fund.Start, y.Fund.End),
					Hint: "复制上一年度的数据后忘了改？请改为本年度的时限；如确属本意，在这一行末尾加注释“# 保留”。"})
			}
		}
	}
	return ds
}

// staleDocuments flags this year's evaluation notice or spending plan when
// its title names an earlier year: a cited document's year is meant as
// written, but these two are this year's by their use.
func (y *Year) staleDocuments(since int) diag.List {
	var ds diag.List
	for _, d := range y.Documents {
		for _, u := range d.Uses {
			if u != UseNotice && u != UsePlan {
				continue
			}
			pos := d.At.Key("title")
			// A title marked 待确认 is listed already.
			if years := y.earlierYears(d.Title, since); len(years) > 0 && !y.marked(pos, keepMark) && !y.marked(pos, unconfirmedMark) {
				ds.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Class: diag.ClassStale,
					Msg:  fmt.Sprintf("用作“%s”的文件《%s》提到“%s”，而这是 %d 年度的报告。", u, d.Title, strings.Join(years, "”“"), y.Fund.Year),
					Hint: "请改为本年度的文件（文件名称和文号）；如确实沿用这份文件，在这一行末尾加注释“# 保留”。"})
			}
			break
		}
	}
	return ds
}

// unconfirmed lists the lines marked 待确认, file by file.
func (y *Year) unconfirmed() diag.List {
	var ds diag.List
	files := make([]string, 0, len(y.comments))
	for f := range y.comments {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, f := range files {
		for _, m := range y.comments[f].list {
			if !m.lone && m.mark == unconfirmedMark {
				ds.Add(diag.Diagnostic{Pos: diag.Pos{File: f, Line: int(m.line)}, Severity: diag.Warning, Class: diag.ClassUnconfirmed,
					Msg:  "这一行标着“待确认”：沿用的是上一年度的数据，还没有按本年度核对。",
					Hint: "请核对或改正这一行，然后删去行末注释中的“待确认”。"})
			}
		}
	}
	return ds
}

// placeholders checks the {…} of a piece of prose.
func (y *Year) placeholders(p prose) diag.List {
	if p.plan {
		return nil // an indicator's text: checked with its plan and actual
	}
	var ds diag.List
	for _, ph := range placeholderAny.FindAllString(*p.s, -1) {
		switch {
		case slices.Contains(TextPlaceholders, ph):
		case strings.ContainsAny(ph, "｛｝"):
			ds.Errorf(p.pos, "文字中的占位符 %s 用了中文大括号。请改为英文大括号，如 %s。", ph, PlaceholderYear)
		default:
			ds.Errorf(p.pos, "文字中有无法识别的占位符 %s。这里可以用：%s（英文大括号）。", ph, strings.Join(TextPlaceholders, "、"))
		}
	}
	return ds
}

func (y *Year) inPeriod(d tomlx.Date) bool {
	return !d.Before(y.Fund.Start) && !y.Fund.End.Before(d)
}

func parseDate(s string) (tomlx.Date, bool) {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return tomlx.Date{}, false
	}
	yy, _ := strconv.Atoi(m[1])
	mm, _ := strconv.Atoi(m[2])
	dd, _ := strconv.Atoi(m[3])
	return tomlx.Date{Year: yy, Month: mm, Day: dd}, true
}

// earlierYears lists the mentions ("2019年度") of the years from since up to
// the year before this one, each once.
func (y *Year) earlierYears(text string, since int) []string {
	var out []string
	for _, m := range yearRe.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[2])
		mention := strings.TrimPrefix(m[0], m[1])
		if n >= since && n < y.Fund.Year && !slices.Contains(out, mention) {
			out = append(out, mention)
		}
	}
	return out
}

// wrongCounts lists the counts of sub-projects written in text ("5个类别")
// that differ from the data's. A count after 其他, 其中, 另, 剩… counts a
// part ("其他三个子项目") and is left alone.
func (y *Year) wrongCounts(text string) []string {
	var out []string
	for _, loc := range countRe.FindAllStringSubmatchIndex(text, -1) {
		before := []rune(text[max(0, loc[0]-9):loc[0]])
		if len(before) > 3 {
			before = before[len(before)-3:]
		}
		if strings.ContainsAny(string(before), "其另剩余外") {
			continue
		}
		n, ok := countOf(text[loc[2]:loc[3]])
		if ok && n != len(y.Subprojects) {
			out = append(out, text[loc[0]:loc[1]])
		}
	}
	return out
}

// countOf reads a count written in digits or Chinese numerals up to 99.
func countOf(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := func(r rune) int { return strings.IndexRune("零一二三四五六七八九", r) / 3 }
	rs := []rune(strings.ReplaceAll(s, "两", "二"))
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		return digit(rs[0]), digit(rs[0]) > 0
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1]), digit(rs[1]) > 0
	case len(rs) == 2 && rs[1] == '十':
		return digit(rs[0]) * 10, digit(rs[0]) > 0
	case len(rs) == 3 && rs[1] == '十':
		return digit(rs[0])*10 + digit(rs[2]), digit(rs[0]) > 0 && digit(rs[2]) > 0
	}
	return 0, false
}
