package tomlx

import (
	"fmt"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"ipfund/internal/diag"
)

// At records where a decoded table stands in its file. A struct that has a
// field of this type gets it filled by Decode, so later checks can point at
// the exact line of any of the table's keys.
type At struct {
	file string
	path string
	idx  index
}

// Pos is the position of the table itself (its header, or the element of an
// array).
func (a At) Pos() diag.Pos { return a.lookup(a.path) }

// Key is the position of one key of the table, or of the table when the key
// is absent.
func (a At) Key(key string) diag.Pos { return a.lookup(joinKey(a.path, key)) }

// Elem is the position of element i of the array under key.
func (a At) Elem(key string, i int) diag.Pos {
	return a.lookup(joinIndex(joinKey(a.path, key), i))
}

// File is the file the table was read from.
func (a At) File() string { return a.file }

// Has reports whether key was written in the table.
func (a At) Has(key string) bool {
	_, ok := a.idx[joinKey(a.path, key)]
	return ok
}

// lookup finds path, or the nearest enclosing path that is known.
func (a At) lookup(path string) diag.Pos {
	for {
		if e, ok := a.idx[path]; ok {
			return diag.Pos{File: a.file, Line: e.line, Col: e.col}
		}
		cut := -1
		for i := len(path) - 1; i >= 0; i-- {
			if path[i] == '.' || path[i] == '[' {
				cut = i
				break
			}
		}
		if cut < 0 {
			return diag.Pos{File: a.file}
		}
		path = path[:cut]
	}
}

// Scalar is a value that may be text, a number or a date, as in a table
// cell or a target value.
type Scalar struct {
	Text   string          // the text, or the number or date as written
	Num    decimal.Decimal // the number when IsNum
	IsNum  bool
	Date   Date // the date when IsDate
	IsDate bool
}

// String renders the scalar as written.
func (s Scalar) String() string { return s.Text }

// Date is a calendar date (TOML local date, e.g. 2019-01-01).
type Date struct {
	Year, Month, Day int
}

// String renders the date the way Chinese documents write it.
func (d Date) String() string { return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day) }

// IsZero reports whether the date was not set.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// FindControl finds the first invisible control character of s: a C0
// control other than tab and line breaks, DEL, or a non-character XML
// forbids (U+FFFE, U+FFFF). The TOML parser refuses them written raw,
// but not written as escapes ("\u0001"), nor can a spreadsheet cell keep
// them out; no document can show them, so they are refused as data. It
// returns the character and how many characters stand before it, or
// ok false.
func FindControl(s string) (r rune, before int, ok bool) {
	for i, c := range s {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F || c == 0xFFFE || c == 0xFFFF {
			return c, utf8.RuneCountInString(s[:i]), true
		}
	}
	return 0, 0, false
}
