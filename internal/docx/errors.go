package docx

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"ipfund/internal/suggest"
)

// Error is one problem found in a template, while parsing it or while filling
// it with data. Error() gives a complete Chinese sentence for staff, e.g.
//
//	模板 templates/report.docx 正文第12段（word/document.xml）：未知的函数“pecent”（段落文字：“……执行率为{{pecent .Rate}}……”）。请检查函数名的拼写……
type Error struct {
	Template  string // the name given to Parse
	Part      string // the part in human terms: 正文, 页眉1, 页脚2, 脚注, 尾注; "" for the whole file
	Path      string // the part's path in the zip, e.g. word/document.xml
	Paragraph int    // 1-based paragraph number within the part (counting <w:p>); 0 if unknown
	Action    string // the action as written, e.g. {{pecent .Rate}}; "" if none
	Context   string // the paragraph's text around the action, shortened with ……
	Msg       string // what is wrong
	Hint      string // how to fix it, may be empty
	Err       error  // the underlying error (text/template's, a function's), if any
}

// Error formats the message in Chinese.
func (e *Error) Error() string {
	if e.Part == "" {
		return "模板 " + e.Template + "：" + e.Detail()
	}
	return "模板 " + e.Template + " " + e.Detail()
}

// Detail is the message without the template's name, for callers that show
// the file name already: 正文第12段（word/document.xml）：…
func (e *Error) Detail() string {
	var b strings.Builder
	if e.Part != "" {
		b.WriteString(e.Part)
		if e.Paragraph > 0 {
			fmt.Fprintf(&b, "第%d段", e.Paragraph)
		}
		if e.Path != "" {
			fmt.Fprintf(&b, "（%s）", e.Path)
		}
		b.WriteString("：")
	}
	b.WriteString(e.Msg)
	if e.Context != "" {
		fmt.Fprintf(&b, "（段落文字：“%s”）", e.Context)
	}
	b.WriteString("。")
	b.WriteString(e.Hint)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Errors is a list of template errors; Parse reports every problem it can
// find at once so that staff can fix them in one go.
type Errors []*Error

// Error returns the messages one per line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap lets errors.As find the individual *Error values.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// asError returns nil, the single *Error, or the list.
func (es Errors) asError() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}

const contextSpan = 30

// context returns the paragraph text around runes [start,end), at most
// contextSpan runes each side, marking cuts with ……
func context(p *para, start, end int) string {
	t := p.text
	from, to := start-contextSpan, end+contextSpan
	pre, post := "", ""
	if from <= 0 {
		from = 0
	} else {
		pre = "……"
	}
	if to >= len(t) {
		to = len(t)
	} else {
		post = "……"
	}
	mid := t[start:end]
	if len(mid) > 2*contextSpan {
		mid = append(append([]rune{}, mid[:contextSpan]...), append([]rune("……"), mid[len(mid)-contextSpan:]...)...)
	}
	return pre + string(t[from:start]) + string(mid) + string(t[end:to]) + post
}

// errAt builds an error located at an action.
func (pt *partConv) errAt(a *action, msg, hint string, err error) *Error {
	return &Error{
		Template: pt.tmplName, Part: pt.human, Path: pt.path,
		Paragraph: a.p.num, Action: a.orig(), Context: context(a.p, a.start, a.end),
		Msg: msg, Hint: hint, Err: err,
	}
}

// where describes an action's position for messages that mention two actions.
func (pt *partConv) where(a *action) string {
	s := fmt.Sprintf("第%d段", a.p.num)
	for e := pt.els[a.p.el].parent; e >= 0; e = pt.els[e].parent {
		if !pt.is(e, "tc") {
			continue
		}
		tr := pt.els[e].parent
		if tr < 0 || !pt.is(tr, "tr") {
			break
		}
		col, row := 0, 0
		for _, c := range pt.els[tr].children {
			if pt.is(c, "tc") {
				col++
			}
			if c == e {
				break
			}
		}
		if tbl := pt.els[tr].parent; tbl >= 0 {
			for _, r := range pt.els[tbl].children {
				if pt.is(r, "tr") {
					row++
				}
				if r == tr {
					break
				}
			}
		}
		s += fmt.Sprintf("，表格第%d行第%d格", row, col)
		break
	}
	return s
}

