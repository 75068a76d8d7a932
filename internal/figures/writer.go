package figures

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"ipfund/internal/alloc"
	"ipfund/internal/tomlx"
)

// writer writes a figures file: comments, tables and one figure per line.
// Table paths are split on NUL, which no name from a TOML file can contain,
// so a city called "a.b" stays one key.
type writer struct {
	buf    bytes.Buffer
	places int32 // decimal places of money (the allocation's quantum)
}

func (w *writer) comment(format string, args ...any) {
	fmt.Fprintf(&w.buf, "# %s\n", fmt.Sprintf(format, args...))
}

func (w *writer) table(path string) {
	parts := strings.Split(path, "\x00")
	for i, p := range parts {
		parts[i] = tomlKey(p)
	}
	fmt.Fprintf(&w.buf, "\n[%s]\n", strings.Join(parts, "."))
}

func (w *writer) raw(k, v string) { fmt.Fprintf(&w.buf, "%s = %s\n", tomlKey(k), v) }
func (w *writer) str(k, v string) { w.raw(k, tomlString(v)) }

// num writes a decimal as it is.
func (w *writer) num(k string, d decimal.Decimal) { w.raw(k, tomlNumber(d.String())) }

// money writes an amount at the precision of the quantum.
func (w *writer) money(k string, d decimal.Decimal) {
	w.raw(k, tomlNumber(d.StringFixed(w.places)))
}

// exact writes an exact figure rounded for display.
func (w *writer) exact(k string, e alloc.Exact) {
	w.raw(k, tomlNumber(e.Dec(AllocationPlaces).StringFixed(AllocationPlaces)))
}

// quantumPlaces is the number of decimal places the quantum needs: 2 for
// 0.01, 0 for 1 or 100.
func quantumPlaces(q decimal.Decimal) int32 {
	var p int32
	for p < 20 && !q.Shift(p).IsInteger() {
		p++
	}
	return p
}

// tomlNumber keeps a number valid TOML: an integer beyond 64 bits is
// written as a float, and a figure beyond float64's range (only absurd data
// give one, such as a coefficient of 1e300) as text.
func tomlNumber(s string) string {
	intPart, _, isFloat := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	switch {
	case len(intPart) > 300:
		return tomlString(s)
	case !isFloat:
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return s + ".0"
		}
	}
	return s
}

// path joins the names of a figure's key with "/" (产出/产出数量), escaping
// "\" and "/" inside a name, so that distinct names always give distinct
// keys: the category "X/Y" of the group 产出 gives 产出/X\/Y, not the key of
// the category Y under a group "产出/X". (The loaders refuse both
// characters in names; this keeps the file valid even if one slipped
// through.)
func path(names ...string) string {
	for i, n := range names {
		names[i] = strings.ReplaceAll(strings.ReplaceAll(n, `\`, `\\`), "/", `\/`)
	}
	return strings.Join(names, "/")
}

// tomlKey writes a key bare when TOML allows it, else quoted.
func tomlKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, r := range k {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return tomlString(k)
		}
	}
	return k
}

// tomlString quotes s as a TOML basic string. (strconv.Quote is not one:
// it writes \x.. and \a escapes that TOML does not have.)
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// fixed writes a figure with exactly two decimals (scores, rates).
func (w *writer) fixed(k string, d decimal.Decimal) { w.raw(k, tomlNumber(d.StringFixed(2))) }

// inline writes k = { name = value, … } from name/value pairs already
// rendered as TOML values.
func (w *writer) inline(k string, pairs ...string) {
	fields := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		fields = append(fields, tomlKey(pairs[i])+" = "+pairs[i+1])
	}
	w.raw(k, "{ "+strings.Join(fields, ", ")+" }")
}

// Check reports whether b is a valid figures file: TOML without a
// repeated key, within the limits `ipfund diff` reads it with. The writer
// makes every key distinct by construction; the build checks again before
// anything is written, so that a bug can never put a file into out/ that
// `ipfund diff` would reject. The error is a Chinese sentence.
func Check(b []byte) error {
	_, err := tomlx.Leaves(b)
	return err
}
