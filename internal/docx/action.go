package docx

import (
	"strings"
)

// Delimiters of the generated text/template source. Control characters can
// never occur in XML 1.0, so nothing in the template bytes outside the actions
// can be mistaken for an action, not even a literal "{{" in an attribute or a
// field code.
const (
	leftDelim  = "\x01"
	rightDelim = "\x02"
)

type actKind uint8

const (
	kindOutput      actKind = iota // writes text: {{.Name}}
	kindSilent                     // writes nothing and opens no block: comment, $x := …
	kindOpen                       // range, if, with
	kindElse                       // else, else if, else with
	kindEnd                        // end
	kindUnsupported                // define, block, template, break, continue
)

// action is one {{…}} found in a paragraph's text.
type action struct {
	p          *para
	start, end int    // rune range in p.text, braces included
	src        string // text between the braces, normalised for text/template
	kind       actKind
	word       string // leading keyword, if any
	blk        *block
	place      placement
	row        int // the w:tr the action is moved out of, if any
	pos        int // offset of the action in the generated source
	line       int // first line of the action in the diagnostic source
}

// orig returns the action as written in the document.
func (a *action) orig() string { return string(a.p.text[a.start:a.end]) }

// block is a range/if/with with its else branches and its end.
type block struct {
	members []*action // opener first, end last
}

// silent reports whether the action writes no text.
func (a *action) silent() bool { return a.kind != kindOutput && a.kind != kindUnsupported }

// findActions locates the actions of a paragraph. Word AutoCorrect turns
// straight quotes into curly ones and IMEs type full-width spaces; inside
// actions (outside backquoted raw strings) they are normalised back.
// It returns the rune offset of an action without "}}", or -1.
func findActions(p *para) (unclosed int, inString bool) {
	t := p.text
	n := len(t)
	for i := 0; i+1 < n; i++ {
		if t[i] != '{' || t[i+1] != '{' {
			continue
		}
		var b strings.Builder
		j := i + 2
		// A comment may only start right after the delimiter and an
		// optional trim marker; it may contain "}}".
		k := j
		if k+1 < n && t[k] == '-' && isASCIISpace(t[k+1]) {
			k += 2
		}
		state := 0 // 0 normal, 1 "…", 2 '…', 3 `…`
		closed := false
		if k+1 < n && t[k] == '/' && t[k+1] == '*' {
			e := indexRunes(t[k+2:], '*', '/')
			if e < 0 {
				return i, false
			}
			b.WriteString(string(t[j : k+2+e+2]))
			j = k + 2 + e + 2
		}
		for j < n {
			r := t[j]
			switch state {
			case 0:
				switch {
				case r == '}' && j+1 < n && t[j+1] == '}':
					closed = true
				case r == '"' || r == '“' || r == '”':
					b.WriteByte('"')
					state = 1
				case r == '\'' || r == '‘' || r == '’':
					b.WriteByte('\'')
					state = 2
				case r == '`':
					b.WriteByte('`')
					state = 3
				case r == '\u00a0' || r == '\u3000':
					b.WriteByte(' ')
				default:
					b.WriteRune(r)
				}
			case 1, 2:
				q := r == '"' || r == '“' || r == '”'
				if state == 2 {
					q = r == '\'' || r == '‘' || r == '’'
				}
				switch {
				case r == '\\' && j+1 < n:
					b.WriteRune(r)
					j++
					b.WriteRune(normQuote(t[j]))
				case q:
					b.WriteRune(normQuote(r))
					state = 0
				default:
					b.WriteRune(r)
				}
			case 3:
				b.WriteRune(r)
				if r == '`' {
					state = 0
				}
			}
			if closed {
				break
			}
			j++
		}
		if !closed {
			return i, state != 0
		}
		a := &action{p: p, start: i, end: j + 2, src: b.String(), row: -1}
		a.kind, a.word = classify(a.src)
		p.actions = append(p.actions, a)
		i = j + 1
	}
	return -1, false
}

func normQuote(r rune) rune {
	switch r {
	case '“', '”':
		return '"'
	case '‘', '’':
		return '\''
	}
	return r
}

func isASCIISpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }

// indexRunes returns the index of the first a immediately followed by b.
func indexRunes(rs []rune, a, b rune) int {
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] == a && rs[i+1] == b {
			return i
		}
	}
	return -1
}

// classify finds what kind of action src (the text between the braces) is.
func classify(src string) (actKind, string) {
	s := src
	if len(s) >= 2 && s[0] == '-' && isASCIISpace(rune(s[1])) {
		s = s[2:]
	}
	s = strings.TrimLeft(s, " \t\r\n")
	if strings.HasPrefix(s, "/*") {
		return kindSilent, "comment"
	}
	w := 0
	for w < len(s) && (s[w] == '_' || s[w] >= 'a' && s[w] <= 'z' || s[w] >= 'A' && s[w] <= 'Z' || w > 0 && s[w] >= '0' && s[w] <= '9') {
		w++
	}
	word := s[:w]
	switch word {
	case "range", "if", "with":
		return kindOpen, word
	case "else":
		return kindElse, word
	case "end":
		return kindEnd, word
	case "define", "block", "template", "break", "continue":
		return kindUnsupported, word
	}
	if isDecl(s) {
		return kindSilent, "decl"
	}
	return kindOutput, ""
}

// isDecl reports whether s starts with "$x :=", "$x =" or "$x, $y :=".
func isDecl(s string) bool {
	for {
		if !strings.HasPrefix(s, "$") {
			return false
		}
		i := 1
		for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] >= 0x80) {
			i++
		}
		s = strings.TrimLeft(s[i:], " \t\r\n")
		if strings.HasPrefix(s, ",") {
			s = strings.TrimLeft(s[1:], " \t\r\n")
			continue
		}
		return strings.HasPrefix(s, ":=") || strings.HasPrefix(s, "=") && !strings.HasPrefix(s, "==")
	}
}
