package docx

import (
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"sync"

	"ipfund/internal/limits"
)

// A filled part is never held whole. The template writes into a partWriter,
// which places blocks as the output goes by (one pass, see block) and hands
// the output in chunks to a deflater, which compresses it on another
// goroutine while the template goes on. What stays in memory is the
// compressed part; Execute writes the zip only when every part succeeded.

// chunkSize is the size of the blocks of output handed to the compressor.
const chunkSize = 256 << 10

// zipLevel is the Deflate level archive/zip uses: a part compresses to the
// same bytes as it would through zip.Writer.
const zipLevel = 5

// errOutputTooLarge stops a template whose output outgrows its limit.
var errOutputTooLarge = errors.New("docx: output too large")

// errParagraphTooLarge stops a paragraph that outgrows limits.Paragraph: a
// paragraph is held whole until it ends (a block may yet replace it).
var errParagraphTooLarge = errors.New("docx: paragraph too large")

// compressed is a filled part, deflated.
type compressed struct {
	data []byte
	crc  uint32
	size uint64
}

// flatePools hold compressors by level (zipLevel for filled parts,
// flate.DefaultCompression for copied ones): a compressor is large, and
// making one costs more than compressing a small part.
var flatePools sync.Map // level → *sync.Pool

func getFlate(w io.Writer, level int) (*flate.Writer, func()) {
	p, _ := flatePools.Load(level)
	if p == nil {
		p, _ = flatePools.LoadOrStore(level, &sync.Pool{})
	}
	pool := p.(*sync.Pool)
	fw, ok := pool.Get().(*flate.Writer)
	if ok {
		fw.Reset(w)
	} else {
		fw, _ = flate.NewWriter(w, level) // the levels used are valid: no error
	}
	return fw, func() { pool.Put(fw) }
}

// deflate compresses data at level; the result depends only on data and
// level.
func deflate(data []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 64)
	fw, done := getFlate(&buf, level)
	defer done()
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// deflater compresses chunks in order on its own goroutine.
type deflater struct {
	work chan []byte
	free chan []byte
	done chan struct{}
	out  bytes.Buffer
	crc  uint32
	size uint64
	err  error
}

func startDeflater() *deflater {
	d := &deflater{work: make(chan []byte, 4), free: make(chan []byte, 8), done: make(chan struct{})}
	go d.run()
	return d
}

func (d *deflater) run() {
	defer close(d.done)
	fw, done := getFlate(&d.out, zipLevel)
	defer done()
	for b := range d.work {
		if d.err == nil {
			d.crc = crc32.Update(d.crc, crc32.IEEETable, b)
			d.size += uint64(len(b))
			_, d.err = fw.Write(b)
		}
		select {
		case d.free <- b[:0]:
		default:
		}
	}
	if d.err == nil {
		d.err = fw.Close()
	}
}

// buffer returns an empty chunk, a used one when there is one.
func (d *deflater) buffer() []byte {
	select {
	case b := <-d.free:
		return b
	default:
		return make([]byte, 0, chunkSize+chunkSize/4)
	}
}

// finish compresses what is left and returns the part.
func (d *deflater) finish(last []byte) (compressed, error) {
	if len(last) > 0 {
		d.work <- last
	}
	close(d.work)
	<-d.done
	if d.err != nil {
		return compressed{}, d.err
	}
	return compressed{data: d.out.Bytes(), crc: d.crc, size: d.size}, nil
}

// abort stops the goroutine and drops the output.
func (d *deflater) abort() {
	close(d.work)
	<-d.done
}

// Where the partWriter is in placing a block.
const (
	modeNormal = iota
	// modeSkip drops the rest of a block's paragraph, up to its end tag.
	modeSkip
	// modeLook looks at what follows a block's paragraph: a cell that
	// ends there still needs a paragraph.
	modeLook
)

// partWriter receives one part's output from text/template.
type partWriter struct {
	paraTag, paraEnd, cellEnd []byte // "<w:p", "</w:p>", "</w:tc>"
	emptyPara                 []byte // "<w:p/>"
	br, tab                   string // what the escaper writes for \n and \t

	// cur is output not yet handed to the deflater: at least the
	// paragraph being written, which a block may yet replace. placed is
	// the offset in cur where the last block's paragraph ended (a block
	// needs a paragraph start after it); cur is not handed over again
	// before it reaches next bytes.
	cur    []byte
	placed int
	next   int
	// ps is the last paragraph start in cur after placed, or -1, as far
	// as cur[:psFrom] goes: paraStart looks only at what came since, so
	// a long paragraph is scanned once, not once per chunk.
	ps, psFrom int

	mode    int
	hold    []byte // modeSkip, modeLook: the bytes held back
	context string // visible text of the block's paragraph besides the block

	size, limit int64
	def         *deflater // started when the first chunk is full
	err         error     // sticks: every later Write returns it

	// att receives the charts placed in this part, part's path.
	att  *attachments
	part string
}

