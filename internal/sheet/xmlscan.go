package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"ipfund/internal/xmlent"
)

// xmlScanner is a small streaming XML tokenizer for the parts of a
// workbook: a worksheet of 100 000 rows is some 15 MB of XML, which
// encoding/xml reads at a fraction of the speed (it allocates for every
// token). It reads the input once, in a buffer that holds one token at a
// time, so its time is linear in the input and its memory bounded by the
// longest token (maxToken).
//
// It knows what the parts of an .xlsx use: start and end tags (the prefix
// of a name is dropped: x:row is row), attributes in either quote,
// character data with the predefined and numeric entities, CDATA sections,
// comments and processing instructions (skipped). A document type
// declaration is refused: no workbook has one, and refusing it leaves no
// room for entity expansion.
type xmlScanner struct {
	src      io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error
	maxToken int

	// The current token.
	kind  tokenKind
	name  []byte // local name of a start or end tag
	attrs []byte // raw attributes of a start tag
	empty bool   // the start tag closed itself (<c/>)
	text  []byte // character data, entities decoded

	scratch []byte // decoded text when it held entities

	// open holds the names of the open elements, end to end, and ends
	// where each starts: an end tag must close the innermost one.
	open  []byte
	opens []int
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
)

// errXML is the scanner's complaint about malformed input; the caller
// wraps it in a Chinese message naming the part.
type errXML struct{ msg string }

func (e *errXML) Error() string { return e.msg }

func xmlError(msg string) error { return &errXML{msg} }

// errTokenTooLong reports a token over maxToken bytes.
var errTokenTooLong = errors.New("token too long")

func newXMLScanner(r io.Reader, maxToken int) *xmlScanner {
	return &xmlScanner{src: r, buf: make([]byte, 64<<10), maxToken: maxToken}
}

// fill reads more input, keeping buf[pos:end]; it reports false at the end
// of input or on an error (s.err).
func (s *xmlScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxToken {
			s.err = errTokenTooLong
			return false
		}
		nb := make([]byte, min(2*len(s.buf), s.maxToken))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.src.Read(s.buf[s.end:])
	s.end += n
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err = err
	}
	return n > 0 || (!s.eof && s.err == nil)
}

// next advances to the next token. It returns false at the end of the input
// or on an error (s.err).
func (s *xmlScanner) next() bool {
	for {
		if s.pos >= s.end && !s.fill() {
			if s.err == nil && s.pos >= s.end {
				s.kind = tokEOF
				if len(s.opens) > 0 {
					s.unexpectedEOF()
				}
			}
			return false
		}
		if s.buf[s.pos] != '<' {
			return s.charData()
		}
		// Markup: make sure its first bytes are in the buffer.
		for s.end-s.pos < 9 && s.fill() {
		}
		m := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(m, []byte("<?")):
			if !s.skipPast("?>") {
				return false
			}
		case bytes.HasPrefix(m, []byte("<!--")):
			if !s.skipPast("-->") {
				return false
			}
		case bytes.HasPrefix(m, []byte("<![CDATA[")):
			return s.cdata()
		case bytes.HasPrefix(m, []byte("<!")):
			s.err = xmlError("含有文档类型声明（<!DOCTYPE>），Excel 文件中不应有")
			return false
		default:
			return s.tag()
		}
	}
}

// skipPast skips up to and including the next occurrence of end.
func (s *xmlScanner) skipPast(end string) bool {
	from := s.pos + 2
	for {
		if i := bytes.Index(s.buf[from:s.end], []byte(end)); i >= 0 {
			s.pos = from + i + len(end)
			return true
		}
		// Keep the tail that may hold the start of end.
		from = max(s.pos, s.end-len(end)+1)
		off := from - s.pos
		if !s.fill() {
			s.unexpectedEOF()
			return false
		}
		from = s.pos + off
	}
}

func (s *xmlScanner) unexpectedEOF() {
	if s.err == nil {
		s.err = xmlError("内容不完整（在元素中间结束）")
	}
}

// tag reads a start or end tag.
func (s *xmlScanner) tag() bool {
	// Find the closing '>' outside quotes: most tags have no quotes
	// before it.
	if gt := bytes.IndexByte(s.buf[s.pos:s.end], '>'); gt >= 0 {
		span := s.buf[s.pos : s.pos+gt]
		if bytes.IndexByte(span, '"') < 0 && bytes.IndexByte(span, '\'') < 0 {
			return s.tagAt(s.pos + gt)
		}
	}
	i, quote := s.pos+1, byte(0)
	for {
		for ; i < s.end; i++ {
			c := s.buf[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				goto found
			}
		}
		off := i - s.pos
		if !s.fill() {
			s.unexpectedEOF()
			return false
		}
		i = s.pos + off
	}
found:
	return s.tagAt(i)
}

// tagAt reads the tag from s.pos to the '>' at i.
func (s *xmlScanner) tagAt(i int) bool {
	t := s.buf[s.pos+1 : i]
	s.pos = i + 1
	if len(t) > 0 && t[0] == '/' {
		s.kind = tokEnd
		full := t[1:]
		for len(full) > 0 && isSpace(full[len(full)-1]) {
			full = full[:len(full)-1]
		}
		n := len(s.opens) - 1
		if n < 0 || !bytes.Equal(s.open[s.opens[n]:], full) {
			s.err = xmlError("标记不配对（“</" + string(full) + ">”）")
			return false
		}
		s.open, s.opens = s.open[:s.opens[n]], s.opens[:n]
		s.name = localName(full)
		return s.checkName()
	}
	s.kind = tokStart
	s.empty = len(t) > 0 && t[len(t)-1] == '/'
	if s.empty {
		t = t[:len(t)-1]
	}
	n := 0
	for n < len(t) && !isSpace(t[n]) {
		n++
	}
	s.name, s.attrs = localName(t[:n]), t[n:]
	if !s.empty {
		if len(s.opens) >= maxDepth {
			s.err = xmlError(fmt.Sprintf("元素嵌套超过 %d 层", maxDepth))
			return false
		}
		s.opens = append(s.opens, len(s.open))
		s.open = append(s.open, t[:n]...)
	}
	return s.checkName()
}