func (pt *partConv) inTable(a *action) bool {
	for e := pt.els[a.p.el].parent; e >= 0; e = pt.els[e].parent {
		if pt.is(e, "tc") {
			return true
		}
	}
	return false
}

// levelError reports a block whose member m cannot be placed at the same XML
// level as the block's opener.
func (pt *partConv) levelError(b *block, m *action) {
	o := b.members[0]
	if m == o {
		o = b.members[len(b.members)-1]
	}
	msg := fmt.Sprintf("“%s”（%s）与配对的“%s”（%s）不在同一层级，这样会生成损坏的文档",
		m.orig(), pt.where(m), o.orig(), pt.where(o))
	var hint string
	switch {
	case pt.inTable(m) || pt.inTable(o):
		hint = "表格里的循环或条件：把 {{range …}}/{{if …}} 写在一行第一个单元格的开头，把 {{end}} 写在同一行或后面某一行最后一个单元格的末尾；或者让它们各自单独占一整行（这一行的其他单元格留空）。不要放在中间的单元格里，也不要一个在表格里、一个在表格外。"
	default:
		hint = "要整段重复或整段按条件显示，请让每个控制动作单独占一段（段里没有别的文字）；要在一句话里按条件显示，请把它们写在同一段里。"
	}
	for _, a := range []*action{m, o} {
		if a.p.objects && !a.p.silent {
			hint += fmt.Sprintf("注意：第%d段里除了文字还有图片、分页符、域、分节符或批注等内容，这样的段落不能整段去掉，请把控制动作放到单独的一段里。", a.p.num)
			break
		}
	}
	pt.errs = append(pt.errs, pt.errAt(m, msg, hint, nil))
}

var (
	reParseErr   = regexp.MustCompile(`(?s)^template: [^:]*:(\d+): (.*)$`)
	reExecErr    = regexp.MustCompile(`(?s)^template: [^:]*:(\d+):(\d+): executing "[^"]*" at <(.*?)>: (.*)$`)
	reNoFunction = regexp.MustCompile(`^function "(.*)" not defined$`)
	reUndefVar   = regexp.MustCompile(`^undefined variable "(.*)"$`)
)

// parseMsg turns a text/template parse error message into Chinese.
func parseMsg(msg string, names []string) (string, string) {
	msg = undelim(msg)
	if m := reNoFunction.FindStringSubmatch(msg); m != nil {
		hint := "请检查函数名的拼写（区分大小写）。"
		if s := suggest.Closest(m[1], names); s != "" {
			hint = fmt.Sprintf("是不是想写“%s”？", s)
		}
		return fmt.Sprintf("未知的函数“%s”", m[1]), hint + "可用的函数有：“" + strings.Join(names, "”、“") + "”。"
	}
	if m := reUndefVar.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("未定义的变量“%s”", m[1]), "变量要先用 {{" + m[1] + " := …}} 或 {{range " + m[1] + " := …}} 定义，并且只在定义它的 range/if/with 之内有效。"
	}
	for _, c := range []struct{ en, zh string }{
		{"unterminated quoted string", "引号没有配对"},
		{"unterminated raw quoted string", "反引号没有配对"},
		{"unterminated character constant", "单引号没有配对"},
		{"unclosed left paren", "左括号“(”没有配对的右括号"},
		{"unexpected right paren", "多余的右括号“)”"},
		{"missing value for", "缺少要判断或循环的值"},
		{"empty command", "动作里缺少内容"},
		{"missing command", "动作里缺少内容"},
		{"bad number syntax", "数字写法有误"},
		{"unclosed comment", "注释没有结束"},
		{"comment ends before closing delimiter", "注释“*/”后面应紧接着“}}”"},
	} {
		if strings.Contains(msg, c.en) {
			return "动作写法有误：" + c.zh, "请检查动作的写法，例如 {{.名称}}、{{amount .金额}}、{{if .条件}}…{{end}}。"
		}
	}
	return "动作写法有误", "请检查动作的写法，例如 {{.名称}}、{{amount .金额}}、{{if .条件}}…{{end}}。"
}

