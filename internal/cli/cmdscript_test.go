package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The double-click script is read by cmd.exe in the console's OEM code
// page, so it is kept ASCII (see its comment); and cmd.exe mis-reads labels
// in a file with bare LF line ends, so it keeps CRLF (.gitattributes).
// What it does is checked under wine in CI (.ci/run).
func TestDoubleClickScriptIsASCIIWithCRLF(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "生成报告.cmd"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range b {
		if c >= 0x80 || (c < 0x20 && c != '\r' && c != '\n') {
			t.Fatalf("byte %d is %#x: the script must be plain ASCII", i, c)
		}
	}
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines[:len(lines)-1] {
		if !bytes.HasSuffix(l, []byte("\r")) {
			t.Fatalf("line %d does not end in CRLF", i+1)
		}
	}
	for _, want := range []string{"cd /d \"%~dp0\"\r\n", "\"%IPFUND%\" build\r\n", "pause\r\n", "exit /b %CODE%\r\n"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the script lacks %q", want)
		}
	}
}
