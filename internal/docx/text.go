package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"ipfund/internal/limits"
)

const nsMC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

// Text extracts the text of a .docx for reading and diffing (for example as
// a git textconv): headers first, then the body, footnotes and endnotes,
// then footers, each part introduced by a line such as 【正文】 or 【页眉1】.
// Each paragraph is one line; w:br becomes a new line and w:tab a tab. A
// table row is one line with its cells separated by tabs (inside cells,
// paragraphs, breaks and tabs become spaces). Headers, footers and notes
// without any text are left out.
//
// It reads any document this package may write: each part up to
// limits.OutputPart, all of them up to limits.OutputDocument, checked on
// the zip's directory before anything is inflated; parts are read as a
// stream, never held whole.
func Text(docx []byte) (string, error) {
	var b strings.Builder
	if err := WriteText(&b, docx); err != nil {
		return "", err
	}
	return b.String(), nil
}

// WriteText writes what Text returns to w as it is read: the body, which
// may be a hundred megabytes of table, is never held whole.
func WriteText(w io.Writer, docx []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > limits.OutputPart {
			return &limits.TooLargeError{Size: int64(min(f.UncompressedSize64, 1<<62)), Limit: limits.OutputPart}
		}
		if total += f.UncompressedSize64; total > limits.OutputDocument {
			return &limits.TooLargeError{Size: -1, Limit: limits.OutputDocument}
		}
	}
	type part struct {
		rank, num int
		name      string
		f         *zip.File
	}
	var parts []part
	for _, f := range zr.File {
		h := partName(f.Name)
		if h == "" {
			continue
		}
		p := part{name: h, f: f}
		switch {
		case strings.HasPrefix(h, "页眉"):
			p.rank = 0
		case f.Name == "word/document.xml":
			p.rank = 1
		case f.Name == "word/footnotes.xml":
			p.rank = 2
		case f.Name == "word/endnotes.xml":
			p.rank = 3
		default:
			p.rank = 4
		}
		if m := reHeaderFooter.FindStringSubmatch(f.Name); m != nil {
			p.num, _ = strconv.Atoi(m[2])
		}
		parts = append(parts, p)
	}
	sort.SliceStable(parts, func(i, j int) bool {
		if parts[i].rank != parts[j].rank {
			return parts[i].rank < parts[j].rank
		}
		return parts[i].num < parts[j].num
	})
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range parts {
		// Only the body is never left out: it streams; a header or a
		// note is held until it is known to say something.
		lw := &lineWriter{}
		if p.rank == 1 {
			lw.w = bw
		}
		lw.buf = append(lw.buf, "【"+p.name+"】\n"...)
		blank, err := entryText(lw, p.f)
		if err != nil {
			return err
		}
		if p.rank == 1 || !blank {
			if err := lw.flush(bw); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// lineWriter collects the lines of a part, handing them to w, when set, a
// chunk at a time.
type lineWriter struct {
	buf []byte
	w   *bufio.Writer
	err error
}

func (l *lineWriter) line(s []byte) {
	l.buf = append(append(l.buf, s...), '\n')
	if l.w != nil && len(l.buf) >= 32<<10 {
		l.flush(l.w)
	}
}

func (l *lineWriter) flush(w *bufio.Writer) error {
	if l.err == nil {
		_, l.err = w.Write(l.buf)
	}
	l.buf = l.buf[:0]
	return l.err
}

// entryText hands the lines of one XML part of the zip to out, each ended
// by a newline, read as a stream (archive/zip holds the entry to the size
// its directory states), and reports whether they hold nothing but white
// space.
func entryText(out *lineWriter, f *zip.File) (bool, error) {
	rc, err := f.Open()
	if err != nil {
		return false, err
	}
	// Inflating and scanning take about as long as each other: the part
	// is inflated on another goroutine, a chunk ahead of the scanner.
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 256<<10)
		_, err := io.CopyBuffer(pw, rc, buf)
		pw.CloseWithError(err)
	}()
	blank, err := partText(out, pr)
	pr.CloseWithError(errors.New("docx: text read"))
	<-done
	rc.Close()
	if err == nil {
		err = out.err
	}
	return blank, err
}

// partText hands the lines of one XML part to out and reports whether they
// are blank. Paragraphs, cells and rows may nest (a table in a cell); each
// level has a buffer, reused from one element to the next.
func partText(out *lineWriter, r io.Reader) (bool, error) {
	d := newXMLScanner(r)
	var (
		blank = true
		paras stack // open paragraphs' text, innermost last
		cells stack // open cells: their non-blank paragraphs, joined by spaces
		rows  stack // open rows: their cells, joined by tabs (spaces when nested)
		inT   int
		skip  int // depth inside mc:Fallback (duplicate content)
	)
	emit := func(s []byte) {
		if cells.n > 0 {
			if len(bytes.TrimSpace(s)) > 0 {
				c := cells.top()
				if c.count > 0 {
					c.b = append(c.b, ' ')
				}
				c.b = append(c.b, s...)
				c.count++
			}
			return
		}
		blank = blank && len(bytes.TrimSpace(s)) == 0
		out.line(s)
	}
	write := func(s string) {
		if paras.n > 0 {
			p := paras.top()
			p.b = append(p.b, s...)
		}
	}
	for {
		err := d.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
		w := d.ns0 == nsIDW
		switch d.kind {
		case tokStart:
			if skip > 0 || d.ns0 == nsIDMC && string(d.local) == "Fallback" {
				skip++
				continue
			}
			if !w {
				continue
			}
			switch string(d.local) {
			case "p":
				paras.push()
			case "t":
				inT++
			case "tab":
				if cells.n > 0 {
					write(" ")
				} else {
					write("\t")
				}
			case "br", "cr":
				if cells.n > 0 {
					write(" ")
				} else {
					write("\n")
				}
			case "tr":
				rows.push().nested = cells.n > 0
			case "tc":
				cells.push()
			}
		case tokEnd:
			if skip > 0 {
				skip--
				continue
			}
			if !w {
				continue
			}
			switch string(d.local) {
			case "p":
				if paras.n > 0 {
					emit(paras.pop().b)
				}
			case "t":
				inT--
			case "tc":
				if cells.n > 0 {
					c := cells.pop()
					if rows.n > 0 {
						r := rows.top()
						if r.count > 0 {
							if r.nested {
								r.b = append(r.b, ' ')
							} else {
								r.b = append(r.b, '\t')
							}
						}
						r.b = append(r.b, c.b...)
						r.count++
					}
				}
			case "tr":
				if rows.n > 0 {
					emit(rows.pop().b)
				}
			}
		case tokText:
			if inT > 0 && skip == 0 && paras.n > 0 {
				p := paras.top()
				p.b = append(p.b, d.text...)
			}
		}
	}
	return blank, nil
}

// level is one open paragraph, cell or row of partText.
type level struct {
	b      []byte
	count  int  // paragraphs of a cell, cells of a row, so far
	nested bool // a row inside a cell
}

// stack holds the open levels of one kind; popped levels keep their
// buffers for the next push.
type stack struct {
	levels []level
	n      int
}

func (s *stack) push() *level {
	if s.n == len(s.levels) {
		s.levels = append(s.levels, level{})
	}
	l := &s.levels[s.n]
	l.b, l.count, l.nested = l.b[:0], 0, false
	s.n++
	return l
}

func (s *stack) top() *level { return &s.levels[s.n-1] }

// pop closes the innermost level; it stays valid until the next push.
func (s *stack) pop() *level {
	s.n--
	return &s.levels[s.n]
}
