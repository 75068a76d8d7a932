package docx

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// partConv turns one XML part into text/template source.
type partConv struct {
	tmplName    string
	path, human string
	raw         []byte
	els         []element
	wp          string // WordprocessingML prefix with colon, e.g. "w:"
	wns         string // the same prefix without colon, e.g. "w"
	paras       []*para
	paraOf      map[int]*para
	actions     []*action // in document order
	blocks      []*block
	rows        []int
	replacedRow map[int]bool
	errs        Errors
}

// partError is an error about a whole part.
func (pt *partConv) partError(msg, hint string, err error) {
	pt.errs = append(pt.errs, &Error{Template: pt.tmplName, Part: pt.human, Path: pt.path, Msg: msg, Hint: hint, Err: err})
}

// analyse scans the part, finds the actions and decides where each goes.
// Problems are collected in pt.errs.
func (pt *partConv) analyse() {
	if err := checkWellFormed(pt.raw); err != nil {
		pt.partError("不是合法的 XML（"+err.Error()+"）", "文件可能已损坏，请用 Word 打开后重新保存。", err)
		return
	}
	els, err := scanXML(pt.raw)
	if err != nil {
		pt.partError("无法解析 XML（"+err.Error()+"）", "文件可能已损坏，请用 Word 打开后重新保存。", err)
		return
	}
	pt.els = els
	pt.wp = wordPrefix(pt.raw, &els[0])
	pt.wns = strings.TrimSuffix(pt.wp, ":")
	pt.replacedRow = map[int]bool{}
	if err := pt.buildParas(); err != nil {
		pt.partError("无法读取文字（"+err.Error()+"）", "", err)
		return
	}
	for _, p := range pt.paras {
		at, inString := findActions(p)
		if at < 0 {
			continue
		}
		end := min(at+2, len(p.text))
		hint := "一个动作必须写在同一段落里，请补上“}}”。"
		if inString {
			hint = "可能是引号没有配对；一个动作必须写在同一段落里，请检查引号并补上“}}”。"
		}
		pt.errs = append(pt.errs, &Error{
			Template: pt.tmplName, Part: pt.human, Path: pt.path, Paragraph: p.num,
			Action: string(p.text[at:]), Context: context(p, at, end),
			Msg: "动作没有结束：“{{”之后缺少“}}”", Hint: hint,
		})
	}
	if len(pt.errs) > 0 {
		return
	}
	for _, p := range pt.paras {
		pt.actions = append(pt.actions, p.actions...)
	}
	// Paragraphs nested in text boxes interleave with their outer paragraph.
	sort.SliceStable(pt.actions, func(i, j int) bool {
		a, b := pt.actions[i], pt.actions[j]
		return a.p.rawStart(a.start) < b.p.rawStart(b.start)
	})
	pt.matchBlocks()
	if len(pt.errs) > 0 {
		return
	}
	pt.classifyParas()
	pt.placeRows()
	pt.placeParas()
	pt.decideBlocks()
}

// matchBlocks pairs range/if/with with their else and end actions.
func (pt *partConv) matchBlocks() {
	var stack []*block
	for _, a := range pt.actions {
		switch a.kind {
		case kindOpen:
			b := &block{members: []*action{a}}
			a.blk = b
			stack = append(stack, b)
			pt.blocks = append(pt.blocks, b)
		case kindElse, kindEnd:
			if len(stack) == 0 {
				if a.kind == kindEnd {
					pt.errs = append(pt.errs, pt.errAt(a, "多余的“{{end}}”：前面没有与它配对的 {{range}}、{{if}} 或 {{with}}", "请删除这个 {{end}}，或补上对应的开头。", nil))
				} else {
					pt.errs = append(pt.errs, pt.errAt(a, fmt.Sprintf("“%s”前面没有与它配对的 {{if}}、{{with}} 或 {{range}}", a.orig()), "", nil))
				}
				continue
			}
			b := stack[len(stack)-1]
			b.members = append(b.members, a)
			a.blk = b
			if a.kind == kindEnd {
				stack = stack[:len(stack)-1]
			}
		case kindUnsupported:
			pt.errs = append(pt.errs, pt.errAt(a, fmt.Sprintf("报告模板不支持“{{%s}}”", a.word), "模板里可以用 {{range}}、{{if}}、{{else}}、{{with}}、{{end}}、变量和函数；{{break}}、{{continue}}、{{define}}、{{template}}、{{block}} 不可用。", nil))
		}
	}
	for _, b := range stack {
		o := b.members[0]
		pt.errs = append(pt.errs, pt.errAt(o, fmt.Sprintf("“%s”缺少配对的“{{end}}”", o.orig()), fmt.Sprintf("每个 {{%s …}} 都要用一个 {{end}} 结束。", o.word), nil))
	}
}

