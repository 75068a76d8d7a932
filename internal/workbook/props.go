package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ipfund/internal/limits"
)

// docProps are the document properties written to docProps/core.xml. There
// is deliberately no date: a build time would make every regeneration
// differ, and a made-up date would be wrong. Nor is there an application
// name: the workbook is the bureau's, not a library's.
type docProps struct {
	title   string
	subject string
	creator string // the department, or empty
}

// zipTime is the modification time of every zip entry. A fixed UTC time
// keeps the archive independent of the clock and the local time zone; it is
// the earliest time a zip (MS-DOS) timestamp can hold.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// finish rewrites the package excelize produced so that it is
// byte-for-byte reproducible: entries in a fixed order (excelize writes
// streamed sheets in map order) with a fixed time, and our own document
// properties instead of excelize's (creator "xuri", application
// "Go Excelize", dates of 2006). The other entries are copied as excelize
// compressed them, without inflating them again.
func finish(pkg []byte, p docProps) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	var names []string
	// What build writes, ipfund text must read: the same limits.
	var total uint64
	for _, zf := range zr.File {
		if total += zf.UncompressedSize64; zf.UncompressedSize64 > limits.OutputPart || total > limits.OutputDocument {
			return nil, fmt.Errorf("工作簿过大：超过单个部件 %d MB、整个文件 %d MB 的上限，可能是明细表的行数过多", limits.OutputPart>>20, limits.OutputDocument>>20)
		}
	}
	for _, zf := range zr.File {
		if _, dup := files[zf.Name]; dup {
			return nil, fmt.Errorf("工作簿中重复的部件 %s", zf.Name)
		}
		files[zf.Name] = zf
		names = append(names, zf.Name)
	}
	ours := map[string][]byte{
		"docProps/core.xml": coreXML(p),
		"docProps/app.xml":  []byte(xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TotalTime>0</TotalTime></Properties>`),
	}
	for _, n := range []string{"docProps/core.xml", "docProps/app.xml"} {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	// A chart makes excelize declare the image types from a map, in a
	// different order on every run.
	if zf := files["[Content_Types].xml"]; zf != nil {
		data, err := readAll(zf)
		if err != nil {
			return nil, err
		}
		ours["[Content_Types].xml"] = sortedContentTypes(data)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(partKey(a), partKey(b)) })

	var buf bytes.Buffer
	buf.Grow(len(pkg) + 4<<10)
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		zf := files[n]
		data, own := ours[n]
		if !own && zf.Method == zip.Deflate {
			r, err := zf.OpenRaw()
			if err != nil {
				return nil, err
			}
			w, err := zw.CreateRaw(entryHeader(n, zf.CRC32, zf.CompressedSize64, zf.UncompressedSize64))
			if err != nil {
				return nil, err
			}
			if _, err := io.Copy(w, r); err != nil {
				return nil, err
			}
			continue
		}
		if !own {
			if data, err = readAll(zf); err != nil {
				return nil, err
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func readAll(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// entryHeader is the header zip.Writer.CreateHeader gives an entry named
// name, modified at zipTime, that it compresses itself (sizes and checksum
// in a data descriptor after the data), for an entry copied already
// compressed: the archive is the same either way.
func entryHeader(name string, crc uint32, compressed, size uint64) *zip.FileHeader {
	fh := &zip.FileHeader{
		Name: name, Method: zip.Deflate, Flags: 0x8,
		CreatorVersion: 20, ReaderVersion: 20,
		CRC32: crc, CompressedSize64: compressed, UncompressedSize64: size,
	}
	if !isASCII(name) && utf8.ValidString(name) {
		fh.Flags |= 0x800
	}
	// The MS-DOS time and the extended timestamp (Info-ZIP's "UT" field,
	// modification time only) of zipTime, as CreateHeader writes them.
	fh.ModifiedDate = uint16((zipTime.Year()-1980)<<9 | int(zipTime.Month())<<5 | zipTime.Day()) //nolint:staticcheck // see above
	fh.ModifiedTime = uint16(zipTime.Hour()<<11 | zipTime.Minute()<<5 | zipTime.Second()>>1)     //nolint:staticcheck
	fh.Extra = binary.LittleEndian.AppendUint16(nil, 0x5455)
	fh.Extra = binary.LittleEndian.AppendUint16(fh.Extra, 5)
	fh.Extra = append(fh.Extra, 1)
	fh.Extra = binary.LittleEndian.AppendUint32(fh.Extra, uint32(zipTime.Unix()))
	return fh
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// partOrder puts the parts a reader looks for first at the front, in the
// order Excel itself writes them.
var partOrder = []string{
	"[Content_Types].xml",
	"_rels/.rels",
	"docProps/app.xml",
	"docProps/core.xml",
	"xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
	"xl/styles.xml",
	"xl/theme/theme1.xml",
}

var digits = regexp.MustCompile(`[0-9]+`)

// partKey sorts the known parts first, then the rest by name with numbers
// compared as numbers (sheet2 before sheet10).
func partKey(name string) string {
	if i := slices.Index(partOrder, name); i >= 0 {
		return fmt.Sprintf("0%02d", i)
	}
	return "1" + digits.ReplaceAllStringFunc(name, func(d string) string {
		return fmt.Sprintf("%010s", d)
	})
}

func coreXML(p docProps) []byte {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(tag, text string) {
		if text == "" {
			return
		}
		b.WriteString("<" + tag + ">")
		_ = xml.EscapeText(&b, []byte(text))
		b.WriteString("</" + tag + ">")
	}
	elem("dc:title", p.title)
	elem("dc:subject", p.subject)
	elem("dc:creator", p.creator)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

var reContentType = regexp.MustCompile(`<(Default|Override)\s[^>]*?(?:/>|></(?:Default|Override)>)`)

// sortedContentTypes puts the declarations of [Content_Types].xml in a
// fixed order: the defaults by extension, then the overrides by part, as
// partKey orders the parts.
func sortedContentTypes(data []byte) []byte {
	s := string(data)
	open := strings.Index(s, "<Types")
	end := strings.LastIndex(s, "</Types>")
	if open < 0 || end < 0 {
		return data
	}
	openEnd := strings.IndexByte(s[open:], '>') + open + 1
	decls := reContentType.FindAllString(s[openEnd:end], -1)
	key := func(d string) string {
		if strings.HasPrefix(d, "<Default") {
			return "0" + attr(d, "Extension")
		}
		return "1" + partKey(strings.TrimPrefix(attr(d, "PartName"), "/"))
	}
	slices.SortStableFunc(decls, func(a, b string) int { return strings.Compare(key(a), key(b)) })
	return []byte(s[:openEnd] + strings.Join(decls, "") + s[end:])
}

// attr is the value of an attribute in a start tag.
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	return v[:strings.IndexByte(v, '"')]
}
