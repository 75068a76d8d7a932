package tomlx

import (
	"github.com/BurntSushi/toml"
)

// Leaf is one scalar value of a TOML document: its path (keys joined by
// ".", array elements as [i]) and its literal text as written.
type Leaf struct {
	Path string
	Raw  string
	Line int
}

// Leaves lists every scalar of a valid TOML document in file order, with
// the value's text exactly as written (so 0.50 stays 0.50).
func Leaves(src []byte) ([]Leaf, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		return nil, err
	}
	s := scan(string(src))
	var out []Leaf
	for _, p := range s.order {
		if e := s.idx[p]; e.raw != "" {
			out = append(out, Leaf{Path: p, Raw: e.raw, Line: e.line})
		}
	}
	return out, nil
}
