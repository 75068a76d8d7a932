package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"ipfund/internal/diag"
	"ipfund/internal/limits"
)

// Template is a parsed .docx template. It is safe for concurrent use.
type Template struct {
	name    string
	entries []zipEntry
	parts   []*partTmpl
	copied  int64 // inflated size of the entries copied unchanged
	// maxDocPr is the largest drawing ID (wp:docPr id) in the filled
	// parts; the charts placed get the IDs above it.
	maxDocPr int
}

// entry returns the template's entry of that name, or nil.
func (t *Template) entry(name string) *zipEntry {
	for i := range t.entries {
		if t.entries[i].name == name {
			return &t.entries[i]
		}
	}
	return nil
}

// partTmpl is one filled-in XML part, ready to execute.
type partTmpl struct {
	path, human string
	wp          string // WordprocessingML prefix with colon, e.g. "w:"
	tmpl        *template.Template
	src         string    // generated source, to locate execution errors
	actions     []*action // sorted by pos
}

// The limits that keep a mistaken or hostile template from eating the
// machine are those of package limits: TemplateFile, TemplatePart and
// TemplateTotal when a template is read; OutputPart, OutputDocument,
// Paragraph and LoopIterations while it is filled, checked as the output
// grows.

var reHeaderFooter = regexp.MustCompile(`^word/(header|footer)(\d*)\.xml$`)

// partName returns the human name of a part that is filled in, or "".
func partName(path string) string {
	switch path {
	case "word/document.xml":
		return "正文"
	case "word/footnotes.xml":
		return "脚注"
	case "word/endnotes.xml":
		return "尾注"
	}
	if m := reHeaderFooter.FindStringSubmatch(path); m != nil {
		if m[1] == "header" {
			return "页眉" + m[2]
		}
		return "页脚" + m[2]
	}
	return ""
}

// Parse reads a .docx template. name is only used in messages (for example
// "templates/report.docx"); funcs adds to or overrides Funcs().
//
// Template errors are returned as *Error or, when there are several, as
// Errors; both read as Chinese sentences that say where the problem is.
func Parse(name string, docx []byte, funcs template.FuncMap) (*Template, error) {
	fileErr := func(msg, hint string, err error) error {
		return &Error{Template: name, Msg: msg, Hint: hint, Err: err}
	}
	const shrink = "模板只需包含文字和格式；请删去其中的大图片或嵌入的文件后重新保存。"
	if len(docx) > limits.TemplateFile {
		return nil, fileErr(fmt.Sprintf("文件过大（%s，上限 %s）", mb(int64(len(docx))), mb(limits.TemplateFile)), shrink, nil)
	}
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fileErr("不是有效的 .docx 文件：无法作为 zip 压缩包打开（.docx 都是 zip 格式），文件可能已损坏或只是改了扩展名", "请确认文件是用 Word、WPS 或 LibreOffice 保存的 .docx 格式。", err)
	}
	// The zip's directory says how large every entry inflates to (and
	// archive/zip holds each entry to it): a bomb is refused here, before
	// anything is inflated.
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > limits.TemplatePart {
			return nil, fileErr(fmt.Sprintf("其中的“%s”解压后有 %s，超过单个部件 %s 的上限", f.Name, mb(int64(min(f.UncompressedSize64, 1<<62))), mb(limits.TemplatePart)), shrink, nil)
		}
		if total += f.UncompressedSize64; total > limits.TemplateTotal {
			return nil, fileErr(fmt.Sprintf("解压后的内容合计超过 %s 的上限（共 %d 个部件）", mb(limits.TemplateTotal), len(zr.File)), shrink, nil)
		}
	}
	all := Funcs()
	for k, v := range funcs {
		all[k] = v
	}
	if err := checkFuncs(all); err != nil {
		return nil, fileErr(err.Error(), "", err)
	}
	names := funcNames(all)
	safe := map[string]bool{}
	for _, n := range safeFuncs {
		if _, overridden := funcs[n]; !overridden {
			safe[n] = true
		}
	}
	t := &Template{name: name}
	var errs Errors
	seen := map[string]bool{}
	hasDoc := false
	for _, f := range zr.File {
		if seen[f.Name] {
			return nil, fileErr("zip 里有重复的条目“"+f.Name+"”", "文件可能已损坏，请用 Word 打开后重新保存。", nil)
		}
		seen[f.Name] = true
		data, err := readEntry(f, limits.TemplatePart)
		if err != nil {
			return nil, fileErr("无法读取其中的“"+f.Name+"”（"+diag.IOError(err)+"）", "文件可能已损坏，请用 Word 打开后重新保存。", err)
		}
		human := partName(f.Name)
		if human == "" {
			e, err := newCopied(f.Name, data)
			if err != nil {
				return nil, fileErr("无法复制其中的“"+f.Name+"”（"+diag.IOError(err)+"）", "", err)
			}
			if f.Name == "[Content_Types].xml" || strings.HasSuffix(f.Name, ".rels") {
				// A chart adds its part and relationship to these.
				e.raw = data
			}
			t.entries = append(t.entries, e)
			t.copied += int64(len(data))
			continue
		}
		for _, m := range reDocPrID.FindAllSubmatch(data, -1) {
			id, _ := strconv.Atoi(string(m[1]))
			t.maxDocPr = max(t.maxDocPr, id)
		}
		hasDoc = hasDoc || f.Name == "word/document.xml"
		pt, perrs := parsePart(name, f.Name, human, data, all, names, safe)
		errs = append(errs, perrs...)
		t.parts = append(t.parts, pt)
		t.entries = append(t.entries, zipEntry{name: f.Name, part: pt})
	}
	if !hasDoc {
		return nil, fileErr("不是 Word 文档（缺少 word/document.xml）", "请确认文件是 .docx 格式，而不是改了扩展名的其他文件。", nil)
	}
	if len(errs) > 0 {
		return nil, errs.asError()
	}
	return t, nil
}

