package tomlx

import (
	"strconv"
	"strings"

	"ipfund/internal/limits"
)

// The BurntSushi decoder keeps key positions to itself, yet every semantic
// check (a negative amount, rows that do not add up) must name the line to
// fix. So this small scanner walks the text once and records, for every key
// path, where its key stands and, for scalars, the literal text of the
// value: decimals are then built from what the person typed, never from a
// float64.
//
// It runs before the parser, and so is also where the limits of a data file
// are kept (limits.Items, Depth, KeyPath): it stops at the first one
// exceeded, before the parser spends time or memory on the file. Its work
// is linear in the file: one pass, positions counted as it goes, and no
// path longer than limits.KeyPath is ever built more than once.

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

// limitKind names which limit a file exceeded.
type limitKind int

const (
	tooManyItems limitKind = iota + 1
	tooDeep
	keyTooLong
	tooManyElems
)

// overLimit is where the scan stopped and why.
type overLimit struct {
	kind      limitKind
	line, col int
	array     string // for tooManyElems: the array, without indexes
}

// Count bounds the elements of one array of a file, [[a]] tables or
// a = [ … ] alike, where the file's own rules know a sane number: a file
// with more is refused by the counting pass, before it is parsed.
type Count struct {
	Max  int
	Msg  string // what is wrong, with %d for Max
	Hint string
}

type scanner struct {
	src   string
	i     int
	line  int
	col   int // of s.i, in characters (runes), 1-based
	idx   index
	order []string       // paths in the order they were first seen
	aot   map[string]int // array-of-tables path → number of elements so far
	items int
	// countOnly makes a first, cheap pass: limits are checked, nothing is
	// recorded, so a file over them is refused for the price of reading it.
	countOnly bool
	counts    map[string]Count // by array path without indexes
	over      *overLimit       // set when a limit stopped the scan
	// bailed is set when the scanner stopped on text it does not
	// understand: only ever on text the parser rejects too (the fuzz test
	// holds it to that).
	bailed bool
}

// stop ends the scan; scan recovers it.
type stop struct{}

// check scans src for its limits only; s.over tells which one it exceeds.
func check(src string, counts map[string]Count) *scanner {
	return run(&scanner{src: src, countOnly: true, counts: counts})
}

// scan indexes src.
func scan(src string) *scanner {
	return run(&scanner{src: src, idx: index{}})
}

func run(s *scanner) (ran *scanner) {
	ran = s
	s.line, s.col, s.aot = 1, 1, map[string]int{}
	if strings.HasPrefix(s.src, "\ufeff") { // a byte-order mark, as Notepad writes
		s.i = len("\ufeff")
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				// Text the parser will reject (or a bug here): positions
				// degrade to "unknown" rather than crash the run.
				s.bailed = true
			}
		}
	}()
	s.document()
	return s
}

// exceeded stops the scan at the current position.
func (s *scanner) exceeded(kind limitKind, line, col int) {
	s.over = &overLimit{kind: kind, line: line, col: col}
	panic(stop{})
}

// progressed stops the scan if a step consumed nothing, so that no input
// can make it loop forever.
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

// advance moves one byte, keeping line and column: a column counts
// characters, so only the first byte of a UTF-8 sequence moves it.
func (s *scanner) advance() {
	c := s.src[s.i]
	s.i++
	switch {
	case c == '\n':
		s.line++
		s.col = 1
	case c&0xC0 != 0x80:
		s.col++
	}
}

// skipASCII moves over n bytes known to be ASCII and not newlines.
func (s *scanner) skipASCII(n int) {
	s.i += n
	s.col += n
}

// record notes a path, counting it against limits.Items and
// limits.KeyPath.
func (s *scanner) record(path string, line, col int, raw string) {
	if s.items++; s.items > limits.Items {
		s.exceeded(tooManyItems, line, col)
	}
	if len(path) > limits.KeyPath {
		s.exceeded(keyTooLong, line, col)
	}
	if s.countOnly {
		return
	}
	if _, ok := s.idx[path]; !ok {
		s.idx[path] = entry{line: line, col: col, raw: raw}
		s.order = append(s.order, path)
	}
}

// elem checks that element n (from 0) of the array at path is within its
// Count, if it has one.
func (s *scanner) elem(path string, n, line, col int) {
	if s.counts == nil {
		return
	}
	array := stripIndexes(path)
	if c, ok := s.counts[array]; ok && n >= c.Max {
		s.over = &overLimit{kind: tooManyElems, line: line, col: col, array: array}
		panic(stop{})
	}
}

// nest checks the nesting level of what starts at line:col.
func (s *scanner) nest(level, line, col int) {
	if level > limits.Depth {
		s.exceeded(tooDeep, line, col)
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
	table, level := "", 0
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		before := s.i
		if s.peek() == '[' {
			table, level = s.header()
		} else {
			s.keyValue(table, level)
		}
		s.progressed(before)
	}
}

