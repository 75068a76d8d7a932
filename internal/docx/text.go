package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
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
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return "", err
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > limits.OutputPart {
			return "", &limits.TooLargeError{Size: int64(min(f.UncompressedSize64, 1<<62)), Limit: limits.OutputPart}
		}
		if total += f.UncompressedSize64; total > limits.OutputDocument {
			return "", &limits.TooLargeError{Size: -1, Limit: limits.OutputDocument}
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
	var out strings.Builder
	for _, p := range parts {
		lines, err := entryText(p.f)
		if err != nil {
			return "", err
		}
		if p.rank != 1 && strings.TrimSpace(strings.Join(lines, "")) == "" {
			continue
		}
		out.WriteString("【" + p.name + "】\n")
		for _, l := range lines {
			out.WriteString(l)
			out.WriteByte('\n')
		}
	}
	return out.String(), nil
}

// entryText returns the lines of one XML part of the zip, read as a
// stream; archive/zip holds the entry to the size its directory states.
func entryText(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return partText(bufio.NewReaderSize(rc, 64<<10))
}

// partText returns the lines of one XML part.
func partText(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	var (
		lines []string
		paras []*strings.Builder // open paragraphs, innermost last
		cells []*[]string        // open cells: their paragraph texts
		rows  []*[]string        // open rows: their cell texts
		inT   int
		skip  int // depth inside mc:Fallback (duplicate content)
	)
	isW := func(n xml.Name, local string) bool {
		return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
	}
	emit := func(s string) {
		if len(cells) > 0 {
			c := cells[len(cells)-1]
			*c = append(*c, s)
			return
		}
		lines = append(lines, s)
	}
	write := func(s string) {
		if len(paras) > 0 {
			paras[len(paras)-1].WriteString(s)
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if skip > 0 || tok.Name.Space == nsMC && tok.Name.Local == "Fallback" {
				skip++
				continue
			}
			switch {
			case isW(tok.Name, "p"):
				paras = append(paras, &strings.Builder{})
			case isW(tok.Name, "t"):
				inT++
			case isW(tok.Name, "tab"):
				if len(cells) > 0 {
					write(" ")
				} else {
					write("\t")
				}
			case isW(tok.Name, "br"), isW(tok.Name, "cr"):
				if len(cells) > 0 {
					write(" ")
				} else {
					write("\n")
				}
			case isW(tok.Name, "tr"):
				rows = append(rows, &[]string{})
			case isW(tok.Name, "tc"):
				cells = append(cells, &[]string{})
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch {
			case isW(tok.Name, "p"):
				if len(paras) > 0 {
					s := paras[len(paras)-1].String()
					paras = paras[:len(paras)-1]
					emit(s)
				}
			case isW(tok.Name, "t"):
				inT--
			case isW(tok.Name, "tc"):
				if len(cells) > 0 {
					c := cells[len(cells)-1]
					cells = cells[:len(cells)-1]
					var nonEmpty []string
					for _, s := range *c {
						if strings.TrimSpace(s) != "" {
							nonEmpty = append(nonEmpty, s)
						}
					}
					if len(rows) > 0 {
						r := rows[len(rows)-1]
						*r = append(*r, strings.Join(nonEmpty, " "))
					}
				}
			case isW(tok.Name, "tr"):
				if len(rows) > 0 {
					r := rows[len(rows)-1]
					rows = rows[:len(rows)-1]
					if len(cells) > 0 {
						emit(strings.Join(*r, " "))
					} else {
						emit(strings.Join(*r, "\t"))
					}
				}
			}
		case xml.CharData:
			if inT > 0 && skip == 0 {
				write(string(tok))
			}
		}
	}
	return lines, nil
}
