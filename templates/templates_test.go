package templates

import (
	"bytes"
	"os"
	"testing"
)

// The built-in copies are the files of this folder, byte for byte: a
// binary built from a checkout makes what the checkout's templates make.
func TestBuiltInCopiesAreTheFolder(t *testing.T) {
	for _, name := range []string{"report.docx", "targets.docx", "allocation.docx", "fonts.conf"} {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Read(name)
		if err != nil {
			t.Fatalf("%s is not built in: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("built-in %s differs from the file", name)
		}
	}
	if _, err := Read("templates.go"); err == nil {
		t.Error("the package's source is built in; only templates should be")
	}
}