func (s *xmlScanner) checkName() bool {
	if len(s.name) == 0 {
		s.err = xmlError("有没有名字的元素")
		return false
	}
	return true
}

func localName(n []byte) []byte {
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// charData reads the text up to the next '<'.
func (s *xmlScanner) charData() bool {
	i := s.pos
	for {
		if j := bytes.IndexByte(s.buf[i:s.end], '<'); j >= 0 {
			i += j
			break
		}
		off := s.end - s.pos
		more := s.fill()
		i = s.pos + off
		if !more {
			if s.err != nil {
				return false
			}
			break // text at the end of the document
		}
	}
	raw := s.buf[s.pos:i]
	s.pos = i
	s.kind = tokText
	return s.decode(raw)
}

// cdata reads a CDATA section as text.
func (s *xmlScanner) cdata() bool {
	const open, close = "<![CDATA[", "]]>"
	from := s.pos + len(open)
	for {
		if i := bytes.Index(s.buf[from:s.end], []byte(close)); i >= 0 {
			start := s.pos + len(open)
			s.text = s.buf[start : from+i]
			s.pos = from + i + len(close)
			s.kind = tokText
			return true
		}
		from = max(s.pos+len(open), s.end-len(close)+1)
		off := from - s.pos
		if !s.fill() {
			s.unexpectedEOF()
			return false
		}
		from = s.pos + off
	}
}

// decode sets s.text to raw with its entities replaced.
func (s *xmlScanner) decode(raw []byte) bool {
	t, err := unescape(raw, s.scratch[:0])
	if err != nil {
		s.err = err
		return false
	}
	if len(t) > 0 && &t[0] != &raw[0] {
		s.scratch = t
	}
	s.text = t
	return true
}

// unescape replaces the entities of raw, appending to dst only when there
// is one to replace (else it returns raw itself).
func unescape(raw, dst []byte) ([]byte, error) {
	t, err := xmlent.Append(dst, raw)
	var e *xmlent.Error
	switch {
	case err == nil:
		return t, nil
	case !errors.As(err, &e), e.Kind == xmlent.Incomplete:
		return nil, xmlError("有不完整的字符引用（& 之后缺少 ;）")
	case e.Kind == xmlent.Unknown:
		return nil, xmlError("有无法识别的实体“&" + e.Ref + ";”")
	}
	return nil, xmlError("有无效的字符引用“&" + e.Ref + ";”")
}

// attr returns the value of the named attribute of the current start tag
// (matched by local name), entities decoded, and whether it is present.
func (s *xmlScanner) attr(name string) ([]byte, bool) {
	for a := s.attrs; ; {
		key, val, rest, ok := nextAttr(a)
		if !ok {
			return nil, false
		}
		if string(key) == name {
			return val, true
		}
		a = rest
	}
}

// nextAttr splits the first attribute off a start tag's attributes: its
// local name, its value with entities decoded, and the rest.
func nextAttr(a []byte) (key, val, rest []byte, ok bool) {
	for len(a) > 0 && isSpace(a[0]) {
		a = a[1:]
	}
	eq := bytes.IndexByte(a, '=')
	if eq < 0 {
		return nil, nil, nil, false
	}
	key = a[:eq]
	for len(key) > 0 && isSpace(key[len(key)-1]) {
		key = key[:len(key)-1]
	}
	key = localName(key)
	a = a[eq+1:]
	for len(a) > 0 && isSpace(a[0]) {
		a = a[1:]
	}
	if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(a[1:], a[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	val, err := unescape(a[1:1+end], nil)
	if err != nil {
		return nil, nil, nil, false
	}
	return key, val, a[end+2:], true
}

// skipElement skips the rest of the current element (after its start tag)
// with everything inside it.
func (s *xmlScanner) skipElement() bool {
	if s.kind != tokStart || s.empty {
		return true
	}
	depth := 1
	for s.next() {
		switch s.kind {
		case tokStart:
			if !s.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return true
			}
		}
	}
	s.unexpectedEOF()
	return false
}

// textOf reads the character data of the current element up to its end
// tag, appending it to dst. Elements inside it are skipped with their text
// when skip names them (rPh, phonetic runs), else their text is kept. The
// text is held whole, so it is bounded as a token is: runs, comments or
// CDATA sections may split it into many tokens.
func (s *xmlScanner) textOf(dst []byte, skip string) ([]byte, bool) {
	if s.kind != tokStart || s.empty {
		return dst, true
	}
	depth := 1
	for s.next() {
		switch s.kind {
		case tokText:
			if len(dst)+len(s.text) > s.maxToken {
				s.err = errTokenTooLong
				return dst, false
			}
			dst = append(dst, s.text...)
		case tokStart:
			if string(s.name) == skip {
				if !s.skipElement() {
					return dst, false
				}
				continue
			}
			if !s.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return dst, true
			}
		}
	}
	s.unexpectedEOF()
	return dst, false
}
