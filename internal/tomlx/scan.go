package tomlx

import (
	"strconv"
	"strings"
)

// The BurntSushi decoder keeps key positions to itself, yet every semantic
// check (a negative amount, rows that do not add up) must name the line to
// fix. So after BurntSushi has accepted a file, this small scanner walks the
// same (now known-valid) text once and records, for every key path, where its
// key stands and, for scalars, the literal text of the value: decimals are
// then built from what the person typed, never from a float64.

// entry is what the index knows about one path.
type entry struct {
	line, col int    // of the key, or of the value for array elements
	raw       string // literal text of a scalar value; "" for tables and arrays
}

// index maps a path ("a.b[2].c") to its entry.
type index map[string]entry

// joinKey appends a key segment to a path, quoting keys that would be
// ambiguous in the path syntax.
func joinKey(path, key string) string {
	if strings.ContainsAny(key, `.[]"`) || key == "" {
		key = strconv.Quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

type scanner struct {
	src   string
	i     int
	line  int
	bol   int // byte offset of the current line's start
	idx   index
	order []string       // paths in the order they were first seen
	aot   map[string]int // array-of-tables path → number of elements so far
}

func buildIndex(src string) index { return scan(src).idx }

func scan(src string) *scanner {
	s := &scanner{src: src, line: 1, idx: index{}, aot: map[string]int{}}
	defer func() {
		// The input was accepted by the real parser; if this scanner still
		// trips over something exotic, positions degrade to "unknown"
		// rather than crash the run.
		_ = recover()
	}()
	s.document()
	return s
}

// progressed stops the scan (through the recover in buildIndex) if a step
// consumed nothing, so that no input can make it loop forever.
func (s *scanner) progressed(before int) {
	if s.i == before {
		panic("tomlx: scanner made no progress")
	}
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) col() int {
	return len([]rune(s.src[s.bol:s.i])) + 1
}

// advance moves one byte, keeping line accounting.
func (s *scanner) advance() {
	if s.src[s.i] == '\n' {
		s.line++
		s.bol = s.i + 1
	}
	s.i++
}

func (s *scanner) record(path string, line, col int, raw string) {
	if _, ok := s.idx[path]; !ok {
		s.idx[path] = entry{line: line, col: col, raw: raw}
		s.order = append(s.order, path)
	}
}

// skipSpace skips blanks and, when nl is set, newlines and comments too.
func (s *scanner) skipSpace(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		case c == '\n' && nl:
			s.advance()
		default:
			return
		}
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		before := s.i
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		s.progressed(before)
	}
}

// header reads [a.b] or [[a.b]] and returns the resolved path of the table.
func (s *scanner) header() string {
	line, col := s.line, s.col()
	s.advance()
	array := s.peek() == '['
	if array {
		s.advance()
	}
	keys := s.key()
	s.skipSpace(false)
	s.advance() // ]
	if array {
		s.advance() // ]
	}
	path := ""
	for _, k := range keys[:len(keys)-1] {
		path = s.resolve(joinKey(path, k))
		s.record(path, line, col, "")
	}
	path = joinKey(path, keys[len(keys)-1])
	if array {
		s.record(path, line, col, "")
		n := s.aot[path]
		s.aot[path] = n + 1
		path = joinIndex(path, n)
	}
	s.record(path, line, col, "")
	return path
}

// resolve turns a path naming an array of tables into its last element.
func (s *scanner) resolve(path string) string {
	if n := s.aot[path]; n > 0 {
		return joinIndex(path, n-1)
	}
	return path
}

// key reads a dotted key and returns its segments.
func (s *scanner) key() []string {
	var keys []string
	for {
		s.skipSpace(false)
		keys = append(keys, s.simpleKey())
		s.skipSpace(false)
		if s.peek() != '.' {
			return keys
		}
		s.advance()
	}
}

func (s *scanner) simpleKey() string {
	switch s.peek() {
	case '\'':
		start := s.i
		s.stringLit()
		return s.src[start+1 : s.i-1]
	case '"':
		start := s.i
		s.stringLit()
		if k, err := strconv.Unquote(s.src[start:s.i]); err == nil {
			return k
		}
		return s.src[start+1 : s.i-1]
	}
	start := s.i
	for !s.eof() {
		c := s.peek()
		if c == ' ' || c == '\t' || c == '.' || c == '=' || c == ']' || c == '\r' || c == '\n' {
			break
		}
		s.advance()
	}
	return s.src[start:s.i]
}

// keyValue reads "key = value" inside table (or an inline table).
func (s *scanner) keyValue(table string) {
	line, col := s.line, s.col()
	keys := s.key()
	path := table
	for _, k := range keys[:len(keys)-1] {
		path = joinKey(path, k)
		s.record(path, line, col, "")
	}
	path = joinKey(path, keys[len(keys)-1])
	s.skipSpace(false)
	s.advance() // =
	s.skipSpace(false)
	s.value(path, line, col)
}

// value reads one value and records it (and its children) under path.
func (s *scanner) value(path string, line, col int) {
	switch c := s.peek(); c {
	case '[':
		s.record(path, line, col, "")
		s.advance()
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.peek() == ']' {
				s.advance()
				return
			}
			before := s.i
			s.value(joinIndex(path, n), s.line, s.col())
			s.progressed(before)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	case '{':
		s.record(path, line, col, "")
		s.advance()
		for {
			s.skipSpace(true)
			if s.peek() == '}' {
				s.advance()
				return
			}
			before := s.i
			s.keyValue(path)
			s.progressed(before)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	case '"', '\'':
		start := s.i
		s.stringLit()
		s.record(path, line, col, s.src[start:s.i])
	default:
		start := s.i
		for !s.eof() {
			c := s.peek()
			if c == ',' || c == ']' || c == '}' || c == '#' || c == '\n' {
				break
			}
			s.advance()
		}
		s.record(path, line, col, strings.TrimRight(s.src[start:s.i], " \t\r"))
	}
}

// stringLit skips one string literal of any of the four kinds.
func (s *scanner) stringLit() {
	q := s.peek()
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3)) {
		s.i += 3
		for !s.eof() {
			if q == '"' && s.peek() == '\\' {
				s.advance()
				s.advance()
				continue
			}
			if strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3)) {
				s.i += 3
				// Up to two more quotes may belong to the content.
				for k := 0; k < 2 && s.peek() == q; k++ {
					s.i++
				}
				return
			}
			s.advance()
		}
		return
	}
	s.advance()
	for !s.eof() {
		c := s.peek()
		if q == '"' && c == '\\' {
			s.advance()
			s.advance()
			continue
		}
		s.advance()
		if c == q {
			return
		}
	}
}
