package docx

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"ipfund/internal/xmlent"
)

// xmlScanner is a fast, streaming reader of what Text needs of an XML part:
// start and end tags, their namespace and local name, and character data.
// A document body of a hundred thousand table rows is over a hundred
// megabytes of markup; encoding/xml reads it at a few megabytes a second,
// allocating for every tag, this at the speed of bytes.IndexByte, without
// allocating per tag. It reads well-formed XML as encoding/xml does
// (namespaces resolved, entities and character references decoded, line
// ends normalised, comments and processing instructions skipped) and stops
// with an error on what it cannot read; it does not check well-formedness
// beyond that, as it only ever reads text out.
type xmlScanner struct {
	r io.Reader
	// buf[pos:end] is read and not yet scanned; eof is set when r has no
	// more (err holds why, if not the end).
	buf      []byte
	pos, end int
	eof      bool
	err      error

	ns    []nsBinding // in-scope prefix bindings, innermost last
	depth int
	// emptyEnd is set after an empty element <a/>: its end comes next.
	emptyEnd bool
	// afterLT is set when a '<' has been read and its markup not yet.
	afterLT bool
	tag     []byte

	// The current token: its kind, and for tags the namespace and the
	// local name, for text the text, valid until the next call (they
	// point into buf).
	kind  tokenKind
	space string
	ns0   nsID
	local []byte
	text  []byte
}

type tokenKind uint8

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
)

// nsBinding is one xmlns declaration, in force down to depth.
type nsBinding struct {
	prefix, uri string
	id          nsID
	depth       int
}

// nsID names the namespaces Text tells apart, so that a tag's namespace is
// compared as a number, not as a URI of sixty bytes.
type nsID uint8

const (
	nsOther nsID = iota
	nsIDW        // WordprocessingML, transitional or strict
	nsIDMC       // markup compatibility
)

func idOf(uri string) nsID {
	switch uri {
	case nsW, nsWStrict:
		return nsIDW
	case nsMC:
		return nsIDMC
	}
	return nsOther
}

var errXMLSyntax = &xml.SyntaxError{Msg: "malformed markup"}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10)}
}

// fill reads more into buf, moving what is left to its start and growing
// it when a token fills it; it reports whether anything was added.
func (s *xmlScanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.eof = true
		if err != io.EOF {
			s.err = err
		}
	}
	return n > 0 || !s.eof
}

// seek returns the offset from pos of the first c at or after offset off,
// reading on as needed, or -1 if the input ends first.
func (s *xmlScanner) seek(c byte, off int) int {
	for {
		if i := bytes.IndexByte(s.buf[s.pos+off:s.end], c); i >= 0 {
			return off + i
		}
		off = s.end - s.pos
		if !s.fill() {
			return -1
		}
	}
}

// ensure reads on until n bytes are there to scan, or the input ends.
func (s *xmlScanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// ended is the error for input that ends inside markup.
func (s *xmlScanner) ended() error {
	if s.err != nil {
		return s.err
	}
	return io.ErrUnexpectedEOF
}

// next reads the next token, or returns io.EOF.
func (s *xmlScanner) next() error {
	if s.emptyEnd {
		s.emptyEnd = false
		s.kind = tokEnd
		s.pop()
		return nil
	}
	for {
		if !s.afterLT {
			i := s.seek('<', 0)
			if i < 0 {
				if s.end > s.pos {
					text := s.buf[s.pos:s.end]
					s.pos = s.end
					return s.setText(text)
				}
				if s.err != nil {
					return s.err
				}
				return io.EOF
			}
			text := s.buf[s.pos : s.pos+i]
			s.pos += i + 1
			s.afterLT = true
			if len(text) > 0 {
				return s.setText(text)
			}
		}
		s.afterLT = false
		ok, err := s.markup()
		if err != nil || ok {
			return err
		}
		// A comment, processing instruction or declaration: nothing.
	}
}

// setText makes text (part of buf) the current token.
func (s *xmlScanner) setText(text []byte) error {
	t, err := unescapeXML(text)
	s.kind, s.text = tokText, t
	return err
}

// markup reads what follows a '<' and reports whether it was a token.
func (s *xmlScanner) markup() (bool, error) {
	if !s.ensure(1) {
		return false, s.ended()
	}
	switch s.buf[s.pos] {
	case '?':
		s.pos++
		_, err := s.readPast("?>")
		return false, err
	case '!':
		s.pos++
		s.ensure(7)
		head := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(head, []byte("--")):
			_, err := s.readPast("-->")
			return false, err
		case bytes.HasPrefix(head, []byte("[CDATA[")):
			s.pos += 7
			text, err := s.readPast("]]>")
			if err != nil {
				return false, err
			}
			s.kind, s.text = tokText, normaliseNewlines(text)
			return true, nil
		}
		// A declaration (<!DOCTYPE …>): skipped, quotes respected.
		return false, s.readTag()
	}
	if err := s.readTag(); err != nil {
		return false, err
	}
	tag := s.tag
	if tag[0] == '/' {
		s.kind = tokEnd
		s.resolve(bytes.TrimSpace(tag[1:]))
		s.pop()
		return true, nil
	}
	empty := tag[len(tag)-1] == '/'
	if empty {
		tag = tag[:len(tag)-1]
	}
	i := 0
	for i < len(tag) && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\r' && tag[i] != '\n' {
		i++
	}
	s.depth++
	if i < len(tag) && bytes.Contains(tag[i:], []byte("xmlns")) {
		s.declare(tag[i:])
	}
	s.kind = tokStart
	s.resolve(tag[:i])
	s.emptyEnd = empty
	return true, nil
}