// readEntry inflates one entry, at most max bytes.
func readEntry(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, &limits.TooLargeError{Size: int64(min(f.UncompressedSize64, 1<<62)), Limit: max}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return limits.ReadAll(rc, max)
}

// mb renders a size in whole megabytes, as the limits are stated.
func mb(n int64) string { return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20) }

// parsePart converts one XML part into a text/template and parses it.
func parsePart(tmplName, path, human string, raw []byte, funcs template.FuncMap, names []string, safe map[string]bool) (pt *partTmpl, errs Errors) {
	defer func() {
		// A panic here is a bug in this package; report it rather than
		// take the caller down.
		if r := recover(); r != nil {
			pt = nil
			errs = Errors{&Error{Template: tmplName, Part: human, Path: path, Msg: fmt.Sprintf("解析模板时发生内部错误（%v）", r), Err: errInternal}}
		}
	}()
	conv := &partConv{tmplName: tmplName, path: path, human: human, raw: raw}
	conv.analyse()
	if len(conv.errs) > 0 {
		return nil, conv.errs
	}
	src := conv.source()
	tm := template.New(path).Delims(leftDelim, rightDelim).Option("missingkey=error")
	tm.Funcs(funcs).Funcs(template.FuncMap{escName: parseEscaper, tickName: parseTick})
	if _, err := tm.Parse(src); err != nil {
		conv.diagnose(funcs, names)
		if len(conv.errs) == 0 {
			conv.partError("模板语法错误（"+undelim(err.Error())+"）", "", err)
		}
		return nil, conv.errs
	}
	addEscaper(tm.Tree.Root, safe)
	addTicks(tm.Tree.Root)
	as := append([]*action(nil), conv.actions...)
	sort.Slice(as, func(i, j int) bool { return as[i].pos < as[j].pos })
	return &partTmpl{path: path, human: human, wp: conv.wp, tmpl: tm, src: src, actions: as}, nil
}

// Execute fills the template with data and writes the resulting .docx to w.
// Every part is rendered and compressed in memory first; w is only written
// to once all of them succeeded, so a template error never leaves a
// half-written file. Errors from filling in are *Error values.
func (t *Template) Execute(w io.Writer, data any) error {
	return t.execute(w, data, limits.OutputDocument, limits.LoopIterations)
}

// execute is Execute with the document's limits given: at most document
// bytes in all, at most loops repetitions of {{range}} bodies.
func (t *Template) execute(w io.Writer, data any, document int64, loops int) error {
	rendered := make(map[*partTmpl]compressed, len(t.parts))
	// The document as a whole is bounded too: what the parts may add is
	// what the copied entries leave of it.
	room := document - t.copied
	budget := &loopBudget{left: loops, limit: loops}
	att := newAttachments(t)
	for _, p := range t.parts {
		out, err := p.execute(t.name, data, att, min(limits.OutputPart, room), budget)
		if err != nil {
			return err
		}
		rendered[p] = out
		room -= int64(out.size)
	}
	changed, added, err := att.finish()
	if err != nil {
		return &Error{Template: t.name, Msg: "无法加入图表（" + err.Error() + "）", Err: err}
	}
	entries := t.entries
	if changed != nil || added != nil {
		entries = make([]zipEntry, 0, len(t.entries)+len(added))
		for _, e := range t.entries {
			if data, ok := changed[e.name]; ok {
				ne, err := newCopied(e.name, data)
				if err != nil {
					return err
				}
				e = ne
			}
			entries = append(entries, e)
		}
		entries = append(entries, added...)
	}
	return writeZip(w, entries, rendered)
}

