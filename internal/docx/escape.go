package docx

import (
	"fmt"
	"strconv"
	"strings"
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
// authors never have to think about XML.
func addEscaper(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			addEscaper(c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			return
		}
		n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
			NodeType: parse.NodeCommand,
			Pos:      n.Pos,
			Args:     []parse.Node{parse.NewIdentifier(escName).SetPos(n.Pos)},
		})
	case *parse.IfNode:
		addEscaper(n.List)
		addEscaper(n.ElseList)
	case *parse.RangeNode:
		addEscaper(n.List)
		addEscaper(n.ElseList)
	case *parse.WithNode:
		addEscaper(n.List)
		addEscaper(n.ElseList)
	}
}

// newEscaper returns the escaper for a part whose WordprocessingML prefix is
// wp. The text it returns always sits inside <w:t xml:space="preserve">.
func newEscaper(wp string) func(any) string {
	br := "</" + wp + "t><" + wp + "br/><" + wp + `t xml:space="preserve">`
	tab := "</" + wp + "t><" + wp + "tab/><" + wp + `t xml:space="preserve">`
	return func(v any) string {
		if b, ok := v.(Block); ok {
			return blockMarker(b, wp)
		}
		return escapeText(valueString(v), br, tab)
	}
}

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
	var b *strings.Builder
	last := 0
	flush := func(i int, rep string) {
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
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
			case c < 0x20:
				rep = ""
			default:
				i++
				continue
			}
			flush(i, rep)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			flush(i, "\uFFFD")
			i += size
			last = i
			continue
		}
		i += size
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
