package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// element is one XML element of a part, located by byte offsets into the raw
// part. The engine never re-serialises XML: it only cuts and splices these
// byte ranges, so every prefix, attribute and whitespace of the template
// survives untouched.
type element struct {
	prefix, local string
	parent        int
	children      []int
	start         int  // offset of '<' of the start tag
	tagEnd        int  // offset just after the start tag's '>'
	closeStart    int  // offset of '<' of the end tag (tagEnd for <x/>)
	end           int  // offset just after the end tag
	empty         bool // written as <x/>
	mixed         bool // has something other than character data inside
}

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// checkWellFormed runs the part through encoding/xml's strict decoder, so the
// hand scanner below can assume well-formed input.
func checkWellFormed(raw []byte) error {
	d := xml.NewDecoder(bytes.NewReader(raw))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// scanXML lists the elements of a well-formed XML document in document order
// (the order of their start tags).
func scanXML(raw []byte) ([]element, error) {
	els := make([]element, 0, len(raw)/40)
	var stack []int
	top := func() int {
		if len(stack) == 0 {
			return -1
		}
		return stack[len(stack)-1]
	}
	markMixed := func() {
		if t := top(); t >= 0 {
			els[t].mixed = true
		}
	}
	n := len(raw)
	for i := 0; i < n; {
		if raw[i] != '<' {
			j := bytes.IndexByte(raw[i:], '<')
			if j < 0 {
				break
			}
			i += j
			continue
		}
		switch {
		case bytes.HasPrefix(raw[i:], []byte("<!--")):
			j := bytes.Index(raw[i+4:], []byte("-->"))
			if j < 0 {
				return nil, errors.New("unterminated comment")
			}
			markMixed()
			i += 4 + j + 3
		case bytes.HasPrefix(raw[i:], []byte("<![CDATA[")):
			j := bytes.Index(raw[i+9:], []byte("]]>"))
			if j < 0 {
				return nil, errors.New("unterminated CDATA section")
			}
			markMixed()
			i += 9 + j + 3
		case bytes.HasPrefix(raw[i:], []byte("<?")):
			j := bytes.Index(raw[i+2:], []byte("?>"))
			if j < 0 {
				return nil, errors.New("unterminated processing instruction")
			}
			markMixed()
			i += 2 + j + 2
		case bytes.HasPrefix(raw[i:], []byte("<!")):
			// DOCTYPE, possibly with an internal subset in brackets.
			depth, j := 0, i+2
			for ; j < n; j++ {
				if raw[j] == '[' {
					depth++
				} else if raw[j] == ']' {
					depth--
				} else if raw[j] == '>' && depth <= 0 {
					break
				}
			}
			if j >= n {
				return nil, errors.New("unterminated declaration")
			}
			i = j + 1
		case i+1 < n && raw[i+1] == '/':
			j := bytes.IndexByte(raw[i:], '>')
			t := top()
			if j < 0 || t < 0 {
				return nil, errors.New("unexpected end tag")
			}
			els[t].closeStart = i
			els[t].end = i + j + 1
			stack = stack[:len(stack)-1]
			i += j + 1
		default:
			k := i + 1
			for k < n && !isNameEnd(raw[k]) {
				k++
			}
			name := raw[i+1 : k]
			// Skip attributes; '>' may occur inside quoted values.
			for k < n && raw[k] != '>' {
				if q := raw[k]; q == '"' || q == '\'' {
					j := bytes.IndexByte(raw[k+1:], q)
					if j < 0 {
						return nil, errors.New("unterminated attribute value")
					}
					k += j + 2
					continue
				}
				k++
			}
			if k >= n {
				return nil, errors.New("unterminated start tag")
			}
			el := element{parent: top(), start: i, tagEnd: k + 1, empty: raw[k-1] == '/'}
			if c := bytes.IndexByte(name, ':'); c >= 0 {
				el.prefix, el.local = string(name[:c]), string(name[c+1:])
			} else {
				el.local = string(name)
			}
			if el.empty {
				el.closeStart, el.end = el.tagEnd, el.tagEnd
			}
			idx := len(els)
			if el.parent >= 0 {
				els[el.parent].mixed = true
				els[el.parent].children = append(els[el.parent].children, idx)
			}
			els = append(els, el)
			if !el.empty {
				stack = append(stack, idx)
			}
			i = k + 1
		}
	}
	if len(stack) > 0 {
		return nil, errors.New("unclosed element")
	}
	if len(els) == 0 {
		return nil, errors.New("no root element")
	}
	return els, nil
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'
}

// attr is one attribute of a start tag; the value range excludes the quotes
// and is still entity-escaped.
type attr struct {
	name             string
	valStart, valEnd int
}

// attrs lists the attributes of el's start tag.
func attrs(raw []byte, el *element) []attr {
	var out []attr
	i := el.start + 1
	for i < el.tagEnd && !isNameEnd(raw[i]) {
		i++
	}
	for i < el.tagEnd {
		c := raw[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' {
			i++
			continue
		}
		ns := i
		for i < el.tagEnd && raw[i] != '=' && raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\r' && raw[i] != '\n' {
			i++
		}
		name := string(raw[ns:i])
		for i < el.tagEnd && raw[i] != '"' && raw[i] != '\'' {
			i++
		}
		if i >= el.tagEnd {
			break
		}
		q := raw[i]
		j := bytes.IndexByte(raw[i+1:el.tagEnd], q)
		if j < 0 {
			break
		}
		out = append(out, attr{name: name, valStart: i + 1, valEnd: i + 1 + j})
		i += j + 2
	}
	return out
}

// wordPrefix returns the prefix (with its colon, or "" for a default
// namespace) that the root element binds to WordprocessingML; "w:" if none.
func wordPrefix(raw []byte, root *element) string {
	for _, a := range attrs(raw, root) {
		v := string(raw[a.valStart:a.valEnd])
		if v != nsW && v != nsWStrict {
			continue
		}
		if a.name == "xmlns" {
			return ""
		}
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok {
			return p + ":"
		}
	}
	return "w:"
}

// decodeText decodes the character data raw[start:end] (entity references
// resolved) and returns each rune with the raw offset where it starts; raws
// has one extra entry, end.
func decodeText(raw []byte, start, end int) ([]rune, []int, error) {
	runes := make([]rune, 0, end-start)
	raws := make([]int, 0, end-start+1)
	for i := start; i < end; {
		c := raw[i]
		if c == '&' {
			j := bytes.IndexByte(raw[i:end], ';')
			if j < 0 {
				return nil, nil, fmt.Errorf("bad entity at offset %d", i)
			}
			r, ok := entityRune(string(raw[i+1 : i+j]))
			if !ok {
				return nil, nil, fmt.Errorf("unknown entity %q", raw[i:i+j+1])
			}
			runes = append(runes, r)
			raws = append(raws, i)
			i += j + 1
			continue
		}
		r, size := utf8.DecodeRune(raw[i:end])
		runes = append(runes, r)
		raws = append(raws, i)
		i += size
	}
	raws = append(raws, end)
	return runes, raws, nil
}