// loopBudget counts the {{range}} repetitions left for one document.
type loopBudget struct{ left, limit int }

// errTooManyIterations stops a template whose loops repeat too often.
var errTooManyIterations = errors.New("docx: too many loop iterations")

// tick is the function every {{range}} body starts with (see addTicks).
func (b *loopBudget) tick() (string, error) {
	if b.left--; b.left < 0 {
		return "", errTooManyIterations
	}
	return "", nil
}

// execute fills one part in a single pass: the output streams through a
// partWriter, which places blocks and compresses as it goes. The part may
// write at most limit bytes.
func (p *partTmpl) execute(name string, data any, att *attachments, limit int64, loops *loopBudget) (out compressed, err error) {
	pw := newPartWriter(p.wp, limit)
	pw.att, pw.part = att, p.path
	defer func() {
		if r := recover(); r != nil {
			pw.abort()
			err = &Error{Template: name, Part: p.human, Path: p.path, Msg: fmt.Sprintf("填充模板时发生内部错误（%v）", r), Err: errInternal}
		}
	}()
	// The parse tree is shared; the clone binds this execution's escaper,
	// which writes blocks into pw.
	tm, err := p.tmpl.Clone()
	if err != nil {
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Msg: "无法准备模板（" + err.Error() + "）", Err: err}
	}
	tm.Funcs(template.FuncMap{escName: pw.escaper(), tickName: loops.tick})
	err = tm.Execute(pw, data)
	if err == nil {
		out, err = pw.finish()
	} else {
		pw.abort()
	}
	var be *blockError
	var ce *chartError
	switch {
	case err == nil:
		return out, nil
	case errors.Is(err, errOutputTooLarge) && limit < limits.OutputPart:
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Err: err,
			Msg:  "填充后整个文档的内容合计超过上限（" + mb(limits.OutputDocument) + "）",
			Hint: "可能是模板中的循环次数过多，或数据中的表格行数过多；请检查 {{range}} 循环的对象。"}
	case errors.Is(err, errOutputTooLarge):
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Err: err,
			Msg:  fmt.Sprintf("填充后的内容超过 %s 的上限", mb(limits.OutputPart)),
			Hint: "可能是模板中的循环次数过多，或数据中的表格行数过多；请检查 {{range}} 循环的对象。"}
	case errors.Is(err, errParagraphTooLarge):
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Err: err,
			Msg:  fmt.Sprintf("有一个段落填充后超过 %s 的上限", mb(limits.Paragraph)),
			Hint: "可能是同一段里的 {{range}} 循环嵌套过多或重复次数过多；请检查段落中的循环。"}
	case errors.Is(err, errTooManyIterations):
		e := p.execError(name, err)
		e.Msg = fmt.Sprintf("填充时各 {{range}} 循环合计重复了 %d 次以上，超过上限", loops.limit)
		e.Hint = "可能是多层 {{range}} 循环嵌套在一起；请检查这一段的循环。"
		return compressed{}, e
	case errors.As(err, &ce):
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Context: ce.context, Err: ce.err,
			Msg:  "无法插入图表：" + ce.err.Error(),
			Hint: "请检查图表的数据（分类、数据系列和数值个数）。"}
	case errors.As(err, &be):
		return compressed{}, &Error{Template: name, Part: p.human, Path: p.path, Context: be.context,
			Msg:  "表格等整块内容必须单独占一段，这一段里还有其它文字",
			Hint: "请把插入表格的动作（如 {{.Table}}）单独放在一个段落里。"}
	}
	return compressed{}, p.execError(name, err)
}

// execError locates an execution error: text/template reports line:column
// in the generated source, which leads back to the action and its paragraph.
func (p *partTmpl) execError(name string, err error) *Error {
	e := &Error{Template: name, Part: p.human, Path: p.path, Err: err}
	msg := err.Error()
	m := reExecErr.FindStringSubmatch(msg)
	if m == nil {
		e.Msg, e.Hint = execMsg(strings.TrimPrefix(msg, "template: "+p.path+": "))
		return e
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	e.Msg, e.Hint = execMsg(m[4])
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(p.src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	pos := off + col
	i := sort.Search(len(p.actions), func(i int) bool { return p.actions[i].pos > pos }) - 1
	if i >= 0 {
		a := p.actions[i]
		e.Paragraph, e.Action, e.Context = a.p.num, a.orig(), context(a.p, a.start, a.end)
	}
	return e
}

// checkFuncs reports a function map that text/template would panic on.
func checkFuncs(funcs template.FuncMap) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("自定义函数不合法（%v）", r)
		}
	}()
	template.New("").Funcs(funcs)
	return nil
}
