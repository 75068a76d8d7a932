package docx

import (
	"io"
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
	// bytes 0x01 and 0x02, which XML cannot hold, are dropped from it.
	WordML(prefix string) string
}

// StreamBlock is a Block that can write its WordprocessingML in pieces, so
// that a large table goes into the output as it is drawn and never exists
// as one string. Execute prefers WriteWordML when a block has it; it must
// write what WordML returns.
type StreamBlock interface {
	Block
	WriteWordML(w io.Writer, prefix string) error
}

// Bytes a block's markup must not contain (they are dropped from it); XML
// cannot hold them, and the escaper drops them from every value.
const (
	blockOpen  = '\x01'
	blockClose = '\x02'
)

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