// header reads [a.b] or [[a.b]] and returns the resolved path of the table
// and its nesting level.
func (s *scanner) header() (string, int) {
	line, col := s.line, s.col
	s.advance()
	array := s.peek() == '['
	if array {
		s.advance()
	}
	keys := s.key(0, line, col)
	s.skipSpace(false)
	s.advance() // ]
	if array {
		s.skipSpace(false)
		s.advance() // ]
	}
	path := ""
	for _, k := range keys[:len(keys)-1] {
		path = s.resolve(s.join(path, k, line, col))
		s.record(path, line, col, "")
	}
	path = s.join(path, keys[len(keys)-1], line, col)
	level := len(keys)
	if array {
		s.record(path, line, col, "")
		n := s.aot[path]
		s.elem(path, n, line, col)
		s.aot[path] = n + 1
		path = joinIndex(path, n)
		level++
	}
	s.record(path, line, col, "")
	return path, level
}

// join is joinKey that refuses a path over limits.KeyPath before building
// it.
func (s *scanner) join(path, key string, line, col int) string {
	if len(path)+len(key)+1 > limits.KeyPath {
		s.exceeded(keyTooLong, line, col)
	}
	return joinKey(path, key)
}

// resolve turns a path naming an array of tables into its last element.
func (s *scanner) resolve(path string) string {
	if n := s.aot[path]; n > 0 {
		return joinIndex(path, n-1)
	}
	return path
}

// key reads a dotted key and returns its segments; level is the nesting
// of the table it is in.
func (s *scanner) key(level, line, col int) []string {
	var keys []string
	for {
		s.skipSpace(false)
		keys = append(keys, s.simpleKey())
		s.nest(level+len(keys), line, col)
		s.skipSpace(false)
		if s.peek() != '.' {
			return keys
		}
		s.advance()
	}
}

func (s *scanner) simpleKey() string {
	start := s.i
	switch s.peek() {
	case '\'':
		s.stringLit()
		return s.src[start+1 : max(s.i-1, start+1)]
	case '"':
		s.stringLit()
		if k, err := strconv.Unquote(s.src[start:s.i]); err == nil {
			return k
		}
		return s.src[start+1 : max(s.i-1, start+1)]
	}
	for !s.eof() {
		c := s.peek()
		if c == ' ' || c == '\t' || c == '.' || c == '=' || c == ']' || c == '\r' || c == '\n' {
			break
		}
		s.advance()
	}
	return s.src[start:s.i]
}

// keyValue reads "key = value" inside table (or an inline table) at the
// given nesting level.
func (s *scanner) keyValue(table string, level int) {
	line, col := s.line, s.col
	keys := s.key(level, line, col)
	path := table
	for _, k := range keys[:len(keys)-1] {
		path = s.join(path, k, line, col)
		s.record(path, line, col, "")
	}
	path = s.join(path, keys[len(keys)-1], line, col)
	s.skipSpace(false)
	s.advance() // =
	s.skipSpace(false)
	s.value(path, level+len(keys), line, col)
}

// value reads one value at the given nesting level and records it (and
// its children) under path.
func (s *scanner) value(path string, level, line, col int) {
	switch c := s.peek(); c {
	case '[':
		s.nest(level+1, s.line, s.col)
		s.record(path, line, col, "")
		s.advance()
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.peek() == ']' {
				s.advance()
				return
			}
			before := s.i
			if len(path)+2+len(strconv.Itoa(n)) > limits.KeyPath {
				s.exceeded(keyTooLong, s.line, s.col)
			}
			s.elem(path, n, s.line, s.col)
			s.value(joinIndex(path, n), level+1, s.line, s.col)
			s.progressed(before)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	case '{':
		s.nest(level+1, s.line, s.col)
		s.record(path, line, col, "")
		s.advance()
		for {
			s.skipSpace(true)
			if s.peek() == '}' {
				s.advance()
				return
			}
			before := s.i
			s.keyValue(path, level)
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
	triple := `"""`
	if q == '\'' {
		triple = `'''`
	}
	if strings.HasPrefix(s.src[s.i:], triple) {
		s.skipASCII(3)
		for !s.eof() {
			if q == '"' && s.peek() == '\\' {
				s.advance()
				if !s.eof() {
					s.advance()
				}
				continue
			}
			if strings.HasPrefix(s.src[s.i:], triple) {
				s.skipASCII(3)
				// Up to two more quotes may belong to the content.
				for k := 0; k < 2 && s.peek() == q; k++ {
					s.skipASCII(1)
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
		if c == '\n' {
			return // unterminated: the parser says so
		}
		if q == '"' && c == '\\' {
			s.advance()
			if !s.eof() && s.peek() != '\n' {
				s.advance()
			}
			continue
		}
		s.advance()
		if c == q {
			return
		}
	}
}