// readTag reads a tag up to its '>', quotes respected, into s.tag (part of
// buf).
func (s *xmlScanner) readTag() error {
	j := -1
	for {
		if j = s.seek('>', j+1); j < 0 {
			return s.ended()
		}
		if balanced(s.buf[s.pos : s.pos+j]) {
			break
		}
		// A '>' inside an attribute value: read on.
	}
	s.tag = s.buf[s.pos : s.pos+j]
	s.pos += j + 1
	if len(s.tag) == 0 {
		return errXMLSyntax
	}
	return nil
}

// balanced reports whether a tag's attribute values are all closed: a
// value quoted with " may hold ' and the other way round.
func balanced(tag []byte) bool {
	if bytes.IndexByte(tag, '\'') < 0 {
		// Double quotes only, as writers of OOXML use them.
		return bytes.Count(tag, []byte{'"'})%2 == 0
	}
	for {
		i := bytes.IndexAny(tag, `"'`)
		if i < 0 {
			return true
		}
		j := bytes.IndexByte(tag[i+1:], tag[i])
		if j < 0 {
			return false
		}
		tag = tag[i+j+2:]
	}
}

// readPast reads up to and including end and returns what came before it
// (part of buf).
func (s *xmlScanner) readPast(end string) ([]byte, error) {
	last := end[len(end)-1]
	j := -1
	for {
		if j = s.seek(last, j+1); j < 0 {
			return nil, s.ended()
		}
		if bytes.HasSuffix(s.buf[s.pos:s.pos+j+1], []byte(end)) {
			out := s.buf[s.pos : s.pos+j+1-len(end)]
			s.pos += j + 1
			return out, nil
		}
	}
}

// declare records the xmlns declarations among a start tag's attributes.
func (s *xmlScanner) declare(b []byte) {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return
		}
		name := string(bytes.TrimSpace(b[:eq]))
		b = bytes.TrimLeft(b[eq+1:], " \t\r\n")
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return
		}
		val, _ := unescapeXML(append([]byte(nil), b[1:1+end]...))
		b = b[end+2:]
		switch {
		case name == "xmlns":
			s.ns = append(s.ns, nsBinding{uri: string(val), id: idOf(string(val)), depth: s.depth})
		case strings.HasPrefix(name, "xmlns:"):
			s.ns = append(s.ns, nsBinding{prefix: name[len("xmlns:"):], uri: string(val), id: idOf(string(val)), depth: s.depth})
		}
	}
}

// resolve sets the current tag's namespace and local name from prefix:local.
func (s *xmlScanner) resolve(raw []byte) {
	var prefix []byte
	s.local = raw
	if i := bytes.IndexByte(raw, ':'); i >= 0 {
		prefix, s.local = raw[:i], raw[i+1:]
	}
	for i := len(s.ns) - 1; i >= 0; i-- {
		if s.ns[i].prefix == string(prefix) {
			s.space, s.ns0 = s.ns[i].uri, s.ns[i].id
			return
		}
	}
	s.space = string(prefix) // undeclared: as encoding/xml leaves it
	s.ns0 = idOf(s.space)
}

// pop ends an element: its declarations go out of scope.
func (s *xmlScanner) pop() {
	for len(s.ns) > 0 && s.ns[len(s.ns)-1].depth >= s.depth {
		s.ns = s.ns[:len(s.ns)-1]
	}
	s.depth--
}

// unescapeXML decodes entities and character references and normalises
// line ends, in place, as an XML parser must.
func unescapeXML(b []byte) ([]byte, error) {
	b = normaliseNewlines(b)
	out, err := xmlent.Append(b[:0], b)
	if err != nil {
		return nil, errXMLSyntax
	}
	return out, nil
}

// normaliseNewlines turns \r\n and lone \r into \n.
func normaliseNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}
