package docx

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
)

// referenceText is what Text read parts with before it had its own
// scanner: encoding/xml, whose reading of XML is the reference.
func referenceText(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	var (
		lines []string
		paras []*strings.Builder
		cells []*[]string
		rows  []*[]string
		inT   int
		skip  int
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
			return "", err
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
				write(map[bool]string{true: " ", false: "\t"}[len(cells) > 0])
			case isW(tok.Name, "br"), isW(tok.Name, "cr"):
				write(map[bool]string{true: " ", false: "\n"}[len(cells) > 0])
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
					sep := "\t"
					if len(cells) > 0 {
						sep = " "
					}
					emit(strings.Join(*r, sep))
				}
			}
		case xml.CharData:
			if inT > 0 && skip == 0 {
				write(string(tok))
			}
		}
	}
	var out strings.Builder
	for _, l := range lines {
		out.WriteString(l + "\n")
	}
	return out.String(), nil
}

var textCases = []string{
	`<w:document ` + docNS + `><w:body><w:p><w:r><w:t>甲 &amp; 乙 &lt;丙&gt; &#x4E01;&#25103;</w:t></w:r></w:p></w:body></w:document>`,
	`<?xml version="1.0"?><!-- 注释 > --><x:document xmlns:x="` + nsW + `"><x:body><x:p><x:r><x:t xml:space="preserve"> 前缀不同 </x:t><x:tab/><x:t>后</x:t></x:r></x:p></x:body></x:document>`,
	`<w:document ` + docNS + `><w:body><w:p w14:paraId="1" a='it"s' b="it's > not the end"><w:r><w:t><![CDATA[<原样>]]></w:t><w:br/><w:t>第二行</w:t></w:r></w:p></w:body></w:document>`,
	`<w:document ` + docNS + ` xmlns:mc="` + nsMC + `"><w:body><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>选用</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>备用</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:body></w:document>`,
	`<w:document ` + docNS + `><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t><w:tab/><w:t>表</w:t></w:r></w:p></w:tc><w:tc/></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:body></w:document>`,
	"<w:document " + docNS + "><w:body><w:p><w:r><w:t>回车\r\n换行\r末</w:t></w:r></w:p><w:p xmlns:w=\"urn:other\"><w:r><w:t>别的命名空间</w:t></w:r></w:p></w:body></w:document>",
}

func TestTextScannerReadsAsEncodingXMLDoes(t *testing.T) {
	wants := []string{
		"甲 & 乙 <丙> 丁戏\n",
		" 前缀不同 \t后\n",
		"<原样>\n第二行\n",
		"选用\n",
		"a b\t内 表 \n",
		"回车\n换行\n末\n",
	}
	for i, c := range textCases {
		lw := &lineWriter{}
		_, err := partText(lw, strings.NewReader(c))
		got := lw.buf
		ref, rerr := referenceText(strings.NewReader(c))
		if err != nil || rerr != nil || string(got) != ref || ref != wants[i] {
			t.Errorf("case %d: got %q (%v), reference %q (%v), want %q", i, got, err, ref, rerr, wants[i])
		}
	}
}

// FuzzTextScanner holds the scanner to encoding/xml on whatever the latter
// reads without error, and to neither panicking nor hanging on the rest.
func FuzzTextScanner(f *testing.F) {
	for _, c := range textCases {
		f.Add(c)
	}
	declaration := regexp.MustCompile(`<!([^-\[]|-[^-]|\[[^C])`)
	f.Fuzz(func(t *testing.T, src string) {
		ref, err := referenceText(strings.NewReader(src))
		// Declarations (<!DOCTYPE …>) never occur in OOXML; how a
		// reader skips a malformed one is its own affair.
		if err != nil || declaration.MatchString(src) {
			partText(&lineWriter{}, strings.NewReader(src)) // must not panic or hang
			return
		}
		lw := &lineWriter{}
		_, err = partText(lw, strings.NewReader(src))
		got := lw.buf
		if err != nil || string(got) != ref {
			t.Fatalf("%q: got %q (%v), want %q", src, got, err, ref)
		}
	})
}
