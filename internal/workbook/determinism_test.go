package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDeterministic builds each workbook several times, also under another
// local time zone, and requires the same bytes; the package has fixed entry
// times and order and no run-time or library properties.
func TestDeterministic(t *testing.T) {
	builds := map[string]func() ([]byte, error){
		"scoring":    func() ([]byte, error) { return Scoring(result2019(t)) },
		"allocation": func() ([]byte, error) { return Allocation(sampleTitle, sampleResult(t)) },
	}
	for name, build := range builds {
		t.Run(name, func(t *testing.T) {
			first, err := build()
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				again, err := build()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(first, again) {
					t.Fatalf("build %d differs from the first", i+2)
				}
			}
			saved := time.Local
			time.Local = time.FixedZone("UTC+13", 13*3600)
			elsewhere, err := build()
			time.Local = saved
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, elsewhere) {
				t.Fatal("the build differs under another local time zone")
			}
			checkPackage(t, first)
		})
	}
}

// checkPackage looks inside the zip: fixed times, the fixed order, and
// properties with neither a date nor excelize's name.
func checkPackage(t *testing.T, b []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		if !zf.Modified.Equal(zipTime) {
			t.Errorf("%s modified %v, want %v", zf.Name, zf.Modified, zipTime)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		for _, bad := range []string{"xuri", "Excelize", "excelize", "dcterms:created", "dcterms:modified"} {
			if strings.HasPrefix(zf.Name, "docProps/") && strings.Contains(s, bad) {
				t.Errorf("%s contains %q: %s", zf.Name, bad, s)
			}
		}
	}
	if names[0] != "[Content_Types].xml" || !slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(partKey(a), partKey(b)) }) {
		t.Errorf("entries in the wrong order: %q", names)
	}
}

func TestPartKeyNumericOrder(t *testing.T) {
	names := []string{"xl/worksheets/sheet10.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml"}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(partKey(a), partKey(b)) })
	want := []string{"[Content_Types].xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet10.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("order %q, want %q", names, want)
	}
}
