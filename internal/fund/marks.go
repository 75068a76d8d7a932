package fund

import (
	"slices"
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

// comments records the comments of one data file, in line order: for each
// line that has one, the byte offset of its '#' and its text; and for each
// multi-line string, the line it opens on and the line it closes on, so
// that a mark after the closing quotes counts for the value that starts
// lines above. Slices, not maps: a file of the size limit that is all
// comments is scanned in a blink.
type comments struct {
	list   []comment
	closes [][2]int // {line a multi-line string opens on, line it closes on}
	// steps counts the bytes the scan looked at, for the test that proves
	// it linear without a stopwatch.
	steps int
}

// comment is one comment; it holds no pointer, so that a file of a
// million comments costs the garbage collector nothing to look at.
type comment struct {
	line, at int32 // the line, and the byte offset of '#' in it (a data file is under 4 MB)
	mark     mark  // the review mark the comment starts with
	lone     bool  // the line holds nothing but the comment
}

// mark is a review mark a comment may start with.
type mark uint8

const (
	noMark mark = iota
	keepMark
	unconfirmedMark
)

func markOf(text string) mark {
	switch {
	case strings.HasPrefix(text, MarkKeep):
		return keepMark
	case strings.HasPrefix(text, MarkUnconfirmed):
		return unconfirmedMark
	}
	return noMark
}

// scanComments finds the comments of a TOML text in one pass: every one,
// or (all false, as every build needs) only those that are review marks.
// It follows strings (basic, literal, multi-line) so that a '#' inside
// quotes is not taken for a comment; on text the TOML parser would reject
// it still ends, in linear time.
func scanComments(src string, all bool) comments {
	var c comments
	if all {
		// One allocation for a file of many comments, not a growing slice.
		c.list = make([]comment, 0, strings.Count(src, "#"))
	}
	line, bol := 1, 0
	i := 0
	// closeAt finds the end of a string opened at i (after its quotes),
	// counting lines; it returns the index after the closing quotes.
	closeAt := func(i int, quote string, escapes bool) int {
		for i < len(src) {
			c.steps++
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
		c.steps++
		switch ch := src[i]; {
		case ch == '\n':
			line, bol = line+1, i+1
			i++
		case ch == '#':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			c.steps += end + i - bol // the comment, and the line before it
			if m := markOf(strings.TrimLeft(src[i+1:i+end], " \t")); all || m != noMark {
				c.list = append(c.list, comment{line: int32(line), at: int32(i - bol), mark: m, lone: strings.TrimSpace(src[bol:i]) == ""})
			}
			i += end
		case strings.HasPrefix(src[i:], `"""`), strings.HasPrefix(src[i:], `'''`):
			open := line
			i = closeAt(i+3, src[i:i+3], ch == '"')
			if line != open {
				c.closes = append(c.closes, [2]int{open, line})
			}
		case ch == '"' || ch == '\'':
			i = closeAt(i+1, string(ch), ch == '"')
		default:
			i++
		}
	}
	return c
}

// find returns the comment of a line.
func (c comments) find(line int) (comment, bool) {
	k, ok := slices.BinarySearchFunc(c.list, line, func(m comment, l int) int { return int(m.line) - l })
	if !ok {
		return comment{}, false
	}
	return c.list[k], true
}

// marked reports whether the value starting on line carries mark: in the
// comment of that line, or of the line its multi-line string closes on.
func (c comments) marked(line int, want mark) bool {
	if c.hasMark(line, want) {
		return true
	}
	k, ok := slices.BinarySearchFunc(c.closes, line, func(p [2]int, l int) int { return p[0] - l })
	return ok && c.hasMark(c.closes[k][1], want)
}

// hasMark reports whether the comment ending a data line starts with mark.
func (c comments) hasMark(line int, want mark) bool {
	m, ok := c.find(line)
	return ok && !m.lone && m.mark == want
}

// marked reports whether the value at pos carries a mark.
func (y *Year) marked(pos diag.Pos, want mark) bool {
	c, ok := y.comments[pos.File]
	return ok && pos.Line > 0 && c.marked(pos.Line, want)
}
