package docx

import (
	"archive/zip"
	"bufio"
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
	// raw is the content of the relationships and content types, which
	// charts add to.
	raw []byte
}

// newCopied prepares a zip entry whose content is copied unchanged.
func newCopied(name string, data []byte) (zipEntry, error) {
	if len(name) > 0 && name[len(name)-1] == '/' {
		return zipEntry{name: name, dir: true}, nil
	}
	comp, err := deflate(data, flate.DefaultCompression)
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
// Copied entries were compressed once at Parse, filled parts while they were
// rendered; both go in raw. A filled part keeps the data descriptor that
// zip.Writer gives an entry it compresses itself, so the archive is the same
// as if the part had been written through it.
func writeZip(w io.Writer, entries []zipEntry, rendered map[*partTmpl]compressed) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	zw := zip.NewWriter(bw)
	for _, e := range entries {
		switch {
		case e.dir:
			if _, err := zw.CreateRaw(header(e.name, zip.Store)); err != nil {
				return err
			}
		case e.part != nil:
			c := rendered[e.part]
			fh := header(e.name, zip.Deflate)
			fh.Flags |= 0x8 // data descriptor
			fh.CRC32, fh.UncompressedSize64, fh.CompressedSize64 = c.crc, c.size, uint64(len(c.data))
			fw, err := zw.CreateRaw(fh)
			if err != nil {
				return err
			}
			if _, err := fw.Write(c.data); err != nil {
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
