package docx

import (
	"fmt"
	"strconv"
	"text/template/parse"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// escName is the function appended to every printing action. It is not a
// valid name for template authors to collide with in practice and never
// appears in the template text.
const escName = "_docx_escape"

// addEscaper appends the escaper to the pipeline of every action that prints
// something, the way html/template rewrites its parse trees, so template
// authors never have to think about XML. An action whose last command is
// one of the safe functions prints as it is: their text never needs
// escaping, and a call saved per number matters in a long loop.
func addEscaper(n parse.Node, safe map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			addEscaper(c, safe)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			return
		}
		if cmds := n.Pipe.Cmds; len(cmds) > 0 && len(cmds[len(cmds)-1].Args) > 0 {
			if id, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode); ok && safe[id.Ident] {
				return
			}
		}
		n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
			NodeType: parse.NodeCommand,
			Pos:      n.Pos,
			Args:     []parse.Node{parse.NewIdentifier(escName).SetPos(n.Pos)},
		})
	case *parse.IfNode:
		addEscaper(n.List, safe)
		addEscaper(n.ElseList, safe)
	case *parse.RangeNode:
		addEscaper(n.List, safe)
		addEscaper(n.ElseList, safe)
	case *parse.WithNode:
		addEscaper(n.List, safe)
		addEscaper(n.ElseList, safe)
	}
}

// tickName is the function every {{range}} body starts with: it counts the
// repetitions of one document's loops against limits.LoopIterations, so
// that loops nested over short lists, or loops that write nothing, cannot
// run for minutes. Like escName, no template author would write it.
const tickName = "_docx_tick"

// addTicks puts a call of tickName first in the body of every range.
func addTicks(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			addTicks(c)
		}
	case *parse.IfNode:
		addTicks(n.List)
		addTicks(n.ElseList)
	case *parse.WithNode:
		addTicks(n.List)
		addTicks(n.ElseList)
	case *parse.RangeNode:
		addTicks(n.List)
		addTicks(n.ElseList)
		if n.List != nil {
			// {{$tick := _docx_tick}}: a declaration, which prints
			// nothing (and so costs no conversion for printing).
			tick := &parse.ActionNode{NodeType: parse.NodeAction, Pos: n.Pos, Line: n.Line, Pipe: &parse.PipeNode{
				NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line,
				Decl: []*parse.VariableNode{{NodeType: parse.NodeVariable, Pos: n.Pos, Ident: []string{"$" + tickName}}},
				Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: n.Pos,
					Args: []parse.Node{parse.NewIdentifier(tickName).SetPos(n.Pos)}}},
			}}
			n.List.Nodes = append([]parse.Node{tick}, n.List.Nodes...)
		}
	}
}

// parseTick stands for the counter while a part is parsed.
func parseTick() (string, error) { return "", nil }

// safeFuncs are the functions of Funcs whose result prints as XML text
// unchanged: digits, signs, points, percent signs and Chinese numerals,
// never a markup character, a control character or a newline.
var safeFuncs = []string{"amount", "percent", "percentTrim", "score", "fixed", "rmb", "cnNum", "inc", "add", "sub"}

// parseEscaper stands for the escaper while a part is parsed: each execution
// binds its own (partWriter.escaper), which also places blocks.
func parseEscaper(any) string { return "" }

// valueString prints a value as text/template would, except that nil
// prints as nothing rather than "<no value>" or "<nil>".
func valueString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case decimal.Decimal:
		return v.String()
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// escapeText escapes s for the content of a w:t element. Characters XML 1.0
// forbids are dropped (control characters) or replaced by U+FFFD (invalid
// UTF-8, U+FFFE, U+FFFF); newlines become line breaks and tabs become tabs.
func escapeText(s, br, tab string) string {
	if plainText(s) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), s, br, tab))
}

// special marks the ASCII bytes escapeText changes.
var special = func() (t [utf8.RuneSelf]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range "&<>\"'" {
		t[c] = true
	}
	return t
}()

// plainText reports whether escapeText leaves s as it is.
func plainText(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if special[c] {
				return false
			}
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBE: // U+FFFE, U+FFFF
			return false
		default:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

// appendEscaped appends s to dst as escapeText escapes it.
func appendEscaped(dst []byte, s, br, tab string) []byte {
	if plainText(s) {
		return append(dst, s...)
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !special[c] {
				i++
				continue
			}
			var rep string
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"':
				rep = "&quot;"
			case c == '\'':
				rep = "&apos;"
			case c == '\n':
				rep = br
			case c == '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					rep = "" // the \n that follows makes the break
				} else {
					rep = br
				}
			case c == '\t':
				rep = tab
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, rep...)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			dst = append(dst, s[last:i]...)
			dst = append(dst, "\uFFFD"...)
			i += size
			last = i
			continue
		}
		i += size
	}
	return append(dst, s[last:]...)
}