// piece is part of a replacement: literal bytes or an action.
type piece struct {
	lit string
	act *action
}

// edit replaces raw[start:end] by its pieces.
type edit struct {
	start, end int
	pieces     []piece
}

func acts(as []*action) []piece {
	out := make([]piece, len(as))
	for i, a := range as {
		out[i] = piece{act: a}
	}
	return out
}

// source applies the placement decisions to the raw part and returns the
// text/template source; it records every action's offset in it.
func (pt *partConv) source() string {
	var edits []edit
	rowActs := map[int][]*action{}
	for _, a := range pt.actions {
		if a.row >= 0 {
			rowActs[a.row] = append(rowActs[a.row], a)
		}
	}
	for _, tr := range pt.rows {
		e := &pt.els[tr]
		if pt.replacedRow[tr] {
			edits = append(edits, edit{e.start, e.end, acts(rowActs[tr])})
			continue
		}
		var before, after []*action
		for _, a := range rowActs[tr] {
			if a.place == placeBeforeRow {
				before = append(before, a)
			} else {
				after = append(after, a)
			}
		}
		if len(before) > 0 {
			edits = append(edits, edit{e.start, e.start, acts(before)})
		}
		if len(after) > 0 {
			edits = append(edits, edit{e.end, e.end, acts(after)})
		}
	}
	for _, p := range pt.paras {
		var here []*action
		for _, a := range p.actions {
			if a.place == placeVanish || a.place == placeBeforePara {
				here = append(here, a)
			}
		}
		e := &pt.els[p.el]
		switch p.mode {
		case modeVanish:
			edits = append(edits, edit{e.start, e.end, acts(here)})
		case modeStrip:
			if len(here) > 0 {
				edits = append(edits, edit{e.start, e.start, acts(here)})
			}
		}
	}
	for _, a := range pt.actions {
		if a.p.mode == modeVanish || a.p.mode == modeInRow {
			continue
		}
		edits = append(edits, pt.textEdits(a)...)
	}
	for _, p := range pt.paras {
		if p.mode == modeVanish || p.mode == modeInRow {
			continue
		}
		for _, s := range p.segs {
			if !s.edited || s.preserve {
				continue
			}
			if s.spaceVal[0] >= 0 {
				edits = append(edits, edit{s.spaceVal[0], s.spaceVal[1], []piece{{lit: "preserve"}}})
			} else {
				at := pt.els[s.el].tagEnd - 1
				edits = append(edits, edit{at, at, []piece{{lit: ` xml:space="preserve"`}}})
			}
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })

	var b strings.Builder
	b.Grow(len(pt.raw) + len(pt.raw)/8)
	cur := 0
	for _, e := range edits {
		if e.start < cur {
			continue // inside a row or paragraph that was replaced as a whole
		}
		b.Write(pt.raw[cur:e.start])
		for _, pc := range e.pieces {
			if pc.act == nil {
				b.WriteString(pc.lit)
				continue
			}
			pc.act.pos = b.Len()
			b.WriteString(leftDelim)
			b.WriteString(pc.act.src)
			b.WriteString(rightDelim)
		}
		cur = e.end
	}
	b.Write(pt.raw[cur:])
	return b.String()
}

// textEdits merges an action spread over several w:t elements into the first
// one (whose run properties therefore win), or cuts it out of the text when
// it moves elsewhere.
func (pt *partConv) textEdits(a *action) []edit {
	p := a.p
	s0, sl := p.segOf[a.start], p.segOf[a.end-1]
	rs, re := p.rawStart(a.start), p.rawEnd(a.end)
	var pieces []piece
	switch a.place {
	case placeInline:
		pieces = []piece{{act: a}}
	case placeSplit:
		s := p.segs[s0]
		run := &pt.els[s.run]
		reopen := string(pt.raw[run.start:run.tagEnd])
		if ch := run.children; len(ch) > 0 && pt.is(ch[0], "rPr") {
			rp := &pt.els[ch[0]]
			reopen += string(pt.raw[rp.start:rp.end])
		}
		reopen += "<" + pt.wp + `t xml:space="preserve">`
		pieces = []piece{{lit: "</" + pt.wp + "t></" + pt.wp + "r>"}, {act: a}, {lit: reopen}}
	}
	first, last := p.segs[s0], p.segs[sl]
	first.edited, last.edited = true, true
	if s0 == sl {
		return []edit{{rs, re, pieces}}
	}
	out := []edit{{rs, pt.els[first.el].closeStart, pieces}}
	for s := s0 + 1; s <= sl; s++ {
		sg := p.segs[s]
		e := &pt.els[sg.el]
		end := e.closeStart
		if s == sl {
			end = re
		}
		if end == e.closeStart && pt.bareRun(sg, first.run) {
			// The run held nothing but this text: drop it rather than
			// leave an empty run behind.
			r := &pt.els[sg.run]
			out = append(out, edit{r.start, r.end, nil})
			continue
		}
		if end > e.tagEnd {
			out = append(out, edit{e.tagEnd, end, nil})
		}
	}
	return out
}