// chartError is a chart that cannot be drawn.
type chartError struct {
	context string
	err     error
}

func (e *chartError) Error() string { return "docx: chart: " + e.err.Error() }

// blockError is a block that does not stand alone in its paragraph.
type blockError struct{ context string }

func (e *blockError) Error() string { return "docx: block shares its paragraph: " + e.context }

func newPartWriter(wp string, limit int64) *partWriter {
	return &partWriter{
		paraTag: []byte("<" + wp + "p"), paraEnd: []byte("</" + wp + "p>"), cellEnd: []byte("</" + wp + "tc>"),
		emptyPara: []byte("<" + wp + "p/>"),
		br:        "</" + wp + "t><" + wp + "br/><" + wp + `t xml:space="preserve">`,
		tab:       "</" + wp + "t><" + wp + "tab/><" + wp + `t xml:space="preserve">`,
		cur:       make([]byte, 0, 4<<10),
		next:      chunkSize,
		limit:     limit,
		ps:        -1,
	}
}

// escaper is the function every printing action ends in, for this
// execution: values are escaped into the text of a w:t; a Block is placed
// in the output directly.
func (w *partWriter) escaper() func(any) string {
	return func(v any) string {
		if c, ok := v.(Chart); ok {
			v = &c
		}
		if c, ok := v.(*Chart); ok && c != nil {
			w.chart(c)
			return ""
		}
		if b, ok := v.(Block); ok {
			w.block(b)
			return ""
		}
		return escapeText(valueString(v), w.br, w.tab)
	}
}

