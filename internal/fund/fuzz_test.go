package fund

import (
	"os"
	"path/filepath"
	"testing"

	"ipfund/internal/diag"
	"ipfund/internal/timebound"
)

// FuzzDecodeFile feeds arbitrary text to the data-file decoder: it must
// never panic, whatever staff (or a broken editor) put in a file, and no
// input may take over timebound.PerInput.
func FuzzDecodeFile(f *testing.F) {
	// Small seeds: the fuzzer spends its time minimising every interesting
	// input, which is slow on the 40 KB files of a real year.
	names, _ := DataFiles(filepath.Join("..", "cli", "testdata", "base", "2020"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "[fund]\nname = 1", "[[indicator]]\n[[indicator.part]]\nscore = 1e400",
		"a = [ { b = [ { c = 1 } ] } ]", "x = '''\n'''''", "[a.\"b.c\"]\nd = 0x10",
		"[subproject]\nno = 99999999999999999999", "[detail]\ngroup = [ { rows = [ {} ] } ]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var fl *file
		var ds diag.List
		timebound.Run(t, timebound.PerInput, src, func() { fl, ds = decodeFile("f.toml", src) })
		if fl == nil && len(ds) == 0 {
			t.Fatal("no file and no diagnostic")
		}
		for _, d := range ds {
			if d.Msg == "" {
				t.Fatalf("empty message: %+v", d)
			}
		}
	})
}
