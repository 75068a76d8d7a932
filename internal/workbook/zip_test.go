package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"testing"
)

// TestLevelZipChangesOnlyLongParts: parts up to fastPart come out byte for
// byte as archive/zip writes them; a longer one is deflated at BestSpeed
// and reads back whole.
func TestLevelZipChangesOnlyLongParts(t *testing.T) {
	var small, long bytes.Buffer
	for i := 0; small.Len() < 200<<10; i++ {
		fmt.Fprintf(&small, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>企业%d</t></is></c><c r="B%d"><v>%d.5</v></c></row>`, i, i, i, i, i*7)
	}
	for long.Len() <= fastPart+1000 {
		long.Write(small.Bytes())
	}
	write := func(z interface {
		Create(string) (io.Writer, error)
		Close() error
	}, parts ...[]byte) {
		for i, p := range parts {
			w, err := z.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
			if err != nil {
				t.Fatal(err)
			}
			for len(p) > 0 { // in chunks, as excelize copies
				n := min(len(p), 32<<10)
				w.Write(p[:n])
				p = p[n:]
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
	}
	var want, got bytes.Buffer
	write(zip.NewWriter(&want), small.Bytes(), []byte("<a/>"), small.Bytes())
	write(newLevelZip(&got), small.Bytes(), []byte("<a/>"), small.Bytes())
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("small parts: %d bytes, archive/zip writes %d", got.Len(), want.Len())
	}

	got.Reset()
	write(newLevelZip(&got), small.Bytes(), long.Bytes())
	zr, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var fast bytes.Buffer
	fw, _ := flate.NewWriter(&fast, flate.BestSpeed)
	fw.Write(long.Bytes())
	fw.Close()
	for i, f := range zr.File {
		r, _ := f.Open()
		data, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(data, [][]byte{small.Bytes(), long.Bytes()}[i]) {
			t.Errorf("%s does not read back: %v", f.Name, err)
		}
		if i == 1 && f.CompressedSize64 != uint64(fast.Len()) {
			t.Errorf("the long part is %d bytes compressed, %d at BestSpeed", f.CompressedSize64, fast.Len())
		}
	}
}
