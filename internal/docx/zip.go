package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"unicode/utf8"
)

// dosDate1980 is 1980-01-01 in MS-DOS date format, the earliest a zip can
// express. Every entry carries it (at 00:00:00) so output depends only on
// the inputs.
const dosDate1980 = 1<<5 | 1

// zipEntry is one entry of the output zip, in the template's order.
type zipEntry struct {
	name string
	dir  bool
	// Copied entries are compressed once at Parse.
	comp []byte
	crc  uint32
	size uint64
	part *partTmpl // set for parts that are filled in
}

// deflate compresses data; the result depends only on data.
func deflate(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 64)
	fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newCopied prepares a zip entry whose content is copied unchanged.
func newCopied(name string, data []byte) (zipEntry, error) {
	if len(name) > 0 && name[len(name)-1] == '/' {
		return zipEntry{name: name, dir: true}, nil
	}
	comp, err := deflate(data)
	if err != nil {
		return zipEntry{}, err
	}
	return zipEntry{name: name, comp: comp, crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}, nil
}

// header makes a deterministic header. It writes the MS-DOS time fields
// directly and leaves Modified zero: setting FileHeader.Modified would make
// archive/zip add an extended-timestamp extra field, and no local time zone
// ever enters.
func header(name string, method uint16) *zip.FileHeader {
	fh := &zip.FileHeader{
		Name:           name,
		Method:         method,
		CreatorVersion: 20,
		ReaderVersion:  20,
		ModifiedDate:   dosDate1980, //nolint:staticcheck // see above
		ModifiedTime:   0,           //nolint:staticcheck
	}
	if !isASCII(name) && utf8.ValidString(name) {
		fh.Flags |= 0x800
	}
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

// writeZip writes the entries, with rendered holding the filled parts.
// Copied entries go in raw, compressed once at Parse; filled parts stream
// through the zip writer's compressor.
func writeZip(w io.Writer, entries []zipEntry, rendered map[*partTmpl]*chunks) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	zw := zip.NewWriter(bw)
	for _, e := range entries {
		switch {
		case e.dir:
			if _, err := zw.CreateRaw(header(e.name, zip.Store)); err != nil {
				return err
			}
		case e.part != nil:
			fw, err := zw.CreateHeader(header(e.name, zip.Deflate))
			if err != nil {
				return err
			}
			if _, err := rendered[e.part].WriteTo(fw); err != nil {
				return err
			}
		default:
			fh := header(e.name, zip.Deflate)
			fh.CRC32, fh.UncompressedSize64, fh.CompressedSize64 = e.crc, e.size, uint64(len(e.comp))
			fw, err := zw.CreateRaw(fh)
			if err != nil {
				return err
			}
			if _, err := fw.Write(e.comp); err != nil {
				return err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}
