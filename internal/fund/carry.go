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

// A new year starts from the last one (`ipfund new 2020`): the structure
// carries over — sub-projects, detail-table columns, indicators, scoring
// rules, targets — and so do the figures and the prose, but none of it is
// taken for this year's until someone has looked:
//
//   - the year, the period and every date move forward by the years between;
//   - the figures the tool derives (小计, 合计, a spending its detail table
//     gives, 结余, the fund's budget and spending) are left out: they
//     follow from the rows (a 小计 row stays as `subtotal = {}`, a printed
//     结余 as `show_balance = true`);
//   - every other figure of the year — budgets, arrivals, spending typed
//     in, detail rows, indicators' plans, actuals and scores, targets'
//     actual values, the documents cited for this year's plan and notice —
//     keeps last year's value with the mark "# 待确认" on its line, which
//     each build lists until it is deleted;
//   - prose is carried as it stands; each build flags what is unchanged
//     since last year (review.go), and last year's "# 保留" marks are taken
//     off, since they were a review of last year's text.
//
// The files are edited as text, line by line, so that every comment and
// the layout staff know stay as they were.

// CarriedFile is one data file of the new year.
type CarriedFile struct {
	Name string // the file's name in the year's directory
	Data []byte
}

// Carried is the new year's data and what carrying it did.
type Carried struct {
	From, To int
	Files    []CarriedFile
	// Unconfirmed counts the lines marked 待确认; Derived the stated
	// derived figures left out.
	Unconfirmed, Derived int
}

// CarryForward makes the data files of year to from the year in dir. The
// year in dir must load without errors: a new year built on a broken one
// would inherit its mistakes unseen.
func CarryForward(dir string, to int) (*Carried, diag.List) {
	y, ds := Load(dir)
	if y == nil || ds.HasErrors() {
		return nil, ds.Errors()
	}
	from := y.Fund.Year
	c := &carrier{y: y, shift: to - from, edits: map[string]map[int]*lineEdit{}}
	c.plan()
	out := &Carried{From: from, To: to}
	names := make([]string, 0, len(y.sources))
	for name := range y.sources {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		text := c.apply(name, y.sources[name], out)
		out.Files = append(out.Files, CarriedFile{Name: filepath.Base(name), Data: []byte(text)})
	}
	// A detail table's spreadsheet goes along as it is, like rows written
	// in TOML (its rows_from line is marked instead of each row).
	for _, sp := range y.Subprojects {
		if d := sp.Detail; d != nil && d.Source != nil {
			data, err := os.ReadFile(d.Source.Path)
			if err != nil {
				var ds diag.List
				ds.Errorf(diag.Pos{File: d.Source.Path}, "无法读取明细表的来源文件：%s。", diag.IOError(err))
				return nil, ds
			}
			out.Files = append(out.Files, CarriedFile{Name: d.Source.Name, Data: data})
		}
	}
	return out, nil
}

// lineEdit is what happens to one line. An edit that names its key (drop,
// replace) applies only where the line is that "key = value": a figure
// written as a [table] of several lines is left as it is (and checked as
// stated).
type lineEdit struct {
	key     string              // the key the line must start with
	drop    bool                // delete the line
	replace string              // the whole new line, when set
	value   func(string) string // rewrite the value part (before any comment)
	mark    bool                // append the 待确认 mark
}

// keyed reports whether the code of a line is "key = …".
func keyed(code, key string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(code), key)
	return ok && strings.HasPrefix(strings.TrimSpace(rest), "=")
}

type carrier struct {
	y     *Year
	shift int
	edits map[string]map[int]*lineEdit
}

func (c *carrier) edit(pos diag.Pos) *lineEdit {
	if pos.File == "" || pos.Line == 0 {
		return &lineEdit{} // not in a file: nothing to edit
	}
	es, ok := c.edits[pos.File]
	if !ok {
		es = map[int]*lineEdit{}
		c.edits[pos.File] = es
	}
	e, ok := es[pos.Line]
	if !ok {
		e = &lineEdit{}
		es[pos.Line] = e
	}
	return e
}

// mark marks the line of a key, when the key is written.
func (c *carrier) mark(at tomlx.At, key string) {
	if at.Has(key) {
		c.edit(at.Key(key)).mark = true
	}
}

func (c *carrier) drop(at tomlx.At, key string) {
	if at.Has(key) {
		e := c.edit(at.Key(key))
		e.key, e.drop = key, true
	}
}

// dates moves the dates on the line of a key forward.
func (c *carrier) dates(at tomlx.At, key string) {
	if at.Has(key) && c.shift != 0 {
		c.edit(at.Key(key)).value = c.shiftDates
	}
}

var isoDate = regexp.MustCompile(`\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b`)

