package docx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
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
	r     *bufio.Reader
	ns    []nsBinding // in-scope prefix bindings, innermost last
	depth int
	// emptyEnd is set after an empty element <a/>: its end comes next.
	emptyEnd bool
	tag      []byte
	text     []byte

	// The current token: its kind, and for tags the namespace URI and
	// the local name (valid until the next call), for text the text.
	kind  tokenKind
	space string
	local []byte
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
	depth       int
}

var errXMLSyntax = &xml.SyntaxError{Msg: "malformed markup"}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10)}
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
		c, err := s.r.ReadByte()
		if err != nil {
			return err
		}
		if c != '<' {
			s.r.UnreadByte()
			if err := s.charData(); err != nil {
				return err
			}
			s.kind = tokText
			return nil
		}
		ok, err := s.markup()
		if err != nil || ok {
			return err
		}
		// A comment, processing instruction or declaration: nothing.
	}
}

// charData reads up to the next '<'.
func (s *xmlScanner) charData() error {
	s.text = s.text[:0]
	for {
		chunk, err := s.r.ReadSlice('<')
		switch {
		case err == nil:
			s.r.UnreadByte()
			s.text = append(s.text, chunk[:len(chunk)-1]...)
			return s.decodeText()
		case errors.Is(err, bufio.ErrBufferFull):
			s.text = append(s.text, chunk...)
		case err == io.EOF:
			s.text = append(s.text, chunk...)
			return s.decodeText()
		default:
			return err
		}
	}
}

func (s *xmlScanner) decodeText() error {
	t, err := unescapeXML(s.text)
	s.text = t
	return err
}

// markup reads what follows a '<' and reports whether it was a token.
func (s *xmlScanner) markup() (bool, error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return false, io.ErrUnexpectedEOF
	}
	switch c {
	case '?':
		return false, s.skipPast("?>")
	case '!':
		head, _ := s.r.Peek(7)
		switch {
		case bytes.HasPrefix(head, []byte("--")):
			return false, s.skipPast("-->")
		case bytes.HasPrefix(head, []byte("[CDATA[")):
			s.r.Discard(7)
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
	s.r.UnreadByte()
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
	i := bytes.IndexAny(tag, " \t\r\n")
	if i < 0 {
		i = len(tag)
	}
	s.depth++
	if bytes.Contains(tag[i:], []byte("xmlns")) {
		s.declare(tag[i:])
	}
	s.kind = tokStart
	s.resolve(tag[:i])
	s.emptyEnd = empty
	return true, nil
}

// readTag reads a tag up to its '>', quotes respected, into s.tag. A tag
// read in one piece is used in place, valid until the next read.
func (s *xmlScanner) readTag() error {
	chunk, err := s.r.ReadSlice('>')
	if err == nil && balanced(chunk) {
		if len(chunk) == 1 {
			return errXMLSyntax
		}
		s.tag = chunk[:len(chunk)-1]
		return nil
	}
	s.tag = append(s.tag[:0], chunk...)
	for {
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return io.ErrUnexpectedEOF
		}
		if err == nil && balanced(s.tag) {
			s.tag = s.tag[:len(s.tag)-1]
			if len(s.tag) == 0 {
				return errXMLSyntax
			}
			return nil
		}
		// A '>' inside an attribute value, or a tag longer than the
		// buffer: read on.
		chunk, err = s.r.ReadSlice('>')
		s.tag = append(s.tag, chunk...)
	}
}

// balanced reports whether a tag's attribute values are all closed: a
// value quoted with " may hold ' and the other way round.
func balanced(tag []byte) bool {
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

func (s *xmlScanner) skipPast(end string) error {
	_, err := s.readPast(end)
	return err
}

// readPast reads up to and including end and returns what came before it.
func (s *xmlScanner) readPast(end string) ([]byte, error) {
	var out []byte
	last := end[len(end)-1]
	for {
		chunk, err := s.r.ReadSlice(last)
		out = append(out, chunk...)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, io.ErrUnexpectedEOF
		}
		if err == nil && bytes.HasSuffix(out, []byte(end)) {
			return out[:len(out)-len(end)], nil
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
			s.ns = append(s.ns, nsBinding{uri: string(val), depth: s.depth})
		case strings.HasPrefix(name, "xmlns:"):
			s.ns = append(s.ns, nsBinding{prefix: name[len("xmlns:"):], uri: string(val), depth: s.depth})
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
			s.space = s.ns[i].uri
			return
		}
	}
	s.space = string(prefix) // undeclared: as encoding/xml leaves it
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
	if bytes.IndexByte(b, '&') < 0 {
		return b, nil
	}
	out := b[:0] // the decoded text is never longer
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i+1:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 10 {
			return nil, errXMLSyntax
		}
		ent := b[:semi]
		b = b[semi+1:]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var n uint64
			var err error
			switch {
			case bytes.HasPrefix(ent, []byte("#x")):
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			case bytes.HasPrefix(ent, []byte("#")):
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			default:
				err = errXMLSyntax
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return nil, errXMLSyntax
			}
			out = utf8.AppendRune(out, rune(n))
		}
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
