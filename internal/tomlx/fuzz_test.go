package tomlx

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"

	"ipfund/internal/timebound"
)

// FuzzScanner holds the scanner to what the limits rely on: on any text
// the parser accepts, it neither gives up (which would leave the rest of
// the file unchecked) nor counts differently from the index it builds, and
// it records a position for every key and value.
func FuzzScanner(f *testing.F) {
	// Small seeds: the fuzzer minimises every interesting input, which is
	// slow on the 40 KB files of a real year.
	files, _ := filepath.Glob(filepath.Join("..", "cli", "testdata", "base", "*", "*.toml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{sample, "a.\"b.c\".d = 1", "[ a . b ]\nx=1", "[[ a ]]\n[[a]]\nb = [ [1], {c = 2} ]",
		"s = '''x\ny'''\nt = \"\"\"a\\\n  b\"\"\"\"\"", "\ufeffa = 1979-05-27 07:32:00Z # c", "a = { b.c = 1, 'd' = [] }"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var m map[string]any
		var err error
		var c, s *scanner
		timebound.Run(t, timebound.PerInput, []byte(src), func() {
			if _, err = toml.Decode(src, &m); err == nil {
				c, s = check(src, nil), scan(src)
			}
		})
		if err != nil {
			return
		}
		if c.bailed || s.bailed {
			t.Fatalf("the scanner gave up on text the parser accepts: %q", src)
		}
		if c.over == nil && c.items != s.items {
			t.Fatalf("counted %d items, indexed %d", c.items, s.items)
		}
		if c.over == nil {
			walk(t, s, m, "")
		}
	})
}

// walk checks that every key of a parsed table has a position.
func walk(t *testing.T, s *scanner, v any, path string) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			p := joinKey(path, k)
			if _, ok := s.idx[p]; !ok {
				t.Fatalf("no position for %s", p)
			}
			walk(t, s, e, p)
		}
	case []map[string]any:
		for i, e := range v {
			walk(t, s, e, joinIndex(path, i))
		}
	case []any:
		for i, e := range v {
			p := joinIndex(path, i)
			if _, ok := s.idx[p]; !ok {
				t.Fatalf("no position for %s", p)
			}
			walk(t, s, e, p)
		}
	}
}