// shiftDates moves every date of a value forward by the years between; a
// 29 February lands on the 28th in a common year.
func (c *carrier) shiftDates(v string) string {
	return isoDate.ReplaceAllStringFunc(v, func(m string) string {
		p := isoDate.FindStringSubmatch(m)
		year, _ := strconv.Atoi(p[1])
		day := p[3]
		if p[2] == "02" && day == "29" && !leap(year+c.shift) {
			day = "28"
		}
		return fmt.Sprintf("%04d-%s-%s", year+c.shift, p[2], day)
	})
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// plan decides the edits of every file.
func (c *carrier) plan() {
	y := c.y
	f := y.Fund
	to := strconv.Itoa(f.Year + c.shift)
	if f.At.Has("year") {
		c.edit(f.At.Key("year")).value = func(v string) string {
			return strings.Replace(v, strconv.Itoa(f.Year), to, 1)
		}
	}
	c.dates(f.At, "start")
	c.dates(f.At, "end")
	for _, key := range []string{"budget_current", "budget_carryover", "spending"} {
		c.drop(f.At, key)
	}
	for _, d := range y.Documents {
		for _, u := range d.Uses {
			if u == UsePlan || u == UseNotice {
				// This year's plan and notice are other documents.
				c.mark(d.At, "title")
				break
			}
		}
	}
	if y.Report.Date != nil {
		c.dates(y.Report.At, "date")
		c.mark(y.Report.At, "date")
	}
	for i := range y.Scoring.Categories {
		if sh := y.Scoring.Categories[i].Shared; sh != nil {
			c.indicator(sh)
		}
	}
	for i := range y.Subprojects {
		c.subproject(&y.Subprojects[i])
	}
	if t := y.Targets; t != nil {
		for _, ti := range t.Indicators {
			if ti.Value.IsDate {
				c.dates(ti.At, "value")
			}
			if ti.Actual != nil && ti.Actual.IsDate {
				c.dates(ti.At, "actual")
			}
			c.mark(ti.At, "actual")
			c.mark(ti.At, "actual_shown")
			// The self-evaluation form's judgement of last year's result
			// (its deviation text is prose, reviewed as such).
			for _, key := range []string{"grade", "score"} {
				c.mark(ti.At, key)
			}
		}
	}
	if se := y.SelfEval; se != nil {
		// Its achievements and notes are prose, reviewed as such.
		for _, key := range []string{"initial_current", "initial_carryover", "spending_current", "spending_carryover"} {
			c.mark(se.At, key)
		}
	}
}

func (c *carrier) subproject(sp *Subproject) {
	for _, key := range []string{"budget_current", "budget_carryover", "arrived"} {
		c.mark(sp.At, key)
	}
	d := sp.Detail
	derived := false
	if d != nil {
		col, ok := d.Column(d.SpendingColumn)
		derived = ok && col.Kind == ColAmount
		c.drop(d.At, "total")
		if d.Source != nil {
			// The rows are in a spreadsheet (its 小计 rows too): the new
			// year's list is another file, or the same one updated.
			c.mark(d.At, "rows_from")
		} else {
			for _, g := range d.Groups {
				if len(g.Subtotal) > 0 {
					e := c.edit(g.At.Key("subtotal"))
					e.key, e.replace = "subtotal", "subtotal = {}"
				}
				for i := range g.Rows {
					c.edit(g.At.Elem("rows", i)).mark = true
				}
			}
		}
	}
	if derived {
		c.drop(sp.At, "spending")
	} else {
		c.mark(sp.At, "spending")
	}
	if sp.At.Has("balance") {
		e := c.edit(sp.At.Key("balance"))
		e.key, e.replace = "balance", "show_balance = true                  # 报告中写出结余金额（程序按实际到位 − 实际支出计算）"
	}
	for i := range sp.Indicators {
		c.indicator(&sp.Indicators[i])
	}
}

func (c *carrier) indicator(ind *Indicator) {
	for _, key := range []string{"plan", "actual", "score"} {
		c.mark(ind.At, key)
	}
	for i := range ind.Parts {
		c.indicator(&ind.Parts[i])
	}
}

// headerYear finds "（2019 年度）" in the files' title comments.
var headerYear = regexp.MustCompile(`（([0-9]{4}) 年度）`)

// apply edits one file's text, counting what it did.
func (c *carrier) apply(name, text string, out *Carried) string {
	cm := scanComments(text, true)
	es := c.edits[name]
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	from := strconv.Itoa(c.y.Fund.Year)
	to := strconv.Itoa(c.y.Fund.Year + c.shift)
	for i, line := range lines {
		n := i + 1
		body, eol := splitEOL(line)
		e := es[n]
		code, comment := body, ""
		m, hasComment := cm.find(n)
		if at := int(m.at); hasComment && at <= len(body) {
			code, comment = body[:at], body[at:]
		}
		if e != nil && e.key != "" && !keyed(code, e.key) {
			e = nil
		}
		if e != nil && e.drop {
			out.Derived++
			continue
		}
		switch {
		case hasComment && m.lone:
			// A title comment: "（2019 年度）" → "（2020 年度）".
			comment = headerYear.ReplaceAllStringFunc(comment, func(m string) string {
				return strings.Replace(m, from, to, 1)
			})
		case cm.hasMark(n, keepMark):
			// Last year's review does not hold for this year's text.
			comment = ""
			code = strings.TrimRight(code, " \t")
		}
		if e != nil {
			switch {
			case e.replace != "":
				indent := code[:len(code)-len(strings.TrimLeft(code, " \t"))]
				out.Derived++
				if e.key == "balance" {
					comment = ""
				}
				code = indent + e.replace
				if comment != "" {
					code += "  "
				}
			case e.value != nil:
				code = e.value(code)
			}
			if e.mark && !cm.hasMark(n, unconfirmedMark) {
				out.Unconfirmed++
				if comment != "" {
					comment = "# " + MarkUnconfirmed + "；" + strings.TrimSpace(strings.TrimPrefix(comment, "#"))
				} else {
					comment = "# " + MarkUnconfirmed
					code = strings.TrimRight(code, " \t") + "  "
				}
			}
		}
		b.WriteString(code + comment + eol)
	}
	return b.String()
}

// splitEOL splits a line from its line ending.
func splitEOL(line string) (string, string) {
	switch {
	case strings.HasSuffix(line, "\r\n"):
		return line[:len(line)-2], "\r\n"
	case strings.HasSuffix(line, "\n"):
		return line[:len(line)-1], "\n"
	}
	return line, ""
}
