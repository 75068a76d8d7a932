package alloc

import (
	"os"
	"path/filepath"
	"testing"

	"ipfund/internal/diag"
	"ipfund/internal/timebound"
)

// FuzzLoadAllocation feeds arbitrary text to the allocation loader: it must
// never panic, every diagnostic must say something, and a plan it accepts
// must allocate, adding up to its total. Loading and allocating one input
// may not take over timebound.PerInput.
func FuzzLoadAllocation(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.toml"))
	for _, name := range append(files, samplePath) {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "[allocation]", "[allocation]\ntotal = 1e400", "factor = []\ncity = []",
		"[[city]]\nvalues = { \"a.b\" = 1, c = { d = 2 } }", "[[city]]\n[city.values]\nx = 1",
		"[allocation]\ntitle = \"t\"\nregion = \"r\"\nyear = 1\ntotal = 1e-30\nunit = \"元\"\nquantum = 1e-40",
		"[allocation]\ntitle = \"t\"\nregion = \"r\"\nyear = 1\ntotal = 1\nunit = \"元\"\n[[city]]\nname = \"a\"\nvalues = {}\nperformance = 0\nhardship = 0",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var p *Plan
		var ds diag.List
		timebound.Run(t, timebound.PerInput, src, func() {
			p, ds = load(filepath.Join("data", "2023", FileName), src)
			if p != nil {
				p.Allocate()
			}
		})
		if p == nil && !ds.HasErrors() {
			t.Fatal("no plan and no error")
		}
		for _, d := range ds {
			if d.Msg == "" {
				t.Fatalf("empty message: %+v", d)
			}
		}
		if p == nil {
			return
		}
		r, err := p.Allocate()
		if err != nil {
			t.Fatalf("a loaded plan failed to allocate: %v", err)
		}
		if !r.AmountSum.Equal(p.Input.Total) {
			t.Fatalf("amounts add up to %s, total %s", r.AmountSum, p.Input.Total)
		}
	})
}
