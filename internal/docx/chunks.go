package docx

import (
	"bytes"
	"errors"
	"io"
)

// chunkSize is the size of one block of rendered output. Large parts (a
// 100 000-row table) grow by whole blocks instead of by repeated doubling
// and copying of one buffer.
const chunkSize = 256 << 10

// chunks collects rendered output in fixed-size blocks.
type chunks struct {
	full [][]byte
	cur  []byte
	size int
	// blocks is set when a Block was written and must be placed.
	blocks bool
	// limit, when set, bounds size: writing beyond it fails.
	limit int
}

// errOutputTooLarge stops a template whose output outgrows its limit.
var errOutputTooLarge = errors.New("docx: output too large")

func (c *chunks) Write(p []byte) (int, error) {
	if !c.blocks && bytes.IndexByte(p, blockOpen) >= 0 {
		c.blocks = true
	}
	n := len(p)
	if c.limit > 0 && c.size+n > c.limit {
		return 0, errOutputTooLarge
	}
	c.size += n
	for len(p) > 0 {
		if len(c.cur) == cap(c.cur) {
			if c.cur != nil {
				c.full = append(c.full, c.cur)
			}
			c.cur = make([]byte, 0, max(chunkSize, min(len(p), 16<<20)))
		}
		k := copy(c.cur[len(c.cur):cap(c.cur)], p)
		c.cur = c.cur[:len(c.cur)+k]
		p = p[k:]
	}
	return n, nil
}

// WriteTo writes the collected output to w.
func (c *chunks) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, b := range append(c.full, c.cur) {
		k, err := w.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// bytes returns the collected output as one slice.
func (c *chunks) bytes() []byte {
	out := make([]byte, 0, c.size)
	for _, b := range append(c.full, c.cur) {
		out = append(out, b...)
	}
	return out
}
