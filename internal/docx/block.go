package docx

import (
	"bytes"
	"strings"
)

// Block is content that takes the place of the whole paragraph its action
// stands alone in: a table, for instance, whose shape (columns, merged
// cells) comes from the data and cannot be drawn in the template. The
// paragraph must hold nothing else; the rest of the document keeps the
// template's formatting.
type Block interface {
	// WordML returns the block's WordprocessingML. prefix is what the part
	// binds to the WordprocessingML namespace, with its colon ("w:"). The
	// text must not contain the bytes 0x01 or 0x02.
	WordML(prefix string) string
}

// A block travels from the escaper to the place pass between these two
// bytes. XML cannot hold them and the escaper drops them from every other
// value, so no data can forge a block.
const (
	blockOpen  = '\x01'
	blockClose = '\x02'
)

func blockMarker(b Block, wp string) string {
	x := b.WordML(wp)
	x = strings.Map(func(r rune) rune {
		if r == blockOpen || r == blockClose {
			return -1
		}
		return r
	}, x)
	return string(blockOpen) + x + string(blockClose)
}

// placeBlocks replaces each paragraph holding a block marker by the block.
// It returns the text around the offending marker when a block shares its
// paragraph with other text.
func placeBlocks(out []byte, wp string) ([]byte, string, bool) {
	var res bytes.Buffer
	res.Grow(len(out))
	last := 0
	for {
		i := bytes.IndexByte(out[last:], blockOpen)
		if i < 0 {
			break
		}
		i += last
		j := bytes.IndexByte(out[i:], blockClose)
		if j < 0 {
			return nil, "", false
		}
		j += i
		ps := paraStart(out[:i], wp)
		endTag := "</" + wp + "p>"
		pe := bytes.Index(out[j:], []byte(endTag))
		if ps < last || pe < 0 {
			return nil, visible(out[max(last, i-200):i]), false
		}
		pe += j + len(endTag)
		if rest := visible(append(append([]byte{}, out[ps:i]...), out[j+1:pe]...)); strings.TrimSpace(rest) != "" {
			return nil, rest, false
		}
		res.Write(out[last:ps])
		res.Write(out[i+1 : j])
		// A table cell must end with a paragraph.
		if bytes.HasPrefix(out[pe:], []byte("</"+wp+"tc>")) {
			res.WriteString("<" + wp + "p/>")
		}
		last = pe
	}
	res.Write(out[last:])
	return res.Bytes(), "", true
}

// paraStart finds the start tag of the paragraph enclosing the end of b.
func paraStart(b []byte, wp string) int {
	tag := []byte("<" + wp + "p")
	for k := len(b); ; {
		i := bytes.LastIndex(b[:k], tag)
		if i < 0 {
			return -1
		}
		if n := i + len(tag); n < len(b) && (b[n] == '>' || b[n] == ' ' || b[n] == '/') {
			return i
		}
		k = i
	}
}

// visible returns the character data of an XML fragment (tags dropped).
func visible(b []byte) string {
	var s strings.Builder
	in := false
	for _, c := range b {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in && c != blockOpen && c != blockClose:
			s.WriteByte(c)
		}
	}
	return s.String()
}