var execMsgs = []struct {
	re   *regexp.Regexp
	zh   string
	hint string
}{
	{regexp.MustCompile(`^can't evaluate field (\S+) in type (.*)$`), "数据里没有字段或方法“%[1]s”（在类型“%[2]s”中）", "请检查字段名的拼写和大小写。"},
	{regexp.MustCompile(`^map has no entry for key "(.*)"$`), "数据里没有名为“%[1]s”的项", "请检查名称的拼写和大小写。"},
	{regexp.MustCompile(`^nil data; no entry for key "(.*)"$`), "数据为空，无法读取“%[1]s”", ""},
	{regexp.MustCompile(`^nil pointer evaluating (.*)\.(\S+)$`), "数据为空（nil），无法读取“%[2]s”", "可以先用 {{with …}} 或 {{if …}} 判断数据是否存在。"},
	{regexp.MustCompile(`^wrong number of args for (\S+): want at least (\d+) got (\d+)$`), "函数“%[1]s”的参数个数不对：至少需要 %[2]s 个，实际给了 %[3]s 个", "请检查函数的用法。"},
	{regexp.MustCompile(`^wrong number of args for (\S+): want (\d+) got (\d+)$`), "函数“%[1]s”的参数个数不对：需要 %[2]s 个，实际给了 %[3]s 个", "请检查函数的用法，例如 {{amount .金额}}、{{fixed .金额 2}}。"},
	{regexp.MustCompile(`^wrong type for value; expected (.*); got (.*)$`), "参数类型不对：需要 %[1]s，实际是 %[2]s", ""},
	{regexp.MustCompile(`(?s)^error calling (\S+): (.*)$`), "函数“%[1]s”出错：%[2]s", ""},
	{regexp.MustCompile(`^range can't iterate over (.*)$`), "无法对“%[1]s”做 {{range}} 循环：它不是列表", "{{range}} 后面应是列表（切片）、映射或整数。"},
	{regexp.MustCompile(`^(\S+) is not a method but has arguments$`), "“%[1]s”是字段而不是方法，后面不能跟参数", ""},
	{regexp.MustCompile(`^(\S+) is an unexported field of struct type (.*)$`), "字段“%[1]s”未导出（首字母小写），模板读不到", ""},
	{regexp.MustCompile(`^can't give argument to non-function (.*)$`), "“%[1]s”不是函数，后面不能跟参数", ""},
	{regexp.MustCompile(`^invalid value; expected (.*)$`), "值无效（为空），需要 %[1]s", ""},
	{regexp.MustCompile(`^expected string; found (.*)$`), "这里需要字符串，实际是 %[1]s", "字符串要用双引号括起来，例如 \"、\"；单引号表示单个字符。"},
	{regexp.MustCompile(`^expected integer; found (.*)$`), "这里需要整数，实际是 %[1]s", ""},
	{regexp.MustCompile(`^expected bool; found (.*)$`), "这里需要“true”或“false”，实际是“%[1]s”", ""},
}

// execMsg turns a text/template execution error message into Chinese.
func execMsg(msg string) (string, string) {
	msg = strings.ReplaceAll(msg, " | "+escName, "")
	for _, c := range execMsgs {
		if m := c.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i := range args {
				args[i] = m[i+1]
			}
			return fmt.Sprintf(c.zh, args...), c.hint
		}
	}
	return "填充模板时出错（模板中的动作无法执行）", "请检查这一段里的动作。"
}

func undelim(s string) string {
	s = strings.ReplaceAll(s, leftDelim, "{{")
	return strings.ReplaceAll(s, rightDelim, "}}")
}

// errInternal marks failures that indicate a bug in this package.
var errInternal = errors.New("docx: internal error")
