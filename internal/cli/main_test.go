package cli

import (
	"os"
	"strings"
	"testing"
)

// TestMain removes what the tests leave outside their t.TempDir: the
// program binary, shared by the tests that run it as a process.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// shellQuote quotes a path for sh (git runs its textconv through the
// shell), whatever spaces or quotes the temporary directory has.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
