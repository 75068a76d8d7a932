package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

func executeBytes(t *testing.T, tp *Template, data any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tp.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	tmpl := testDoc{body: P("{{range .Funds}}") + P("{{.Name}}") + P("{{end}}"), header: P("{{.Title}}"), core: true}.build(t)
	tp, err := Parse("t", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := executeBytes(t, tp, sample())
	b := executeBytes(t, tp, sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two executions differ")
	}
	tp2, err := Parse("t", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, executeBytes(t, tp2, sample())) {
		t.Fatal("a second Parse gives different output")
	}

	old := time.Local
	defer func() { time.Local = old }()
	for _, zone := range []string{"Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = time.FixedZone(zone, 13*3600)
		}
		time.Local = loc
		tp3, err := Parse("t", tmpl, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, executeBytes(t, tp3, sample())) {
			t.Errorf("output depends on the time zone (%s)", zone)
		}
	}
}

func TestZipHeaders(t *testing.T) {
	tmpl := testDoc{body: P("{{.Title}}"), core: true}.build(t)
	tp, err := Parse("t", tmpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := executeBytes(t, tp, sample())
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Comment != "" {
		t.Errorf("zip comment %q", zr.Comment)
	}
	want := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range zr.File {
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d", f.Name, f.Method)
		}
		if f.Comment != "" {
			t.Errorf("%s: comment", f.Name)
		}
		// Without an extended timestamp the reader reports the MS-DOS
		// time as UTC.
		if !f.Modified.Equal(want) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
	}
	// No extended-timestamp (0x5455) block anywhere in local headers.
	for i := 0; i+4 <= len(out); i++ {
		if binary.LittleEndian.Uint32(out[i:]) != 0x04034b50 {
			continue
		}
		nameLen := int(binary.LittleEndian.Uint16(out[i+26:]))
		extraLen := int(binary.LittleEndian.Uint16(out[i+28:]))
		if extraLen != 0 {
			t.Errorf("local header at %d has %d bytes of extra fields (name %q)", i, extraLen, out[i+30:i+30+nameLen])
		}
	}
}

func TestExecuteWritesNothingOnError(t *testing.T) {
	tp, err := Parse("t", testDoc{body: P("{{.Title}}"), footer: P("{{.Nope}}")}.build(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tp.Execute(&buf, sample()); err == nil || buf.Len() != 0 {
		t.Fatalf("err %v, %d bytes written", err, buf.Len())
	}
}