// bareRun reports whether the segment's run holds only run properties and
// this one w:t, and is not the run keep (where the merged action lives).
func (pt *partConv) bareRun(s *seg, keep int) bool {
	if s.run < 0 || s.run == keep {
		return false
	}
	for _, c := range pt.els[s.run].children {
		if c != s.el && !pt.is(c, "rPr") {
			return false
		}
	}
	return true
}

// diagSource lists the actions one per line, so that text/template's parse
// errors (which only carry a line number) point at one action.
func (pt *partConv) diagSource(srcs []string) string {
	var b strings.Builder
	line := 1
	for i, a := range pt.actions {
		a.line = line
		b.WriteString(leftDelim)
		b.WriteString(srcs[i])
		b.WriteString(rightDelim)
		b.WriteByte('\n')
		line += 1 + strings.Count(srcs[i], "\n")
	}
	return b.String()
}

var (
	reDeclHead = regexp.MustCompile(`^\s*(?:-\s)?\s*(range|if|with|else\s+if|else\s+with)\s+((?:\$\w+\s*,\s*)?\$\w+\s*:?=)`)
	reDeclVars = regexp.MustCompile(`^\s*(?:-\s)?\s*(\$\w+\s*:?=)`)
)

// neutral returns an action of the same kind that parses, keeping the
// variables it declares, so that diagnosis can go on past a broken action.
func neutral(a *action, again bool) string {
	src := a.src
	switch a.kind {
	case kindOpen, kindElse:
		if m := reDeclHead.FindStringSubmatch(src); m != nil && !again {
			return m[1] + " " + m[2] + " true"
		}
		s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(src), "- "))
		switch {
		case a.kind == kindOpen:
			return a.word + " true"
		case strings.HasPrefix(s, "else") && strings.HasPrefix(strings.TrimSpace(s[4:]), "if"):
			return "else if true"
		case strings.HasPrefix(s, "else") && strings.HasPrefix(strings.TrimSpace(s[4:]), "with"):
			return "else with true"
		}
		return "else"
	case kindEnd:
		return "end"
	case kindSilent:
		if m := reDeclVars.FindStringSubmatch(src); m != nil && !again {
			return m[1] + " 0"
		}
	}
	return "/* */"
}

// diagnose finds which actions make text/template's parser fail, up to a
// limit, replacing each broken action by a neutral one and parsing again.
func (pt *partConv) diagnose(funcs template.FuncMap, names []string) {
	srcs := make([]string, len(pt.actions))
	for i, a := range pt.actions {
		srcs[i] = a.src
	}
	failed := map[int]int{}
	for round := 0; round < 20 && len(pt.errs) < 10; round++ {
		_, err := template.New("diag").Delims(leftDelim, rightDelim).Funcs(funcs).Parse(pt.diagSource(srcs))
		if err == nil {
			return
		}
		m := reParseErr.FindStringSubmatch(err.Error())
		idx := -1
		if m != nil {
			var line int
			fmt.Sscan(m[1], &line)
			for i, a := range pt.actions {
				if a.line <= line {
					idx = i
				}
			}
		}
		if idx < 0 || failed[idx] >= 2 {
			pt.partError("模板语法错误（"+undelim(err.Error())+"）", "", err)
			return
		}
		a := pt.actions[idx]
		if failed[idx] == 0 {
			msg, hint := parseMsg(m[2], names)
			pt.errs = append(pt.errs, pt.errAt(a, msg, hint, err))
		}
		failed[idx]++
		srcs[idx] = neutral(a, failed[idx] > 1)
	}
}
