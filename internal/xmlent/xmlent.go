// Package xmlent decodes the entities and character references of XML
// text and attribute values: the five predefined entities and &#…; and
// &#x…;. Both of the project's streaming XML scanners (the Word text of
// internal/docx and the workbook reader of internal/sheet) decode with it,
// so they accept and refuse the same references as encoding/xml does.
package xmlent

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// maxRef is the longest reference looked for after '&', the ';' included:
// "#x10FFFF;" with a few leading zeros.
const maxRef = 12

// Error is a reference that cannot be decoded. Ref is what stands between
// '&' and ';' (empty when there is no ';' near enough).
type Error struct {
	Ref  string
	Kind Kind
}

// Kind tells what is wrong with a reference.
type Kind int

const (
	Incomplete Kind = iota // '&' without a ';' after it
	Unknown                // a named entity other than the five predefined
	Invalid                // a character reference that is not an XML character
)

func (e *Error) Error() string {
	switch e.Kind {
	case Incomplete:
		return "xml: '&' without ';'"
	case Unknown:
		return "xml: unknown entity &" + e.Ref + ";"
	}
	return "xml: invalid character reference &" + e.Ref + ";"
}

// Append appends raw to dst with its references replaced. When raw holds
// none, it returns raw itself and leaves dst alone. dst may be raw[:0]:
// the decoded text is never longer than the raw one, and every byte is
// read before its place is written.
func Append(dst, raw []byte) ([]byte, error) {
	amp := bytes.IndexByte(raw, '&')
	if amp < 0 {
		return raw, nil
	}
	dst = append(dst, raw[:amp]...)
	for i := amp; i < len(raw); {
		c := raw[i]
		if c != '&' {
			dst = append(dst, c)
			i++
			continue
		}
		end := min(len(raw), i+1+maxRef)
		semi := bytes.IndexByte(raw[i+1:end], ';')
		if semi < 0 {
			return nil, &Error{Kind: Incomplete}
		}
		ref := raw[i+1 : i+1+semi]
		i += semi + 2
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, err := charRef(ref)
			if err != nil {
				return nil, err
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

// charRef decodes "#65" or "#x41".
func charRef(ref []byte) (rune, error) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, &Error{Ref: string(ref), Kind: Unknown}
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	if err != nil || !isChar(n) {
		return 0, &Error{Ref: string(ref), Kind: Invalid}
	}
	return rune(n), nil
}

// isChar reports whether n is a character XML allows (the production Char
// of XML 1.0, as encoding/xml checks it).
func isChar(n uint64) bool {
	return n == 0x09 || n == 0x0A || n == 0x0D ||
		n >= 0x20 && n <= 0xD7FF ||
		n >= 0xE000 && n <= 0xFFFD ||
		n >= 0x10000 && n <= 0x10FFFF
}
