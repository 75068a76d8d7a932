package fund

import (
	"strings"

	"ipfund/internal/diag"
)

// Review marks are comments at the end of a data line, so that staff put
// them where the warning points and delete them where they read them:
//
//	arrived = 1353          # 待确认；实际到位资金（万元）
//	"……较2019年增长……",     # 保留
//
// MarkUnconfirmed is what `ipfund new` writes on every figure it carries
// over from the previous year: the build lists each one until someone has
// checked it and deleted the mark. MarkKeep says a reviewer has read a
// sentence the stale-text checks flag (a mention of last year, a paragraph
// unchanged since last year) and means it.
const (
	MarkUnconfirmed = "待确认"
	MarkKeep        = "保留"
)

// comments records the comments of one data file: for each line that has
// one, the byte offset of its '#' and its text; and for a multi-line
// string, the line it closes on, so that a mark after the closing quotes
// counts for the value that starts lines above.
type comments struct {
	at     map[int]int    // line → byte offset of '#' in the line
	text   map[int]string // line → text after '#', trimmed
	lone   map[int]bool   // lines holding nothing but the comment
	closes map[int]int    // line a multi-line string opens on → line it closes on
}

// scanComments finds the comments of a TOML text in one pass. It follows
// strings (basic, literal, multi-line) so that a '#' inside quotes is not
// taken for a comment; on text the TOML parser would reject it still ends,
// in linear time.
func scanComments(src string) comments {
	c := comments{at: map[int]int{}, text: map[int]string{}, lone: map[int]bool{}, closes: map[int]int{}}
	line, bol := 1, 0
	i := 0
	// closeAt finds the end of a string opened at i (after its quotes),
	// counting lines; it returns the index after the closing quotes.
	closeAt := func(i int, quote string, escapes bool) int {
		for i < len(src) {
			switch {
			case escapes && src[i] == '\\':
				if i+1 < len(src) && src[i+1] == '\n' {
					line, bol = line+1, i+2
				}
				i += 2
				continue
			case strings.HasPrefix(src[i:], quote):
				i += len(quote)
				// A multi-line string may end in up to two extra quotes.
				for len(quote) == 3 && i < len(src) && src[i] == quote[0] {
					i++
				}
				return i
			case src[i] == '\n':
				if len(quote) == 1 {
					return i // unterminated: the parser reports it
				}
				line, bol = line+1, i+1
			}
			i++
		}
		return i
	}
	for i < len(src) {
		switch ch := src[i]; {
		case ch == '\n':
			line, bol = line+1, i+1
			i++
		case ch == '#':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			c.at[line] = i - bol
			c.text[line] = strings.TrimSpace(strings.TrimRight(src[i+1:i+end], "\r"))
			c.lone[line] = strings.TrimSpace(src[bol:i]) == ""
			i += end
		case strings.HasPrefix(src[i:], `"""`), strings.HasPrefix(src[i:], `'''`):
			open := line
			i = closeAt(i+3, src[i:i+3], ch == '"')
			if line != open {
				c.closes[open] = line
			}
		case ch == '"' || ch == '\'':
			i = closeAt(i+1, string(ch), ch == '"')
		default:
			i++
		}
	}
	return c
}

// marked reports whether the value starting on line carries mark: in the
// comment of that line, or of the line its multi-line string closes on.
func (c comments) marked(line int, mark string) bool {
	if c.hasMark(line, mark) {
		return true
	}
	end, ok := c.closes[line]
	return ok && c.hasMark(end, mark)
}

// hasMark reports whether the comment ending a data line starts with mark.
func (c comments) hasMark(line int, mark string) bool {
	return !c.lone[line] && strings.HasPrefix(c.text[line], mark)
}

// marked reports whether the value at pos carries mark.
func (y *Year) marked(pos diag.Pos, mark string) bool {
	c, ok := y.comments[pos.File]
	return ok && pos.Line > 0 && c.marked(pos.Line, mark)
}
