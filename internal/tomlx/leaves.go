package tomlx

import (
	"errors"
	"strconv"
	"strings"
)

// Leaf is one scalar value of a TOML document: its path (keys joined by
// ".", array elements as [i]) and its literal text as written.
type Leaf struct {
	Path string
	Raw  string
	Line int
}

// Leaves lists every scalar of a valid TOML document in file order, with
// the value's text exactly as written (so 0.50 stays 0.50). The limits of
// a data file apply. An error is a Chinese sentence that starts with the
// line, and column where known, of the problem.
func Leaves(src []byte) ([]Leaf, error) {
	_, s, d := parse("", src, nil)
	if d != nil {
		var b strings.Builder
		if d.Pos.Line > 0 {
			b.WriteString("第 " + strconv.Itoa(d.Pos.Line) + " 行")
			if d.Pos.Col > 0 {
				b.WriteString("第 " + strconv.Itoa(d.Pos.Col) + " 列")
			}
			b.WriteString("：")
		}
		b.WriteString(d.Msg)
		return nil, errors.New(b.String())
	}
	var out []Leaf
	for _, p := range s.order {
		if e := s.idx[p]; e.raw != "" {
			out = append(out, Leaf{Path: p, Raw: e.raw, Line: e.line})
		}
	}
	return out, nil
}