// Write takes the template's output.
func (w *partWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.size += int64(len(p)); w.limit > 0 && w.size > w.limit {
		w.err = errOutputTooLarge
		return 0, w.err
	}
	switch w.mode {
	case modeSkip:
		w.skip(p)
	case modeLook:
		w.look(p)
	default:
		w.add(p)
	}
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

// add appends template output.
func (w *partWriter) add(p []byte) {
	w.cur = append(w.cur, p...)
	if len(w.cur) >= w.next {
		w.spill()
	}
}

// paraStart is the offset in cur of the last paragraph start tag after
// placed, or -1. A tag at the very end counts: it may be one. Only what
// was added since the last call is searched (see ps).
func (w *partWriter) paraStart() int {
	tag := w.paraTag
	from := max(w.psFrom, w.placed)
	if w.ps < w.placed {
		w.ps = -1
	}
	// The last len(tag) bytes are searched again next time: a tag may
	// be cut there, or stand at the very end, undecided.
	w.psFrom = max(from, len(w.cur)-len(tag))
	atEnd := -1
	for end := len(w.cur); end > from; {
		i := bytes.LastIndex(w.cur[from:end], tag)
		if i < 0 {
			break
		}
		i += from
		n := i + len(tag)
		if n == len(w.cur) {
			atEnd = i
		} else if w.cur[n] == '>' || w.cur[n] == ' ' || w.cur[n] == '/' {
			w.ps = i
			break
		}
		end = i // '<' cannot occur inside the tag: no overlap
	}
	if atEnd >= 0 {
		return atEnd
	}
	return w.ps
}

// moved tells paraStart that cur changed other than by appending: its
// first cut bytes were handed on, or it was cut back to its first keep.
func (w *partWriter) moved(cut, keep int) {
	w.ps, w.psFrom = w.ps-cut, max(w.psFrom-cut, 0)
	if w.ps >= keep || w.ps < 0 {
		w.ps = -1
	}
	w.psFrom = min(w.psFrom, keep)
}

// spill hands the output up to the current paragraph to the deflater,
// keeping the paragraph (a block may yet replace it) and the last bytes (a
// tag may be cut).
func (w *partWriter) spill() {
	keep := max(len(w.cur)-len(w.paraTag), 0)
	if ps := w.paraStart(); ps >= 0 {
		keep = min(keep, ps)
	}
	if keep < chunkSize/2 {
		// A long paragraph: let the buffer grow a chunk before looking
		// again, up to the limit of one paragraph.
		if len(w.cur)-keep > limits.Paragraph {
			w.err = errParagraphTooLarge
			return
		}
		w.next = len(w.cur) + chunkSize
		return
	}
	if w.def == nil {
		w.def = startDeflater()
	}
	next := append(w.def.buffer(), w.cur[keep:]...)
	w.def.work <- w.cur[:keep]
	w.cur = next
	w.placed = max(w.placed-keep, 0)
	w.moved(keep, len(w.cur))
	w.next = chunkSize
}

// blockWriter lets a block write straight into the output.
type blockWriter struct{ w *partWriter }

func (b blockWriter) Write(p []byte) (int, error) {
	if b.w.err != nil {
		return 0, b.w.err
	}
	if b.w.size += int64(len(p)); b.w.limit > 0 && b.w.size > b.w.limit {
		b.w.err = errOutputTooLarge
		return 0, b.w.err
	}
	b.w.add(p)
	return len(p), nil
}

// block replaces the paragraph being written, which must hold nothing but
// the block, by the block: the output from the paragraph's start tag is
// dropped, the block written, and the rest of the paragraph skipped.
func (w *partWriter) block(b Block) {
	if w.err != nil {
		return
	}
	if w.mode == modeLook {
		w.decide()
	}
	ps := -1
	if w.mode == modeNormal {
		ps = w.paraStart()
	}
	if ps < 0 {
		// Not the first thing in a paragraph of its own: in the rest of a
		// block's paragraph, or with no paragraph since the last block.
		ctx := w.context + visible(w.hold)
		if w.mode == modeNormal {
			ctx = visible(w.cur[max(w.placed, len(w.cur)-200):])
		}
		w.err = &blockError{context: ctx}
		return
	}
	w.context = visible(w.cur[ps:])
	w.cur = w.cur[:ps]
	w.moved(0, ps)
	w.placed = len(w.cur) // until the block's paragraph ends
	bw := blockWriter{w}
	if sb, ok := b.(StreamBlock); ok {
		if err := sb.WriteWordML(bw, w.wp()); err != nil && w.err == nil {
			w.err = err
		}
	} else {
		x := b.WordML(w.wp())
		if strings.ContainsAny(x, string([]rune{blockOpen, blockClose})) {
			x = strings.Map(func(r rune) rune {
				if r == blockOpen || r == blockClose {
					return -1
				}
				return r
			}, x)
		}
		io.WriteString(bw, x)
	}
	if w.err != nil {
		return
	}
	w.mode, w.hold = modeSkip, w.hold[:0]
}

// chart places a chart as a block, once it has its number and
// relationship in the package.
func (w *partWriter) chart(c *Chart) {
	if w.err != nil {
		return
	}
	if w.att == nil {
		w.err = &chartError{err: errors.New("这里不能插入图表")}
		return
	}
	p, err := w.att.chart(w.part, c)
	if err != nil {
		w.err = &chartError{context: c.Title, err: err}
		return
	}
	w.block(p)
}

// wp is the part's WordprocessingML prefix, with its colon.
func (w *partWriter) wp() string { return string(w.paraTag[1 : len(w.paraTag)-1]) }

// skip drops the rest of a block's paragraph, which may hold markup but no
// text.
func (w *partWriter) skip(p []byte) {
	// Only the new bytes, and a tag cut before them, are searched.
	from := max(len(w.hold)-len(w.paraEnd)+1, 0)
	w.hold = append(w.hold, p...)
	i := bytes.Index(w.hold[from:], w.paraEnd)
	if i < 0 {
		if len(w.hold) > limits.Paragraph {
			w.err = errParagraphTooLarge
		}
		return
	}
	i += from
	if rest := w.context + visible(w.hold[:i]); strings.TrimSpace(rest) != "" {
		w.err = &blockError{context: rest}
		return
	}
	after := append([]byte(nil), w.hold[i+len(w.paraEnd):]...)
	w.mode, w.hold, w.context = modeLook, w.hold[:0], ""
	w.placed = len(w.cur)
	w.look(after)
}

// look waits until it can tell whether a cell ends right after the block's
// paragraph.
func (w *partWriter) look(p []byte) {
	w.hold = append(w.hold, p...)
	if len(w.hold) < len(w.cellEnd) && bytes.HasPrefix(w.cellEnd, w.hold) {
		return
	}
	w.decide()
}

// decide ends modeLook: a table cell must end with a paragraph.
func (w *partWriter) decide() {
	if bytes.HasPrefix(w.hold, w.cellEnd) {
		w.add(w.emptyPara)
		w.placed = len(w.cur) // not a paragraph a block may replace
	}
	rest := w.hold
	w.mode, w.hold = modeNormal, nil
	w.add(rest)
}

// finish returns the compressed part.
func (w *partWriter) finish() (compressed, error) {
	if w.err == nil {
		switch w.mode {
		case modeSkip:
			w.err = &blockError{context: w.context + visible(w.hold)}
		case modeLook:
			w.decide()
		}
	}
	if w.err != nil {
		w.abort()
		return compressed{}, w.err
	}
	if w.def != nil {
		c, err := w.def.finish(w.cur)
		w.def, w.cur = nil, nil
		return c, err
	}
	data, err := deflate(w.cur, zipLevel)
	if err != nil {
		return compressed{}, err
	}
	return compressed{data: data, crc: crc32.ChecksumIEEE(w.cur), size: uint64(len(w.cur))}, nil
}

// abort drops everything.
func (w *partWriter) abort() {
	if w.def != nil {
		w.def.abort()
		w.def = nil
	}
	w.cur = nil
}
